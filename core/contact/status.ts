/**
 * Task status follows from its attempts (PRODUCT §6), so merging outcome files needs no conflict rules:
 * the same set of attempts always gives the same status.
 */
export type DerivedTaskStatus =
  | 'pending'
  | 'in_progress'
  | 'callback_due'
  | 'closed_success'
  | 'closed_declined'
  | 'closed_unreachable'
  | 'expired';

export interface AttemptFact {
  at: string; // UTC ISO
  disposition: string;
  callbackAt?: string | null;
}

export interface StatusPolicy {
  /** Contact attempts that did not reach the customer before the task closes as unreachable. */
  maxAttempts: number;
}

export const defaultStatusPolicy: StatusPolicy = { maxAttempts: 3 };

const notReached = new Set(['no_answer', 'busy', 'powered_off', 'invalid_number', 'hung_up']);

export interface DerivedStatus {
  status: DerivedTaskStatus;
  closed: boolean;
  attemptCount: number;
  lastAttemptAt: string | null;
  /** The pending callback time, if the latest word was "call back at …". */
  callbackAt: string | null;
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
  // Order by time, then by disposition so equal timestamps from two merged files still give one answer.
  const sorted = [...attempts].sort((a, b) => (a.at === b.at ? a.disposition.localeCompare(b.disposition) : a.at < b.at ? -1 : 1));
  const last = sorted[sorted.length - 1];
  const base = { attemptCount: sorted.length, lastAttemptAt: last?.at ?? null, callbackAt: null as string | null };

  if (sorted.some((a) => a.disposition === 'accepted')) return { ...base, status: 'closed_success', closed: true };
  if (sorted.some((a) => a.disposition === 'declined' || a.disposition === 'churned'))
    return { ...base, status: 'closed_declined', closed: true };
  if (sorted.some((a) => a.disposition === 'invalid_number')) return { ...base, status: 'closed_unreachable', closed: true };

  // A closed list ends its tasks, callbacks promised included: what the attempts already settled stays as it is.
  if (ctx.withdrawn) return { ...base, status: 'expired', closed: true };

  const unreached = sorted.filter((a) => notReached.has(a.disposition)).length;
  if (last?.disposition === 'callback' && last.callbackAt) {
    const due = last.callbackAt <= ctx.now;
    return { ...base, callbackAt: last.callbackAt, status: due ? 'callback_due' : 'in_progress', closed: false };
  }
  if (unreached >= policy.maxAttempts) return { ...base, status: 'closed_unreachable', closed: true };
  if (ctx.dueDate && ctx.dueDate < ctx.today) return { ...base, status: 'expired', closed: true };
  return { ...base, status: sorted.length === 0 ? 'pending' : 'in_progress', closed: false };
}
