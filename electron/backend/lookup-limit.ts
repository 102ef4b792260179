import { ApiFailure } from '../../core/api';
import { writeAudit } from '../../db/workspace';
import type { HandlerContext } from './context';

/**
 * Look-ups by a typed number, limited per agent (issue 12 #6): whether a number is a customer of this desk
 * is itself worth knowing, so the look-up must be no enumeration oracle. A person at the counter types a number in
 * a few seconds; a burst of LOOKUP_BURST allows for retyping and a queue of customers, after which one look-up
 * every LOOKUP_REFILL_MS comes back. Refusals, and an agent passing LOOKUP_AUDIT_PER_HOUR in an hour, are written
 * to the audit log (once a minute and once an hour), where supervisors see who did it.
 */
export const LOOKUP_BURST = 30;
export const LOOKUP_REFILL_MS = 6_000;
export const LOOKUP_AUDIT_PER_HOUR = 100;

interface Allowance {
  tokens: number;
  at: number;
  hourStart: number;
  hourCount: number;
  hourAudited: boolean;
  lastRefusalAudit: number;
}

export type LookupVerdict =
  /** Allowed; `audit` says when this one crossed the hourly threshold. */
  | { allowed: true; audit: 'many' | null; count: number }
  /** Refused; `audit` is set at most once a minute. */
  | { allowed: false; audit: 'throttled' | null; count: number; retryAfterSeconds: number };

/** How many typed look-ups an agent may make at once, and how fast the allowance comes back. */
export interface LookupLimit {
  burst: number;
  refillMs: number;
}

export class LookupLimiter {
  private readonly allowances = new Map<string, Allowance>();

  constructor(private readonly limit: LookupLimit = { burst: LOOKUP_BURST, refillMs: LOOKUP_REFILL_MS }) {}

  take(key: string, now: number): LookupVerdict {
    let a = this.allowances.get(key);
    const { burst, refillMs } = this.limit;
    if (!a) this.allowances.set(key, (a = { tokens: burst, at: now, hourStart: now, hourCount: 0, hourAudited: false, lastRefusalAudit: -Infinity }));
    a.tokens = Math.min(burst, a.tokens + (now - a.at) / refillMs);
    a.at = now;
    if (now - a.hourStart >= 3_600_000) Object.assign(a, { hourStart: now, hourCount: 0, hourAudited: false });
    if (a.tokens < 1) {
      const audit = now - a.lastRefusalAudit >= 60_000 ? 'throttled' : null;
      if (audit) a.lastRefusalAudit = now;
      return { allowed: false, audit, count: a.hourCount, retryAfterSeconds: Math.ceil(((1 - a.tokens) * refillMs) / 1000) };
    }
    a.tokens -= 1;
    a.hourCount += 1;
    const many = a.hourCount > LOOKUP_AUDIT_PER_HOUR && !a.hourAudited;
    if (many) a.hourAudited = true;
    return { allowed: true, audit: many ? 'many' : null, count: a.hourCount };
  }
}

/**
 * A typed number counts against the agent's allowance (`LookupLimiter`) wherever the answer tells whether it is a
 * customer: the look-up, the history, the reveal, an outcome logged on it. The allowance is the agent's, not the session's: signing in again
 * gave a new one (found by a security review). The CLI and the desktop's own code have no session and are not
 * limited, nor are supervisors. Opening a task of one's own queue, or a card's reference, is not limited: it names no number.
 */
export function limitTypedLookups(ctx: HandlerContext): void {
  // Agents only: a supervisor sees every customer anyway (the queue, segments, exports), so their typed numbers tell
  // them nothing new; a burst of a supervisor's logging by number was refused for no protection.
  if (!ctx.sessionToken || !ctx.session || ctx.session.role !== 'agent') return;
  const verdict = ctx.sessions.lookups.take(ctx.session.agentId, ctx.now().getTime());
  if (verdict.audit) {
    const action = verdict.audit === 'many' ? 'customer-lookup-many' : 'customer-lookup-throttled';
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action, detail: { lookupsThisHour: verdict.count } });
  }
  if (!verdict.allowed) {
    throw new ApiFailure(
      'rate-limited',
      'api.rate-limited',
      { seconds: verdict.retryAfterSeconds },
      { retryAfterSeconds: verdict.retryAfterSeconds },
    );
  }
}
