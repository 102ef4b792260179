import type { Db } from './connection';
import { stmt } from './statements';

/** The active version of a kind of configuration, without its body; undefined while the built-in defaults apply. */
export function activeConfigVersion(db: Db, kind: string): number | undefined {
  return stmt(db, 'SELECT version FROM config_versions WHERE kind = ? AND active = 1').pluck().get(kind) as number | undefined;
}

/** Versioned configuration (risk weights, contact policy, …): the active body of a kind, if one was saved. */
export function activeConfig(db: Db, kind: string): { version: number; body: string } | undefined {
  return stmt(db, 'SELECT version, body FROM config_versions WHERE kind = ? AND active = 1').get(kind) as { version: number; body: string } | undefined;
}

/** Saves a new version and makes it the active one. */
export function saveConfigVersion(db: Db, kind: string, body: string, at: string, by: string | null): number {
  return db.transaction(() => {
    const next = ((stmt(db, 'SELECT max(version) AS v FROM config_versions WHERE kind = ?').get(kind) as { v: number | null }).v ?? 0) + 1;
    const basedOn = activeConfigVersion(db, kind) ?? null;
    stmt(db, 'UPDATE config_versions SET active = 0 WHERE kind = ? AND active = 1').run(kind);
    stmt(db, 'INSERT INTO config_versions (kind, version, body, active, created_at, created_by, based_on) VALUES (?, ?, ?, 1, ?, ?, ?)').run(kind, next, body, at, by, basedOn);
    return next;
  })();
}

export interface ConfigVersionRow {
  version: number;
  body: string;
  active: number;
  created_at: string;
  created_by: string | null;
  /** The saving agent's name when the account still exists. */
  created_by_name: string | null;
  /** The version active when it was saved (null: saved before migration 028, or the first). */
  based_on: number | null;
}

/** Every saved version of a kind, newest first. */
export function listConfigVersions(db: Db, kind: string): ConfigVersionRow[] {
  return stmt(
    db,
    `SELECT c.version, c.body, c.active, c.created_at, c.created_by, a.name AS created_by_name, c.based_on
       FROM config_versions c LEFT JOIN agents a ON a.id = c.created_by
      WHERE c.kind = ? ORDER BY c.version DESC`,
  ).all(kind) as ConfigVersionRow[];
}

/** One saved version's body, if it exists. */
export function configVersion(db: Db, kind: string, version: number): { version: number; body: string; active: number } | undefined {
  return stmt(db, 'SELECT version, body, active FROM config_versions WHERE kind = ? AND version = ?').get(kind, version) as
    | { version: number; body: string; active: number }
    | undefined;
}

/** Makes a saved version the active one again (a roll-back); false when there is no such version. */
export function activateConfigVersion(db: Db, kind: string, version: number): boolean {
  return db.transaction(() => {
    if (!configVersion(db, kind, version)) return false;
    stmt(db, 'UPDATE config_versions SET active = 0 WHERE kind = ? AND active = 1').run(kind);
    stmt(db, 'UPDATE config_versions SET active = 1 WHERE kind = ? AND version = ?').run(kind, version);
    return true;
  })();
}
