import type { JobView, StagedFileView } from '../../../core/api';
import { ApiCallError, jobError } from './failure';

/*
 * The one "pick a file → (password) → run a job → result" flow that import, train, predict, catalogue import and
 * merge share (issue 13 #6). This module is the pure part: the states, the events and the reducer between them,
 * and how a finished job maps to an event. No React and no DOM, so every transition has a unit test
 * (tests/unit/renderer/file-job-flow.test.ts); components/useFileJobFlow.ts wires it to the file picker and the
 * job runner.
 */

/** Workbook formats the readers take (core/exchange): every file flow offers the same ones. */
export const workbookExtensions = ['xlsx', 'xls', 'ods', 'csv'] as const;

/** A protected file read without (or with a wrong) password comes back as a failed job with its own code. */
export function passwordProblem(error: unknown): 'needs' | 'wrong' | null {
  if (!(error instanceof ApiCallError)) return null;
  return error.code === 'needs-password' ? 'needs' : error.code === 'wrong-password' ? 'wrong' : null;
}

/** How a followed job ended, as the flow sees it. */
export type JobOutcome<R> =
  | { kind: 'done'; result: R; jobId: string }
  | { kind: 'cancelled' }
  /** The file is protected: `wrong` when a password was given (or the backend says it is wrong). */
  | { kind: 'password'; wrong: boolean; error: ApiCallError }
  | { kind: 'failed'; error: unknown };

/**
 * Maps a job that is no longer running to the flow's outcome. Failures become errors by code (`jobError`) so they
 * are worded in the user's language; `triedPassword` says whether the run sent one, which makes "needs a password"
 * mean "that password did not open it".
 */
export function jobOutcome<J extends JobView>(job: J, triedPassword: boolean): JobOutcome<NonNullable<J['result']>> {
  const result = job.result;
  if (job.state === 'done' && result != null) return { kind: 'done', result, jobId: job.id };
  if (job.state === 'cancelled') return { kind: 'cancelled' };
  const error = jobError(job);
  const pw = passwordProblem(error);
  if (pw) return { kind: 'password', wrong: pw === 'wrong' || triedPassword, error };
  return { kind: 'failed', error };
}

export type FileJobStep =
  /** Nothing chosen yet, or files chosen and not yet sent (merge collects several first). */
  | 'idle'
  /** The file dialog is open. */
  | 'picking'
  /** The user has chosen; browser mode is sending the bytes. */
  | 'uploading'
  /** The file is protected: the flow waits for a password. */
  | 'password'
  | 'running'
  | 'done'
  | 'failed'
  | 'cancelled';

export interface FileJobState<R> {
  step: FileJobStep;
  /** Where a dismissed file dialog returns to. */
  back: FileJobStep;
  /** Names the user chose, shown while they upload. */
  chosen: string[];
  files: StagedFileView[];
  /** The password of the last run ('' for none); the later jobs on the same file send it again. */
  password: string;
  passwordWrong: boolean;
  /** The last result; kept through a failed or cancelled re-run so the screen can stay on it. */
  result: R | null;
  /** The job that gave it (its problem list is downloaded by job id). */
  jobId: string | null;
  error: unknown;
}

export type FileJobEvent<R> =
  | { type: 'pick' }
  | { type: 'chosen'; names: string[] }
  /** Staged files; none when the user dismissed the dialog. `add` keeps the files already chosen (merge). */
  | { type: 'picked'; files: StagedFileView[]; add?: boolean }
  | { type: 'pick-failed'; error: unknown }
  | { type: 'remove'; token: string }
  | { type: 'run'; password: string }
  | { type: 'ended'; outcome: JobOutcome<R> }
  /** Starting or following the job threw (the backend refused the call, the connection went). */
  | { type: 'run-failed'; error: unknown }
  | { type: 'reset' };

export function initialFileJob<R>(): FileJobState<R> {
  return { step: 'idle', back: 'idle', chosen: [], files: [], password: '', passwordWrong: false, result: null, jobId: null, error: null };
}

/**
 * True while something runs that the dialog should not be closed over. An open file dialog is not: a browser may
 * never say that it was dismissed, and the screen must not wait for it.
 */
export const fileJobBusy = (s: FileJobState<unknown>) => s.step === 'uploading' || s.step === 'running';

export function fileJobReducer<R>(s: FileJobState<R>, e: FileJobEvent<R>): FileJobState<R> {
  switch (e.type) {
    case 'pick':
      // Another file replaces a job still running (a re-check of the previous file): dismissing the dialog then
      // leaves the flow idle, with the last result it had.
      if (s.step === 'running') return { ...s, step: 'picking', back: 'idle' };
      return { ...s, step: 'picking', back: s.step === 'picking' || s.step === 'uploading' ? s.back : s.step };
    case 'chosen':
      return { ...s, step: 'uploading', chosen: e.names, error: null };
    case 'picked':
      if (e.files.length === 0) return { ...s, step: s.back };
      if (e.add) {
        const files = [...s.files, ...e.files.filter((f) => !s.files.some((x) => x.token === f.token))];
        return { ...s, step: 'idle', files, error: null };
      }
      // A new file: nothing of the previous one holds any more (its password, its result).
      return { ...s, step: 'idle', files: e.files, password: '', passwordWrong: false, result: null, jobId: null, error: null };
    case 'pick-failed':
      return { ...s, step: s.back, error: e.error };
    case 'remove':
      return { ...s, files: s.files.filter((f) => f.token !== e.token) };
    case 'run':
      return { ...s, step: 'running', password: e.password, error: null };
    case 'ended': {
      const o = e.outcome;
      if (o.kind === 'done') return { ...s, step: 'done', result: o.result, jobId: o.jobId, passwordWrong: false };
      if (o.kind === 'cancelled') return { ...s, step: 'cancelled' };
      if (o.kind === 'password') return { ...s, step: 'password', passwordWrong: o.wrong };
      return { ...s, step: 'failed', error: o.error };
    }
    case 'run-failed':
      return { ...s, step: 'failed', error: e.error };
    case 'reset':
      return initialFileJob();
  }
}
