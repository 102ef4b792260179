import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobView } from '../../../../core/api';
import { useApi } from '../../api/ApiContext';
import { followJob, type JobUpdate } from '../../api/jobs';

/**
 * Runs one backend job at a time for a dialog or a page: its progress while it runs, Cancel, and no state
 * updates once the component is gone or a newer run has replaced it (the job itself goes on unless cancelled).
 */
export function useJobRunner() {
  const api = useApi();
  const [progress, setProgress] = useState<JobUpdate | null>(null);
  const [running, setRunning] = useState(false);
  const jobId = useRef<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const mounted = seq;
    return () => {
      mounted.current++;
    };
  }, []);

  /** Starts a job and follows it; null when the run was abandoned (unmounted, or replaced by a newer run). */
  const run = useCallback(
    async (start: () => Promise<JobView>): Promise<JobView | null> => {
      const mine = ++seq.current;
      const isCurrent = () => mine === seq.current;
      setRunning(true);
      setProgress(null);
      try {
        const started = await start();
        if (!isCurrent()) return null;
        jobId.current = started.id;
        const job = await followJob(api, started, (u) => isCurrent() && setProgress(u), isCurrent);
        return isCurrent() ? job : null;
      } finally {
        if (isCurrent()) {
          jobId.current = null;
          setRunning(false);
          setProgress(null);
        }
      }
    },
    [api],
  );

  /** Asks the backend to stop the running job; the follower then sees it end as "cancelled". */
  const cancel = useCallback(() => {
    const id = jobId.current;
    if (id) void api.call('job-cancel', { jobId: id }).catch(() => undefined);
  }, [api]);

  return { run, cancel, progress, running };
}
