import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** docs/product.md §6: feedback with category and importance; experience notes colleagues see on the card. */
describe('feedback and experience notes', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  async function cardWithOffer() {
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const numbers = d.prepare("SELECT msisdn FROM subscriber_scores WHERE level = 'high' ORDER BY score DESC LIMIT 30").pluck().all() as number[];
    d.close();
    for (const n of numbers) {
      const card = await t.call('customer-lookup', { msisdn: String(n) });
      if (card.found && card.offers.ranked.length) return { ...card, number: String(n) };
    }
    throw new Error('no demo customer with a ranked offer');
  }

  it('a note on an offer shows on the cards that rank that offer; a note needs an offer or a reason', async () => {
    const card = await cardWithOffer();
    const code = card.offers.ranked[0]!.code;
    const added = await t.call('note-add', { offerCode: code, text: '先问家里几口人，再讲副卡免费，接受率高。' });
    expect(added.created).toBe(true);
    const again = await t.call('customer-lookup', { msisdn: card.number });
    if (!again.found) throw new Error('not found');
    expect(again.notes.map((n) => n.text)).toContain('先问家里几口人，再讲副卡免费，接受率高。');
    await expect(t.call('note-add', { text: 'about nothing' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('feedback is stored with category and importance, shows on the customer’s card, and a retried save is not doubled', async () => {
    const card = await cardWithOffer();
    const id = '22222222-2222-4222-8222-222222222222';
    // From the card, as the hall's feedback dialog sends it: the card's reference, not the number.
    const input = { id, ref: card.customer.ref, category: 'network', importance: 'high', text: '家里地下室没信号' } as const;
    expect((await t.call('feedback-add', input)).created).toBe(true);
    expect((await t.call('feedback-add', input)).created).toBe(false);
    const again = await t.call('customer-lookup', { msisdn: card.number });
    if (!again.found) throw new Error('not found');
    expect(again.feedback).toEqual([
      expect.objectContaining({ id, category: 'network', importance: 'high', text: '家里地下室没信号', msisdnMasked: expect.stringMatching(/\*{4}/) }),
    ]);
    await expect(t.call('feedback-add', { category: 'nonsense', importance: 'high', text: 'x' })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
