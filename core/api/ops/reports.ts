import { z } from 'zod';
import { jobOf, stagedFileView } from '../exchange';
import { op } from '../operation';
import { analysisDimensions, analysisKinds } from '../../report/analysis';
import { periodKinds } from '../../report/periods';
import { targetProgressView } from './groups';
import { isoDate, isoDateTime, isoWeek, listTypeSchema, localeSchema, riskLevelSchema } from '../schemas';

/** A result workbook job's answer: what went into the workbook, and the workbook to save. */
export const reportWeeklyResult = z.object({
  /** The period's label: 2026-W47 for a week, 2026-11, 2026-Q4, 2026-11-03 or 2026-11-01~2026-11-20 otherwise. */
  week: z.string(),
  lists: z.number().int(),
  agents: z.number().int(),
  tasks: z.number().int(),
  attempts: z.number().int(),
  download: z.object({ token: z.string(), name: z.string(), size: z.number().int() }),
});


/**
 * A report period in local dates (core/report/periods.ts): the day, ISO week, month or quarter holding `from`, or the
 * range `from`–`to` (both included; a range without `to` is one day).
 */
export const periodInput = z.object({ kind: z.enum(periodKinds), from: isoDate, to: isoDate.optional() });
/** A week (old callers) or a period; the period wins when both are given. */
const weekOrPeriod = { week: isoWeek.optional(), period: periodInput.optional() };
const onePeriod = [(i: { week?: string; period?: unknown }) => i.week !== undefined || i.period !== undefined, { message: 'Give a week or a period. / 请指定周或期间。' }] as const;

const progress = z.object({ issued: z.number().int(), reached: z.number().int(), success: z.number().int() });
/** A week's contacts, and the distinct tasks attempted, reached and won in it. */
/** What successes kept (core/report/kept.ts): judged and kept three months on, ARPU before and after summed over those with both. */
const kept = z.object({ judged: z.number().int(), retained: z.number().int(), arpuCount: z.number().int(), arpuBefore: z.number(), arpuAfter: z.number() });
const weekCounts = z.object({ attempts: z.number().int(), attempted: z.number().int(), reached: z.number().int(), success: z.number().int() });

/** A period's work of an agent, or of a group as one: tasks assigned, attempted, reached, won, call-backs pending, kept. */
const work = z.object({
  assigned: z.number().int(),
  attempted: z.number().int(),
  attempts: z.number().int(),
  reached: z.number().int(),
  success: z.number().int(),
  callbacksPending: z.number().int(),
  /** Of callbacksPending, those whose time had passed (docs/reports.md). */
  callbacksOverdue: z.number().int(),
  kept,
});

export const dashboardView = z.object({
  /** The period shown: its kind, label and local dates, and the UTC instants of its first and after-last local midnight. */
  period: z.object({ kind: z.enum(periodKinds), label: z.string(), from: isoDate, to: isoDate, start: isoDateTime, end: isoDateTime }),
  totals: z.object({
    now: progress,
    before: progress,
    week: weekCounts,
    kept,
  }),
  lists: z.array(z.object({ id: z.number().int(), name: z.string(), type: listTypeSchema, dueDate: z.string().nullable(), now: progress, before: progress, kept })),
  /** Each campaign with a list shown (issue 17 #6): its lists as one, a customer on two of them counted once. */
  campaigns: z.array(z.object({ id: z.number().int(), name: z.string(), lists: z.number().int(), now: progress, before: progress, kept })),
  agents: z.array(work.extend({ agentId: z.string() })),
  /** Each agent group (issue 17 #5): its members' work as one, a task two members worked counted once, each success once. */
  groups: z.array(work.extend({ id: z.number().int(), name: z.string(), members: z.number().int() })),
  /**
   * Progress against the weekly targets (issue 17 #5) of every list, agent and group with one, when the period is a
   * week (targets are weekly; null otherwise). Counted over the whole workspace, whatever the filters.
   */
  targets: z.object({ week: z.string(), rows: z.array(targetProgressView) }).nullable(),
  reasons: z.array(z.object({ kind: z.enum(['decline', 'churn', 'competitor']), code: z.string(), count: z.number().int() })),
  /** Who is poaching (issue 15 #6): the week's declines and churns per competitor, the median price heard, the latest offers. */
  competitors: z.array(
    z.object({
      code: z.string(),
      declines: z.number().int(),
      churns: z.number().int(),
      count: z.number().int(),
      medianAmount: z.number().nullable(),
      amounts: z.number().int(),
      latestOffers: z.array(z.string()),
    }),
  ),
  offers: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), offered: z.number().int(), accepted: z.number().int(), cost: z.number(), kept })),
  /** The eight periods of the same kind and length up to this one (oldest first): contacts reached and successes in each. */
  trend: z.array(weekCounts.extend({ label: z.string(), from: isoDate, to: isoDate })),
  agentIds: z.array(z.string()),
});
export type DashboardView = z.infer<typeof dashboardView>;

const filters = {
  listType: listTypeSchema.optional(),
  agentId: z.string().min(1).max(32).optional(),
  level: riskLevelSchema.optional(),
};

const analysisRow = z.object({
  group: z.string().nullable(),
  customers: z.number().int(),
  count: z.number().int(),
  share: z.number().nullable(),
  previous: z.number().int().nullable(),
  change: z.number().int().nullable(),
});
const analysisDrill = z.object({ county: z.string().max(200).nullable().optional(), hall: z.string().max(200).nullable().optional() });
/** Which analysis (core/report/analysis.ts): kind, grouping, drill-down filter, and the period churn dates are counted in. */
const analysisInput = z.object({ kind: z.enum(analysisKinds), by: z.enum(analysisDimensions), drill: analysisDrill.optional(), period: periodInput.optional() });
const periodOut = z.object({ label: z.string(), from: isoDate, to: isoDate });

/** An analysis report (core/report/analysis.ts; definitions in docs/reports.md "Analysis reports"). */
export const analysisView = z.object({
  kind: z.enum(analysisKinds),
  by: z.enum(analysisDimensions),
  drill: analysisDrill,
  history: z.enum(['period', 'no-history', 'no-period']),
  period: z.object({ current: periodOut, previous: periodOut }).nullable(),
  rows: z.array(analysisRow),
  churnRecorded: z.boolean(),
  total: analysisRow,
});

export const reportOperations = {
  'analysis-get': op({
    summary:
      'Suspension, call forwarding, churn or predicted churn over the stored customers by county, hall, agent, tier, list type or level (optionally within a county, or a county and hall): customers, count, share and the change against the period before where a history exists.',
    role: 'supervisor',
    input: analysisInput,
    output: analysisView,
  }),

  'analysis-export': op({
    summary:
      'The analysis workbook (rows with a 合计 row, the history note, 说明 with the period as date cells) of the same report as analysis-get, Chinese or English, for download; kind "all": the four kinds of that grouping and drill-down, a sheet each.',
    role: 'supervisor',
    input: analysisInput.extend({ kind: z.enum([...analysisKinds, 'all']), locale: localeSchema.default('zh-CN') }),
    output: stagedFileView,
  }),


  'dashboard-get': op({
    summary: 'Progress of a week or another period (docs/product.md §7.2 figures) per list and per agent, reasons, offers and the trend of the periods before, optionally filtered.',
    role: 'supervisor',
    input: z.object({ ...weekOrPeriod, ...filters }).refine(...onePeriod),
    output: dashboardView,
  }),

  'report-weekly': op({
    summary: 'The result workbook (summary sheets with totals, feedback, detail and notes) for a week or another period, Chinese or English, optionally password-protected: a job whose result is the file to download.',
    role: 'supervisor',
    // The dashboard's filters, as on screen: an export of a filtered view said nothing and held everyone (found by a new supervisor).
    input: z.object({ ...weekOrPeriod, ...filters, locale: localeSchema.default('zh-CN'), password: z.string().min(1).max(255).optional() }).refine(...onePeriod),
    output: jobOf(reportWeeklyResult),
  }),
} as const;
