import type { ApiError } from '../../../core/api';

/** Messages between the backend and a job's worker thread. */
export interface JobWorkerData {
  kind: string;
  dbPath: string;
  payload: unknown;
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the user cancels. */
  cancelFlag: SharedArrayBuffer;
  /** ISO time the job was started: jobs take time as a parameter like core does. */
  startedAt: string;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number | null }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: ApiError };
