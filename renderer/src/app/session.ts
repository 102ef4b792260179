import { create } from 'zustand';
import { sessionEndMessages, type OperationOutput, type SessionEndReason, type SignedInAgent } from '../../../core/api';
import type { ApiClient } from '../api/client';
import { heldUnsaved, type UnsavedKind } from '../components/unsavedWork';

/** The token lives for this tab only: closing the window on a shared counter PC signs the agent out. */
const TOKEN_KEY = 'retention-desk-session';

type Status = OperationOutput<'session-status'>;

interface SessionState {
  state: 'loading' | 'signed-out' | 'signed-in';
  agent: SignedInAgent | null;
  needsSetup: boolean;
  demoAccounts: Status['demoAccounts'];
  /**
   * The session ended without the agent signing out — idle too long, or a supervisor reset their PIN or changed their
   * account: their work on screen is kept for them (keptWork.ts). Not when the account was turned off.
   */
  endedUnasked: boolean;
  /** Why it ended, for the sign-in screen to say; null after a sign-in or a sign-out by hand. */
  endedBy: SessionEndedBy | null;
  /** Whose session that was (their work on screen is kept for them: keptWork.ts). */
  endedAgentId: string | null;
  /** What the screen held unsaved when it ended by itself: an outcome is kept (keptWork.ts), edited settings are not. */
  endedWith: UnsavedKind | null;
  /** Minutes without the person's input after which the page signs out (useIdleSignOut.ts); the backend's limit. */
  idleMinutes: number;
  load(api: ApiClient): Promise<void>;
  signIn(api: ApiClient, agentId: string, pin: string): Promise<void>;
  setUp(api: ApiClient, input: { agentId: string; name: string; pin: string }): Promise<void>;
  signOut(api: ApiClient): Promise<void>;
  ended(by: SessionEndedBy): void;
}

/** Why a session ended without the agent signing out: idle too long, or a supervisor's change (the backend says which). */
export type SessionEndedBy = 'idle' | SessionEndReason;

/** The reason a refused call gives (core/api `sessionEndMessages`); any other refusal: idle, or a restart. */
export function sessionEndedBy(messageKey: string): SessionEndedBy {
  const found = (Object.keys(sessionEndMessages) as SessionEndReason[]).find((why) => sessionEndMessages[why] === messageKey);
  return found ?? 'idle';
}

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function storeToken(token: string | null) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage refused (private mode): the session simply does not survive a reload
  }
}

export const useSession = create<SessionState>()((set, get) => ({
  state: 'loading',
  agent: null,
  needsSetup: false,
  demoAccounts: null,
  endedUnasked: false,
  endedBy: null,
  endedAgentId: null,
  endedWith: null,
  idleMinutes: 30,

  async load(api) {
    api.setSession(storedToken());
    const status = await api.call('session-status', {});
    if (!status.agent) {
      storeToken(null);
      api.setSession(null);
    }
    set({ state: status.agent ? 'signed-in' : 'signed-out', agent: status.agent, needsSetup: status.needsSetup, demoAccounts: status.demoAccounts, idleMinutes: status.idleMinutes });
  },

  async signIn(api, agentId, pin) {
    const out = await api.call('session-sign-in', { agentId, pin });
    storeToken(out.token);
    api.setSession(out.token);
    set({ state: 'signed-in', agent: out.agent, idleMinutes: out.idleMinutes, endedUnasked: false, endedBy: null, endedAgentId: null, endedWith: null });
  },

  async setUp(api, input) {
    const out = await api.call('session-setup', input);
    storeToken(out.token);
    api.setSession(out.token);
    set({ state: 'signed-in', agent: out.agent, idleMinutes: out.idleMinutes, needsSetup: false, endedUnasked: false, endedBy: null, endedAgentId: null, endedWith: null });
  },

  async signOut(api) {
    try {
      await api.call('session-sign-out', {});
    } finally {
      storeToken(null);
      api.setSession(null);
      set({ state: 'signed-out', agent: null, endedUnasked: false, endedBy: null, endedAgentId: null, endedWith: null });
    }
  },

  ended(by) {
    const { state, agent } = get();
    if (state !== 'signed-in') return;
    storeToken(null);
    set({ state: 'signed-out', agent: null, endedUnasked: by !== 'account-off', endedBy: by, endedAgentId: agent?.id ?? null, endedWith: heldUnsaved() });
  },
}));
