import { useCallback, useState } from 'react';
import type { JobView } from '../../../core/api';
import { jobError, resultOf, type JobUpdate } from '../api/jobs';
import { useJobRunner } from './useJobRunner';

/** A configuration page's preview: the read-only job that says what a candidate configuration would change. */
export interface ConfigPreviewState<C, R> {
  running: boolean;
  progress: JobUpdate | null;
  result: R | null;
  /** The key (`keyOf`) of the configuration the result is for, to tell a stale result from a fresh one. */
  forKey: string | null;
  error: unknown;
  cancelled: boolean;
  run(config: C): Promise<void>;
  cancel(): void;
  clear(): void;
}

/**
 * Runs the preview job for a candidate configuration and follows it. A newer run supersedes an older one (its
 * answer is dropped); cancel asks the backend to stop the job. `start` (kept stable by the caller) asks for the job.
 */
export function useConfigPreviewJob<C, J extends JobView>(start: (config: C) => Promise<J>, keyOf: (config: C) => string): ConfigPreviewState<C, NonNullable<J['result']>> {
  // Leaving the page stops a preview nobody will read.
  const job = useJobRunner({ cancelOnUnmount: true });
  const [result, setResult] = useState<NonNullable<J['result']> | null>(null);
  const [forKey, setForKey] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const { run: runJob, abandon } = job;

  const run = useCallback(
    async (config: C) => {
      setError(null);
      setCancelled(false);
      try {
        const done = await runJob(() => start(config));
        if (!done) return;
        if (done.state === 'done') {
          setResult(resultOf(done));
          setForKey(keyOf(config));
        } else if (done.state === 'cancelled') setCancelled(true);
        else if (done.state === 'failed') setError(jobError(done));
      } catch (e) {
        setError(e);
      }
    },
    [runJob, start, keyOf],
  );
  const clear = useCallback(() => {
    abandon();
    setResult(null);
    setForKey(null);
    setError(null);
    setCancelled(false);
  }, [abandon]);
  return { running: job.running, progress: job.progress, result, forKey, error, cancelled, run, cancel: job.cancel, clear };
}
