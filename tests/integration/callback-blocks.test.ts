import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * A call-back the customer asked for is not held back by the marketing filters (core/contact/policy.ts), and a
 * workspace whose queue stored such a call-back's block by the earlier rule — until the marketing interval ended,
 * weeks after the time the customer asked for — has it mended at the next start, once.
 */
describe('the stored block of a call-back the customer asked for', () => {
  const tmp = tempDir();
  const file = tmp.file('ws.sqlite');
  const noon = new Date(2026, 10, 23, 12, 0); // local noon: inside calling hours in any zone
  afterAll(() => tmp.cleanup());

  it('is its time, whatever the central file says of the last marketing; an older workspace is mended at the next start', async () => {
    let t = testBackend({ dbPath: file, demoIfEmpty: true, now: () => noon });
    const row = (await t.call('queue-list', { limit: 50 })).items.find((i) => i.contact.allowed)!;
    const card = await t.call('customer-lookup', { taskId: row.taskId, channel: 'hall' });
    if (!card.found) throw new Error('no card');
    const at = new Date(noon.getTime() + 24 * 3_600_000).toISOString(); // tomorrow noon
    await t.call('attempt-log', { ref: card.customer.ref, channel: 'hall', disposition: 'callback', callbackAt: at });
    t.close();

    // The central file says this customer was marketed yesterday: the 60-day interval would hold a sale for two months.
    const db = new Database(file);
    const msisdn = db.prepare('SELECT msisdn FROM tasks WHERE id = ?').pluck().get(row.taskId) as number;
    db.prepare('UPDATE subscribers SET last_marketed = ? WHERE msisdn = ?').run('2026-11-22', msisdn);
    // As the earlier rule stored it (a workspace from before this revision): until the interval ended.
    db.prepare("UPDATE tasks SET blocked_until = '2027-01-22T16:00:00.000Z' WHERE id = ?").run(row.taskId);
    db.prepare("DELETE FROM workspace WHERE key = 'queue-blocks-callbacks'").run();
    db.close();

    t = testBackend({ dbPath: file, now: () => noon });
    try {
      const stored = new Database(file, { readonly: true });
      expect(stored.prepare('SELECT blocked_until FROM tasks WHERE id = ?').pluck().get(row.taskId)).toBe(at);
      stored.close();
      // At its time it is among the due call-backs at the head of the queue, callable.
      const due = new Date(Date.parse(at) + 60_000);
      const t2 = testBackend({ dbPath: file, now: () => due });
      const items = (await t2.call('queue-list', { limit: 50 })).items;
      const mine = items.find((i) => i.taskId === row.taskId);
      expect(mine).toMatchObject({ status: 'callback_due', order: { part: 'callback-due' } });
      expect(mine!.contact.allowed).toBe(true);
      t2.close();
    } finally {
      t.close();
    }
  });
});
