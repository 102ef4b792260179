import { ApiFailure } from '../../../core/api';
import type { CampaignDefinition } from '../../../core/campaigns/campaign';
import { campaignToRun, runCampaign, runScheduledCampaigns, type CampaignRunOutcome } from '../campaigns';
import type { JobContext } from './kinds';

/** Exactly one of the two (the operation's schema refuses neither and both). */
export type CampaignPreviewPayload = { id?: number; definition?: CampaignDefinition };

/** What running a campaign now would do; nothing is written (the same walk as the run: docs/product.md §5.6). */
export function campaignPreviewJob(ctx: JobContext<CampaignPreviewPayload>): CampaignRunOutcome {
  const p = ctx.payload;
  const c = p.definition ? { ...p.definition, id: null } : p.id !== undefined ? campaignToRun(ctx.db, p.id) : null;
  if (!c) throw new ApiFailure('invalid-input', 'api.campaign-preview-which');
  return runCampaign(ctx.db, c, { now: new Date(ctx.startedAt), write: false, by: null, trigger: 'manual', onBatch: progress(ctx) });
}

/** Runs a campaign now, whatever its schedule, in one transaction: a cancel leaves the workspace exactly as before. */
export function campaignRunJob(ctx: JobContext<{ id: number; by: string | null }>): CampaignRunOutcome {
  const { id, by } = ctx.payload;
  return ctx.db.transaction(() =>
    runCampaign(ctx.db, campaignToRun(ctx.db, id), { now: new Date(ctx.startedAt), write: true, by, trigger: 'manual', onBatch: progress(ctx) }),
  )();
}

const progress = (ctx: JobContext<unknown>) => (done: number, total: number) => {
  ctx.progress('customers', done, total);
  ctx.checkCancelled();
};

/** The enabled daily campaigns not yet run today (the backend's hourly look: electron/backend/index.ts). */
export function campaignScheduledJob(ctx: JobContext<{ trigger: 'daily' }>): ReturnType<typeof runScheduledCampaigns> {
  return runScheduledCampaigns(ctx.db, ctx.payload.trigger, new Date(ctx.startedAt));
}
