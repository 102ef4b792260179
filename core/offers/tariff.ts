/**
 * Tariff preview (资费预演, docs/product.md §5.4): the monthly bill the customer's usage would make on every plan of the
 * catalogue, and the cheapest plans with the saving against today's plan.
 *
 * Billing, per plan:
 *   fee + overage of local minutes + long-distance minutes + roaming minutes + data, each beyond its allowance
 *   at the plan's price. Data is domestic data (data_mb_avg3, else data_mb_cur) plus roaming data (roaming_mb):
 *   the plans carry a single data allowance and price (domestic data roaming has been free in mainland China
 *   since 2017), so roaming MB draw from the same pool.
 *   A plan with one domestic pool for local and long-distance calls carries the pool in both incl_local_min and
 *   incl_ld_min (catalogue.ts); it is recognised by equal allowances (> 0) and equal prices, and then local +
 *   long-distance minutes draw from the one pool (not from both buckets: that would give twice the minutes).
 *
 * Ordering (docs/product.md §5.4 "No revenue traps"): the options are the other active plans by bill, cheapest
 * first (ties: a plan that covers the usage without overage first, then the lower fee, then code), top 3 by
 * default. The bill already includes overage, so the cheapest bill is the plan that fits the usage best; `fits`
 * says whether the usage is within every allowance (no overage at all). But the headline (the first option) is
 * never a downgrade: it is the cheapest plan within the customer's brand (the work list's 品牌, else the brand
 * today's plan names), else the cheapest plan that is no downgrade. A downgrade is a plan outside the customer's
 * brand whose bill is below today's: it is still listed (after the headline, in bill order), marked, with the
 * monthly revenue it loses (today's bill − its bill). A plan's brand is the one its name names
 * (`brandNamedIn`); a plan that names none is outside every brand. Without today's bill, or without the
 * customer's brand (there is then no brand to leave), nothing is a downgrade and the order is by bill alone.
 * Only a catalogue with no other plan of the brand can leave nothing but downgrades: they are listed, marked.
 * Usage fields that are missing are billed as 0 and listed in `unknown`; with no usage figure at all there is
 * no preview (`usageKnown: false`, no options).
 */
import { brandNamedIn, canonicalValue } from '../worklist/cells';
import type { Plan } from './catalogue';
import type { ConditionNote, SubscriberValues } from './match';

export interface Usage {
  local_min: number;
  long_distance_min: number;
  roaming_min: number;
  data_mb: number;
  roaming_mb: number;
}

export interface BillParts {
  fee: number;
  local: number;
  longDistance: number;
  roaming: number;
  data: number;
  total: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const over = (used: number, included: number): number => (used > included ? used - included : 0);

/** True when the plan's local and long-distance allowances are one shared domestic pool. */
export function hasDomesticPool(plan: Plan): boolean {
  return plan.incl_local_min > 0 && plan.incl_local_min === plan.incl_ld_min && plan.price_local_min === plan.price_ld_min;
}

export function billParts(plan: Plan, usage: Usage): BillParts {
  let local: number;
  let longDistance: number;
  if (hasDomesticPool(plan)) {
    // Local minutes use the pool first; what the pool cannot hold is billed at the (equal) price.
    const localOver = over(usage.local_min, plan.incl_local_min);
    const poolLeft = Math.max(0, plan.incl_local_min - usage.local_min);
    local = localOver * plan.price_local_min;
    longDistance = over(usage.long_distance_min, poolLeft) * plan.price_ld_min;
  } else {
    local = over(usage.local_min, plan.incl_local_min) * plan.price_local_min;
    longDistance = over(usage.long_distance_min, plan.incl_ld_min) * plan.price_ld_min;
  }
  const roaming = over(usage.roaming_min, plan.incl_roaming_min) * plan.price_roaming_min;
  const data = over(usage.data_mb + usage.roaming_mb, plan.incl_data_mb) * plan.price_data_mb;
  const fee = plan.monthly_fee;
  return {
    fee,
    local: round2(local),
    longDistance: round2(longDistance),
    roaming: round2(roaming),
    data: round2(data),
    total: round2(fee + local + longDistance + roaming + data),
  };
}

/** The monthly bill in yuan (fee + overage per kind), rounded to cents. */
export function monthlyBill(plan: Plan, usage: Usage): number {
  return billParts(plan, usage).total;
}

function num(v: unknown): number {
  if (typeof v === 'number') return v - v === 0 ? v : NaN;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return n - n === 0 ? n : NaN;
  }
  return NaN;
}

/** The customer's monthly usage from the canonical fields, and which of them are missing. */
export function usageOf(s: SubscriberValues): { usage: Usage; unknown: string[]; known: number } {
  const unknown: string[] = [];
  let known = 0;
  const read = (key: string): number => {
    const v = num(s[key]);
    if (v !== v) {
      unknown.push(key);
      return 0;
    }
    known++;
    return Math.max(0, v);
  };
  const local_min = read('local_min');
  const long_distance_min = read('long_distance_min');
  const roaming_min = read('roaming_min');
  let data_mb = num(s.data_mb_avg3);
  if (data_mb !== data_mb) data_mb = num(s.data_mb_cur);
  if (data_mb !== data_mb) {
    unknown.push('data_mb_avg3');
    data_mb = 0;
  } else known++;
  const roaming_mb = read('roaming_mb');
  return { usage: { local_min, long_distance_min, roaming_min, data_mb: Math.max(0, data_mb), roaming_mb }, unknown, known };
}

export interface TariffOption {
  code: string;
  name: string;
  bill: number;
  /** Today's bill minus this one (positive = the customer saves); null when today's plan is unknown. */
  saving: number | null;
  /** The usage is within every allowance of the plan (no overage). */
  fits: boolean;
  /** The brand the plan's name names (全球通 / 动感地带 / 神州行), null when none. */
  brand: string | null;
  /** Outside the customer's brand and cheaper than today's bill (docs/product.md §5.4). */
  downgrade: boolean;
  /** For a downgrade: today's bill minus this one, the revenue lost a month; else null. */
  revenueLost: number | null;
  why: ConditionNote[];
}

export interface TariffPreview {
  current: { code: string; name: string; bill: number } | null;
  /** The customer's brand: the work list's 品牌, else the one today's plan names; null when neither says. */
  brand: string | null;
  options: TariffOption[];
  usage: Usage;
  usageKnown: boolean;
  /** Usage fields that were missing (billed as 0). */
  unknown: string[];
  /** Notes for the card: usage unknown, today's plan not in the catalogue, today's plan already the cheapest. */
  notes: ConditionNote[];
}

function whyOf(plan: Plan, parts: BillParts, saving: number | null, revenueLost: number | null): ConditionNote[] {
  const why: ConditionNote[] = [];
  if (revenueLost !== null) why.push({ code: 'tariff.why.downgrade', params: { lost: revenueLost } });
  const overage = parts.local + parts.longDistance + parts.roaming + parts.data;
  if (overage === 0) why.push({ code: 'tariff.why.covers', params: { fee: plan.monthly_fee } });
  else {
    why.push({ code: 'tariff.why.fee-plus-overage', params: { fee: plan.monthly_fee, overage: round2(overage) } });
    if (parts.local > 0) why.push({ code: 'tariff.why.overage.local', params: { cost: parts.local } });
    if (parts.longDistance > 0) why.push({ code: 'tariff.why.overage.long-distance', params: { cost: parts.longDistance } });
    if (parts.roaming > 0) why.push({ code: 'tariff.why.overage.roaming', params: { cost: parts.roaming } });
    if (parts.data > 0) why.push({ code: 'tariff.why.overage.data', params: { cost: parts.data } });
  }
  if (saving !== null) {
    if (saving > 0) why.push({ code: 'tariff.why.saving', params: { saving } });
    else if (saving < 0) why.push({ code: 'tariff.why.costs-more', params: { extra: round2(-saving) } });
    else why.push({ code: 'tariff.why.same', params: {} });
  }
  return why;
}

export function tariffPreview(
  subscriber: SubscriberValues,
  plans: readonly Plan[],
  currentPlanCode: string | null,
  options: { limit?: number } = {},
): TariffPreview {
  const { usage, unknown, known } = usageOf(subscriber);
  const notes: ConditionNote[] = [];
  const currentPlan = currentPlanCode ? plans.find((p) => p.code === currentPlanCode) : undefined;
  if (known === 0) {
    notes.push({ code: 'tariff.usage-unknown', params: {} });
    return { current: null, brand: null, options: [], usage, usageKnown: false, unknown, notes };
  }
  for (const field of unknown) notes.push({ code: 'tariff.field-unknown', params: { field } });
  if (currentPlanCode && !currentPlan) notes.push({ code: 'tariff.current-unknown', params: { plan: currentPlanCode } });
  if (!currentPlanCode) notes.push({ code: 'tariff.current-missing', params: {} });
  const current = currentPlan ? { code: currentPlan.code, name: currentPlan.name, bill: monthlyBill(currentPlan, usage) } : null;
  // An estimate of today's bill far above what the customer really pays (twice the 3-month ARPU and ¥30 more) says the
  // usage is incomplete or capped by something the catalogue does not know: said, as the savings and revenue below are
  // reckoned from it (¥205 against an ARPU of 18 read as a fact; found by a new hall agent).
  const arpu = typeof subscriber.arpu_avg3 === 'number' && Number.isFinite(subscriber.arpu_avg3) ? subscriber.arpu_avg3 : null;
  if (current && arpu !== null && arpu > 0 && current.bill > 2 * arpu && current.bill - arpu > 30) {
    notes.push({ code: 'tariff.estimate-above-bill', params: { estimate: current.bill, arpu } });
  }

  const brand = customerBrand(subscriber, currentPlan);

  const rows = plans
    .filter((p) => p.active && p.code !== currentPlan?.code)
    .map((p) => {
      const parts = billParts(p, usage);
      const fits = parts.local + parts.longDistance + parts.roaming + parts.data === 0;
      const planBrand = brandNamedIn(p.name);
      const inBrand = brand !== null && planBrand === brand;
      const downgrade = brand !== null && !inBrand && current !== null && parts.total < current.bill;
      return { p, parts, fits, planBrand, inBrand, downgrade };
    });
  rows.sort(
    (a, b) =>
      a.parts.total - b.parts.total ||
      (a.fits === b.fits ? 0 : a.fits ? -1 : 1) ||
      a.p.monthly_fee - b.p.monthly_fee ||
      (a.p.code < b.p.code ? -1 : a.p.code > b.p.code ? 1 : 0),
  );
  // The headline: the cheapest plan within the brand, else the cheapest that is no downgrade (§5.4).
  const inBrandAt = rows.findIndex((r) => r.inBrand);
  const headAt = inBrandAt >= 0 ? inBrandAt : rows.findIndex((r) => !r.downgrade);
  if (headAt > 0) rows.unshift(...rows.splice(headAt, 1));
  if (brand !== null && !rows.some((r) => r.inBrand)) notes.push({ code: 'tariff.no-plan-in-brand', params: { brand } });
  const top = rows.slice(0, options.limit ?? 3).map(({ p, parts, fits, planBrand, downgrade }): TariffOption => {
    const saving = current ? round2(current.bill - parts.total) : null;
    const revenueLost = downgrade && current ? round2(current.bill - parts.total) : null;
    return { code: p.code, name: p.name, bill: parts.total, saving, fits, brand: planBrand, downgrade, revenueLost, why: whyOf(p, parts, saving, revenueLost) };
  });
  if (current && rows.length > 0 && rows[0]!.parts.total >= current.bill) {
    // Nothing but a downgrade would cost the customer less: say so, by brand when one is cheaper.
    const cheaper = rows.some((r) => r.parts.total < current.bill);
    notes.push({ code: cheaper ? 'tariff.current-cheapest-but-downgrades' : 'tariff.current-cheapest', params: { bill: current.bill } });
  }
  return { current, brand, options: top, usage, usageKnown: true, unknown, notes };
}

/** The customer's brand: the work list's 品牌 (canonical spelling), else the brand today's plan names. */
function customerBrand(subscriber: SubscriberValues, currentPlan: Plan | undefined): string | null {
  const listed = typeof subscriber.brand === 'string' ? brandNamedIn(canonicalValue('brand', subscriber.brand.trim())) : null;
  return listed ?? (currentPlan ? brandNamedIn(currentPlan.name) : null);
}
