import type { AnalysisCell, AnalysisInput } from '../core/report/analysis';
import type { Db } from './connection';
import { stmt } from './statements';

/**
 * Each stored customer's analysis flags (definitions: docs/reports.md "Analysis reports"; core/report/analysis.ts).
 * Churned: a file's 是否离网 or 离网日期, or an agent's 已离网 (its first, on its local day: attempts_churned, migration
 * 033); the report counted 0 while agents logged churns (found by a new phone agent). Suspended: a status other than
 * 正常 or any days suspended. Predicted: not churned, and the reconciled level is
 * high — the stored level 高危, or a stored model P(churn) at the model's own high cut-off (core/risk/signal.ts: the
 * level shown is the higher of the two, so either one makes it high). The agent is the one of the latest task.
 */
const BASE = /* sql */ `
  SELECT s.msisdn, s.county, s.hall, s.tier, sc.level,
         (SELECT t.agent_id FROM tasks t WHERE t.msisdn = s.msisdn ORDER BY t.created_at DESC, t.id DESC LIMIT 1) AS agent,
         (ifnull(s.suspended_days, 0) > 0 OR ifnull(trim(s.status), '') NOT IN ('', '正常')) AS suspended,
         (s.forward_offnet = 1) AS forwarding,
         (s.churned = 1 OR s.churn_date IS NOT NULL OR b_told.first_at IS NOT NULL) AS churned,
         coalesce(substr(s.churn_date, 1, 10), date(b_told.first_at, 'localtime')) AS churn_day,
         (ifnull(s.churned, 0) <> 1 AND s.churn_date IS NULL AND b_told.first_at IS NULL AND (sc.level = 'high' OR sc.p_churn >= @highP)) AS predicted,
         (SELECT group_concat(w.list_type, char(31)) FROM list_members lm JOIN work_lists w ON w.id = lm.list_id WHERE lm.msisdn = s.msisdn) AS list_types
    FROM subscribers s LEFT JOIN subscriber_scores sc ON sc.msisdn = s.msisdn
    LEFT JOIN (SELECT msisdn, min(at) AS first_at FROM attempts WHERE disposition = 'churned' GROUP BY msisdn) b_told ON b_told.msisdn = s.msisdn`;

const SUMS = /* sql */ `count(*), sum(b.suspended), sum(b.forwarding), sum(b.churned),
         sum(b.churn_day BETWEEN @from AND @to), sum(b.churn_day BETWEEN @prevFrom AND @prevTo), sum(b.predicted)`;

/** A group's sums as SQLite gives them: null for a sum over nothing but NULLs (a churn date outside the period, a level not scored). */
type Counts = [number, ...(number | null)[]];
type Raw = [string | null, string | null, string | null, string | null, string | null, string | null, ...Counts];

const add = (c: AnalysisCell, [customers, suspended, forwarding, churned, churnedIn, churnedBefore, predicted]: Counts): void => {
  c.customers += customers;
  c.suspended += suspended ?? 0;
  c.forwarding += forwarding ?? 0;
  c.churned += churned ?? 0;
  c.churnedIn += churnedIn ?? 0;
  c.churnedBefore += churnedBefore ?? 0;
  c.predicted += predicted ?? 0;
};

/**
 * The cells of the analysis: one GROUP BY scan of the customers, each with an index seek for the latest task's agent
 * (migration 024: the index holds it) and one for the types of the work lists holding them. The groups come by the
 * five dimensions and the customer's list types as SQLite concatenates them; here they become the cells (every
 * customer once) and the list cells (once per list type the customer is on). A second scan joined to every list
 * membership for the list cells took 4–5 s more at a million customers on lists. The number of cells is bounded by the
 * distinct (county, hall, agent, tier, level) combinations, not by the customers.
 */
export function analysisInput(db: Db, period: AnalysisInput['period'], predictedMinP: number): AnalysisInput {
  // Without a period, no churn date is within one: '~' sorts after every date, so BETWEEN '~' AND '' is never true.
  const params = {
    highP: predictedMinP,
    from: period?.current.from ?? '~',
    to: period?.current.to ?? '',
    prevFrom: period?.previous.from ?? '~',
    prevTo: period?.previous.to ?? '',
  };
  const cells = new Map<string, AnalysisCell>();
  const listCells = new Map<string, AnalysisCell>();
  /** The cell of these five values (and list type) in `into`, added when new. */
  const cellIn = (into: Map<string, AnalysisCell>, dims: Raw, listType?: string): AnalysisCell => {
    const [county, hall, agent, tier, level] = dims;
    const key = JSON.stringify([county, hall, agent, tier, level, listType ?? null]);
    let c = into.get(key);
    if (!c) {
      c = { county, hall, agent, tier, level, customers: 0, suspended: 0, forwarding: 0, churned: 0, churnedIn: 0, churnedBefore: 0, predicted: 0 };
      if (listType !== undefined) c.listType = listType;
      into.set(key, c);
    }
    return c;
  };
  const groups = stmt(db, `WITH b AS (${BASE}) SELECT b.county, b.hall, b.agent, b.tier, b.level, b.list_types, ${SUMS} FROM b GROUP BY 1, 2, 3, 4, 5, 6`).raw();
  for (const row of groups.all(params) as Raw[]) {
    const types = row[5];
    const counts = row.slice(6) as Counts;
    add(cellIn(cells, row), counts);
    // SQLite concatenates a customer's list types as it meets them, a type once per list: each type counts them once.
    for (const listType of new Set(types === null ? [] : types.split('\u001f'))) add(cellIn(listCells, row, listType), counts);
  }
  return { cells: [...cells.values()], listCells: [...listCells.values()], period };
}
