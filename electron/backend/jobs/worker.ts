import '../sheetjs-node';
import { parentPort, workerData } from 'node:worker_threads';
import { ApiFailure } from '../../../core/api';
import { openDatabase } from '../../../db/connection';
import { toApiError } from '../failure';
import type { JobContext } from './kinds';
import { jobKinds } from './registry';
import type { JobWorkerData, WorkerMessage } from './protocol';
import { closeReaders } from './read-ahead';
import { closeFileSources } from '../file-source';

/** Entry point of every job's worker thread (bundled as dist/node/worker.cjs). */
const data = workerData as JobWorkerData;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const cancelFlag = new Int32Array(data.cancelFlag);

async function run(): Promise<void> {
  const body = jobKinds[data.kind];
  if (!body) throw new ApiFailure('internal', 'api.unknown-job-kind', { kind: data.kind });
  const db = openDatabase(data.dbPath);
  let lastPost = 0;
  const ctx: JobContext = {
    db,
    payload: data.payload,
    startedAt: data.startedAt,
    ...(data.identityKey ? { identityKey: data.identityKey } : {}),
    progress(phase, done, total) {
      const t = performance.now();
      if (t - lastPost < 150 && (total === null || done < total)) return;
      lastPost = t;
      post({ type: 'progress', phase, done, total });
    },
    checkCancelled() {
      if (Atomics.load(cancelFlag, 0) === 1) throw new ApiFailure('cancelled', 'api.cancelled');
    },
  };
  let result: unknown;
  try {
    result = await body(ctx as JobContext<never>);
  } finally {
    // Before the job is told finished: the file it read is closed (a thread's descriptors are the process's; on
    // Windows an open file cannot be moved or deleted), its reader thread stopped, the workspace closed.
    closeReaders();
    closeFileSources();
    db.close();
  }
  post({ type: 'done', result });
}

run().catch((e: unknown) => post({ type: 'failed', error: toApiError(e) }));
