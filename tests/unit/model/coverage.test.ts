import { describe, expect, it } from 'vitest';
import { generateSubscribers } from '../../../core/demo/generator';
import { modelHasInputs, trainChurnModel } from '../../../core/model/train';

const today = '2026-11-23';
const rows = [...generateSubscribers({ seed: 9, count: 3000, today, withLabels: true })] as unknown as Record<string, unknown>[];

describe('modelHasInputs: the model abstains for a customer without most of its inputs (docs/product.md §4.4)', () => {
  for (const method of ['logistic', 'gbdt'] as const) {
    const { model, importance } = trainChurnModel(rows, { seed: 1, today, method });

    it(`${method}: a full record has them; a number and a plan only do not`, () => {
      expect(modelHasInputs(model, rows[0]!, 0.5)).toBe(true);
      expect(modelHasInputs(model, { msisdn: 13912340001, plan_name: '全球通 128' }, 0.5)).toBe(false);
      expect(modelHasInputs(model, {}, 0)).toBe(true);
    });

    it(`${method}: weighs each input by the model's own importance, extras and derived figures included`, () => {
      // Keep only the inputs of the features carrying the most importance, until just over half of it.
      const top: string[] = [];
      let share = 0;
      for (const f of importance) {
        if (share > 0.55) break;
        top.push(f.feature);
        share += f.importance;
      }
      const kept: Record<string, unknown> = { extra: {} };
      const full = rows[1]!;
      const source = (feature: string): string[] =>
        ({
          arpu_ratio: ['arpu_cur', 'arpu_avg3'],
          mou_ratio: ['mou_cur', 'mou_avg3'],
          data_ratio: ['data_mb_cur', 'data_mb_avg3'],
          offnet_shift: ['offnet_ratio_cur', 'offnet_ratio_prev'],
          arpu_trend: ['arpu_m3', 'arpu_m1'],
          days_to_contract_end: ['contract_end'],
          days_since_marketed: ['last_marketed'],
          tenure_months: ['tenure_months'],
        })[feature] ?? [feature];
      for (const f of top) {
        for (const key of source(f)) {
          if (key in full) kept[key] = full[key];
          else (kept.extra as Record<string, unknown>)[key] = (full.extra as Record<string, unknown>)[key];
        }
      }
      expect(modelHasInputs(model, kept, 0.5)).toBe(true);
      expect(modelHasInputs(model, kept, Math.min(1, share + 0.05))).toBe(false);
    });
  }
});
