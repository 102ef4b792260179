import { weeklyReport, weeklyTrend, type ReportFilter } from '../../../core/report/weekly';
import { weeklyReportInput } from '../../../db/report';
import { writeAudit } from '../../../db/workspace';
import type { ListType } from '../../../core/worklist/fields';
import type { ReportWeeklyPayload } from '../jobs/report-weekly';
import { weekBefore, weekRange } from '../weeks';
import type { HandlerMap } from './types';

/** Weeks of the dashboard's trend, this one included. */
const TREND_WEEKS = 8;

export const reportHandlers = {
  'dashboard-get': (ctx, { week: label, listType, agentId, level }) => {
    const week = weekRange(label);
    const input = weeklyReportInput(ctx.db, week);
    const filter: ReportFilter = { listType, agentId, level };
    const r = weeklyReport(input, filter);
    const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => weekBefore(week, TREND_WEEKS - 1 - i));
    return {
      week,
      totals: r.totals,
      lists: r.lists.map((l) => ({ id: l.list.id, name: l.list.name, type: l.list.type as ListType, dueDate: l.list.dueDate, now: l.now, before: l.before })),
      agents: r.agents,
      reasons: r.reasons,
      offers: r.offers.map((o) => ({ code: o.offer.code, name: o.offer.name, nameEn: o.offer.nameEn, offered: o.offered, accepted: o.accepted, cost: o.cost })),
      trend: weeklyTrend(input, weeks, filter),
      agentIds: [...new Set(input.tasks.map((t) => t.agentId).filter((a): a is string => a !== null))].sort(),
    };
  },

  'report-weekly': (ctx, { week: label, locale, password }) => {
    const week = weekRange(label);
    const name = locale === 'en' ? `weekly-results-${week.label}.xlsx` : `维系周报-${week.label}.xlsx`;
    const out = ctx.files.reserveDownload(name);
    const payload: ReportWeeklyPayload = {
      week,
      locale,
      ...(password ? { password } : {}),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      outPath: out.path,
      outToken: out.token,
      outName: out.name,
    };
    // Reports carry (masked) personal data and the team's results: each one is audited (PRODUCT §8).
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'report-weekly', target: week.label, detail: { locale, protected: Boolean(password) } });
    return ctx.jobs.start('report-weekly', payload);
  },
} satisfies Partial<HandlerMap>;
