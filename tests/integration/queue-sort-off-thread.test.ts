import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { queuePage } from '../../db/tasks';
import { openBackend, type Backend } from '../../electron/backend';
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
  let backend: Backend;

  beforeAll(() => {
    backend = openBackend({ dbPath: file, demoIfEmpty: true, now: () => clock, identityKeyDir: tmp.file('home'), queueSortInlineTasks: 0 });
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = async (name: string, input: unknown): Promise<any> => {
    const r = await backend.dispatch(name as never, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };

  it('gives the page the backend would read itself, in both directions, whole and unassigned', async () => {
    const db = openDatabase(file);
    try {
      // Unassigned tasks, more than the page reaches.
      db.exec('UPDATE tasks SET agent_id = NULL WHERE closed_at IS NULL AND id % 3 = 0');
      expect(db.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL AND agent_id IS NULL').pluck().get()).toBeGreaterThan(65);
      for (const descending of [true, false]) {
        for (const agentId of [undefined, null] as const) {
          const input = { sort: 'level', descending, offset: 40, limit: 25, ...(agentId === null && { agentId }) };
          const answer = await call('queue-list', input);
          const inline = queuePage(db, { ...input, sort: 'level', agentId, now: clock.toISOString() });
          expect(answer.total).toBe(inline.total);
          expect(answer.items.map((i: { taskId: number }) => i.taskId)).toEqual(inline.rows.map((r) => r.id));
          expect(answer.items.length).toBe(25);
        }
      }
    } finally {
      db.close();
    }
  });

  it('answers other calls while it reads', async () => {
    const order: string[] = [];
    const sorted = call('queue-list', { sort: 'level', descending: true, limit: 50 }).then(() => order.push('sorted queue'));
    await call('app-info', {}).then(() => order.push('app-info'));
    await sorted;
    // Read on the backend's thread, the sorted page would have been answered before the next call was even taken.
    expect(order).toEqual(['app-info', 'sorted queue']);
  });
});
