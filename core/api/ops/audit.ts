import { z } from 'zod';
import { stagedFileView } from '../exchange';
import { op } from '../operation';
import { isoDate, isoDateTime, listTypeSchema, localeSchema } from '../schemas';

/** Which entries: local calendar days (inclusive), one agent id, one or several actions, text in the target. */
export const auditFilter = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  agentId: z.string().trim().min(1).max(32).optional(),
  actions: z.array(z.string().min(1).max(64)).max(50).optional(),
  text: z.string().trim().min(1).max(100).optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditEntryView = z.object({
  id: z.number().int(),
  at: isoDateTime,
  /** Null for the command line and the system (demo seeding, the daily purge). */
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The name of a list, agent group or campaign the target numbers ("list 7", "group 2"), as it is now; null otherwise or when gone since. */
  targetName: z.string().nullable(),
  /** The entry's detail JSON, parsed (never clear personal data). */
  detail: z.unknown(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

/** docs/product.md §8: "lists past their due date plus a retention period (default 30 days) are purged". */
export const retentionConfig = z.object({ days: z.number().int().min(1).max(3650) });
export type RetentionConfig = z.infer<typeof retentionConfig>;
const retentionView = retentionConfig.extend({ isDefault: z.boolean(), lastPurgeAt: isoDateTime.nullable() });

/** What a purge removes (preview) or removed (run). List names are not personal data; numbers and names never appear. */
export const purgeView = z.object({
  days: z.number().int(),
  /** Local date of the run. */
  today: isoDate,
  /** Lists that ended (due date, else the day they were closed) before this date go. */
  cutoff: isoDate,
  lists: z.array(z.object({ id: z.number().int(), name: z.string(), type: listTypeSchema, dueDate: z.string().nullable(), closedAt: z.string().nullable(), members: z.number().int() })),
  /** Customers removed: on no remaining list and with no open task elsewhere. */
  subscribers: z.number().int(),
  /** Customers of those lists kept because another list still holds them. */
  kept: z.number().int(),
  /** Their tasks, kept without the number (the agents' figures count them). */
  tasks: z.number().int(),
  /** Their attempts, kept with the number replaced by a tombstone and the note cleared. */
  attempts: z.number().int(),
  /** Their feedback, kept without number and text. */
  feedback: z.number().int(),
});
export type PurgeView = z.infer<typeof purgeView>;

/**
 * The audit log (docs/product.md §8: every reveal, import, export and configuration change, readable and exportable by a
 * supervisor) and data retention: the purge of lists past their due date plus the retention period.
 */
export const auditOperations = {
  'audit-list': op({
    summary: 'One page of audit entries, newest first, filtered by local dates, agent, actions and target text; with the total and the actions in use.',
    role: 'supervisor',
    input: auditFilter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ total: z.number().int(), items: z.array(auditEntryView), actionsInUse: z.array(z.string()) }),
  }),

  'audit-export': op({
    summary: 'The filtered audit entries as a workbook to download (Chinese or English headers); the export is itself audited.',
    role: 'supervisor',
    input: auditFilter.extend({ locale: localeSchema.default('zh-CN') }),
    output: stagedFileView.extend({ rows: z.number().int() }),
  }),

  'retention-get': op({
    summary: 'The retention period in days (30 unless a supervisor changed it) and when the last purge ran.',
    role: 'supervisor',
    input: z.object({}),
    output: retentionView,
  }),

  'retention-save': op({
    summary: 'Change the retention period; recorded in the audit log.',
    role: 'supervisor',
    input: retentionConfig,
    output: retentionView,
  }),

  'purge-preview': op({
    summary: 'What a purge would remove now: the lists past their due date plus the retention period, and how many customers, tasks, attempts and feedback.',
    role: 'supervisor',
    input: z.object({}),
    output: purgeView,
  }),

  'purge-run': op({
    summary:
      'Purge now, in one transaction: lists past due date + retention and the personal data they brought. With `cutoff` (from the preview) it is refused if the plan has moved on since.',
    role: 'supervisor',
    input: z.object({ cutoff: isoDate.optional() }),
    output: purgeView.extend({ at: isoDateTime }),
  }),
} as const;
