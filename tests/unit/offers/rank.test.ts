import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAcceptanceTable, emptyAcceptanceTable } from '../../../core/offers/acceptance';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { expectedValue, negativeValueOffers, rankOffers } from '../../../core/offers/rank';
import { formatMessage } from '../../../core/i18n';


describe('rankOffers', () => {
  const table = buildAcceptanceTable([
    ...Array.from({ length: 40 }, (_, i) => ({ offerCode: 'DATA_PACK', disposition: i < 20 ? 'accepted' : 'declined', segment: 'product.mass' })),
    ...Array.from({ length: 40 }, (_, i) => ({ offerCode: 'FAMILY_PLAN', disposition: i < 4 ? 'accepted' : 'declined', segment: 'product.mass' })),
  ]);

  it('returns the top 3 by expected value with why and script, ties by code', () => {
    const ranked = rankOffers(defaultOffers, { pChurn: 0.6, arpu: 100, segment: 'product.mass', acceptance: table, horizonMonths: 12 });
    expect(ranked).toHaveLength(3);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.expectedValue).toBeGreaterThanOrEqual(ranked[i]!.expectedValue);
    expect(ranked[0]!.code).toBe('DATA_PACK'); // learned 50 % acceptance, cost 15
    expect(ranked[0]!.script).toBeTruthy();
    expect(ranked[0]!.why.map((w) => w.code)).toEqual(['offer.why.acceptance-learned', 'offer.why.value']);
    // EV = p × 0.6 × 100 × 12 − 15 with p shrunk: (20 + 20 × p_o) / (40 + 20), p_o = (20 + 20 × 0.15) / 60
    const po = (20 + 20 * 0.15) / 60;
    const p = (20 + 20 * po) / 60;
    expect(ranked[0]!.pAccept).toBeCloseTo(p, 10);
    expect(ranked[0]!.expectedValue).toBeCloseTo(Math.round((p * 0.6 * 1200 - 15) * 100) / 100, 2);
    // The why adds up as written: acceptance × P(churn) × ARPU × months = what it keeps; that minus the cost is the
    // value (it said "63.9% × 40.52 × 12 = 486.24; cost 60; value 1.18", the acceptance left out of the sum).
    for (const r of ranked) {
      const v = r.why.find((w) => w.code === 'offer.why.value')!.params as { pAccept: number; pChurn: number; arpu: number; months: number; value: number; cost: number; ev: number };
      expect(v.pAccept).toBeCloseTo(Math.round(r.pAccept * 1000) / 10, 10);
      expect(v.value).toBeCloseTo((v.pAccept / 100) * (v.pChurn / 100) * v.arpu * v.months, 0);
      expect(v.value - v.cost).toBeCloseTo(v.ev, 1);
    }
    // Equal acceptance and cost: alphabetical.
    const twins = [
      { ...defaultOffers[0]!, code: 'B_TWIN', cost: 10 },
      { ...defaultOffers[0]!, code: 'A_TWIN', cost: 10 },
    ];
    expect(rankOffers(twins, { pChurn: 0.5, arpu: 50, segment: 'none.mass', acceptance: emptyAcceptanceTable() }).map((r) => r.code)).toEqual(['A_TWIN', 'B_TWIN']);
  });

  it('puts the matched conditions first in why, and says when ARPU is unknown or the value is 0', () => {
    const matched = { DATA_PACK: [{ code: 'offer.cond.tag.data_heavy', params: {} }] };
    const free = [{ ...defaultOffers.find((o) => o.code === 'DATA_PACK')!, cost: 0 }];
    const [top] = rankOffers(free, { pChurn: 0.1, arpu: null, segment: 'none.mass', acceptance: emptyAcceptanceTable(), matched });
    expect(top!.why.map((w) => w.code)).toEqual(['offer.cond.tag.data_heavy', 'offer.why.acceptance-prior', 'offer.why.arpu-unknown', 'offer.why.zero-value']);
    expect(top!.expectedValue).toBe(0);
    expect(rankOffers(free, { pChurn: 0.1, arpu: null, segment: 'none.mass', acceptance: emptyAcceptanceTable(), positiveOnly: true })).toEqual([]);
  });

  it('never puts an offer with a negative expected value in the top 3, even when fewer than 3 are positive (docs/product.md §5.2)', () => {
    // ARPU 30, P(churn) 0.2: only the cheap offers keep more than they cost.
    const ctx = { pChurn: 0.2, arpu: 30, segment: 'none.mass', acceptance: emptyAcceptanceTable() };
    const all = rankOffers(defaultOffers, { ...ctx, limit: 99 });
    const negative = negativeValueOffers(defaultOffers, ctx);
    expect(negative.length).toBeGreaterThan(0);
    const top = rankOffers(defaultOffers, ctx);
    expect(top.length).toBeLessThan(3);
    expect(top.every((r) => r.expectedValue >= 0)).toBe(true);
    expect(all.every((r) => r.expectedValue >= 0)).toBe(true);
    // Every candidate is either ranked or listed as negative, once.
    expect([...all.map((r) => r.code), ...negative.map((x) => x.code)].sort()).toEqual(defaultOffers.map((o) => o.code).sort());
    for (const x of negative) expect(x.expectedValue).toBeLessThan(0);
    // Said as a loss, a positive amount: "预期收益为负（-0.24 元）" read as a typo.
    const note = negative[0]!.reason;
    expect(formatMessage('zh-CN', note.code, note.params)).toBe(`预期收益为负，约亏损 ${-negative[0]!.expectedValue} 元：成本高于可挽留的收入`);
    expect(formatMessage('en', note.code, note.params)).not.toContain('-');
    for (let i = 1; i < negative.length; i++) expect(negative[i - 1]!.expectedValue).toBeGreaterThanOrEqual(negative[i]!.expectedValue);
  });

  it('is monotone: more churn risk or more ARPU never lowers an offer’s expected value, nor drops a positive offer from the positive set', () => {
    const seg = fc.constantFrom('price.mh', 'product.mass', 'none.mass');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), seg, (p1, p2, a1, a2, segment) => {
        const [pLo, pHi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const [aLo, aHi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const lo = rankOffers(defaultOffers, { pChurn: pLo, arpu: aLo, segment, acceptance: table, limit: 99, positiveOnly: true });
        const hi = rankOffers(defaultOffers, { pChurn: pHi, arpu: aHi, segment, acceptance: table, limit: 99, positiveOnly: true });
        const hiEv = new Map(hi.map((r) => [r.code, r.expectedValue]));
        for (const r of lo) {
          const h = hiEv.get(r.code);
          if (h === undefined || h < r.expectedValue) return false;
        }
        // The top offer's value is non-decreasing too.
        return lo.length === 0 || (hi[0]?.expectedValue ?? -Infinity) >= lo[0]!.expectedValue;
      }),
    );
    expect(expectedValue(0.2, 0.5, 100, 12, 10)).toBeCloseTo(110, 10);
  });
});
