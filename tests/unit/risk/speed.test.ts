import { describe, expect, it } from 'vitest';
import { generateSubscribers } from '../../../core/demo/generator';
import { compileRiskConfig, defaultRiskConfig } from '../../../core/risk/config';
import { riskLevels, scoreOnly, scoreSubscriber, type ScoreOnlyResult, type SubscriberRecord } from '../../../core/risk/score';
import { segmentSubscriber } from '../../../core/risk/tags';
import { dayOf } from '../../../core/risk/values';

const today = '2026-11-20';

describe('on generated data', () => {
  it('prints the speed of scoreOnly, the full score and tags over 1,000,000 lines (200k × 5)', () => {
    const rows: SubscriberRecord[] = [];
    for (const r of generateSubscribers({ seed: 7, count: 200_000, today })) rows.push(r as SubscriberRecord);
    const c = compileRiskConfig(defaultRiskConfig);
    const t = dayOf(today);
    const out: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity };
    const time = (label: string, fn: (s: SubscriberRecord) => number): void => {
      let sink = 0;
      for (let i = 0; i < 20_000; i++) sink += fn(rows[i]!); // warm up
      const start = performance.now();
      for (let pass = 0; pass < 5; pass++) for (let i = 0; i < rows.length; i++) sink += fn(rows[i]!);
      const ms = performance.now() - start;
      console.log(`${label}: ${Math.round((rows.length * 5) / (ms / 1000)).toLocaleString('en')} rows/s (${Math.round(ms)} ms for 1,000,000)${sink === -1 ? '' : ''}`);
    };
    time('scoreOnly', (s) => scoreOnly(s, c, t, out).score);
    time('scoreSubscriber (full, with reasons)', (s) => scoreSubscriber(s, c, { today }).score);
    time('segmentSubscriber (tags)', (s) => segmentSubscriber(s, c, { today }).tags.length);
    time('scoreOnly + tags', (s) => scoreOnly(s, c, t, out).score + segmentSubscriber(s, c, { today }).tags.length);
    expect(rows.length).toBe(200_000);
  }, 120_000);

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
