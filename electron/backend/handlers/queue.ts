import { ApiFailure } from '../../../core/api';
import { openTaskCount, queuePage, type QueueFilter } from '../../../db/tasks';
import { listWorkLists } from '../../../db/worklists';
import { contactDecisions } from '../contact';
import { activeRiskConfig } from '../risk-config';
import { storedSignal } from '../signal';
import { queueRowToItem, workListToSummary } from '../views';
import type { HandlerMap } from './types';

/**
 * Open tasks up to which the queue sorted by risk is read on the backend's thread. That sort joins every task it
 * considers to its score row: 2–3 s at a million open tasks, during which an agent's look-up waited (found driving the
 * app at a million, 2026-12-06); past this many, a worker reads the page (jobs/queue-page.ts), at the cost of starting
 * one. The other orders walk an index or the tasks alone (0.2 s at a million).
 */
export const QUEUE_SORT_INLINE_TASKS = 100_000;

export const queueHandlers = {
  'queue-list': async (ctx, input) => {
    // An agent sees their own tasks (docs/product.md §8) — asking for anyone else's, or the unassigned, is refused;
    // a supervisor sees all, one agent's, or the unassigned (agentId null).
    let agentId: string | null | undefined = input.agentId;
    if (ctx.caller.role !== 'supervisor') {
      if (!ctx.caller.agentId) throw new ApiFailure('unauthenticated', 'api.sign-in-first');
      if (agentId !== undefined && agentId !== ctx.caller.agentId) throw new ApiFailure('forbidden', 'api.own-queue-only');
      agentId = ctx.caller.agentId;
    }
    const filter: QueueFilter = {
      offset: input.offset,
      limit: input.limit,
      listId: input.listId,
      listType: input.listType,
      level: input.level,
      status: input.status,
      agentId,
      sort: input.sort,
      descending: input.descending,
      now: ctx.now().toISOString(),
    };
    // One agent's tasks are few whatever the workspace holds: only all tasks, or the unassigned, can be a million.
    const offThread = input.sort === 'level' && typeof agentId !== 'string' && openTaskCount(ctx.db, agentId) > ctx.queueSortInlineTasks;
    const { total, rows, lifted } = offThread ? ((await ctx.jobs.compute('queue-page', filter)) as ReturnType<typeof queuePage>) : queuePage(ctx.db, filter);
    // Blocks that lifted with time moved tasks into the callable part: every open queue is out of date, nothing else.
    if (lifted > 0) ctx.emit('data-changed', { what: ['queue'], at: ctx.now().toISOString() });
    const contact = contactDecisions(
      ctx.db,
      rows.map((r) => ({ taskId: r.id, msisdn: r.msisdn, dueDate: r.due_date, followUpOn: r.follow_up_on })),
      'phone',
      ctx.now(),
    );
    const cfg = activeRiskConfig(ctx.db);
    return {
      total,
      items: rows.map((r, i) => queueRowToItem(r, contact[i]!, storedSignal(r, cfg))),
      unassigned: ctx.caller.role === 'supervisor' ? openTaskCount(ctx.db, null) : null,
    };
  },
  // An agent's queue of a list is their own part of it: they are told that beside the team's figure.
  'worklist-list': (ctx) => ({ items: listWorkLists(ctx.db, ctx.caller.role === 'supervisor' ? null : (ctx.caller.agentId ?? null)).map(workListToSummary) }),
} satisfies Partial<HandlerMap>;
