import { scoreSubscribersCounted } from '../scoring';
import type { JobContext } from './kinds';

/**
 * Recompute every subscriber's risk, tags and queue priority (after a configuration change or a model activation),
 * a batch per short write transaction so that agents logging attempts and imports are never held up behind it.
 * Says how many stored scores and task priorities changed: only those were written.
 */
export function riskRecomputeJob(ctx: JobContext<{ today: string }>) {
  return scoreSubscribersCounted(ctx.db, {
    today: ctx.payload.today,
    at: ctx.startedAt,
    batchCommit: true,
    onBatch: (done, total) => {
      ctx.progress('scoring', done, total);
      ctx.checkCancelled();
    },
    // Packed batches commit as they go: a cancel keeps them for the next run.
    onPackBatch: (done, total) => {
      ctx.progress('packing', done, total);
      ctx.checkCancelled();
    },
    // Not cancelled part-way: a cancel itself ends here, so the figures written have their queue order.
    onQueueBatch: (done, total) => ctx.progress('queue', done, total),
  });
}
