import type { StagedFileView } from '../../../core/api';
import type { ApiClient } from './client';

/**
 * Files in and out, the one place that knows the two platforms differ. The desktop asks the backend to show
 * its own open/save dialogs (`file-pick` / `file-save`); browser mode picks with the page's file input and
 * sends the bytes, and downloads what the backend produced through the browser. Either way the rest of the
 * renderer sees only staged-file tokens.
 */

export interface PickOptions {
  /** Lower-case extensions without the dot, e.g. ['xlsx', 'csv']. */
  extensions: readonly string[];
  /** Title of the desktop dialog. */
  title?: string;
  /** Called once the user has chosen, before the (possibly slow) upload of browser mode. */
  onChosen?(names: string[]): void;
}

/** Browser mode: a transient hidden file input, clicked within the user's gesture. Null when cancelled. */
function chooseInBrowser(extensions: readonly string[], multiple: boolean): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.hidden = true;
    input.dataset.testid = 'file-input';
    let settled = false;
    const finish = (files: File[] | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(files && files.length > 0 ? files : null);
    };
    input.addEventListener('change', () => finish(input.files ? Array.from(input.files) : null));
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
  });
}

function requireUpload(api: ApiClient): NonNullable<ApiClient['upload']> {
  if (!api.upload) throw new Error('this transport cannot upload files');
  return api.upload;
}

/** Lets the user choose one file and stages it with the backend; null when the user cancelled. */
export async function pickFile(api: ApiClient, options: PickOptions): Promise<StagedFileView | null> {
  if (api.transportKind === 'ipc') {
    const staged = await api.call('file-pick', { title: options.title, extensions: [...options.extensions] });
    if (staged) options.onChosen?.([staged.name]);
    return staged;
  }
  const files = await chooseInBrowser(options.extensions, false);
  if (!files) return null;
  options.onChosen?.(files.map((f) => f.name));
  return requireUpload(api)(files[0]!);
}

/**
 * Several files at once (merging outcome files) in browser mode; the desktop dialog gives one file per call, so
 * callers offer "add another file" as well.
 */
export async function pickFiles(api: ApiClient, options: PickOptions): Promise<StagedFileView[]> {
  if (api.transportKind === 'ipc') {
    const staged = await api.call('file-pick', { title: options.title, extensions: [...options.extensions] });
    if (staged) options.onChosen?.([staged.name]);
    return staged ? [staged] : [];
  }
  const files = await chooseInBrowser(options.extensions, true);
  if (!files) return [];
  options.onChosen?.(files.map((f) => f.name));
  const upload = requireUpload(api);
  const staged: StagedFileView[] = [];
  for (const f of files) staged.push(await upload(f));
  return staged;
}

/** Hands a file the backend produced to the user: the save dialog, or the browser's download. */
export async function saveDownload(api: ApiClient, file: StagedFileView): Promise<boolean> {
  if (api.transportKind === 'ipc') return (await api.call('file-save', { token: file.token })).saved;
  if (!api.download) throw new Error('this transport cannot download files');
  const blob = await api.download(file);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has started the download; the browser keeps its own copy.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
