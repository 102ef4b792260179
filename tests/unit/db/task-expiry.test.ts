import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { expireTasksDueBefore } from '../../../db/tasks';

/**
 * The expiry sweep runs on the backend's thread at start and hourly (electron/backend/task-status.ts): each of its
 * statements must seek the open tasks by due date, not read every task (1.7 s at a million, the hall waiting).
 */
describe('task expiry sweep', () => {
  it('closes the open tasks past their due date, and every statement it runs is an index seek', () => {
    const db = openDatabase(':memory:');
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    for (let n = 1; n <= 4; n++) prepare("INSERT INTO subscribers (msisdn, updated_at) VALUES (?, '2026-11-01T00:00:00Z')").run(13800000000 + n);
    const add = prepare('INSERT INTO tasks (msisdn, status, priority, created_at, due_date, callback_at) VALUES (?, ?, 0, ?, ?, ?)');
    add.run(13800000001, 'pending', '2026-11-01T00:00:00Z', '2026-11-20', null);
    add.run(13800000002, 'pending', '2026-11-01T00:00:00Z', '2026-11-30', null);
    add.run(13800000003, 'callback_due', '2026-11-01T00:00:00Z', '2026-11-20', '2026-11-22T02:00:00Z');
    add.run(13800000004, 'pending', '2026-11-01T00:00:00Z', null, null);

    expect(expireTasksDueBefore(db, '2026-11-23', (d) => `${d}T16:00:00.000Z`)).toBe(1);
    const rows = prepare('SELECT msisdn, status, closed_at FROM tasks ORDER BY msisdn').all();
    expect(rows).toEqual([
      { msisdn: 13800000001, status: 'expired', closed_at: '2026-11-20T16:00:00.000Z' },
      { msisdn: 13800000002, status: 'pending', closed_at: null },
      { msisdn: 13800000003, status: 'callback_due', closed_at: null },
      { msisdn: 13800000004, status: 'pending', closed_at: null },
    ]);

    expect(seen.length).toBeGreaterThan(0);
    for (const sql of seen) {
      const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from(sql.matchAll(/\?/g), () => '2026-11-23')).map((r) => (r as { detail: string }).detail) as string[]).join(' | ');
      expect(plan, sql).toContain('USING INDEX tasks_open_due');
      expect(plan, sql).not.toMatch(/SCAN tasks\b/);
    }
    db.close();
  });
});
