import type { OperationOutput } from '../../../core/api';
import type { ReportFilter } from '../../../core/report/weekly';
import { changeStamp, workspaceRows, writeAudit } from '../../../db/workspace';
import { dashboardView, type DashboardPayload } from '../jobs/dashboard';
import type { ReportWeeklyPayload } from '../jobs/report-weekly';
import { resultWorkbookName } from '../../../core/report/workbook';
import { periodRange } from '../weeks';
import type { HandlerMap } from './types';

/** Dashboard answers kept per workspace until anything in it changes: opening it again, or switching back to a
 * filter, is immediate; the cache holds a handful of (period, filter) views. */
const dashboardCache = new WeakMap<object, Map<string, { stamp: string; view: OperationOutput<'dashboard-get'> }>>();
const DASHBOARD_VIEWS_KEPT = 12;
/** Tasks + attempts up to which the dashboard is computed on the backend's thread (a few hundred ms at most). */
const DASHBOARD_INLINE_ROWS = 60_000;

export const reportHandlers = {
  'dashboard-get': async (ctx, { week: label, period: asked, listType, agentId, level }) => {
    const filter: ReportFilter = { listType, agentId, level };
    const period = periodRange({ week: label, period: asked });
    const key = JSON.stringify([period.kind, period.from, period.to, listType ?? null, agentId ?? null, level ?? null]);
    let cache = dashboardCache.get(ctx.db);
    if (!cache) dashboardCache.set(ctx.db, (cache = new Map()));
    const stamp = changeStamp(ctx.db);
    const kept = cache.get(key);
    if (kept?.stamp === stamp) return kept.view;
    const payload: DashboardPayload = { period, filter };
    // A worker costs a second or so to start; only a big workspace is worth it (≈2 s inline at 300k attempts).
    const view =
      workspaceRows(ctx.db) > DASHBOARD_INLINE_ROWS
        ? ((await ctx.jobs.compute('dashboard', payload)) as OperationOutput<'dashboard-get'>)
        : dashboardView(ctx.db, payload);
    cache.delete(key);
    cache.set(key, { stamp, view });
    if (cache.size > DASHBOARD_VIEWS_KEPT) cache.delete(cache.keys().next().value!);
    return view;
  },

  'report-weekly': (ctx, { week: label, period: asked, locale, password }) => {
    const period = periodRange({ week: label, period: asked });
    const out = ctx.files.reserveDownload(resultWorkbookName(period, locale));
    const payload: ReportWeeklyPayload = {
      period,
      locale,
      ...(password ? { password } : {}),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      outPath: out.path,
      outToken: out.token,
      outName: out.name,
    };
    // Reports carry (masked) personal data and the team's results: each one is audited (docs/product.md §8).
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'report-weekly', target: period.label, detail: { locale, protected: Boolean(password) } });
    return ctx.jobs.start('report-weekly', payload);
  },
} satisfies Partial<HandlerMap>;
