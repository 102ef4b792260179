import { ApiFailure } from '../../../core/api';
import type { HandlerMap } from './types';

/** Dialogs are the desktop shell's: electron/main answers these two before they reach the backend. */
const desktopOnly = () => {
  throw new ApiFailure('conflict', 'api.file-dialogs-desktop-only');
};

export const jobHandlers = {
  'job-get': (ctx, { jobId }) => ctx.jobs.get(jobId),
  'job-cancel': (ctx, { jobId }) => ctx.jobs.cancel(jobId),
  'file-release': (ctx, { token }) => {
    ctx.files.release(token);
    return {};
  },
  'file-pick': desktopOnly,
  'file-save': desktopOnly,
} satisfies Partial<HandlerMap>;
