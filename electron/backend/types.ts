import type { ApiResult, EventName, EventPayload, OperationName, Role } from '../../core/api';
import type { FileStore } from './files';

/** Who is calling. Sign-in arrives with issue 5; until then the local user acts as a supervisor. */
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
  /** Pushed events (job progress, data changes); returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Uploads and downloads for the transports (browser-mode upload/download endpoints, Electron dialogs, CLI). */
  readonly files: FileStore;
  close(): void;
  /**
   * Stops running jobs (their transactions roll back), waits until every worker thread has exited, then closes —
   * so no worker is still writing when the workspace closes. The desktop app quits through this.
   */
  shutdown(): Promise<void>;
}

export interface BackendOptions {
  dbPath: string;
  /** Seed the demo workspace when the database holds no data yet (first run). */
  demoIfEmpty?: boolean;
  /** Clock, injectable for tests; core code takes time as a parameter. */
  now?: () => Date;
  /** The bundled job worker; defaults to dist/node/worker.cjs. */
  workerPath?: string;
  /** Minutes without a call after which a session ends (default 30). */
  sessionIdleMinutes?: number;
  /** Daily backups beside the workspace (backups/, newest 7 kept): the app and `serve` turn them on. */
  dailyBackups?: boolean;
}
