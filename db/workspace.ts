import type { Db } from './connection';
import { stmt } from './statements';

/** Small key/value facts about the workspace (demo flag, identity-hash salt, …). */
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
  const count = (table: string) => (stmt(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    subscribers: count('subscribers'),
    lists: count('work_lists'),
    tasks: count('tasks'),
    attempts: count('attempts'),
  };
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
