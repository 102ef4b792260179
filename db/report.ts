import type { ReportSuccess } from '../core/report/kept';
import type { ReportAttempt, ReportFeedback, ReportInput, ReportList, ReportOffer, ReportTask } from '../core/report/weekly';
import type { Db } from './connection';
import { listGroups } from './groups';
import { campaignNames } from './campaigns';
import { listPlans } from './catalogue';
import type { FeedbackRow, NoteRow } from './outcomes';
import { stmt } from './statements';
import type { WorkListRow } from './worklists';

/**
 * What the weekly figures are computed from (core/report/weekly.ts): every list and task, every attempt before the
 * week's end, the catalogue's offers, the week's feedback and notes, and the agent groups. Plain scans in key order: 100,000 tasks
 * and 300,000 attempts read in well under a second.
 *
 * `levels`: each task's customer's stored rule level (the workbook's detail sheet, a dashboard filtered by level).
 * Without, every task's `level` is null: the level is a seek into the scores per task, 1.8 of the 2 s it took to read
 * a million tasks (docs/reports.md "Caching"); a dashboard not filtered by level does not read it.
 */
export function weeklyReportInput(db: Db, week: { start: string; end: string }, { levels = true }: { levels?: boolean } = {}): ReportInput {
  const lists = (stmt(db, 'SELECT id, name, list_type, period, due_date, imported_at, campaign_id FROM work_lists ORDER BY id').all() as (Pick<
    WorkListRow,
    'id' | 'name' | 'list_type' | 'period' | 'due_date' | 'imported_at'
  > & { campaign_id: number | null })[]).map(
    (l): ReportList => ({ id: l.id, name: l.name, type: l.list_type, period: l.period, dueDate: l.due_date, createdAt: l.imported_at, campaignId: l.campaign_id }),
  );

  const listsOfTask = new Map<number, number[]>();
  for (const [taskId, listId] of stmt(db, 'SELECT task_id, list_id FROM list_members WHERE task_id IS NOT NULL').raw().iterate() as Iterable<[number, number]>) {
    const l = listsOfTask.get(taskId);
    if (l) l.push(listId);
    else listsOfTask.set(taskId, [listId]);
  }
  const tasks: ReportTask[] = [];
  for (const [id, msisdn, agentId, createdAt, closedAt, status, level] of stmt(
    db,
    levels
      ? 'SELECT t.id, t.msisdn, t.agent_id, t.created_at, t.closed_at, t.status, sc.level FROM tasks t LEFT JOIN subscriber_scores sc ON sc.msisdn = t.msisdn ORDER BY t.id'
      : 'SELECT t.id, t.msisdn, t.agent_id, t.created_at, t.closed_at, t.status, NULL FROM tasks t ORDER BY t.id',
  ).raw().iterate() as Iterable<[number, number, string | null, string, string | null, string, string | null]>) {
    tasks.push({ id, msisdn, agentId, createdAt, closedAt, status, level, listIds: listsOfTask.get(id) ?? [] });
  }

  const attempts: ReportAttempt[] = [];
  // The competitor's offer is read for the week's attempts only: the figures before the week do not use it.
  for (const [id, taskId, agentId, at, disposition, reason, competitor, offerCode, callbackAt, competitorOffer, competitorAmount, planCode] of stmt(
    db,
    `SELECT id, task_id, agent_id, at, disposition, reason, competitor, offer_code, callback_at,
            CASE WHEN at >= @start THEN competitor_offer END, CASE WHEN at >= @start THEN competitor_amount END, plan_code
       FROM attempts WHERE at < @end`,
  ).raw().iterate({ start: week.start, end: week.end }) as Iterable<
    [string, number | null, string, string, string, string | null, string | null, string | null, string | null, string | null, number | null, string | null]
  >) {
    attempts.push({ id, taskId, agentId, at, disposition, reason, competitor, offerCode, callbackAt, competitorOffer, competitorAmount, planCode });
  }

  // Each offer's earlier versions replaced after the period began (a handful): the period's figures use the offer as
  // it was then (core/report/weekly.ts offerAt).
  const earlier = new Map<string, { until: string; name: string; nameEn: string | null; cost: number }[]>();
  for (const [code, json, until] of stmt(db, 'SELECT code, offer, replaced_at FROM offer_versions WHERE replaced_at > ? ORDER BY code, replaced_at, id').raw().iterate(week.start) as Iterable<
    [string, string, string]
  >) {
    const was = JSON.parse(json) as { name_zh?: string; name_en?: string | null; cost?: number } | null;
    if (!was || typeof was.cost !== 'number') continue;
    const list = earlier.get(code) ?? [];
    list.push({ until, name: was.name_zh ?? code, nameEn: was.name_en ?? null, cost: was.cost });
    earlier.set(code, list);
  }
  const offers = (
    stmt(db, 'SELECT code, name, name_en, cost, updated_at FROM offers ORDER BY code').all() as { code: string; name: string; name_en: string | null; cost: number; updated_at: string }[]
  ).map((o): ReportOffer => ({ code: o.code, name: o.name, nameEn: o.name_en, cost: o.cost, ...(earlier.has(o.code) ? { earlier: earlier.get(o.code)!, since: o.updated_at } : {}) }));

  const feedback: ReportFeedback[] = [
    ...(stmt(db, 'SELECT * FROM feedback WHERE at >= ? AND at < ? ORDER BY at, id').all(week.start, week.end) as FeedbackRow[]).map((f): ReportFeedback => ({ kind: 'feedback', id: f.id, at: f.at, agentId: f.agent_id, msisdn: f.msisdn, category: f.category, importance: f.importance, offerCode: null, reason: null, text: f.text })),
    ...(stmt(db, 'SELECT * FROM experience_notes WHERE at >= ? AND at < ? ORDER BY at, id').all(week.start, week.end) as NoteRow[]).map((n): ReportFeedback => ({ kind: 'note', id: n.id, at: n.at, agentId: n.agent_id, msisdn: null, category: null, importance: null, offerCode: n.offer_code, reason: n.reason, text: n.text })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  // What the successes kept (migration 018): the accepted attempts read above, with what imports said since.
  const outcomes = new Map(
    (stmt(db, 'SELECT attempt_id, retained, arpu_before, arpu_after FROM success_outcomes').raw().all() as [string, number | null, number | null, number | null][]).map((r) => [r[0], r]),
  );
  // An acceptance logged on a follow-up task confirms the success it follows up: not a success of its own here.
  const followUpTasks = new Set(stmt(db, 'SELECT id FROM tasks WHERE follow_up_of IS NOT NULL').pluck().all() as number[]);
  const successes: ReportSuccess[] = attempts
    .filter((a) => a.disposition === 'accepted' && !(a.taskId !== null && followUpTasks.has(a.taskId)))
    .map((a) => {
      const o = outcomes.get(a.id);
      return { attemptId: a.id, taskId: a.taskId, agentId: a.agentId, offerCode: a.offerCode, planCode: a.planCode ?? null, at: a.at, retained: o?.[1] == null ? null : o[1] === 1, arpuBefore: o?.[2] ?? null, arpuAfter: o?.[3] ?? null };
    });

  const groups = listGroups(db).map((g) => ({ id: g.id, name: g.name, agentIds: g.agentIds }));
  const campaigns = [...campaignNames(db)].map(([id, name]) => ({ id, name }));
  return { week, groups, campaigns, lists, tasks, attempts, offers, plans: listPlans(db), feedback, successes };
}
