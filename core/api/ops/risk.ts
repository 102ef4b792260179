import { z } from 'zod';
import { fileToken, jobView } from '../exchange';
import { riskConfigSchema } from '../../risk/config';
import { op } from '../operation';

export const riskOperations = {
  'risk-recompute': op({
    summary: 'Recompute every subscriber’s risk, tags and queue priority with the active configuration (a job).',
    role: 'supervisor',
    input: z.object({}),
    output: jobView,
  }),

  'risk-config-get': op({
    summary: 'The active risk configuration (points, thresholds, level bounds) and its version.',
    role: 'agent',
    input: z.object({}),
    output: z.object({ config: riskConfigSchema, version: z.number().int(), isDefault: z.boolean() }),
  }),

  'risk-config-save': op({
    summary: 'Save a new version of the risk configuration, make it active and recompute everyone (a job).',
    role: 'supervisor',
    input: z.object({ config: riskConfigSchema }),
    output: jobView,
  }),

  'model-train': op({
    summary: 'Train a churn model from a labelled history workbook (a job); stored as a new, inactive version.',
    role: 'supervisor',
    input: z.object({ file: fileToken, sheet: z.string().max(100).optional(), password: z.string().max(255).optional() }),
    output: jobView,
  }),

  'model-predict': op({
    summary: 'Score the rows of a workbook with the active model and the rule score, without importing them (a job; the result names a download).',
    role: 'supervisor',
    input: z.object({ file: fileToken, sheet: z.string().max(100).optional(), password: z.string().max(255).optional(), locale: z.enum(['zh-CN', 'en']).default('zh-CN') }),
    output: jobView,
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
          sourceFile: z.string().nullable(),
          rows: z.number().int(),
          active: z.boolean(),
          /** Holdout evaluation: auc, topDecileLift, gains, calibration, roc (core/model/evaluate.ts). */
          holdout: z.record(z.string(), z.unknown()),
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
    output: jobView,
  }),
} as const;
