import { useApiQuery } from '../api/query';


/** What the workspace is (demo or not, how much it holds), shown in the shell; refreshed when data changes. */
export const useWorkspace = () => useApiQuery('app-info', {});
