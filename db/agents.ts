import type { Db } from './connection';
import { stmt } from './statements';

export interface AgentRow {
  id: string;
  name: string;
  role: 'agent' | 'supervisor';
  hall: string | null;
  pin_hash: string | null;
  active: number;
  created_at: string;
}

export function upsertAgent(db: Db, a: { id: string; name: string; role: 'agent' | 'supervisor'; hall: string | null; pinHash: string | null; createdAt: string }): void {
  stmt(db,
    `INSERT INTO agents (id, name, role, hall, pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, hall = excluded.hall,
       pin_hash = coalesce(excluded.pin_hash, pin_hash)`,
  ).run(a.id, a.name, a.role, a.hall, a.pinHash, a.createdAt);
}

export function listAgents(db: Db): AgentRow[] {
  return stmt(db, 'SELECT * FROM agents ORDER BY id').all() as AgentRow[];
}

/**
 * The account an id names, whatever its case: a006 and A006 are one account (docs/product.md §8) — a supervisor made
 * two by a slip, and a work list's 执行人 a006 was an unknown agent (found by a new supervisor). Where an old workspace
 * holds both spellings, the exact one. The agents are a few hundred rows: the scan NOCASE needs is nothing.
 */
export function getAgent(db: Db, id: string): AgentRow | undefined {
  return stmt(db, 'SELECT * FROM agents WHERE id = @id COLLATE NOCASE ORDER BY id = @id DESC LIMIT 1').get({ id }) as AgentRow | undefined;
}

/** The id as the account stores it, for an id written in any case; undefined when there is no such account. */
export function storedAgentId(db: Db, id: string): string | undefined {
  return getAgent(db, id)?.id;
}

/** Whether any attempt was logged under this agent id (an account here or not: another desk's, merged in). */
export function agentLoggedHere(db: Db, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM attempts WHERE agent_id = ? LIMIT 1').get(id) !== undefined;
}

export function agentCount(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM agents').pluck().get() as number;
}

/** Agents with how many open tasks each holds (from the trigger-kept counts of migration 005). */
export function agentsWithLoad(db: Db): (AgentRow & { open_tasks: number })[] {
  return stmt(db, `SELECT a.*, ifnull(c.n, 0) AS open_tasks FROM agents a LEFT JOIN open_task_counts c ON c.agent_id = a.id ORDER BY a.id`).all() as (AgentRow & { open_tasks: number })[];
}

export function setAgentActive(db: Db, id: string, active: boolean): void {
  stmt(db, 'UPDATE agents SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}

export function setAgentPin(db: Db, id: string, pinHash: string): boolean {
  return stmt(db, 'UPDATE agents SET pin_hash = ? WHERE id = ?').run(pinHash, id).changes === 1;
}
