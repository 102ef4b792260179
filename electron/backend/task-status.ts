import { deriveTaskStatus, type DerivedStatus } from '../../core/contact/status';
import type { Db } from '../../db/connection';
import { taskStatusInputs } from '../../db/outcomes';
import { expireTasksDueBefore, openTasksWithCallbackIds, updateTaskDerived } from '../../db/tasks';
import { getWorkspaceValue, setWorkspaceValue } from '../../db/workspace';
import { refreshQueueBlocks } from './contact';
import { activeContactPolicy } from './contact-policy';
import { localDate, localDayStart } from './context';

/**
 * Writes a task's status — and its queue block — derived afresh from its attempts, due date and lists (docs/product.md §6) — the one place every
 * writer goes through: logging an attempt, merging outcome files, closing a list or moving its due date.
 * When it closed: by the attempt that closed it; an expiry or a closed list at the moment it was noticed, kept
 * stable when the task was already closed that way.
 */
export function rederiveTask(db: Db, taskId: number, now: Date): (DerivedStatus & { wasOpen: boolean }) | undefined {
  const inputs = taskStatusInputs(db, taskId);
  if (!inputs) return undefined;
  const nowIso = now.toISOString();
  const d = deriveTaskStatus(inputs.attempts, { now: nowIso, today: localDate(now), dueDate: inputs.dueDate, withdrawn: inputs.withdrawn, policy: activeContactPolicy(db) });
  let closedAt: string | null = null;
  if (d.status === 'expired') closedAt = inputs.status === 'expired' && inputs.closedAt ? inputs.closedAt : nowIso;
  else if (d.closed) closedAt = d.lastAttemptAt ?? nowIso;
  updateTaskDerived(db, taskId, { status: d.status, closedAt, attemptCount: d.attemptCount, lastAttemptAt: d.lastAttemptAt, callbackAt: d.callbackAt });
  // Its place in the queue (callable or blocked until when) follows from the same attempts (docs/status-rule.md).
  if (closedAt === null) refreshQueueBlocks(db, [taskId], now);
  return { ...d, wasOpen: inputs.closedAt === null };
}

/**
 * The expiry sweep: open tasks whose due date has passed close as "expired", each at the end of its due day (local)
 * rather than when the sweep happened to run, so a desk left off for a week still reports when the work lapsed.
 */
export function expireOverdueTasks(db: Db, now: Date): number {
  return db.transaction(() => expireTasksDueBefore(db, localDate(now), (dueDate) => localDayStart(dueDate, 1))).immediate();
}

/**
 * Workspace key: the open tasks with a call-back asked for follow the rule of this revision. 2: a call-back the customer
 * asked for is not held by the marketing filters (core/contact/policy.ts `canContactNow`, 2026-12-06); 3: nor after a
 * call at its time that did not reach them (the request is still their latest word) — blocks stored before could hold
 * one until the marketing interval ended, weeks past its time; 4: such a call-back is still the task's, its status
 * 待回访 once due and its time kept (core/contact/status.ts `deriveTaskStatus`) — stored before as 处理中 with no time
 * after the first busy signal, while the reports counted it 待回访 (逾期).
 */
const CALLBACK_TASKS_KEY = 'queue-blocks-callbacks';
const CALLBACK_TASKS_REVISION = '4';

/** Once per revision, at start: the open tasks with a call-back asked for derived again (status, call-back time, block). */
export function ensureCallbackTasks(db: Db, now: Date): number {
  if (getWorkspaceValue(db, CALLBACK_TASKS_KEY) === CALLBACK_TASKS_REVISION) return 0;
  const ids = openTasksWithCallbackIds(db);
  db.transaction(() => {
    for (const id of ids) rederiveTask(db, id, now);
    setWorkspaceValue(db, CALLBACK_TASKS_KEY, CALLBACK_TASKS_REVISION);
  }).immediate();
  return ids.length;
}
