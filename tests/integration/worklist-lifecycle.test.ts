import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveTaskStatus } from '../../core/contact/status';
import { localDate, localDayStart } from '../../electron/backend/context';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * A list's life after import (docs/product.md §6, issue 6): tasks past the due date close as expired, a supervisor can
 * move the due date (expired tasks come back when it moves forward) or close the list early.
 */
describe('work list due dates, expiry and closing', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  let clock = new Date('2026-11-23T03:00:00Z');
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;
  beforeAll(() => {
    t = testBackend({ dbPath, demoIfEmpty: true, now: () => clock });
    db = new Database(dbPath, { readonly: true });
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });

  type TaskLine = { id: number; msisdn: number; status: string; closed_at: string | null; callback_at: string | null; due_date: string | null };
  const tasksOf = (listId: number) =>
    db.prepare('SELECT t.id, t.msisdn, t.status, t.closed_at, t.callback_at, t.due_date FROM tasks t JOIN list_members m ON m.task_id = t.id WHERE m.list_id = ? ORDER BY t.id').all(listId) as TaskLine[];
  const listsWithOpenTasks = () =>
    db.prepare('SELECT m.list_id AS id, count(*) AS open FROM list_members m JOIN tasks t ON t.id = m.task_id WHERE t.closed_at IS NULL GROUP BY m.list_id ORDER BY open DESC').all() as { id: number; open: number }[];
  /** What the one status rule says of a stored task, from its attempts and lists, at the test's clock. */
  const derivedNow = (taskId: number) => {
    const attempts = db.prepare('SELECT at, disposition, callback_at AS callbackAt FROM attempts WHERE task_id = ?').all(taskId) as { at: string; disposition: string; callbackAt: string | null }[];
    const task = db.prepare('SELECT due_date FROM tasks WHERE id = ?').get(taskId) as { due_date: string | null };
    const withdrawn = db
      .prepare('SELECT count(*) = 0 FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.task_id = ? AND w.closed_at IS NULL')
      .pluck()
      .get(taskId) as number;
    return deriveTaskStatus(attempts, { now: clock.toISOString(), today: localDate(clock), dueDate: task.due_date, withdrawn: withdrawn === 1 }).status;
  };
  const countsAgree = () => {
    const kept = db.prepare('SELECT ifnull(sum(n), 0) FROM open_task_counts').pluck().get();
    expect(kept).toBe(db.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL').pluck().get());
  };

  it('a due date moved into the past expires the open tasks, each at the end of its due day; a promised callback stays', async () => {
    const list = listsWithOpenTasks()[0]!;
    const before = tasksOf(list.id).filter((x) => x.closed_at === null);
    const withCallback = before.filter((x) => x.callback_at !== null).map((x) => x.id);
    const r = await t.call('worklist-set-due', { listId: list.id, dueDate: '2026-11-20' });
    expect(r.expired).toBe(before.length - withCallback.length);
    for (const task of tasksOf(list.id).filter((x) => before.some((b) => b.id === x.id))) {
      expect(task.due_date).toBe('2026-11-20');
      if (withCallback.includes(task.id)) expect(task.closed_at).toBeNull();
      else expect(task).toMatchObject({ status: 'expired', closed_at: clock.toISOString() });
      expect(task.status === 'callback_due' ? 'callback_due' : derivedNow(task.id)).toBe(task.status);
    }
    countsAgree();
    const lists = await t.call('worklist-list', {});
    expect(lists.items.find((l) => l.id === list.id)).toMatchObject({ dueDate: '2026-11-20', open: withCallback.length, closedAt: null });
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'worklist-set-due' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ listId: list.id, to: '2026-11-20', expired: r.expired });
  });

  it('moving the due date forward again opens the expired tasks whose customer has no other open task', async () => {
    const list = db.prepare("SELECT id FROM work_lists WHERE due_date = '2026-11-20'").get() as { id: number };
    const expired = tasksOf(list.id).filter((x) => x.status === 'expired');
    const blocked = expired.filter((x) => db.prepare('SELECT count(*) FROM tasks WHERE msisdn = ? AND closed_at IS NULL').pluck().get(x.msisdn) !== 0);
    const r = await t.call('worklist-set-due', { listId: list.id, dueDate: '2026-12-31' });
    expect(r.reopened).toBe(expired.length - blocked.length);
    expect(r.reopened).toBeGreaterThan(0);
    for (const task of tasksOf(list.id)) {
      if (blocked.some((b) => b.id === task.id)) expect(task.status).toBe('expired');
      else if (expired.some((e) => e.id === task.id)) {
        expect(task.closed_at).toBeNull();
        expect(task.status).toBe(derivedNow(task.id));
      }
    }
    countsAgree();
  });

  it('the backend closes overdue tasks on its own when a day passes (here: at start), dated when they lapsed', async () => {
    const list = db.prepare("SELECT id FROM work_lists WHERE due_date = '2026-12-31'").get() as { id: number };
    const open = tasksOf(list.id).filter((x) => x.closed_at === null && x.callback_at === null).map((x) => x.id);
    expect(open.length).toBeGreaterThan(0);
    t.close();
    clock = new Date('2027-01-02T03:00:00Z');
    t = testBackend({ dbPath, now: () => clock });
    const lapsed = localDayStart('2026-12-31', 1);
    for (const task of tasksOf(list.id).filter((x) => open.includes(x.id))) expect(task).toMatchObject({ status: 'expired', closed_at: lapsed });
    countsAgree();
    clock = new Date('2026-11-23T03:00:00Z');
  });

  it('closing a list ends its open tasks, callbacks included, except those another open list still holds; closed lists keep their date', async () => {
    // A list whose open tasks partly belong to another open list too (a customer on two lists has one task).
    const shared = db
      .prepare(
        `SELECT m.list_id AS id FROM list_members m JOIN tasks t ON t.id = m.task_id AND t.closed_at IS NULL
          WHERE EXISTS (SELECT 1 FROM list_members o WHERE o.task_id = m.task_id AND o.list_id <> m.list_id)
          GROUP BY m.list_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { id: number } | undefined;
    const listId = shared?.id ?? listsWithOpenTasks()[0]!.id;
    const open = tasksOf(listId).filter((x) => x.closed_at === null);
    const heldElsewhere = open.filter(
      (x) =>
        (db
          .prepare('SELECT count(*) FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.task_id = ? AND m.list_id <> ? AND w.closed_at IS NULL')
          .pluck()
          .get(x.id, listId) as number) > 0,
    );
    const r = await t.call('worklist-close', { listId });
    expect(r).toEqual({ closedTasks: open.length - heldElsewhere.length, keptOpen: heldElsewhere.length });
    for (const task of tasksOf(listId).filter((x) => open.some((o) => o.id === x.id))) {
      if (heldElsewhere.some((h) => h.id === task.id)) expect(task.closed_at).toBeNull();
      else expect(task).toMatchObject({ status: 'expired', closed_at: clock.toISOString(), callback_at: null });
    }
    countsAgree();
    const summary = (await t.call('worklist-list', {})).items.find((l) => l.id === listId)!;
    expect(summary.closedAt).toBe(clock.toISOString());
    expect(summary.open).toBe(heldElsewhere.length);
    expect(db.prepare("SELECT target FROM audit_log WHERE action = 'worklist-close' ORDER BY id DESC LIMIT 1").pluck().get()).toBe(
      db.prepare('SELECT name FROM work_lists WHERE id = ?').pluck().get(listId),
    );
    // Closing twice changes nothing; a closed list's due date is fixed.
    expect(await t.call('worklist-close', { listId })).toEqual({ closedTasks: 0, keptOpen: 0 });
    await expect(t.call('worklist-set-due', { listId, dueDate: '2027-01-31' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(t.call('worklist-close', { listId: 999_999 })).rejects.toMatchObject({ code: 'not-found' });
  });
});
