import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptanceOf,
  acceptanceSegments,
  buildAcceptanceTable,
  emptyAcceptanceTable,
  pAccept,
  segmentOf,
  updateAcceptance,
  type AcceptanceAttempt,
} from '../../../core/offers/acceptance';

const attempts = (code: string, segment: string, accepted: number, declined: number): AcceptanceAttempt[] => [
  ...Array.from({ length: accepted }, () => ({ offerCode: code, disposition: 'accepted', segment })),
  ...Array.from({ length: declined }, () => ({ offerCode: code, disposition: 'declined', segment })),
];

describe('acceptance', () => {
  it('with no data is the prior: the offer’s own or the global 0.15', () => {
    const t = emptyAcceptanceTable({ priors: { LUCKY_NUMBER: 0.3 } });
    expect(pAccept(t, 'DATA_PACK', 'price.mh')).toBe(0.15);
    expect(pAccept(t, 'LUCKY_NUMBER', 'price.mh')).toBe(0.3);
  });

  it('with lots of data is the empirical rate of the cell', () => {
    const t = buildAcceptanceTable([...attempts('DATA_PACK', 'product.mass', 6000, 4000), ...attempts('DATA_PACK', 'none.mass', 100, 9900)]);
    expect(pAccept(t, 'DATA_PACK', 'product.mass')).toBeCloseTo(0.6, 2);
    expect(pAccept(t, 'DATA_PACK', 'none.mass')).toBeCloseTo(0.01, 2);
  });

  it('shrinks thin cells: (accepted + k·prior) / (offered + k), the prior being the offer’s pooled rate', () => {
    const t = buildAcceptanceTable(attempts('FAMILY_PLAN', 'price.mh', 3, 2));
    const po = (3 + 20 * 0.15) / (5 + 20);
    expect(acceptanceOf(t, 'FAMILY_PLAN', 'price.mh')).toEqual({ p: (3 + 20 * po) / (5 + 20), offered: 5, accepted: 3, prior: po });
    // A segment with no data of its own leans on the offer's pooled rate.
    expect(pAccept(t, 'FAMILY_PLAN', 'none.mass')).toBeCloseTo(po, 12);
  });

  it('counts only offers made to reached customers (accepted / declined with an offer code)', () => {
    const t = buildAcceptanceTable([
      { offerCode: 'X', disposition: 'no_answer', segment: 'none.mass' },
      { offerCode: 'X', disposition: 'callback', segment: 'none.mass' },
      { offerCode: null, disposition: 'declined', segment: 'none.mass' },
      { offerCode: '', disposition: 'accepted', segment: 'none.mass' },
    ]);
    expect(t.cells).toEqual({});
  });

  it('updates incrementally: one logged attempt moves the estimate at once, same as building from scratch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offerCode: fc.constantFrom('A', 'B', null), disposition: fc.constantFrom('accepted', 'declined', 'busy'), segment: fc.constantFrom(...acceptanceSegments) }), { maxLength: 60 }),
        (list) => {
          const inc = emptyAcceptanceTable();
          for (const a of list) updateAcceptance(inc, a);
          const whole = buildAcceptanceTable(list);
          expect(JSON.parse(JSON.stringify(inc))).toEqual(whole);
          for (const seg of acceptanceSegments) {
            const p = pAccept(whole, 'A', seg);
            if (!(p > 0 && p < 1)) return false;
          }
          return true;
        },
      ),
    );
    const t = emptyAcceptanceTable();
    const before = pAccept(t, 'A', 'price.mh');
    updateAcceptance(t, { offerCode: 'A', disposition: 'accepted', segment: 'price.mh' });
    expect(pAccept(t, 'A', 'price.mh')).toBeGreaterThan(before);
  });

  it('segments by sensitivity × value band', () => {
    expect(segmentOf({ sensitivity: 'price', midHighValue: true })).toBe('price.mh');
    expect(segmentOf({ sensitivity: null, midHighValue: null })).toBe('none.mass');
    expect(segmentOf({ tags: ['mid_high_value', 'reward_sensitive', 'family'] })).toBe('reward.mh');
    expect(segmentOf({ tags: ['data_heavy'] })).toBe('none.mass');
  });
});
