import {
  keepPreviousData,
  QueryClientProvider,
  type QueryClient,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { OperationInput, OperationName, OperationOutput } from '../../../core/api';
import { useApi } from './ApiContext';
import { apiQueryOptions, createQueryClient, LiveData, runApiMutation } from './live';

const LiveContext = createContext<LiveData | null>(null);

/** Provides the query cache, connected to the backend's change events. Inside <ApiProvider>. */
export function DataProvider({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const api = useApi();
  const [live] = useState(() => new LiveData(client ?? createQueryClient()));
  useEffect(() => live.connect(api), [api, live]);
  return (
    <QueryClientProvider client={live.queryClient}>
      <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
    </QueryClientProvider>
  );
}

export function useLiveData(): LiveData {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLiveData() outside <DataProvider>');
  return live;
}

export interface ApiQueryOptions {
  /** False: do not fetch (yet); a cached answer is still returned. */
  enabled?: boolean;
  /** Keep showing the previous input's answer while the next one loads (pages, filters, the next customer). */
  keepPrevious?: boolean;
  /** Read again whenever the component mounts (an answer that depends on today's date, such as a purge preview). */
  freshOnMount?: boolean;
}

/** One read of the backend: cached under [name, input], refetched when a change makes it stale. */
export function useApiQuery<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
  options: ApiQueryOptions = {},
): UseQueryResult<OperationOutput<N>> {
  const api = useApi();
  return useQuery({
    ...apiQueryOptions(api, name, input),
    enabled: options.enabled ?? true,
    ...(options.keepPrevious && { placeholderData: keepPreviousData }),
    ...(options.freshOnMount && { refetchOnMount: 'always' as const }),
  }) as UseQueryResult<OperationOutput<N>>;
}

export { useQueryClient };

/**
 * Starts a read before the component that shows it renders (useApiQuery then finds it under way, or answered): for a
 * read the user asked for with a key, whose request would otherwise wait for the render that asks for it. The hall's
 * Enter re-rendered the card on screen (dimmed) for ~16 ms before the look-up left (issue 19 #3).
 */
export function useApiPrefetch() {
  const api = useApi();
  const client = useQueryClient();
  return useCallback(<N extends OperationName>(name: N, input: OperationInput<N>) => void client.prefetchQuery(apiQueryOptions(api, name, input)), [api, client]);
}

/**
 * A write for a form's own action flow (useAction, job runners): the call, and the cache told what it changed.
 * Every write whose answer changes what reads show goes through this (jobs' effects arrive
 * when they finish: LiveData.jobFinished and the job-progress event).
 */
export function useApiSave() {
  const api = useApi();
  const live = useLiveData();
  return useCallback(<N extends OperationName>(name: N, input: OperationInput<N>) => runApiMutation(api, live, name, input), [api, live]);
}
