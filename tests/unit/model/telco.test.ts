import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trainChurnModel } from '../../../core/model/train';
import { generateTelcoSample, parseCsv, telcoCsv } from './telco-sample';

const fixture = fileURLToPath(new URL('../../fixtures/model/telco-sample.csv', import.meta.url));

describe('the committed telco-like sample', () => {
  it('is exactly what its seeded generator produces', () => {
    const csv = telcoCsv(generateTelcoSample());
    if (process.env.UPDATE_FIXTURES) writeFileSync(fixture, csv);
    expect(readFileSync(fixture, 'utf8')).toBe(csv);
  });

  it('has the marginal structure of the public dataset', () => {
    const rows = parseCsv(readFileSync(fixture, 'utf8'));
    const rate = (f: (r: Record<string, string>) => boolean): number => {
      const s = rows.filter(f);
      return s.filter((r) => r.Churn === 'Yes').length / s.length;
    };
    expect(rows).toHaveLength(2000);
    expect(rate(() => true)).toBeGreaterThan(0.23);
    expect(rate(() => true)).toBeLessThan(0.3);
    expect(rate((r) => r.Contract === 'Month-to-month')).toBeGreaterThan(0.36);
    expect(rate((r) => r.Contract === 'Two year')).toBeLessThan(0.08);
    expect(rate((r) => r.InternetService === 'Fiber optic')).toBeGreaterThan(rate((r) => r.InternetService === 'DSL'));
    expect(rate((r) => r.PaymentMethod === 'Electronic check')).toBeGreaterThan(rate((r) => r.PaymentMethod === 'Credit card (automatic)'));
    expect(rate((r) => Number(r.tenure) <= 12)).toBeGreaterThan(rate((r) => Number(r.tenure) > 48) * 2.5);
  });

  it('trains through extra columns to a holdout AUC ≥ 0.82', () => {
    const rows = parseCsv(readFileSync(fixture, 'utf8')).map(({ Churn, tenure, ...rest }) => ({ ...rest, tenure_months: tenure, churned: Churn }));
    const res = trainChurnModel(rows, { seed: 1, today: '2025-06-30', holdout: 0.25, method: 'auto' });
    const h = res.metrics.holdout;
    console.log(
      `[model] telco sample: chosen=${res.model.method} holdout AUC=${h.auc.toFixed(4)} lift=${h.topDecileLift.toFixed(2)} n=${h.n} positives=${h.positives}; ` +
        res.metrics.compared.map((c) => `${c.method} validation ${c.validationAuc.toFixed(4)} / holdout ${c.holdoutAuc.toFixed(4)}`).join('; '),
    );
    console.log('[model] telco top features:', res.importance.slice(0, 6).map((i) => `${i.feature} ${(i.importance * 100).toFixed(0)}%`).join(', '));
    expect(h.auc).toBeGreaterThanOrEqual(0.82);
    expect(res.model.features.features.map((f) => f.name)).not.toContain('customerID');
    expect(res.model.features.features.map((f) => f.name)).toContain('Contract');
  }, 60_000);
});
