import type { JobView } from '../../../core/api';
import type { ApiClient } from './client';

import { jobError } from './failure';

export { jobError };

export type JobUpdate = Pick<JobView, 'phase' | 'done' | 'total'>;

const POLL_MS = 400;

/**
 * The result of a finished job, typed by the operation that started it; a failed or cancelled job (or, against
 * the contract, a done one without a result) is thrown as its error, worded in the user's language.
 */
export function resultOf<J extends JobView>(job: J): NonNullable<J['result']> {
  const result = job.result;
  if (job.state === 'done' && result != null) return result;
  throw jobError(job);
}

/**
 * Follows a long job (import, preview…) until it has finished, reporting its progress as it goes: pushed
 * `job-progress` events when the transport delivers them, and a slow poll of `job-get` that also catches the
 * end of the job and its result. Resolves with the final JobView, whatever its state; `isCurrent` lets a
 * caller stop following a job it no longer cares about (resolves with the last view seen).
 */
export function followJob<J extends JobView>(
  api: ApiClient,
  job: J,
  onUpdate: (update: JobUpdate) => void,
  isCurrent: () => boolean = () => true,
): Promise<J> {
  if (job.state !== 'running') return Promise.resolve(job);
  return new Promise<J>((resolve, reject) => {
    let last = job;
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('job-progress', (p) => {
      if (p.jobId !== job.id || finished) return;
      if (!isCurrent()) return stop(last);
      if (p.finished) {
        // The end is not a step: its phase ('done', or an error's code) showed as "working…" under a bar that jumped
        // until the result came. The last step stays on screen until then.
        clearTimeout(timer);
        void poll();
        return;
      }
      onUpdate({ phase: p.phase, done: p.done, total: p.total });
    });
    function stop(view: J) {
      if (finished) return;
      finished = true;
      off();
      clearTimeout(timer);
      resolve(view);
    }
    async function poll() {
      if (finished) return;
      if (!isCurrent()) return stop(last);
      try {
        // The same job: its result has the type the starting operation gave it (core/api/job-results.ts).
        last = (await api.call('job-get', { jobId: job.id })) as J;
      } catch (e) {
        finished = true;
        off();
        reject(e);
        return;
      }
      if (finished) return;
      if (last.state !== 'running') return stop(last);
      onUpdate({ phase: last.phase, done: last.done, total: last.total });
      timer = setTimeout(() => void poll(), POLL_MS);
    }
    timer = setTimeout(() => void poll(), 150);
  });
}
