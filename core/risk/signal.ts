/**
 * One risk signal (docs/product.md §4.4): the level the card, the queue row and the queue order show, reconciled
 * from the rule score's level and the learned model's P(churn), or 数据不足 when too little is known to say.
 *
 * The rule, in order:
 *  1. The model's probability has a level of its own by fixed cut-offs (`modelLevelCutoffs`: ≥ 50 % high,
 *     ≥ 30 % medium, ≥ 15 % low, else stable). Each cut-off lies between the churn weights the queue gives the
 *     rule levels (core/contact/policy.ts `levelChurnWeight`: 6 / 18 / 35 / 60 %), so a rule level's own weight
 *     maps back to that level and one probability scale serves both.
 *  2. The model counts only when it had most of its inputs (core/model/train.ts `modelHasInputs`: ≥ 50 % of its
 *     importance). Otherwise it abstains: its P is close to the training base rate whoever the customer is, and
 *     is not a finding.
 *  3. The level shown is the higher of the rule level and the model level: neither source's warning is hidden.
 *     Both are always shown beside it ("高危 · 规则 中危 14 分 · 模型 62%"), so a lower one is never silent.
 *  4. 数据不足 (insufficient) when the reconciled level would be low or stable while most of the rule's weight
 *     could not be judged (`ruleCoverage` < 50 %) and no model counted: "stable" would then only mean "nothing
 *     known". A medium or high finding stands however little else is known — missing fields can only hide risk.
 *  5. The queue ranks by P(churn) × value, and the card's offers weigh the same P (`customerChurnP`). With a model
 *     counting, that P is the higher of the model's P and the rule level's churn weight, whose level is exactly the
 *     level shown; without one, the rule level's weight nudged by the score (core/contact/policy.ts `levelChurnP`).
 */
import { levelChurnP, levelChurnWeight, type ChurnP } from '../contact/policy';
import type { CompiledRiskConfig, RiskConfig } from './config';
import { riskLevels, unjudgedGroups, type RiskLevel, type UnjudgedGroup } from './score';

export const signalLevels = [...riskLevels, 'insufficient'] as const;
export type SignalLevel = (typeof signalLevels)[number];

/** P(churn) at or above which the model says high / medium / low (below `low`: stable). */
export const modelLevelCutoffs = { high: 0.5, medium: 0.3, low: 0.15 } as const;

/**
 * The model's P(churn) as the workspace stores and gives it: to 0.1 % (the card and the queue show whole per cents).
 * A new day moves most customers' P(churn) by far less — the model's day features (days since the last marketing, to the
 * contract's end) — and every customer whose given P moves is written again by the day's recompute. At full precision
 * that was 696,686 of a million with a blend model; given to 0.01 %, ~87,000 on the old demo data and ~149,000 once
 * usage followed the plan; given to 0.1 %, a quarter of that (docs/scoring-storage.md "P(churn) given to 0.1 %").
 * A tenth of a per cent is still ten times finer than anything shown, and finer than the model's calibration.
 * The card's P and the stored one are this one value, so the card and the queue row agree.
 */
export function givenChurnP(p: number): number {
  return Math.round(p * 1_000) / 1_000;
}

/** Share of a source's inputs (by weight) that must be known for it to count as a judgement. */
export const MIN_COVERAGE = 0.5;

/** The level of a model probability. */
export function levelOfChurnP(p: number): RiskLevel {
  if (p >= modelLevelCutoffs.high) return 'high';
  if (p >= modelLevelCutoffs.medium) return 'medium';
  if (p >= modelLevelCutoffs.low) return 'low';
  return 'stable';
}

const rank = (l: RiskLevel): number => riskLevels.length - 1 - riskLevels.indexOf(l); // stable 0 … high 3

/**
 * What each rule signal group weighs: the most points it can move the score by under the configuration (either
 * way: a missing tenure or sticky service may hide a lowering). The competitor-calls rule scores no points but sets
 * the level by itself, so it weighs as much as the strongest scored group.
 */
export function ruleInputWeights(cfg: RiskConfig): Record<UnjudgedGroup, number> {
  const m = (...xs: number[]): number => Math.max(0, ...xs.map(Math.abs));
  const w: Omit<Record<UnjudgedGroup, number>, 'competitor-calls'> = {
    'arpu-history': m(cfg.arpuDrop.lowPoints, cfg.arpuDrop.highPoints),
    'usage-history': m(cfg.mouDrop.lowPoints, cfg.mouDrop.highPoints),
    'data-history': m(cfg.dataDrop.points),
    'dual-sim': m(cfg.dualSim.points),
    'competitor-contacts': m(cfg.competitorContacts.maxPoints),
    forwarding: m(cfg.forwardOffnet.points),
    'offnet-share': m(cfg.offnetShare.points),
    status: m(cfg.suspension.suspendedPoints, cfg.suspension.terminalPoints),
    contract: m(cfg.contract.soonPoints, cfg.contract.nearPoints, cfg.contract.nonePoints),
    complaints: m(cfg.complaints.maxPoints),
    handset: m(cfg.handset.points),
    arrears: m(cfg.arrears.points),
    tenure: m(cfg.tenure.newPoints, cfg.tenure.loyalPoints),
    'sticky-services': m(cfg.sticky.minPoints),
  };
  return { ...w, 'competitor-calls': Math.max(...Object.values(w)) };
}

/** Share (0–1) of the rule's weight whose fields were present: 1 minus the weight of the unjudged groups. */
export function ruleCoverage(unjudged: readonly string[], cfg: RiskConfig | CompiledRiskConfig): number {
  const weights = ruleInputWeights('source' in cfg ? cfg.source : cfg);
  let total = 0;
  for (const g of unjudgedGroups) total += weights[g];
  if (total <= 0) return 1;
  let missing = 0;
  for (const g of new Set(unjudged)) missing += weights[g as UnjudgedGroup] ?? 0;
  return Math.max(0, 1 - missing / total);
}

export interface SignalInput {
  rule: { level: RiskLevel; score: number; coverage: number };
  /**
   * null when no model is active. `p` is the model's probability when it counts, null when it abstained
   * (fewer than MIN_COVERAGE of its inputs known).
   */
  model: { p: number | null } | null;
}

export interface RiskSignal {
  level: SignalLevel;
  /** Which source gave the level: the rule, the model, both (they agree), or neither (insufficient). */
  by: 'rule' | 'model' | 'both' | 'none';
  rule: { level: RiskLevel; score: number; coverage: number };
  /** null: no model active. p/level null: the model abstained. */
  model: { p: number | null; level: RiskLevel | null } | null;
  /** P(churn) the queue ranks by when the model counts (point 5 above); null: rank by the rule level. */
  pChurn: number | null;
}

/**
 * The P(churn) the queue ranks by when the model counts: never below the rule level's churn weight, so the order
 * agrees with the level shown (levelOfChurnP of it is exactly that level).
 */
function rankingChurnP(ruleLevel: RiskLevel, modelP: number): number {
  return Math.max(modelP, levelChurnWeight[ruleLevel]);
}

/**
 * The one P(churn) of a customer (point 5 above): what the queue ranks by, the card's offers weigh (EV, docs/product.md
 * §5.2) and a segment's `p_churn` tests. With the model counting (`modelP`, the stored or given P; null when no model
 * counts), the higher of the model's P and the rule level's weight, `from` naming the one that set it; without, the
 * rule level's weight nudged by the score. Its level (levelOfChurnP) is the level shown, so "高危 62%" in the queue
 * is 62 % on the card. (The card's offers used a logistic fit of the rule score on generated data until 2026-12: 41 %
 * for a 高危 customer whose level came from the competitor-calls rule, beside the queue's 60 %.)
 */
export function customerChurnP(ruleScore: number, ruleLevel: RiskLevel, modelP: number | null): ChurnP {
  if (modelP !== null && Number.isFinite(modelP)) {
    const p = rankingChurnP(ruleLevel, modelP);
    return { p, from: p === modelP ? 'model' : 'level' };
  }
  return { p: levelChurnP(ruleScore, ruleLevel), from: 'level' };
}

/** The one reconciliation of rule level and model probability (see the top of this file). */
export function riskSignal(input: SignalInput): RiskSignal {
  const { rule } = input;
  const p = input.model?.p ?? null;
  const counted = p !== null && Number.isFinite(p);
  const modelLevel = counted ? levelOfChurnP(p) : null;
  const model = input.model === null ? null : { p: counted ? p : null, level: modelLevel };
  const ruleRank = rank(rule.level);
  const modelRank = modelLevel === null ? -1 : rank(modelLevel);
  const level = modelRank > ruleRank ? modelLevel! : rule.level;
  const by = modelRank > ruleRank ? 'model' : modelRank === ruleRank ? 'both' : 'rule';
  const pChurn = counted ? rankingChurnP(rule.level, p) : null;
  if (!counted && rank(level) <= rank('low') && rule.coverage < MIN_COVERAGE) {
    return { level: 'insufficient', by: 'none', rule, model, pChurn };
  }
  return { level, by, rule, model, pChurn };
}
