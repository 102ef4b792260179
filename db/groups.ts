import type { Db } from './connection';
import { stmt } from './statements';

export interface StoredGroup {
  id: number;
  name: string;
  /** Member agent ids, sorted. */
  agentIds: string[];
  createdAt: string;
  createdBy: string | null;
}

/**
 * Group names as a Chinese reader sorts them: by pinyin (SQLite's ORDER BY is by code point, which puts 乡 before 北),
 * and the numbers in them as numbers (外呼组2 before 外呼组10).
 */
const byGroupName = new Intl.Collator('zh-CN', { numeric: true }).compare;

/** Every agent group with its members (tables `agent_groups`, `agent_group_members`, migration 019), by name. */
export function listGroups(db: Db): StoredGroup[] {
  const members = new Map<number, string[]>();
  for (const [groupId, agentId] of stmt(db, 'SELECT group_id, agent_id FROM agent_group_members ORDER BY group_id, agent_id').raw().all() as [number, string][]) {
    const m = members.get(groupId);
    if (m) m.push(agentId);
    else members.set(groupId, [agentId]);
  }
  const rows = stmt(db, 'SELECT id, name, created_at, created_by FROM agent_groups').all() as { id: number; name: string; created_at: string; created_by: string | null }[];
  rows.sort((a, b) => byGroupName(a.name, b.name));
  return rows.map((r) => ({ id: r.id, name: r.name, agentIds: members.get(r.id) ?? [], createdAt: r.created_at, createdBy: r.created_by }));
}

export function getGroup(db: Db, id: number): StoredGroup | undefined {
  return listGroups(db).find((g) => g.id === id);
}

/** The id of the group of this name (names are unique), if any. */
export function groupIdByName(db: Db, name: string): number | undefined {
  return stmt(db, 'SELECT id FROM agent_groups WHERE name = ?').pluck().get(name) as number | undefined;
}

/**
 * Creates a group (id undefined) or renames it and replaces its members. The caller checks the agents exist and the
 * name is free; run inside the caller's transaction.
 */
export function saveGroup(db: Db, g: { id?: number; name: string; agentIds: readonly string[]; at: string; by: string | null }): number {
  let id = g.id;
  if (id === undefined) id = Number(stmt(db, 'INSERT INTO agent_groups (name, created_at, created_by) VALUES (?, ?, ?)').run(g.name, g.at, g.by).lastInsertRowid);
  else stmt(db, 'UPDATE agent_groups SET name = ? WHERE id = ?').run(g.name, id);
  stmt(db, 'DELETE FROM agent_group_members WHERE group_id = ?').run(id);
  const add = stmt(db, 'INSERT INTO agent_group_members (group_id, agent_id) VALUES (?, ?)');
  for (const agentId of new Set(g.agentIds)) add.run(id, agentId);
  return id;
}

/** Deletes a group, its memberships and its targets; false when there was no such group. */
export function deleteGroup(db: Db, id: number): boolean {
  stmt(db, "DELETE FROM targets WHERE scope_kind = 'group' AND scope_id = ?").run(String(id));
  return stmt(db, 'DELETE FROM agent_groups WHERE id = ?').run(id).changes === 1;
}

/** The groups an agent belongs to, by name. */
export function groupsOfAgent(db: Db, agentId: string): StoredGroup[] {
  const ids = new Set(stmt(db, 'SELECT group_id FROM agent_group_members WHERE agent_id = ?').pluck().all(agentId) as number[]);
  return listGroups(db).filter((g) => ids.has(g.id));
}
