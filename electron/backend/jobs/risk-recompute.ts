import { scoreSubscribers } from '../scoring';
import type { JobContext } from './kinds';

/** Recompute every subscriber's risk, tags and queue priority in one transaction (after a configuration change). */
export function riskRecomputeJob(ctx: JobContext<{ today: string }>): { subscribers: number } {
  const subscribers = ctx.db.transaction(() =>
    scoreSubscribers(ctx.db, {
      today: ctx.payload.today,
      at: ctx.startedAt,
      onBatch: (done, total) => {
        ctx.progress('scoring', done, total);
        ctx.checkCancelled();
      },
    }),
  )();
  return { subscribers };
}
