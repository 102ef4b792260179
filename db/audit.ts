import type { Db } from './connection';
import { stmt } from './statements';

/** Which audit entries: UTC instants [fromAt, toAt), one agent id, any of some actions, text within the target. */
export interface AuditQuery {
  fromAt?: string;
  toAt?: string;
  agentId?: string;
  actions?: readonly string[];
  text?: string;
}

export interface AuditRow {
  id: number;
  at: string;
  agent_id: string | null;
  agent_name: string | null;
  action: string;
  target: string | null;
  detail: string | null;
}

/** LIKE with the user's % and _ taken literally. */
const likeContaining = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The trigram index answers "contains" for three characters or more; shorter text is matched row by row. */
const TRIGRAM = 3;

/** The conditions of a query; with `onlyAction`, that one of its actions instead of all of them. */
function whereOf(q: AuditQuery, onlyAction?: number): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.fromAt) {
    where.push('a.at >= @fromAt');
    params.fromAt = q.fromAt;
  }
  if (q.toAt) {
    where.push('a.at < @toAt');
    params.toAt = q.toAt;
  }
  if (q.agentId) {
    where.push('a.agent_id = @agentId');
    params.agentId = q.agentId;
  }
  if (q.actions && q.actions.length > 0) {
    if (onlyAction !== undefined) where.push(`a.action = @action${onlyAction}`);
    else where.push(`a.action IN (${q.actions.map((_, i) => `@action${i}`).join(', ')})`);
    q.actions.forEach((a, i) => (params[`action${i}`] = a));
  }
  if (q.text) {
    if ([...q.text].length >= TRIGRAM) {
      // The index finds the candidates; LIKE then checks them exactly (the same rule as for short text).
      where.push('a.id IN (SELECT rowid FROM audit_target_search WHERE audit_target_search MATCH @phrase)');
      params.phrase = `"${q.text.replace(/"/g, '""')}"`;
    }
    where.push("a.target LIKE @text ESCAPE '\\'");
    params.text = likeContaining(q.text);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

const select = `SELECT a.id, a.at, a.agent_id, g.name AS agent_name, a.action, a.target, a.detail
  FROM audit_log a LEFT JOIN agents g ON g.id = a.agent_id`;
const newestFirst = 'ORDER BY a.at DESC, a.id DESC';

/**
 * One page, newest first (by time, then by entry). The indexes of migration 008 — (at), (action, at),
 * (agent_id, at) and the trigram index on the target — let SQLite walk a date range or one action's or agent's
 * entries in time order and stop after a page, and count them from an index, so a page takes milliseconds with a
 * million entries. Several actions are read as one walk per action, merged: one IN over all of them would have
 * to sort every matching entry to find the newest.
 */
export function auditPage(db: Db, q: AuditQuery, offset: number, limit: number): { total: number; rows: AuditRow[] } {
  const total = auditCount(db, q);
  const w = whereOf(q);
  if (q.actions && q.actions.length > 1) {
    const parts = q.actions.map((_, i) => `SELECT * FROM (${select} ${whereOf(q, i).sql} ${newestFirst} LIMIT @upTo)`);
    const rows = stmt(db, `${parts.join(' UNION ALL ')} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`).all({ ...w.params, upTo: offset + limit, limit, offset }) as AuditRow[];
    return { total, rows };
  }
  const rows = stmt(db, `${select} ${w.sql} ${newestFirst} LIMIT @limit OFFSET @offset`).all({ ...w.params, limit, offset }) as AuditRow[];
  return { total, rows };
}

/** Every matching entry, newest first, read row by row (for the export; nothing is held in memory). */
export function auditRows(db: Db, q: AuditQuery): IterableIterator<AuditRow> {
  const w = whereOf(q);
  return stmt(db, `${select} ${w.sql} ${newestFirst}`).iterate(w.params) as IterableIterator<AuditRow>;
}

export function auditCount(db: Db, q: AuditQuery): number {
  const w = whereOf(q);
  return (stmt(db, `SELECT count(*) AS n FROM audit_log a ${w.sql}`).get(w.params) as { n: number }).n;
}

/**
 * The distinct actions in the log, by skipping through the (action, at) index one action at a time — a handful of
 * seeks rather than a pass over a million entries.
 */
export function auditActionsInUse(db: Db): string[] {
  return stmt(
    db,
    `WITH RECURSIVE next(action) AS (
       SELECT min(action) FROM audit_log
       UNION ALL
       SELECT (SELECT min(action) FROM audit_log WHERE action > next.action) FROM next WHERE next.action IS NOT NULL
     )
     SELECT action FROM next WHERE action IS NOT NULL`,
  )
    .pluck()
    .all() as string[];
}
