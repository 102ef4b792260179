import type { Db } from './connection';
import { subscriberColumns } from './scores';
import { RUNNING_LIST } from './offer-facts';
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

/**
 * Renames a segment: its old name, null when there is none by that id, or 'taken' when another segment has the name.
 * Campaigns made from it keep their own names and copied condition.
 */
export function renameSegment(db: Db, id: number, name: string): string | null | 'taken' {
  const before = stmt(db, 'SELECT name FROM segments WHERE id = ?').pluck().get(id) as string | undefined;
  if (before === undefined) return null;
  if (before === name) return before;
  const other = stmt(db, 'SELECT id FROM segments WHERE name = ? AND id <> ?').pluck().get(name, id);
  if (other !== undefined) return 'taken';
  stmt(db, 'UPDATE segments SET name = ? WHERE id = ?').run(name, id);
  return before;
}

/** Deletes a segment, returning its name; null when there is none by that id. Campaigns keep their copied condition. */
export function deleteSegment(db: Db, id: number): string | null {
  const name = stmt(db, 'SELECT name FROM segments WHERE id = ?').pluck().get(id) as string | undefined;
  if (name === undefined) return null;
  stmt(db, 'DELETE FROM segments WHERE id = ?').run(id);
  return name;
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
  /** The extra columns asked for, by header (only those: each read with json_extract, not the whole JSON parsed). */
  extra: Record<string, unknown>;
  /** The list types of the open task's lists, comma-separated (null when none or not asked for). */
  lists: string | null;
  /** Whether the customer has an open task (false when not asked for). */
  openTask: boolean;
  fields: Record<string, unknown>;
}

export interface SegmentScanNeeds {
  fields: Iterable<string>;
  /** Whether the score and P(churn) are read (the level always is: a preview splits by it). */
  derived: boolean;
  tags: boolean;
  /** Extra-column headers the condition names (and the workspace has). */
  columns: readonly string[];
  /**
   * The list types read: true, those of the open task's lists (a segment's); `{ runningOn: today }`, those of every
   * list the customer is on that still runs, as the card's offers read them (db/offer-facts.ts `customerListTypes`).
   */
  lists: boolean | { runningOn: string };
  /** Whether each customer has an open task is read. */
  openTask?: boolean;
  /**
   * Only customers whose stored level is one of these (the condition requires it): read through the level index
   * instead of every row. The caller still evaluates the whole condition; this only narrows what is read.
   */
  levels?: readonly string[] | null;
}

const PAGE = 5000;

/**
 * Every stored customer (or those of the given levels), in pages of 5,000 by number, reading only what the
 * condition needs: at a million rows the columns fetched are what costs. Pages rather than a cursor: better-sqlite3
 * builds a page of raw arrays much faster than it steps a row at a time, and memory stays one page.
 * The canonical fields asked for that the table lacks are left out (their tests are unknown).
 */
export function scanSegmentRows(db: Db, needs: SegmentScanNeeds, each: (row: SegmentRow) => void): void {
  const present = subscriberColumns(db);
  const asked = new Set(needs.fields);
  const askedNumber = asked.has('msisdn');
  const askedHall = asked.has('hall');
  const fields = [...asked].filter((f) => present.has(f) && f !== 'msisdn' && f !== 'hall' && f !== 'extra');
  const running = typeof needs.lists === 'object' ? [needs.lists.runningOn] : [];
  const lists = running.length
    ? `(SELECT group_concat(DISTINCT w.list_type) FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.msisdn = s.msisdn AND ${RUNNING_LIST})`
    : needs.lists
      ? `(SELECT group_concat(DISTINCT w.list_type) FROM tasks t JOIN list_members m ON m.task_id = t.id JOIN work_lists w ON w.id = m.list_id
         WHERE t.msisdn = s.msisdn AND t.closed_at IS NULL)`
      : 'NULL';
  const columns = [...needs.columns];
  // Only the columns the condition reads: at a million rows each value better-sqlite3 hands over costs (measured:
  // leaving out score, P(churn) and tags when unused reads an extra-column condition ~16 % faster). SQLite's `->>`
  // measured the same as json_extract, so json_extract stays.
  const derived = needs.derived ? 'sc.score, sc.p_churn' : 'NULL, NULL';
  const tags = needs.tags ? 'sc.tags' : 'NULL';
  const openTask = needs.openTask ? 'EXISTS (SELECT 1 FROM tasks t WHERE t.msisdn = s.msisdn AND t.closed_at IS NULL)' : '0';
  const select = `SELECT s.msisdn, s.hall, sc.level, ${derived}, ${tags}, ${lists}, ${openTask}${fields.map((f) => `, s."${f}"`).join('')}${columns
    .map(() => ', json_extract(s.extra, ?)')
    .join('')}`;
  // A JSON path label in double quotes: a header holding a double quote is escaped as JSON escapes it.
  const paths = columns.map((h) => `$.${JSON.stringify(h)}`);
  const row: SegmentRow = { msisdn: 0, hall: null, level: null, score: null, pChurn: null, tags: null, extra: {}, lists: null, openTask: false, fields: {} };
  const first = 8;
  const walk = (page: (after: number) => unknown[][]) => {
    for (let after = -1; ; ) {
      const rows = page(after);
      for (const v of rows) {
        row.msisdn = v[0] as number;
        row.hall = v[1] as string | null;
        row.level = v[2] as string | null;
        row.score = v[3] as number | null;
        row.pChurn = v[4] as number | null;
        row.tags = v[5] as string | null;
        row.lists = v[6] as string | null;
        row.openTask = v[7] === 1;
        // The number and the hall are read for every row (their own slots); a condition may name them too.
        if (askedNumber) row.fields.msisdn = row.msisdn;
        if (askedHall) row.fields.hall = row.hall;
        for (let i = 0; i < fields.length; i++) row.fields[fields[i]!] = v[first + i];
        for (let i = 0; i < columns.length; i++) row.extra[columns[i]!] = v[first + fields.length + i];
        each(row);
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]![0] as number;
    }
  };
  if (needs.levels) {
    // One level at a time, in the order given: each is a range of the level index, already in number order.
    const page = stmt(db, `${select} FROM subscriber_scores sc JOIN subscribers s ON s.msisdn = sc.msisdn WHERE sc.level = ? AND sc.msisdn > ? ORDER BY sc.msisdn LIMIT ${PAGE}`).raw();
    for (const level of needs.levels) walk((after) => page.all(...running, ...paths, level, after) as unknown[][]);
    return;
  }
  const page = stmt(db, `${select} FROM subscribers s LEFT JOIN subscriber_scores sc ON sc.msisdn = s.msisdn WHERE s.msisdn > ? ORDER BY s.msisdn LIMIT ${PAGE}`).raw();
  walk((after) => page.all(...running, ...paths, after) as unknown[][]);
}
