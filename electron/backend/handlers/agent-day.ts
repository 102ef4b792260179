import { ApiFailure } from '../../../core/api';
import { isoWeekOf } from '../../../core/calendar';
import { dispositions, isReached } from '../../../core/contact/codes';
import { callbackCounts, contactCounts, type ContactCounts } from '../../../db/agent-day';
import { getAgent } from '../../../db/agents';
import { localDate, localDayStart, type HandlerContext } from '../context';
import { weekRange } from '../weeks';
import type { HandlerMap } from './types';

const reachedDispositions = dispositions.filter(isReached);

/** Whose figures: an agent only their own (docs/product.md §1); a supervisor their own or a named agent's. */
function dayAgent(ctx: HandlerContext, requested: string | undefined): string {
  if (ctx.caller.role === 'supervisor' && requested !== undefined) {
    if (!getAgent(ctx.db, requested)) throw new ApiFailure('not-found', 'api.no-such-agents', { agents: requested }, { field: 'agentId' });
    return requested;
  }
  if (requested !== undefined && requested !== ctx.caller.agentId) throw new ApiFailure('forbidden', 'api.own-figures-only', {}, { field: 'agentId' });
  // The CLI acts as the local supervisor without an id of its own: it must name the agent.
  if (!ctx.caller.agentId) throw new ApiFailure('invalid-input', 'api.agent-id-needed', {}, { field: 'agentId' });
  return ctx.caller.agentId;
}

/** No targets table yet (issue 17, docs/product.md §11.4): every figure goes out without one. */
const withoutTargets = (c: ContactCounts) => ({
  contacts: { value: c.contacts, target: null },
  reached: { value: c.reached, target: null },
  successes: { value: c.successes, target: null },
});

export const agentDayHandlers = {
  'agent-day-get': (ctx, { agentId: requested }) => {
    const agentId = dayAgent(ctx, requested);
    const now = ctx.now();
    // Days and weeks are the machine's local ones, as everywhere (context.ts localDate, weeks.ts).
    const today = localDate(now);
    const dayStart = localDayStart(today);
    const dayEnd = localDayStart(today, 1);
    const week = weekRange(isoWeekOf(today));
    return {
      agentId,
      today,
      day: withoutTargets(contactCounts(ctx.db, agentId, dayStart, dayEnd, reachedDispositions)),
      week,
      thisWeek: withoutTargets(contactCounts(ctx.db, agentId, week.start, week.end, reachedDispositions)),
      callbacks: callbackCounts(ctx.db, agentId, now.toISOString(), dayEnd),
    };
  },
} satisfies Partial<HandlerMap>;
