import { describe, expect, it } from 'vitest';
import { plainFactors } from '../../../core/model/factors';
import type { Contribution } from '../../../core/model/train';

const c = (feature: string, labelZh: string, value: string | number | null, contribution: number): Contribution => ({ feature, label: feature, labelZh, value, contribution });

describe('plainFactors: the model factors in an agent’s words', () => {
  it('names the plan, not its code: 套餐：全球通 128, not 套餐编码：QQT128', () => {
    const out = plainFactors([c('arpu_ratio', '当月ARPU/近三月ARPU', 0.6, 0.9), c('plan_code', '套餐编码', 'QQT128', 0.4)], { planName: '全球通 128' });
    expect(out.map((f) => `${f.labelZh}：${f.value}`)).toEqual(['当月ARPU/近三月ARPU：0.6', '套餐：全球通 128']);
    expect(out[1]).toMatchObject({ feature: 'plan_code', label: 'Plan', contribution: 0.4 });
  });

  it('one factor when both the plan code and the plan name are factors, their contributions added and re-ranked', () => {
    const out = plainFactors([c('tenure_months', '网龄(月)', 3, 0.5), c('plan_name', '套餐', '全球通 128', 0.3), c('plan_code', '套餐编码', 'QQT128', 0.25)], { planName: '全球通 128' });
    expect(out.map((f) => [f.labelZh, f.value, f.contribution])).toEqual([
      ['套餐', '全球通 128', 0.55],
      ['网龄(月)', 3, 0.5],
    ]);
  });

  it('keeps the code when no plan name is known, and a missing value stays missing', () => {
    expect(plainFactors([c('plan_code', '套餐编码', 'QQT128', 0.4)], { planName: null })[0]).toMatchObject({ labelZh: '套餐', value: 'QQT128' });
    expect(plainFactors([c('plan_code', '套餐编码', null, 0.4)], { planName: '全球通 128' })[0]).toMatchObject({ labelZh: '套餐', value: null });
  });
});
