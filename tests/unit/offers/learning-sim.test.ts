import { describe, expect, it } from 'vitest';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { TRIAL_SHARE } from '../../../core/offers/explore';
import { simulateOfferLearning, trueAcceptance } from '../../bench/offer-learning';

/** The bench's offer-learning simulation (tests/bench/offer-learning.ts), small: reproducible, and it measures learning. */
describe('offer-learning simulation', () => {
  const small = { checkpoints: [200, 1_500], evalCustomers: 400 } as const;

  it('gives the same figures for the same seed, and a hidden truth that differs between segments', () => {
    expect(simulateOfferLearning({ seed: 3, policy: 'learn+trial', ...small })).toEqual(simulateOfferLearning({ seed: 3, policy: 'learn+trial', ...small }));
    const truth = trueAcceptance(3, defaultOffers, ['price.mass', 'reward.mass']);
    const best = (seg: string) => defaultOffers.map((o) => o.code).sort((a, b) => truth.get(`${b}|${seg}`)! - truth.get(`${a}|${seg}`)!)[0];
    expect(best('price.mass')).not.toBe(best('reward.mass'));
  });

  it('learns: the prior alone stays put, learning from the logged outcomes loses less value, and trials stay within their share', () => {
    const prior = simulateOfferLearning({ seed: 2, policy: 'prior', ...small });
    expect(prior[1]!.rightCard).toBe(prior[0]!.rightCard);
    const learned = simulateOfferLearning({ seed: 2, policy: 'learn+trial', ...small });
    expect(learned[1]!.regretCard).toBeLessThan(prior[1]!.regretCard);
    expect(learned[1]!.rightCard).toBeGreaterThan(prior[1]!.rightCard);
    expect(learned[1]!.trialShare).toBeGreaterThan(0);
    expect(learned[1]!.trialShare).toBeLessThanOrEqual(TRIAL_SHARE);
    expect(simulateOfferLearning({ seed: 2, policy: 'learn', ...small })[1]!.trialShare).toBe(0);
  });
});
