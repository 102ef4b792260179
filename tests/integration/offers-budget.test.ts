import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekStartUtc } from '../../electron/backend/offers';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * An offer's weekly budget on the card (docs/product.md §5.2): the week's acceptances are kept between cards rather
 * than counted on every look-up (electron/backend/offers.ts), so the card must still follow an acceptance the moment
 * it is logged, and one stored by another connection (an outcome merge in a worker).
 */
describe('customer card: weekly offer budgets', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  // After the default catalogue's own timestamps (written at migration, today): the catalogue's stamp moves on a save.
  let clock = new Date('2030-06-05T03:00:00Z');
  let numbers: string[] = [];
  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock });
    await t.call('customer-lookup', { msisdn: '13800000000' }); // opens (and fills) the demo workspace
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    numbers = (d.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 300').pluck().all() as number[]).map(String);
    d.close();
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const offersOf = async (msisdn: string) => {
    const card = await t.call('customer-lookup', { msisdn });
    if (!card.found) throw new Error(`${msisdn} not found`);
    return card.offers;
  };
  const usedThisWeek = (code: string) => {
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const n = d.prepare("SELECT count(*) FROM attempts WHERE offer_code = ? AND disposition = 'accepted' AND at >= ?").pluck().get(code, weekStartUtc(clock)) as number;
    d.close();
    return n;
  };

  it('an offer leaves the card once its budget is used up: by an attempt logged here, and by one stored elsewhere', async () => {
    let customer = '';
    let code = '';
    for (const n of numbers) {
      const top = (await offersOf(n)).ranked.find((r) => !r.trial);
      if (top) {
        customer = n;
        code = top.code;
        break;
      }
    }
    expect(code).not.toBe('');
    const others = numbers.filter((n) => n !== customer);
    const offer = (await t.call('offer-list', {})).find((o) => o.code === code)!;
    const used = usedThisWeek(code);
    await t.call('offer-save', { offer: { ...offer, weekly_budget: used + 1 } });
    expect((await offersOf(customer)).ranked.map((r) => r.code)).toContain(code);

    await t.call('attempt-log', { msisdn: others[0]!, channel: 'hall', disposition: 'accepted', offerCode: code });
    let offers = await offersOf(customer);
    expect(offers.ranked.map((r) => r.code)).not.toContain(code);
    expect(offers.excluded.find((e) => e.code === code)?.reason).toEqual({ code: 'offer.budget-used-up', params: { used: used + 1, budget: used + 1 } });

    // One more allowed (a minute later: the catalogue's stamp is its last save's time); then an acceptance stored by
    // another connection uses it up.
    clock = new Date(clock.getTime() + 60_000);
    await t.call('offer-save', { offer: { ...offer, weekly_budget: used + 2 } });
    expect((await offersOf(customer)).ranked.map((r) => r.code)).toContain(code);
    const w = new Database(tmp.file('ws.sqlite'));
    const at = new Date(clock.getTime() - 60_000).toISOString();
    w.prepare("INSERT INTO attempts (id, task_id, msisdn, agent_id, channel, at, disposition, offer_code, recorded_at) VALUES ('merged-1', NULL, ?, 'A001', 'phone', ?, 'accepted', ?, ?)").run(Number(others[1]), at, code, clock.toISOString());
    w.close();
    offers = await offersOf(customer);
    expect(offers.ranked.map((r) => r.code)).not.toContain(code);
    expect(offers.excluded.find((e) => e.code === code)?.reason).toEqual({ code: 'offer.budget-used-up', params: { used: used + 2, budget: used + 2 } });
  });
});
