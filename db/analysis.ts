import type { AnalysisCell, AnalysisInput } from '../core/report/analysis';
import type { Db } from './connection';
import { stmt } from './statements';

/**
 * Each stored customer's analysis flags (definitions: docs/reports.md "Analysis reports"; core/report/analysis.ts).
 * Suspended: a status other than 正常 or any days suspended. Predicted: not churned, and the reconciled level is
 * high — the stored level 高危, or a stored model P(churn) at the model's own high cut-off (core/risk/signal.ts: the
 * level shown is the higher of the two, so either one makes it high). The agent is the one of the latest task.
 */
const BASE = /* sql */ `
  SELECT s.msisdn, s.county, s.hall, s.tier, sc.level,
         (SELECT t.agent_id FROM tasks t WHERE t.msisdn = s.msisdn ORDER BY t.created_at DESC, t.id DESC LIMIT 1) AS agent,
         (ifnull(s.suspended_days, 0) > 0 OR ifnull(trim(s.status), '') NOT IN ('', '正常')) AS suspended,
         (s.forward_offnet = 1) AS forwarding,
         (s.churned = 1 OR s.churn_date IS NOT NULL) AS churned,
         substr(s.churn_date, 1, 10) AS churn_day,
         (ifnull(s.churned, 0) <> 1 AND s.churn_date IS NULL AND (sc.level = 'high' OR sc.p_churn >= @highP)) AS predicted
    FROM subscribers s LEFT JOIN subscriber_scores sc ON sc.msisdn = s.msisdn`;

const SUMS = /* sql */ `count(*), sum(b.suspended), sum(b.forwarding), sum(b.churned),
         sum(b.churn_day BETWEEN @from AND @to), sum(b.churn_day BETWEEN @prevFrom AND @prevTo), sum(b.predicted)`;

type Raw = [string | null, string | null, string | null, string | null, string | null, number, number, number, number, number | null, number | null, number];

const cellOf = ([county, hall, agent, tier, level, customers, suspended, forwarding, churned, churnedIn, churnedBefore, predicted]: Raw): AnalysisCell => ({
  county, hall, agent, tier, level, customers, suspended, forwarding, churned, churnedIn: churnedIn ?? 0, churnedBefore: churnedBefore ?? 0, predicted,
});

/**
 * The cells of the analysis: one GROUP BY scan of the customers (with an index seek per customer for the latest
 * task's agent), and one over the list memberships. The number of cells is bounded by the distinct
 * (county, hall, agent, tier, level) combinations, not by the customers.
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
  const cells = (stmt(db, `WITH b AS (${BASE}) SELECT b.county, b.hall, b.agent, b.tier, b.level, ${SUMS} FROM b GROUP BY 1, 2, 3, 4, 5`).raw().all(params) as Raw[]).map(cellOf);
  const listCells = (
    stmt(
      db,
      `WITH b AS (${BASE}), m AS (SELECT DISTINCT lm.msisdn, w.list_type FROM list_members lm JOIN work_lists w ON w.id = lm.list_id)
       SELECT m.list_type, b.county, b.hall, b.agent, b.tier, b.level, ${SUMS} FROM m JOIN b ON b.msisdn = m.msisdn GROUP BY 1, 2, 3, 4, 5, 6`,
    ).raw().all(params) as [string, ...Raw][]
  ).map(([listType, ...rest]) => ({ ...cellOf(rest), listType }));
  return { cells, listCells, period };
}
