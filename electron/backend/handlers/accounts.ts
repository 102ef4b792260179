import { ApiFailure } from '../../../core/api';
import { agentsWithLoad, getAgent, setAgentActive, setAgentPin, storedAgentId, upsertAgent } from '../../../db/agents';
import { writeAudit } from '../../../db/workspace';
import { noteDemoPinChanged } from '../demo';
import { hashPin, weakPin } from '../pin';
import { agentToView } from '../views';
import type { HandlerMap } from './types';

/** Accounts (docs/product.md §8): supervisors create agents, change their role or hall, turn them off, reset PINs. */
export const accountHandlers = {
  'agent-save': (ctx, { id: asked, name, role, hall, active, pin }) => {
    // An id in another case is the same account (db/agents.ts getAgent): its edit goes to it, a new one under it is refused.
    const existing = getAgent(ctx.db, asked);
    const id = existing?.id ?? asked;
    // A first PIN says "create" (the edit dialog sends none): under a taken id it would have overwritten that account.
    if (existing && pin) throw new ApiFailure('conflict', 'api.account-exists', { agentId: id, name: existing.name }, { field: 'id' });
    if (!existing && !pin) throw new ApiFailure('invalid-input', 'api.first-pin-needed', {}, { field: 'pin' });
    if (!existing && pin && weakPin(pin)) throw new ApiFailure('invalid-input', 'api.weak-pin', {}, { field: 'pin' });
    if (existing && id === ctx.caller.agentId && (!active || role !== 'supervisor')) {
      throw new ApiFailure('conflict', 'api.cannot-demote-self');
    }
    const at = ctx.now().toISOString();
    ctx.db.transaction(() => {
      upsertAgent(ctx.db, { id, name, role, hall, pinHash: existing ? null : hashPin(pin!), createdAt: existing?.created_at ?? at });
      setAgentActive(ctx.db, id, active);
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: existing ? 'agent-update' : 'agent-create', target: id, detail: { name, role, hall, active } });
    })();
    // An account turned off or demoted must not keep a session that still carries its old rights.
    if (existing && (!active || existing.role !== role)) ctx.sessions.closeAgent(id, active ? 'account-changed' : 'account-off');
    return { agent: agentToView(agentsWithLoad(ctx.db).find((a) => a.id === id)!, ctx.sessions.lockedUntil(id)), created: !existing };
  },

  'agent-reset-pin': (ctx, { id: asked, pin }) => {
    if (weakPin(pin)) throw new ApiFailure('invalid-input', 'api.weak-pin', {}, { field: 'pin' });
    const id = storedAgentId(ctx.db, asked) ?? asked;
    if (!setAgentPin(ctx.db, id, hashPin(pin))) throw new ApiFailure('not-found', 'api.no-account', { agentId: id });
    ctx.sessions.closeAgent(id, 'pin-reset');
    ctx.sessions.unlock(id);
    // The demo's sign-in list shows its accounts' PIN: one reset is no longer that PIN (handlers/session.ts).
    noteDemoPinChanged(ctx.db, id);
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'agent-reset-pin', target: id });
    return {};
  },
} satisfies Partial<HandlerMap>;
