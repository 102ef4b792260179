/**
 * The rule score of docs/product.md §4.1: a sum of points over the signals of the table, every contribution a reason
 * with its figures, and a level. Everything it weighs comes from the configuration (config.ts).
 *
 * Two entry points share one evaluation:
 *  - `scoreSubscriber` (the customer card): score, level, the reasons with their figures, and the signal groups
 *    that could not be judged because fields are missing;
 *  - `scoreOnly` (bulk recompute of a million lines): score, level and bitmasks of the reasons and of the
 *    unjudged groups, allocating nothing per line when given an `out` object.
 *
 * Decisions where the table is silent (documented here because the card has to explain them):
 *  - A missing field contributes nothing and its group is listed in `unjudged`; a present field that does not
 *    fire contributes nothing and is judged.
 *  - The 3-month ARPU average is arpu_avg3, or else the mean of arpu_m1..m3 that are present.
 *  - A drop is measured only when the average reaches a small floor (config `minAverage`: 10 yuan, 20 minutes,
 *    50 MB): below it a percentage is noise. Such a line is judged, with no points.
 *  - Dual-SIM: any dual_sim value other than the "none" words (无/否/…) is a competitor's SIM, including a bare 是.
 *  - Contract: "no contract" when contract_type is one of the "none" words (无合约/无…), or when contract_end lies
 *    in the past (the contract has ended: code 'contract-ended', the same points). A contract whose end date is
 *    missing (type given, no date) or no contract information at all is unjudged ('contract').
 *  - Suspension: suspended_days ≥ 4 (any status) → suspended points; status 预销号/保留期/冷冻期 → terminal points;
 *    only the larger counts (one reason). Unjudged only when both status and suspended_days are missing.
 *  - Tenure: tenure_months, else whole calendar months since join_date.
 *  - Sticky services (config `sticky.services`: the programme's eight, V网 and 融合宽带): a service is present when
 *    its field's value is at least its `min` and above 0 (a yes/no field: yes; GPRS: this month's MB ≥ 10). Each
 *    present one adds its points (negative); the total is capped at `minPoints` and a capped reason shows the points
 *    it actually contributed. A service with 0 points is not read at all. A service whose field the line lacks
 *    counts as absent — central files carry only some of the ten — and the group is unjudged only when none of
 *    the counting services is known (the same reading as the no_stickiness tag).
 *  - Dual SIM: a value in `dualSim.ownValues` (移动+移动: both lines ours) is no competitor's SIM.
 *  - Competitor customer-service calls carry no points: ≥ 2 this week makes the level high by itself, with a
 *    reason 'competitor-cs-calls' (points 0) that says so; `levelBy` tells which rule made the level.
 */
import { compiled, isCompetitorDualSim, type CompiledRiskConfig, type CompiledSticky, type RiskConfig, type StickyServiceCode } from './config';
import { arpuAverage, changesOn, dayOf, flag, formatDayNumber, num, round2, tenureChangesOn, tenureJoinDay, tenureMonths, text, todayDay, type SubscriberRecord } from './values';

export type { SubscriberRecord };

export const riskLevels = ['high', 'medium', 'low', 'stable'] as const;
export type RiskLevel = (typeof riskLevels)[number];

/** Every reason code, in table order; the index is the reason's bit in `scoreOnly`'s mask. */
export const reasonCodes = [
  'arpu-drop',
  'mou-drop',
  'data-drop',
  'dual-sim',
  'competitor-contacts',
  'forward-offnet',
  'offnet-share-up',
  'suspended',
  'status-terminal',
  'contract-ending',
  'contract-none',
  'contract-ended',
  'complaints',
  'handset-old',
  'arrears',
  'tenure-new',
  'tenure-long',
  'sticky-family-numbers',
  'sticky-vnet',
  'sticky-broadband',
  'competitor-cs-calls',
  // The programme's other sticky services (issue 16 #4), after the codes above so stored masks keep their bits.
  'sticky-shred-list',
  'sticky-address-book',
  'sticky-message-manager',
  'sticky-m-group',
  'sticky-group-apps',
  'sticky-mobile-mail',
  'sticky-gprs',
  // Not the line's own signal: another line of the same person (core/risk/siblings.ts), 0 points, on the card only.
  'sibling-line-risk',
  'porting-query',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** Signal groups that can be left unjudged for want of fields; the index is the group's bit. */
export const unjudgedGroups = [
  'arpu-history',
  'usage-history',
  'data-history',
  'dual-sim',
  'competitor-contacts',
  'competitor-calls',
  'forwarding',
  'offnet-share',
  'status',
  'contract',
  'complaints',
  'handset',
  'arrears',
  'tenure',
  'sticky-services',
] as const;
export type UnjudgedGroup = (typeof unjudgedGroups)[number];

export interface Reason {
  code: ReasonCode;
  points: number;
  params: Record<string, number | string>;
}

export interface RiskResult {
  score: number;
  level: RiskLevel;
  /** What made the level: the score's bounds, or the competitor customer-service calls rule. */
  levelBy: 'score' | 'competitor-cs-calls';
  /** Largest contributions first; a level-making 'competitor-cs-calls' reason comes first of all. */
  reasons: Reason[];
  unjudged: UnjudgedGroup[];
  configVersion: number;
}

/** Bulk result: reuse one object across calls (pass it as `out`) and nothing is allocated per line. */
export interface ScoreOnlyResult {
  score: number;
  level: RiskLevel;
  /** Bit i set ⇔ reasonCodes[i] contributed. */
  reasons: number;
  /** Bit i set ⇔ unjudgedGroups[i] could not be judged. */
  unjudged: number;
  /** The first day (a day number) after the one scored on which this result could differ; Infinity: never by the day. */
  changesOn: number;
}

const bit = (code: ReasonCode): number => 1 << reasonCodes.indexOf(code);
const ubit = (g: UnjudgedGroup): number => 1 << unjudgedGroups.indexOf(g);

const B_ARPU = bit('arpu-drop'), B_MOU = bit('mou-drop'), B_DATA = bit('data-drop'), B_DUAL = bit('dual-sim');
const B_COMP = bit('competitor-contacts'), B_FWD = bit('forward-offnet'), B_OFFNET = bit('offnet-share-up');
const B_SUSP = bit('suspended'), B_TERM = bit('status-terminal'), B_SOON = bit('contract-ending');
const B_NONE = bit('contract-none'), B_ENDED = bit('contract-ended'), B_COMPL = bit('complaints'), B_HANDSET = bit('handset-old');
const B_ARREARS = bit('arrears'), B_NEW = bit('tenure-new'), B_LOYAL = bit('tenure-long');
const B_CS = bit('competitor-cs-calls');

/** The reason code of each sticky service (亲情号码 keeps its older code, whose reason names the count). */
export const stickyReasonCode: Record<StickyServiceCode, ReasonCode> = {
  shred_list: 'sticky-shred-list',
  address_book: 'sticky-address-book',
  message_manager: 'sticky-message-manager',
  m_group: 'sticky-m-group',
  family_numbers: 'sticky-family-numbers',
  group_apps: 'sticky-group-apps',
  mobile_mail: 'sticky-mobile-mail',
  gprs: 'sticky-gprs',
  vnet: 'sticky-vnet',
  broadband: 'sticky-broadband',
};
const stickyBit = Object.fromEntries(Object.entries(stickyReasonCode).map(([k, code]) => [k, bit(code)])) as Record<StickyServiceCode, number>;
const B_PORT = bit('porting-query');

const U_ARPU = ubit('arpu-history'), U_MOU = ubit('usage-history'), U_DATA = ubit('data-history'), U_DUAL = ubit('dual-sim');
const U_COMP = ubit('competitor-contacts'), U_CS = ubit('competitor-calls'), U_FWD = ubit('forwarding');
const U_OFFNET = ubit('offnet-share'), U_STATUS = ubit('status'), U_CONTRACT = ubit('contract'), U_COMPL = ubit('complaints');
const U_HANDSET = ubit('handset'), U_ARREARS = ubit('arrears'), U_TENURE = ubit('tenure'), U_STICKY = ubit('sticky-services');

/** The reasons of a mask, in table order (for a bulk result shown later). */
export function reasonCodesOf(mask: number): ReasonCode[] {
  return reasonCodes.filter((_, i) => (mask & (1 << i)) !== 0);
}
export function unjudgedGroupsOf(mask: number): UnjudgedGroup[] {
  return unjudgedGroups.filter((_, i) => (mask & (1 << i)) !== 0);
}

/* ---------------------------------------------------------------------------------------------------------- */
/* The one evaluation                                                                                          */

// Results besides the score, left here by `evaluate` (single-threaded: read right after the call).
let evMask = 0;
let evUnjudged = 0;
let evCsHigh = false;
let evCsCalls = 0;
// The first day after `today` on which the evaluation could come out otherwise (Infinity: never, for the day alone).
let evChangesOn = Infinity;


/**
 * Sums the points of `s` and sets evMask/evUnjudged/evCsHigh. With `out`, pushes one reason per contribution
 * (the only allocation, and only on the card path).
 */
function evaluate(s: SubscriberRecord, c: CompiledRiskConfig, today: number, out: Reason[] | null): number {
  let score = 0;
  let mask = 0;
  let unj = 0;
  let p = 0;
  // Each comparison with the day below also says on which day its answer next changes (docs/scoring-storage.md
  // "A new day computes the customers due"): the three that read it — the porting window, the contract's end, the
  // tenure from the join date.
  let next = Infinity;

  // ARPU against the 3-month average.
  const arpuCur = num(s.arpu_cur);
  const arpuAvg = arpuAverage(s);
  if (arpuCur !== arpuCur || arpuAvg !== arpuAvg) unj |= U_ARPU;
  else if (arpuAvg > 0 && arpuAvg >= c.arpuMinAvg) {
    const drop = 1 - arpuCur / arpuAvg;
    p = drop >= c.arpuHigh ? c.arpuHighPts : drop >= c.arpuLow ? c.arpuLowPts : 0;
    if (p !== 0) {
      score += p;
      mask |= B_ARPU;
      if (out) out.push({ code: 'arpu-drop', points: p, params: { pct: Math.round(drop * 100), cur: round2(arpuCur), avg: round2(arpuAvg) } });
    }
  }

  // Minutes of use.
  const mouCur = num(s.mou_cur);
  const mouAvg = num(s.mou_avg3);
  if (mouCur !== mouCur || mouAvg !== mouAvg) unj |= U_MOU;
  else if (mouAvg > 0 && mouAvg >= c.mouMinAvg) {
    const drop = 1 - mouCur / mouAvg;
    p = drop >= c.mouHigh ? c.mouHighPts : drop >= c.mouLow ? c.mouLowPts : 0;
    if (p !== 0) {
      score += p;
      mask |= B_MOU;
      if (out) out.push({ code: 'mou-drop', points: p, params: { pct: Math.round(drop * 100), cur: Math.round(mouCur), avg: Math.round(mouAvg) } });
    }
  }

  // Data.
  const dataCur = num(s.data_mb_cur);
  const dataAvg = num(s.data_mb_avg3);
  if (dataCur !== dataCur || dataAvg !== dataAvg) unj |= U_DATA;
  else if (dataAvg > 0 && dataAvg >= c.dataMinAvg) {
    const drop = 1 - dataCur / dataAvg;
    if (drop >= c.dataDrop && c.dataPts !== 0) {
      score += c.dataPts;
      mask |= B_DATA;
      if (out) out.push({ code: 'data-drop', points: c.dataPts, params: { pct: Math.round(drop * 100), cur: Math.round(dataCur), avg: Math.round(dataAvg) } });
    }
  }

  // Dual SIM with a competitor.
  const dual = text(s.dual_sim);
  if (dual === '') unj |= U_DUAL;
  else if (isCompetitorDualSim(c, dual) && c.dualPts !== 0) {
    score += c.dualPts;
    mask |= B_DUAL;
    if (out) out.push({ code: 'dual-sim', points: c.dualPts, params: { value: dual } });
  }

  // Competitor account-manager contacts.
  const comp = num(s.competitor_contacts);
  if (comp !== comp) unj |= U_COMP;
  else if (comp > 0) {
    p = Math.floor(comp) * c.compEach;
    if (p > c.compMax) p = c.compMax;
    if (p !== 0) {
      score += p;
      mask |= B_COMP;
      if (out) out.push({ code: 'competitor-contacts', points: p, params: { count: comp } });
    }
  }

  // Calls to a competitor's customer service: no points, but the level.
  const cs = num(s.competitor_cs_calls_week);
  if (cs !== cs) {
    unj |= U_CS;
    evCsHigh = false;
  } else {
    evCsHigh = cs >= c.highCsCalls;
    if (evCsHigh) mask |= B_CS;
  }
  evCsCalls = cs;

  // Call forwarding to an off-net number.
  const fwd = flag(s.forward_offnet);
  if (fwd < 0) unj |= U_FWD;
  else if (fwd === 1 && c.fwdPts !== 0) {
    score += c.fwdPts;
    mask |= B_FWD;
    if (out) out.push({ code: 'forward-offnet', points: c.fwdPts, params: {} });
  }

  // A porting eligibility query (携号转网资格查询) within the window. No date is no query, not an unknown: the
  // central systems send the column only for those who asked.
  const portDay = dayOf(s.porting_query_date);
  if (portDay === portDay && c.portPts !== 0) next = Math.min(next, changesOn(today, portDay), changesOn(today, portDay + c.portDays + 1));
  if (portDay === portDay && c.portPts !== 0 && today - portDay >= 0 && today - portDay <= c.portDays) {
    score += c.portPts;
    mask |= B_PORT;
    if (out) out.push({ code: 'porting-query', points: c.portPts, params: { date: formatDayNumber(portDay), days: today - portDay } });
  }

  // Off-net call share.
  const offPrev = num(s.offnet_ratio_prev);
  const offCur = num(s.offnet_ratio_cur);
  if (offPrev !== offPrev || offCur !== offCur) unj |= U_OFFNET;
  else if (offCur - offPrev >= c.offnetRise && c.offnetPts !== 0) {
    score += c.offnetPts;
    mask |= B_OFFNET;
    if (out)
      out.push({
        code: 'offnet-share-up',
        points: c.offnetPts,
        params: { rise: Math.round((offCur - offPrev) * 100), prev: Math.round(offPrev * 100), cur: Math.round(offCur * 100) },
      });
  }

  // Suspension: days suspended or a terminal status, the larger.
  const status = text(s.status);
  const suspDays = num(s.suspended_days);
  if (status === '' && suspDays !== suspDays) unj |= U_STATUS;
  else {
    const sp = suspDays >= c.suspDays ? c.suspPts : 0;
    const tp = status !== '' && c.isTerminal(status) ? c.termPts : 0;
    if (tp !== 0 && tp >= sp) {
      score += tp;
      mask |= B_TERM;
      if (out) out.push({ code: 'status-terminal', points: tp, params: suspDays === suspDays ? { status, days: suspDays } : { status } });
    } else if (sp !== 0) {
      score += sp;
      mask |= B_SUSP;
      if (out) out.push({ code: 'suspended', points: sp, params: { days: suspDays } });
    }
  }

  // Contract.
  const ctype = text(s.contract_type);
  if (ctype !== '' && c.isNoContract(ctype)) {
    if (c.nonePts !== 0) {
      score += c.nonePts;
      mask |= B_NONE;
      if (out) out.push({ code: 'contract-none', points: c.nonePts, params: {} });
    }
  } else {
    const end = dayOf(s.contract_end);
    if (end !== end) unj |= U_CONTRACT;
    else {
      // `left` is whole: left <= soonDays is left <= floor(soonDays), that is today >= end - floor(soonDays).
      next = Math.min(next, changesOn(today, end + 1), changesOn(today, end - Math.floor(c.soonDays)), changesOn(today, end - Math.floor(c.nearDays)));
      const left = end - today;
      if (left < 0) {
        if (c.nonePts !== 0) {
          score += c.nonePts;
          mask |= B_ENDED;
          if (out) out.push({ code: 'contract-ended', points: c.nonePts, params: { date: formatDayNumber(end), days: -left } });
        }
      } else {
        p = left <= c.soonDays ? c.soonPts : left <= c.nearDays ? c.nearPts : 0;
        if (p !== 0) {
          score += p;
          mask |= B_SOON;
          if (out) out.push({ code: 'contract-ending', points: p, params: { days: left, date: formatDayNumber(end) } });
        }
      }
    }
  }

  // Complaints in 90 days.
  const compl = num(s.complaints_90d);
  if (compl !== compl) unj |= U_COMPL;
  else if (compl > 0) {
    p = Math.floor(compl) * c.complEach;
    if (p > c.complMax) p = c.complMax;
    if (p !== 0) {
      score += p;
      mask |= B_COMPL;
      if (out) out.push({ code: 'complaints', points: p, params: { count: compl } });
    }
  }

  // Handset age.
  const hm = num(s.handset_months);
  if (hm !== hm) unj |= U_HANDSET;
  else if (hm >= c.handsetMonths && c.handsetPts !== 0) {
    score += c.handsetPts;
    mask |= B_HANDSET;
    if (out) out.push({ code: 'handset-old', points: c.handsetPts, params: { months: hm } });
  }

  // Arrears.
  const arrears = num(s.arrears);
  if (arrears !== arrears) unj |= U_ARREARS;
  else if (arrears > 0 && c.arrearsPts !== 0) {
    score += c.arrearsPts;
    mask |= B_ARREARS;
    if (out) out.push({ code: 'arrears', points: c.arrearsPts, params: { amount: round2(arrears) } });
  }

  // Tenure.
  const tenure = tenureMonths(s, today);
  const tenureJoin = tenureJoinDay(s);
  next = Math.min(next, tenureChangesOn(tenureJoin, today, c.newMonths), tenureChangesOn(tenureJoin, today, c.loyalMonths));
  if (tenure !== tenure) unj |= U_TENURE;
  else if (tenure < c.newMonths) {
    if (c.newPts !== 0) {
      score += c.newPts;
      mask |= B_NEW;
      if (out) out.push({ code: 'tenure-new', points: c.newPts, params: { months: tenure } });
    }
  } else if (tenure >= c.loyalMonths && c.loyalPts !== 0) {
    score += c.loyalPts;
    mask |= B_LOYAL;
    if (out) out.push({ code: 'tenure-long', points: c.loyalPts, params: { months: tenure } });
  }

  // Sticky services, capped in total. Each one's value comes from its configured field (a yes/no, a count, MB).
  let sticky = 0;
  let stickyKnown = 0;
  const services = c.sticky;
  for (let i = 0; i < services.length; i++) {
    const sv = services[i]!;
    const v = stickyValue(sv, s);
    if (v !== v) continue;
    stickyKnown++;
    if (!isStickyPresent(sv, v)) continue;
    p = clampSticky(sticky, sv.points, c);
    if (p !== 0) {
      sticky += p;
      mask |= stickyBit[sv.code];
      if (out) out.push({ code: stickyReasonCode[sv.code], points: p, params: stickyParams(sv.code, v, sv.min) });
    }
  }
  if (stickyKnown === 0 && services.length > 0) unj |= U_STICKY;
  score += sticky;

  evMask = mask;
  evUnjudged = unj;
  evChangesOn = next;
  return score;
}

/** A sticky service's value on a line (yes = 1, no = 0, a count, MB), NaN when its field is missing. */
export function stickyValue(sv: CompiledSticky, s: SubscriberRecord): number {
  const raw = s[sv.field as keyof SubscriberRecord];
  if (!sv.isFlag) return num(raw);
  const fl = flag(raw);
  return fl < 0 ? NaN : fl;
}

/** The one rule of "this line has the service": its value reaches the service's `min` and is above 0. */
export const isStickyPresent = (sv: CompiledSticky, v: number): boolean => v >= sv.min && v > 0;

/** The points one more sticky service adds when `sofar` have been counted (each is negative, the sum capped). */
function clampSticky(sofar: number, each: number, c: CompiledRiskConfig): number {
  const next = sofar + each;
  return next < c.stickyMin ? Math.min(0, c.stickyMin - sofar) : each;
}

/** A sticky reason's figures: the count of family numbers, the MB of GPRS use and its threshold; a yes/no has none. */
function stickyParams(code: StickyServiceCode, v: number, min: number): Record<string, number | string> {
  if (code === 'family_numbers') return { count: v };
  if (code === 'gprs') return { mb: Math.round(v), min };
  return {};
}

/** The level index (into riskLevels) of a score; `csHigh`: the competitor-calls rule fired. */
function levelIndex(score: number, csHigh: boolean, c: CompiledRiskConfig): number {
  if (csHigh || score > c.mediumMax) return 0;
  if (score > c.lowMax) return 1;
  if (score > c.stableMax) return 2;
  return 3;
}

/** The level a score alone gives (bounds from the configuration). Monotone: a higher score never gives a lower level. */
export function levelOfScore(score: number, cfg: RiskConfig | CompiledRiskConfig): RiskLevel {
  const c = 'source' in cfg ? cfg : compiled(cfg);
  return riskLevels[levelIndex(score, false, c)]!;
}

/**
 * Bulk scoring: score, level and bitmasks. `todayDayNumber` is days since 1970-01-01 (see `dayOf`); pass `out`
 * to reuse one result object across a million calls.
 */
export function scoreOnly(
  s: SubscriberRecord,
  c: CompiledRiskConfig,
  todayDayNumber: number,
  out: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity },
): ScoreOnlyResult {
  const score = evaluate(s, c, todayDayNumber, null);
  out.score = score;
  out.level = riskLevels[levelIndex(score, evCsHigh, c)]!;
  out.reasons = evMask;
  out.unjudged = evUnjudged;
  out.changesOn = evChangesOn;
  return out;
}

/** Positive points first, larger first; the level-making competitor-calls reason before all; negatives last. */
const byWeight = (a: Reason, b: Reason): number => {
  if (a.code === 'competitor-cs-calls') return -1;
  if (b.code === 'competitor-cs-calls') return 1;
  return b.points - a.points;
};

/** The card's score: every contribution with its figures, and what could not be judged. */
export function scoreSubscriber(s: SubscriberRecord, cfg: RiskConfig | CompiledRiskConfig, ctx: { today: string }): RiskResult {
  const c = 'source' in cfg ? cfg : compiled(cfg);
  const reasons: Reason[] = [];
  const score = evaluate(s, c, todayDay(ctx.today), reasons);
  const csHigh = evCsHigh;
  const unj = evUnjudged;
  const byScore = score > c.mediumMax;
  if (csHigh) reasons.push({ code: 'competitor-cs-calls', points: 0, params: { calls: evCsCalls, min: c.highCsCalls } });
  reasons.sort(byWeight);
  return {
    score,
    level: riskLevels[levelIndex(score, csHigh, c)]!,
    levelBy: csHigh && !byScore ? 'competitor-cs-calls' : 'score',
    reasons,
    unjudged: unjudgedGroupsOf(unj),
    configVersion: c.version,
  };
}
