import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelChurnWeight } from '../../../core/contact/policy';
import { defaultRiskConfig } from '../../../core/risk/config';
import { riskLevels, scoreSubscriber, unjudgedGroups, type RiskLevel } from '../../../core/risk/score';
import { customerChurnP, levelOfChurnP, MIN_COVERAGE, riskSignal, ruleCoverage, ruleInputWeights } from '../../../core/risk/signal';

const today = '2026-11-20';
const full = 1;
const rule = (level: RiskLevel, score: number, coverage = full) => ({ level, score, coverage });
const order = (l: string) => ['stable', 'low', 'medium', 'high'].indexOf(l);

describe('riskSignal: one level from the rule and the model (docs/product.md §4.4)', () => {
  it('without a model the rule level stands', () => {
    for (const level of riskLevels) {
      const s = riskSignal({ rule: rule(level, 10), model: null });
      expect(s).toMatchObject({ level, by: 'rule', model: null, pChurn: null });
    }
  });

  it('a model that says more raises the level, and both stay visible', () => {
    const s = riskSignal({ rule: rule('medium', 14), model: { p: 0.62 } });
    expect(s.level).toBe('high');
    expect(s.by).toBe('model');
    expect(s.rule).toEqual(rule('medium', 14));
    expect(s.model).toEqual({ p: 0.62, level: 'high' });
    expect(s.pChurn).toBe(0.62);
  });

  it('a model that says less leaves the rule level, and its P is still shown beside it', () => {
    // The contradiction: 中危 beside "模型离网概率 11%". The level stays 中危 and says the rule made it.
    const s = riskSignal({ rule: rule('medium', 14), model: { p: 0.11 } });
    expect(s.level).toBe('medium');
    expect(s.by).toBe('rule');
    expect(s.model).toEqual({ p: 0.11, level: 'stable' });
    // The queue ranks such a customer by the rule level's weight, not by the lower model P.
    expect(s.pChurn).toBe(levelChurnWeight.medium);
  });

  it('agreeing sources say so', () => {
    expect(riskSignal({ rule: rule('high', 25), model: { p: 0.7 } })).toMatchObject({ level: 'high', by: 'both', pChurn: 0.7 });
  });

  it('too little data: 数据不足 instead of a green stable', () => {
    const sparse = riskSignal({ rule: rule('stable', 0, 0.1), model: null });
    expect(sparse.level).toBe('insufficient');
    expect(sparse.by).toBe('none');
    // The model abstained (most of its inputs missing): still not enough.
    expect(riskSignal({ rule: rule('stable', 0, 0.1), model: { p: null } })).toMatchObject({ level: 'insufficient', model: { p: null, level: null }, pChurn: null });
    expect(riskSignal({ rule: rule('low', 10, 0.3), model: null }).level).toBe('insufficient');
  });

  it('too little data, but what is known says medium or high: that finding stands', () => {
    expect(riskSignal({ rule: rule('high', 22, 0.2), model: null }).level).toBe('high');
    expect(riskSignal({ rule: rule('medium', 15, 0.2), model: { p: null } }).level).toBe('medium');
  });

  it('few rule inputs, but a model that counted: the model judges', () => {
    expect(riskSignal({ rule: rule('stable', 0, 0.1), model: { p: 0.05 } })).toMatchObject({ level: 'stable', by: 'both' });
    expect(riskSignal({ rule: rule('stable', 0, 0.1), model: { p: 0.4 } })).toMatchObject({ level: 'medium', by: 'model' });
  });

  it('enough rule inputs exactly at the threshold is enough', () => {
    expect(riskSignal({ rule: rule('stable', 0, MIN_COVERAGE), model: null }).level).toBe('stable');
  });

  it('is the higher of the two levels, and the ranking P has exactly the level shown', () => {
    fc.assert(
      fc.property(fc.constantFrom(...riskLevels), fc.double({ min: 0, max: 1, noNaN: true }), (level, p) => {
        const s = riskSignal({ rule: rule(level, 0), model: { p } });
        expect(order(s.level)).toBe(Math.max(order(level), order(levelOfChurnP(p))));
        expect(levelOfChurnP(s.pChurn!)).toBe(s.level);
        expect(s.pChurn!).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});

describe('levelOfChurnP: the model probability cut-offs', () => {
  it('maps each rule level’s queue churn weight back to that level (one probability scale)', () => {
    for (const level of riskLevels) expect(levelOfChurnP(levelChurnWeight[level])).toBe(level);
  });
  it('is monotone at the documented cut-offs', () => {
    expect([0, 0.149, 0.15, 0.299, 0.3, 0.499, 0.5, 1].map(levelOfChurnP)).toEqual(['stable', 'stable', 'low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});

describe('ruleCoverage: the share of the rule’s weight that could be judged', () => {
  it('is 1 with nothing unjudged and 0 with everything unjudged', () => {
    expect(ruleCoverage([], defaultRiskConfig)).toBe(1);
    expect(ruleCoverage([...unjudgedGroups], defaultRiskConfig)).toBe(0);
  });
  it('weighs a group by the most points it can move the score', () => {
    const w = ruleInputWeights(defaultRiskConfig);
    expect(w['arpu-history']).toBe(9);
    expect(w.tenure).toBe(2);
    expect(w['sticky-services']).toBe(6);
    expect(w['competitor-calls']).toBe(Math.max(...Object.values(w)));
    const total = Object.values(w).reduce((a, b) => a + b, 0);
    expect(ruleCoverage(['arpu-history'], defaultRiskConfig)).toBeCloseTo(1 - 9 / total, 10);
  });
  it('a customer with a number, a plan and a status only is not enough; a full record is', () => {
    const sparse = scoreSubscriber({ msisdn: 13800000000, plan_name: '全球通 128', status: '正常' }, defaultRiskConfig, { today });
    expect(sparse.level).toBe('stable');
    expect(ruleCoverage(sparse.unjudged, defaultRiskConfig)).toBeLessThan(MIN_COVERAGE);
    expect(riskSignal({ rule: { level: sparse.level, score: sparse.score, coverage: ruleCoverage(sparse.unjudged, defaultRiskConfig) }, model: null }).level).toBe('insufficient');
  });
});

describe('customerChurnP: the one P(churn) of the queue, the card and segments (docs/product.md §4.4 point 5)', () => {
  it('its level is the level shown: without a model the rule level, with one the higher of rule and model', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 80 }), fc.constantFrom(...riskLevels), fc.option(fc.double({ min: 0, max: 1, noNaN: true })), (score, level, modelP) => {
        const c = customerChurnP(score, level, modelP);
        const shown = riskSignal({ rule: rule(level, score), model: modelP === null ? null : { p: modelP } }).level;
        expect(levelOfChurnP(c.p)).toBe(shown);
        if (modelP !== null) expect(c.p).toBe(Math.max(modelP, levelChurnWeight[level]));
        expect(c.from).toBe(modelP !== null && modelP >= levelChurnWeight[level] ? 'model' : 'level');
      }),
    );
  });

  it('a 高危 customer whose level came from the competitor-calls rule (a low score) is 高危 by its P too', () => {
    // The card weighed 41 % (a logistic fit of the score) beside the queue's 60 %: one figure now.
    const c = customerChurnP(2, 'high', null);
    expect(levelOfChurnP(c.p)).toBe('high');
    expect(c).toEqual({ p: levelChurnWeight.high + (2 / 40) * 0.1 * levelChurnWeight.high, from: 'level' });
  });

  it('within a level, a higher score never gives a lower P', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 80 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(...riskLevels), (score, d, level) => {
        expect(customerChurnP(score + d, level, null).p).toBeGreaterThanOrEqual(customerChurnP(score, level, null).p);
      }),
    );
  });
});
