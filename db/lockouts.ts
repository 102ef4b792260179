import type { Db } from './connection';
import { stmt } from './statements';

/**
 * Wrong PINs in a row and the lock they caused, per agent id (migration 008). In the database so that a restart
 * does not lift a lock; the rules (how many, how long) are electron/backend/sessions.ts's.
 */
export interface SignInFailures {
  failures: number;
  /** UTC ISO instant, or null when not locked. */
  lockedUntil: string | null;
}

export function getSignInFailures(db: Db, agentId: string): SignInFailures | undefined {
  const row = stmt(db, 'SELECT failures, locked_until FROM sign_in_failures WHERE agent_id = ?').get(agentId) as
    | { failures: number; locked_until: string | null }
    | undefined;
  return row && { failures: row.failures, lockedUntil: row.locked_until };
}

export function setSignInFailures(db: Db, agentId: string, f: SignInFailures): void {
  stmt(
    db,
    `INSERT INTO sign_in_failures (agent_id, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT(agent_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  ).run(agentId, f.failures, f.lockedUntil);
}

/**
 * Counts a sign-in attempt before its PIN is checked (one statement, so two processes on one workspace cannot
 * both read the same count) and returns the count including this attempt.
 */
export function countSignInAttempt(db: Db, agentId: string): number {
  return stmt(
    db,
    `INSERT INTO sign_in_failures (agent_id, failures, locked_until) VALUES (?, 1, NULL)
     ON CONFLICT(agent_id) DO UPDATE SET failures = failures + 1 RETURNING failures`,
  )
    .pluck()
    .get(agentId) as number;
}

export function clearSignInFailures(db: Db, agentId: string): void {
  stmt(db, 'DELETE FROM sign_in_failures WHERE agent_id = ?').run(agentId);
}
