import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { JobView, StagedFileView } from '../../../core/api';
import { useApi } from '../api/ApiContext';
import { fileJobBusy, fileJobReducer, initialFileJob, jobOutcome, workbookExtensions, type FileJobEvent, type FileJobState, type JobOutcome } from '../api/fileJobFlow';
import { pickFile, pickFiles } from '../api/files';
import type { JobUpdate } from '../api/jobs';
import { useJobRunner } from './useJobRunner';

/** Starts the flow's job for the chosen files with a password ('' for none). */
export type StartJob<J extends JobView> = (files: StagedFileView[], password: string) => Promise<J>;

export interface FileJobOptions<J extends JobView> {
  start: StartJob<J>;
  /** Title of the desktop file dialog. */
  title?: string;
  extensions?: readonly string[];
  /** Several files, added to the ones already chosen, and no job until `run` (merge). */
  multiple?: boolean;
  /** Cancel the job when the dialog goes away (a result nobody will read). */
  cancelOnUnmount?: boolean;
  /**
   * False where the operation takes no password (catalogue import) or asks for it in its own form (merge): a
   * protected file is then a failure with its message instead of the password step.
   */
  asksPassword?: boolean;
  /** The user has chosen files (before they are staged): what the screen showed for the previous file goes. */
  onChosen?(names: string[]): void;
}

export type FileJob<J extends JobView> = FileJobState<NonNullable<J['result']>> & {
  busy: boolean;
  /** The running job's progress. */
  progress: JobUpdate | null;
  /**
   * Opens the file dialog (call it in the click handler: browser mode needs the user's gesture); one file starts
   * the job, and the promise gives how it ended (null: no file, or the run was abandoned).
   */
  choose(): Promise<JobOutcome<NonNullable<J['result']>> | null>;
  /** Runs the job (again) on the chosen files; `start` replaces the flow's own for this run (another sheet, another choice). */
  run(password?: string, start?: StartJob<J>): Promise<JobOutcome<NonNullable<J['result']>> | null>;
  submitPassword(password: string): void;
  remove(token: string): void;
  cancel(): void;
  reset(): void;
};

/**
 * The shared "pick a file → password → run a job" flow (api/fileJobFlow.ts) with the file picker and the job
 * runner: one job at a time, progress, Cancel, and nothing updated once the dialog is gone.
 */
export function useFileJobFlow<J extends JobView>(options: FileJobOptions<J>): FileJob<J> {
  type R = NonNullable<J['result']>;
  const api = useApi();
  const runner = useJobRunner({ cancelOnUnmount: options.cancelOnUnmount ?? false });
  const [state, dispatchRaw] = useReducer(fileJobReducer<R>, undefined, initialFileJob<R>);
  // The latest state and options for callbacks that outlive a render (a pick resolves after the click): every
  // event goes through `dispatch`, which keeps this copy in step with React's.
  const latest = useRef({ state, options });
  useEffect(() => {
    latest.current.options = options;
  });
  const dispatch = useCallback((e: FileJobEvent<R>) => {
    latest.current.state = fileJobReducer(latest.current.state, e);
    dispatchRaw(e);
  }, []);
  const { run: runJob, cancel: cancelJob } = runner;

  const run = useCallback(
    async (password = latest.current.state.password, start?: StartJob<J>): Promise<JobOutcome<R> | null> => {
      const files = latest.current.state.files;
      if (files.length === 0) return null;
      const begin = start ?? latest.current.options.start;
      // A new run replaces one still under way (a re-check after another change): the old job is not worth finishing.
      if (latest.current.state.step === 'running') cancelJob();
      dispatch({ type: 'run', password });
      try {
        const job = await runJob(() => begin(files, password));
        if (!job) return null;
        const read = jobOutcome(job, password !== '');
        const outcome: JobOutcome<R> = read.kind === 'password' && latest.current.options.asksPassword === false ? { kind: 'failed', error: read.error } : read;
        dispatch({ type: 'ended', outcome });
        return outcome;
      } catch (error) {
        dispatch({ type: 'run-failed', error });
        return { kind: 'failed', error };
      }
    },
    [cancelJob, dispatch, runJob],
  );

  const choose = useCallback(() => {
    const { options: o } = latest.current;
    const pickOptions = {
      extensions: o.extensions ?? workbookExtensions,
      ...(o.title !== undefined && { title: o.title }),
      onChosen: (names: string[]) => {
        o.onChosen?.(names);
        dispatch({ type: 'chosen', names });
      },
    };
    // The job of the previous file is not worth finishing (its answer would be dropped anyway).
    if (latest.current.state.step === 'running') runner.abandon();
    dispatch({ type: 'pick' });
    const picking = o.multiple ? pickFiles(api, pickOptions) : pickFile(api, pickOptions).then((f) => (f ? [f] : []));
    return picking.then(
      (files) => {
        dispatch({ type: 'picked', files, add: o.multiple ?? false });
        return files.length > 0 && !o.multiple ? run('') : null;
      },
      (error: unknown) => {
        dispatch({ type: 'pick-failed', error });
        return null;
      },
    );
  }, [api, dispatch, run, runner]);

  const submitPassword = useCallback((password: string) => void run(password), [run]);
  const remove = useCallback((token: string) => dispatch({ type: 'remove', token }), [dispatch]);
  const reset = useCallback(() => {
    runner.abandon();
    dispatch({ type: 'reset' });
  }, [dispatch, runner]);

  return { ...state, progress: runner.progress, busy: fileJobBusy(state), choose, run, submitPassword, remove, cancel: runner.cancel, reset };
}
