import { ApiFailure } from '../../../core/api';
import { agentCount, getAgent, listAgents, storedAgentId, upsertAgent } from '../../../db/agents';
import { getWorkspaceValue, writeAudit } from '../../../db/workspace';
import { DEMO_PIN, demoPinChanged } from '../demo';
import { decoyPinHash, hashPin, verifyPinAsync, weakPin } from '../pin';
import { LOCK_MINUTES } from '../sessions';
import type { HandlerContext } from '../context';
import type { HandlerMap } from './types';

/** One sign-in attempt; `SessionStore.attempt` runs them one at a time per agent id. */
async function signIn(ctx: HandlerContext, agentId: string, pin: string) {
  const at = ctx.now().toISOString();
  const locked = ctx.sessions.lockedMinutes(agentId);
  if (locked > 0) {
    throw new ApiFailure('locked', 'api.locked', { agentId, minutes: locked });
  }
  const count = ctx.sessions.countAttempt(agentId);
  const agent = getAgent(ctx.db, agentId);
  const ok = await verifyPinAsync(pin, agent?.active && agent.pin_hash ? agent.pin_hash : decoyPinHash);
  if (ok && agent?.active && agent.pin_hash && !ctx.sessions.withinLimit(count)) {
    throw new ApiFailure('locked', 'api.locked-now', { agentId, minutes: LOCK_MINUTES });
  }
  if (!agent || !agent.active || !agent.pin_hash || !ok) {
    const nowLocked = ctx.sessions.recordFailure(agentId, count);
    writeAudit(ctx.db, { at, agentId, action: nowLocked ? 'sign-in-locked' : 'sign-in-failed' });
    if (nowLocked) throw new ApiFailure('locked', 'api.locked-now', { agentId, minutes: LOCK_MINUTES });
    throw new ApiFailure('wrong-pin', 'api.wrong-pin');
  }
  const token = ctx.sessions.open({ id: agent.id, name: agent.name, role: agent.role });
  writeAudit(ctx.db, { at, agentId: agent.id, action: 'sign-in' });
  return { token, agent: { id: agent.id, name: agent.name, role: agent.role }, idleMinutes: ctx.sessions.idleMinutes };
}

export const sessionHandlers = {
  'session-status': (ctx) => {
    const demo = getWorkspaceValue(ctx.db, 'demo') === '1';
    const pinChanged = demo ? demoPinChanged(ctx.db) : new Set<string>();
    return {
      agent: ctx.session ? { id: ctx.session.agentId, name: ctx.session.name, role: ctx.session.role } : null,
      needsSetup: agentCount(ctx.db) === 0,
      // Shown on the sign-in screen of the demo workspace only: its accounts are public by design.
      demoAccounts: demo
        ? listAgents(ctx.db)
            .filter((a) => a.active && (a.id === 'A001' || a.id === 'S001') && !pinChanged.has(a.id))
            .map((a) => ({ id: a.id, name: a.name, role: a.role, pin: DEMO_PIN }))
        : null,
      idleMinutes: ctx.sessions.idleMinutes,
    };
  },

  // An id in any case is its account's (db/agents.ts getAgent), and the lock counts per account: a count per spelling
  // gave a guesser five tries for each of an id's spellings. An id with no account counts under one spelling too.
  'session-sign-in': (ctx, { agentId, pin }) => {
    const account = storedAgentId(ctx.db, agentId) ?? agentId.toUpperCase();
    return ctx.sessions.attempt(account, () => signIn(ctx, account, pin));
  },

  'session-sign-out': (ctx) => {
    if (ctx.session) writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.session.agentId, action: 'sign-out' });
    ctx.sessions.close(ctx.sessionToken);
    return {};
  },

  'session-setup': (ctx, { agentId, name, pin }) => {
    if (weakPin(pin)) throw new ApiFailure('invalid-input', 'api.weak-pin', {}, { field: 'pin' });
    const at = ctx.now().toISOString();
    const created = ctx.db.transaction(() => {
      if (agentCount(ctx.db) > 0) return false;
      upsertAgent(ctx.db, { id: agentId, name, role: 'supervisor', hall: null, pinHash: hashPin(pin), createdAt: at });
      writeAudit(ctx.db, { at, agentId, action: 'supervisor-created', target: agentId });
      return true;
    })();
    if (!created) throw new ApiFailure('conflict', 'api.workspace-has-accounts');
    const token = ctx.sessions.open({ id: agentId, name, role: 'supervisor' });
    return { token, agent: { id: agentId, name, role: 'supervisor' as const }, idleMinutes: ctx.sessions.idleMinutes };
  },
} satisfies Partial<HandlerMap>;
