import { z } from 'zod';
import { op } from '../operation';
import { jobOf, listMeta, stagedFileView, worklistImportResult, worklistPreview, worklistReadOptions } from '../exchange';
import { isoDate, localeSchema } from '../schemas';

export const worklistOperations = {
  'worklist-import-preview': op({
    summary: 'Read a work-list file: sheets, header row, the column mapping, sample values and a full check of every row (a job; the result is a WorklistPreview).',
    role: 'supervisor',
    input: worklistReadOptions,
    output: jobOf(worklistPreview),
  }),

  'worklist-import': op({
    summary: 'Import a work list in one transaction (a job; the result is a WorklistImportResult).',
    role: 'supervisor',
    input: worklistReadOptions.extend({
      mapping: worklistReadOptions.shape.mapping.unwrap(),
      list: listMeta,
      /** When rows are rejected: import the valid ones, or nothing at all. */
      onRejected: z.enum(['import-valid', 'import-nothing']),
      saveProfile: z.boolean().default(true),
    }),
    output: jobOf(worklistImportResult),
  }),

  'worklist-issues-export': op({
    summary: 'The rejected rows and warnings of a preview or import job as a workbook to download.',
    role: 'supervisor',
    input: z.object({ jobId: z.string().uuid(), locale: localeSchema }),
    output: stagedFileView,
  }),

  'worklist-close': op({
    summary:
      'Close a work list before (or after) its due date: its open tasks end as expired, callbacks included, unless another open list still holds them. Audited.',
    role: 'supervisor',
    input: z.object({ listId: z.number().int() }),
    output: z.object({
      /** Open tasks of the list that are now closed. */
      closedTasks: z.number().int(),
      /** Open tasks that stay open because another open list holds them too. */
      keptOpen: z.number().int(),
    }),
  }),

  'worklist-set-due': op({
    summary:
      'Move a work list’s due date (or clear it). Its open tasks take the new date (a date already past expires them); tasks that expired open again when the new date has not passed and the customer has no other open task. Audited.',
    role: 'supervisor',
    input: z.object({ listId: z.number().int(), dueDate: isoDate.nullable() }),
    output: z.object({ tasksMoved: z.number().int(), reopened: z.number().int(), expired: z.number().int() }),
  }),
} as const;
