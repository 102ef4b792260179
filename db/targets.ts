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
  from_week: string | null;
}

/** The row key of an every-week target that held until before a week (its figures then). */
const UNTIL = '*<';

const toTarget = (r: TargetRow): StoredTarget => ({
  scope: { kind: r.scope_kind, id: r.scope_id },
  week: r.week === '*' || r.week.startsWith(UNTIL) ? null : r.week,
  fromWeek: r.from_week,
  untilWeek: r.week.startsWith(UNTIL) ? r.week.slice(UNTIL.length) : null,
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
 * was there before. An every-week target changed or removed in `thisWeek` keeps its figures for the weeks before it
 * (core/report/targets.ts StoredTarget.untilWeek): unless it took effect this very week, it is kept as a target until
 * `thisWeek`, and the new one holds from `thisWeek`. One set where none was (or only such earlier ones) holds for
 * every week as before, or from `thisWeek` after an earlier one.
 */
export function putTarget(
  db: Db,
  t: { scope: { kind: TargetScopeKind; id: string }; week: string | null; contacts: number | null; successes: number | null; at: string; by: string | null; thisWeek: string },
): { existed: boolean } {
  const week = t.week ?? '*';
  const old = stmt(db, 'SELECT * FROM targets WHERE scope_kind = ? AND scope_id = ? AND week = ?').get(t.scope.kind, t.scope.id, week) as TargetRow | undefined;
  const removing = t.contacts === null && t.successes === null;
  let fromWeek: string | null = null;
  if (week === '*') {
    const same = old !== undefined && old.contacts === t.contacts && old.successes === t.successes;
    if (old && !same && old.from_week !== t.thisWeek) {
      stmt(db, 'UPDATE targets SET week = ? WHERE scope_kind = ? AND scope_id = ? AND week = ?').run(UNTIL + t.thisWeek, t.scope.kind, t.scope.id, week);
    }
    const earlier = stmt(db, "SELECT 1 FROM targets WHERE scope_kind = ? AND scope_id = ? AND week LIKE '*<%'").get(t.scope.kind, t.scope.id) !== undefined;
    fromWeek = same ? old.from_week : earlier ? t.thisWeek : null;
  }
  if (removing) {
    stmt(db, 'DELETE FROM targets WHERE scope_kind = ? AND scope_id = ? AND week = ?').run(t.scope.kind, t.scope.id, week);
  } else {
    stmt(
      db,
      `INSERT INTO targets (scope_kind, scope_id, week, contacts, successes, updated_at, updated_by, from_week) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(scope_kind, scope_id, week) DO UPDATE SET contacts = excluded.contacts, successes = excluded.successes,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, from_week = excluded.from_week`,
    ).run(t.scope.kind, t.scope.id, week, t.contacts, t.successes, t.at, t.by, fromWeek);
  }
  return { existed: old !== undefined };
}
