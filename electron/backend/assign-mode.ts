import { ApiFailure } from '../../core/api';
import type { AssignMode } from '../../core/worklist/assign';
import type { Db } from '../../db/connection';
import { getGroup } from '../../db/groups';

/** An assignment rule as the contract gives it: the plan's own modes, or evenly to an agent group (issue 17 #5). */
export type AssignRequest = AssignMode | { kind: 'group'; groupId: number };

/**
 * The plan's mode for a request: a group is its active members, evenly — the one evenly rule of `planAssignment`
 * (core/worklist/assign.ts), on the members as they are now (an account turned off is left out, as from any evenly
 * assignment). For every caller that assigns (the assign dialog, campaigns), so a group means the same everywhere.
 * An unknown group, or one with no active member, is refused in words; so are agents named who are not active
 * accounts (`agentsField`: where the caller's input names them).
 */
export function resolveAssignMode(db: Db, request: AssignRequest, activeAgentIds: ReadonlySet<string>, agentsField = 'agentIds'): AssignMode {
  if (request.kind !== 'group') {
    const named = request.kind === 'to' ? [request.agentId] : request.kind === 'evenly' ? request.agentIds : [];
    const unknown = named.filter((id) => !activeAgentIds.has(id));
    if (unknown.length) throw new ApiFailure('invalid-input', 'api.no-such-agents', { agents: unknown.join(', ') }, { field: agentsField });
    return request;
  }
  const group = getGroup(db, request.groupId);
  if (!group) throw new ApiFailure('not-found', 'api.no-group', { groupId: request.groupId }, { field: 'mode.groupId' });
  const members = group.agentIds.filter((id) => activeAgentIds.has(id));
  if (!members.length) throw new ApiFailure('invalid-input', 'api.group-no-active-members', { name: group.name }, { field: 'mode.groupId' });
  return { kind: 'evenly', agentIds: members };
}
