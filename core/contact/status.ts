/**
 * Task status follows from its attempts (docs/product.md §6), so merging outcome files needs no conflict rules:
 * the same set of attempts always gives the same status.
 */
import { isReachedCode } from './codes';

export type DerivedTaskStatus =
  | 'pending'
  | 'in_progress'
  | 'callback_due'
  | 'closed_success'
  | 'closed_declined'
  | 'closed_unreachable'
  | 'expired';

/**
 * A task status in words: the one table for the screen (renderer labels `status`), the outcome files and the
 * weekly workbook. (The files said 跟进中 / 维系失败 where the app said 处理中 / 客户拒绝, until 2026-12.)
 */
export const taskStatusLabels: Record<DerivedTaskStatus, { zh: string; en: string }> = {
  pending: { zh: '待处理', en: 'Pending' },
  in_progress: { zh: '处理中', en: 'In progress' },
  callback_due: { zh: '待回访', en: 'Call-back due' },
  closed_success: { zh: '维系成功', en: 'Retained' },
  closed_declined: { zh: '客户拒绝', en: 'Declined' },
  closed_unreachable: { zh: '无法接通', en: 'Unreachable' },
  expired: { zh: '已过期', en: 'Expired' },
};

export interface AttemptFact {
  at: string; // UTC ISO
  disposition: string;
  callbackAt?: string | null;
  /** 'hall' for a walk-in, which is not an attempt of the limit; absent counts as outbound. */
  channel?: string | null;
}

export interface StatusPolicy {
  /** Contact attempts that did not reach the customer before the task closes as unreachable. */
  maxAttempts: number;
}

export const defaultStatusPolicy: StatusPolicy = { maxAttempts: 3 };

/**
 * The attempt limit (docs/status-rule.md; issue 15 #3): the outbound attempts made since the customer last asked to
 * be called back. A call-back request is the customer speaking to us, not a failed attempt: it does not count and
 * it starts the count again, so a busy signal at the promised time never closes the task. A walk-in in the hall is
 * the customer's own visit and does not count either. The status rule closes a task at the limit and the contact
 * policy blocks outbound contact at the same limit, from this one count, so no task is left open that nobody may call.
 * Attempts in time order.
 */
export function attemptsTowardLimit(sorted: readonly AttemptFact[]): number {
  let count = 0;
  for (const a of sorted) {
    if (a.disposition === 'callback') count = 0;
    else if (a.channel !== 'hall') count++;
  }
  return count;
}

/** Did an attempt since the customer last asked to be called back (the ones the limit counts, and the hall's) reach them? */
function reachedSinceCallback(sorted: readonly AttemptFact[]): boolean {
  let reached = false;
  for (const a of sorted) {
    if (a.disposition === 'callback') reached = false;
    else if (isReachedCode(a.disposition)) reached = true;
  }
  return reached;
}

/**
 * Is the customer's latest word on a task a call-back request? The latest attempt that reached them is a call-back;
 * calls after it that did not reach them (busy, no answer at the promised time) are us calling back, not a new word.
 * One reading for the contact rules (a request is not held by the marketing filters), the reports' 待回访 and the
 * card's banner (renderer cardModel.ts `callbackRequest`). Attempts in time order.
 */
export function latestWordIsCallback(sorted: readonly { disposition: string; callbackAt?: string | null }[]): boolean {
  return callbackRequestIn(sorted, sorted.length) !== null;
}

/** The call-back request that is the latest word among the first `end` attempts (in time order), or null. */
export function callbackRequestIn<A extends { disposition: string; callbackAt?: string | null }>(sorted: readonly A[], end: number): A | null {
  for (let i = end - 1; i >= 0; i--) {
    const a = sorted[i]!;
    if (isReachedCode(a.disposition)) {
      return a.disposition === 'callback' && a.callbackAt ? a : null;
    }
  }
  return null;
}

/**
 * The call-back not yet made among the first `end` attempts (in time order): the latest attempt, when it is a call-back
 * with a time — or null. A call made at that time, reached or not, is the call-back made: a busy signal then is a miss
 * like any other, retried after the spacing (the customer's request still frees those retries from the marketing
 * filters: `latestWordIsCallback`). One reading for the task's status (rule 5, docs/status-rule.md) and the reports'
 * 待回访 / 其中逾期, so a call-back the queue shows as 处理中 is not counted owed or overdue.
 */
export function pendingCallbackIn<A extends { disposition: string; callbackAt?: string | null }>(sorted: readonly A[], end: number): A | null {
  const last = end > 0 ? sorted[end - 1]! : null;
  return last !== null && last.disposition === 'callback' && last.callbackAt ? last : null;
}

export interface DerivedStatus {
  status: DerivedTaskStatus;
  closed: boolean;
  attemptCount: number;
  lastAttemptAt: string | null;
  /** The pending callback time, if the latest word was "call back at …". */
  callbackAt: string | null;
  /**
   * For a task closed as declined (rule 2), the latest outcome that ended it — declined, churned or do_not_call — so a
   * banner can say 已离网 or 要求勿扰 where the status's word is 客户拒绝; 'attempt-limit' for a task the attempt limit
   * closed after the customer was reached (rule 6: its word 无法接通 is not what happened); null otherwise.
   */
  endedBy: string | null;
}

export function deriveTaskStatus(
  attempts: readonly AttemptFact[],
  ctx: {
    now: string;
    /** the local calendar date of `now` (due dates are local days) */
    today: string;
    dueDate: string | null;
    /** Every work list the task came from was closed by a supervisor: nobody is to work it any more. */
    withdrawn?: boolean;
    policy?: StatusPolicy;
  },
): DerivedStatus {
  const policy = ctx.policy ?? defaultStatusPolicy;
  // Order by time, then by disposition so equal timestamps from two merged files still give one answer. (No copy for
  // none or one: the contact policy's sweep derives a million tasks, most without attempts.)
  const sorted = attempts.length < 2 ? attempts : [...attempts].sort((a, b) => (a.at === b.at ? a.disposition.localeCompare(b.disposition) : a.at < b.at ? -1 : 1));
  const attemptCount = sorted.length;
  const lastAttemptAt = attemptCount > 0 ? sorted[attemptCount - 1]!.at : null;
  const derived = (status: DerivedTaskStatus, closed: boolean, callbackAt: string | null = null, endedBy: string | null = null): DerivedStatus => ({
    status,
    closed,
    attemptCount,
    lastAttemptAt,
    callbackAt,
    endedBy,
  });

  let accepted = false;
  let ended: string | null = null;
  let invalid = false;
  for (const a of sorted) {
    if (a.disposition === 'accepted') accepted = true;
    else if (a.disposition === 'declined' || a.disposition === 'churned' || a.disposition === 'do_not_call') ended = a.disposition;
    else if (a.disposition === 'invalid_number') invalid = true;
  }
  if (accepted) return derived('closed_success', true);
  if (ended) return derived('closed_declined', true, null, ended);
  if (invalid) return derived('closed_unreachable', true);

  // A closed list ends its tasks, callbacks promised included: what the attempts already settled stays as it is.
  if (ctx.withdrawn) return derived('expired', true);

  const callback = pendingCallbackIn(sorted, attemptCount);
  if (callback) return derived(callback.callbackAt! <= ctx.now ? 'callback_due' : 'in_progress', false, callback.callbackAt!);
  // The limit closes the task as 无法接通 (the specification's status set); when one of the attempts since the last
  // call-back request reached the customer (a complaint, a wrong person), that word is not what happened: endedBy says it.
  if (attemptsTowardLimit(sorted) >= policy.maxAttempts) return derived('closed_unreachable', true, null, reachedSinceCallback(sorted) ? 'attempt-limit' : null);
  if (ctx.dueDate && ctx.dueDate < ctx.today) return derived('expired', true);
  return derived(attemptCount === 0 ? 'pending' : 'in_progress', false);
}
