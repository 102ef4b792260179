import type { TaskStatus } from '../../../core/api';
import type { ListType } from '../../../core/worklist/fields';
import { maskMsisdn } from '../../../core/privacy/mask';
import { normalizeMsisdn } from '../../../core/worklist/msisdn';
import { recentAttemptsOfSubscriber } from '../../../db/attempts';
import { getSubscriber } from '../../../db/subscribers';
import { currentTaskOf } from '../../../db/tasks';
import { listsOfSubscriber } from '../../../db/worklists';
import { attemptToView, subscriberToView } from '../views';
import type { HandlerMap } from './types';

export const customerHandlers = {
  'customer-lookup': (ctx, { msisdn: typed }) => {
    const parsed = normalizeMsisdn(typed);
    if (!parsed.ok) return { found: false as const, msisdnMasked: null, invalid: true };
    const row = getSubscriber(ctx.db, parsed.msisdn);
    if (!row) return { found: false as const, msisdnMasked: maskMsisdn(parsed.msisdn), invalid: false };
    const task = currentTaskOf(ctx.db, parsed.msisdn);
    return {
      found: true as const,
      customer: subscriberToView(row),
      lists: listsOfSubscriber(ctx.db, parsed.msisdn).map((w) => ({
        id: w.id,
        name: w.name,
        type: w.list_type as ListType,
        dueDate: w.due_date,
      })),
      task: task
        ? { id: task.id, status: task.status as TaskStatus, agentId: task.agent_id, attempts: task.attempt_count }
        : null,
      recentAttempts: recentAttemptsOfSubscriber(ctx.db, parsed.msisdn, 10).map(attemptToView),
    };
  },
} satisfies Partial<HandlerMap>;
