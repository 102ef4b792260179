import type { Db } from '../../../db/connection';
import type { IdentityKeyState } from '../identity-key';

/** What a job's body gets inside its worker thread. */
export interface JobContext<P = unknown> {
  db: Db;
  payload: P;
  startedAt: string;
  /** The identity-number key, for the jobs that store identity hashes (runner.ts KEYED_JOBS); absent otherwise. */
  identityKey?: IdentityKeyState;
  /** Reports progress (throttled to a few messages a second). */
  progress(phase: string, done: number, total: number | null): void;
  /** Throws a `cancelled` ApiFailure once the user has cancelled; call it between batches. */
  checkCancelled(): void;
}

export type JobBody = (ctx: JobContext<never>) => unknown | Promise<unknown>;

