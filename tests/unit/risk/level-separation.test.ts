import { describe, expect, it } from 'vitest';
import { generateSubscribers } from '../../../core/demo/generator';
import { compileRiskConfig, defaultRiskConfig } from '../../../core/risk/config';
import { riskLevels, scoreOnly, type SubscriberRecord } from '../../../core/risk/score';
import { dayOf } from '../../../core/risk/values';

const today = '2026-11-20';

// Speed of scoring is measured by `npm run bench -- --only scoring`, against a baseline, not here.
describe('on generated data', () => {
  it('the rule level separates churners: mean churn is higher for high than for stable', () => {
    const c = compileRiskConfig(defaultRiskConfig);
    const t = dayOf(today);
    const n: Record<string, number> = {};
    const churned: Record<string, number> = {};
    for (const r of generateSubscribers({ seed: 11, count: 50_000, today, withLabels: true })) {
      const level = scoreOnly(r as SubscriberRecord, c, t).level;
      n[level] = (n[level] ?? 0) + 1;
      churned[level] = (churned[level] ?? 0) + (r.churned === 1 ? 1 : 0);
    }
    const rate = (l: string): number => (churned[l] ?? 0) / (n[l] ?? 1);
    console.log('churn rate by level:', riskLevels.map((l) => `${l} ${(100 * rate(l)).toFixed(1)}% of ${n[l] ?? 0}`).join(' · '));
    expect(rate('high')).toBeGreaterThan(rate('stable'));
    expect(rate('medium')).toBeGreaterThan(rate('stable'));
  });
});
