import type { Db } from './connection';
import { subscriberColumns } from './scores';
import { stmt } from './statements';

export interface StoredSegment {
  id: number;
  name: string;
  condition: unknown;
  createdAt: string;
  createdBy: string | null;
}

/** Saves a new segment; false when the name is taken (names are unique, table `segments`, migration 016). */
export function insertSegment(db: Db, s: { name: string; condition: unknown; at: string; by: string | null }): number | null {
  const r = stmt(db, 'INSERT INTO segments (name, condition, created_at, created_by) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING').run(
    s.name,
    JSON.stringify(s.condition),
    s.at,
    s.by,
  );
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

export function listSegments(db: Db): StoredSegment[] {
  const rows = stmt(db, 'SELECT id, name, condition, created_at, created_by FROM segments ORDER BY name').all() as {
    id: number;
    name: string;
    condition: string;
    created_at: string;
    created_by: string | null;
  }[];
  return rows.map((r) => ({ id: r.id, name: r.name, condition: JSON.parse(r.condition) as unknown, createdAt: r.created_at, createdBy: r.created_by }));
}

/** One stored customer as a segment scan reads it: the canonical fields asked for by name, the rest by slot. */
export interface SegmentRow {
  msisdn: number;
  hall: string | null;
  level: string | null;
  score: number | null;
  pChurn: number | null;
  tags: string | null;
  extra: string | null;
  /** The list types of the open task's lists, comma-separated (null when none or not asked for). */
  lists: string | null;
  fields: Record<string, unknown>;
}

/**
 * Every stored customer, one pass, reading only what the condition needs (a million rows: the columns fetched
 * are what costs). The canonical fields asked for that the table lacks are left out (their tests are unknown).
 * Rows come as arrays (`raw`) and are handed to `each` one by one; nothing is kept.
 */
export function scanSegmentRows(db: Db, needs: { fields: Iterable<string>; extra: boolean; lists: boolean }, each: (row: SegmentRow) => void): void {
  const present = subscriberColumns(db);
  const fields = [...new Set(needs.fields)].filter((f) => present.has(f) && f !== 'msisdn' && f !== 'hall' && f !== 'extra');
  const lists = needs.lists
    ? `(SELECT group_concat(DISTINCT w.list_type) FROM tasks t JOIN list_members m ON m.task_id = t.id JOIN work_lists w ON w.id = m.list_id
         WHERE t.msisdn = s.msisdn AND t.closed_at IS NULL)`
    : 'NULL';
  const sql = `SELECT s.msisdn, s.hall, sc.level, sc.score, sc.p_churn, sc.tags, ${needs.extra ? 's.extra' : 'NULL'}, ${lists}${fields.map((f) => `, s."${f}"`).join('')}
    FROM subscribers s LEFT JOIN subscriber_scores sc ON sc.msisdn = s.msisdn`;
  const row: SegmentRow = { msisdn: 0, hall: null, level: null, score: null, pChurn: null, tags: null, extra: null, lists: null, fields: {} };
  for (const v of stmt(db, sql).raw().iterate() as Iterable<unknown[]>) {
    row.msisdn = v[0] as number;
    row.hall = v[1] as string | null;
    row.level = v[2] as string | null;
    row.score = v[3] as number | null;
    row.pChurn = v[4] as number | null;
    row.tags = v[5] as string | null;
    row.extra = v[6] as string | null;
    row.lists = v[7] as string | null;
    for (let i = 0; i < fields.length; i++) row.fields[fields[i]!] = v[8 + i];
    each(row);
  }
}
