import type { Db } from './connection';
import { stmt } from './statements';

/** Small key/value facts about the workspace (demo flag, identity-key check value, …). */
export function getWorkspaceValue(db: Db, key: string): string | undefined {
  const row = stmt(db, 'SELECT value FROM workspace WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setWorkspaceValue(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO workspace (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

export interface WorkspaceCounts {
  subscribers: number;
  lists: number;
  tasks: number;
  attempts: number;
}

export function workspaceCounts(db: Db): WorkspaceCounts {
  const count = (table: string, where = '') => (stmt(db, `SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  return {
    // Not the retention purge's placeholder (msisdn 0) that purged customers' kept tasks point to.
    subscribers: count('subscribers', 'WHERE msisdn > 0'),
    lists: count('work_lists'),
    tasks: count('tasks'),
    attempts: count('attempts'),
  };
}

/**
 * Tasks and attempts together — how much a whole-workspace report has to read — counted up to `atMost` (each table's
 * count stops there): the question is only "more than this?", and counting a million tasks on the backend's thread
 * would hold up the hall's look-ups for tens of milliseconds (docs/product.md §10).
 */
export function workspaceRows(db: Db, atMost: number): number {
  return stmt(db, 'SELECT (SELECT count(*) FROM (SELECT 1 FROM tasks LIMIT ?)) + (SELECT count(*) FROM (SELECT 1 FROM attempts LIMIT ?))').pluck().get(atMost, atMost) as number;
}

export function writeAudit(db: Db, entry: { at: string; agentId: string | null; action: string; target?: string | null; detail?: unknown }): void {
  stmt(db, 'INSERT INTO audit_log (at, agent_id, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
    entry.at,
    entry.agentId,
    entry.action,
    entry.target ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  );
}

/**
 * A value that differs once anything has been committed since it was read — by this connection (its change
 * count) or by another, such as a job's worker (`data_version`). Cheap: answers computed from the whole workspace
 * can be kept until it moves.
 */
export function changeStamp(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number}:${stmt(db, 'SELECT total_changes()').pluck().get() as number}`;
}
