import type { StartComputeProcess } from './jobs/compute-process';
import type { ApiResult, EventName, EventPayload, OperationName, Role } from '../../core/api';
import type { CallerFiles, FileStore } from './files';
import type { LookupLimit } from './lookup-limit';
import type { KeyProtector } from './identity-key';

/** Who makes a call: a signed-in agent or supervisor, the local CLI (supervisor), or nobody yet ('public'). */
export interface Caller {
  agentId: string | null;
  role: Role | 'public';
}

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/**
 * The transport-neutral backend: both transports (Electron IPC in electron/main, HTTP in electron/http.ts)
 * and the CLI hold one of these and call `dispatch` with a contract name and raw JSON input.
 */
export interface Backend {
  readonly dbPath: string;
  dispatch(name: OperationName | string, input: unknown, caller?: Caller): Promise<ApiResult<unknown>>;
  /**
   * What the transports call: the caller is whoever signed in with this session token (none → only public
   * operations). The CLI and in-process tests use `dispatch` with an explicit caller instead.
   */
  dispatchSession(token: string | null, name: OperationName | string, input: unknown): Promise<ApiResult<unknown>>;
  /** Every pushed event (job progress, data changes), for the trusted side (CLI, tests); returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /**
   * The events one signed-in session may hear: none once the session has ended (`onEnded` is then called and the
   * subscription dropped), and job progress only of the jobs it may follow (its own; a supervisor's every job).
   */
  onSessionEvent(token: string, listener: EventListener, onEnded?: () => void): () => void;
  /** Who a session token stands for; null when it is unknown or has ended. Does not count as activity. */
  callerOf(token: string | null): Caller | null;
  /** The staged files as a session may use them; null when the session is unknown or has ended. */
  filesFor(token: string | null): CallerFiles | null;
  /** Every staged file, for the trusted side (CLI, tests); transports use `filesFor`. */
  readonly files: FileStore;
  close(): void;
  /**
   * Stops running jobs (their transactions roll back), waits until every worker thread has exited, then closes —
   * so no worker is still writing when the workspace closes. The desktop app quits through this.
   */
  shutdown(): Promise<void>;
}

/**
 * The desktop's file dialogs, supplied by the Electron shell (electron/main): a path the person chose, or null when
 * they cancelled. The `file-pick` and `file-save` operations use them through dispatch like every other operation;
 * without them (browser mode, the CLI) those operations are refused and the page uploads and downloads instead.
 */
export interface FileDialogs {
  pickFile(opts: { title?: string; extensions: string[] }): Promise<string | null>;
  saveFile(opts: { defaultName: string }): Promise<string | null>;
}

export interface BackendOptions {
  /** The desktop's file dialogs (electron/main); absent in browser mode and the CLI. */
  dialogs?: FileDialogs;
  dbPath: string;
  /** Seed the demo workspace when the database holds no data yet (first run). */
  demoIfEmpty?: boolean;
  /** Clock, injectable for tests; core code takes time as a parameter. */
  now?: () => Date;
  /** The bundled job worker; defaults to dist/node/worker.cjs. */
  workerPath?: string;
  /** Minutes without a call after which a session ends (default 30). */
  sessionIdleMinutes?: number;
  /** How often the workspace is watched for changes made elsewhere and call-backs coming due (ms; default 1000). */
  liveTickMs?: number;
  /**
   * The typed hall look-ups one session may make (lookup-limit.ts; default 30 at once, then one per 6 s). Only the
   * benchmark raises it: it measures how fast a look-up is, not how often a person may make one.
   */
  lookupLimit?: LookupLimit;
  /** Daily backups beside the workspace (backups/, newest 7 kept): the app and `serve` turn them on. */
  dailyBackups?: boolean;
  /**
   * Run the campaigns set to run once a day (docs/product.md §5.6) when the day's turn comes: the app and `serve`, which
   * stay open, turn it on; a one-shot CLI command does not start work behind the supervisor's back.
   */
  scheduledCampaigns?: boolean;
  /**
   * Keep the stored figures computed for today (docs/product.md §4.1): at start and with the hour, recompute when the
   * last full recompute was on another day, or was stopped (a crash) between a mass change's figures and their queue
   * order; the daily campaigns run after it. The app and `serve`, which stay open, turn it on; a one-shot command
   * starts nothing on its own (`score` recomputes by itself).
   */
  dailyRecompute?: boolean;
  /** Folder of the user's identity key file (identity-key.ts); defaults to the app's home folder (paths.ts). */
  identityKeyDir?: string;
  /** Electron's `safeStorage` on the desktop: the identity key is then kept encrypted by the OS credential store. */
  keyProtector?: KeyProtector;
  /** The old-generation cap of a job's worker (jobs/heap-limit.ts by default); a test sets a tiny one. */
  workerHeapLimitMb?: (kind: string, payload: unknown) => number | undefined;
  /**
   * Starts the process the dashboard and the analysis reports are computed in (jobs/compute-process.ts): Node's child
   * process in browser mode, Electron's utility process on the desktop. Without, they are computed in a worker thread.
   */
  computeProcess?: StartComputeProcess;
  /**
   * Open tasks up to which the queue sorted by risk is computed on the backend's thread (handlers/queue.ts; default
   * 100,000); past it, in a worker. A test sets 0.
   */
  queueSortInlineTasks?: number;
}
