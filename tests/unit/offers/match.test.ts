import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSubscribers } from '../../../core/demo/generator';
import { formatMessage } from '../../../core/i18n';
import { offerSchema, type Offer, type OfferInput, type RuleCondition } from '../../../core/offers/catalogue';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { emptyAcceptanceTable } from '../../../core/offers/acceptance';
import { compileCatalogue, matchOffers, offersOfMask, type MatchInput, type SubscriberValues } from '../../../core/offers/match';
import { rankOffers } from '../../../core/offers/rank';

const today = '2026-11-20';
const now = '2026-11-20T03:00:00.000Z';

const base: SubscriberValues = {
  brand: '动感地带', plan_code: 'DGDD59', plan_name: '动感地带潮玩套餐59元', arpu_avg3: 80, arpu_cur: 75,
  data_mb_avg3: 50_000, status: '正常', arrears: 0, balance: 40, complaints_90d: 0, handset_months: 30,
  family_members: 2, broadband: 0, contract_type: '无合约', dual_sim: '无',
};
const input = (over: Partial<MatchInput> = {}): MatchInput => ({
  subscriber: base, tags: ['data_heavy'], listTypes: [], history: [], budgetUsed: {}, channel: 'phone', today, now, ...over,
});
const codes = (offers: readonly Offer[]): string[] => offers.map((o) => o.code);
const exclusion = (r: ReturnType<typeof matchOffers>, code: string) => r.excluded.find((e) => e.code === code);

describe('matchOffers on the default catalogue', () => {
  it('keeps the offers that fit and says why each other one is not made', () => {
    const r = matchOffers(input(), defaultOffers);
    expect(codes(r.candidates)).toEqual(['HANDSET_DEPOSIT', 'DATA_SIM', 'DATA_PACK']);
    expect(r.candidates.length + r.excluded.length).toBe(defaultOffers.length);
    const lucky = exclusion(r, 'LUCKY_NUMBER')!;
    expect(lucky.stage).toBe('eligibility');
    expect(lucky.reason.code).toBe('offer.not-eligible');
    expect(lucky.reason.conditions!.map((c) => c.code)).toEqual(['offer.cond.tag.dual_sim', 'offer.cond.list.dual_sim', 'offer.cond.in']);
    expect(formatMessage('zh-CN', lucky.reason.conditions![2]!.code, lucky.reason.conditions![2]!.params)).toBe('双卡标识为 移动+联通/移动+电信/移动+广电 之一（当前 无）');
    // Every alternative of an "any" that holds is a reason it fits.
    expect(r.matched.DATA_SIM).toEqual([
      { code: 'offer.cond.tag.data_heavy', params: {} },
      { code: 'offer.cond.ge', params: { field: 'data_mb_avg3', value: 40960, actual: 50000 } },
    ]);
    expect(r.matched.HANDSET_DEPOSIT).toEqual([
      { code: 'offer.cond.ge', params: { field: 'handset_months', value: 24, actual: 30 } },
      { code: 'offer.cond.ge', params: { field: 'arpu_avg3', value: 58, actual: 80 } },
    ]);
  });

  it('suppresses an offer declined within its cooldown, with the days, and offers it again after', () => {
    const declined = (at: string) => input({ history: [{ offerCode: 'DATA_PACK', disposition: 'declined', at }] });
    const r = matchOffers(declined('2026-11-08T02:00:00.000Z'), defaultOffers);
    expect(codes(r.candidates)).not.toContain('DATA_PACK');
    expect(exclusion(r, 'DATA_PACK')).toEqual({ code: 'DATA_PACK', stage: 'contact-policy', reason: { code: 'offer.declined-recently', params: { days: 12, cooldown: 30 } } });
    expect(formatMessage('en', 'offer.declined-recently', { days: 12, cooldown: 30 })).toMatch(/^Declined 12 days ago/);
    // 2026-10-21 16:30 UTC is 10-22 00:30 in China: 29 days before today → still suppressed; a day earlier → back.
    expect(codes(matchOffers(declined('2026-10-21T16:30:00.000Z'), defaultOffers).candidates)).not.toContain('DATA_PACK');
    expect(codes(matchOffers(declined('2026-10-21T15:30:00.000Z'), defaultOffers).candidates)).toContain('DATA_PACK');
    expect(codes(matchOffers(declined('2026-10-21'), defaultOffers).candidates)).toContain('DATA_PACK');
    // Other dispositions, or another offer's decline, do not suppress it.
    const other = input({ history: [{ offerCode: 'DATA_PACK', disposition: 'no_answer', at: '2026-11-19' }, { offerCode: 'DATA_SIM', disposition: 'declined', at: '2026-11-19' }] });
    const r2 = matchOffers(other, defaultOffers);
    expect(codes(r2.candidates)).toContain('DATA_PACK');
    expect(exclusion(r2, 'DATA_SIM')!.reason).toEqual({ code: 'offer.declined-recently', params: { days: 1, cooldown: 30 } });
  });

  it('does not repeat an offer the customer took within a year', () => {
    const r = matchOffers(input({ history: [{ offerCode: 'DATA_PACK', disposition: 'accepted', at: '2026-06-01T02:00:00Z' }] }), defaultOffers);
    expect(exclusion(r, 'DATA_PACK')!.reason).toEqual({ code: 'offer.accepted-already', params: { days: 172 } });
    expect(codes(compileCatalogue(defaultOffers, { acceptedBlockDays: 0 }).match(input({ history: [{ offerCode: 'DATA_PACK', disposition: 'accepted', at: '2026-06-01' }] })).candidates)).toContain('DATA_PACK');
  });

  it('says "today" for an offer taken or declined today, not "0 days ago"', () => {
    const taken = matchOffers(input({ history: [{ offerCode: 'DATA_PACK', disposition: 'accepted', at: `${today}T02:00:00Z` }] }), defaultOffers);
    expect(exclusion(taken, 'DATA_PACK')!.reason).toEqual({ code: 'offer.accepted-today', params: {} });
    const declined = matchOffers(input({ history: [{ offerCode: 'DATA_SIM', disposition: 'declined', at: `${today}T02:00:00Z` }] }), defaultOffers);
    expect(exclusion(declined, 'DATA_SIM')!.reason).toEqual({ code: 'offer.declined-today', params: { cooldown: 30 } });
    expect(formatMessage('en', 'offer.accepted-today', {})).toBe('The customer took this offer today');
  });

  it('stops an offer whose weekly budget is used up', () => {
    const r = matchOffers(input({ budgetUsed: { DATA_PACK: 300, DATA_SIM: 99 } }), defaultOffers);
    expect(exclusion(r, 'DATA_PACK')).toEqual({ code: 'DATA_PACK', stage: 'contact-policy', reason: { code: 'offer.budget-used-up', params: { used: 300, budget: 300 } } });
    expect(codes(r.candidates)).toContain('DATA_SIM');
  });

  it('stops an offer not made on this channel', () => {
    const r = matchOffers(input({ channel: 'sms' }), defaultOffers);
    expect(exclusion(r, 'DATA_SIM')!.reason.code).toBe('offer.channel-not-offered.sms');
    expect(codes(r.candidates)).toEqual(['DATA_PACK']);
  });

  it('stops an offer out of its validity window or switched off', () => {
    const mk = (o: Partial<OfferInput>): Offer => offerSchema.parse({ ...defaultOffers.find((d) => d.code === 'DATA_PACK')!, ...o });
    const offers = [mk({ code: 'LATER', valid_from: '2026-12-01' }), mk({ code: 'OVER', valid_to: '2026-11-19' }), mk({ code: 'OFF', active: false }), mk({ code: 'NOW', valid_from: '2026-11-20', valid_to: '2026-11-20' })];
    const r = matchOffers(input(), offers);
    expect(codes(r.candidates)).toEqual(['NOW']);
    expect(r.excluded.map((e) => [e.code, e.stage, e.reason.code, e.reason.params])).toEqual([
      ['LATER', 'inactive', 'offer.not-yet-valid', { from: '2026-12-01' }],
      ['OVER', 'inactive', 'offer.expired', { to: '2026-11-19' }],
      ['OFF', 'inactive', 'offer.inactive', {}],
    ]);
  });

  it('does not offer a plan the customer is already on, nor a costly offer to a customer in arrears', () => {
    const r = matchOffers(input({ subscriber: { ...base, plan_code: 'DLLK59', plan_name: '大流量卡59元', arrears: 35 } }), defaultOffers);
    expect(exclusion(r, 'DATA_SIM')).toMatchObject({ stage: 'applicability', reason: { code: 'offer.already-on-plan', params: { plan: '大流量卡59元' } } });
    const h = exclusion(r, 'HANDSET_DEPOSIT')!;
    expect(h.stage).toBe('suitability');
    expect(h.reason.conditions).toEqual([{ code: 'offer.cond.gt', params: { field: 'arrears', value: 0, actual: 35 } }]);
    expect(formatMessage('en', h.reason.conditions![0]!.code, h.reason.conditions![0]!.params)).toBe('Arrears > 0 (now 35)');
    // Brand migration to 全球通 does not apply to a 全球通 customer.
    const g = matchOffers(input({ subscriber: { ...base, brand: '全球通', arpu_avg3: 200 } }), defaultOffers);
    expect(exclusion(g, 'BRAND_MIGRATION')).toMatchObject({ stage: 'applicability', reason: { code: 'offer.not-applicable' } });
  });

  it('treats a missing field as not eligible in `eligible` and as not excluding elsewhere, and lists it', () => {
    const s = { ...base };
    delete (s as Record<string, unknown>).arpu_avg3;
    delete (s as Record<string, unknown>).arrears;
    const r = matchOffers(input({ subscriber: s }), defaultOffers);
    const h = exclusion(r, 'HANDSET_DEPOSIT')!;
    expect(h.stage).toBe('eligibility');
    expect(h.reason.conditions).toEqual([{ code: 'offer.cond.unknown', params: { field: 'arpu_avg3' } }]);
    expect(r.unknown).toContainEqual({ code: 'HANDSET_DEPOSIT', field: 'arpu_avg3' });
    // DATA_SIM is unsuitable in arrears: arrears unknown → still a candidate, and the card says so.
    expect(codes(r.candidates)).toContain('DATA_SIM');
    expect(r.unknown).toContainEqual({ code: 'DATA_SIM', field: 'arrears' });
    expect(formatMessage('zh-CN', 'offer.cond.unknown', { field: 'arpu_avg3' })).toBe('近三月ARPU未知，无法判断');
  });

  it('reads booleans and numbers written as text', () => {
    const spend = (broadband: string | number) =>
      codes(matchOffers(input({ tags: ['no_stickiness'], subscriber: { ...base, broadband } }), defaultOffers).candidates).includes('SPEND_GET_BACK');
    expect(spend('是')).toBe(false);
    expect(spend(1)).toBe(false);
    expect(spend('否')).toBe(true);
    expect(codes(matchOffers(input({ tags: [], subscriber: { ...base, data_mb_avg3: ' 41000 ' } }), defaultOffers).candidates)).toContain('DATA_SIM');
  });
});

/* ------------------------------------------------------------------------------------------------------------ */
/* Properties                                                                                                     */

/** A plain reference reading of `eligible`, independent of the compiled closures. */
function holds(c: RuleCondition, s: SubscriberValues, tags: readonly string[], lists: readonly string[]): boolean {
  if ('any' in c) return c.any.some((x) => holds(x, s, tags, lists));
  if ('tag' in c) return tags.includes(c.tag) === (c.present !== false);
  if ('list' in c) return lists.includes(c.list);
  // The sample rows carry no extra columns the catalogue names: a column condition is unknown, so never holds.
  if ('column' in c) return false;
  const v = s[c.field];
  const missing = v === null || v === undefined || String(v).trim() === '';
  if (c.op === 'present') return !missing;
  if (c.op === 'empty') return missing;
  if (missing) return false;
  const n = Number(String(v).trim());
  const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  switch (c.op) {
    case '>': return n > Number(c.value);
    case '>=': return n >= Number(c.value);
    case '<': return n < Number(c.value);
    case '<=': return n <= Number(c.value);
    case '=': return typeof c.value === 'number' ? n === c.value : String(v).trim() === c.value;
    case '!=': return typeof c.value === 'number' ? n !== c.value : String(v).trim() !== c.value;
    case 'in': return c.value.some((x) => String(x) === String(v).trim());
    case 'not-in': return !c.value.some((x) => String(x) === String(v).trim());
    case 'days-ago': {
      const d = days(today) - days(String(v));
      return d >= c.value[0] && d <= c.value[1];
    }
    case 'days-until': {
      const d = days(String(v)) - days(today);
      return d >= c.value[0] && d <= c.value[1];
    }
  }
}

const sampleRows: SubscriberValues[] = [];
for (const r of generateSubscribers({ seed: 5, count: 300, today })) sampleRows.push(r as unknown as SubscriberValues);
const allTags = ['mid_high_value', 'price_sensitive', 'family', 'handset_change', 'plan_mismatch', 'data_heavy', 'contract_expiring', 'arrears_before_suspension', 'bill_spike', 'data_anomaly', 'no_stickiness', 'dual_sim'];
const allLists = ['contract_expiring', 'dual_sim', 'arrears_suspension', 'bill_spike', 'data_anomaly', 'no_contract_care', 'brand_migration', 'handset_change'];
const offerCodes = defaultOffers.map((o) => o.code);

const arbInput: fc.Arbitrary<MatchInput> = fc.record({
  row: fc.integer({ min: 0, max: sampleRows.length - 1 }),
  drop: fc.subarray(['arpu_avg3', 'arrears', 'status', 'handset_months', 'data_mb_avg3', 'balance', 'family_members', 'broadband', 'contract_type', 'dual_sim', 'brand', 'plan_code', 'complaints_90d']),
  tags: fc.subarray(allTags),
  lists: fc.subarray(allLists),
  history: fc.array(fc.record({ offerCode: fc.constantFrom(...offerCodes), disposition: fc.constantFrom('accepted', 'declined', 'busy'), at: fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2026, 10, 20) - d * 86_400_000).toISOString()) }), { maxLength: 4 }),
  budget: fc.dictionary(fc.constantFrom(...offerCodes), fc.integer({ min: 0, max: 400 })),
  channel: fc.constantFrom('phone', 'sms', 'hall', 'visit' as const),
}).map(({ row, drop, tags, lists, history, budget, channel }) => {
  const s: Record<string, string | number | null> = { ...(sampleRows[row] as Record<string, string | number | null>) };
  for (const k of drop) s[k] = null;
  return { subscriber: s, tags, listTypes: lists, history, budgetUsed: budget, channel, today, now };
});

describe('matching properties', () => {
  const compiled = compileCatalogue(defaultOffers);

  it('an ineligible offer never appears among the candidates nor in the ranking', () => {
    fc.assert(
      fc.property(arbInput, fc.double({ min: 0, max: 1, noNaN: true }), (inp, pChurn) => {
        const r = compiled.match(inp);
        const eligible = (o: Offer) => (o.rules.eligible ?? []).every((c) => holds(c, inp.subscriber, inp.tags, inp.listTypes));
        for (const o of r.candidates) if (!eligible(o)) return false;
        const ranked = rankOffers(r.candidates, { pChurn, arpu: 100, segment: 'none.mass', acceptance: emptyAcceptanceTable(), limit: 99, matched: r.matched });
        for (const x of ranked) if (!eligible(defaultOffers.find((o) => o.code === x.code)!)) return false;
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('every offer is either a candidate or excluded exactly once; the bulk mask agrees with the full match', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const r = compiled.match(inp);
        const all = [...codes(r.candidates), ...r.excluded.map((e) => e.code)].sort();
        if (JSON.stringify(all) !== JSON.stringify([...offerCodes].sort())) return false;
        return JSON.stringify(codes(offersOfMask(compiled, compiled.matchMask(inp)))) === JSON.stringify(codes(r.candidates));
      }),
      { numRuns: 500 },
    );
  });

  it('a budget used up, a wrong channel or a decline within the cooldown always excludes', () => {
    fc.assert(
      fc.property(arbInput, fc.constantFrom(...offerCodes), fc.integer({ min: 0, max: 29 }), (inp, code, d) => {
        const offer0 = defaultOffers.find((o) => o.code === code)!;
        const days = d % offer0.cooldown_days;
        const at = new Date(Date.UTC(2026, 10, 20) - days * 86_400_000).toISOString();
        const offer = defaultOffers.find((o) => o.code === code)!;
        const a = compiled.match({ ...inp, history: [...inp.history, { offerCode: code, disposition: 'declined', at }] });
        const b = compiled.match({ ...inp, budgetUsed: { ...inp.budgetUsed, [code]: offer.weekly_budget ?? 0 } });
        const budgetStops = offer.weekly_budget !== null;
        const other = (['phone', 'sms', 'hall', 'visit'] as const).find((ch) => !offer.channels.includes(ch));
        const channelStops = other === undefined || !codes(compiled.match({ ...inp, channel: other }).candidates).includes(code);
        return channelStops && !codes(a.candidates).includes(code) && (!budgetStops || !codes(b.candidates).includes(code));
      }),
      { numRuns: 300 },
    );
  });
});

describe('personal data in the words of a rule', () => {
  it('a rule on the number or the name shows them masked on the card, never in clear', () => {
    const offer = offerSchema.parse({
      code: 'ONE_CUSTOMER', name_zh: '一位客户', name_en: null, category: 'care', description: null, script: null, cost: 0, channels: ['hall'],
      valid_from: null, valid_to: null, weekly_budget: null,
      rules: { eligible: [{ field: 'msisdn', op: '=', value: 13812345678 }, { field: 'name', op: 'in', value: ['张三丰'] }] },
    } satisfies OfferInput);
    const r = matchOffers(input({ channel: 'hall', subscriber: { ...base, msisdn: 13812345678, name: '张三丰' } }), [offer]);
    const words = JSON.stringify(r.matched.ONE_CUSTOMER);
    expect(words).not.toContain('13812345678');
    expect(words).not.toContain('张三丰');
    expect(r.matched.ONE_CUSTOMER).toEqual([
      { code: 'offer.cond.eq', params: { field: 'msisdn', value: '138****5678', actual: '138****5678' } },
      { code: 'offer.cond.in', params: { field: 'name', value: '张**', actual: '张**' } },
    ]);
  });
});
