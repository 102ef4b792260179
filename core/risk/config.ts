/**
 * The rule score's configuration (docs/product.md §4.1) and the thresholds of segments and tags (§4.3), as data.
 * A supervisor edits it; every change is a new `version`, and a change recomputes every score. The scorer reads
 * nothing else: no point, threshold or level bound is written in score.ts or tags.ts.
 *
 * Percentages are whole per cent (30 = 30 %). Off-net shares in the subscriber record are fractions 0..1, so the
 * off-net rise is a fraction too (0.2 = "up 20 points").
 */
import { z } from 'zod';
import { canonicalFields } from '../worklist/fields';

const points = z.number().finite().min(-100).max(100);
const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);
const pct = z.number().finite().gt(0).max(100);
const words = z.array(z.string().max(40)).max(50);

/* ---------------------------------------------------------------------------------------------------------- */
/* Sticky services (docs/product.md §4.1)                                                                      */

/**
 * The stability programme's sticky services (粉碎清单, 号簿管家, 信息管家, M群, 亲情号码, 集团内部应用, 手机邮箱, GPRS ≥ 10 MB a
 * month), then the two the app counted before the programme was read (V网, 融合宽带: kept, the operator may zero
 * them). The order is the card's and the rules page's.
 */
export const stickyServiceCodes = [
  'shred_list',
  'address_book',
  'message_manager',
  'm_group',
  'family_numbers',
  'group_apps',
  'mobile_mail',
  'gprs',
  'vnet',
  'broadband',
] as const;
export type StickyServiceCode = (typeof stickyServiceCodes)[number];

/**
 * Where a sticky service's value may come from: a subscriber column that holds a yes/no, a count or an amount. A
 * service is present when the value is at least `min` (yes = 1, so a yes/no field with min 1 means "yes").
 */
export const stickySourceFields = canonicalFields
  .filter((d) => d.scope === 'subscriber' && (d.kind === 'bool' || d.kind === 'int' || d.kind === 'number'))
  .map((d) => d.key) as unknown as readonly [string, ...string[]];

const stickyService = z.strictObject({ points, field: z.enum(stickySourceFields), min: nonNegative });
export type StickyService = z.infer<typeof stickyService>;

/** Points each service lowers the risk by, by default (the app's old single "points each"). */
const DEFAULT_STICKY_POINTS = -2;

/** The services' defaults; `oldPointsEach` (a version saved before services were configurable) for the old three. */
export function defaultStickyServices(oldPointsEach = DEFAULT_STICKY_POINTS): Record<StickyServiceCode, StickyService> {
  const flag = (field: string, pts = DEFAULT_STICKY_POINTS): StickyService => ({ points: pts, field, min: 1 });
  return {
    shred_list: flag('shred_list'),
    address_book: flag('address_book'),
    message_manager: flag('message_manager'),
    m_group: flag('m_group'),
    family_numbers: flag('family_numbers', oldPointsEach),
    group_apps: flag('group_apps'),
    mobile_mail: flag('mobile_mail'),
    // The programme's "GPRS ≥ 10 MB a month" (this month's data use) dates from before smartphones: today almost every
    // line passes 10 MB, so with points it would lower nearly everyone's score. It ships at 0 points with the
    // programme's threshold; a supervisor who wants it sets points and a threshold that means something (docs §4.1).
    gprs: { points: 0, field: 'data_mb_cur', min: 10 },
    vnet: flag('vnet', oldPointsEach),
    broadband: flag('broadband', oldPointsEach),
  };
}

const stickySchema = z.strictObject({
  /** The total of the services is never below this (each service is negative; the sum is capped). */
  minPoints: points,
  services: z.strictObject(Object.fromEntries(stickyServiceCodes.map((k) => [k, stickyService])) as Record<StickyServiceCode, typeof stickyService>),
});

/**
 * A version saved before the services were configurable held `{ pointsEach, minPoints }`: it reads as the services'
 * defaults with its `pointsEach` for the three it counted then (亲情号码, V网, 宽带), so activating an old version
 * scores those three as it did. Stored versions are never rewritten (they are the audit trail of what was saved).
 */
function upgradeSticky(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || 'services' in v) return v;
  const { pointsEach, ...rest } = v as Record<string, unknown>;
  return { ...rest, services: defaultStickyServices(typeof pointsEach === 'number' ? pointsEach : DEFAULT_STICKY_POINTS) };
}

/**
 * dual_sim values that mean both SIMs are ours ("移动+移动"): not a competitor's SIM, so no points, no dual-SIM tag
 * and no competitor dual-SIM offer. A version saved before this setting existed reads these defaults.
 */
// (No spelling with 、 or a comma: the rules page types word lists separated by them.)
export const defaultOwnDualSimValues = ['移动+移动', '移动＋移动', '移动/移动', '双移动', '中国移动+中国移动'];

export const riskConfigSchema = z
  .strictObject({
    version: z.number().int().min(1),
    /** ARPU (current) below the 3-month average: ≥ lowPct % → lowPoints, ≥ highPct % → highPoints. */
    arpuDrop: z.strictObject({ lowPct: pct, lowPoints: points, highPct: pct, highPoints: points, minAverage: nonNegative }),
    mouDrop: z.strictObject({ lowPct: pct, lowPoints: points, highPct: pct, highPoints: points, minAverage: nonNegative }),
    dataDrop: z.strictObject({ pct, points, minAverage: nonNegative }),
    /** dual_sim values that mean "no second SIM" (anything else present means a competitor's SIM). */
    dualSim: z.strictObject({ points, noneValues: words, ownValues: words.default(() => [...defaultOwnDualSimValues]) }),
    competitorContacts: z.strictObject({ pointsEach: points, maxPoints: points }),
    forwardOffnet: z.strictObject({ points }),
    /**
     * The customer asked whether the number may be ported out (携号转网资格查询) within `days`: a strong signal (issue
     * 16 #6). Defaulted, so a version saved before the rule existed still reads (with the default rule).
     */
    portingQuery: z.strictObject({ days: z.number().int().min(0).max(3660), points }).default({ days: 30, points: 8 }),
    /** Off-net call share up by at least `minRise` (a fraction: 0.2 = 20 points). */
    offnetShare: z.strictObject({ minRise: z.number().finite().gt(0).max(1), points }),
    /** Suspended ≥ minDays → suspendedPoints; a status in `terminalStatuses` → terminalPoints; the larger counts. */
    suspension: z.strictObject({ minDays: nonNegative, suspendedPoints: points, terminalPoints: points, terminalStatuses: words }),
    /** Contract ends within soonDays → soonPoints, within nearDays → nearPoints; none (or ended) → nonePoints. */
    contract: z.strictObject({
      soonDays: nonNegative,
      soonPoints: points,
      nearDays: nonNegative,
      nearPoints: points,
      nonePoints: points,
      /** contract_type values that mean "no contract". */
      noneTypes: words,
    }),
    complaints: z.strictObject({ pointsEach: points, maxPoints: points }),
    handset: z.strictObject({ minMonths: nonNegative, points }),
    arrears: z.strictObject({ points }),
    /** Tenure < newMonths → newPoints (a risk); ≥ loyalMonths → loyalPoints (negative: lowers risk). */
    tenure: z.strictObject({ newMonths: nonNegative, newPoints: points, loyalMonths: nonNegative, loyalPoints: points }),
    /** Each sticky service present: its points (negative lowers risk); the total at least minPoints. */
    sticky: z.preprocess(upgradeSticky, stickySchema),
    /**
     * Levels: high if score > mediumMax or competitor CS calls this week ≥ highCompetitorCsCalls;
     * medium if > lowMax; low if > stableMax; stable otherwise.
     */
    // Bounds are 0 or more: a negative one would rate a customer with no risk signal at all (score 0) as at risk.
    levels: z.strictObject({ stableMax: nonNegative, lowMax: nonNegative, mediumMax: nonNegative, highCompetitorCsCalls: positive }),
    /** 中高端: 3-month ARPU average ≥ midHighArpu yuan. */
    value: z.strictObject({ midHighArpu: nonNegative }),
    /** Tier by 3-month ARPU average when the file has no tier: ≥ diamond → 钻石卡, ≥ gold → 金卡, ≥ silver → 银卡. */
    tiers: z.strictObject({ diamond: nonNegative, gold: nonNegative, silver: nonNegative }),
    /** Need-tag thresholds (docs/product.md §4.3); see core/risk/tags.ts for each rule. */
    tags: z.strictObject({
      familyMinMembers: positive,
      handsetMinMonths: nonNegative,
      /** Plan too small: ARPU average ≥ fee × underRatio and at least underMinExtra yuan above it. */
      planUnderRatio: z.number().finite().gt(1),
      planUnderMinExtra: nonNegative,
      /** Plan too big: fee ≥ overMinFee while MOU and data averages are both below the limits. */
      planOverMinFee: nonNegative,
      planOverMaxMou: nonNegative,
      planOverMaxDataMb: nonNegative,
      dataHeavyMb: nonNegative,
      contractExpiringDays: nonNegative,
      /** Bill spike: current ARPU ≥ billSpikePct % of the 3-month average. */
      billSpikePct: z.number().finite().gt(100),
      /** Data anomaly: current data ≥ dataAnomalyPct % of the average (with an average ≥ dataAnomalyMinMb). */
      dataAnomalyPct: z.number().finite().gt(100),
      dataAnomalyMinMb: nonNegative,
      /** Roaming heavy: roaming minutes ≥ roamingShare of MOU. */
      roamingShare: z.number().finite().gt(0).max(1),
      /** Reward-sensitive: tenure ≥ rewardMinTenure months and mid/high value. */
      rewardMinTenure: nonNegative,
    }),
  })
  .superRefine((c, ctx) => {
    const order = (a: number, b: number, path: string[], message: string): void => {
      if (!(a < b)) ctx.addIssue({ code: 'custom', path, message });
    };
    order(c.arpuDrop.lowPct, c.arpuDrop.highPct, ['arpuDrop', 'highPct'], 'highPct must be above lowPct');
    order(c.mouDrop.lowPct, c.mouDrop.highPct, ['mouDrop', 'highPct'], 'highPct must be above lowPct');
    order(c.contract.soonDays, c.contract.nearDays, ['contract', 'nearDays'], 'nearDays must be above soonDays');
    order(c.levels.stableMax, c.levels.lowMax, ['levels', 'lowMax'], 'lowMax must be above stableMax');
    order(c.levels.lowMax, c.levels.mediumMax, ['levels', 'mediumMax'], 'mediumMax must be above lowMax');
    order(c.tiers.silver, c.tiers.gold, ['tiers', 'gold'], 'gold must be above silver');
    order(c.tiers.gold, c.tiers.diamond, ['tiers', 'diamond'], 'diamond must be above gold');
    order(c.tenure.newMonths, c.tenure.loyalMonths + 1e-9, ['tenure', 'loyalMonths'], 'loyalMonths must not be below newMonths');
  });

export type RiskConfig = z.infer<typeof riskConfigSchema>;

/** The defaults of docs/product.md §4.1 (points, levels) and §4.3 (segments), from the operator programmes. */
export const defaultRiskConfig: RiskConfig = {
  version: 1,
  // minAverage: below it a "drop" is noise (2 yuan → 1 yuan is not a customer leaving); not in the spec table.
  arpuDrop: { lowPct: 30, lowPoints: 6, highPct: 50, highPoints: 9, minAverage: 10 },
  mouDrop: { lowPct: 30, lowPoints: 5, highPct: 50, highPoints: 7, minAverage: 20 },
  dataDrop: { pct: 50, points: 3, minAverage: 50 },
  dualSim: { points: 6, noneValues: ['无', '否', '非双卡', '0', 'n', 'no', 'none'], ownValues: [...defaultOwnDualSimValues] },
  competitorContacts: { pointsEach: 4, maxPoints: 8 },
  forwardOffnet: { points: 8 },
  portingQuery: { days: 30, points: 8 },
  offnetShare: { minRise: 0.2, points: 3 },
  suspension: { minDays: 4, suspendedPoints: 3, terminalPoints: 5, terminalStatuses: ['预销号', '保留期', '冷冻期'] },
  contract: { soonDays: 30, soonPoints: 4, nearDays: 60, nearPoints: 2, nonePoints: 2, noneTypes: ['无合约', '无', '否', '0', 'none', 'no'] },
  complaints: { pointsEach: 2, maxPoints: 6 },
  handset: { minMonths: 24, points: 2 },
  arrears: { points: 2 },
  tenure: { newMonths: 6, newPoints: 2, loyalMonths: 60, loyalPoints: -2 },
  sticky: { minPoints: -6, services: defaultStickyServices() },
  levels: { stableMax: 8, lowMax: 13, mediumMax: 20, highCompetitorCsCalls: 2 },
  value: { midHighArpu: 120 },
  tiers: { diamond: 300, gold: 150, silver: 80 },
  tags: {
    familyMinMembers: 3,
    handsetMinMonths: 24,
    planUnderRatio: 1.3,
    planUnderMinExtra: 20,
    planOverMinFee: 88,
    planOverMaxMou: 100,
    planOverMaxDataMb: 2048,
    dataHeavyMb: 40960,
    contractExpiringDays: 60,
    billSpikePct: 150,
    dataAnomalyPct: 200,
    dataAnomalyMinMb: 100,
    roamingShare: 0.2,
    rewardMinTenure: 60,
  },
};

/* ---------------------------------------------------------------------------------------------------------- */
/* Compiled form: what the hot loop reads                                                                       */

/**
 * The configuration flattened into plain numeric fields and sets, so scoring a line does no lookups through
 * nested objects and no per-call work on the configuration. Build it once per configuration version
 * (`compileRiskConfig`), then score a million lines with it.
 */
export interface CompiledRiskConfig {
  readonly source: RiskConfig;
  readonly version: number;
  readonly arpuLow: number; readonly arpuLowPts: number; readonly arpuHigh: number; readonly arpuHighPts: number; readonly arpuMinAvg: number;
  readonly mouLow: number; readonly mouLowPts: number; readonly mouHigh: number; readonly mouHighPts: number; readonly mouMinAvg: number;
  readonly dataDrop: number; readonly dataPts: number; readonly dataMinAvg: number;
  readonly dualPts: number; readonly dualNone: ReadonlySet<string>;
  readonly compEach: number; readonly compMax: number;
  readonly fwdPts: number;
  readonly portDays: number; readonly portPts: number;
  readonly offnetRise: number; readonly offnetPts: number;
  readonly suspDays: number; readonly suspPts: number; readonly termPts: number; readonly termStatuses: ReadonlySet<string>;
  readonly soonDays: number; readonly soonPts: number; readonly nearDays: number; readonly nearPts: number; readonly nonePts: number;
  readonly noContract: ReadonlySet<string>;
  readonly complEach: number; readonly complMax: number;
  readonly handsetMonths: number; readonly handsetPts: number;
  readonly arrearsPts: number;
  readonly newMonths: number; readonly newPts: number; readonly loyalMonths: number; readonly loyalPts: number;
  readonly stickyMin: number;
  /** The sticky services that count (points ≠ 0), in stickyServiceCodes order. */
  readonly sticky: readonly CompiledSticky[];
  readonly stableMax: number; readonly lowMax: number; readonly mediumMax: number; readonly highCsCalls: number;
  /** Membership of a cell's text in the word lists, remembered per spelling (the vocabulary is small). */
  readonly isDualNone: (v: string) => boolean;
  /** Both SIMs ours (移动+移动): not a competitor's. */
  readonly isDualOwn: (v: string) => boolean;
  readonly isTerminal: (v: string) => boolean;
  readonly isNoContract: (v: string) => boolean;
}

export interface CompiledSticky {
  readonly code: StickyServiceCode;
  readonly points: number;
  readonly field: string;
  /** The field holds yes/no (read with `flag`), else a number. */
  readonly isFlag: boolean;
  readonly min: number;
}

/**
 * `v` is in `words` (ignoring case and surrounding spaces), remembered per spelling so a million lines with the
 * same few values normalise nothing. The memory is bounded: past 4096 spellings it is cleared.
 */
function memoMember(words: readonly string[]): (v: string) => boolean {
  const set = new Set(words.map(normWord));
  const memo = new Map<string, boolean>();
  return (v) => {
    let r = memo.get(v);
    if (r === undefined) {
      r = set.has(normWord(v));
      if (memo.size >= 4096) memo.clear();
      memo.set(v, r);
    }
    return r;
  };
}

/** Text compared case-insensitively and without surrounding spaces. */
export const normWord = (s: string): string => s.trim().toLowerCase();

/** Comparing ratios: a drop of exactly 30 % computed in floating point must count as 30 %. */
const EPS = 1e-9;

const fieldKinds = new Map<string, string>(canonicalFields.map((d) => [d.key, d.kind]));

/** A dual_sim value that means a competitor's second SIM: neither a "none" word nor both SIMs ours. */
export function isCompetitorDualSim(c: CompiledRiskConfig, value: string): boolean {
  return value !== '' && !c.isDualNone(value) && !c.isDualOwn(value);
}

/** The subscriber fields the sticky services read under `cfg` (the recompute reads only the fields it needs). */
export function stickyInputFields(cfg: RiskConfig): string[] {
  return [...new Set(stickyServiceCodes.map((k) => cfg.sticky.services[k].field))];
}

export function compileRiskConfig(cfg: RiskConfig): CompiledRiskConfig {
  return {
    source: cfg,
    version: cfg.version,
    arpuLow: cfg.arpuDrop.lowPct / 100 - EPS, arpuLowPts: cfg.arpuDrop.lowPoints,
    arpuHigh: cfg.arpuDrop.highPct / 100 - EPS, arpuHighPts: cfg.arpuDrop.highPoints, arpuMinAvg: cfg.arpuDrop.minAverage,
    mouLow: cfg.mouDrop.lowPct / 100 - EPS, mouLowPts: cfg.mouDrop.lowPoints,
    mouHigh: cfg.mouDrop.highPct / 100 - EPS, mouHighPts: cfg.mouDrop.highPoints, mouMinAvg: cfg.mouDrop.minAverage,
    dataDrop: cfg.dataDrop.pct / 100 - EPS, dataPts: cfg.dataDrop.points, dataMinAvg: cfg.dataDrop.minAverage,
    dualPts: cfg.dualSim.points, dualNone: new Set(cfg.dualSim.noneValues.map(normWord)),
    compEach: cfg.competitorContacts.pointsEach, compMax: cfg.competitorContacts.maxPoints,
    fwdPts: cfg.forwardOffnet.points,
    portDays: cfg.portingQuery.days, portPts: cfg.portingQuery.points,
    offnetRise: cfg.offnetShare.minRise - EPS, offnetPts: cfg.offnetShare.points,
    suspDays: cfg.suspension.minDays, suspPts: cfg.suspension.suspendedPoints, termPts: cfg.suspension.terminalPoints,
    termStatuses: new Set(cfg.suspension.terminalStatuses.map(normWord)),
    soonDays: cfg.contract.soonDays, soonPts: cfg.contract.soonPoints, nearDays: cfg.contract.nearDays,
    nearPts: cfg.contract.nearPoints, nonePts: cfg.contract.nonePoints, noContract: new Set(cfg.contract.noneTypes.map(normWord)),
    complEach: cfg.complaints.pointsEach, complMax: cfg.complaints.maxPoints,
    handsetMonths: cfg.handset.minMonths, handsetPts: cfg.handset.points,
    arrearsPts: cfg.arrears.points,
    newMonths: cfg.tenure.newMonths, newPts: cfg.tenure.newPoints, loyalMonths: cfg.tenure.loyalMonths, loyalPts: cfg.tenure.loyalPoints,
    stickyMin: cfg.sticky.minPoints,
    sticky: stickyServiceCodes
      .map((code) => ({ code, ...cfg.sticky.services[code] }))
      .filter((sv) => sv.points !== 0)
      .map((sv) => ({ code: sv.code, points: sv.points, field: sv.field, isFlag: fieldKinds.get(sv.field) === 'bool', min: sv.min })),
    stableMax: cfg.levels.stableMax, lowMax: cfg.levels.lowMax, mediumMax: cfg.levels.mediumMax,
    highCsCalls: cfg.levels.highCompetitorCsCalls,
    isDualNone: memoMember(cfg.dualSim.noneValues),
    isDualOwn: memoMember(cfg.dualSim.ownValues),
    isTerminal: memoMember(cfg.suspension.terminalStatuses),
    isNoContract: memoMember(cfg.contract.noneTypes),
  };
}

const compiledCache = new WeakMap<RiskConfig, CompiledRiskConfig>();

/** The compiled form of `cfg`, built once per configuration object. */
export function compiled(cfg: RiskConfig): CompiledRiskConfig {
  let c = compiledCache.get(cfg);
  if (!c) {
    c = compileRiskConfig(cfg);
    compiledCache.set(cfg, c);
  }
  return c;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Comparing versions                                                                                           */

/** The level bounds on the rule score: a score above a bound is at least the next level (score.ts `levelIndex`). */
const scoreBounds = ['stableMax', 'lowMax', 'mediumMax'] as const;

/** Rule scores in (above, atMost]. */
export interface ScoreBand {
  above: number;
  atMost: number;
}

/**
 * The rule scores at which two configurations give another level, when they differ in nothing but their level bounds
 * on the score (a supervisor's usual save: "高危：分数高于 20 → 16"): for each moved bound, the scores between its old
 * and its new value. A customer whose score lies outside every band gets the same level under both — each comparison
 * `score > bound` comes out the same — and, nothing else differing, the same figures: reasons and score do not read
 * the bounds, and P(churn), tags and the queue priority read the level only. Null when anything else differs (points,
 * thresholds, the competitor-calls count that makes high by itself): then anyone may change. No band when nothing
 * differs. The recompute scores only the customers in the bands (docs/scoring-storage.md "A level bound moved").
 */
export function levelBoundBands(before: RiskConfig, after: RiskConfig): ScoreBand[] | null {
  const bands: ScoreBand[] = [];
  for (const path of changedRiskKeys(before, after)) {
    const bound = scoreBounds.find((b) => path === `levels.${b}`);
    if (bound === undefined) return null;
    const [a, b] = [before.levels[bound], after.levels[bound]];
    bands.push({ above: Math.min(a, b), atMost: Math.max(a, b) });
  }
  return bands;
}

/**
 * The settings in which two configurations differ, as dotted paths ("levels.mediumMax"); a word list counts as
 * one setting. `version` is not a setting. Used for a version's "what changed" and the rules page's list of changes.
 */
export function changedRiskKeys(a: RiskConfig, b: RiskConfig): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObj(x) && isObj(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (path === '' && k === 'version') continue;
        walk(x[k], y[k], path ? `${path}.${k}` : k);
      }
    } else if (JSON.stringify(x) !== JSON.stringify(y)) out.push(path);
  };
  walk(a, b, '');
  return out;
}
