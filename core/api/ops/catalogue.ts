import { z } from 'zod';
import { catalogueCode, offerSchema, planSchema } from '../../offers/catalogue';
import { op } from '../operation';
import { fileToken, jobOf, rowIssueView, stagedFileView } from '../exchange';
import { localeSchema as locale, settingChangeView } from '../schemas';

const catalogueKind = z.enum(['offers', 'plans']);

/** A rule's problem or warning as a message code (core/i18n/rule-messages.ts) with its place in the parameters. */
export const ruleProblemView = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

/** Customers, and of them those with an open task (`offer-reach`). */
const reachCount = z.object({ customers: z.number().int(), openTasks: z.number().int() });

/** The result of a `catalogue-import` job. */
export const catalogueImportResult = z.object({
  fileName: z.string(),
  read: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  /** Rows the same as the stored offer or plan: nothing written, no version kept. */
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** Rows were rejected and the caller chose "import nothing". */
  abandoned: z.boolean(),
  /** A check (`dryRun`): the counts and changes are what importing would do; nothing was written. */
  checkOnly: z.boolean(),
  /** Each offer or plan added or changed, in the file's order, with the fields that change, before and after (none for one added). */
  changes: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), change: z.enum(['created', 'updated']), fields: z.array(settingChangeView) })),
  issues: z.array(rowIssueView),
});
export type CatalogueImportResult = z.infer<typeof catalogueImportResult>;

/**
 * Offers and tariff plans (docs/product.md §3.2, §5.3, §5.4): read by every agent (the card and the tariff preview need
 * them), changed only by supervisors, exchanged with the central side as workbooks. Export runs inline; import
 * is a job, because reading a workbook is where a hostile file costs time and memory (issue 12).
 */
export const catalogueOperations = {
  'offer-list': op({
    summary: 'Every offer of the catalogue, active or not, by code.',
    role: 'agent',
    input: z.object({}),
    output: z.array(offerSchema),
  }),

  'plan-list': op({
    summary: 'Every tariff plan of the catalogue, active or not, by code.',
    role: 'agent',
    input: z.object({}),
    output: z.array(planSchema),
  }),

  'offer-save': op({
    summary:
      'Create or replace one offer (by code); recorded in the audit log. A malformed rule is refused with its place ' +
      '(invalid-input, a rule.* message naming stage, condition and field); a rule on an extra column no imported file ' +
      'has brought is saved, with a warning (rule.column-absent) — it is unknown, never true, until such a file comes.',
    role: 'supervisor',
    input: z.object({ offer: offerSchema }),
    output: z.object({ offer: offerSchema, created: z.boolean(), warnings: z.array(ruleProblemView) }),
  }),

  'offer-reach': op({
    summary:
      'Whom an offer as edited would reach today by the catalogue alone (on, valid today, its rules holding), against ' +
      'the stored offer: customers and, of them, those with an open task; gained and lost. The contact history, the ' +
      'weekly budget and the channel are left out. Nothing is written.',
    role: 'supervisor',
    input: z.object({ offer: offerSchema }),
    output: z.object({ total: z.number().int(), before: reachCount.nullable(), after: reachCount, gained: reachCount, lost: reachCount }),
  }),

  'offer-versions': op({
    summary: 'The earlier versions of one offer, newest first: each as it was before an edit, an import or a restore replaced it.',
    role: 'supervisor',
    input: z.object({ code: catalogueCode }),
    output: z.object({
      versions: z.array(z.object({ id: z.number().int(), offer: offerSchema, savedAt: z.string(), replacedAt: z.string(), replacedBy: z.string().nullable() })),
    }),
  }),

  'offer-restore': op({
    summary: 'Roll one offer back to an earlier version (offer-versions); the version it replaces is kept in turn. Audited.',
    role: 'supervisor',
    input: z.object({ code: catalogueCode, versionId: z.number().int() }),
    output: z.object({ offer: offerSchema, warnings: z.array(ruleProblemView) }),
  }),

  'extra-column-list': op({
    summary: 'The extra columns (headers kept from imported work lists) this workspace has, as rules can name them.',
    role: 'agent',
    input: z.object({}),
    output: z.object({ headers: z.array(z.string()) }),
  }),

  'plan-save': op({
    summary: 'Create or replace one tariff plan (by code); recorded in the audit log.',
    role: 'supervisor',
    input: z.object({ plan: planSchema }),
    output: z.object({ plan: planSchema, created: z.boolean() }),
  }),

  'catalogue-import': op({
    summary:
      'Import an offers or plans workbook (Chinese or English headers) in one transaction: new codes are added, known codes replaced ' +
      '(a job, read in a worker like every workbook; its result is a CatalogueImportResult). ' +
      'A file whose header is unusable fails the job (bad-file, with the problems in the error\'s details); a file over a limit fails it as too-large.',
    role: 'supervisor',
    input: z.object({
      kind: catalogueKind,
      file: fileToken,
      /** When rows are rejected: import the valid ones, or nothing at all. */
      onRejected: z.enum(['import-valid', 'import-nothing']).default('import-valid'),
      /** Check only: say what importing would add and change (the valid rows), and write nothing. */
      dryRun: z.boolean().default(false),
      /** Language of the refusal message when the header is unusable. */
      locale: locale.default('zh-CN'),
    }),
    output: jobOf(catalogueImportResult),
  }),

  'catalogue-export': op({
    summary: 'The offers or plans catalogue as a workbook to download, with Chinese or English headers.',
    role: 'agent',
    input: z.object({ kind: catalogueKind, locale: locale.default('zh-CN') }),
    output: stagedFileView,
  }),

  'template-export': op({
    summary: 'A blank workbook with the right headers (and a notes sheet) for a work list, labelled history, offers or plans.',
    role: 'agent',
    input: z.object({ kind: z.enum(['worklist', 'history', 'offers', 'plans']), locale: locale.default('zh-CN') }),
    output: stagedFileView,
  }),

  'demo-file-export': op({
    summary: 'In the demo workspace only: a generated file to try the app with, as the central side would send it — the next work list (with two mistakes for the import to show) or a labelled history for the churn model. Refused in any other workspace.',
    role: 'supervisor',
    input: z.object({ kind: z.enum(['worklist', 'history']), locale: locale.default('zh-CN') }),
    output: stagedFileView,
  }),
} as const;
