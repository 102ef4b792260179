import { ApiFailure } from '../../../core/api';
import { openTaskCount, queuePage } from '../../../db/tasks';
import { listWorkLists } from '../../../db/worklists';
import { contactDecisions } from '../contact';
import { activeRiskConfig } from '../risk-config';
import { storedSignal } from '../signal';
import { queueRowToItem, workListToSummary } from '../views';
import type { HandlerMap } from './types';

export const queueHandlers = {
  'queue-list': (ctx, input) => {
    // An agent sees their own tasks (docs/product.md §8) — asking for anyone else's, or the unassigned, is refused;
    // a supervisor sees all, one agent's, or the unassigned (agentId null).
    let agentId: string | null | undefined = input.agentId;
    if (ctx.caller.role !== 'supervisor') {
      if (!ctx.caller.agentId) throw new ApiFailure('unauthenticated', 'api.sign-in-first');
      if (agentId !== undefined && agentId !== ctx.caller.agentId) throw new ApiFailure('forbidden', 'api.own-queue-only');
      agentId = ctx.caller.agentId;
    }
    const { total, rows, lifted } = queuePage(ctx.db, {
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
    });
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
  'worklist-list': (ctx) => ({ items: listWorkLists(ctx.db).map(workListToSummary) }),
} satisfies Partial<HandlerMap>;
