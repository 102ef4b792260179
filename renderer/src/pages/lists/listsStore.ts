import { create } from 'zustand';
import type { WorkListSummary } from '../../../../core/api';
import type { ApiClient } from '../../api/client';

interface ListsState {
  items: WorkListSummary[] | null;
  loading: boolean;
  error: unknown;
  load(api: ApiClient): Promise<void>;
}

let latest = 0;

export const useWorkLists = create<ListsState>()((set) => ({
  items: null,
  loading: false,
  error: null,
  async load(api) {
    const seq = ++latest;
    set({ loading: true });
    try {
      const { items } = await api.call('worklist-list', {});
      if (seq === latest) set({ items, error: null, loading: false });
    } catch (error) {
      if (seq === latest) set({ error, loading: false });
    }
  },
}));
