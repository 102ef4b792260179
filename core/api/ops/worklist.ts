import { z } from 'zod';
import { op } from '../operation';
import { jobView, listMeta, stagedFileView, worklistReadOptions } from '../exchange';

export const worklistOperations = {
  'worklist-import-preview': op({
    summary: 'Read a work-list file: sheets, header row, the column mapping, sample values and a full check of every row (a job; the result is a WorklistPreview).',
    role: 'supervisor',
    input: worklistReadOptions,
    output: jobView,
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
    output: jobView,
  }),

  'worklist-issues-export': op({
    summary: 'The rejected rows and warnings of a preview or import job as a workbook to download.',
    role: 'supervisor',
    input: z.object({ jobId: z.string().uuid(), locale: z.enum(['zh-CN', 'en']) }),
    output: stagedFileView,
  }),
} as const;
