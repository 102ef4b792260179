import { listAgents } from '../../../db/agents';
import type { OperationOutput, OperationParsedInput } from '../../../core/api';
import { writeWorkbook } from '../../../core/exchange/write';
import { analysisSheets, analysisWorkbookName } from '../../../core/report/analysis-workbook';
import type { ReportFilter } from '../../../core/report/weekly';
import { changeStamp, workspaceRows, writeAudit } from '../../../db/workspace';
import { analysisCells, type AnalysisPayload } from '../jobs/analysis';
import { analysisKinds, analysisReport, type AnalysisInput } from '../../../core/report/analysis';
import { dashboardView, type DashboardPayload } from '../jobs/dashboard';
import type { ReportWeeklyPayload } from '../jobs/report-weekly';
import { reportFiltered, resultWorkbookName } from '../../../core/report/workbook';
import { periodBefore } from '../../../core/report/periods';
import { periodRange } from '../weeks';
import { moreSubscribersThan } from '../../../db/scores';
import { nextCallbackAfter } from '../../../db/tasks';
import type { HandlerContext } from '../context';
import type { HandlerMap } from './types';

/**
 * Answers kept per workspace until anything in it changes (`changeStamp`, by this backend or any other connection),
 * the newest `limit` of them, each until `validUntil` when it has one (an instant, compared with the time asked).
 */
function keptAnswers<T>(limit: number) {
  const perWorkspace = new WeakMap<object, Map<string, { stamp: string; validUntil: string | null; value: T }>>();
  return {
    get(db: HandlerContext['db'], key: string, stamp: string, now: string): T | undefined {
      const kept = perWorkspace.get(db)?.get(key);
      return kept?.stamp === stamp && (kept.validUntil === null || now < kept.validUntil) ? kept.value : undefined;
    },
    set(db: HandlerContext['db'], key: string, stamp: string, value: T, validUntil: string | null = null): void {
      let cache = perWorkspace.get(db);
      if (!cache) perWorkspace.set(db, (cache = new Map()));
      cache.delete(key);
      cache.set(key, { stamp, validUntil, value });
      if (cache.size > limit) cache.delete(cache.keys().next().value!);
    },
  };
}

/** Dashboard answers, kept: opening it again, or switching back to a filter, is immediate; a handful of (period,
 * filter) views. A period under way also changes by the clock: its 待回访 are the call-backs not yet due
 * (docs/reports.md), so its view is kept only until the next call-back comes due or the period ends, whichever is
 * first (`validUntil`; an idle workspace kept the number from before). */
const dashboardViews = keptAnswers<OperationOutput<'dashboard-get'>>(12);
/** Tasks + attempts up to which the dashboard is computed on the backend's thread (a few hundred ms at most). */
const DASHBOARD_INLINE_ROWS = 60_000;

/** Customers up to which an analysis is computed on the backend's thread (one GROUP BY scan, well under 300 ms). */
const ANALYSIS_INLINE_SUBSCRIBERS = 50_000;

/**
 * The analysis cells of a period, kept (docs/reports.md "Analysis reports"): every view — another kind, dimension or
 * drill-down, and the export of what is shown — is computed from them at once. At a million customers the cells take
 * seconds, and each click of a drill-down computed them again.
 */
const analysisInputs = keptAnswers<AnalysisInput>(4);

/** The cells of the period asked (analysis-get, analysis-export): on this thread for a small workspace, in a worker above that. */
async function analysisInputOf(ctx: HandlerContext, asked: OperationParsedInput<'analysis-get'>['period']): Promise<AnalysisInput> {
  const current = asked ? periodRange({ period: asked }) : null;
  const previous = current ? periodBefore(current) : null;
  const period: AnalysisPayload['period'] =
    current && previous ? { current: { label: current.label, from: current.from, to: current.to }, previous: { label: previous.label, from: previous.from, to: previous.to } } : null;
  const key = JSON.stringify(period);
  const stamp = changeStamp(ctx.db);
  let input = analysisInputs.get(ctx.db, key, stamp, ctx.now().toISOString());
  if (!input) {
    const payload: AnalysisPayload = { period };
    input = moreSubscribersThan(ctx.db, ANALYSIS_INLINE_SUBSCRIBERS) ? ((await ctx.jobs.compute('analysis', payload)) as AnalysisInput) : analysisCells(ctx.db, period);
    analysisInputs.set(ctx.db, key, stamp, input);
  }
  return input;
}

export const reportHandlers = {
  'analysis-get': async (ctx, { kind, by, drill, period }) => analysisReport(await analysisInputOf(ctx, period), { kind, by, drill: drill ?? {} }),

  'analysis-export': async (ctx, { locale, kind, ...input }) => {
    // The four kinds are views of one set of cells.
    const cells = await analysisInputOf(ctx, input.period);
    const views = (kind === 'all' ? analysisKinds : [kind]).map((k) => analysisReport(cells, { kind: k, by: input.by, drill: input.drill ?? {} }));
    const view = views[0]!;
    const generatedAt = ctx.now().toISOString();
    const agentNames = new Map(listAgents(ctx.db).map((a) => [a.id, a.name]));
    const bytes = writeWorkbook(analysisSheets(views, { locale, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, generatedAt, agentNames }), 'xlsx');
    const staged = ctx.files.registerDownload(bytes, analysisWorkbookName(kind, view.by, locale, view));
    // As every report handed upward (docs/product.md §8): audited, with what it was, not its contents.
    writeAudit(ctx.db, { at: generatedAt, agentId: ctx.caller.agentId, action: 'analysis-export', target: `${kind}/${view.by}`, detail: { drill: view.drill, period: view.period?.current.label ?? null, locale } });
    return { token: staged.token, name: staged.name, size: staged.size };
  },

  'dashboard-get': async (ctx, { week: label, period: asked, listType, agentId, level }) => {
    const filter: ReportFilter = { listType, agentId, level };
    const period = periodRange({ week: label, period: asked });
    const key = JSON.stringify([period.kind, period.from, period.to, listType ?? null, agentId ?? null, level ?? null]);
    const stamp = changeStamp(ctx.db);
    const now = ctx.now().toISOString();
    const kept = dashboardViews.get(ctx.db, key, stamp, now);
    if (kept) return kept;
    const payload: DashboardPayload = { period, filter, now };
    const underWay = period.end > now;
    const nextDue = underWay ? nextCallbackAfter(ctx.db, now) : null;
    const validUntil = underWay ? (nextDue !== null && nextDue < period.end ? nextDue : period.end) : null;
    // A worker costs a second or so to start; only a big workspace is worth it (≈2 s inline at 300k attempts).
    const view =
      workspaceRows(ctx.db, DASHBOARD_INLINE_ROWS + 1) > DASHBOARD_INLINE_ROWS
        ? ((await ctx.jobs.compute('dashboard', payload)) as OperationOutput<'dashboard-get'>)
        : dashboardView(ctx.db, payload);
    dashboardViews.set(ctx.db, key, stamp, view, validUntil);
    return view;
  },

  'report-weekly': (ctx, { week: label, period: asked, locale, password, listType, agentId, level }) => {
    const period = periodRange({ week: label, period: asked });
    const filter: ReportFilter = { ...(listType ? { listType } : {}), ...(agentId ? { agentId } : {}), ...(level ? { level } : {}) };
    const out = ctx.files.reserveDownload(resultWorkbookName(period, locale, reportFiltered(filter)));
    const payload: ReportWeeklyPayload = {
      period,
      filter,
      locale,
      ...(password ? { password } : {}),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      outPath: out.path,
      outToken: out.token,
      outName: out.name,
    };
    // Reports carry (masked) personal data and the team's results: each one is audited (docs/product.md §8).
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'report-weekly', target: period.label, detail: { locale, protected: Boolean(password), ...filter } });
    return ctx.jobs.start('report-weekly', payload);
  },
} satisfies Partial<HandlerMap>;
