import { subscriberColumnKeys } from '../core/worklist/fields';
import type { Db } from './connection';
import { stmt } from './statements';

/**
 * Writes of a work-list import. Only the columns the file carries are written: a newer version of a list
 * that lacks a column never blanks what an earlier file said; extra attributes are merged, not replaced.
 */
export function importSubscriberWriter(db: Db, columns: readonly string[]) {
  const known = new Set<string>(subscriberColumnKeys);
  const cols = columns.filter((c) => c !== 'msisdn' && known.has(c));
  const sql = `INSERT INTO subscribers (msisdn, ${[...cols, 'id_hash', 'extra', 'updated_at'].join(', ')})
    VALUES (${['?', ...cols.map(() => '?'), '?', '?', '?'].join(', ')})
    ON CONFLICT(msisdn) DO UPDATE SET ${[
      ...cols.map((c) => `${c} = excluded.${c}`),
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

export function agentExists(db: Db, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM agents WHERE id = ?').pluck().get(id) !== undefined;
}
