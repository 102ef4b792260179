import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Offer } from '../../core/offers/catalogue';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * An offer's reach before saving (docs/product.md §11.1, every configuration previewed): on the demo workspace, the
 * customers `offer-reach` counts for an offer as edited are those whose card, once it is saved, does not refuse it
 * for the catalogue's own reasons (switched off, out of its dates, eligibility, applicability, suitability) — and
 * before the save, those the stored offer reaches. Gained and lost are the difference, customer by customer.
 */
describe('offer reach', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;
  let numbers: string[];
  let open: Set<string>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    db = new Database(tmp.file('ws.sqlite'), { readonly: true });
    numbers = (db.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn').pluck().all() as number[]).map(String);
    open = new Set((db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL').pluck().all() as number[]).map(String));
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });

  const catalogueStages = new Set(['inactive', 'eligibility', 'applicability', 'suitability']);
  /** The customers whose card does not refuse the offer for a reason of the catalogue's own. */
  const reachedOnCards = async (code: string): Promise<Set<string>> => {
    const reached = new Set<string>();
    for (const msisdn of numbers) {
      const card = await t.call('customer-lookup', { msisdn, channel: 'hall' });
      if (!card.found) throw new Error(`no card for ${msisdn}`);
      if (!card.offers.excluded.some((e) => e.code === code && catalogueStages.has(e.stage))) reached.add(msisdn);
    }
    return reached;
  };
  const counted = (s: Set<string>) => ({ customers: s.size, openTasks: [...s].filter((n) => open.has(n)).length });
  const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));
  const stored = async (code: string) => (await t.call('offer-list', {})).find((o) => o.code === code)!;

  it('an edit of the rules: before is what the cards say now, after what they say once saved, gained and lost customer by customer', async () => {
    const offer = await stored('CONTRACT_REWARD');
    const before = await reachedOnCards('CONTRACT_REWARD');
    // The programme narrowed: only the medium and high, from ¥60 a month, still by contract or list.
    const edited: Offer = {
      ...offer,
      rules: { ...offer.rules, eligible: [...(offer.rules.eligible ?? []), { field: 'risk_level', op: 'in', value: ['high', 'medium'] }], notIf: [{ field: 'arpu_avg3', op: '<', value: 60 }] },
    };
    const reach = await t.call('offer-reach', { offer: edited });
    expect(reach.total).toBe(numbers.length);
    expect(reach.before).toEqual(counted(before));
    expect(before.size).toBeGreaterThan(100);

    await t.call('offer-save', { offer: edited });
    const after = await reachedOnCards('CONTRACT_REWARD');
    expect(reach.after).toEqual(counted(after));
    expect(after.size).toBeLessThan(before.size);
    expect(after.size).toBeGreaterThan(0);
    expect(reach.lost).toEqual(counted(minus(before, after)));
    expect(reach.gained).toEqual(counted(minus(after, before)));

    // Saved as it stands: nothing moves.
    const same = await t.call('offer-reach', { offer: edited });
    expect(same.before).toEqual(same.after);
    expect(same.gained).toEqual({ customers: 0, openTasks: 0 });
    expect(same.lost).toEqual({ customers: 0, openTasks: 0 });
  });

  it('widening by list type and tag gains exactly the customers the cards then offer it to', async () => {
    const offer = await stored('LUCKY_NUMBER');
    const before = await reachedOnCards('LUCKY_NUMBER');
    const edited: Offer = { ...offer, rules: { ...offer.rules, eligible: [{ any: [...(offer.rules.eligible?.[0] && 'any' in offer.rules.eligible[0] ? offer.rules.eligible[0].any : []), { list: 'weekly_anomaly' }, { tag: 'contract_expiring' }] }] } };
    const reach = await t.call('offer-reach', { offer: edited });
    await t.call('offer-save', { offer: edited });
    const after = await reachedOnCards('LUCKY_NUMBER');
    expect(reach.before).toEqual(counted(before));
    expect(reach.after).toEqual(counted(after));
    expect(reach.gained.customers).toBeGreaterThan(0);
    expect(reach.gained).toEqual(counted(minus(after, before)));
    expect(reach.lost).toEqual({ customers: 0, openTasks: 0 });
  });

  it('a new offer has no before and gains whom it reaches; switched off or out of its dates it reaches no one', async () => {
    const base = await stored('DATA_PACK');
    const fresh: Offer = { ...base, code: 'NEW_REACH', rules: { eligible: [{ field: 'risk_level', op: '=', value: 'high' }] } };
    const reach = await t.call('offer-reach', { offer: fresh });
    const high = db.prepare("SELECT count(*) FROM subscriber_scores WHERE level = 'high'").pluck().get() as number;
    expect(reach.before).toBeNull();
    expect(reach.after.customers).toBe(high);
    expect(reach.gained).toEqual(reach.after);

    const off = await t.call('offer-reach', { offer: { ...base, active: false } });
    expect(off.after).toEqual({ customers: 0, openTasks: 0 });
    expect(off.lost).toEqual(off.before);
    const ended = await t.call('offer-reach', { offer: { ...base, valid_to: '2026-11-22' } });
    expect(ended.after.customers).toBe(0);
  });

  it('agents may not ask', async () => {
    const offer = await stored('DATA_PACK');
    const r = await t.backend.dispatch('offer-reach', { offer }, { agentId: 'A001', role: 'agent' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
  });
});
