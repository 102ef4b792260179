import { subscriberColumnKeys } from '../core/worklist/fields';
import type { Db } from './connection';
import { stmt, suspendSchema } from './statements';
import { highestTaskId } from './tasks';

/**
 * Writes of a work-list import. Only the columns the file carries are written, and a blank cell in one keeps what is
 * known: a newer version of a list that lacks a column, or a row filled in by hand with only the number and the
 * list's columns, never blanks what an earlier file said (a supervisor's sparse row wiped a known customer's name,
 * brand and ARPU, found by a new supervisor; docs/product.md §3.1). Extra attributes are merged, not replaced, as
 * their blank cells were already left out.
 */
export function importSubscriberWriter(db: Db, columns: readonly string[]) {
  const known = new Set<string>(subscriberColumnKeys);
  const cols = columns.filter((c) => c !== 'msisdn' && known.has(c));
  const sql = `INSERT INTO subscribers (msisdn, ${[...cols, 'id_hash', 'extra', 'updated_at'].join(', ')})
    VALUES (${['?', ...cols.map(() => '?'), '?', '?', '?'].join(', ')})
    ON CONFLICT(msisdn) DO UPDATE SET ${[
      ...cols.map((c) => `${c} = coalesce(excluded.${c}, ${c})`),
      'id_hash = coalesce(excluded.id_hash, id_hash)',
      'extra = json_patch(extra, excluded.extra)',
      'updated_at = excluded.updated_at',
    ].join(', ')}`;
  const upsert = db.prepare(sql);
  const exists = stmt(db, 'SELECT 1 FROM subscribers WHERE msisdn = ?').pluck();
  return (msisdn: string, fields: Record<string, unknown>, idHash: string | null, extra: Record<string, unknown>, at: string): 'new' | 'updated' => {
    const n = Number(msisdn);
    const existed = exists.get(n) !== undefined;
    const values: unknown[] = [n];
    for (const c of cols) values.push(fields[c] ?? null);
    values.push(idHash, JSON.stringify(extra), at);
    upsert.run(values);
    return existed ? 'updated' : 'new';
  };
}

/** The list an import for (name, period) updates: core/worklist/same-list.ts `listsLike` says it in advance. */
export function findWorkList(db: Db, name: string, period: string | null): { id: number; source_hash: string | null } | undefined {
  return stmt(db, "SELECT id, source_hash FROM work_lists WHERE name = ? AND ifnull(period, '') = ifnull(?, '')").get(name, period) as
    | { id: number; source_hash: string | null }
    | undefined;
}

export function updateWorkListVersion(db: Db, id: number, v: { type: string; dueDate: string | null; sourceFile: string; sourceHash: string; importedAt: string }): void {
  stmt(db, 'UPDATE work_lists SET list_type = ?, due_date = ?, source_file = ?, source_hash = ?, imported_at = ? WHERE id = ?').run(
    v.type,
    v.dueDate,
    v.sourceFile,
    v.sourceHash,
    v.importedAt,
    id,
  );
}

export function openTaskId(db: Db, msisdn: string): number | undefined {
  return stmt(db, 'SELECT id FROM tasks WHERE msisdn = ? AND closed_at IS NULL').pluck().get(Number(msisdn)) as number | undefined;
}

/**
 * The row triggers of the rows a large import inserts (migrations 005 and 021): each runs a nested program per row, and
 * having any at all costs ~2–4 µs per insert — at 100,000 rows ~1 s of the job's thread (docs/import-memory.md
 * "Triggers and indexes set aside").
 */
const importInsertTriggers = ['scoring_inputs_row_added', 'open_task_counts_insert', 'figures_key_task_opened'];

/**
 * Sets aside the insert triggers of subscribers and tasks while a large import stores its rows, inside the import's
 * transaction. Until the returned function is called the caller only writes subscribers (the update triggers stay)
 * and opens tasks for customers it has just written. The function, given every customer the import wrote, does what
 * the triggers would have done for the rows since, then creates them again:
 * - `scoring_inputs_row_added`: every customer written is noted for packing (one updated is noted already);
 * - `open_task_counts_insert`: the tasks opened are counted per agent;
 * - `figures_key_task_opened` needs nothing: it clears the figures key of a customer whose new task's priority is not
 *   that of their figures, and the customer written just before has had it cleared by `scoring_inputs_row_updated`
 *   (a new customer has no figures).
 */
export function suspendImportInsertTriggers(db: Db): (written: ArrayLike<number>) => void {
  const lastTaskBefore = highestTaskId(db);
  const restore = suspendSchema(db, 'trigger', importInsertTriggers);
  return (written) => {
    const note = stmt(db, 'INSERT OR IGNORE INTO scoring_stale (msisdn) VALUES (?)');
    for (let i = 0; i < written.length; i++) note.run(written[i]);
    stmt(
      db,
      `INSERT INTO open_task_counts (agent_id, n)
       SELECT ifnull(agent_id, ''), count(*) FROM tasks WHERE id > ? AND closed_at IS NULL GROUP BY ifnull(agent_id, '')
       ON CONFLICT(agent_id) DO UPDATE SET n = n + excluded.n`,
    ).run(lastTaskBefore);
    restore();
  };
}

/**
 * Secondary indexes a large import writes at random places, one entry per row: a customer's tasks by number, a list's
 * members by number and by task, customers by identity hash. Nothing the import reads while storing goes through them
 * (its look-ups use the primary keys and `tasks_one_open_per_subscriber`). Built afresh once the rows are stored they
 * cost less: at 100,000 rows into an empty workspace, storing 0.96 s less for 0.18 s of building (docs/import-memory.md
 * "Triggers and indexes set aside").
 */
const importSecondaryIndexes = ['tasks_msisdn', 'list_members_msisdn', 'list_members_task', 'subscribers_id_hash'];

/**
 * The rows an import stores from which building its secondary indexes afresh costs less than writing them row by row:
 * building reads every row of their tables, so at least half the tasks stored (`highestTaskId`), and 2,000.
 */
export function importIndexRebuildRows(db: Db): number {
  return Math.max(2_000, Math.ceil(highestTaskId(db) / 2));
}

/** Drops the import's secondary indexes inside its transaction; the returned function builds them again. */
export function suspendImportIndexes(db: Db): () => void {
  return suspendSchema(db, 'index', importSecondaryIndexes);
}
