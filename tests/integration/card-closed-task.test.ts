import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * A task that has ended is not phoned (docs/product.md §6): the card of its customer must not say 现在可以外呼 just
 * after the agent saved 拒绝 or the attempt that closed it (found driving the card as an agent: the closed task's
 * attempts were left out of the decision). A walk-in in the hall is still served.
 */
describe('the card of a customer whose task has ended', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date(2026, 10, 23, 12, 0) }); // local noon: inside calling hours in any zone
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('says the task has ended on the phone, and still serves the customer in the hall', async () => {
    const row = (await t.call('queue-list', { limit: 50 })).items.find((i) => i.contact.allowed)!;
    expect(row).toBeDefined();
    const before = await t.call('customer-lookup', { taskId: row.taskId, channel: 'phone' });
    if (!before.found) throw new Error('no card');
    expect(before.contact.allowed).toBe(true);
    const saved = await t.call('attempt-log', { ref: before.customer.ref, channel: 'phone', disposition: 'declined', reason: 'price' });
    expect(saved.task?.status).toBe('closed_declined');

    const after = await t.call('customer-lookup', { taskId: row.taskId, channel: 'phone' });
    if (!after.found) throw new Error('no card');
    expect(after.contact.allowed).toBe(false);
    expect(after.contact.reasons.map((r) => r.code)).toContain('task-closed');
    const hall = await t.call('customer-lookup', { taskId: row.taskId, channel: 'hall' });
    if (!hall.found) throw new Error('no card');
    expect(hall.contact.allowed).toBe(true);
  });
  it('a customer whose task has ended is still on their work lists: offers for those lists are not refused as "not on such a list" (found by a new agent)', async () => {
    // Customers on open tasks, each with the offers their card ranks or excludes for a list's sake.
    const listOffers = new Set(['CONTRACT_REWARD', 'FAMILY_PLAN', 'DATA_PACK']);
    const { items } = await t.call('queue-list', { limit: 300 });
    for (const row of items) {
      const before = await t.call('customer-lookup', { taskId: row.taskId, channel: 'hall' });
      if (!before.found) continue;
      const ranked = before.offers.ranked.map((o) => o.code).filter((c) => listOffers.has(c));
      if (ranked.length === 0) continue;
      await t.call('attempt-log', { ref: before.customer.ref, channel: 'hall', disposition: 'declined', reason: 'price' });
      const after = await t.call('customer-lookup', { taskId: row.taskId, channel: 'hall' });
      if (!after.found) throw new Error('no card');
      // Not offered again for a while after a decline is another matter; "not on the list" would be false.
      const listReasons = after.offers.excluded.filter((e) => ranked.includes(e.code) && JSON.stringify(e.reason).includes('list'));
      expect(listReasons).toEqual([]);
      return;
    }
    throw new Error('no customer ranked a list offer');
  });
});
