import type { Db } from './connection';
import { stmt } from './statements';

/** Versioned configuration (risk weights, contact policy, …): the active body of a kind, if one was saved. */
export function activeConfig(db: Db, kind: string): { version: number; body: string } | undefined {
  return stmt(db, 'SELECT version, body FROM config_versions WHERE kind = ? AND active = 1').get(kind) as { version: number; body: string } | undefined;
}

/** Saves a new version and makes it the active one. */
export function saveConfigVersion(db: Db, kind: string, body: string, at: string, by: string | null): number {
  return db.transaction(() => {
    const next = ((stmt(db, 'SELECT max(version) AS v FROM config_versions WHERE kind = ?').get(kind) as { v: number | null }).v ?? 0) + 1;
    stmt(db, 'UPDATE config_versions SET active = 0 WHERE kind = ? AND active = 1').run(kind);
    stmt(db, 'INSERT INTO config_versions (kind, version, body, active, created_at, created_by) VALUES (?, ?, ?, 1, ?, ?)').run(kind, next, body, at, by);
    return next;
  })();
}
