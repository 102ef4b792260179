import { useApi } from '../api/ApiContext';
import { saveDownload } from '../api/files';
import { useWorkspace } from '../app/workspace';
import { useLocale } from '../i18n';
import type { DemoFileKind } from '../../../core/demo/workbook';

/**
 * A generated file the demo workspace hands a supervisor to try the app with (`demo-file-export`: the next work list,
 * or a labelled history for the churn model) — the demo has none of the central side's files. Null outside the demo.
 * The function saves it and gives its name, or null when the save was cancelled.
 */
export function useDemoFile(kind: DemoFileKind): (() => Promise<string | null>) | null {
  const api = useApi();
  const locale = useLocale();
  const demo = useWorkspace().data?.demo ?? false;
  if (!demo) return null;
  return async () => {
    const staged = await api.call('demo-file-export', { kind, locale });
    return (await saveDownload(api, staged)) ? staged.name : null;
  };
}
