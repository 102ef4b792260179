import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../../../core/offers/catalogue';
import { defaultPlans } from '../../../core/offers/default-catalogue';
import { billParts, monthlyBill, tariffPreview, type Usage } from '../../../core/offers/tariff';
import { formatMessage } from '../../../core/i18n';

const plan = (code: string) => defaultPlans.find((p) => p.code === code)!;
const GB = 1024;

describe('monthlyBill', () => {
  it('is the fee plus the overage of each kind at the plan’s prices', () => {
    // BDCL38: 1000 local, 0 long distance, 2 GB; 0.19 yuan a long-distance minute, 0.99 roaming, 0.005 a MB.
    const u: Usage = { local_min: 1100, long_distance_min: 20, roaming_min: 10, data_mb: 2 * GB, roaming_mb: 100 };
    expect(billParts(plan('BDCL38'), u)).toEqual({ fee: 38, local: 10, longDistance: 3.8, roaming: 9.9, data: 0.5, total: 62.2 });
  });

  it('draws local and long-distance minutes from one pool on a plan with a shared domestic pool', () => {
    // QQT128: a 500-minute domestic pool (carried in both columns).
    expect(monthlyBill(plan('QQT128'), { local_min: 300, long_distance_min: 300, roaming_min: 0, data_mb: 0, roaming_mb: 0 })).toBe(128 + 100 * 0.15);
    expect(monthlyBill(plan('QQT128'), { local_min: 300, long_distance_min: 200, roaming_min: 0, data_mb: 0, roaming_mb: 0 })).toBe(128);
  });

  it('never bills less than the fee and grows with usage', () => {
    const usage = fc.record({
      local_min: fc.integer({ min: 0, max: 5000 }),
      long_distance_min: fc.integer({ min: 0, max: 5000 }),
      roaming_min: fc.integer({ min: 0, max: 2000 }),
      data_mb: fc.integer({ min: 0, max: 400 * GB }),
      roaming_mb: fc.integer({ min: 0, max: 20 * GB }),
    });
    fc.assert(
      fc.property(usage, fc.integer({ min: 0, max: defaultPlans.length - 1 }), fc.constantFrom('local_min', 'long_distance_min', 'roaming_min', 'data_mb', 'roaming_mb'), (u, i, k) => {
        const p = defaultPlans[i]!;
        const b = monthlyBill(p, u);
        const more = { ...u, [k]: u[k as keyof Usage] + 100 };
        return b >= p.monthly_fee && monthlyBill(p, more) >= b;
      }),
    );
  });
});

describe('tariffPreview (docs/product.md §5.4 examples, default catalogue)', () => {
  it('data-heavy and roaming → the big-data plan', () => {
    const s = { local_min: 100, long_distance_min: 50, roaming_min: 30, data_mb_avg3: 80 * GB, roaming_mb: 5 * GB, plan_code: 'DGDD59' };
    const r = tariffPreview(s, defaultPlans, 'DGDD59');
    expect(r.options[0]!.code).toBe('DLLK59');
    expect(r.current!.code).toBe('DGDD59');
    expect(r.options[0]!.saving).toBeGreaterThan(100);
    expect(r.options[0]!.why.map((w) => w.code)).toContain('tariff.why.saving');
  });

  it('local-heavy → the local-calls plan', () => {
    const s = { local_min: 900, long_distance_min: 20, roaming_min: 0, data_mb_avg3: 1 * GB, roaming_mb: 0 };
    const r = tariffPreview(s, defaultPlans, 'SZX38');
    expect(r.options[0]!.code).toBe('BDCL38');
    expect(r.options[0]!.saving).toBeCloseTo(monthlyBill(plan('SZX38'), { local_min: 900, long_distance_min: 20, roaming_min: 0, data_mb: GB, roaming_mb: 0 }) - 41.8, 2);
  });

  it('long distance and roaming → the business-travel plan', () => {
    const s = { local_min: 150, long_distance_min: 800, roaming_min: 400, data_mb_avg3: 5 * GB, roaming_mb: 500 };
    const r = tariffPreview(s, defaultPlans, 'QQT158');
    expect(r.options[0]!.code).toBe('SLMY129');
    expect(r.options[0]!.fits).toBe(true);
    expect(r.options[0]!.why[0]).toEqual({ code: 'tariff.why.covers', params: { fee: 129 } });
  });

  it('lists at most 3 options, cheapest first, never today’s plan nor an inactive one', () => {
    const plans = [...defaultPlans, planSchema.parse({ code: 'OFF1', name: '停售套餐', monthly_fee: 1, active: false })];
    const r = tariffPreview({ local_min: 10, long_distance_min: 0, roaming_min: 0, data_mb_cur: 100, roaming_mb: 0 }, plans, 'SZX8');
    expect(r.options).toHaveLength(3);
    expect(r.options.map((o) => o.code)).not.toContain('SZX8');
    expect(r.options.map((o) => o.code)).not.toContain('OFF1');
    for (let i = 1; i < 3; i++) expect(r.options[i - 1]!.bill).toBeLessThanOrEqual(r.options[i]!.bill);
    expect(r.notes.map((n) => n.code)).toContain('tariff.current-cheapest');
  });

  it('says when usage is unknown, partly or wholly, and when today’s plan is not known', () => {
    const none = tariffPreview({ plan_code: 'SZX8' }, defaultPlans, 'SZX8');
    expect(none.usageKnown).toBe(false);
    expect(none.options).toEqual([]);
    expect(none.notes).toEqual([{ code: 'tariff.usage-unknown', params: {} }]);
    const part = tariffPreview({ local_min: 300, data_mb_avg3: 2000 }, defaultPlans, 'NOPE');
    expect(part.unknown).toEqual(['long_distance_min', 'roaming_min', 'roaming_mb']);
    expect(part.current).toBeNull();
    expect(part.options[0]!.saving).toBeNull();
    expect(part.notes.map((n) => n.code)).toEqual(['tariff.field-unknown', 'tariff.field-unknown', 'tariff.field-unknown', 'tariff.current-unknown']);
    expect(formatMessage('zh-CN', part.notes[0]!.code, part.notes[0]!.params)).toBe('没有“长途通话分钟”，按 0 计算');
  });
});
