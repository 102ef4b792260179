import type { StoredTarget, TargetScopeKind } from '../core/report/targets';
import type { Db } from './connection';
import { stmt } from './statements';

interface TargetRow {
  scope_kind: TargetScopeKind;
  scope_id: string;
  week: string;
  contacts: number | null;
  successes: number | null;
  updated_at: string;
  updated_by: string | null;
}

const toTarget = (r: TargetRow): StoredTarget => ({
  scope: { kind: r.scope_kind, id: r.scope_id },
  week: r.week === '*' ? null : r.week,
  contacts: r.contacts,
  successes: r.successes,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/** Every stored target (table `targets`, migration 019), by scope then week ('every week' first). */
export function listTargets(db: Db): StoredTarget[] {
  return (stmt(db, 'SELECT * FROM targets ORDER BY scope_kind, scope_id, week').all() as TargetRow[]).map(toTarget);
}

/**
 * Sets a scope's target for a week (null: every week); both figures null removes it. Returns whether a target
 * was there before.
 */
export function putTarget(
  db: Db,
  t: { scope: { kind: TargetScopeKind; id: string }; week: string | null; contacts: number | null; successes: number | null; at: string; by: string | null },
): { existed: boolean } {
  const week = t.week ?? '*';
  const existed = stmt(db, 'SELECT 1 FROM targets WHERE scope_kind = ? AND scope_id = ? AND week = ?').get(t.scope.kind, t.scope.id, week) !== undefined;
  if (t.contacts === null && t.successes === null) {
    stmt(db, 'DELETE FROM targets WHERE scope_kind = ? AND scope_id = ? AND week = ?').run(t.scope.kind, t.scope.id, week);
  } else {
    stmt(
      db,
      `INSERT INTO targets (scope_kind, scope_id, week, contacts, successes, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(scope_kind, scope_id, week) DO UPDATE SET contacts = excluded.contacts, successes = excluded.successes,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(t.scope.kind, t.scope.id, week, t.contacts, t.successes, t.at, t.by);
  }
  return { existed };
}
