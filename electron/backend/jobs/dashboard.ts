import type { OperationOutput } from '../../../core/api';
import { weeklyReport, weeklyTrend, type ReportFilter } from '../../../core/report/weekly';
import type { ListType } from '../../../core/worklist/fields';
import type { Db } from '../../../db/connection';
import { weeklyReportInput } from '../../../db/report';
import { weekBefore, type WeekRange } from '../weeks';
import type { JobContext } from './kinds';

/** Weeks of the dashboard's trend, this one included. */
const TREND_WEEKS = 8;

export interface DashboardPayload {
  week: WeekRange;
  filter: ReportFilter;
}

/** The dashboard's figures for a week (the weekly report's own, with the trend of the weeks before). */
export function dashboardView(db: Db, { week, filter }: DashboardPayload): OperationOutput<'dashboard-get'> {
  const input = weeklyReportInput(db, week);
  const r = weeklyReport(input, filter);
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => weekBefore(week, TREND_WEEKS - 1 - i));
  return {
    week,
    totals: r.totals,
    lists: r.lists.map((l) => ({ id: l.list.id, name: l.list.name, type: l.list.type as ListType, dueDate: l.list.dueDate, now: l.now, before: l.before })),
    agents: r.agents,
    reasons: r.reasons,
    competitors: r.competitors,
    offers: r.offers.map((o) => ({ code: o.offer.code, name: o.offer.name, nameEn: o.offer.nameEn, offered: o.offered, accepted: o.accepted, cost: o.cost })),
    trend: weeklyTrend(input, weeks, filter),
    agentIds: [...new Set(input.tasks.map((t) => t.agentId).filter((a): a is string => a !== null))].sort(),
  };
}

/**
 * In a worker: reading every attempt before the week's end takes seconds in a big workspace, and the backend's own
 * thread must keep answering the agents meanwhile.
 */
export const dashboardJob = (ctx: JobContext<DashboardPayload>) => dashboardView(ctx.db, ctx.payload);
