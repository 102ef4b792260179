import { describe, expect, it } from 'vitest';
import { generateSubscribers } from '../../../core/demo/generator';
import { acceptanceOf, buildAcceptanceTable, emptyAcceptanceTable, type AcceptanceAttempt } from '../../../core/offers/acceptance';
import type { Offer } from '../../../core/offers/catalogue';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { acceptancePosterior, chooseTrial, TRIAL_MAX_LOSS, TRIAL_SHARE, trialKey } from '../../../core/offers/explore';
import { compileCatalogue, type SubscriberValues } from '../../../core/offers/match';
import { expectedValue, rankOffers, type RankContext } from '../../../core/offers/rank';

/** Trial offers, 试推 (docs/product.md §5.2 "Trial offers"). */
const base = defaultOffers[0]!;
const offer = (code: string, cost: number): Offer => ({ ...base, code, cost });

/** n outcomes of one offer in one segment at a rate. */
function outcomes(code: string, segment: string, n: number, rate: number): AcceptanceAttempt[] {
  return Array.from({ length: n }, (_, i) => ({ offerCode: code, disposition: i < Math.round(n * rate) ? 'accepted' : 'declined', segment }));
}

// KNOWN is well measured and the best estimate; the UNSURE offers have no outcomes (prior 15 %) and a similar value.
const offers = [offer('KNOWN', 10), offer('UNSURE_A', 12), offer('UNSURE_B', 15), offer('UNSURE_C', 8)];
const table = buildAcceptanceTable(outcomes('KNOWN', 'none.mass', 400, 0.25));
const ctx = (key: string, extra: Partial<RankContext> = {}): RankContext => ({ pChurn: 0.5, arpu: 40, segment: 'none.mass', acceptance: table, trialKey: key, ...extra });
const DAY = '2026-11-23';

describe('trial offers', () => {
  it('put an uncertain offer first on some customer-days and never on more than the documented share (10 %)', () => {
    const n = 20_000;
    let trials = 0;
    let drawn = 0;
    for (let i = 0; i < n; i++) {
      const ranked = rankOffers(offers, ctx(trialKey(`1380000${i}`, DAY)));
      expect(ranked[0]!.code === 'KNOWN').toBe(!ranked[0]!.trial);
      // The bucket only gates the draw: in it, the trial is the one every customer-day would draw.
      const always = rankOffers(offers, ctx(trialKey(`1380000${i}`, DAY), { trialShare: 1 }));
      if (always[0]!.trial) drawn++;
      if (ranked[0]!.trial) expect(always[0]).toEqual(ranked[0]);
      if (ranked[0]!.trial) trials++;
      expect(ranked.slice(1).some((r) => r.trial)).toBe(false);
    }
    expect(TRIAL_SHARE).toBeLessThanOrEqual(0.1);
    // The bucket is a hash of the customer-day: binomial around the share, so allow three standard deviations.
    expect(trials / n).toBeLessThanOrEqual(TRIAL_SHARE + 3 * Math.sqrt((TRIAL_SHARE * (1 - TRIAL_SHARE)) / n));
    expect(trials).toBeGreaterThan(0);
    expect(trials / n).toBeCloseTo((drawn / n) * TRIAL_SHARE, 2);
    // With share 0 there is never a trial, whatever the draw would say.
    for (let i = 0; i < 2_000; i++) expect(rankOffers(offers, ctx(trialKey(`1380000${i}`, DAY), { trialShare: 0 }))[0]!.code).toBe('KNOWN');
  });

  it('are the same on every look-up of a customer-day, and change from day to day', () => {
    const days = Array.from({ length: 90 }, (_, d) => new Date(Date.parse(`${DAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10));
    const tops = days.map((d) => {
      const first = rankOffers(offers, ctx(trialKey('13800138000', d)));
      expect(rankOffers(offers, ctx(trialKey('13800138000', d)))).toEqual(first);
      return first[0]!.code;
    });
    expect(new Set(tops).size).toBeGreaterThan(1);
    expect(tops.filter((c) => c === 'KNOWN').length).toBeGreaterThan(days.length / 2);
  });

  it('mark the trial, say why, keep the rest of the top 3 in order of value, and list no offer twice', () => {
    let seen = 0;
    for (let i = 0; i < 500; i++) {
      const ranked = rankOffers(offers, ctx(trialKey(`1390000${i}`, DAY)));
      const plain = rankOffers(offers, ctx(trialKey(`1390000${i}`, DAY), { trialShare: 0 }));
      expect(plain.every((r) => !r.trial && !r.why.some((w) => w.code === 'offer.why.trial'))).toBe(true);
      if (!ranked[0]!.trial) {
        expect(ranked).toEqual(plain);
        continue;
      }
      seen++;
      const top = ranked[0]!;
      const acc = acceptanceOf(table, top.code, 'none.mass');
      expect(top.why).toContainEqual({ code: 'offer.why.trial', params: { pct: Math.round(acc.p * 1000) / 10, offered: acc.offered } });
      expect(ranked).toHaveLength(3);
      expect(new Set(ranked.map((r) => r.code)).size).toBe(3);
      expect(ranked.slice(1).map((r) => r.code)).toEqual(plain.filter((r) => r.code !== top.code).slice(0, 2).map((r) => r.code));
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('never try an offer whose value is clearly negative, nor one with no plausible positive value', () => {
    // LOSS is uncertain but its cost is far above anything it could keep; ties every other offer at the same value.
    const lossy = [offer('KNOWN', 10), offer('LOSS', 200), offer('NEAR', 30)];
    for (let i = 0; i < 5_000; i++) {
      const c = ctx(trialKey(`1370000${i}`, DAY), { trialShare: 1 });
      const ranked = rankOffers(lossy, c);
      expect(ranked.map((r) => r.code)).not.toContain('LOSS');
      const trial = ranked.find((r) => r.trial);
      if (trial) expect(trial.expectedValue).toBeGreaterThanOrEqual(-TRIAL_MAX_LOSS);
    }
    // The rule itself, on a trial chosen from many offers of every value: its estimate is never below −TRIAL_MAX_LOSS
    // and its optimistic value (mean + 2 sd) is positive.
    const many = Array.from({ length: 12 }, (_, i) => offer(`O${String(i).padStart(2, '0')}`, 5 + i * 8));
    const valueOf = (p: number, cost: number) => expectedValue(p, 0.5, 40, 12, cost);
    let trials = 0;
    for (let i = 0; i < 5_000; i++) {
      const t = chooseTrial(many, { key: `${i}`, top: null, segment: 'none.mass', acceptance: emptyAcceptanceTable(), valueOf, share: 1 });
      if (!t) continue;
      trials++;
      const post = acceptancePosterior(emptyAcceptanceTable(), t.code, 'none.mass');
      const cost = many.find((o) => o.code === t.code)!.cost;
      expect(valueOf(post.mean, cost)).toBeGreaterThanOrEqual(-TRIAL_MAX_LOSS);
      expect(valueOf(post.mean + 2 * post.sd, cost)).toBeGreaterThan(0);
    }
    expect(trials).toBeGreaterThan(1_000);
  });

  it('never try an offer the matcher excluded (rules or contact policy): only candidates are ranked', () => {
    const catalogue = compileCatalogue(defaultOffers);
    const today = '2026-11-20';
    let trials = 0;
    let i = 0;
    for (const r of generateSubscribers({ seed: 11, count: 300, today })) {
      const s = r as unknown as SubscriberValues;
      // Declined DATA_PACK last week (within its cooldown) and took FAMILY_PLAN this year: the policy excludes both.
      const m = catalogue.match({
        subscriber: s, tags: i % 2 ? ['data_heavy', 'family'] : [], listTypes: [], budgetUsed: {}, channel: 'phone', today, now: `${today}T02:00:00Z`,
        history: [{ offerCode: 'DATA_PACK', disposition: 'declined', at: '2026-11-13T02:00:00Z' }, { offerCode: 'FAMILY_PLAN', disposition: 'accepted', at: '2026-06-01T02:00:00Z' }],
      });
      const excluded = new Set(m.excluded.map((e) => e.code));
      expect(excluded.has('DATA_PACK') && excluded.has('FAMILY_PLAN')).toBe(true);
      for (const day of ['2026-11-20', '2026-11-21', '2026-11-22']) {
        const ranked = rankOffers(m.candidates, { pChurn: 0.4, arpu: 80, segment: 'none.mass', acceptance: emptyAcceptanceTable(), matched: m.matched, trialKey: trialKey(String(s.msisdn), day), trialShare: 1 });
        for (const x of ranked) expect(excluded.has(x.code), x.code).toBe(false);
        if (ranked[0]?.trial) trials++;
      }
      i++;
    }
    expect(trials).toBeGreaterThan(0);
  });

  it('draw from a posterior whose mean is the ranking’s own estimate', () => {
    const t = buildAcceptanceTable([...outcomes('X', 'price.mh', 30, 0.4), ...outcomes('X', 'none.mass', 10, 0.1)]);
    for (const seg of ['price.mh', 'none.mass', 'reward.mass']) {
      const post = acceptancePosterior(t, 'X', seg);
      expect(post.a / (post.a + post.b)).toBeCloseTo(acceptanceOf(t, 'X', seg).p, 12);
      expect(post.sd).toBeGreaterThan(0);
    }
    // More outcomes, narrower posterior.
    expect(acceptancePosterior(t, 'X', 'price.mh').sd).toBeLessThan(acceptancePosterior(t, 'X', 'reward.mass').sd);
  });
});
