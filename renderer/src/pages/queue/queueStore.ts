import { create } from 'zustand';
import { useDueCallbacks } from '../../app/callbacks';
import type { OperationInput, OperationOutput, TaskStatus } from '../../../../core/api';
import type { RiskLevel } from '../../../../core/risk/score';
import type { ListType } from '../../../../core/worklist/fields';

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
  /** The task whose card is open (preview before calling), or null for the list. */
  previewTaskId: number | null;
  setPreview(taskId: number | null): void;
  setFilters(filters: Partial<QueueFilters>): void;
  setPage(page: number): void;
  setRowsPerPage(rowsPerPage: number): void;
}

export const defaultRowsPerPage = 50;

/** Filters and page survive a trip to the hall page and back, as an agent working a queue expects. */
export const useQueue = create<QueueState>()((set) => ({
  ...noFilters,
  previewTaskId: null,
  setPreview: (previewTaskId) => {
    // Opening a task whose call-back came due is the agent seeing it: the queue's badge counts one fewer.
    if (previewTaskId !== null) useDueCallbacks.getState().opened(previewTaskId);
    set({ previewTaskId });
  },
  page: 0,
  rowsPerPage: defaultRowsPerPage,
  // A new filter shows a different set of tasks: start again from its first page.
  setFilters: (filters) => set({ ...filters, page: 0 }),
  setPage: (page) => set({ page }),
  setRowsPerPage: (rowsPerPage) => set({ rowsPerPage, page: 0 }),
}));

/** The queue-list input for the filters and page shown (also the read's cache key). */
export function queueInput({ listId, listType, level, status, page, rowsPerPage }: QueueFilters & { page: number; rowsPerPage: number }): OperationInput<'queue-list'> {
  return {
    offset: page * rowsPerPage,
    limit: rowsPerPage,
    ...(listId !== null ? { listId } : {}),
    ...(listType !== null ? { listType } : {}),
    ...(level !== null ? { level } : {}),
    ...(status !== null ? { status } : {}),
  };
}

/**
 * Tasks closed elsewhere can shrink the queue under the agent: the last page that exists, when the page shown
 * is past the end (null when it is not).
 */
export function lastPageIfPastEnd(data: QueuePage, page: number, rowsPerPage: number): number | null {
  if (data.items.length === 0 && data.total > 0 && page > 0) return Math.max(0, Math.ceil(data.total / rowsPerPage) - 1);
  return null;
}
