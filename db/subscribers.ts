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
 * `limit`, with how many there are in all. An index seek on subscribers_id_hash: a million subscribers cost nothing.
 */
export function linesOfSamePerson(db: Db, msisdn: number, limit: number): { total: number; rows: StoredSubscriber[] } {
  const rows = stmt(
    db,
    `SELECT o.*, count(*) OVER () AS rd_total
       FROM subscribers s JOIN subscribers o ON o.id_hash = s.id_hash AND o.msisdn <> s.msisdn
      WHERE s.msisdn = ? AND s.id_hash IS NOT NULL
      ORDER BY o.msisdn LIMIT ?`,
  ).all(msisdn, limit) as (StoredSubscriber & { rd_total: number })[];
  return { total: rows[0]?.rd_total ?? 0, rows: rows.map(({ rd_total: _total, ...row }) => row as StoredSubscriber) };
}
