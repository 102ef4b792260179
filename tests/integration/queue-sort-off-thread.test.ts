import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { queuePage } from '../../db/tasks';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * The queue sorted by risk reads every open task's figures: at a million, 2–3 s on the backend's one thread, while an
 * agent's hall look-up waited for it (found driving the app at a million, 2026-12-06). Past a number of open tasks it
 * is read in a worker (handlers/queue.ts): the same page, and other calls are answered meanwhile. Here that number
 * is 0, so the demo workspace takes the worker's way.
 */
describe('the queue sorted by risk on a big workspace', () => {
  const tmp = tempDir();
  const file = tmp.file('ws.sqlite');
  const clock = new Date(2026, 10, 25, 12, 0);
  let t: ReturnType<typeof testBackend>;

  beforeAll(() => {
    t = testBackend({ dbPath: file, demoIfEmpty: true, now: () => clock, queueSortInlineTasks: 0 });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('gives the page the backend would read itself, in both directions, whole and unassigned', async () => {
    const db = openDatabase(file);
    try {
      // Unassigned tasks, more than the page reaches.
      db.exec('UPDATE tasks SET agent_id = NULL WHERE closed_at IS NULL AND id % 3 = 0');
      expect(db.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL AND agent_id IS NULL').pluck().get()).toBeGreaterThan(65);
      for (const descending of [true, false]) {
        for (const agentId of [undefined, null] as const) {
          const input = { sort: 'level', descending, offset: 40, limit: 25, ...(agentId === null && { agentId }) };
          const answer = await t.call('queue-list', input);
          const inline = queuePage(db, { ...input, sort: 'level', agentId, now: clock.toISOString() });
          expect(answer.total).toBe(inline.total);
          expect(answer.items.map((i) => i.taskId)).toEqual(inline.rows.map((r) => r.id));
          expect(answer.items.length).toBe(25);
        }
      }
    } finally {
      db.close();
    }
  });

  it('answers other calls while it reads', async () => {
    const order: string[] = [];
    const sorted = t.call('queue-list', { sort: 'level', descending: true, limit: 50 }).then(() => order.push('sorted queue'));
    await t.call('app-info', {}).then(() => order.push('app-info'));
    await sorted;
    // Read on the backend's thread, the sorted page would have been answered before the next call was even taken.
    expect(order).toEqual(['app-info', 'sorted queue']);
  });
});
