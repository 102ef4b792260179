import { queuePage } from '../../../db/tasks';
import { listWorkLists } from '../../../db/worklists';
import { contactDecisions } from '../contact';
import { queueRowToItem, workListToSummary } from '../views';
import type { HandlerMap } from './types';

export const queueHandlers = {
  'queue-list': (ctx, input) => {
    const { total, rows } = queuePage(ctx.db, {
      offset: input.offset,
      limit: input.limit,
      listId: input.listId,
      listType: input.listType,
      level: input.level,
      status: input.status,
      // an agent sees their own tasks; a supervisor sees all
      agentId: ctx.caller.role === 'agent' ? ctx.caller.agentId : null,
      now: ctx.now().toISOString(),
    });
    const contact = contactDecisions(
      ctx.db,
      rows.map((r) => ({ taskId: r.id, dueDate: r.due_date, doNotDisturb: r.do_not_disturb, lastMarketed: r.last_marketed, msisdn: r.msisdn })),
      'phone',
      ctx.now(),
    );
    return { total, items: rows.map((r, i) => queueRowToItem(r, contact[i]!)) };
  },
  'worklist-list': (ctx) => ({ items: listWorkLists(ctx.db).map(workListToSummary) }),
} satisfies Partial<HandlerMap>;
