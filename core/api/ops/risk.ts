import { z } from 'zod';
import { fileToken, jobOf } from '../exchange';
import { riskConfigSchema } from '../../risk/config';
import { op } from '../operation';
import { configVersionMeta, localeSchema, riskLevelSchema as riskLevel, savedOnVersion } from '../schemas';

const levelCounts = z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int(), stable: z.number().int() });
export type RiskLevelCounts = z.infer<typeof levelCounts>;

/**
 * The result of a `risk-config-preview` job: every stored subscriber scored with the active configuration and
 * with the candidate, nothing written. `transitions` lists only the non-empty (from, to) pairs, staying put
 * included (from = to), so the counts add up to `subscribers`.
 */
export const riskConfigPreviewResult = z.object({
  /** The active version the candidate was compared with. */
  activeVersion: z.number().int(),
  subscribers: z.number().int(),
  /** Subscribers whose level would change. */
  changed: z.number().int(),
  transitions: z.array(z.object({ from: riskLevel, to: riskLevel, count: z.number().int() })),
  before: levelCounts,
  after: levelCounts,
  /** Subscribers holding an open task (the queue), by level before and after, and how many of them change level. */
  openTasks: z.number().int(),
  openTasksChanged: z.number().int(),
  openTasksBefore: levelCounts,
  openTasksAfter: levelCounts,
});
export type RiskConfigPreviewResult = z.infer<typeof riskConfigPreviewResult>;

/** A recompute job's answer: how many were scored, and how many stored figures actually changed (only those were written). */
export const riskRecomputeResult = z.object({
  subscribers: z.number().int(),
  /** Of those, how many had their figures computed; the rest were known unchanged (docs/scoring-storage.md). */
  evaluated: z.number().int(),
  scoresChanged: z.number().int(),
  prioritiesChanged: z.number().int(),
  queueOrderAtEnd: z.boolean(),
});

/**
 * The chosen method's cross-validation (core/model/train.ts CvSummary): AUC mean ± sd over the folds, on how many
 * training rows. Models stored before cross-validation have none (null in the model list).
 */
export const modelCvSummary = z.object({
  folds: z.number().int(),
  rows: z.number().int(),
  method: z.string(),
  auc: z.object({ mean: z.number(), sd: z.number() }),
  foldAuc: z.array(z.number()),
});

/** A training job's answer: the new (inactive) version with its holdout figures and the methods compared. */
export const modelTrainResult = z.object({
  version: z.number().int(),
  method: z.string(),
  rows: z.number().int(),
  positives: z.number().int(),
  /** Rows read without a churn label (是否离网 empty or not yes/no): left out of the training, said so. */
  unlabelled: z.number().int(),
  holdout: z.object({ auc: z.number(), topDecileLift: z.number(), n: z.number().int(), positives: z.number().int() }),
  cv: modelCvSummary,
  /** validationAuc: the mean CV AUC, validationAucSd its sd over the folds. */
  compared: z.array(z.object({ method: z.string(), validationAuc: z.number(), validationAucSd: z.number().optional(), holdoutAuc: z.number() })),
});
export type ModelTrainResult = z.infer<typeof modelTrainResult>;

/** A scoring job's answer: rows scored, by which model (null: the rule score only), and the workbook to save. */
export const modelPredictResult = z.object({
  rows: z.number().int(),
  model: z.number().int().nullable(),
  download: z.object({ token: z.string(), name: z.string() }),
});
export type ModelPredictResult = z.infer<typeof modelPredictResult>;

export const riskConfigVersionView = configVersionMeta.extend({
  /** The version's settings; null when this app cannot read them (saved by a newer version of the app). */
  config: riskConfigSchema.nullable(),
});
export type RiskConfigVersionView = z.infer<typeof riskConfigVersionView>;

export const riskOperations = {
  'risk-recompute': op({
    summary: 'Recompute every subscriber’s risk, tags and queue priority with the active configuration (a job).',
    role: 'supervisor',
    input: z.object({}),
    output: jobOf(riskRecomputeResult),
  }),

  'risk-config-get': op({
    summary: 'The active risk configuration (points, thresholds, level bounds) and its version.',
    role: 'agent',
    input: z.object({}),
    output: z.object({ config: riskConfigSchema, version: z.number().int(), isDefault: z.boolean() }),
  }),

  'risk-config-save': op({
    summary: 'Save a new version of the risk configuration, make it active and recompute everyone (a job). The first change also records the built-in defaults as version 1, so there is always a version to go back to.',
    role: 'supervisor',
    input: z.object({ config: riskConfigSchema, basedOn: savedOnVersion }),
    output: jobOf(riskRecomputeResult),
  }),

  'risk-config-preview': op({
    summary: 'How many customers would change level under a candidate configuration, against the active one (a read-only job; the result is a RiskConfigPreviewResult).',
    role: 'supervisor',
    input: z.object({ config: riskConfigSchema }),
    output: jobOf(riskConfigPreviewResult),
  }),

  'risk-config-versions': op({
    summary: 'Saved versions of the risk configuration, newest first: when, by whom, which is active and what each changed.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({ items: z.array(riskConfigVersionView) }),
  }),

  'risk-config-activate': op({
    summary: 'Make an earlier version of the risk configuration active again (roll back) and recompute everyone (a job).',
    role: 'supervisor',
    input: z.object({ version: z.number().int().min(1) }),
    output: jobOf(riskRecomputeResult),
  }),

  'model-train': op({
    summary: 'Train a churn model from a labelled history workbook (a job); stored as a new, inactive version.',
    role: 'supervisor',
    input: z.object({ file: fileToken, sheet: z.string().max(100).optional(), password: z.string().max(255).optional() }),
    output: jobOf(modelTrainResult),
  }),

  'model-predict': op({
    summary: 'Score the rows of a workbook with the active model and the rule score, without importing them (a job; the result names a download).',
    role: 'supervisor',
    input: z.object({ file: fileToken, sheet: z.string().max(100).optional(), password: z.string().max(255).optional(), locale: localeSchema.default('zh-CN') }),
    output: jobOf(modelPredictResult),
  }),

  'model-list': op({
    summary: 'Trained model versions with their holdout metrics; which one is active.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({
      items: z.array(
        z.object({
          version: z.number().int(),
          method: z.string(),
          trainedAt: z.string(),
          trainedBy: z.string().nullable(),
          /** The account's name (null: trained from the command line, or the account is gone). */
          trainedByName: z.string().nullable(),
          sourceFile: z.string().nullable(),
          rows: z.number().int(),
          active: z.boolean(),
          /** Holdout evaluation: auc, topDecileLift, gains, calibration, roc (core/model/evaluate.ts). */
          holdout: z.record(z.string(), z.unknown()),
          /** The chosen method's cross-validated AUC; null for a version trained before cross-validation. */
          cv: modelCvSummary.nullable(),
          compared: z.array(z.record(z.string(), z.unknown())),
          importance: z.array(z.object({ feature: z.string(), label: z.string(), labelZh: z.string(), importance: z.number() })),
        }),
      ),
    }),
  }),

  'model-activate': op({
    summary: 'Make a model version the active one (or none: back to the rule score alone), then recompute (a job).',
    role: 'supervisor',
    input: z.object({ version: z.number().int().nullable() }),
    output: jobOf(riskRecomputeResult),
  }),
} as const;
