import { create } from 'zustand';
import type { OperationOutput } from '../../../core/api';
import type { ApiClient } from '../api/client';

export type AppInfo = OperationOutput<'app-info'>;

interface WorkspaceState {
  info: AppInfo | null;
  error: unknown;
  loading: boolean;
  load(api: ApiClient): Promise<void>;
}

/** What the workspace is (demo or not, how much it holds), shown in the shell and refreshed on data changes. */
export const useWorkspace = create<WorkspaceState>()((set) => ({
  info: null,
  error: null,
  loading: false,
  async load(api) {
    set({ loading: true });
    try {
      set({ info: await api.call('app-info', {}), error: null, loading: false });
    } catch (error) {
      set({ error, loading: false });
    }
  },
}));
