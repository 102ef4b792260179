import { describe, it, expect } from 'vitest';
import { defaultPlans } from '../../../core/offers/default-catalogue';
import { tariffPreview } from '../../../core/offers/tariff';
import { fieldByKey } from '../../../core/worklist/fields';
import {
  demoExtraColumns,
  generateSubscribers,
  subscriberFieldKeys,
  type SubscriberRow,
} from '../../../core/demo/generator';

const today = '2026-11-23';
const take = (opts: Parameters<typeof generateSubscribers>[0]): SubscriberRow[] => [...generateSubscribers(opts)];
const num = (v: unknown): number => v as number;

const MSISDN = /^1(3[4-9]|47|5[0-2]|5[7-9]|78|8[2-4]|8[78]|9[578])\d{8}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('generateSubscribers', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = take({ seed: 1, count: 300, today });
    expect(take({ seed: 1, count: 300, today })).toEqual(a);
    const b = take({ seed: 2, count: 300, today });
    expect(b.map((r) => r.msisdn)).not.toEqual(a.map((r) => r.msisdn));
    expect(b.map((r) => r.name)).not.toEqual(a.map((r) => r.name));
  });

  it('gives the same rows whatever slice they are generated in', () => {
    const whole = take({ seed: 9, count: 500, today });
    const slice = take({ seed: 9, count: 100, today, startIndex: 250 });
    expect(slice).toEqual(whole.slice(250, 350));
  });

  it('adds labels without changing any other value', () => {
    const plain = take({ seed: 4, count: 200, today });
    const labelled = take({ seed: 4, count: 200, today, withLabels: true });
    expect(plain.every((r) => !('churned' in r) && !('churn_date' in r))).toBe(true);
    labelled.forEach((r, i) => {
      const { churned, churn_date, ...rest } = r;
      expect(rest).toEqual(plain[i]);
      expect(churned === 0 || churned === 1).toBe(true);
      expect(churned === 1 ? typeof churn_date === 'string' && churn_date > today : churn_date === null).toBe(true);
    });
  });

  it('makes valid China Mobile numbers, unique over 200,000 rows', () => {
    const seen = new Set<string>();
    for (const r of generateSubscribers({ seed: 77, count: 200_000, today })) {
      if (!MSISDN.test(r.msisdn)) throw new Error(`bad msisdn ${r.msisdn}`);
      seen.add(r.msisdn);
    }
    expect(seen.size).toBe(200_000);
  });

  it('only uses canonical fields, with values of their kind', () => {
    for (const key of subscriberFieldKeys) {
      const def = fieldByKey.get(key);
      expect(def, key).toBeDefined();
      expect(['subscriber', 'label']).toContain(def!.scope);
    }
    for (const r of take({ seed: 5, count: 2000, today, withLabels: true })) {
      for (const [key, v] of Object.entries(r)) {
        if (key === 'extra') continue;
        const kind = fieldByKey.get(key)!.kind;
        if (v === null) continue;
        if (kind === 'msisdn' || kind === 'text') expect(typeof v, key).toBe('string');
        if (kind === 'date') expect(v, key).toMatch(DATE);
        if (kind === 'bool') expect([0, 1], key).toContain(v);
        if (kind === 'int') expect(Number.isInteger(v), key).toBe(true);
        if (kind === 'number') expect(Number.isFinite(v), key).toBe(true);
      }
      expect(Object.keys(r.extra)).toEqual([...demoExtraColumns]);
      expect('id_no' in r).toBe(false);
    }
  });

  it('keeps related figures consistent', () => {
    for (const r of take({ seed: 6, count: 5000, today })) {
      const avg = (num(r.arpu_m1) + num(r.arpu_m2) + num(r.arpu_m3)) / 3;
      expect(Math.abs(avg - num(r.arpu_avg3))).toBeLessThanOrEqual(0.011);
      const a = num(r.arpu_avg3);
      expect(r.tier).toBe(a >= 300 ? '钻石卡' : a >= 150 ? '金卡' : a >= 80 ? '银卡' : '普通');
      expect(r.join_date! < today).toBe(true);
      expect(num(r.local_min) + num(r.long_distance_min) + num(r.roaming_min)).toBeLessThanOrEqual(num(r.mou_cur) + 1);
      expect(r.contract_type === '无合约').toBe(r.contract_end === null);
      if (num(r.arrears) > 0) expect(r.balance).toBe(0);
      expect(r.status === '正常').toBe(r.suspended_days === 0);
      expect(['全球通', '动感地带', '神州行']).toContain(r.brand);
      expect(String(r.plan_name)).toContain(String(r.brand));
    }
  });

  it('uses about what each plan includes, and pays about what that usage costs on it', () => {
    // The demo had 37.8 GB a month on an 18 元 plan that paid 18: the tariff preview's estimate (¥231) read as broken
    // (found by a new hall agent). A customer's usage now centres on the plan's allowances, and what they pay on the
    // plan's fee and the overage their usage costs (core/offers/tariff.ts monthlyBill).
    const rows = take({ seed: 7, count: 3000, today });
    const ratios: number[] = [];
    let farAbove = 0;
    for (const r of rows) {
      const preview = tariffPreview(r as unknown as Record<string, string | number | null>, defaultPlans, String(r.plan_code));
      expect(preview.current, String(r.plan_code)).not.toBeNull();
      if (preview.notes.some((n) => n.code === 'tariff.estimate-above-bill')) farAbove++;
      ratios.push(preview.current!.bill / num(r.arpu_avg3));
    }
    ratios.sort((a, b) => a - b);
    expect(farAbove / rows.length).toBeLessThan(0.03);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeGreaterThan(0.8);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThan(1.25);
    // Some use more than their plan holds (what the tariff preview and the data offers are for), most less.
    const overData = rows.filter((r) => {
      const plan = defaultPlans.find((p) => p.code === r.plan_code)!;
      return plan.incl_data_mb > 0 && num(r.data_mb_avg3) > plan.incl_data_mb;
    }).length;
    expect(overData / rows.length).toBeGreaterThan(0.04);
    expect(overData / rows.length).toBeLessThan(0.3);
  });

  it('ties the signals to churn the way retention work expects', () => {
    const rows = take({ seed: 11, count: 40_000, today, withLabels: true });
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const dual = rows.filter((r) => r.dual_sim !== '无');
    const single = rows.filter((r) => r.dual_sim === '无');
    const mouRatio = (r: SubscriberRow) => num(r.mou_cur) / Math.max(1, num(r.mou_avg3));
    const arpuRatio = (r: SubscriberRow) => num(r.arpu_cur) / num(r.arpu_avg3);
    const churnRate = (rs: SubscriberRow[]) => mean(rs.map((r) => num(r.churned)));

    const overall = churnRate(rows);
    expect(overall).toBeGreaterThan(0.15);
    expect(overall).toBeLessThan(0.25);
    expect(dual.length / rows.length).toBeGreaterThan(0.05);
    expect(mean(dual.map(mouRatio))).toBeLessThan(mean(single.map(mouRatio)) - 0.2);
    expect(mean(dual.map(arpuRatio))).toBeLessThan(mean(single.map(arpuRatio)) - 0.15);
    expect(churnRate(dual)).toBeGreaterThan(2 * churnRate(single));
    const offnetRise = (r: SubscriberRow) => num(r.offnet_ratio_cur) - num(r.offnet_ratio_prev);
    expect(mean(dual.map(offnetRise))).toBeGreaterThan(mean(single.map(offnetRise)) + 0.1);

    const csCallers = rows.filter((r) => num(r.competitor_cs_calls_week) >= 2);
    expect(churnRate(csCallers)).toBeGreaterThan(0.5);
    const sticky = rows.filter((r) => num(r.family_numbers) > 0 && r.vnet === 1 && r.broadband === 1);
    expect(churnRate(sticky)).toBeLessThan(overall);
    const inArrears = rows.filter((r) => num(r.arrears) > 0);
    expect(churnRate(inArrears)).toBeGreaterThan(overall);
  });

  it('rejects bad options', () => {
    expect(() => take({ seed: 1, count: 1, today: '2026-13-01' })).toThrow();
    expect(() => take({ seed: 1.5, count: 1, today })).toThrow();
    expect(() => take({ seed: 1, count: -1, today })).toThrow();
  });
});
