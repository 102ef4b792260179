import { create } from 'zustand';
import type { OperationOutput, TaskStatus, WorkListSummary } from '../../../../core/api';
import type { RiskLevel } from '../../../../core/risk/score';
import type { ListType } from '../../../../core/worklist/fields';
import type { ApiClient } from '../../api/client';

export type QueuePage = OperationOutput<'queue-list'>;

export interface QueueFilters {
  listId: number | null;
  listType: ListType | null;
  level: RiskLevel | null;
  status: TaskStatus | null;
}

export const noFilters: QueueFilters = { listId: null, listType: null, level: null, status: null };

interface QueueState extends QueueFilters {
  page: number;
  rowsPerPage: number;
  data: QueuePage | null;
  loading: boolean;
  error: unknown;
  lists: WorkListSummary[] | null;
  listsError: unknown;
  /** The task whose card is open (preview before calling), or null for the list. */
  previewTaskId: number | null;
  setPreview(taskId: number | null): void;
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
  ...noFilters,
  previewTaskId: null,
  setPreview: (previewTaskId) => set({ previewTaskId }),
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
    const { listId, listType, level, status, page, rowsPerPage } = get();
    const seq = ++latest;
    set({ loading: true });
    try {
      const data = await api.call('queue-list', {
        offset: page * rowsPerPage,
        limit: rowsPerPage,
        ...(listId !== null ? { listId } : {}),
        ...(listType !== null ? { listType } : {}),
        ...(level !== null ? { level } : {}),
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
