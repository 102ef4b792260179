import { subscriberColumnKeys } from '../core/worklist/fields';
import type { Db } from './connection';
import { noteExtraColumns } from './extra-columns';
import { stmt } from './statements';

/** A subscriber as stored: canonical columns (null when unknown), identity hash, extra attributes. */
export interface SubscriberRecord {
  msisdn: string;
  idHash?: string | null;
  extra?: Record<string, string | number | null>;
  [field: string]: unknown;
}

export type StoredSubscriber = Record<string, string | number | null> & { msisdn: number; extra: string; updated_at: string };

const columns = subscriberColumnKeys.filter((k) => k !== 'msisdn');

const upsertSql = `INSERT INTO subscribers (msisdn, ${columns.join(', ')}, id_hash, extra, updated_at)
  VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?, ?)
  ON CONFLICT(msisdn) DO UPDATE SET ${[...columns, 'id_hash', 'extra', 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * Returns a function that upserts one subscriber; call it inside a transaction for batches. The extra columns'
 * headers are noted as they first appear (db/extra-columns.ts), as an import notes them.
 */
export function subscriberUpserter(db: Db) {
  const statement = stmt(db, upsertSql);
  const seen = new Set<string>();
  return (rec: SubscriberRecord, updatedAt: string): void => {
    if (rec.extra) {
      for (const k in rec.extra) {
        if (seen.has(k)) continue;
        seen.add(k);
        noteExtraColumns(db, [k], updatedAt);
      }
    }
    const values: unknown[] = [Number(rec.msisdn)];
    for (const c of columns) {
      const v = rec[c];
      values.push(v === undefined ? null : v);
    }
    values.push(rec.idHash ?? null, JSON.stringify(rec.extra ?? {}), updatedAt);
    statement.run(values);
  };
}

export function getSubscriber(db: Db, msisdn: string): StoredSubscriber | undefined {
  return stmt(db, 'SELECT * FROM subscribers WHERE msisdn = ?').get(Number(msisdn)) as StoredSubscriber | undefined;
}


/**
 * The other lines of the same person — the same identity hash (docs/product.md §4.5) — numbers in order, at most
 * `limit`, with how many there are in all. Index seeks on subscribers_id_hash: a million subscribers cost nothing.
 * The line's own hash first (most lines have no other): one query with a window count cost the card ten times a
 * row read on every look-up (issue 19 #3).
 */
export function linesOfSamePerson(db: Db, msisdn: number, limit: number): { total: number; rows: StoredSubscriber[] } {
  const idHash = stmt(db, 'SELECT id_hash FROM subscribers WHERE msisdn = ? AND id_hash IS NOT NULL').pluck().get(msisdn) as string | undefined;
  if (idHash === undefined) return { total: 0, rows: [] };
  const rows = stmt(db, 'SELECT * FROM subscribers WHERE id_hash = ? AND msisdn <> ? ORDER BY msisdn LIMIT ?').all(idHash, msisdn, limit) as StoredSubscriber[];
  const total = rows.length < limit ? rows.length : (stmt(db, 'SELECT count(*) FROM subscribers WHERE id_hash = ? AND msisdn <> ?').pluck().get(idHash, msisdn) as number);
  return { total, rows };
}
