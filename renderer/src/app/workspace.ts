import type { OperationOutput } from '../../../core/api';
import { useApiQuery } from '../api/query';

export type AppInfo = OperationOutput<'app-info'>;

/** What the workspace is (demo or not, how much it holds), shown in the shell; refreshed when data changes. */
export const useWorkspace = () => useApiQuery('app-info', {});
