/**
 * One person, several lines (docs/product.md §4.5): lines whose identity numbers have the same keyed hash belong to
 * one person, and a churn signal on one of them is a reason on the others. This is the one rule of which signals
 * count; the backend gathers the lines (an indexed read by hash) and the card shows them masked.
 *
 * A sibling line carries a churn signal when, in this order:
 *  - it has left (churned = yes, or a churn date): 'churned';
 *  - its status is a terminal one of the risk rules (预销号/保留期/冷冻期, config suspension.terminalStatuses): 'terminal';
 *  - its own risk level is high: 'high', quoting its largest reason ("近期欠费停机").
 * Each such line is one reason on this line, with 0 points: the level stays this line's own (a sibling's level does
 * not feed back into its siblings' scores, so scores never depend on the order lines are scored in).
 */
import type { CompiledRiskConfig } from './config';
import type { Reason, ReasonCode, RiskLevel } from './score';
import { flag, text } from './values';

export interface SiblingLine {
  /** Masked number (138****1234): the clear number and the identity number never reach core's outputs. */
  msisdnMasked: string;
  level: RiskLevel;
  /** The sibling's reasons, largest first (scoreSubscriber's order). */
  reasons: readonly { code: ReasonCode; points: number }[];
  churned: unknown;
  churnDate: unknown;
  status: unknown;
}

export type SiblingSignal = 'churned' | 'terminal' | 'high';

/** The churn signal a sibling line carries, or null. */
export function siblingSignal(line: SiblingLine, c: CompiledRiskConfig): SiblingSignal | null {
  if (flag(line.churned) === 1 || text(line.churnDate) !== '') return 'churned';
  const status = text(line.status);
  if (status !== '' && c.isTerminal(status)) return 'terminal';
  if (line.level === 'high') return 'high';
  return null;
}

/** The reasons a line gets from its siblings (same identity hash, the line itself excluded), in the given order. */
export function siblingReasons(siblings: readonly SiblingLine[], c: CompiledRiskConfig): Reason[] {
  const out: Reason[] = [];
  for (const line of siblings) {
    const signal = siblingSignal(line, c);
    if (signal === null) continue;
    const params: Record<string, string | number> = { number: line.msisdnMasked, signal };
    if (signal === 'terminal') params.status = text(line.status);
    if (signal === 'high') params.top = line.reasons.find((r) => r.points > 0 || r.code === 'competitor-cs-calls')?.code ?? 'competitor-cs-calls';
    out.push({ code: 'sibling-line-risk', points: 0, params });
  }
  return out;
}
