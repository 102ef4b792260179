import { analysisJob } from './analysis';
import { campaignPreviewJob, campaignRunJob, campaignScheduledJob } from './campaigns';
import { catalogueImportJob } from './catalogue-import';
import { contactPolicyPreviewJob, contactPolicyRecomputeJob } from './contact-policy';
import { dashboardJob } from './dashboard';
import type { JobBody } from './kinds';
import { modelPredictJob } from './model-predict';
import { modelTrainJob } from './model-train';
import { riskRecomputeJob } from './risk-recompute';
import { riskConfigPreviewJob } from './risk-config-preview';
import { offerReachJob } from './offer-reach';
import { outcomeMergeJob } from './outcome-merge';
import { queuePageJob } from './queue-page';
import { reportWeeklyJob } from './report-weekly';
import { segmentPreviewJob } from './segment-preview';
import { worklistImportJob, worklistPreviewJob } from './worklist-import';

/**
 * The job kinds, each a function run in a worker thread with its own connection (worker.ts). A job that
 * writes does so in one transaction, so a cancel or a crash leaves the database exactly as before.
 * Add a line here when adding a kind.
 */
export const jobKinds: Record<string, JobBody> = {
  'risk-recompute': riskRecomputeJob as JobBody,
  'risk-config-preview': riskConfigPreviewJob as JobBody,
  'contact-policy-preview': contactPolicyPreviewJob as JobBody,
  'contact-policy-recompute': contactPolicyRecomputeJob as JobBody,
  'model-train': modelTrainJob as JobBody,
  'model-predict': modelPredictJob as JobBody,
  'worklist-preview': worklistPreviewJob as JobBody,
  'worklist-import': worklistImportJob as JobBody,
  'outcome-merge': outcomeMergeJob as JobBody,
  'catalogue-import': catalogueImportJob as JobBody,
  'campaign-preview': campaignPreviewJob as JobBody,
  'campaign-run': campaignRunJob as JobBody,
  'campaign-scheduled': campaignScheduledJob as JobBody,
  'report-weekly': reportWeeklyJob as JobBody,
  dashboard: dashboardJob as JobBody,
  analysis: analysisJob as JobBody,
  'segment-preview': segmentPreviewJob as JobBody,
  'offer-reach': offerReachJob as JobBody,
  'queue-page': queuePageJob as JobBody,
};
