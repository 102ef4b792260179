import { create } from 'zustand';
import type { OperationOutput, TaskStatus, WorkListSummary } from '../../../../core/api';
import type { ApiClient } from '../../api/client';

export type QueuePage = OperationOutput<'queue-list'>;

export interface QueueFilters {
  listId: number | null;
  status: TaskStatus | null;
}

interface QueueState extends QueueFilters {
  page: number;
  rowsPerPage: number;
  data: QueuePage | null;
  loading: boolean;
  error: unknown;
  lists: WorkListSummary[] | null;
  listsError: unknown;
  setFilters(filters: Partial<QueueFilters>): void;
  setPage(page: number): void;
  setRowsPerPage(rowsPerPage: number): void;
  load(api: ApiClient): Promise<void>;
  loadLists(api: ApiClient): Promise<void>;
}

export const defaultRowsPerPage = 50;
let latest = 0;

/** Filters and page survive a trip to the hall page and back, as an agent working a queue expects. */
export const useQueue = create<QueueState>()((set, get) => ({
  listId: null,
  status: null,
  page: 0,
  rowsPerPage: defaultRowsPerPage,
  data: null,
  loading: false,
  error: null,
  lists: null,
  listsError: null,
  // A new filter shows a different set of tasks: start again from its first page.
  setFilters: (filters) => set({ ...filters, page: 0 }),
  setPage: (page) => set({ page }),
  setRowsPerPage: (rowsPerPage) => set({ rowsPerPage, page: 0 }),
  async load(api) {
    const { listId, status, page, rowsPerPage } = get();
    const seq = ++latest;
    set({ loading: true });
    try {
      const data = await api.call('queue-list', {
        offset: page * rowsPerPage,
        limit: rowsPerPage,
        ...(listId !== null ? { listId } : {}),
        ...(status !== null ? { status } : {}),
      });
      if (seq !== latest) return;
      // Tasks closed elsewhere can shrink the queue under the agent: step back to the last page that exists.
      if (data.items.length === 0 && data.total > 0 && page > 0) {
        set({ page: Math.max(0, Math.ceil(data.total / rowsPerPage) - 1) });
        return;
      }
      set({ data, error: null, loading: false });
    } catch (error) {
      if (seq === latest) set({ error, loading: false });
    }
  },
  async loadLists(api) {
    try {
      const { items } = await api.call('worklist-list', {});
      set({ lists: items, listsError: null });
    } catch (listsError) {
      set({ listsError });
    }
  },
}));
