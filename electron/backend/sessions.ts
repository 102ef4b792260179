import crypto from 'node:crypto';
import type { Role, SessionEndReason } from '../../core/api';
import type { Db } from '../../db/connection';
import { LookupLimiter, type LookupLimit } from './lookup-limit';
import { clearSignInFailures, countSignInAttempt, getSignInFailures, setSignInFailures } from '../../db/lockouts';

export interface Session {
  agentId: string;
  name: string;
  role: Role;
  lastSeen: number;
}

/** Wrong PINs in a row (per agent id) before sign-in is refused for LOCK_MINUTES. */
export const MAX_PIN_FAILURES = 5;
export const LOCK_MINUTES = 5;

/**
 * Signed-in sessions, in memory: a restart signs everyone out, which is what a shared counter PC wants. A token is
 * 24 random bytes; a session ends after `idleMinutes` without a call. Wrong PINs are counted per agent id and lock
 * that id for a few minutes, so a PIN cannot be guessed by trying (docs/product.md §8). The counts and locks live in the
 * workspace database (sign_in_failures), not in memory: otherwise restarting the app would be a way round a lock.
 */
/** How long an ended session's token is remembered with its reason (a day: past it, the token is simply unknown). */
const ENDED_KEEP_MS = 24 * 60 * 60_000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Tokens a supervisor's change ended, with why and when: a few per change, forgotten after ENDED_KEEP_MS. */
  private readonly ended = new Map<string, { why: SessionEndReason; at: number }>();
  /** Look-ups by a typed number, per agent id (kept across their sessions: signing in again is no new allowance). */
  readonly lookups: LookupLimiter;
  /** The tail of each agent id's queue of sign-in attempts (see `attempt`). */
  private readonly attempts = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    readonly idleMinutes = 30,
    lookupLimit?: LookupLimit,
  ) {
    this.lookups = new LookupLimiter(lookupLimit);
  }

  open(agent: { id: string; name: string; role: Role }): string {
    const token = crypto.randomBytes(24).toString('base64url');
    this.sessions.set(token, { agentId: agent.id, name: agent.name, role: agent.role, lastSeen: this.now().getTime() });
    clearSignInFailures(this.db, agent.id);
    return token;
  }

  /** The live session of a token, touched (its idle clock restarts); null when unknown or idle too long. */
  resolve(token: string | null | undefined): Session | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    const t = this.now().getTime();
    if (t - s.lastSeen > this.idleMinutes * 60_000) {
      this.sessions.delete(token);
      return null;
    }
    s.lastSeen = t;
    return s;
  }

  /** The live session of a token without touching it: pushing events to a page is not the user's activity. */
  peek(token: string | null | undefined): Session | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s || this.now().getTime() - s.lastSeen > this.idleMinutes * 60_000) return null;
    return s;
  }

  close(token: string | null | undefined): void {
    if (!token) return;
    this.sessions.delete(token);
  }

  /**
   * Ends every session of an agent (PIN reset, account turned off or changed). Their tokens are remembered with `why`
   * for a day, so that the agent's screen is told why, not "inactive for a long time" seconds after a call.
   */
  closeAgent(agentId: string, why: SessionEndReason): void {
    const t = this.now().getTime();
    for (const [token, e] of this.ended) if (t - e.at > ENDED_KEEP_MS) this.ended.delete(token);
    for (const [token, s] of this.sessions) {
      if (s.agentId !== agentId) continue;
      this.sessions.delete(token);
      this.ended.set(token, { why, at: t });
    }
  }

  /** Why a supervisor ended this token's session, if they did (within a day); null for any other token. */
  whyEnded(token: string | null | undefined): SessionEndReason | null {
    if (!token) return null;
    const e = this.ended.get(token);
    return e && this.now().getTime() - e.at <= ENDED_KEEP_MS ? e.why : null;
  }

  /** Lifts a lock and forgets the wrong PINs of an id (a supervisor reset its PIN). */
  unlock(agentId: string): void {
    clearSignInFailures(this.db, agentId);
  }

  /** Minutes left on a lock of this agent id, or 0 when it may try. */
  lockedMinutes(agentId: string): number {
    const until = this.lockedUntil(agentId);
    return until === null ? 0 : Math.ceil((Date.parse(until) - this.now().getTime()) / 60_000);
  }

  /** When a lock of this agent id lifts (UTC ISO), or null when it may try (the accounts list shows it). */
  lockedUntil(agentId: string): string | null {
    const until = getSignInFailures(this.db, agentId)?.lockedUntil;
    return until && Date.parse(until) > this.now().getTime() ? until : null;
  }

  /**
   * Runs one sign-in attempt for an agent id once the attempts before it for that id have finished. The PIN hash
   * takes tens of milliseconds off the event loop; without a queue, a burst of attempts all passed the lock check
   * before the first wrong PIN was counted (issue 12: 160 PINs checked in a burst of 200, and the right PIN signed
   * in after the lock). Other ids are not held up.
   */
  attempt<T>(agentId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.attempts.get(agentId) ?? Promise.resolve();
    const mine = previous.then(run, run);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.attempts.set(agentId, tail);
    void tail.then(() => {
      if (this.attempts.get(agentId) === tail) this.attempts.delete(agentId);
    });
    return mine;
  }

  /**
   * Counts an attempt before its PIN is checked; returns the number of attempts in a row, this one included.
   * Counting first means an attempt that is still being checked already counts against the limit.
   */
  countAttempt(agentId: string): number {
    return countSignInAttempt(this.db, agentId);
  }

  /**
   * Whether an attempt counted `count`-th in a row may sign in when its PIN is right: not when more than
   * MAX_PIN_FAILURES attempts raced ahead of it (another process on the workspace counted them).
   */
  withinLimit(count: number): boolean {
    return count <= MAX_PIN_FAILURES;
  }

  /** A counted attempt's PIN was wrong; returns true when it locked the id. The count starts again after a lock. */
  recordFailure(agentId: string, count: number): boolean {
    if (count < MAX_PIN_FAILURES) return false;
    setSignInFailures(this.db, agentId, { failures: 0, lockedUntil: new Date(this.now().getTime() + LOCK_MINUTES * 60_000).toISOString() });
    return true;
  }
}
