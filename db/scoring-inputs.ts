/**
 * Storage of the packed scoring rows (issue 19 #1, docs/scoring-storage.md; the format is core/risk/packed-inputs.ts):
 * `scoring_inputs` (a packed row per customer), `scoring_words` (the texts they refer to by number) and
 * `scoring_stale` (customers to pack again: triggers of migration 021 note every new, changed or removed customer).
 *
 * Why chunks through `group_concat`: at a million customers the cost of a recompute was getting values out of SQLite
 * into JavaScript — one conversion per column per row (~70 columns, 8.5 s), and even one Buffer per row costs 1.5 s.
 * A chunk query concatenates its rows inside SQLite (`CAST(group_concat(packed, '') AS BLOB)`: group_concat copies a
 * blob's bytes as they are, NULs included) and hands JavaScript one Buffer per chunk.
 */
import type { ScoreBand } from '../core/risk/config';
import type { Db } from './connection';
import { stmt } from './statements';
import { getWorkspaceValue, setWorkspaceValue } from './workspace';

const SIGNATURE_KEY = 'scoring-inputs-format';

/** Drops every packed row and notes every customer stale when they were packed in another layout than `signature`. */
export function resetScoringInputsUnless(db: Db, signature: string): void {
  if (getWorkspaceValue(db, SIGNATURE_KEY) === signature) return;
  db.exec('DELETE FROM scoring_inputs; DELETE FROM scoring_words; INSERT OR IGNORE INTO scoring_stale (msisdn) SELECT msisdn FROM subscribers');
  setWorkspaceValue(db, SIGNATURE_KEY, signature);
}

/** The signature of the layout the packed rows are in (core/risk/packed-inputs.ts storedLayout reads it). */
export function scoringInputsSignature(db: Db): string | undefined {
  return getWorkspaceValue(db, SIGNATURE_KEY);
}

/** How many customers are noted stale (changed since their row was packed). */
export function staleScoringCount(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM scoring_stale').pluck().get() as number;
}

export function hasStaleScoringInputs(db: Db): boolean {
  return stmt(db, 'SELECT EXISTS (SELECT 1 FROM scoring_stale)').pluck().get() === 1;
}

/**
 * The stale customers after `after`, `limit` at a time, each as its number then the `fields` as stored (with
 * `withExtra`, then the extra attributes' JSON text).
 */
export function staleScoringRows(db: Db, fields: readonly string[], withExtra = false): (after: number, limit: number) => unknown[][] {
  const page = stmt(
    db,
    `SELECT st.msisdn, ${[...fields.map((f) => `s."${f}"`), ...(withExtra ? ['s.extra'] : [])].join(', ')} FROM scoring_stale st
     JOIN subscribers s ON s.msisdn = st.msisdn WHERE st.msisdn > ? ORDER BY st.msisdn LIMIT ?`,
  ).raw();
  return (after, limit) => page.all(after, limit) as unknown[][];
}

/** The customers noted stale among the numbers in (after, last]: changed since their row was packed. */
export function staleScoringNumbers(db: Db): (after: number, last: number) => Set<number> {
  const range = stmt(db, 'SELECT msisdn FROM scoring_stale WHERE msisdn > ? AND msisdn <= ?').pluck();
  return (after, last) => new Set(range.all(after, last) as number[]);
}

/** Stores packed rows and marks a range of numbers packed (also the stale numbers whose customer is gone). */
export function scoringInputsWriter(db: Db) {
  const insert = stmt(db, 'INSERT OR REPLACE INTO scoring_inputs (msisdn, packed) VALUES (?, ?)');
  const packed = stmt(db, 'DELETE FROM scoring_stale WHERE msisdn > ? AND msisdn <= ?');
  return {
    store: (msisdn: number, row: Uint8Array): void => void insert.run(msisdn, row),
    markPacked: (after: number, last: number): void => void packed.run(after, last),
  };
}

/** The workspace's words by number, kept up to date as new ones are numbered with `add`. */
export function scoringWords(db: Db) {
  const words: string[] = [];
  for (const [id, word] of stmt(db, 'SELECT id, word FROM scoring_words').raw().iterate() as Iterable<[number, string]>) words[id] = word;
  const add = stmt(db, 'INSERT INTO scoring_words (word) VALUES (?)');
  return {
    words,
    add: (word: string): number => {
      const id = Number(add.run(word).lastInsertRowid);
      words[id] = word;
      return id;
    },
  };
}

/** One chunk of packed rows in number order after `after`, with each row's stored figures key. */
export interface ScoringChunk {
  rows: number;
  last: number;
  packed: Buffer;
  /** The stored figures keys in the chunk's order, comma-separated ('' for a customer never scored or invalidated). */
  keys: string;
  /** The stored days through which those figures hold (migration 023), the same way ('' when not known). */
  throughs: string;
}

/**
 * Which rows of a chunk are read: every one ('all'); or those whose stored figures key is not set (never scored, or
 * cleared by a change since), those whose figures held only until before `dueBefore` (a day number: a new day,
 * migration 023) or are not known to hold, and those whose stored score lies in one of the `bands`
 * (core/risk/config.ts `levelBoundBands`: a level bound moved since the last complete recompute), with their keys.
 */
export type ChunkRows = 'all' | { readonly bands: readonly ScoreBand[]; readonly dueBefore: number };

/**
 * Chunks of packed rows; `rows` and `last` count every row a chunk passed, read or not (`which`). Without `withKeys`,
 * for a reader that writes no figures (the risk preview): no look-up of each row's score, `keys` empty.
 */
export function scoringChunks(db: Db, which: ChunkRows = 'all', withKeys = true) {
  // A band's bounds are numbers from a parsed configuration: written into the text, as the rows' condition; so is the day.
  const inBand = (b: ScoreBand) => `(sc.score > ${Number(b.above)} AND sc.score <= ${Number(b.atMost)})`;
  const read =
    which === 'all' ? null
    : ['sc.figures_key IS NULL', 'sc.figures_through IS NULL', `sc.figures_through < ${Math.trunc(Number(which.dueBefore))}`, ...which.bands.map(inBand)].join(' OR ');
  // Cached per connection but for a run's own condition (a statement per save or day would pile up).
  const prepared = (sql: string) => (read !== null ? db.prepare(sql) : stmt(db, sql));
  const chunk = prepared(
    // The aggregates step over the same rows together (group_concat leaves out NULLs, the same rows in each), so
    // the i-th key belongs to the i-th packed row whatever order SQLite visits them in.
    !withKeys
      ? `SELECT count(*), max(msisdn), CAST(group_concat(packed, '') AS BLOB), NULL, NULL
         FROM (SELECT msisdn, packed FROM scoring_inputs WHERE msisdn > ? ORDER BY msisdn LIMIT ?)`
      : read !== null
      ? `SELECT count(*), max(i.msisdn), CAST(group_concat(CASE WHEN ${read} THEN i.packed END, '') AS BLOB),
           group_concat(CASE WHEN ${read} THEN ifnull(sc.figures_key, '') END, ','),
           group_concat(CASE WHEN ${read} THEN ifnull(sc.figures_through, '') END, ',')
         FROM (SELECT msisdn, packed FROM scoring_inputs WHERE msisdn > ? ORDER BY msisdn LIMIT ?) i
         LEFT JOIN subscriber_scores sc ON sc.msisdn = i.msisdn`
      : `SELECT count(*), max(i.msisdn), CAST(group_concat(i.packed, '') AS BLOB), group_concat(ifnull(sc.figures_key, ''), ','),
           group_concat(ifnull(sc.figures_through, ''), ',')
         FROM (SELECT msisdn, packed FROM scoring_inputs WHERE msisdn > ? ORDER BY msisdn LIMIT ?) i
         LEFT JOIN subscriber_scores sc ON sc.msisdn = i.msisdn`,
  ).raw();
  return (after: number, limit: number): ScoringChunk | null => {
    const [rows, last, packed, keys, throughs] = chunk.get(after, limit) as [number, number | null, Buffer | null, string | null, string | null];
    if (rows === 0 || last === null) return null;
    return { rows, last, packed: packed ?? Buffer.alloc(0), keys: keys ?? '', throughs: throughs ?? '' };
  };
}
