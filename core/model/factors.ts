/**
 * The model's factors in an agent's words (docs/product.md §4.4): a factor names what the customer has, with the
 * field's label, not an internal code. The plan code (套餐编码：QQT128) reads as the plan (套餐：全球通 128) — the
 * plan name the customer's row or the plans catalogue gives for that code — and when the plan's name is a factor
 * of its own too, the two are one factor (their contributions added), so the card never says the same thing twice.
 */
import { fieldByKey } from '../worklist/fields';
import type { Contribution } from './train';

export function plainFactors(factors: readonly Contribution[], names: { planName: string | null }): Contribution[] {
  const plan = fieldByKey.get('plan_name')!;
  const out: Contribution[] = [];
  let planFactor: Contribution | null = null;
  for (const f of factors) {
    const isCode = f.feature === 'plan_code';
    if (!isCode && f.feature !== 'plan_name') {
      out.push(f);
      continue;
    }
    const value = isCode ? (f.value === null ? null : (names.planName ?? f.value)) : f.value;
    if (planFactor && planFactor.value === value) {
      planFactor.contribution += f.contribution;
      continue;
    }
    const plain: Contribution = { ...f, label: plan.en, labelZh: plan.zh, value };
    if (planFactor === null) planFactor = plain;
    out.push(plain);
  }
  return out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
}
