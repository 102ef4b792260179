import type { Db } from './connection';
import { stmt } from './statements';

export interface WorkListRow {
  id: number;
  name: string;
  list_type: string;
  period: string | null;
  due_date: string | null;
  imported_at: string;
  closed_at: string | null;
  demo: number;
}

export function insertWorkList(
  db: Db,
  list: { name: string; type: string; period: string | null; dueDate: string | null; importedAt: string; sourceFile?: string | null; sourceHash?: string | null; demo?: boolean },
): number {
  const info = stmt(db,
      `INSERT INTO work_lists (name, list_type, period, due_date, source_file, source_hash, imported_at, demo)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(list.name, list.type, list.period, list.dueDate, list.sourceFile ?? null, list.sourceHash ?? null, list.importedAt, list.demo ? 1 : 0);
  return Number(info.lastInsertRowid);
}

export function listMemberInserter(db: Db) {
  const statement = stmt(db,
    `INSERT INTO list_members (list_id, msisdn, task_id, reason, row_no) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(list_id, msisdn) DO UPDATE SET task_id = coalesce(excluded.task_id, task_id), reason = excluded.reason, row_no = excluded.row_no`,
  );
  return (m: { listId: number; msisdn: string; taskId: number | null; reason: string | null; rowNo: number | null }) =>
    statement.run(m.listId, Number(m.msisdn), m.taskId, m.reason, m.rowNo);
}

/** Whether the customer is on the list already (an import's row repeating an earlier one). */
export function isListMember(db: Db, listId: number, msisdn: string): boolean {
  return stmt(db, 'SELECT 1 FROM list_members WHERE list_id = ? AND msisdn = ?').get(listId, Number(msisdn)) !== undefined;
}

export interface WorkListWithCounts extends WorkListRow {
  issued: number;
  open: number;
  /** The open tasks of the agent asked about (`listWorkLists`' `agentId`); null when none was. */
  mine: number | null;
}

/** Every list with its counts; `agentId` also counts that agent's open tasks in each (what their queue shows of it). */
export function listWorkLists(db: Db, agentId: string | null = null): WorkListWithCounts[] {
  return stmt(db,
      `SELECT w.*, count(m.msisdn) AS issued,
              count(CASE WHEN t.closed_at IS NULL AND m.task_id IS NOT NULL THEN 1 END) AS open,
              CASE WHEN @agent IS NULL THEN NULL
                   ELSE count(CASE WHEN t.closed_at IS NULL AND m.task_id IS NOT NULL AND t.agent_id = @agent THEN 1 END) END AS mine
         FROM work_lists w
         LEFT JOIN list_members m ON m.list_id = w.id
         LEFT JOIN tasks t ON t.id = m.task_id
        GROUP BY w.id
        ORDER BY w.imported_at DESC, w.id DESC`,
    )
    .all({ agent: agentId }) as WorkListWithCounts[];
}

/** Every list's name by id (without the counts `listWorkLists` reads from every membership). */
export function workListNames(db: Db): Map<number, string> {
  return new Map(stmt(db, 'SELECT id, name FROM work_lists').raw().all() as [number, string][]);
}

export function listsOfSubscriber(db: Db, msisdn: string): WorkListRow[] {
  return stmt(db,
      `SELECT w.* FROM list_members m JOIN work_lists w ON w.id = m.list_id
        WHERE m.msisdn = ? ORDER BY w.imported_at DESC`,
    )
    .all(Number(msisdn)) as WorkListRow[];
}

export function getWorkList(db: Db, id: number): WorkListRow | undefined {
  return stmt(db, 'SELECT * FROM work_lists WHERE id = ?').get(id) as WorkListRow | undefined;
}

export function markWorkListClosed(db: Db, id: number, at: string): void {
  stmt(db, 'UPDATE work_lists SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(at, id);
}

/** The list's open tasks (a task shared with another list is counted under each). */
export function openTaskIdsOfList(db: Db, listId: number): number[] {
  return stmt(db, 'SELECT t.id FROM list_members m JOIN tasks t ON t.id = m.task_id WHERE m.list_id = ? AND t.closed_at IS NULL ORDER BY t.id')
    .pluck()
    .all(listId) as number[];
}

/**
 * Moves a list's due date and its tasks' with it: the open ones, and those that expired and may open again — only
 * where the customer has no other open task meanwhile (one open task per subscriber). Returns those tasks, whose
 * status the caller derives afresh.
 */
export function moveWorkListDueDate(db: Db, listId: number, dueDate: string | null): number[] {
  stmt(db, 'UPDATE work_lists SET due_date = ? WHERE id = ?').run(dueDate, listId);
  const taskIds = stmt(db,
    `SELECT t.id FROM list_members m JOIN tasks t ON t.id = m.task_id
      WHERE m.list_id = ?
        AND (t.closed_at IS NULL
             OR (t.status = 'expired' AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.msisdn = t.msisdn AND o.closed_at IS NULL)))
      ORDER BY t.id`,
  ).pluck().all(listId) as number[];
  const update = stmt(db, 'UPDATE tasks SET due_date = ? WHERE id = ?');
  for (const id of taskIds) update.run(dueDate, id);
  return taskIds;
}
