import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobView } from '../../../core/api';
import { useApi } from '../api/ApiContext';
import { followJob, type JobUpdate } from '../api/jobs';
import { useLiveData } from '../api/query';

/**
 * Runs one backend job at a time for a dialog or a page: its progress while it runs, Cancel, and no state
 * updates once the component is gone or a newer run has replaced it. The job itself goes on unless cancelled,
 * or unless `cancelOnUnmount` says a result nobody will read is not worth finishing.
 */
export function useJobRunner({ cancelOnUnmount = false }: { cancelOnUnmount?: boolean } = {}) {
  const api = useApi();
  const live = useLiveData();
  const [progress, setProgress] = useState<JobUpdate | null>(null);
  const [running, setRunning] = useState(false);
  const jobId = useRef<string | null>(null);
  const seq = useRef(0);

  /** Asks the backend to stop the running job; the follower then sees it end as "cancelled". */
  const cancel = useCallback(() => {
    const id = jobId.current;
    if (id) void api.call('job-cancel', { jobId: id }).catch(() => undefined);
  }, [api]);

  useEffect(() => {
    const mounted = seq;
    return () => {
      mounted.current++;
      if (cancelOnUnmount) cancel();
    };
  }, [cancel, cancelOnUnmount]);

  /**
   * Starts a job and follows it; null when the run was abandoned (unmounted, replaced by a newer run, or
   * `abandon`ed). A failure to start or follow is thrown only while the run is still the current one. The job
   * keeps the type its operation gave it (`jobOf(result)`), so its result is typed.
   */
  const run = useCallback(
    async <J extends JobView>(start: () => Promise<J>): Promise<J | null> => {
      const mine = ++seq.current;
      const isCurrent = () => mine === seq.current;
      setRunning(true);
      setProgress(null);
      try {
        const started = await start();
        if (!isCurrent()) return null;
        jobId.current = started.id;
        const job = await followJob(api, started, (u) => isCurrent() && setProgress(u), isCurrent);
        // What the job changed is stale whether or not this screen still waits for it (recompute, training…).
        live.jobFinished(job);
        return isCurrent() ? job : null;
      } catch (e) {
        if (isCurrent()) throw e;
        return null;
      } finally {
        if (isCurrent()) {
          jobId.current = null;
          setRunning(false);
          setProgress(null);
        }
      }
    },
    [api, live],
  );

  /** Cancels the running job and forgets it at once: its run resolves null and it no longer counts as running. */
  const abandon = useCallback(() => {
    cancel();
    seq.current++;
    jobId.current = null;
    setRunning(false);
    setProgress(null);
  }, [cancel]);

  return { run, cancel, abandon, progress, running };
}
