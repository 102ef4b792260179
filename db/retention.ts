import type { Db } from './connection';
import { stmt } from './statements';
import type { WorkListRow } from './worklists';

/**
 * The retention purge's SQL (docs/product.md §8): which customers go with the lists being purged, and removing what they
 * brought. Which lists, and when, is electron/backend/retention.ts's; everything here runs inside its transaction.
 *
 * What happens to each kind of row, and why:
 *  - the lists and their members: deleted.
 *  - a customer of those lists who is on no remaining list and has no open task outside any list: the subscriber
 *    row is deleted (its scores with it, by cascade) — name, number, identity hash, every attribute of the file.
 *    A customer still on another list stays as they are: that list still needs them.
 *  - their tasks: kept, but moved onto the one "purged customer" placeholder row (msisdn 0, no data) and closed if
 *    still open. Attempts reference tasks (attempts.task_id) and the agents' weekly figures count tasks ("assigned"),
 *    so deleting them would either break the foreign key or change last month's figures; a task without its number
 *    says nothing about a person.
 *  - their attempts: kept (append-only; the weekly report and merging count them) but redacted once — the number
 *    replaced by a random negative tombstone, the free-text note and competitor offer text cleared (the one update
 *    migrations 008 and 011 allow).
 *    One tombstone per customer, so a customer's attempts still belong together without saying whose they are.
 *  - their feedback: kept as a row with the same tombstone and the text cleared (it may name or describe the
 *    customer); category and importance stay for the counts. Kept rather than deleted so that merging an old
 *    outcome file again (a set union on ids) cannot bring the text back.
 *  - experience notes are about offers and reasons, not a customer (no number), and are the team's know-how: kept.
 */

const PURGED_SUBSCRIBER = 0;

function ensureTempTables(db: Db): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS purge_lists (id INTEGER PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS purge_subscribers (msisdn INTEGER PRIMARY KEY, tomb INTEGER);
  `);
}

export interface PurgeCounts {
  /** Members of each purged list. */
  members: Map<number, number>;
  subscribers: number;
  kept: number;
  tasks: number;
  attempts: number;
  feedback: number;
}

/**
 * Marks the lists to purge and the customers who go with them (temporary tables of this connection) and counts what
 * would change. Reads only; the same marking is what `applyPurge` then acts on, so a preview and a run agree.
 */
export function planPurge(db: Db, listIds: readonly number[]): PurgeCounts {
  ensureTempTables(db);
  stmt(db, 'DELETE FROM temp.purge_lists').run();
  stmt(db, 'DELETE FROM temp.purge_subscribers').run();
  const addList = stmt(db, 'INSERT INTO temp.purge_lists (id) VALUES (?)');
  for (const id of listIds) addList.run(id);
  // A customer goes when no remaining list holds them and no open task of theirs stands outside every list
  // (none does today, but such a task would be live work that no purged list accounts for).
  stmt(
    db,
    `INSERT INTO temp.purge_subscribers (msisdn)
     SELECT DISTINCT m.msisdn FROM list_members m
      WHERE m.list_id IN (SELECT id FROM temp.purge_lists)
        AND NOT EXISTS (SELECT 1 FROM list_members o WHERE o.msisdn = m.msisdn AND o.list_id NOT IN (SELECT id FROM temp.purge_lists))
        AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.msisdn = m.msisdn AND t.closed_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM list_members l WHERE l.task_id = t.id))`,
  ).run();
  const members = new Map<number, number>();
  for (const r of stmt(db, 'SELECT list_id, count(*) AS n FROM list_members WHERE list_id IN (SELECT id FROM temp.purge_lists) GROUP BY list_id').all() as { list_id: number; n: number }[]) {
    members.set(r.list_id, r.n);
  }
  const n = (sql: string) => (stmt(db, sql).get() as { n: number }).n;
  const subscribers = n('SELECT count(*) AS n FROM temp.purge_subscribers');
  const everyone = n('SELECT count(DISTINCT msisdn) AS n FROM list_members WHERE list_id IN (SELECT id FROM temp.purge_lists)');
  return {
    members,
    subscribers,
    kept: everyone - subscribers,
    tasks: n('SELECT count(*) AS n FROM tasks WHERE msisdn IN (SELECT msisdn FROM temp.purge_subscribers)'),
    attempts: n('SELECT count(*) AS n FROM attempts WHERE msisdn IN (SELECT msisdn FROM temp.purge_subscribers)'),
    feedback: n('SELECT count(*) AS n FROM feedback WHERE msisdn IN (SELECT msisdn FROM temp.purge_subscribers)'),
  };
}

/**
 * Removes what `planPurge` marked. `tombstone()` gives a fresh random negative integer per customer (never derived
 * from the number, so it cannot be turned back into it). Call inside a write transaction.
 */
export function applyPurge(db: Db, opts: { now: string; tombstone(): number }): void {
  const customers = stmt(db, 'SELECT msisdn FROM temp.purge_subscribers').pluck().all() as number[];
  const setTomb = stmt(db, 'UPDATE temp.purge_subscribers SET tomb = ? WHERE msisdn = ?');
  const used = new Set<number>();
  for (const msisdn of customers) {
    let t = opts.tombstone();
    while (used.has(t)) t = opts.tombstone();
    used.add(t);
    setTomb.run(t, msisdn);
  }
  const inPurge = 'msisdn IN (SELECT msisdn FROM temp.purge_subscribers)';
  const tombOf = (table: string) => `(SELECT p.tomb FROM temp.purge_subscribers p WHERE p.msisdn = ${table}.msisdn)`;

  if ((stmt(db, `SELECT EXISTS (SELECT 1 FROM tasks WHERE ${inPurge}) AS x`).get() as { x: number }).x) {
    stmt(db, "INSERT OR IGNORE INTO subscribers (msisdn, extra, updated_at) VALUES (?, '{}', ?)").run(PURGED_SUBSCRIBER, opts.now);
  }
  // Open tasks close as expired at the purge: their lists are gone, nobody can work them any more.
  stmt(
    db,
    `UPDATE tasks SET msisdn = ${PURGED_SUBSCRIBER},
            status = CASE WHEN closed_at IS NULL THEN 'expired' ELSE status END,
            closed_at = coalesce(closed_at, @now)
      WHERE ${inPurge}`,
  ).run({ now: opts.now });
  stmt(db, `UPDATE attempts SET msisdn = ${tombOf('attempts')}, note = NULL, competitor_offer = NULL WHERE ${inPurge}`).run();
  stmt(db, `UPDATE feedback SET msisdn = ${tombOf('feedback')}, text = '' WHERE ${inPurge}`).run();
  // Two statements: with an OR between them neither index (msisdn, list) would be used.
  stmt(db, `DELETE FROM list_members WHERE ${inPurge}`).run();
  stmt(db, 'DELETE FROM list_members WHERE list_id IN (SELECT id FROM temp.purge_lists)').run();
  stmt(db, 'DELETE FROM work_lists WHERE id IN (SELECT id FROM temp.purge_lists)').run();
  // A purged list's weekly targets (migration 019) would otherwise show on the dashboard as a nameless row at 0.
  stmt(db, "DELETE FROM targets WHERE scope_kind = 'list' AND scope_id IN (SELECT CAST(id AS TEXT) FROM temp.purge_lists)").run();
  // A lifted request not to be contacted names the number; its attempts went to the tomb above.
  stmt(db, `DELETE FROM contact_refusal_lifts WHERE ${inPurge}`).run();
  stmt(db, `DELETE FROM subscribers WHERE ${inPurge}`).run();
  stmt(db, 'DELETE FROM temp.purge_lists').run();
  stmt(db, 'DELETE FROM temp.purge_subscribers').run();
}

export type RetentionListRow = Pick<WorkListRow, 'id' | 'name' | 'list_type' | 'due_date' | 'closed_at'>;

/** Every list with the dates that decide when it ends (a few hundred at most). */
export function listsForRetention(db: Db): RetentionListRow[] {
  return stmt(db, 'SELECT id, name, list_type, due_date, closed_at FROM work_lists ORDER BY due_date, id').all() as RetentionListRow[];
}
