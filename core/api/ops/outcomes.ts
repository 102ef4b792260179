import { z } from 'zod';
import { op } from '../operation';
import { fileToken, jobOf, rowIssueView, stagedFileView } from '../exchange';
import { isoDate, localeSchema } from '../schemas';

/** What an outcome merge job answers (the job's `result`), per file and in total. */
export const outcomeMergeFileResult = z.object({
  fileName: z.string(),
  attemptsRead: z.number().int(),
  attemptsNew: z.number().int(),
  /** Attempts whose id the workspace already held: the set union leaves them as they are. */
  attemptsPresent: z.number().int(),
  /** Attempts for numbers that have no task in this workspace: kept (task_id NULL) so nothing is lost. */
  attemptsWithoutTask: z.number().int(),
  feedbackRead: z.number().int(),
  feedbackNew: z.number().int(),
  notesRead: z.number().int(),
  notesNew: z.number().int(),
  /**
   * Lifts of 要求勿扰 (docs/product.md §7.1): read, and new here. A lift by anyone but a supervisor of this workspace is
   * not taken (a warning on its row): an agent's file edited by hand must not let a customer who refused be called.
   */
  liftsRead: z.number().int(),
  /** New here and lifting the customer's request. */
  liftsNew: z.number().int(),
  /** New here but older than the customer's latest 要求勿扰 here (they asked again): kept, lifting nothing. */
  liftsSuperseded: z.number().int(),
  /** Lifts not taken (named no supervisor of this workspace); each is among the file's issues. */
  liftsRefused: z.number().int(),
  rejectedRows: z.number().int(),
  warnings: z.number().int(),
  /** The first issues of the file (errors first); issueCount says how many there were in all. */
  issues: z.array(rowIssueView),
  issueCount: z.number().int(),
});
export type OutcomeMergeFileResult = z.infer<typeof outcomeMergeFileResult>;

export const outcomeMergeResult = z.object({
  files: z.array(outcomeMergeFileResult),
  attemptsNew: z.number().int(),
  feedbackNew: z.number().int(),
  notesNew: z.number().int(),
  liftsNew: z.number().int(),
  liftsSuperseded: z.number().int(),
  liftsRefused: z.number().int(),
  /** Tasks whose status was recomputed from their attempts. */
  tasksRecomputed: z.number().int(),
});
export type OutcomeMergeResult = z.infer<typeof outcomeMergeResult>;

export const outcomeOperations = {
  'outcome-export': op({
    summary:
      'The outcome workbook (tasks, attempts, feedback, notes) of a period for download, optionally password-protected. An agent exports only their own work; a supervisor one agent or everyone.',
    role: 'agent',
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        agentId: z.string().min(1).max(50).optional(),
        password: z.string().min(1).max(255).optional(),
        locale: localeSchema.default('zh-CN'),
      })
      .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] }),
    output: stagedFileView,
  }),

  'outcome-merge': op({
    summary:
      'Merge agents\' outcome files as a set union on attempt ids and recompute task status (a job; the result is an OutcomeMergeResult).',
    role: 'supervisor',
    input: z.object({
      files: z.array(fileToken).min(1).max(200),
      /** Passwords of protected files, by file token. */
      passwords: z.record(fileToken, z.string().min(1).max(255)).optional(),
    }),
    output: jobOf(outcomeMergeResult),
  }),
} as const;
