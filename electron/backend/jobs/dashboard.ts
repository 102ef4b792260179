import type { OperationOutput } from '../../../core/api';
import { weeklyReport, weeklyTrend, type ReportFilter } from '../../../core/report/weekly';
import { periodsUpTo } from '../../../core/report/periods';
import type { ListType } from '../../../core/worklist/fields';
import type { Db } from '../../../db/connection';
import { weeklyReportInput } from '../../../db/report';
import { weekTargets } from '../targets';
import { periodRangeOf, type PeriodRange } from '../weeks';
import type { JobContext } from './kinds';

/** Periods of the dashboard's trend, this one included: 8 days, weeks, months or quarters, or 8 equal ranges. */
const TREND_PERIODS = 8;

export interface DashboardPayload {
  period: PeriodRange;
  filter: ReportFilter;
  /** When it is asked for (call-backs pending in the period under way). */
  now: string;
}

/** The dashboard's figures for a period (the result workbook's own, with the trend of the periods before). */
export function dashboardView(db: Db, { period, filter, now }: DashboardPayload): OperationOutput<'dashboard-get'> {
  const input = { ...weeklyReportInput(db, period, { levels: Boolean(filter.level) }), now };
  const r = weeklyReport(input, filter);
  const trendPeriods = periodsUpTo(period, TREND_PERIODS).map(periodRangeOf);
  const trend = weeklyTrend(input, trendPeriods, filter);
  return {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to, start: period.start, end: period.end },
    totals: r.totals,
    lists: r.lists.map((l) => ({ id: l.list.id, name: l.list.name, type: l.list.type as ListType, dueDate: l.list.dueDate, now: l.now, before: l.before, kept: l.kept })),
    campaigns: r.campaigns.map(({ campaign, lists, now, before, kept }) => ({ id: campaign.id, name: campaign.name, lists, now, before, kept })),
    agents: r.agents,
    groups: r.groups.map(({ group, ...counts }) => ({ id: group.id, name: group.name, members: group.agentIds.length, ...counts })),
    targets: period.kind === 'week' ? { week: period.label, rows: weekTargets(db, input, period) } : null,
    reasons: r.reasons,
    competitors: r.competitors,
    offers: r.offers.map((o) => ({ code: o.offer.code, name: o.offer.name, nameEn: o.offer.nameEn, offered: o.offered, accepted: o.accepted, cost: o.cost, kept: o.kept })),
    trend: trend.map((counts, i) => ({ ...counts, from: trendPeriods[i]!.from, to: trendPeriods[i]!.to })),
    agentIds: [...new Set(input.tasks.map((t) => t.agentId).filter((a): a is string => a !== null))].sort(),
  };
}

/**
 * In a worker: reading every attempt before the period's end takes seconds in a big workspace, and the backend's own
 * thread must keep answering the agents meanwhile.
 */
export const dashboardJob = (ctx: JobContext<DashboardPayload>) => dashboardView(ctx.db, ctx.payload);
