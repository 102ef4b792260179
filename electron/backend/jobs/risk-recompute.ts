import { scoreSubscribersCounted } from '../scoring';
import type { JobContext } from './kinds';

/**
 * Recompute every subscriber's risk, tags and queue priority in one transaction (after a configuration change or
 * a model activation). Says how many stored scores and task priorities changed: only those were written.
 */
export function riskRecomputeJob(ctx: JobContext<{ today: string }>) {
  return ctx.db.transaction(() =>
    scoreSubscribersCounted(ctx.db, {
      today: ctx.payload.today,
      at: ctx.startedAt,
      onBatch: (done, total) => {
        ctx.progress('scoring', done, total);
        ctx.checkCancelled();
      },
    }),
  )();
}
