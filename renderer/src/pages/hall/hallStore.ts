import { create } from 'zustand';
import type { OperationOutput } from '../../../../core/api';
import { useApiPrefetch, useApiQuery } from '../../api/query';

export type LookupResult = OperationOutput<'customer-lookup'>;
export type FoundCustomer = Extract<LookupResult, { found: true }>;

export type SettledLookup =
  | { kind: 'idle' }
  | { kind: 'done'; query: string; result: LookupResult }
  | { kind: 'error'; query: string; error: unknown };

/** While loading, `previous` stays on screen (dimmed) so a quick look-up does not flash an empty page. */
export type LookupState = SettledLookup | { kind: 'loading'; query: string; previous: SettledLookup };

interface HallState {
  input: string;
  /** The number the agent asked for (null: nothing yet), and the one before it (shown dimmed while this loads). */
  query: string | null;
  previousQuery: string | null;
  /** Set by a look-up the agent asked for: the outcome panel takes the focus when the card lands. */
  focusPanel: boolean;
  setFocusPanel(focusPanel: boolean): void;
  setInput(input: string): void;
  clear(): void;
  /** Asks for a number's card; false when it is the number already shown (the caller refetches it). */
  lookUp(query: string): boolean;
}

/**
 * The hall's UI state, kept outside the page so the card is still there when the agent glances at the queue and
 * comes back. The card itself is a query (useLookup): the newest number's answer is the one shown.
 */
export const useHall = create<HallState>()((set, get) => ({
  input: '',
  query: null,
  previousQuery: null,
  focusPanel: false,
  setFocusPanel: (focusPanel) => set({ focusPanel }),
  setInput: (input) => set({ input }),
  clear: () => set({ input: '', query: null, previousQuery: null }),
  lookUp(query) {
    const current = get().query;
    if (current === query) return false;
    set({ query, previousQuery: current });
    return true;
  },
}));

/** What the hall asks the backend for a typed number. */
const hallLookupInput = (query: string) => ({ msisdn: query, channel: 'hall' }) as const;

/** Sends the look-up of a number at once, before the page renders the loading state that asks for it. */
export function usePrefetchLookup(): (query: string) => void {
  const prefetch = useApiPrefetch();
  return (query) => prefetch('customer-lookup', hallLookupInput(query));
}

/** The typed number's card as the hall shows it: idle, loading (with what was shown before), done or failed. */
export function useLookup(): { state: LookupState; refetch(): void } {
  const { query, previousQuery } = useHall();
  const r = useApiQuery('customer-lookup', hallLookupInput(query ?? ''), { enabled: query !== null, keepPrevious: true });
  const refetch = () => void r.refetch();
  if (query === null) return { state: { kind: 'idle' }, refetch };
  const settled: SettledLookup = r.isError
    ? { kind: 'error', query, error: r.error }
    : r.data !== undefined && !r.isPlaceholderData
      ? { kind: 'done', query, result: r.data }
      : r.data !== undefined && previousQuery !== null
        ? { kind: 'done', query: previousQuery, result: r.data }
        : { kind: 'idle' };
  // A background refetch of the card shown (after a save) keeps it usable; a new number or a retry shows loading.
  const loading = r.isFetching && (r.isPending || r.isPlaceholderData || r.isError);
  return { state: loading ? { kind: 'loading', query, previous: settled } : settled, refetch };
}
