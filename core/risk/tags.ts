/**
 * Segments and tags of docs/product.md §4.3: tier, the mid/high-value flag, a sensitivity type, and the need tags of the
 * "deep needs" models. Each tag carries the figures that made it. Tag codes are the keys offer rules use
 * (core/offers/catalogue.ts `knownRuleTags`), so `{ "tag": "family" }` in a catalogue matches `family` here.
 *
 * Rules (thresholds from RiskConfig.tags / .tiers / .value):
 *  - tier: the file's tier (钻石卡/金卡/银卡/普通 or their spellings) when present, else by the 3-month ARPU
 *    average (≥300 钻石, ≥150 金, ≥80 银, else 普通); unknown when neither is known.
 *  - mid_high_value: 3-month ARPU average ≥ 120.
 *  - family: family_members ≥ 3.
 *  - handset_change: handset ≥ 24 months old, or not a smartphone.
 *  - plan_mismatch: plan too small (ARPU average ≥ 1.3 × plan fee and ≥ 20 yuan above it: paying overage), or
 *    too big (plan fee ≥ 88 while MOU < 100 minutes and data < 2 GB a month on average).
 *  - data_heavy: data average ≥ 40 GB a month.
 *  - contract_expiring: contract ends within 60 days (not yet ended).
 *  - arrears_before_suspension: arrears > 0 and the line is not already in a terminal status (预销号/保留期/冷冻期).
 *  - bill_spike: current ARPU ≥ 150 % of the 3-month average.
 *  - data_anomaly: current data ≥ 200 % of its average (average ≥ 100 MB).
 *  - no_stickiness (无关怀无粘性): none of the sticky services that count in the risk rules (config sticky.services
 *    with points ≠ 0: 亲情号码, V网, 融合宽带, 粉碎清单…; at least one known, a missing one taken as absent) and no
 *    contract (contract_type says none, or the contract has ended).
 *  - dual_sim: a competitor's second SIM (not a "none" word, not both ours); own_dual_sim: both SIMs ours (移动+移动,
 *    config dualSim.ownValues) — offers for competitor dual SIMs exclude it; roaming_heavy: roaming minutes ≥ 20 % of current MOU.
 *  - sensitivity (one type, or none): each type collects evidence; past decline reasons weigh 2, signals 1:
 *      price   ← bill spike, ARPU down ≥ 30 %, plan too small, declined for price / competitor offer;
 *      service ← complaints in 90 days, declined for service / network;
 *      reward  ← tenure ≥ 60 months and mid/high value (or tier 钻石/金);
 *      product ← data heavy, data anomaly, plan mismatch, roaming heavy, declined for handset / not understanding.
 *    The type with the most evidence wins; ties go service > price > product > reward (a complaint first needs
 *    care, then price is the commonest lever). Its tag is `<type>_sensitive` with the evidence as params.
 */
import { compiled, isCompetitorDualSim, normWord, type CompiledRiskConfig, type RiskConfig } from './config';
import { isStickyPresent, stickyValue } from './score';
import { arpuAverage, changesOn, dayOf, flag, num, round2, tenureChangesOn, tenureJoinDay, tenureMonths, text, todayDay, type SubscriberRecord } from './values';

export const tagCodes = [
  'mid_high_value',
  'price_sensitive',
  'service_sensitive',
  'reward_sensitive',
  'product_sensitive',
  'family',
  'handset_change',
  'plan_mismatch',
  'data_heavy',
  'contract_expiring',
  'arrears_before_suspension',
  'bill_spike',
  'data_anomaly',
  'no_stickiness',
  'dual_sim',
  'own_dual_sim',
  'roaming_heavy',
] as const;
export type TagCode = (typeof tagCodes)[number];

export interface Tag {
  code: TagCode;
  params: Record<string, number | string>;
}

export const tiers = ['diamond', 'gold', 'silver', 'normal'] as const;
export type Tier = (typeof tiers)[number];

export const sensitivityTypes = ['price', 'service', 'reward', 'product'] as const;
export type SensitivityType = (typeof sensitivityTypes)[number];

export interface Segments {
  tier: Tier | null;
  tierSource: 'file' | 'arpu' | null;
  midHighValue: boolean | null;
  sensitivity: SensitivityType | null;
  /** All tags, segments included (mid_high_value, <type>_sensitive), in tagCodes order. */
  tags: Tag[];
  /**
   * The first day (a day number) after the one segmented on which these could differ — the contract's end and the
   * tenure are the day's only readers here; Infinity: never by the day (docs/scoring-storage.md).
   */
  changesOn: number;
}

/** What past outcomes add: the reason codes (core/contact/codes.ts) of the customer's declines. */
export interface PastOutcomes {
  declineReasons?: readonly string[];
}

const tierWords: ReadonlyMap<string, Tier> = new Map(Object.entries({
  钻石卡: 'diamond', 钻石: 'diamond', 钻卡: 'diamond', diamond: 'diamond',
  金卡: 'gold', 金: 'gold', gold: 'gold',
  银卡: 'silver', 银: 'silver', silver: 'silver',
  普通: 'normal', 普通卡: 'normal', 普卡: 'normal', 大众: 'normal', normal: 'normal', regular: 'normal',
} satisfies Record<string, Tier>));

/** The tier a file's tier cell names (金卡, Gold, 钻石卡…), or undefined: a word this table does not know stays the file's. */
export function tierInFile(value: unknown): Tier | undefined {
  const words = text(value);
  return words === '' ? undefined : (tierWords.get(words) ?? tierWords.get(normWord(words)));
}

function tierByArpu(avg: number, cfg: RiskConfig): Tier {
  const t = cfg.tiers;
  return avg >= t.diamond ? 'diamond' : avg >= t.gold ? 'gold' : avg >= t.silver ? 'silver' : 'normal';
}

const evidenceWeight = { signal: 1, outcome: 2 } as const;

/** Ties between sensitivity types go service > price > product > reward (see the header). */
const sensitivityTieOrder = ['service', 'price', 'product', 'reward'] as const;

export function segmentSubscriber(
  s: SubscriberRecord,
  cfg: RiskConfig | CompiledRiskConfig,
  ctx: { today: string },
  past?: PastOutcomes,
): Segments {
  const c = 'source' in cfg ? cfg : compiled(cfg);
  const r = c.source;
  const t = r.tags;
  const today = todayDay(ctx.today);
  const tags: Tag[] = [];
  const add = (code: TagCode, params: Record<string, number | string>): void => {
    tags.push({ code, params });
  };

  const avg = arpuAverage(s);
  const cur = num(s.arpu_cur);
  const fileTier = tierInFile(s.tier);
  const tier: Tier | null = fileTier ?? (avg === avg ? tierByArpu(avg, r) : null);
  const tierSource = fileTier ? 'file' : tier ? 'arpu' : null;
  const midHighValue = avg === avg ? avg >= r.value.midHighArpu : null;
  if (midHighValue) add('mid_high_value', { avg: round2(avg), min: r.value.midHighArpu });

  const members = num(s.family_members);
  if (members >= t.familyMinMembers) {
    const fam = num(s.family_numbers);
    add('family', fam === fam ? { members, familyNumbers: fam } : { members });
  }

  const hm = num(s.handset_months);
  const smart = flag(s.handset_smart);
  if (hm >= t.handsetMinMonths) add('handset_change', { months: hm });
  else if (smart === 0) add('handset_change', { smart: 0 });

  const fee = num(s.plan_fee);
  const mouAvg = num(s.mou_avg3);
  const dataAvg = num(s.data_mb_avg3);
  let planUnder = false;
  let planOver = false;
  if (fee === fee && fee > 0 && avg === avg && avg >= fee * t.planUnderRatio && avg - fee >= t.planUnderMinExtra) {
    planUnder = true;
    add('plan_mismatch', { direction: 'under', fee, avg: round2(avg) });
  } else if (fee === fee && fee >= t.planOverMinFee && mouAvg === mouAvg && dataAvg === dataAvg && mouAvg < t.planOverMaxMou && dataAvg < t.planOverMaxDataMb) {
    planOver = true;
    add('plan_mismatch', { direction: 'over', fee, mou: Math.round(mouAvg), data: Math.round(dataAvg) });
  }

  const dataHeavy = dataAvg === dataAvg && dataAvg >= t.dataHeavyMb;
  if (dataHeavy) add('data_heavy', { avg: Math.round(dataAvg) });

  const ctype = text(s.contract_type);
  const noneType = ctype !== '' && c.isNoContract(ctype);
  const end = dayOf(s.contract_end);
  const left = end === end ? end - today : NaN;
  // `left` is whole: left <= contractExpiringDays is today >= end - floor(contractExpiringDays); left < 0 is today >= end + 1.
  let next = end === end ? Math.min(changesOn(today, end + 1), changesOn(today, end - Math.floor(t.contractExpiringDays))) : Infinity;
  if (!noneType && left >= 0 && left <= t.contractExpiringDays) add('contract_expiring', { days: left, date: text(s.contract_end).slice(0, 10) });
  const noContract = noneType || left < 0;

  const arrears = num(s.arrears);
  const status = text(s.status);
  if (arrears > 0 && !(status !== '' && c.isTerminal(status)))
    add('arrears_before_suspension', status !== '' ? { arrears: round2(arrears), status } : { arrears: round2(arrears) });

  const billSpike = cur === cur && avg === avg && avg > 0 && cur * 100 >= avg * t.billSpikePct - 1e-9;
  if (billSpike) add('bill_spike', { pct: Math.round((cur / avg) * 100), cur: round2(cur), avg: round2(avg) });

  const dataCur = num(s.data_mb_cur);
  const dataAnomaly = dataCur === dataCur && dataAvg === dataAvg && dataAvg >= t.dataAnomalyMinMb && dataCur * 100 >= dataAvg * t.dataAnomalyPct - 1e-9;
  if (dataAnomaly) add('data_anomaly', { pct: Math.round((dataCur / dataAvg) * 100), cur: Math.round(dataCur), avg: Math.round(dataAvg) });

  // No sticky service that counts in the risk rules and no contract. A service whose column the line lacks is taken
  // as absent (most central files carry only some of the programme's services), but at least one must be known.
  let stickyKnown = 0;
  let stickyPresent = false;
  // Only a line without a contract can carry the tag: the services are not read otherwise (a million lines).
  if (noContract) {
    for (const sv of c.sticky) {
      const v = stickyValue(sv, s);
      if (v !== v) continue;
      stickyKnown++;
      if (isStickyPresent(sv, v)) stickyPresent = true;
    }
  }
  if (stickyKnown > 0 && !stickyPresent && noContract) add('no_stickiness', {});

  const dual = text(s.dual_sim);
  if (isCompetitorDualSim(c, dual)) add('dual_sim', { value: dual });
  else if (dual !== '' && c.isDualOwn(dual)) add('own_dual_sim', { value: dual });

  const roaming = num(s.roaming_min);
  const mouCur = num(s.mou_cur);
  const roamingHeavy = roaming === roaming && mouCur === mouCur && mouCur > 0 && roaming >= mouCur * t.roamingShare;
  if (roamingHeavy) add('roaming_heavy', { pct: Math.round((roaming / mouCur) * 100), minutes: Math.round(roaming) });

  // Sensitivity: evidence per type. Noted as (type, what) pairs in one list — a recompute segments a million lines,
  // most with no evidence at all, so nothing per type is allocated up front.
  const declines = past?.declineReasons ?? [];
  const declined = (a: string, b: string): boolean => declines.length > 0 && (declines.includes(a) || declines.includes(b));
  const arpuDrop = cur === cur && avg === avg && avg > 0 ? 1 - cur / avg : NaN;
  const complaints = num(s.complaints_90d);
  const tenure = tenureMonths(s, today);
  next = Math.min(next, tenureChangesOn(tenureJoinDay(s), today, t.rewardMinTenure));
  const highTier = tier === 'diamond' || tier === 'gold';
  const noted: [SensitivityType, string][] = [];
  let wPrice = 0, wService = 0, wReward = 0, wProduct = 0;
  const note = (type: SensitivityType, what: string, w: number): void => {
    noted.push([type, what]);
    if (type === 'price') wPrice += w;
    else if (type === 'service') wService += w;
    else if (type === 'reward') wReward += w;
    else wProduct += w;
  };
  if (billSpike) note('price', 'bill_spike', evidenceWeight.signal);
  if (arpuDrop >= r.arpuDrop.lowPct / 100 - 1e-9) note('price', 'arpu_drop', evidenceWeight.signal);
  if (planUnder) note('price', 'plan_mismatch', evidenceWeight.signal);
  if (declined('price', 'competitor_offer')) note('price', 'declined_price', evidenceWeight.outcome);
  if (complaints > 0) note('service', 'complaints', evidenceWeight.signal);
  if (declined('service', 'network')) note('service', 'declined_service', evidenceWeight.outcome);
  if (tenure >= t.rewardMinTenure && (midHighValue === true || highTier)) note('reward', 'long_tenure_high_value', evidenceWeight.signal);
  if (dataHeavy) note('product', 'data_heavy', evidenceWeight.signal);
  if (dataAnomaly) note('product', 'data_anomaly', evidenceWeight.signal);
  if (planOver || planUnder) note('product', 'plan_mismatch', evidenceWeight.signal);
  if (roamingHeavy) note('product', 'roaming_heavy', evidenceWeight.signal);
  if (declined('handset', 'not_understand')) note('product', 'declined_product', evidenceWeight.outcome);

  let sensitivity: SensitivityType | null = null;
  let sensitivityWeight = 0;
  if (noted.length > 0) {
    for (const type of sensitivityTieOrder) {
      const w = type === 'price' ? wPrice : type === 'service' ? wService : type === 'reward' ? wReward : wProduct;
      if (w > 0 && (sensitivity === null || w > sensitivityWeight)) {
        sensitivity = type;
        sensitivityWeight = w;
      }
    }
  }
  // Tags were added in tagCodes order except this one, which belongs right after mid_high_value.
  if (sensitivity) {
    const evidence = noted.filter(([type]) => type === sensitivity).map(([, what]) => what);
    tags.splice(midHighValue ? 1 : 0, 0, { code: `${sensitivity}_sensitive`, params: { evidence: evidence.join(','), weight: sensitivityWeight } });
  }
  return { tier, tierSource, midHighValue, sensitivity, tags, changesOn: next };
}
