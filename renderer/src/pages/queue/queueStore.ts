import { create } from 'zustand';
import { useDueCallbacks } from '../../app/callbacks';
import type { OperationInput, OperationOutput, TaskStatus } from '../../../../core/api';
import type { RiskLevel } from '../../../../core/risk/score';
import type { ListType } from '../../../../core/worklist/fields';

export type QueuePage = OperationOutput<'queue-list'>;

export type QueueSort = NonNullable<OperationInput<'queue-list'>['sort']>;

export interface QueueFilters {
  listId: number | null;
  listType: ListType | null;
  level: RiskLevel | null;
  status: TaskStatus | null;
  /** Supervisors: one agent's tasks, null for the unassigned (未分配), undefined for everyone's. */
  agentId: string | null | undefined;
}

export const noFilters: QueueFilters = { listId: null, listType: null, level: null, status: null, agentId: undefined };

/** Is anything narrowing the queue down? */
export const isFiltered = (f: QueueFilters): boolean =>
  f.listId !== null || f.listType !== null || f.level !== null || f.status !== null || f.agentId !== undefined;

interface QueueState extends QueueFilters {
  /** The queue's own order ('default') or a supervisor's column sort. */
  sort: QueueSort;
  descending: boolean;
  setSort(sort: QueueSort, descending: boolean): void;
  page: number;
  rowsPerPage: number;
  /** The task whose card is open (preview before calling), or null for the list. */
  previewTaskId: number | null;
  /**
   * The tasks opened since the list was last shown (nextTask.ts): the list is not refetched under a card, so J must
   * not go back to one already worked, which the list still shows as it was.
   */
  openedSinceList: readonly number[];
  setPreview(taskId: number | null): void;
  setFilters(filters: Partial<QueueFilters>): void;
  setPage(page: number): void;
  setRowsPerPage(rowsPerPage: number): void;
  /** The queue as a newly signed-in person first sees it: no filters, its own order, the first page. */
  reset(): void;
}

export const defaultRowsPerPage = 50;

/** Where the agent is in the queue: filters, order, page and the task open (kept across a session that timed out). */
export type QueueView = Pick<QueueState, keyof QueueFilters | 'sort' | 'descending' | 'page' | 'rowsPerPage' | 'previewTaskId'>;

export function queueView(): QueueView {
  const { listId, listType, level, status, agentId, sort, descending, page, rowsPerPage, previewTaskId } = useQueue.getState();
  return { listId, listType, level, status, agentId, sort, descending, page, rowsPerPage, previewTaskId };
}

const firstView = { ...noFilters, previewTaskId: null, openedSinceList: [], sort: 'default', descending: false, page: 0, rowsPerPage: defaultRowsPerPage } as const;

/** Filters and page survive a trip to the hall page and back, as an agent working a queue expects. */
export const useQueue = create<QueueState>()((set) => ({
  ...firstView,
  setPreview: (previewTaskId) => {
    // Opening a task whose call-back came due is the agent seeing it: the queue's badge counts one fewer.
    if (previewTaskId !== null) useDueCallbacks.getState().opened(previewTaskId);
    set((s) => ({ previewTaskId, openedSinceList: previewTaskId === null ? [] : [...s.openedSinceList, previewTaskId] }));
  },
  setSort: (sort, descending) => set({ sort, descending, page: 0 }),
  // A new filter shows a different set of tasks: start again from its first page.
  setFilters: (filters) => set({ ...filters, page: 0 }),
  setPage: (page) => set({ page }),
  setRowsPerPage: (rowsPerPage) => set({ rowsPerPage, page: 0 }),
  reset: () => set(firstView),
}));

/** The queue-list input for the filters and page shown (also the read's cache key). */
export function queueInput({
  listId,
  listType,
  level,
  status,
  agentId,
  sort = 'default',
  descending = false,
  page,
  rowsPerPage,
}: QueueFilters & { sort?: QueueSort; descending?: boolean; page: number; rowsPerPage: number }): OperationInput<'queue-list'> {
  return {
    offset: page * rowsPerPage,
    limit: rowsPerPage,
    ...(listId !== null ? { listId } : {}),
    ...(listType !== null ? { listType } : {}),
    ...(level !== null ? { level } : {}),
    ...(status !== null ? { status } : {}),
    ...(agentId !== undefined ? { agentId } : {}),
    ...(sort !== 'default' ? { sort, descending } : {}),
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

/** A row's lists grouped by type, in the order each type first appears (one chip per type, naming its lists). */
export function listsByType<T extends { type: ListType; name: string }>(lists: readonly T[]): { type: ListType; names: string[] }[] {
  const groups = new Map<ListType, string[]>();
  for (const l of lists) {
    const names = groups.get(l.type);
    if (names) names.push(l.name);
    else groups.set(l.type, [l.name]);
  }
  return [...groups].map(([type, names]) => ({ type, names }));
}
