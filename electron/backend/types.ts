import type { ApiResult, EventName, EventPayload, OperationName, Role } from '../../core/api';
import type { FileStore } from './files';

/** Who is calling. Sign-in arrives with issue 5; until then the local user acts as a supervisor. */
export interface Caller {
  agentId: string | null;
  role: Role;
}

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/**
 * The transport-neutral backend: both transports (Electron IPC in electron/main, HTTP in electron/http.ts)
 * and the CLI hold one of these and call `dispatch` with a contract name and raw JSON input.
 */
export interface Backend {
  readonly dbPath: string;
  dispatch(name: OperationName | string, input: unknown, caller?: Caller): Promise<ApiResult<unknown>>;
  /** Pushed events (job progress, data changes); returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Uploads and downloads for the transports (browser-mode upload/download endpoints, Electron dialogs, CLI). */
  readonly files: FileStore;
  close(): void;
}

export interface BackendOptions {
  dbPath: string;
  /** Seed the demo workspace when the database holds no data yet (first run). */
  demoIfEmpty?: boolean;
  /** Clock, injectable for tests; core code takes time as a parameter. */
  now?: () => Date;
  /** The bundled job worker; defaults to dist/node/worker.cjs. */
  workerPath?: string;
}
