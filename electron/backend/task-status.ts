import { deriveTaskStatus, type DerivedStatus } from '../../core/contact/status';
import type { Db } from '../../db/connection';
import { taskStatusInputs } from '../../db/outcomes';
import { expireTasksDueBefore, updateTaskDerived } from '../../db/tasks';
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
