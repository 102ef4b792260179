import type { SegmentCondition } from '../../../core/segments/segment';
import { previewSegment } from '../segments';
import type { JobContext } from './kinds';

export interface SegmentPreviewPayload {
  condition: SegmentCondition;
  today: string;
}

/** In a worker for a big workspace: a million customers scan in a second or two, and the backend must keep answering. */
export const segmentPreviewJob = (ctx: JobContext<SegmentPreviewPayload>) => previewSegment(ctx.db, ctx.payload.condition, ctx.payload.today);
