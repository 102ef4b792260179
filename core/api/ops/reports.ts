import { z } from 'zod';
import { jobOf } from '../exchange';
import { op } from '../operation';
import { isoDateTime, listTypeSchema, localeSchema, riskLevelSchema } from '../schemas';

/** An ISO week, Monday–Sunday in local time: 2026-W47. */
/** A weekly workbook job's answer: what went into the workbook, and the workbook to save. */
export const reportWeeklyResult = z.object({
  week: z.string(),
  lists: z.number().int(),
  agents: z.number().int(),
  tasks: z.number().int(),
  attempts: z.number().int(),
  download: z.object({ token: z.string(), name: z.string(), size: z.number().int() }),
});

export const isoWeek = z.string().regex(/^\d{4}-?W\d{2}$/u, 'an ISO week such as 2026-W47');

const progress = z.object({ issued: z.number().int(), reached: z.number().int(), success: z.number().int() });
/** A week's contacts, and the distinct tasks attempted, reached and won in it. */
const weekCounts = z.object({ attempts: z.number().int(), attempted: z.number().int(), reached: z.number().int(), success: z.number().int() });

export const dashboardView = z.object({
  week: z.object({ label: z.string(), start: isoDateTime, end: isoDateTime }),
  totals: z.object({
    now: progress,
    before: progress,
    week: weekCounts,
  }),
  lists: z.array(z.object({ id: z.number().int(), name: z.string(), type: listTypeSchema, dueDate: z.string().nullable(), now: progress, before: progress })),
  agents: z.array(
    z.object({
      agentId: z.string(),
      assigned: z.number().int(),
      attempted: z.number().int(),
      attempts: z.number().int(),
      reached: z.number().int(),
      success: z.number().int(),
      callbacksPending: z.number().int(),
    }),
  ),
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
  offers: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), offered: z.number().int(), accepted: z.number().int(), cost: z.number() })),
  /** The weeks up to this one (oldest first): contacts reached and successes in each week. */
  trend: z.array(weekCounts.extend({ label: z.string() })),
  agentIds: z.array(z.string()),
});
export type DashboardView = z.infer<typeof dashboardView>;

const filters = {
  listType: listTypeSchema.optional(),
  agentId: z.string().min(1).max(32).optional(),
  level: riskLevelSchema.optional(),
};

export const reportOperations = {
  'dashboard-get': op({
    summary: 'Progress of a week (docs/product.md §7.2 figures) per list and per agent, reasons, offers and the trend of recent weeks, optionally filtered.',
    role: 'supervisor',
    input: z.object({ week: isoWeek, ...filters }),
    output: dashboardView,
  }),

  'report-weekly': op({
    summary: 'The weekly result workbook (six sheets) for a week, Chinese or English headers, optionally password-protected: a job whose result is the file to download.',
    role: 'supervisor',
    input: z.object({ week: isoWeek, locale: localeSchema.default('zh-CN'), password: z.string().min(1).max(255).optional() }),
    output: jobOf(reportWeeklyResult),
  }),
} as const;
