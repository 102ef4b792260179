import type { Db } from './connection';
import { stmt } from './statements';

export interface TaskRow {
  id: number;
  msisdn: number;
  agent_id: string | null;
  status: string;
  priority: number;
  due_date: string | null;
  created_at: string;
  closed_at: string | null;
  attempt_count: number;
  last_attempt_at: string | null;
  callback_at: string | null;
}

export function insertTask(
  db: Db,
  t: { msisdn: string; agentId: string | null; dueDate: string | null; createdAt: string; priority?: number },
): number {
  const info = stmt(db, 'INSERT INTO tasks (msisdn, agent_id, due_date, created_at, priority) VALUES (?, ?, ?, ?, ?)')
    .run(Number(t.msisdn), t.agentId, t.dueDate, t.createdAt, t.priority ?? 0);
  return Number(info.lastInsertRowid);
}

export function updateTaskDerived(
  db: Db,
  taskId: number,
  d: { status: string; closedAt: string | null; attemptCount: number; lastAttemptAt: string | null; callbackAt: string | null },
): void {
  stmt(db,
    'UPDATE tasks SET status = ?, closed_at = ?, attempt_count = ?, last_attempt_at = ?, callback_at = ? WHERE id = ?',
  ).run(d.status, d.closedAt, d.attemptCount, d.lastAttemptAt, d.callbackAt, taskId);
}

/**
 * Closes as "expired" the open tasks due before `today` (local days) with no callback promised — exactly those
 * `deriveTaskStatus` calls expired, since an open task has no attempt that would have closed it. `closedAtOf`
 * gives the instant each due date lapsed. Returns how many tasks expired.
 */
export function expireTasksDueBefore(db: Db, today: string, closedAtOf: (dueDate: string) => string): number {
  const open = 'closed_at IS NULL AND callback_at IS NULL';
  const dates = stmt(db, `SELECT DISTINCT due_date FROM tasks WHERE ${open} AND due_date IS NOT NULL AND due_date < ?`).pluck().all(today) as string[];
  const expire = stmt(db, `UPDATE tasks SET status = 'expired', closed_at = ? WHERE ${open} AND due_date = ?`);
  return dates.reduce((n, d) => n + expire.run(closedAtOf(d), d).changes, 0);
}

export function getTask(db: Db, id: number): TaskRow | undefined {
  return stmt(db, 'SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
}

/** The open task of a subscriber, else the most recent closed one. */
export function currentTaskOf(db: Db, msisdn: string): TaskRow | undefined {
  return stmt(db, 'SELECT * FROM tasks WHERE msisdn = ? ORDER BY (closed_at IS NULL) DESC, created_at DESC, id DESC LIMIT 1')
    .get(Number(msisdn)) as TaskRow | undefined;
}

export interface QueueFilter {
  offset: number;
  limit: number;
  listId?: number;
  listType?: string;
  level?: string;
  status?: string;
  agentId?: string | null;
  /** UTC ISO now: callbacks whose time has come sort first. */
  now: string;
}

export interface QueueRow extends TaskRow {
  live_status: string;
  level: string | null;
  score: number | null;
  unjudged: number | null;
  p_churn: number | null;
  model_version: number | null;
  name: string | null;
  tier: string | null;
  plan_name: string | null;
  do_not_disturb: number | null;
  last_marketed: string | null;
  lists: string; // JSON array of {id,name,type}
}

/**
 * One page of tasks in queue order: callbacks whose time has come first (by their time), then by priority.
 * Two index-ordered reads instead of one sort over every open task: the due callbacks are few, and the rest
 * walk the (closed_at, priority DESC, id) index, so a page costs the same with a million tasks as with a
 * thousand. Closed tasks appear only when asked for by status.
 */
export function queuePage(db: Db, f: QueueFilter): { total: number; rows: QueueRow[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = { now: f.now };
  if (f.status) {
    where.push('t.status = @status');
    params.status = f.status;
  } else {
    where.push('t.closed_at IS NULL');
  }
  if (f.listId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM list_members lm WHERE lm.task_id = t.id AND lm.list_id = @listId)');
    params.listId = f.listId;
  }
  if (f.listType !== undefined) {
    where.push('EXISTS (SELECT 1 FROM list_members lm JOIN work_lists w ON w.id = lm.list_id WHERE lm.task_id = t.id AND w.list_type = @listType)');
    params.listType = f.listType;
  }
  if (f.level !== undefined) {
    where.push('EXISTS (SELECT 1 FROM subscriber_scores l WHERE l.msisdn = t.msisdn AND l.level = @level)');
    params.level = f.level;
  }
  if (f.agentId) {
    where.push('t.agent_id = @agentId');
    params.agentId = f.agentId;
  }
  const base = where.join(' AND ');
  const dueCallback = 't.callback_at IS NOT NULL AND t.callback_at <= @now AND t.closed_at IS NULL';
  // A callback becomes due by the clock, not by a write: the status shown is computed at read time.
  const select = `SELECT t.*, CASE WHEN ${dueCallback} THEN 'callback_due' ELSE t.status END AS live_status, s.name, s.tier, s.plan_name, s.do_not_disturb, s.last_marketed, sc.level, sc.score, sc.unjudged, sc.p_churn, sc.model_version,
      (SELECT json_group_array(json_object('id', w.id, 'name', w.name, 'type', w.list_type))
         FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.task_id = t.id) AS lists
    FROM tasks t JOIN subscribers s ON s.msisdn = t.msisdn LEFT JOIN subscriber_scores sc ON sc.msisdn = t.msisdn`;

  // The plain open queue (all, or one agent's) is counted by triggers (migration 005); filtered views count.
  const total =
    !f.status && f.listId === undefined && f.listType === undefined && f.level === undefined
      ? ((f.agentId
          ? stmt(db, 'SELECT ifnull(sum(n), 0) AS n FROM open_task_counts WHERE agent_id = ?').get(f.agentId)
          : stmt(db, 'SELECT ifnull(sum(n), 0) AS n FROM open_task_counts').get()) as { n: number }).n
      : (stmt(db, `SELECT count(*) AS n FROM tasks t WHERE ${base}`).get(params) as { n: number }).n;
  // INDEXED BY: left to itself the planner walks every open task by closed_at and filters.
  const due = stmt(
    db,
    `${select.replace('FROM tasks t', 'FROM tasks t INDEXED BY tasks_callbacks')} WHERE ${base} AND ${dueCallback} ORDER BY t.callback_at, t.id`,
  ).all(params) as QueueRow[];
  const rows = due.slice(f.offset, f.offset + f.limit);
  const restOffset = Math.max(0, f.offset - due.length);
  const restLimit = f.limit - rows.length;
  if (restLimit > 0) {
    rows.push(
      ...(stmt(db, `${select} WHERE ${base} AND NOT (${dueCallback}) ORDER BY t.closed_at, t.priority DESC, t.id LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit: restLimit,
        offset: restOffset,
      }) as QueueRow[]),
    );
  }
  return { total, rows };
}

/** An open task whose call-back time falls in (after, until]: the moment its agent should be told. */
export interface DueCallbackRow {
  id: number;
  agent_id: string | null;
  msisdn: number;
  name: string | null;
  callback_at: string;
}

export function callbacksComingDue(db: Db, after: string, until: string): DueCallbackRow[] {
  return stmt(
    db,
    `SELECT t.id, t.agent_id, t.msisdn, s.name, t.callback_at FROM tasks t INDEXED BY tasks_callbacks
     LEFT JOIN subscribers s ON s.msisdn = t.msisdn
     WHERE t.callback_at IS NOT NULL AND t.closed_at IS NULL AND t.callback_at > ? AND t.callback_at <= ?
     ORDER BY t.callback_at, t.id LIMIT 500`,
  ).all(after, until) as DueCallbackRow[];
}
