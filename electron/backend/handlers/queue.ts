import { queuePage } from '../../../db/tasks';
import { listWorkLists } from '../../../db/worklists';
import { queueRowToItem, workListToSummary } from '../views';
import type { HandlerMap } from './types';

export const queueHandlers = {
  'queue-list': (ctx, input) => {
    const { total, rows } = queuePage(ctx.db, {
      offset: input.offset,
      limit: input.limit,
      listId: input.listId,
      status: input.status,
      // an agent sees their own tasks; a supervisor sees all
      agentId: ctx.caller.role === 'agent' ? ctx.caller.agentId : null,
      now: ctx.now().toISOString(),
    });
    return { total, items: rows.map(queueRowToItem) };
  },
  'worklist-list': (ctx) => ({ items: listWorkLists(ctx.db).map(workListToSummary) }),
} satisfies Partial<HandlerMap>;
