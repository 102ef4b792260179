import crypto from 'node:crypto';
import type { Role } from '../../core/api';

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
 * that id for a few minutes, so a PIN cannot be guessed by trying (PRODUCT §8).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly now: () => Date,
    readonly idleMinutes = 30,
  ) {}

  open(agent: { id: string; name: string; role: Role }): string {
    const token = crypto.randomBytes(24).toString('base64url');
    this.sessions.set(token, { agentId: agent.id, name: agent.name, role: agent.role, lastSeen: this.now().getTime() });
    this.failures.delete(agent.id);
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

  close(token: string | null | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every session of an agent (PIN reset, account disabled). */
  closeAgent(agentId: string): void {
    for (const [token, s] of this.sessions) if (s.agentId === agentId) this.sessions.delete(token);
  }

  /** Lifts a lock and forgets the wrong PINs of an id (a supervisor reset its PIN). */
  unlock(agentId: string): void {
    this.failures.delete(agentId);
  }

  /** Minutes left on a lock of this agent id, or 0 when it may try. */
  lockedMinutes(agentId: string): number {
    const f = this.failures.get(agentId);
    const left = f ? f.lockedUntil - this.now().getTime() : 0;
    return left > 0 ? Math.ceil(left / 60_000) : 0;
  }

  /** Counts a wrong PIN; returns true when this one locked the id. */
  recordFailure(agentId: string): boolean {
    const f = this.failures.get(agentId) ?? { count: 0, lockedUntil: 0 };
    f.count++;
    const locked = f.count >= MAX_PIN_FAILURES;
    if (locked) {
      f.count = 0;
      f.lockedUntil = this.now().getTime() + LOCK_MINUTES * 60_000;
    }
    this.failures.set(agentId, f);
    return locked;
  }
}
