import type { AssignableTask } from '../core/worklist/assign';
import type { Db } from './connection';
import { stmt } from './statements';

/**
 * The open tasks a supervisor is assigning — of a list, or hand-picked — with the subscriber's columns that can
 * name an agent (manager, hall and the file's extra columns). Closed tasks are never reassigned.
 */
export function assignableTasks(db: Db, scope: { listId?: number; taskIds?: readonly number[]; onlyUnassigned: boolean }): AssignableTask[] {
  const where = ['t.closed_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (scope.listId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM list_members m WHERE m.task_id = t.id AND m.list_id = @listId)');
    params.listId = scope.listId;
  }
  if (scope.taskIds) {
    where.push('t.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(scope.taskIds);
  }
  if (scope.onlyUnassigned) where.push('t.agent_id IS NULL');
  const rows = stmt(db, `SELECT t.id, t.agent_id, s.manager, s.hall, s.extra FROM tasks t JOIN subscribers s ON s.msisdn = t.msisdn WHERE ${where.join(' AND ')} ORDER BY t.priority DESC, t.id`).all(params) as {
    id: number;
    agent_id: string | null;
    manager: string | null;
    hall: string | null;
    extra: string;
  }[];
  return rows.map((r) => ({ id: r.id, agentId: r.agent_id, values: { ...(JSON.parse(r.extra) as Record<string, string | number | null>), manager: r.manager, hall: r.hall } }));
}

/** Gives open tasks to agents (the open-task counts follow by trigger); returns how many changed hands. */
export function applyAssignments(db: Db, assignments: readonly { taskId: number; agentId: string }[]): number {
  const update = stmt(db, 'UPDATE tasks SET agent_id = ? WHERE id = ? AND closed_at IS NULL AND agent_id IS NOT ?');
  let changed = 0;
  for (const a of assignments) changed += update.run(a.agentId, a.taskId, a.agentId).changes;
  return changed;
}
