import { z } from 'zod';
import { canonicalFields, listTypes } from '../worklist/fields';
import { apiErrorView, isoDate, isoDateTime } from './schemas';

/** Files cross the contract as tokens issued by the backend's file store (an upload, a picked path, a download). */
export const fileToken = z.string().min(8).max(64);
export const stagedFileView = z.object({ token: fileToken, name: z.string(), size: z.number().int() });
export type StagedFileView = z.infer<typeof stagedFileView>;

const fieldKeys = canonicalFields.map((d) => d.key) as [string, ...string[]];
export const columnTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), field: z.enum(fieldKeys) }),
  z.object({ kind: z.literal('extra'), name: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('ignore') }),
]);
export type ColumnTargetInput = z.infer<typeof columnTarget>;

/** One problem found in the file, as codes and params so it can be shown in the reader's language. */
export const rowIssueView = z.object({
  row: z.number().int(),
  column: z.string(),
  columnLetter: z.string(),
  field: z.string().nullable(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  value: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type RowIssueView = z.infer<typeof rowIssueView>;

export const listMeta = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(listTypes),
  period: z.string().max(50).nullable(),
  dueDate: isoDate.nullable(),
});
export type ListMeta = z.infer<typeof listMeta>;

export const worklistReadOptions = z.object({
  file: fileToken,
  sheet: z.string().max(100).optional(),
  password: z.string().max(255).optional(),
  /** 0-based row of the header; found automatically when absent (title rows above it are common). */
  headerRow: z.number().int().min(0).max(100).optional(),
  /** One target per column, in column order; matched automatically (or from a saved profile) when absent. */
  mapping: z.array(columnTarget).max(1000).optional(),
});

export const worklistPreview = z.object({
  fileName: z.string(),
  format: z.string(),
  /**
   * The file's sheets for the sheet picker: rows under each sheet's header (what "可读取 n 行" counts when every row
   * reads) and columns; null for a sheet this read did not go through (another sheet was asked for).
   */
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int().nullable(), columns: z.number().int().nullable() })),
  sheet: z.string(),
  headerRow: z.number().int(),
  columns: z.array(
    z.object({
      index: z.number().int(),
      letter: z.string(),
      header: z.string(),
      target: columnTarget,
      how: z.enum(['alias', 'profile', 'unmatched', 'user', 'content']),
      duplicateOf: z.number().int().optional(),
      /** The first few values as text; identity numbers masked (core/privacy/identity), in any column. */
      samples: z.array(z.string()),
    }),
  ),
  dataRows: z.number().int(),
  profileMatched: z.boolean(),
  /** Problems with the mapping itself (no phone-number column, a field taken twice, a blank header). */
  mappingProblems: z.array(
    z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), columnLetter: z.string().nullable() }),
  ),
  /** List name/type/period/due date found in the file (list columns or the sheet name), for the user to confirm. */
  list: listMeta,
  /** One list per distinct list-name value when the sheet has a list-name column. */
  listsInFile: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  check: z.object({
    valid: z.number().int(),
    rejected: z.number().int(),
    warnings: z.number().int(),
    /** The first issues (all rejected rows first); the full list is in the downloadable workbook. */
    issues: z.array(rowIssueView),
  }),
});
export type WorklistPreview = z.infer<typeof worklistPreview>;

export const worklistImportResult = z.object({
  fileName: z.string(),
  read: z.number().int(),
  imported: z.number().int(),
  rejected: z.number().int(),
  warnings: z.number().int(),
  newSubscribers: z.number().int(),
  updatedSubscribers: z.number().int(),
  newTasks: z.number().int(),
  /** Subscribers already holding an open task: this list's reason was added to it (no second task). */
  joinedOpenTasks: z.number().int(),
  /** Rows whose number an earlier row of the same list had: stored over it (a warning each), no customer or task more. */
  repeatedRows: z.number().int(),
  /** True when the same file had been imported already: nothing was changed. */
  unchanged: z.boolean(),
  lists: z.array(z.object({ id: z.number().int(), name: z.string(), created: z.boolean() })),
  /** Rows were rejected and the user chose "import nothing". */
  abandoned: z.boolean(),
  issues: z.array(rowIssueView),
  issueCount: z.number().int(),
  /**
   * The campaigns set to run after every import (docs/product.md §5.6), run once the import was committed, each in
   * its own transaction: what each added, and those skipped with the reason (a column the workspace lacks).
   */
  campaigns: z
    .object({
      ran: z.array(z.object({ name: z.string(), newTasks: z.number().int(), joined: z.number().int(), listId: z.number().int().nullable() })),
      skipped: z.array(z.object({ name: z.string(), code: z.string(), params: z.record(z.string(), z.string()) })),
    })
    .optional(),
});
export type WorklistImportResult = z.infer<typeof worklistImportResult>;

export const jobView = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  /** The job's answer once done; its shape depends on the kind (see the operation that started it). */
  result: z.unknown().optional(),
  /** As a call's error: key and parameters to word it, and details (a catalogue file's header problems). */
  error: apiErrorView.optional(),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.optional(),
});
export type JobView = z.infer<typeof jobView>;

/**
 * The view of a job whose kind is known from the operation that started it: `result` has that kind's schema
 * (core/api/job-results.ts), so a caller following the job reads a typed result, no cast (issue 13 #4).
 */
export const jobOf = <R extends z.ZodType>(result: R) => jobView.extend({ result: result.optional() });
