import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../../../core/offers/catalogue';
import { defaultPlans } from '../../../core/offers/default-catalogue';
import { billParts, monthlyBill, tariffPreview, type Usage } from '../../../core/offers/tariff';
import { formatMessage } from '../../../core/i18n';

const plan = (code: string) => defaultPlans.find((p) => p.code === code)!;
const GB = 1024;
const round2 = (x: number) => Math.round(x * 100) / 100;

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
  it('data-heavy and roaming → the big-data plan, listed as a downgrade after the cheapest 动感地带 plan', () => {
    const s = { local_min: 100, long_distance_min: 50, roaming_min: 30, data_mb_avg3: 80 * GB, roaming_mb: 5 * GB, plan_code: 'DGDD59' };
    const r = tariffPreview(s, defaultPlans, 'DGDD59');
    expect(r.current!.code).toBe('DGDD59');
    expect(r.brand).toBe('动感地带');
    expect(r.options[0]).toMatchObject({ code: 'DGDD99', brand: '动感地带', downgrade: false, revenueLost: null });
    expect(r.options[0]!.saving).toBeGreaterThan(100);
    expect(r.options[0]!.why.map((w) => w.code)).toContain('tariff.why.saving');
    const bigData = r.options.find((o) => o.code === 'DLLK59')!;
    expect(bigData).toMatchObject({ downgrade: true, brand: null, revenueLost: round2(r.current!.bill - bigData.bill) });
  });

  it("says when its estimate of today's bill is far above what the customer really pays: the usage may be incomplete or capped (¥205 against an ARPU of 18 read as a fact; found by a new hall agent)", () => {
    const s = { local_min: 95, long_distance_min: 13, roaming_min: 2, data_mb_avg3: 37803, roaming_mb: 313, arpu_avg3: 18.31 };
    const r = tariffPreview(s, defaultPlans, 'SZX18');
    expect(r.current!.bill).toBeGreaterThan(150);
    expect(r.notes).toContainEqual({ code: 'tariff.estimate-above-bill', params: { estimate: r.current!.bill, arpu: 18.31 } });
    expect(formatMessage('zh-CN', 'tariff.estimate-above-bill', { estimate: r.current!.bill, arpu: 18.31 })).toContain('18.31');
    // Close to what they pay, or no ARPU known: nothing said.
    expect(tariffPreview({ ...s, data_mb_avg3: 900 }, defaultPlans, 'SZX18').notes.map((n) => n.code)).not.toContain('tariff.estimate-above-bill');
    expect(tariffPreview({ ...s, arpu_avg3: null }, defaultPlans, 'SZX18').notes.map((n) => n.code)).not.toContain('tariff.estimate-above-bill');
  });

  it('local-heavy → the next 神州行 plan first, the local-calls plan as a downgrade', () => {
    const s = { local_min: 900, long_distance_min: 20, roaming_min: 0, data_mb_avg3: 1 * GB, roaming_mb: 0 };
    const r = tariffPreview(s, defaultPlans, 'SZX38');
    const today = monthlyBill(plan('SZX38'), { local_min: 900, long_distance_min: 20, roaming_min: 0, data_mb: GB, roaming_mb: 0 });
    expect(r.options.map((o) => o.code)).toEqual(['SZX58', 'BDCL38', 'SZX18']);
    expect(r.options[0]!.saving).toBeCloseTo(today - 68, 2);
    expect(r.options[1]).toMatchObject({ downgrade: true, revenueLost: round2(today - 41.8) });
  });

  it('long distance and roaming → the 全球通 business-travel plan first, the cheaper travel plan of no brand as a downgrade', () => {
    const s = { local_min: 150, long_distance_min: 800, roaming_min: 400, data_mb_avg3: 5 * GB, roaming_mb: 500 };
    const r = tariffPreview(s, defaultPlans, 'QQT158');
    expect(r.options[0]!.code).toBe('QQTSL99');
    expect(r.options[1]).toMatchObject({ code: 'SLMY129', fits: true, downgrade: true });
    expect(r.options[1]!.why[0]).toEqual({ code: 'tariff.why.downgrade', params: { lost: r.options[1]!.revenueLost! } });
    expect(r.options[1]!.why[1]).toEqual({ code: 'tariff.why.covers', params: { fee: 129 } });
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

describe('tariffPreview: no revenue traps (docs/product.md §5.4)', () => {
  // A 全球通 customer on 158 who uses little: 神州行 plans bill far less, but moving there loses most of the revenue.
  const light = { local_min: 200, long_distance_min: 50, roaming_min: 0, data_mb_avg3: 2 * GB, roaming_mb: 0 };

  it('puts the cheapest plan within the customer’s brand first, never a cheaper plan of another brand', () => {
    const r = tariffPreview({ ...light, brand: '全球通' }, defaultPlans, 'QQT158');
    expect(r.options.map((o) => o.code)).toEqual(['QQTSL99', 'SZX18', 'SZX28']);
    expect(r.options[0]).toMatchObject({ brand: '全球通', downgrade: false, revenueLost: null, bill: 99 });
  });

  it('marks a cheaper plan of another brand as a downgrade with the revenue lost a month, and says so in its why', () => {
    const r = tariffPreview({ ...light, brand: '全球通' }, defaultPlans, 'QQT158');
    const szx18 = r.options[1]!;
    expect(szx18).toMatchObject({ code: 'SZX18', brand: '神州行', downgrade: true, revenueLost: round2(158 - szx18.bill) });
    expect(szx18.why[0]).toEqual({ code: 'tariff.why.downgrade', params: { lost: szx18.revenueLost! } });
    // Named for what it is, a change of brand that brings in less: a move from 神州行 up to 全球通 can be one (降档
    // called it a downgrade; found by a new agent).
    expect(formatMessage('zh-CN', szx18.why[0]!.code, szx18.why[0]!.params)).toBe(`换品牌：每月少收入 ${szx18.revenueLost} 元`);
    expect(formatMessage('en', szx18.why[0]!.code, szx18.why[0]!.params)).toBe(`Other brand: ${szx18.revenueLost} yuan less revenue a month`);
  });

  it('takes the brand from the work list’s 品牌 (any spelling) before today’s plan, else from today’s plan’s name', () => {
    // On an unbranded plan, the listed brand decides what is "within".
    expect(tariffPreview({ ...light, brand: 'GoTone' }, defaultPlans, 'BDCL38').options[0]!.brand).toBe('全球通');
    expect(tariffPreview({ ...light, brand: '动感' }, defaultPlans, 'QQT158').options[0]!.brand).toBe('动感地带');
    expect(tariffPreview(light, defaultPlans, 'QQT158').brand).toBe('全球通');
  });

  it('with no plan left in the brand, leads with the cheapest plan that is no downgrade and says why', () => {
    const plans = defaultPlans.filter((p) => !p.code.startsWith('QQT') || p.code === 'QQT158');
    const r = tariffPreview(light, plans, 'QQT158');
    expect(r.options[0]!.downgrade).toBe(false);
    expect(r.options[0]!.bill).toBeGreaterThanOrEqual(158);
    expect(r.options.slice(1).every((o) => o.downgrade)).toBe(true);
    expect(r.notes.map((n) => n.code)).toEqual(['tariff.no-plan-in-brand', 'tariff.current-cheapest-but-downgrades']);
  });

  it('never makes a downgrade the headline, for any usage and any plan of the catalogue', () => {
    const usage = fc.record({
      local_min: fc.integer({ min: 0, max: 3000 }),
      long_distance_min: fc.integer({ min: 0, max: 2000 }),
      roaming_min: fc.integer({ min: 0, max: 600 }),
      data_mb_avg3: fc.integer({ min: 0, max: 200 * GB }),
      roaming_mb: fc.integer({ min: 0, max: 10 * GB }),
    });
    fc.assert(
      fc.property(usage, fc.constantFrom(...defaultPlans.map((p) => p.code)), (u, code) => {
        const r = tariffPreview(u, defaultPlans, code);
        const head = r.options[0]!;
        const inBrand = r.options.filter((o) => o.brand !== null && o.brand === r.brand);
        return (
          !head.downgrade &&
          (inBrand.length === 0 || head.brand === r.brand) &&
          r.options.every((o) => (o.downgrade ? o.revenueLost === round2(r.current!.bill - o.bill) && o.revenueLost > 0 : o.revenueLost === null))
        );
      }),
    );
  });

  it('without today’s plan there is no revenue to lose, without the brand no brand to leave: nothing is a downgrade', () => {
    const r = tariffPreview({ ...light, brand: '全球通' }, defaultPlans, null);
    expect(r.options[0]!.brand).toBe('全球通');
    expect(r.options.some((o) => o.downgrade)).toBe(false);
    const noBrand = tariffPreview({ ...light, data_mb_avg3: 100 * GB }, defaultPlans, 'BDCL38');
    expect(noBrand.brand).toBeNull();
    expect(noBrand.options.some((o) => o.downgrade)).toBe(false);
    for (let i = 1; i < 3; i++) expect(noBrand.options[i - 1]!.bill).toBeLessThanOrEqual(noBrand.options[i]!.bill);
  });
});
