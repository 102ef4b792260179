import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIAL_SHARE } from '../../core/offers/explore';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** Trial offers on the card (试推, docs/product.md §5.2 "Trial offers"), through the backend as the app calls it. */
describe('customer card: trial offers', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let clock = new Date('2026-11-23T03:00:00Z');
  let numbers: string[] = [];
  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock });
    await t.call('customer-lookup', { msisdn: '13800000000' }); // opens (and fills) the demo workspace
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    numbers = (d.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 600').pluck().all() as number[]).map(String);
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

  it('marks a trial first with its why, on at most the documented share of cards, the same on every look-up that day', async () => {
    let withOffers = 0;
    const trials: string[] = [];
    for (const n of numbers) {
      const offers = await offersOf(n);
      if (offers.ranked.length === 0) continue;
      withOffers++;
      expect(offers.ranked.slice(1).some((r) => r.trial)).toBe(false);
      const top = offers.ranked[0]!;
      expect(top.why.some((w) => w.code === 'offer.why.trial')).toBe(top.trial);
      if (!top.trial) continue;
      trials.push(n);
      // Shown first, so not also listed as not offered for its value.
      expect(offers.excluded.map((e) => e.code)).not.toContain(top.code);
      expect((await offersOf(n)).ranked).toEqual(offers.ranked);
    }
    expect(trials.length).toBeGreaterThan(0);
    expect(trials.length / withOffers).toBeLessThanOrEqual(TRIAL_SHARE + 3 * Math.sqrt((TRIAL_SHARE * (1 - TRIAL_SHARE)) / withOffers));

    // Another day draws again: not the same customers get a trial.
    clock = new Date('2026-11-24T03:00:00Z');
    const nextDay: string[] = [];
    for (const n of numbers) if ((await offersOf(n)).ranked[0]?.trial) nextDay.push(n);
    expect(nextDay).not.toEqual(trials);
  });
});
