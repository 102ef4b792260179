import type { z } from 'zod';
import { worklistImportResult, worklistPreview } from './exchange';
import { campaignRunOutcome, campaignScheduledResult } from './ops/campaigns';
import { catalogueImportResult } from './ops/catalogue';
import { contactPolicyEffect, contactPolicyPreviewResult } from './ops/contact-policy';
import { outcomeMergeResult } from './ops/outcomes';
import { reportWeeklyResult } from './ops/reports';
import { modelPredictResult, modelTrainResult, riskConfigPreviewResult, riskRecomputeResult } from './ops/risk';

/**
 * The contract's jobs section (issue 13 #4): every kind of long job an operation starts, and the result it ends
 * with. The operation's output is `jobOf(result)`, so callers read a typed result; the job runner checks each
 * result against this schema before anyone sees it, as dispatch checks every answer.
 *
 * Payloads do not cross the contract: an operation's input (validated by dispatch) is what a caller sends, and
 * the handler turns it into the job's payload, which carries backend-only things such as staging paths. Their
 * types live beside each job (electron/backend/jobs/*.ts), and `JobKind` ties a handler's `start` to this table.
 */
export const jobResults = {
  'risk-recompute': riskRecomputeResult,
  'risk-config-preview': riskConfigPreviewResult,
  'contact-policy-recompute': contactPolicyEffect,
  'contact-policy-preview': contactPolicyPreviewResult,
  'model-train': modelTrainResult,
  'model-predict': modelPredictResult,
  'worklist-preview': worklistPreview,
  'worklist-import': worklistImportResult,
  'outcome-merge': outcomeMergeResult,
  'catalogue-import': catalogueImportResult,
  'campaign-preview': campaignRunOutcome,
  'campaign-run': campaignRunOutcome,
  'campaign-scheduled': campaignScheduledResult,
  'report-weekly': reportWeeklyResult,
} as const;

export type JobKind = keyof typeof jobResults;
export type JobResult<K extends JobKind> = z.output<(typeof jobResults)[K]>;
export const isJobKind = (kind: string): kind is JobKind => Object.prototype.hasOwnProperty.call(jobResults, kind);
