import type { OperationOutput } from '../../../core/api';
import { analysisReport, PREDICTED_MIN_P, type AnalysisDimension, type AnalysisDrill, type AnalysisInput, type AnalysisKind } from '../../../core/report/analysis';
import type { Db } from '../../../db/connection';
import { analysisInput } from '../../../db/analysis';
import type { JobContext } from './kinds';

export interface AnalysisPayload {
  kind: AnalysisKind;
  by: AnalysisDimension;
  drill: AnalysisDrill;
  period: AnalysisInput['period'];
}

/** An analysis report (core/report/analysis.ts) over the stored customers. */
export function analysisView(db: Db, { kind, by, drill, period }: AnalysisPayload): OperationOutput<'analysis-get'> {
  return analysisReport(analysisInput(db, period, PREDICTED_MIN_P), { kind, by, drill });
}

/** In a worker for a big workspace: the scan of a million customers takes seconds, and the backend must keep answering. */
export const analysisJob = (ctx: JobContext<AnalysisPayload>) => analysisView(ctx.db, ctx.payload);
