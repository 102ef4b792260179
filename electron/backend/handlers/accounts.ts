import { ApiFailure } from '../../../core/api';
import { agentsWithLoad, getAgent, setAgentActive, setAgentPin, upsertAgent } from '../../../db/agents';
import { writeAudit } from '../../../db/workspace';
import { hashPin, weakPin, WEAK_PIN_MESSAGE } from '../pin';
import { agentToView } from '../views';
import type { HandlerMap } from './types';

/** Accounts (PRODUCT §8): supervisors create agents, change their role or hall, turn them off, reset PINs. */
export const accountHandlers = {
  'agent-save': (ctx, { id, name, role, hall, active, pin }) => {
    const existing = getAgent(ctx.db, id);
    if (!existing && !pin) throw new ApiFailure('invalid-input', '新账号需要设置初始 PIN。 / A new account needs its first PIN.', { field: 'pin' });
    if (!existing && pin && weakPin(pin)) throw new ApiFailure('invalid-input', WEAK_PIN_MESSAGE, { field: 'pin' });
    if (existing && id === ctx.caller.agentId && (!active || role !== 'supervisor')) {
      throw new ApiFailure('conflict', '不能停用或降级自己的账号。 / You cannot turn off or demote your own account.');
    }
    const at = ctx.now().toISOString();
    ctx.db.transaction(() => {
      upsertAgent(ctx.db, { id, name, role, hall, pinHash: existing ? null : hashPin(pin!), createdAt: existing?.created_at ?? at });
      setAgentActive(ctx.db, id, active);
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: existing ? 'agent-update' : 'agent-create', target: id, detail: { name, role, hall, active } });
    })();
    // An account turned off or demoted must not keep a session that still carries its old rights.
    if (existing && (!active || existing.role !== role)) ctx.sessions.closeAgent(id);
    return { agent: agentToView(agentsWithLoad(ctx.db).find((a) => a.id === id)!), created: !existing };
  },

  'agent-reset-pin': (ctx, { id, pin }) => {
    if (weakPin(pin)) throw new ApiFailure('invalid-input', WEAK_PIN_MESSAGE, { field: 'pin' });
    if (!setAgentPin(ctx.db, id, hashPin(pin))) throw new ApiFailure('not-found', `没有账号 ${id}。 / No account ${id}.`);
    ctx.sessions.closeAgent(id);
    ctx.sessions.unlock(id);
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'agent-reset-pin', target: id });
    return {};
  },
} satisfies Partial<HandlerMap>;
