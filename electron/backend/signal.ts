import type { RiskSignalView } from '../../core/api';
import { modelHasInputs, type SerializedModel } from '../../core/model/train';
import { predictChurn } from './model-cache';
import type { RiskConfig } from '../../core/risk/config';
import { unjudgedGroupsOf, type RiskLevel, type RiskResult } from '../../core/risk/score';
import { givenChurnP, MIN_COVERAGE, riskSignal, ruleCoverage, type RiskSignal } from '../../core/risk/signal';

/** The contract's shape of a signal (the ranking P stays in the backend: it is in the stored priority). */
function toView(s: RiskSignal): RiskSignalView {
  return { level: s.level, by: s.by, rule: s.rule, model: s.model };
}

/**
 * The card's signal and model prediction, computed afresh as the card's risk is (docs/product.md §4.4). `counted`
 * is the model's P when it had enough inputs, else null (it abstains): offers rank with the same P the queue used.
 */
export function cardSignal(
  risk: Pick<RiskResult, 'level' | 'score' | 'unjudged'>,
  cfg: RiskConfig,
  active: { version: number; model: SerializedModel } | null,
  row: Record<string, unknown>,
  today: string,
): { signal: RiskSignalView; prediction: ReturnType<typeof predictChurn> | null; counted: number | null } {
  // One more than the card shows: the plan's code and name may become one factor (core/model/factors.ts).
  const predicted = active ? predictChurn(active.model, row, today, 6) : null;
  // The P stored for the queue is given to a step (givenChurnP): the card shows that same value.
  const prediction = predicted ? { ...predicted, p: givenChurnP(predicted.p) } : null;
  const counted = active && prediction && modelHasInputs(active.model, row, MIN_COVERAGE) ? prediction.p : null;
  const signal = riskSignal({
    rule: { level: risk.level, score: risk.score, coverage: ruleCoverage(risk.unjudged, cfg) },
    model: active ? { p: counted } : null,
  });
  return { signal: toView(signal), prediction, counted };
}

/**
 * A queue row's signal from the stored score (subscriber_scores): the same rule as the card, on the figures the
 * last scoring stored. p_churn is null there when no model was active or the model abstained; model_version tells
 * which. Null when the subscriber was never scored.
 */
export function storedSignal(
  row: { level: string | null; score: number | null; unjudged: number | null; p_churn: number | null; model_version: number | null },
  cfg: RiskConfig,
): RiskSignalView | null {
  if (row.level === null || row.score === null) return null;
  return toView(
    riskSignal({
      rule: { level: row.level as RiskLevel, score: row.score, coverage: ruleCoverage(unjudgedGroupsOf(row.unjudged ?? 0), cfg) },
      model: row.model_version === null ? null : { p: row.p_churn },
    }),
  );
}
