import { loadsAfter, planAssignment, tasksPerAgent } from '../../../core/worklist/assign';
import { agentsWithLoad } from '../../../db/agents';
import { applyAssignments, assignableTasks } from '../../../db/assign';
import { writeAudit } from '../../../db/workspace';
import { resolveAssignMode } from '../assign-mode';
import type { HandlerContext } from '../context';
import { agentToView } from '../views';
import type { HandlerMap } from './types';

/** The plan for an assignment and what it would do to everyone's load; one rule for the preview and the real thing. */
function planFor(ctx: HandlerContext, { listId, taskIds, mode: asked, onlyUnassigned }: Parameters<HandlerMap['task-assign']>[1]) {
  const agents = agentsWithLoad(ctx.db).filter((a) => a.active === 1);
  const known = new Set(agents.map((a) => a.id));
  // A group is its active members, evenly; agents named must be active accounts (assign-mode.ts).
  const mode = resolveAssignMode(ctx.db, asked, known);
  const named = mode.kind === 'to' ? [mode.agentId] : mode.kind === 'evenly' ? mode.agentIds : [];
  const tasks = assignableTasks(ctx.db, { ...(listId !== undefined ? { listId } : {}), ...(taskIds ? { taskIds } : {}), onlyUnassigned });
  const pool = agents.map((a) => ({ id: a.id, name: a.name, hall: a.hall, openTasks: a.open_tasks }));
  const plan = planAssignment(tasks, pool, mode);
  const perAgent = tasksPerAgent(plan.assignments);
  const owner = new Map(tasks.map((t) => [t.id, t.agentId]));
  const changing = plan.assignments.filter((a) => owner.get(a.taskId) !== a.agentId).length;
  const result = { considered: tasks.length, assigned: changing, perAgent, unmatched: plan.unmatched, blank: plan.blank, loads: loadsAfter(tasks, pool, plan, named) };
  return { tasks, plan, result };
}

export const assignHandlers = {
  'agent-list': (ctx) => ({
    items: agentsWithLoad(ctx.db).map((a) => agentToView(a, ctx.sessions.lockedUntil(a.id))),
  }),

  'task-assign': (ctx, input) =>
    ctx.db.transaction(() => {
      const { tasks, plan, result } = planFor(ctx, input);
      const assigned = applyAssignments(ctx.db, plan.assignments);
      const { listId, taskIds, mode } = input;
      // To whom and from whom, counted over the tasks that changed hands ('' = nobody had it): an entry that named
      // nobody said nothing of a reassignment (found by a new supervisor).
      const owner = new Map(tasks.map((t) => [t.id, t.agentId]));
      const assignedTo: Record<string, number> = {};
      const takenFrom: Record<string, number> = {};
      for (const a of plan.assignments) {
        const before = owner.get(a.taskId) ?? null;
        if (before === a.agentId) continue;
        assignedTo[a.agentId] = (assignedTo[a.agentId] ?? 0) + 1;
        takenFrom[before ?? ''] = (takenFrom[before ?? ''] ?? 0) + 1;
      }
      writeAudit(ctx.db, {
        at: ctx.now().toISOString(),
        agentId: ctx.caller.agentId,
        action: 'task-assign',
        target: listId !== undefined ? `list ${listId}` : `${taskIds!.length} tasks`,
        detail: { mode: mode.kind, ...(mode.kind === 'group' ? { groupId: mode.groupId } : {}), assigned, unmatched: plan.unmatched.length, assignedTo, takenFrom },
      });
      return { ...result, considered: tasks.length, assigned };
    })(),

  // The same plan, nothing written: the dialog shows who gets how many before the supervisor commits.
  'task-assign-preview': (ctx, input) => planFor(ctx, input).result,
} satisfies Partial<HandlerMap>;
