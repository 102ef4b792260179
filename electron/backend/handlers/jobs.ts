import fs from 'node:fs';
import { ApiFailure } from '../../../core/api';
import type { HandlerContext } from '../context';
import type { HandlerMap } from './types';

/** The desktop's dialogs (supplied by electron/main); browser mode and the CLI have none and upload/download instead. */
function dialogsOf(ctx: HandlerContext) {
  if (!ctx.dialogs) throw new ApiFailure('conflict', 'api.file-dialogs-desktop-only');
  return ctx.dialogs;
}

export const jobHandlers = {
  'job-get': (ctx, { jobId }) => ctx.jobs.get(jobId),
  'job-cancel': (ctx, { jobId }) => ctx.jobs.cancel(jobId),
  'file-release': (ctx, { token }) => {
    ctx.files.release(token);
    return {};
  },
  // The chosen file is registered for this session (issue 12 #5); only its token goes back to the page.
  'file-pick': async (ctx, { title, extensions }) => {
    const chosen = await dialogsOf(ctx).pickFile({ ...(title !== undefined ? { title } : {}), extensions });
    if (chosen === null) return null;
    const staged = ctx.files.registerPath(chosen);
    return { token: staged.token, name: staged.name, size: staged.size };
  },
  // Saved once, as a browser download is fetched once.
  'file-save': async (ctx, { token }) => {
    const file = ctx.files.get(token);
    if (file.kind !== 'download') throw new ApiFailure('forbidden', 'api.not-a-download');
    const target = await dialogsOf(ctx).saveFile({ defaultName: file.name });
    if (target === null) return { saved: false };
    await fs.promises.copyFile(file.path, target);
    ctx.files.release(token);
    return { saved: true };
  },
} satisfies Partial<HandlerMap>;
