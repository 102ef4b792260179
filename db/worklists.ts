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

export interface WorkListWithCounts extends WorkListRow {
  issued: number;
  open: number;
}

export function listWorkLists(db: Db): WorkListWithCounts[] {
  return stmt(db,
      `SELECT w.*, count(m.msisdn) AS issued,
              count(CASE WHEN t.closed_at IS NULL AND m.task_id IS NOT NULL THEN 1 END) AS open
         FROM work_lists w
         LEFT JOIN list_members m ON m.list_id = w.id
         LEFT JOIN tasks t ON t.id = m.task_id
        GROUP BY w.id
        ORDER BY w.imported_at DESC, w.id DESC`,
    )
    .all() as WorkListWithCounts[];
}

export function listsOfSubscriber(db: Db, msisdn: string): WorkListRow[] {
  return stmt(db,
      `SELECT w.* FROM list_members m JOIN work_lists w ON w.id = m.list_id
        WHERE m.msisdn = ? ORDER BY w.imported_at DESC`,
    )
    .all(Number(msisdn)) as WorkListRow[];
}
