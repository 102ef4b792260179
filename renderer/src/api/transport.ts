import { failedResult, SECRET_HEADER, SESSION_HEADER, type ApiResult, type EventName, type EventPayload, type OperationName, type StagedFileView } from '../../../core/api';

/**
 * How the renderer reaches the backend. Two implementations: Electron IPC through the preload bridge,
 * and HTTP in browser mode. The typed client (client.ts) does not know which one it has.
 */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  /** `session` is the signed-in session's token (null before sign-in); the backend resolves it to the caller. */
  invoke(name: OperationName, input: unknown, session: string | null): Promise<ApiResult<unknown>>;
  /** Subscribe to a pushed event; returns the unsubscribe function. */
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
  /**
   * The signed-in session changed (null: signed out). Pushed events belong to a session (the backend sends a
   * session only the events it may hear), so browser mode reconnects its event stream with the new one.
   */
  setSession?(session: string | null): void;
  /**
   * Browser mode only: the page has no file dialog of the backend's, so it sends a chosen file's bytes and
   * fetches produced files itself (both need the run's secret and the session). The desktop uses `file-pick` / `file-save`.
   */
  upload?(file: File, session: string | null): Promise<ApiResult<StagedFileView>>;
  download?(file: StagedFileView, session: string | null): Promise<ApiResult<Blob>>;
}

/** What electron/preload exposes on `window.retentionDesk` (and nothing more). */
export interface PreloadBridge {
  invoke(name: string, input: unknown, session: string | null): Promise<ApiResult<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    retentionDesk?: PreloadBridge;
  }
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'ipc',
    invoke: (name, input, session) => bridge.invoke(name, input, session),
    on: (name, listener) => bridge.on(name, listener as (payload: unknown) => void),
  };
}

const SECRET_STORAGE_KEY = 'retention-desk-secret';

/**
 * Browser mode: the per-run secret arrives in the URL fragment (never sent to the server, so it stays out of
 * logs and Referer headers); we keep it for this tab's session and clear it from the address bar.
 */
export function readBrowserSecret(): string | null {
  const match = /(?:^#|&)secret=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(SECRET_STORAGE_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(SECRET_STORAGE_KEY);
}

export function httpTransport(secret: string, base = ''): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;
  let streamSession: string | null = null;
  let connection: AbortController | null = null;
  let sessionChanged: () => void = () => undefined;

  async function stream(): Promise<void> {
    // Server-sent events over fetch (EventSource cannot send the secret header). Only while signed in: events
    // belong to a session. Reconnects after a pause, and at once when the session changes.
    for (;;) {
      if (streamSession === null) await new Promise<void>((r) => (sessionChanged = r));
      const session = streamSession;
      if (session === null) continue;
      connection = new AbortController();
      try {
        const res = await fetch(`${base}/api/events`, { headers: { [SECRET_HEADER]: secret, [SESSION_HEADER]: session }, signal: connection.signal });
        if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) listeners.get(event)?.forEach((l) => l(JSON.parse(data)));
          }
        }
      } catch {
        // backend restarting, tab offline, or a new session: try again shortly
      }
      if (streamSession !== session) continue;
      await new Promise<void>((r) => {
        sessionChanged = r;
        setTimeout(r, 2000);
      });
    }
  }

  // A failed fetch: said by its own key (the renderer words it; the browser's reason stays in details for a log).
  const unreachable = (e: unknown) => failedResult('internal', 'api.unreachable', {}, { reason: String(e) });
  // An answer that is not our JSON (a proxy's page, a crash mid-answer): its HTTP status is all there is to say.
  const unreadable = (res: Response) => failedResult('internal', 'api.backend-answered', { status: String(res.status) });

  return {
    kind: 'http',
    setSession(session) {
      if (session === streamSession) return;
      streamSession = session;
      connection?.abort();
      sessionChanged();
    },
    async upload(file, session) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/file-upload`, {
          method: 'POST',
          headers: {
            [SECRET_HEADER]: secret,
            ...(session && { [SESSION_HEADER]: session }),
            'x-file-name': encodeURIComponent(file.name),
            'content-type': 'application/octet-stream',
          },
          body: file,
        });
      } catch (e) {
        return unreachable(e);
      }
      try {
        return (await res.json()) as ApiResult<StagedFileView>;
      } catch {
        return unreadable(res);
      }
    },
    async download(file, session) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/file-download/${encodeURIComponent(file.token)}`, {
          headers: { [SECRET_HEADER]: secret, ...(session && { [SESSION_HEADER]: session }) },
        });
      } catch (e) {
        return unreachable(e);
      }
      if (res.ok) return { ok: true, data: await res.blob() };
      try {
        return (await res.json()) as ApiResult<Blob>;
      } catch {
        return unreadable(res);
      }
    },
    async invoke(name, input, session) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, ...(session && { [SESSION_HEADER]: session }) },
          body: JSON.stringify(input ?? {}),
        });
      } catch (e) {
        return unreachable(e);
      }
      try {
        return (await res.json()) as ApiResult<unknown>;
      } catch {
        return unreadable(res);
      }
    },
    on(name, listener) {
      if (!streaming) {
        streaming = true;
        void stream();
      }
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
