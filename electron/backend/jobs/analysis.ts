import { PREDICTED_MIN_P, type AnalysisInput } from '../../../core/report/analysis';
import type { Db } from '../../../db/connection';
import { analysisInput } from '../../../db/analysis';
import type { JobContext } from './kinds';

export interface AnalysisPayload {
  period: AnalysisInput['period'];
}

/** The cells of the analysis reports over the stored customers (db/analysis.ts): every view — kind, dimension, drill-down — is read from them. */
export const analysisCells = (db: Db, period: AnalysisInput['period']): AnalysisInput => analysisInput(db, period, PREDICTED_MIN_P);

/** In a worker for a big workspace: the scan of a million customers takes seconds, and the backend must keep answering. */
export const analysisJob = (ctx: JobContext<AnalysisPayload>) => analysisCells(ctx.db, ctx.payload.period);
