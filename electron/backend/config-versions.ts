import type { ZodType } from 'zod';
import { ApiFailure, type ConfigVersionMeta } from '../../core/api';
import { settingChanges } from '../../core/setting-changes';
import { listConfigVersions } from '../../db/config';
import type { Db } from '../../db/connection';

/** One stored version of a versioned configuration as the versions panels list it; `body` is null when unreadable. */
export type StoredConfigVersion<T> = ConfigVersionMeta & { body: T | null };

/**
 * The stored versions of one kind of configuration (risk rules, contact policy), newest first, each with the settings
 * it changed against the version before it. Compared as read by the schema (an older version's missing settings at
 * their defaults), so a version saved before a setting existed does not show that setting as changed. With nothing
 * saved, the built-in defaults are version 1 and active.
 */
export function storedConfigVersions<T>(
  db: Db,
  kind: string,
  rule: { schema: ZodType<T>; defaults: T; changedKeys(before: T, after: T): string[] },
): StoredConfigVersion<T>[] {
  const rows = listConfigVersions(db, kind);
  if (rows.length === 0) {
    return [{ version: 1, savedAt: null, savedBy: null, savedByName: null, active: true, isDefaults: true, changes: [], body: rule.defaults }];
  }
  const read = rows.map((r) => {
    const body: unknown = JSON.parse(r.body);
    const parsed = rule.schema.safeParse(body);
    return { body: parsed.success ? parsed.data : null, compared: (parsed.success ? parsed.data : body) as T };
  });
  const index = new Map(rows.map((r, i) => [r.version, i]));
  return rows.map((r, i) => ({
    version: r.version,
    savedAt: r.created_at,
    savedBy: r.created_by,
    savedByName: r.created_by_name,
    active: r.active === 1,
    isDefaults: rule.changedKeys(read[i]!.compared, rule.defaults).length === 0,
    // Against the version it was saved on (the audit log's "changed" says the same); one saved before that was kept
    // (migration 028) against the next row, the version numbered before it; version 1 against the defaults.
    changes: settingChanges(read[r.based_on !== null && index.has(r.based_on) ? index.get(r.based_on)! : i + 1]?.compared ?? rule.defaults, read[i]!.compared, rule.changedKeys),
    body: read[i]!.body,
  }));
}

/**
 * A save made on a version no longer active (core/api/schemas.ts savedOnVersion) is refused before anything is
 * written: another supervisor saved or switched meanwhile, and this save would undo their change without a word.
 */
export function refuseSaveOnStaleVersion(basedOn: number | undefined, active: number): void {
  if (basedOn !== undefined && basedOn !== active) throw new ApiFailure('conflict', 'api.config-saved-elsewhere', { version: String(active) });
}
