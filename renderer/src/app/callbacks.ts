import { useEffect } from 'react';
import { create } from 'zustand';
import type { EventPayload } from '../../../core/api';
import type { ApiClient } from '../api/client';

export type DueCallback = EventPayload<'callback-due'>;

export interface DueCallbacks {
  /** Call-backs of the signed-in agent that came due and whose task the agent has not opened since, oldest first. */
  due: readonly DueCallback[];
  /** The one the notice names (the newest), until the agent dismisses it. */
  notice: DueCallback | null;
}

export const noDueCallbacks: DueCallbacks = { due: [], notice: null };

/** A `callback-due` event: kept if it is this agent's (the backend may tell a supervisor's window of others'). */
export function callbackArrived(state: DueCallbacks, payload: DueCallback, agentId: string | null): DueCallbacks {
  if (agentId === null || payload.agentId !== agentId) return state;
  return { due: [...state.due.filter((c) => c.taskId !== payload.taskId), payload], notice: payload };
}

/** The agent opened the task (its card in the queue): no longer waiting to be seen. */
export function callbackOpened(state: DueCallbacks, taskId: number): DueCallbacks {
  if (!state.due.some((c) => c.taskId === taskId) && state.notice?.taskId !== taskId) return state;
  return { due: state.due.filter((c) => c.taskId !== taskId), notice: state.notice?.taskId === taskId ? null : state.notice };
}

interface CallbackStore extends DueCallbacks {
  arrived(payload: DueCallback, agentId: string | null): void;
  opened(taskId: number): void;
  dismissNotice(): void;
  clear(): void;
}

/** UI state: which due call-backs the queue's badge counts (the queue's order itself comes from the backend). */
export const useDueCallbacks = create<CallbackStore>()((set) => ({
  ...noDueCallbacks,
  arrived: (payload, agentId) => set((s) => callbackArrived(s, payload, agentId)),
  opened: (taskId) => set((s) => callbackOpened(s, taskId)),
  dismissNotice: () => set({ notice: null }),
  clear: () => set(noDueCallbacks),
}));

/** Listens for the signed-in agent's call-backs coming due (the queue's reads are staled by api/live.ts). */
export function useCallbackEvents(api: ApiClient, agentId: string | null): void {
  useEffect(() => {
    useDueCallbacks.getState().clear();
    if (agentId === null) return;
    return api.on('callback-due', (payload) => useDueCallbacks.getState().arrived(payload, agentId));
  }, [api, agentId]);
}
