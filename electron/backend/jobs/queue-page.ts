import { queuePage, type QueueFilter } from '../../../db/tasks';
import type { JobContext } from './kinds';

/**
 * One page of the queue in an order that reads every open task's figures — by risk, at a million a join of each task
 * to its score row, 2–3 s — computed off the backend's thread, so that other screens' calls (an agent's hall look-up)
 * are answered meanwhile (docs/product.md §10; the handler decides when: handlers/queue.ts).
 */
export function queuePageJob(ctx: JobContext<QueueFilter>): ReturnType<typeof queuePage> {
  return queuePage(ctx.db, ctx.payload);
}
