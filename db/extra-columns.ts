import type { Db } from './connection';
import { stmt } from './statements';

/**
 * The extra columns a workspace has (table `extra_columns`, migration 014): the headers of imported files that
 * are no canonical field, kept in `subscribers.extra`. Recorded at import rather than found by scanning the
 * JSON, so the rules editor's list and the matcher's "does this workspace know the column" stay cheap at a
 * million subscribers. A header stays listed after the retention purge removed the customers who had it: the
 * table says which columns files have brought, not who holds a value today.
 */
export function noteExtraColumns(db: Db, headers: Iterable<string>, at: string): void {
  const insert = stmt(db, 'INSERT INTO extra_columns (header, first_seen) VALUES (?, ?) ON CONFLICT(header) DO NOTHING');
  for (const h of headers) insert.run(h, at);
}

/** Every known header, in the order files first brought them. */
export function listExtraColumns(db: Db): string[] {
  return stmt(db, 'SELECT header FROM extra_columns ORDER BY rowid').pluck().all() as string[];
}

/** Changes whenever a header is added (headers are never removed): readers cache on it. */
export function extraColumnsStamp(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM extra_columns').pluck().get() as number;
}
