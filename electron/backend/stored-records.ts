import { packable, packedRowReader, storedLayout } from '../../core/risk/packed-inputs';
import type { Db } from '../../db/connection';
import { scoredCount, scoringScan } from '../../db/scores';
import { scoringChunks, scoringInputsSignature, scoringWords, staleScoringCount, staleScoringNumbers } from '../../db/scoring-inputs';
import { openTaskNumbersBetween } from '../../db/tasks';

/** Rows per step: the wide scan pages by number, the packed walk reads a chunk per query (docs/scoring-storage.md). */
const PAGE = 4096;

/**
 * Above this share of customers changed since their rows were packed, reading the wide rows of them one by one costs
 * more than the wide scan of everyone.
 */
const MOST_STALE = 0.2;

/**
 * Every stored customer's `fields`, for a reader that writes no figures (the risk configuration's preview, the contact
 * policy's sweep): `each` gets one reused record per customer, whether the customer has an open task and their number;
 * `onStep` the customers done and their total. `onRange`, when given, is called before the customers numbered in
 * (after, last] are handed to `each` — a stretch of number order, or one customer changed since — so that a caller
 * reads what it needs beside them (their open tasks) a range at a time.
 * Read from the packed rows of the recompute (issue 19 #1: 10.9 s → ~3 s for a preview at a million) where they are
 * current, and from the wide row for a customer changed since (an import stores, the next recompute packs); the wide
 * scan of everyone when the packed rows cannot serve (`wide`, a field they do not hold — rules over an extra column —,
 * another layout, or most customers changed since). The caller holds the read transaction that makes it one moment.
 */
export function forEachStoredRecord(
  db: Db,
  fields: readonly string[],
  each: (record: Record<string, unknown>, openTask: boolean, msisdn: number) => void,
  onStep: (done: number, total: number) => void,
  opts: { wide?: boolean; onRange?: (after: number, last: number) => void } = {},
): void {
  // Customers with a stored score, for the progress: counting the wide rows costs 0.35 s at a million.
  const total = Math.max(scoredCount(db), 1);
  const scan = scoringScan(db, fields);
  const record: Record<string, unknown> = {};
  const fromWide = (values: unknown[]) => {
    for (let i = 0; i < scan.columns.length; i++) record[scan.columns[i]!] = values[i];
    each(record, scan.previous(values).taskPriority !== null, values[0] as number);
  };
  const layout = storedLayout(scoringInputsSignature(db));
  if (opts.wide || !packable(fields) || !layout || staleScoringCount(db) > MOST_STALE * total) {
    let done = 0;
    for (let after = 0; ; ) {
      const rows = scan.page(after, PAGE);
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]![0] as number;
      opts.onRange?.(after, last);
      rows.forEach(fromWide);
      after = last;
      done += rows.length;
      onStep(done, Math.max(done, total));
    }
    return;
  }
  const changed = staleScoringNumbers(db)(-1, Number.MAX_SAFE_INTEGER);
  const next = scoringChunks(db, 'all', false);
  const unpack = packedRowReader(scoringWords(db).words, fields, layout);
  const openBetween = openTaskNumbersBetween(db);
  let done = 0;
  for (let after = -1; ; ) {
    const chunk = next(after, PAGE);
    if (!chunk) break;
    const open = openBetween(after, chunk.last);
    opts.onRange?.(after, chunk.last);
    unpack(chunk.packed, record, (msisdn) => {
      if (!changed.has(msisdn)) each(record, open.has(msisdn), msisdn);
    });
    after = chunk.last;
    done += chunk.rows;
    onStep(Math.min(done, total), total);
  }
  // Those changed since their row was packed (new ones have none yet): their stored row as it is now.
  for (const msisdn of changed) {
    const values = scan.one(msisdn);
    if (!values) continue;
    opts.onRange?.(msisdn - 1, msisdn);
    fromWide(values);
  }
  onStep(total, total);
}
