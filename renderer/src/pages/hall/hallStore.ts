import { create } from 'zustand';
import type { OperationOutput } from '../../../../core/api';
import type { ApiClient } from '../../api/client';

export type LookupResult = OperationOutput<'customer-lookup'>;
export type FoundCustomer = Extract<LookupResult, { found: true }>;

export type SettledLookup =
  | { kind: 'idle' }
  | { kind: 'done'; query: string; result: LookupResult }
  | { kind: 'error'; query: string; error: unknown };

/** While loading, `previous` stays on screen (dimmed) so a quick look-up does not flash an empty page. */
export type LookupState = SettledLookup | { kind: 'loading'; query: string; previous: SettledLookup };

/** What the last save answered, for the "saved" confirmation (shown only after the backend answered). */
export interface SavedAttempt {
  disposition: string;
  taskStatus: string | null;
  at: number;
}

interface HallState {
  input: string;
  state: LookupState;
  /** Set by a look-up the agent asked for: the outcome panel takes the focus when the card lands. */
  focusPanel: boolean;
  saved: SavedAttempt | null;
  setFocusPanel(focusPanel: boolean): void;
  setSaved(saved: SavedAttempt | null): void;
  setInput(input: string): void;
  clear(): void;
  lookup(api: ApiClient, query: string): Promise<void>;
}

let latest = 0;

/**
 * Kept outside the page so the card is still there when the agent glances at the queue and comes back.
 * Only the newest look-up may land: an agent who pastes two numbers quickly must see the second customer.
 */
export const useHall = create<HallState>()((set, get) => ({
  input: '',
  state: { kind: 'idle' },
  focusPanel: false,
  saved: null,
  setFocusPanel: (focusPanel) => set({ focusPanel }),
  setSaved: (saved) => set({ saved }),
  setInput: (input) => set({ input }),
  clear: () => set({ input: '', state: { kind: 'idle' }, saved: null }),
  async lookup(api, query) {
    const seq = ++latest;
    const current = get().state;
    set({ state: { kind: 'loading', query, previous: current.kind === 'loading' ? current.previous : current } });
    try {
      const result = await api.call('customer-lookup', { msisdn: query, channel: 'hall' });
      if (seq === latest) set({ state: { kind: 'done', query, result } });
    } catch (error) {
      if (seq === latest) set({ state: { kind: 'error', query, error } });
    }
  },
}));
