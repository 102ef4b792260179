import { ApiFailure } from '../../../core/api';
import type { TargetScope } from '../../../core/report/targets';
import { getAgent, storedAgentId } from '../../../db/agents';
import { deleteGroup, getGroup, groupIdByName, listGroups, saveGroup } from '../../../db/groups';
import { listTargets, putTarget } from '../../../db/targets';
import { writeAudit } from '../../../db/workspace';
import { getWorkList } from '../../../db/worklists';
import { scopeNames } from '../targets';
import { getCampaign } from '../../../db/campaigns';
import { localDate, type HandlerContext } from '../context';
import { isoWeekOf } from '../../../core/calendar';
import { weekRange } from '../weeks';
import type { HandlerMap } from './types';

/** The scope as stored: a list's or group's id as its number's text; refused with the place named when it does not exist. */
function knownScope(ctx: HandlerContext, scope: TargetScope): TargetScope {
  const numeric = (): number => {
    const n = Number(scope.id);
    if (!Number.isSafeInteger(n)) throw new ApiFailure('invalid-input', scope.kind === 'list' ? 'api.no-list' : 'api.no-group', scope.kind === 'list' ? { listId: scope.id } : { groupId: scope.id }, { field: 'scope.id' });
    return n;
  };
  if (scope.kind === 'list') {
    const id = numeric();
    if (!getWorkList(ctx.db, id)) throw new ApiFailure('not-found', 'api.no-list', { listId: id }, { field: 'scope.id' });
    return { kind: 'list', id: String(id) };
  }
  if (scope.kind === 'group') {
    const id = numeric();
    if (!getGroup(ctx.db, id)) throw new ApiFailure('not-found', 'api.no-group', { groupId: id }, { field: 'scope.id' });
    return { kind: 'group', id: String(id) };
  }
  if (scope.kind === 'campaign') {
    const id = Number(scope.id);
    if (!Number.isSafeInteger(id) || !getCampaign(ctx.db, id)) throw new ApiFailure('not-found', 'api.no-such-campaign', { id: scope.id }, { field: 'scope.id' });
    return { kind: 'campaign', id: String(id) };
  }
  if (scope.kind === 'agent') {
    const agent = getAgent(ctx.db, scope.id);
    if (!agent) throw new ApiFailure('not-found', 'api.no-such-agents', { agents: scope.id }, { field: 'scope.id' });
    return { kind: 'agent', id: agent.id };
  }
  return scope;
}

export const groupHandlers = {
  'group-list': (ctx) => ({ items: listGroups(ctx.db) }),

  'group-save': (ctx, { id, name, agentIds: asked }) => {
    const at = ctx.now().toISOString();
    const saved = ctx.db.transaction(() => {
      if (id !== undefined && !getGroup(ctx.db, id)) throw new ApiFailure('not-found', 'api.no-group', { groupId: id }, { field: 'id' });
      const holder = groupIdByName(ctx.db, name);
      if (holder !== undefined && holder !== id) throw new ApiFailure('conflict', 'api.group-name-taken', { name }, { field: 'name' });
      // Each id as its account stores it (any case), looked up once; one not found is refused by name.
      const stored = new Map([...new Set(asked)].map((a) => [a, storedAgentId(ctx.db, a)]));
      const unknown = [...stored].filter(([, s]) => s === undefined).map(([a]) => a);
      if (unknown.length) throw new ApiFailure('invalid-input', 'api.no-such-agents', { agents: unknown.join(', ') }, { field: 'agentIds' });
      const agentIds = [...new Set(stored.values())] as string[];
      const groupId = saveGroup(ctx.db, { ...(id !== undefined ? { id } : {}), name, agentIds, at, by: ctx.caller.agentId });
      const group = getGroup(ctx.db, groupId)!;
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'group-save', target: `group ${groupId}`, detail: { name, agentIds: group.agentIds } });
      return group;
    })();
    ctx.emit('data-changed', { what: ['groups'], at });
    return { group: saved, created: id === undefined };
  },

  'group-delete': (ctx, { id }) => {
    const at = ctx.now().toISOString();
    ctx.db.transaction(() => {
      const group = getGroup(ctx.db, id);
      if (!group || !deleteGroup(ctx.db, id)) throw new ApiFailure('not-found', 'api.no-group', { groupId: id }, { field: 'id' });
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'group-delete', target: `group ${id}`, detail: { name: group.name, agentIds: group.agentIds } });
    })();
    ctx.emit('data-changed', { what: ['groups', 'targets'], at });
    return {};
  },

  'target-list': (ctx) => {
    const name = scopeNames(ctx);
    // The targets that hold now; an every-week target's earlier figures (until a week) are the reports' only.
    return { items: listTargets(ctx.db).filter((t) => t.untilWeek == null).map((t) => ({ ...t, fromWeek: t.fromWeek ?? null, name: name(t.scope) })) };
  },

  'target-save': (ctx, { scope: asked, week: askedWeek, contacts, successes }) => {
    const at = ctx.now().toISOString();
    // One spelling of a week (2026W48 → 2026-W48), so a week's own target is found again.
    const week = askedWeek === null ? null : weekRange(askedWeek).label;
    const target = ctx.db.transaction(() => {
      const scope = knownScope(ctx, asked);
      putTarget(ctx.db, { scope, week, contacts, successes, at, by: ctx.caller.agentId, thisWeek: isoWeekOf(localDate(ctx.now())) });
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'target-save', target: `${scope.kind} ${scope.id}`, detail: { week: week ?? 'every-week', contacts, successes } });
      const stored = listTargets(ctx.db).find((t) => t.scope.kind === scope.kind && t.scope.id === scope.id && t.week === week && t.untilWeek == null);
      return stored ? { ...stored, fromWeek: stored.fromWeek ?? null, name: scopeNames(ctx)(scope) } : null;
    })();
    ctx.emit('data-changed', { what: ['targets'], at });
    return { target };
  },
} satisfies Partial<HandlerMap>;
