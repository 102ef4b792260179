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
  /** Queue block (migration 010): null when callable, else when it lifts. Set through setBlockedUntil; cleared on closing (a trigger). */
  blocked_until: string | null;
  /** A follow-up task (migration 018): the accepted attempt it follows, its kind, offer and the local date it falls due. */
  follow_up_of: string | null;
  follow_up_kind: string | null;
  follow_up_offer: string | null;
  follow_up_on: string | null;
}

export function insertTask(
  db: Db,
  t: { msisdn: string; agentId: string | null; dueDate: string | null; createdAt: string; priority?: number },
): number {
  const info = stmt(db, 'INSERT INTO tasks (msisdn, agent_id, due_date, created_at, priority) VALUES (?, ?, ?, ?, ?)')
    .run(Number(t.msisdn), t.agentId, t.dueDate, t.createdAt, t.priority ?? 0);
  return Number(info.lastInsertRowid);
}

/** Gives the task to `agentId` (an import's repeated row naming another agent for the task it opened). */
export function reassignTask(db: Db, taskId: number, agentId: string): void {
  stmt(db, 'UPDATE tasks SET agent_id = ? WHERE id = ? AND agent_id IS NOT ?').run(agentId, taskId, agentId);
}

/**
 * The follow-up task an accepted offer requires (issue 17 #4): on the same customer, due `dueDate`, held back in the
 * queue until `on` (the contact policy's follow-up-not-yet). One per accepted attempt (a unique index), and the
 * caller has checked the customer has no open task (one open task per customer).
 */
export function insertFollowUpTask(
  db: Db,
  t: { msisdn: string; agentId: string | null; dueDate: string; createdAt: string; followUpOf: string; kind: string; offerCode: string; on: string },
): number {
  const info = stmt(
    db,
    'INSERT INTO tasks (msisdn, agent_id, due_date, created_at, follow_up_of, follow_up_kind, follow_up_offer, follow_up_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(Number(t.msisdn), t.agentId, t.dueDate, t.createdAt, t.followUpOf, t.kind, t.offerCode, t.on);
  return Number(info.lastInsertRowid);
}

/**
 * A task opened by a call-back the customer asked for when they had no open task (handlers/attempts.ts): on no work
 * list, with no due date (the attempt limit ends it, or the customer's word), held by whoever booked it.
 */
export function insertCallbackTask(db: Db, t: { msisdn: string; agentId: string | null; createdAt: string }): number {
  const info = stmt(db, 'INSERT INTO tasks (msisdn, agent_id, due_date, created_at) VALUES (?, ?, NULL, ?)').run(Number(t.msisdn), t.agentId, t.createdAt);
  return Number(info.lastInsertRowid);
}

/** Whether the workspace holds the customer (a number on some work list, now or before). */
export function subscriberStored(db: Db, msisdn: string): boolean {
  return stmt(db, 'SELECT 1 FROM subscribers WHERE msisdn = ?').get(Number(msisdn)) !== undefined;
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
 * The subscriber's facts the contact policy reads (core/contact/policy.ts SubscriberContactFacts), as columns of a
 * query over `tasks t JOIN subscribers s`: the work-list columns, and our own last sales conversation with the
 * customer on another task (accepted or declined, any channel), for "marketed on any channel within …".
 */
const contactFactColumns = (ownTask: string) =>
  `${subscriberContactFields.map((f) => `s.${f}`).join(', ')}, ${lastContactedByUs('s.msisdn', ownTask)}, ${contactRefusedAt('s.msisdn')}, ${churnLoggedAt('s.msisdn')}`;

/** The subscriber columns the contact policy reads (core/contact/policy.ts SubscriberContactFacts). */
export const subscriberContactFields = ['do_not_disturb', 'last_marketed', 'cancelled_after_open', 'trial_start', 'trial_ordered', 'last_unsubscribed', 'porting_apply_date', 'churned', 'churn_date'] as const;

/**
 * When an agent logged the customer as gone (已离网) after the customer's row was last imported: a later file that still
 * lists them says they are back. One seek in the partial index of churned attempts (migration 033).
 */
const churnLoggedAt = (msisdn: string) =>
  `(SELECT max(a.at) FROM attempts a WHERE a.msisdn = ${msisdn} AND a.disposition = 'churned' AND a.at > s.updated_at) AS churn_logged_at`;

/**
 * An attempt `a` that is our own sales conversation with the customer on another task than `ownTask` (accepted or
 * declined, any channel): what the marketing gap and "marketed on any channel" count from (core/contact/policy.ts).
 */
const ownSaleOnAnotherTask = (ownTask: string) => `a.task_id IS NOT ${ownTask} AND a.disposition IN ('accepted', 'declined')`;

/** Our own last sales conversation with the customer on another task than `ownTask`. */
const lastContactedByUs = (msisdn: string, ownTask: string) =>
  `(SELECT max(a.at) FROM attempts a WHERE a.msisdn = ${msisdn} AND ${ownSaleOnAnotherTask(ownTask)}) AS last_contacted_by_us`;

/**
 * When the customer asked us not to contact them again (the latest attempt logged 要求勿扰, any task, any channel, merged
 * outcome files included) since a supervisor last lifted it (migration 026): derived from the attempts, which are
 * append-only, so no file's 免打扰 = 否 can lift it. One seek in each of two small indexes (migrations 025, 026).
 */
const contactRefusedAt = (msisdn: string) =>
  `(SELECT max(a.at) FROM attempts a WHERE a.msisdn = ${msisdn} AND a.disposition = 'do_not_call'
     AND a.at > coalesce((SELECT max(l.at) FROM contact_refusal_lifts l WHERE l.msisdn = ${msisdn}), '')) AS contact_refused_at`;

/** When the customer's request not to be contacted stands (contactRefusedAt), or null. */
export function contactRefusedSince(db: Db, msisdn: number): string | null {
  return (stmt(db, `SELECT ${contactRefusedAt('@msisdn')}`).pluck().get({ msisdn }) as string | null) ?? null;
}

/**
 * Lifts the customer's request not to be contacted as of `at` (a supervisor's word: they consent again, or a mis-key);
 * a merge adds the lifts of other desks' outcome files so. Returns whether it was new (a lift is a set member, keyed
 * by the number and the instant).
 */
export function liftContactRefusal(db: Db, msisdn: number, at: string, agentId: string | null, reason: string | null): boolean {
  return stmt(db, 'INSERT OR IGNORE INTO contact_refusal_lifts (msisdn, at, agent_id, reason) VALUES (?, ?, ?, ?)').run(msisdn, at, agentId, reason).changes === 1;
}

export interface SubscriberContactRow {
  do_not_disturb: number | null;
  last_marketed: string | null;
  cancelled_after_open: string | null;
  trial_start: string | null;
  trial_ordered: number | null;
  last_unsubscribed: string | null;
  porting_apply_date: string | null;
  last_contacted_by_us: string | null;
  contact_refused_at: string | null;
  churned: number | null;
  churn_date: string | null;
  churn_logged_at: string | null;
}

/** The facts the contact policy needs about open tasks (closed ones are left out: they have no queue block). */
export interface OpenTaskContactRow extends SubscriberContactRow {
  id: number;
  due_date: string | null;
  blocked_until: string | null;
  follow_up_on: string | null;
}

export function openTaskContactRows(db: Db, taskIds: readonly number[]): OpenTaskContactRow[] {
  if (taskIds.length === 0) return [];
  return stmt(
    db,
    // CROSS JOIN: the ids lead (rowid seeks); left to itself the planner walks every open task by closed_at.
    `SELECT t.id, t.due_date, t.blocked_until, t.follow_up_on, ${contactFactColumns('t.id')} FROM json_each(?) j CROSS JOIN tasks t ON t.id = j.value
     JOIN subscribers s ON s.msisdn = t.msisdn WHERE t.closed_at IS NULL`,
  ).all(JSON.stringify(taskIds)) as OpenTaskContactRow[];
}

/** The same facts for the open tasks after `afterId`, in id order (a sweep over every open task in batches). */
export function openTaskContactRowsAfter(db: Db, afterId: number, limit: number): OpenTaskContactRow[] {
  // The tasks lead in rowid order (+closed_at: an index on closed_at would read every open task, then sort).
  return stmt(
    db,
    `SELECT t.id, t.due_date, t.blocked_until, t.follow_up_on, ${contactFactColumns('t.id')} FROM tasks t CROSS JOIN subscribers s ON s.msisdn = t.msisdn
     WHERE t.id > ? AND +t.closed_at IS NULL ORDER BY t.id LIMIT ?`,
  ).all(afterId, limit) as OpenTaskContactRow[];
}

/**
 * The contact facts of subscribers, each with the task it is asked for (null: none open), by msisdn: the card and
 * a queue page ask for theirs in one query.
 */
export function subscriberContactRows(db: Db, asks: readonly { msisdn: number; taskId: number | null }[]): Map<number, SubscriberContactRow> {
  if (asks.length === 0) return new Map();
  const rows = stmt(
    db,
    `SELECT s.msisdn, ${contactFactColumns("json_extract(j.value, '$.t')")}
       FROM json_each(?) j CROSS JOIN subscribers s ON s.msisdn = json_extract(j.value, '$.m')`,
  ).all(JSON.stringify(asks.map((a) => ({ m: a.msisdn, t: a.taskId })))) as (SubscriberContactRow & { msisdn: number })[];
  return new Map(rows.map((r) => [r.msisdn, r]));
}

/** The open tasks of these subscribers. */
export function openTaskIdsOf(db: Db, msisdns: readonly number[]): number[] {
  if (msisdns.length === 0) return [];
  // CROSS JOIN: the numbers lead (seeks on the one-open-task index) rather than a walk over every open task.
  return stmt(db, 'SELECT t.id FROM json_each(?) j CROSS JOIN tasks t ON t.msisdn = j.value WHERE t.closed_at IS NULL').pluck().all(JSON.stringify(msisdns)) as number[];
}

export function setBlockedUntil(db: Db, taskId: number, blockedUntil: string | null): void {
  stmt(db, 'UPDATE tasks SET blocked_until = ? WHERE id = ? AND closed_at IS NULL AND blocked_until IS NOT ?').run(blockedUntil, taskId, blockedUntil);
}

/**
 * Clears the blocks that have lifted by `now` (the stored instant is when every blocking rule will have lifted,
 * core/contact/policy.ts queueBlockedUntil), so those tasks rejoin the callable part of the queue in priority order.
 * A seek on tasks_blocked; nothing is written when nothing lifted. Returns how many lifted.
 */
export function liftLapsedBlocks(db: Db, now: string): number {
  const any = stmt(db, 'SELECT 1 FROM tasks INDEXED BY tasks_blocked WHERE closed_at IS NULL AND blocked_until IS NOT NULL AND blocked_until <= ? LIMIT 1').get(now);
  if (!any) return 0;
  return stmt(db, 'UPDATE tasks SET blocked_until = NULL WHERE closed_at IS NULL AND blocked_until IS NOT NULL AND blocked_until <= ?').run(now).changes;
}

/**
 * Closes as "expired" the open tasks due before `today` (local days) with no callback promised — exactly those
 * `deriveTaskStatus` calls expired, since an open task has no attempt that would have closed it. `closedAtOf`
 * gives the instant each due date lapsed. Returns how many tasks expired.
 */
export function expireTasksDueBefore(db: Db, today: string, closedAtOf: (dueDate: string) => string): number {
  const open = 'closed_at IS NULL AND callback_at IS NULL AND due_date IS NOT NULL';
  // Named, since without statistics SQLite prefers tasks_closed (closed_at), which at a million open tasks reads them
  // all (migration 020).
  const dates = stmt(db, `SELECT DISTINCT due_date FROM tasks INDEXED BY tasks_open_due WHERE ${open} AND due_date < ?`).pluck().all(today) as string[];
  const expire = stmt(db, `UPDATE tasks INDEXED BY tasks_open_due SET status = 'expired', closed_at = ? WHERE ${open} AND due_date = ?`);
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

/** Orders a supervisor may pick besides the default (a plain ORDER BY on the view asked for). */
export type QueueSort = 'default' | 'priority' | 'dueDate' | 'level' | 'attempts';

export interface QueueFilter {
  offset: number;
  limit: number;
  listId?: number;
  listType?: string;
  level?: string;
  status?: string;
  /** One agent's tasks; null: the unassigned ones (未分配); undefined: everyone's. */
  agentId?: string | null;
  sort?: QueueSort;
  /** For a sort other than the default: descending (the default direction is ascending). */
  descending?: boolean;
  /** UTC ISO now: callbacks whose time has come sort first; blocks that have lifted are cleared. */
  now: string;
}

/** Where a row sits in the default order: due call-backs, then callable tasks, then those that cannot be called yet. */
export type QueuePart = 'callback-due' | 'callable' | 'blocked';

export interface QueueRow extends TaskRow {
  live_status: string;
  queue_part: QueuePart;
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
  arpu_avg3: number | null;
  arpu_m1: number | null;
  arpu_m2: number | null;
  arpu_m3: number | null;
  lists: string; // JSON array of {id,name,type}
  follow_up_offer_name: string | null;
  follow_up_offer_name_en: string | null;
}

const levelRank = "CASE sc.level WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'stable' THEN 1 ELSE 0 END";
const sortKeys: Record<Exclude<QueueSort, 'default'>, (dir: string) => string> = {
  priority: (dir) => `t.priority ${dir}`,
  // tasks without a due date last either way
  dueDate: (dir) => `t.due_date IS NULL, t.due_date ${dir}`,
  level: (dir) => `${levelRank} ${dir}, sc.score ${dir}`,
  attempts: (dir) => `t.attempt_count ${dir}`,
};

/** Open tasks of one agent (null: unassigned) or of everyone (undefined), from the trigger-kept counts (migration 005). */
export function openTaskCount(db: Db, agentId?: string | null): number {
  return (
    (agentId === undefined
      ? stmt(db, 'SELECT ifnull(sum(n), 0) AS n FROM open_task_counts').get()
      : stmt(db, 'SELECT ifnull(sum(n), 0) AS n FROM open_task_counts WHERE agent_id = ?').get(agentId ?? '')) as { n: number }
  ).n;
}

/**
 * One page of tasks in queue order (docs/status-rule.md "Callable first"): (a) call-backs whose time has come, by
 * their time; (b) tasks that can be called, by priority; (c) tasks that cannot be called yet for a reason of their
 * own (tasks.blocked_until, set by the contact policy), the soonest to lift first and those nothing lifts last.
 * Three index-ordered reads instead of one sort over every open task: the due callbacks are few, (b) walks
 * tasks_callable and (c) tasks_blocked (per agent: tasks_agent_callable, tasks_agent_blocked), so a page costs the
 * same with a million tasks as with a thousand. Blocks that have lifted by `now` are cleared first, so a task whose
 * retry spacing has passed is back in (b) at its priority. Paging runs across the parts: a page may end one part and
 * start the next; (b) is counted only when a page starts past it. Closed tasks appear only when asked for by status
 * (their block is cleared on closing, so they sort by priority). A sort other than the default is one ORDER BY over
 * the filtered view (a supervisor's look, not the agents' hot path).
 */
export function queuePage(db: Db, f: QueueFilter): { total: number; rows: QueueRow[]; lifted: number } {
  const lifted = liftLapsedBlocks(db, f.now);
  const q = queueQueries(f);
  const { params } = q;
  // The plain open queue (all, one agent's or the unassigned) is counted by triggers (migration 005); filtered views count.
  const total =
    !f.status && f.listId === undefined && f.listType === undefined && f.level === undefined
      ? openTaskCount(db, f.agentId)
      : (stmt(db, q.count).get(params) as { n: number }).n;

  if (q.sorted) return { total, rows: stmt(db, q.sorted).all({ ...params, limit: f.limit, offset: f.offset }) as QueueRow[], lifted };

  const due = stmt(db, q.dueCallbacks).all(params) as QueueRow[];
  const rows = due.slice(f.offset, f.offset + f.limit);
  let need = f.limit - rows.length;
  if (need <= 0) return { total, rows, lifted };
  const callableOffset = Math.max(0, f.offset - due.length);
  const b = stmt(db, q.callable).all({ ...params, limit: need, offset: callableOffset }) as QueueRow[];
  rows.push(...b);
  need -= b.length;
  if (need <= 0) return { total, rows, lifted };
  // Where (b) ended is known unless this page starts past it; else every unblocked task but the due call-backs.
  const callableCount =
    b.length > 0 || callableOffset === 0 ? callableOffset + b.length : (stmt(db, q.unblockedCount).get(params) as { n: number }).n - due.length;
  const blockedOffset = Math.max(0, f.offset - due.length - callableCount);
  rows.push(...(stmt(db, q.blocked).all({ ...params, limit: need, offset: blockedOffset }) as QueueRow[]));
  return { total, rows, lifted };
}

/**
 * The statements of one queue view (exported so a test can check their plans are index walks): (a) the due
 * call-backs, (b) the callable part by priority, (c) the blocked part by lift time — or, for another sort, one query.
 * `limit` and `offset` are bound by the caller.
 */
export function queueQueries(f: QueueFilter): {
  params: Record<string, unknown>;
  count: string;
  sorted: string | null;
  dueCallbacks: string;
  callable: string;
  unblockedCount: string;
  callableIds: string;
  blockedIds: string;
  blocked: string;
} {
  const where: string[] = [];
  const params: Record<string, unknown> = { now: f.now };
  // A callback becomes due by the clock, not by a write: the status shown is computed at read time.
  const liveDue = 't.callback_at IS NOT NULL AND t.callback_at <= @now AND t.closed_at IS NULL';
  if (f.status) {
    // By the status the queue shows (live_status below; docs/status-rule.md "Call-backs"), so the filter asks the clock too.
    if (f.status === 'callback_due') where.push(`(t.status = 'callback_due' OR (${liveDue}))`);
    else if (f.status === 'in_progress') where.push(`t.status = 'in_progress' AND NOT (${liveDue})`);
    else where.push('t.status = @status');
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
  if (f.agentId === null) where.push('t.agent_id IS NULL');
  else if (f.agentId !== undefined) {
    where.push('t.agent_id = @agentId');
    params.agentId = f.agentId;
  }
  const base = where.join(' AND ');
  // Part (a): a due call-back still blocked for another reason (say do-not-disturb set since) waits in (c).
  const dueCallback = `${liveDue} AND t.blocked_until IS NULL`;
  const select = `SELECT t.*, CASE WHEN ${liveDue} THEN 'callback_due' ELSE t.status END AS live_status,
      CASE WHEN ${dueCallback} THEN 'callback-due' WHEN t.blocked_until IS NOT NULL THEN 'blocked' ELSE 'callable' END AS queue_part,
      s.name, sc.tier, s.plan_name, s.do_not_disturb, s.last_marketed, s.arpu_avg3, s.arpu_m1, s.arpu_m2, s.arpu_m3, sc.level, sc.score, sc.unjudged, sc.p_churn, sc.model_version,
      (SELECT json_group_array(json_object('id', w.id, 'name', w.name, 'type', w.list_type))
         FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.task_id = t.id) AS lists,
      fo.name AS follow_up_offer_name, fo.name_en AS follow_up_offer_name_en
    FROM tasks t JOIN subscribers s ON s.msisdn = t.msisdn LEFT JOIN subscriber_scores sc ON sc.msisdn = t.msisdn
      LEFT JOIN offers fo ON fo.code = t.follow_up_offer`;
  const callable = `${base} AND t.blocked_until IS NULL AND NOT (${liveDue})`;
  // The open queue walks its part's partial index (migration 010); left to itself the planner may walk tasks_closed
  // and skip the other part's rows, which costs as many rows as are blocked. A status view has no such index.
  const from = (part: 'callable' | 'blocked') => (f.status ? 'tasks t' : `tasks t INDEXED BY tasks_${f.agentId !== undefined ? 'agent_' : ''}${part}`);
  // A part's page is chosen on the tasks alone (a covering walk that skips its offset inside the index), then joined
  // to what a row shows: a deep page does not join every row it skips.
  const paged = (ids: string, order: string) => `${select.replace('FROM tasks t', `FROM (${ids}) p CROSS JOIN tasks t ON t.id = p.id`)} ORDER BY ${order}`;
  const callableIds = `SELECT t.id FROM ${from('callable')} WHERE ${callable} ORDER BY t.priority DESC, t.id LIMIT @limit OFFSET @offset`;
  const blockedIds = `SELECT t.id FROM ${from('blocked')} WHERE ${base} AND t.blocked_until IS NOT NULL ORDER BY t.blocked_until, t.id LIMIT @limit OFFSET @offset`;
  const sortedIds = (order: string) =>
    `SELECT t.id FROM tasks t LEFT JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE ${base} ORDER BY ${order}, t.priority DESC, t.id LIMIT @limit OFFSET @offset`;
  return {
    params,
    count: `SELECT count(*) AS n FROM tasks t WHERE ${base}`,
    // Another sort: the page's tasks chosen by their sort keys alone (the task and its score), then joined to what a
    // row shows — sorting every open task's whole row (its lists' JSON included) took 5–8 s at a million.
    sorted: f.sort && f.sort !== 'default' ? paged(sortedIds(sortKeys[f.sort](f.descending ? 'DESC' : 'ASC')), `${sortKeys[f.sort](f.descending ? 'DESC' : 'ASC')}, t.priority DESC, t.id`) : null,
    // INDEXED BY: left to itself the planner walks every open task by closed_at and filters.
    dueCallbacks: `${select.replace('FROM tasks t', 'FROM tasks t INDEXED BY tasks_callbacks')} WHERE ${base} AND ${dueCallback} ORDER BY t.callback_at, t.id`,
    callableIds,
    callable: paged(callableIds, 't.priority DESC, t.id'),
    // Over the callable index alone when nothing else filters (a covering count: no table rows read).
    unblockedCount: `SELECT count(*) AS n FROM ${from('callable')} WHERE ${base} AND t.blocked_until IS NULL`,
    blockedIds,
    blocked: paged(blockedIds, 't.blocked_until, t.id'),
  };
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

/** The open tasks with a call-back asked for at some time (one read of the attempts, once per upgrade that needs it). */
export function openTasksWithCallbackIds(db: Db): number[] {
  return stmt(db, "SELECT DISTINCT a.task_id FROM attempts a JOIN tasks t ON t.id = a.task_id WHERE a.disposition = 'callback' AND t.closed_at IS NULL").pluck().all() as number[];
}

/**
 * Open tasks of customers with this desk's own sale or decline on another task since `since` (ISO): the tasks the
 * marketing gap counts from that contact too (core/contact/policy.ts `canContactNow`). Through the attempts' time
 * index: the few weeks' contacts, not every open task.
 */
export function openTasksAfterOwnSaleIds(db: Db, since: string): number[] {
  return stmt(
    db,
    `SELECT DISTINCT t.id FROM attempts a INDEXED BY attempts_at
       JOIN tasks t INDEXED BY tasks_one_open_per_subscriber ON t.msisdn = a.msisdn AND t.closed_at IS NULL
      WHERE a.at >= ? AND ${ownSaleOnAnotherTask('t.id')}`,
  )
    .pluck()
    .all(since) as number[];
}

/** The first call-back of an open task set for after `at`: when a figure of "pending call-backs" next changes by the clock. */
export function nextCallbackAfter(db: Db, at: string): string | null {
  return (stmt(db, 'SELECT min(callback_at) FROM tasks INDEXED BY tasks_callbacks WHERE callback_at IS NOT NULL AND closed_at IS NULL AND callback_at > ?').pluck().get(at) as string | null) ?? null;
}

/*
 * The open tasks among the numbers in (after, last], through the partial index of open tasks, which holds all these
 * ask: left to itself the planner walks every open task through tasks_closed (1.3 s at a million), and through
 * tasks_msisdn each row is a seek into the table for its closed_at (2.7 s for a million; the partial index 0.2 s).
 */
const OPEN_BETWEEN = 'FROM tasks INDEXED BY tasks_one_open_per_subscriber WHERE closed_at IS NULL AND msisdn > ? AND msisdn <= ?';

/** How many: a recompute judges a mass change on its first chunk by it. */
export function openTasksBetween(db: Db, after: number, last: number): number {
  return stmt(db, `SELECT count(*) ${OPEN_BETWEEN}`).pluck().get(after, last) as number;
}

/** The open tasks as the contact policy's sweep reads them, a column each, in their customers' number order. */
export interface OpenTaskContacts {
  count: number;
  msisdn: Float64Array;
  id: Float64Array;
  attemptCount: Float64Array;
  dueDate: (string | null)[];
  blockedUntil: (string | null)[];
  followUpOn: (string | null)[];
  lastContactedByUs: (string | null)[];
  contactRefusedAt: (string | null)[];
}

/**
 * Every open task as the contact policy's sweep reads it (its customer's other facts come from the stored rows), in
 * number order. Read in task order — the table's own order, one pass (0.1 s at a million) — and sorted here: through
 * the open tasks' index by number each is a seek into the table, 1.1–1.6 s at a million before a value reaches
 * JavaScript. A million open tasks take ~50 MB here.
 */
export function openTaskContacts(db: Db): OpenTaskContacts {
  // Counted first (a walk of the open tasks' index), so each column is one array; the caller holds the read transaction.
  const n = stmt(db, 'SELECT count(*) FROM tasks INDEXED BY tasks_one_open_per_subscriber WHERE closed_at IS NULL').pluck().get() as number;
  const read = {
    msisdn: new Float64Array(n),
    id: new Float64Array(n),
    attemptCount: new Float64Array(n),
    dueDate: new Array<string | null>(n),
    blockedUntil: new Array<string | null>(n),
    followUpOn: new Array<string | null>(n),
    lastContactedByUs: new Array<string | null>(n),
    contactRefusedAt: new Array<string | null>(n),
  };
  // A page at a time: iterating row by row costs twice as much, and all at once holds a million arrays.
  const page = stmt(
    db,
    `SELECT t.msisdn, t.id, t.attempt_count, t.due_date, t.blocked_until, t.follow_up_on, ${lastContactedByUs('t.msisdn', 't.id')}, ${contactRefusedAt('t.msisdn')}
     FROM tasks t WHERE t.id > ? AND +t.closed_at IS NULL ORDER BY t.id LIMIT ?`,
  ).raw();
  let i = 0;
  for (let after = -Infinity; i < n; ) {
    const rows = page.all(after, Math.min(32_768, n - i)) as [number, number, number, string | null, string | null, string | null, string | null, string | null][];
    if (rows.length === 0) break;
    for (const r of rows) {
      [read.msisdn[i], read.id[i], read.attemptCount[i], read.dueDate[i], read.blockedUntil[i], read.followUpOn[i], read.lastContactedByUs[i], read.contactRefusedAt[i]] = r;
      i++;
    }
    after = rows[rows.length - 1]![1];
  }
  const order = new Uint32Array(i).map((_, k) => k).sort((a, b) => read.msisdn[a]! - read.msisdn[b]!);
  const pick = <T>(column: ArrayLike<T>): T[] => Array.from(order, (k) => column[k] as T);
  return {
    count: i,
    msisdn: Float64Array.from(order, (k) => read.msisdn[k]!),
    id: Float64Array.from(order, (k) => read.id[k]!),
    attemptCount: Float64Array.from(order, (k) => read.attemptCount[k]!),
    dueDate: pick(read.dueDate),
    blockedUntil: pick(read.blockedUntil),
    followUpOn: pick(read.followUpOn),
    lastContactedByUs: pick(read.lastContactedByUs),
    contactRefusedAt: pick(read.contactRefusedAt),
  };
}

/** One attempt of a task, as the contact policy and the status rule read it. */
export interface TaskAttemptRow {
  task_id: number;
  at: string;
  disposition: string;
  callback_at: string | null;
  channel: string;
}

/** The attempts of the given tasks, in task and time order (a queue page's decisions; the contact policy's sweep, a range at a time). */
export function attemptsOfTasks(db: Db): (ids: readonly number[]) => TaskAttemptRow[] {
  // The ids lead (seeks on attempts_task).
  const q = stmt(db, 'SELECT a.task_id, a.at, a.disposition, a.callback_at, a.channel FROM json_each(?) j CROSS JOIN attempts a ON a.task_id = j.value ORDER BY a.task_id, a.at');
  return (ids) => (ids.length === 0 ? [] : (q.all(JSON.stringify(ids)) as TaskAttemptRow[]));
}

/**
 * Sets a task's block as the contact policy's sweep decided it, unless the task changed since it was read — another
 * block stored or another attempt logged (the writer that did it derived its block already). Whether it was set.
 */
export function setBlockedUntilIfUnchanged(db: Db, taskId: number, blockedUntil: string | null, was: { blockedUntil: string | null; attemptCount: number }): boolean {
  return (
    stmt(db, 'UPDATE tasks SET blocked_until = ? WHERE id = ? AND closed_at IS NULL AND blocked_until IS ? AND attempt_count = ?').run(
      blockedUntil,
      taskId,
      was.blockedUntil,
      was.attemptCount,
    ).changes === 1
  );
}

/** Whose: a reader of the stored customers a chunk at a time (electron/backend/stored-records.ts). */
export function openTaskNumbersBetween(db: Db): (after: number, last: number) => Set<number> {
  const range = stmt(db, `SELECT msisdn ${OPEN_BETWEEN}`).pluck();
  return (after, last) => new Set(range.all(after, last) as number[]);
}

/** The highest task id stored: how many tasks a workspace has stored, without a count over a million rows. */
export function highestTaskId(db: Db): number {
  return stmt(db, 'SELECT coalesce(max(id), 0) FROM tasks').pluck().get() as number;
}
