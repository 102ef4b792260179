/**
 * Analysis reports over the stored customers (issue 18 #2; definitions in docs/reports.md "Analysis reports"):
 * suspension (停机), call forwarding off-net (呼转异网), churn (离网) and predicted churn, by county → hall → agent
 * and by tier, list type and level, with counts, shares and — where the data has a history — the change against
 * the period before.
 *
 * The figures are computed from cells: customers counted by (county, hall, agent, tier, level), and by list type
 * besides (a customer on lists of two types is in both). The database groups a million customers into these
 * cells in one scan (db/analysis.ts); this module only adds them up, so it is pure and its rules are tested alone.
 */
import { modelLevelCutoffs } from '../risk/signal';
import type { Period } from './periods';
import { addCounts } from './weekly';

/** The model P(churn) from which a customer counts as predicted to churn: the model's own cut-off for 高危. */
export const PREDICTED_MIN_P = modelLevelCutoffs.high;

export const analysisKinds = ['suspension', 'forwarding', 'churn', 'predicted'] as const;
export type AnalysisKind = (typeof analysisKinds)[number];

export const analysisDimensions = ['county', 'hall', 'agent', 'tier', 'listType', 'level'] as const;
export type AnalysisDimension = (typeof analysisDimensions)[number];

/** Customers of one group and how many of them match each kind. */
export interface AnalysisCounts {
  customers: number;
  /** Suspended now: a status other than 正常 (欠费停机, 停机, 预销号, …) or any days suspended. */
  suspended: number;
  /** Forwarding calls off-net now (呼转异网 = 是). */
  forwarding: number;
  /** Churned at any time (是否离网 = 是, or a churn date). */
  churned: number;
  /** Churn dates within the period, and within the period before it (0 without a period). */
  churnedIn: number;
  churnedBefore: number;
  /** Not churned, and the reconciled risk level is high: stored model P(churn) ≥ 50 % or the stored level 高危. */
  predicted: number;
}

export interface AnalysisCell extends AnalysisCounts {
  county: string | null;
  hall: string | null;
  /** The agent of the customer's latest task; null: never on a task, or that task is unassigned. */
  agent: string | null;
  tier: string | null;
  /** Stored risk level; null: not scored yet. */
  level: string | null;
  /** Only in `listCells`: the type of a work list holding the customer. */
  listType?: string | null;
}

export interface AnalysisInput {
  /** Every stored customer exactly once. */
  cells: readonly AnalysisCell[];
  /** Customers on work lists, once per list type they are on. */
  listCells: readonly AnalysisCell[];
  /** The period the churn dates are counted in, and the period before it; null: no period (all churns, no change). */
  period: { current: Pick<Period, 'label' | 'from' | 'to'>; previous: Pick<Period, 'label' | 'from' | 'to'> } | null;
}

/** A drill-down filter: only customers of this county (and hall). null matches the customers with none. */
export interface AnalysisDrill {
  county?: string | null;
  hall?: string | null;
}

export interface AnalysisQuery {
  kind: AnalysisKind;
  by: AnalysisDimension;
  drill?: AnalysisDrill;
}

export interface AnalysisRow {
  /** The group's value; null: customers with none (no county, never on a task, not scored, …). */
  group: string | null;
  customers: number;
  /** Customers matching the kind. */
  count: number;
  /** count / customers; null when the group has no customers. */
  share: number | null;
  /** The count in the period before; null when there is no history of this kind (see `history`). */
  previous: number | null;
  /** count − previous; null with no history. */
  change: number | null;
}

/**
 * Whether a change against the period before can be given: 'period' (churn dates counted in both periods), or
 * why not: 'no-history' (suspension, forwarding and predicted churn are flags of the latest import and scoring,
 * with no past values stored), 'no-period' (churn asked without a period).
 */
export type AnalysisHistory = 'period' | 'no-history' | 'no-period';

export interface AnalysisReport {
  kind: AnalysisKind;
  by: AnalysisDimension;
  drill: AnalysisDrill;
  history: AnalysisHistory;
  period: AnalysisInput['period'];
  rows: AnalysisRow[];
  /**
   * Whether any customer of the workspace, drilled into or not, is recorded as churned (the flag or a churn date). A
   * workspace whose lists never carried either shows 0 churned everywhere, and the report says why.
   */
  churnRecorded: boolean;
  /** All customers passing the drill-down filter, each once (by list type: the rows may add up to more). */
  total: AnalysisRow;
}

const zero = (): AnalysisCounts => ({ customers: 0, suspended: 0, forwarding: 0, churned: 0, churnedIn: 0, churnedBefore: 0, predicted: 0 });

export function analysisHistory(kind: AnalysisKind, period: AnalysisInput['period']): AnalysisHistory {
  if (kind !== 'churn') return 'no-history';
  return period ? 'period' : 'no-period';
}

function rowOf(group: string | null, c: AnalysisCounts, kind: AnalysisKind, history: AnalysisHistory): AnalysisRow {
  const count =
    kind === 'suspension' ? c.suspended : kind === 'forwarding' ? c.forwarding : kind === 'predicted' ? c.predicted : history === 'period' ? c.churnedIn : c.churned;
  const previous = history === 'period' ? c.churnedBefore : null;
  return { group, customers: c.customers, count, share: c.customers > 0 ? count / c.customers : null, previous, change: previous === null ? null : count - previous };
}

const matches = (cell: AnalysisCell, drill: AnalysisDrill): boolean =>
  (drill.county === undefined || cell.county === drill.county) && (drill.hall === undefined || cell.hall === drill.hall);

/**
 * The rows of one analysis: a row per value of `by` among the customers passing the drill-down filter, largest
 * count first (then the most customers, then the value; the group without a value last), and the total row.
 */
export function analysisReport(input: AnalysisInput, query: AnalysisQuery): AnalysisReport {
  const drill = query.drill ?? {};
  const history = analysisHistory(query.kind, input.period);
  const groups = new Map<string | null, AnalysisCounts>();
  const source = query.by === 'listType' ? input.listCells : input.cells;
  for (const cell of source) {
    if (!matches(cell, drill)) continue;
    const key = (query.by === 'listType' ? cell.listType : cell[query.by]) ?? null;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = zero()));
    addCounts(g, cell);
  }
  const total = zero();
  for (const cell of input.cells) if (matches(cell, drill)) addCounts(total, cell);
  const rows = [...groups].map(([group, c]) => rowOf(group, c, query.kind, history));
  rows.sort((a, b) => {
    if ((a.group === null) !== (b.group === null)) return a.group === null ? 1 : -1;
    return b.count - a.count || b.customers - a.customers || (a.group! < b.group! ? -1 : a.group! > b.group! ? 1 : 0);
  });
  const churnRecorded = input.cells.some((c) => c.churned > 0);
  return { kind: query.kind, by: query.by, drill, history, period: input.period, rows, churnRecorded, total: rowOf(null, total, query.kind, history) };
}

/**
 * One step down the dashboard's drill-down: clicking a county shows its halls, a hall its agents; an agent is the
 * bottom (null). The filter names every parent, so a hall name used in two counties stays apart.
 */
export function drillInto(by: AnalysisDimension, drill: AnalysisDrill, group: string | null): { by: AnalysisDimension; drill: AnalysisDrill } | null {
  if (by === 'county') return { by: 'hall', drill: { county: group } };
  if (by === 'hall') return { by: 'agent', drill: { ...drill, hall: group } };
  return null;
}
