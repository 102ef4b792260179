import '../sheetjs-node';
import { parentPort, workerData } from 'node:worker_threads';
import { ApiFailure } from '../../../core/api';
import { openDatabase } from '../../../db/connection';
import { toApiError } from '../failure';
import type { JobContext } from './kinds';
import { jobKinds } from './registry';
import type { ComputeRequest, JobWorkerData, WorkerMessage } from './protocol';
import { closeReaders } from './read-ahead';
import { closeFileSources } from '../file-source';

/**
 * Entry point of every job's worker thread (bundled as dist/node/worker.cjs), and of a computation's own process
 * (compute-process.ts): started as a process, it gets its one computation as the first message instead of as
 * worker data, and answers the same messages.
 */
async function run(data: JobWorkerData, post: (m: WorkerMessage) => void): Promise<void> {
  const cancelFlag = new Int32Array(data.cancelFlag);
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

/**
 * How a process started for a computation hears and answers: Node's IPC channel (`process.send`; compute-process.ts
 * forks it, in Electron too). The backend ends the process once it has the answer.
 */
interface ParentChannel {
  on(listener: (m: ComputeRequest) => void): void;
  post(m: WorkerMessage): void;
}

function parentChannel(): ParentChannel | null {
  const send = process.send?.bind(process);
  if (!send) return null;
  // The backend gone (crashed or killed before it could end this process), nobody waits for the answer: this process
  // ends with it rather than computing on for seconds (or lingering, before its request came).
  process.on('disconnect', () => process.exit(0));
  return { on: (listener) => process.on('message', (m) => listener(m as ComputeRequest)), post: (m) => send(m) };
}

if (parentPort) {
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  run(workerData as JobWorkerData, post).catch((e: unknown) => post({ type: 'failed', error: toApiError(e) }));
} else {
  const channel = parentChannel();
  if (!channel) throw new Error('worker.cjs runs as a job worker thread or a computation process');
  let started = false;
  channel.on((request) => {
    if (started) return;
    started = true;
    // Nothing cancels a computation (runner.ts `compute`): its flag stays 0.
    run({ ...request, cancelFlag: new SharedArrayBuffer(4) }, channel.post).catch((e: unknown) => channel.post({ type: 'failed', error: toApiError(e) }));
  });
}
