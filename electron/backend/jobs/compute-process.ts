import { fork } from 'node:child_process';
import type { ComputeRequest, WorkerMessage } from './protocol';

/**
 * A process of its own for one computation that takes seconds at a million customers (the dashboard, the analysis
 * reports), started with V8's garbage collector on the computation's own thread (`COMPUTE_V8_FLAGS`).
 *
 * Why not a worker thread, as the jobs have: a worker's garbage collector shares the process's helper threads with
 * the backend's own thread. The dashboard reads every task and attempt into objects (~600 MB allocated at a million),
 * and on these 2-core PCs its collections took the core the backend's thread needed: a hall look-up's young-generation
 * collection that takes 0.5–1 ms idle took up to 7 ms, and the look-up p99 while a dashboard was computed was
 * 4.2–6.6 ms against the ≤ 5 ms target (docs/product.md §10). A process of its own with a single-threaded collector
 * uses one core at most, and leaves the other to the backend's thread.
 */
export interface ComputeProcess {
  post(request: ComputeRequest): void;
  onMessage(listener: (m: WorkerMessage) => void): void;
  /** The process ended (by itself, killed, or failing to start); `code` null when a signal ended it. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** Starts the computation's process from the job bundle (worker.cjs runs as a thread or, so, as a process). */
export type StartComputeProcess = (workerPath: string) => ComputeProcess;

/**
 * The V8 flags of a computation's process. Only at its start: V8 cannot take them later (`v8.setFlagsFromString`
 * with this flag, tried at the top of the child, crashed V8 in its next full collection).
 */
export const COMPUTE_V8_FLAGS: readonly string[] = ['--single-threaded-gc'];

/** The computations run in a process of their own where the host can start one (runner.ts); the rest in a thread. */
export const PROCESS_COMPUTATIONS: ReadonlySet<string> = new Set(['dashboard', 'analysis']);

/** Node's child process (browser mode, the CLI): the same executable, with the flags; structured-clone messages. */
export const nodeComputeProcess: StartComputeProcess = (workerPath) => {
  const child = fork(workerPath, [], { execArgv: [...COMPUTE_V8_FLAGS], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    post: (request) => child.send(request),
    onMessage: (listener) => child.on('message', (m) => listener(m as WorkerMessage)),
    onExit: (listener) => {
      child.on('exit', (code) => listener(code));
      child.on('error', () => listener(null));
    },
    kill: () => child.kill(),
  };
};
