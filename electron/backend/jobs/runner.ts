import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiFailure, apiError, isJobKind, jobResults, type ApiError, type EventPayload, type JobKind, type JobResult } from '../../../core/api';
import { mayAccess } from '../ownership';
import type { Caller } from '../types';
import type { IdentityKeyState } from '../identity-key';
import type { JobWorkerData, WorkerMessage } from './protocol';
import { defaultWorkerPath } from './worker-path';
import { CAPPED_YOUNG_GENERATION_MB, workerHeapLimitMb } from './heap-limit';
import { PROCESS_COMPUTATIONS, type ComputeProcess, type StartComputeProcess } from './compute-process';

/**
 * The jobs that store identity hashes and so get the identity key (identity-key.ts) in their worker data. Only
 * they: the key is resolved (and created on first use) when one of them starts, not for every job.
 */
const KEYED_JOBS: ReadonlySet<string> = new Set(['worklist-import']);

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobRecord {
  id: string;
  kind: string;
  state: JobState;
  phase: string;
  done: number;
  total: number | null;
  result?: unknown;
  error?: ApiError;
  startedAt: string;
  finishedAt?: string;
}

/** Who may hear of a job: its owner (the agent id that started it; null for the local CLI) and supervisors. */
export interface JobAudience {
  owner: string | null;
}

/** A job of a known kind: its result has that kind's type (core/api/job-results.ts). */
export type TypedJobRecord<K extends JobKind> = Omit<JobRecord, 'result'> & { result?: JobResult<K> };

/** The runner as one caller sees it: an agent starts jobs as their own and follows only those; a supervisor any. */
export interface CallerJobs {
  start<K extends JobKind>(kind: K, payload: unknown, onDone?: (job: TypedJobRecord<K>) => void): TypedJobRecord<K>;
  get(id: string): JobRecord;
  cancel(id: string): JobRecord;
  wait(id: string): Promise<JobRecord>;
  compute(kind: string, payload: unknown): Promise<unknown>;
}

/**
 * How long a finished job (and its result, which may be a whole import preview) is kept for `job-get`: long enough
 * for any page that followed it, or an agent who came back from lunch, to read it; then it is forgotten so a desk
 * running for weeks does not keep every result it ever produced.
 */
export const FINISHED_JOB_KEEP_MS = 2 * 60 * 60_000;

type RunningJob = JobRecord & { owner: string | null; worker?: Worker; cancel: Int32Array; waiters: ((r: JobRecord) => void)[] };

/**
 * Long jobs (import, recompute, train, report, merge) run in a worker thread with their own database
 * connection, so neither the UI nor the backend's event loop ever waits on them (docs/product.md §10). Each reports
 * progress as events, can be cancelled, and commits in one transaction inside the worker.
 */
export class JobRunner {
  private readonly jobs = new Map<string, RunningJob>();
  private readonly computing = new Set<Worker>();
  private readonly computingProcesses = new Set<ComputeProcess>();
  private closing = false;

  constructor(
    private readonly dbPath: string,
    private readonly emit: (payload: EventPayload<'job-progress'>, audience: JobAudience) => void,
    private readonly now: () => Date,
    private readonly workerPath = defaultWorkerPath(),
    private readonly identityKey?: () => IdentityKeyState,
    /** The old-generation cap of a job's worker (MB; undefined: V8's own): heap-limit.ts, smaller in a test. */
    private readonly heapLimitMb: (kind: string, payload: unknown) => number | undefined = workerHeapLimitMb,
    /** Starts a computation's own process (compute-process.ts), where the host can; without, every computation is a thread. */
    private startComputeProcess?: StartComputeProcess,
  ) {}

  start(kind: string, payload: unknown, onDone?: (job: JobRecord) => void, owner: string | null = null): JobRecord {
    this.prune();
    const id = crypto.randomUUID();
    const cancelBuffer = new SharedArrayBuffer(4);
    const startedAt = this.now().toISOString();
    const identityKey = KEYED_JOBS.has(kind) ? this.identityKey?.() : undefined;
    const heapMb = this.heapLimitMb(kind, payload);
    const worker = this.spawn({ kind, dbPath: this.dbPath, payload, cancelFlag: cancelBuffer, startedAt, ...(identityKey ? { identityKey } : {}) }, heapMb);
    const job: RunningJob = { id, kind, state: 'running', phase: 'starting', done: 0, total: null, startedAt, owner, worker, cancel: new Int32Array(cancelBuffer), waiters: [] };
    this.jobs.set(id, job);

    const finish = (patch: Partial<JobRecord>) => {
      if (job.state !== 'running') return;
      Object.assign(job, patch, { finishedAt: this.now().toISOString() });
      job.worker = undefined;
      this.publish(job);
      const snapshot = this.snapshot(job);
      onDone?.(snapshot);
      for (const w of job.waiters.splice(0)) w(snapshot);
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        Object.assign(job, { phase: m.phase, done: m.done, total: m.total });
        this.publish(job);
      } else if (m.type === 'done') finish(checkedResult(kind, m.result));
      else if (m.type === 'failed') finish({ state: m.error.code === 'cancelled' ? 'cancelled' : 'failed', error: m.error, phase: m.error.code });
    });
    worker.on('error', (e) => {
      // Past its heap cap V8 stops the worker: its transaction is rolled back, nothing was changed.
      if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' && heapMb !== undefined) {
        finish({ state: 'failed', error: apiError('too-large', 'api.job-out-of-memory', { limit: heapMb }) });
      } else finish({ state: 'failed', error: apiError('internal', 'api.internal', { detail: e.message }) });
    });
    worker.on('exit', (code) => finish({ state: 'failed', error: apiError('internal', 'api.job-stopped', { exit: String(code) }) }));
    this.publish(job);
    return this.snapshot(job);
  }

  get(id: string): JobRecord {
    const job = this.jobs.get(id);
    if (!job) throw new ApiFailure('not-found', 'api.no-job');
    return this.snapshot(job);
  }

  /** Asks the job to stop; it rolls back its transaction, so the database is as it was before. */
  cancel(id: string): JobRecord {
    const job = this.jobs.get(id);
    if (!job) throw new ApiFailure('not-found', 'api.no-job');
    if (job.state === 'running') Atomics.store(job.cancel, 0, 1);
    return this.snapshot(job);
  }

  /**
   * The runner as `caller` may use it (issue 12: an agent read a supervisor's import preview and cancelled a
   * recompute by job id). Someone else's job is "not found", so ids tell an agent nothing.
   */
  forCaller(caller: Caller): CallerJobs {
    const visible = (id: string): RunningJob => {
      const job = this.jobs.get(id);
      if (!job || !mayAccess(job.owner, caller)) throw new ApiFailure('not-found', 'api.no-job');
      return job;
    };
    return {
      start: <K extends JobKind>(kind: K, payload: unknown, onDone?: (job: TypedJobRecord<K>) => void) =>
        this.start(kind, payload, onDone as ((job: JobRecord) => void) | undefined, caller.agentId) as TypedJobRecord<K>,
      get: (id) => this.snapshot(visible(id)),
      cancel: (id) => this.cancel(visible(id).id),
      wait: (id) => {
        try {
          return this.wait(visible(id).id);
        } catch (e) {
          return Promise.reject(e);
        }
      },
      compute: (kind, payload) => this.compute(kind, payload),
    };
  }

  /**
   * A computation off the backend's thread that the caller simply awaits: no job record, no progress events,
   * nothing to cancel. For answers too slow to compute inline but too quick to show as a job (the dashboard).
   */
  async compute(kind: string, payload: unknown): Promise<unknown> {
    if (this.startComputeProcess && PROCESS_COMPUTATIONS.has(kind)) return this.computeInProcess(kind, payload, this.startComputeProcess);
    const worker = this.spawn({ kind, dbPath: this.dbPath, payload, cancelFlag: new SharedArrayBuffer(4), startedAt: this.now().toISOString() });
    this.computing.add(worker);
    return new Promise<unknown>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'done') resolve(m.result);
        else if (m.type === 'failed') reject(new ApiFailure(m.error.code, m.error.messageKey, m.error.params, m.error.details));
      });
      worker.on('error', (e) => reject(new ApiFailure('internal', 'api.internal', { detail: e.message })));
      worker.on('exit', (code) => {
        this.computing.delete(worker);
        // After an answer this changes nothing (a promise settles once).
        reject(new ApiFailure('internal', 'api.computation-stopped', { exit: String(code) }));
      });
    });
  }

  /**
   * A computation in a process of its own (compute-process.ts), ended once it has answered. A process that cannot be
   * started, or ends before it answers, leaves this computation and the later ones to a worker thread, as before
   * processes were used: the desktop starts it from its own executable as Node (docs/desktop.md "Computations in a
   * process of their own"), which a packaging that turned that off would refuse.
   */
  private computeInProcess(kind: string, payload: unknown, start: StartComputeProcess): Promise<unknown> {
    this.checkWorkerBuilt();
    const child = start(this.workerPath);
    this.computingProcesses.add(child);
    return new Promise<unknown>((resolve, reject) => {
      let answered = false;
      child.onMessage((m) => {
        if (m.type === 'progress' || answered) return;
        answered = true;
        this.computingProcesses.delete(child);
        child.kill();
        if (m.type === 'done') resolve(m.result);
        else reject(new ApiFailure(m.error.code, m.error.messageKey, m.error.params, m.error.details));
      });
      child.onExit((code) => {
        if (answered || !this.computingProcesses.delete(child)) return;
        answered = true;
        if (this.closing) {
          reject(new ApiFailure('internal', 'api.computation-stopped', { exit: String(code) }));
          return;
        }
        console.error(`Retention Desk: a computation's process ended before answering (exit ${String(code)}); computing in a worker thread from now on`);
        this.startComputeProcess = undefined;
        this.compute(kind, payload).then(resolve, reject);
      });
      child.post({ kind, dbPath: this.dbPath, payload, startedAt: this.now().toISOString() });
    });
  }

  wait(id: string): Promise<JobRecord> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new ApiFailure('not-found', 'api.no-job'));
    if (job.state !== 'running') return Promise.resolve(this.snapshot(job));
    return new Promise((resolve) => job.waiters.push(resolve));
  }

  async closeAll(): Promise<void> {
    this.closing = true;
    for (const child of this.computingProcesses) child.kill();
    await Promise.all([...[...this.jobs.values()].map((j) => j.worker?.terminate()), ...[...this.computing].map((w) => w.terminate())]);
  }

  private checkWorkerBuilt(): void {
    if (!fs.existsSync(this.workerPath)) {
      throw new ApiFailure('internal', 'api.worker-missing', { file: path.basename(this.workerPath) });
    }
  }

  private spawn(data: JobWorkerData, heapMb?: number): Worker {
    this.checkWorkerBuilt();
    return new Worker(this.workerPath, { workerData: data, ...(heapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: CAPPED_YOUNG_GENERATION_MB } } : {}) });
  }

  /** Forgets the jobs that finished more than FINISHED_JOB_KEEP_MS ago. */
  private prune(): void {
    const before = this.now().getTime() - FINISHED_JOB_KEEP_MS;
    for (const [id, job] of this.jobs) {
      if (job.state !== 'running' && job.finishedAt && Date.parse(job.finishedAt) < before) this.jobs.delete(id);
    }
  }

  private snapshot(job: JobRecord): JobRecord {
    const { id, kind, state, phase, done, total, result, error, startedAt, finishedAt } = job;
    return { id, kind, state, phase, done, total, result, error, startedAt, finishedAt };
  }

  private publish(job: RunningJob): void {
    this.emit({
      jobId: job.id,
      kind: job.kind,
      phase: job.phase,
      done: job.done,
      total: job.total,
      finished: job.state !== 'running',
      ...(job.error ? { error: { code: job.error.code, messageKey: job.error.messageKey, params: job.error.params, message: job.error.message } } : {}),
    }, { owner: job.owner });
  }
}

/**
 * A finished job's result, checked against its kind's schema (core/api/job-results.ts) as dispatch checks every
 * answer: a job that drifts from the contract fails loudly here, not in a page that reads the result.
 */
export function checkedResult(kind: string, result: unknown): Partial<JobRecord> {
  if (!isJobKind(kind)) return { state: 'done', result, phase: 'done' };
  const checked = jobResults[kind].safeParse(result);
  if (checked.success) return { state: 'done', result: checked.data, phase: 'done' };
  const problem = checked.error.issues[0];
  return { state: 'failed', phase: 'internal', error: apiError('internal', 'api.job-result-mismatch', { kind, path: problem?.path.join('.') ?? '', problem: problem?.message ?? '' }) };
}


