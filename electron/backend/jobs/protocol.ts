import type { ApiError } from '../../../core/api';
import type { IdentityKeyState } from '../identity-key';

/** Messages between the backend and a job's worker thread. */
export interface JobWorkerData {
  kind: string;
  dbPath: string;
  payload: unknown;
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the user cancels. */
  cancelFlag: SharedArrayBuffer;
  /** ISO time the job was started: jobs take time as a parameter like core does. */
  startedAt: string;
  /** The identity-number key for the jobs that store identity hashes (runner.ts KEYED_JOBS); in memory only. */
  identityKey?: IdentityKeyState;
}

/** What a computation's own process is sent, as its first message (compute-process.ts): a job's data without a cancel flag. */
export type ComputeRequest = Omit<JobWorkerData, 'cancelFlag' | 'identityKey'>;

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number | null }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: ApiError };
