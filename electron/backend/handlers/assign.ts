import { ApiFailure } from '../../../core/api';
import { planAssignment } from '../../../core/worklist/assign';
import { agentsWithLoad } from '../../../db/agents';
import { applyAssignments, assignableTasks } from '../../../db/assign';
import { writeAudit } from '../../../db/workspace';
import { agentToView } from '../views';
import type { HandlerMap } from './types';

export const assignHandlers = {
  'agent-list': (ctx) => ({
    items: agentsWithLoad(ctx.db).map(agentToView),
  }),

  'task-assign': (ctx, { listId, taskIds, mode, onlyUnassigned }) => {
    const agents = agentsWithLoad(ctx.db).filter((a) => a.active === 1);
    const known = new Set(agents.map((a) => a.id));
    const named = mode.kind === 'to' ? [mode.agentId] : mode.kind === 'evenly' ? mode.agentIds : [];
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length) throw new ApiFailure('invalid-input', 'api.no-such-agents', { agents: unknown.join(', ') }, { field: 'agentIds' });
    return ctx.db.transaction(() => {
      const tasks = assignableTasks(ctx.db, { ...(listId !== undefined ? { listId } : {}), ...(taskIds ? { taskIds } : {}), onlyUnassigned });
      const plan = planAssignment(
        tasks,
        agents.map((a) => ({ id: a.id, name: a.name, hall: a.hall, openTasks: a.open_tasks })),
        mode,
      );
      const assigned = applyAssignments(ctx.db, plan.assignments);
      const perAgent: Record<string, number> = {};
      for (const a of plan.assignments) perAgent[a.agentId] = (perAgent[a.agentId] ?? 0) + 1;
      writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'task-assign', target: listId !== undefined ? `list ${listId}` : `${taskIds!.length} tasks`, detail: { mode: mode.kind, assigned, unmatched: plan.unmatched.length } });
      return { considered: tasks.length, assigned, perAgent, unmatched: plan.unmatched, blank: plan.blank };
    })();
  },
} satisfies Partial<HandlerMap>;
