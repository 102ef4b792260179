import { ApiFailure } from '../../../core/api';
import { getAgent } from '../../../db/agents';
import { agentDayOf } from '../agent-day';
import type { HandlerContext } from '../context';
import type { HandlerMap } from './types';

/** Whose figures: an agent only their own (docs/product.md §1); a supervisor their own or a named agent's. */
function dayAgent(ctx: HandlerContext, requested: string | undefined): string {
  if (ctx.caller.role === 'supervisor' && requested !== undefined) {
    const agent = getAgent(ctx.db, requested);
    if (!agent) throw new ApiFailure('not-found', 'api.no-such-agents', { agents: requested }, { field: 'agentId' });
    return agent.id;
  }
  if (requested !== undefined && requested !== ctx.caller.agentId) throw new ApiFailure('forbidden', 'api.own-figures-only', {}, { field: 'agentId' });
  // The CLI acts as the local supervisor without an id of its own: it must name the agent.
  if (!ctx.caller.agentId) throw new ApiFailure('invalid-input', 'api.agent-id-needed', {}, { field: 'agentId' });
  return ctx.caller.agentId;
}

export const agentDayHandlers = {
  'agent-day-get': (ctx, { agentId: requested }) => agentDayOf(ctx, dayAgent(ctx, requested)),
} satisfies Partial<HandlerMap>;
