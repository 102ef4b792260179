import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { failedResult, type ApiResult } from '../../core/api/errors';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, preloadEventNames, preloadOperationNames } from './names';

/*
 * The whole surface the page gets: invoke(operation, input) and on(event, listener) for the contract's names.
 * ipcRenderer itself never crosses the bridge — with it a compromised page could send on any channel.
 * Names are checked here and again in main; this copy just fails fast and keeps junk off the IPC pipe.
 */

const operations = new Set<string>(preloadOperationNames);
const events = new Set<string>(preloadEventNames);

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let subscribed = false;

// One ipcRenderer listener fans out to all page listeners: no per-subscription IPC listeners (and no
// MaxListeners warnings), and the IpcRendererEvent — which carries `sender` — never reaches page code.
function onBackendEvent(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  if (typeof name !== 'string') return;
  const set = listeners.get(name);
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`retentionDesk: listener for "${name}" failed`, error);
    }
  }
}

const bridge = {
  async invoke(name: string, input: unknown, session: string | null = null): Promise<ApiResult<unknown>> {
    if (typeof name !== 'string' || !operations.has(name)) {
      return failedResult('unknown-operation', 'api.unknown-operation', { name: String(name).slice(0, 80) });
    }
    try {
      return (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input, typeof session === 'string' ? session : null)) as ApiResult<unknown>;
    } catch (error) {
      // only reached when main has no handler yet or is shutting down; keep the errors-as-data promise
      return failedResult('internal', 'api.backend-unavailable', { detail: error instanceof Error ? error.message : String(error) });
    }
  },

  on(name: string, listener: Listener): () => void {
    if (typeof name !== 'string' || !events.has(name)) throw new Error(`Unknown event: ${String(name).slice(0, 80)}`);
    if (typeof listener !== 'function') throw new Error('Listener must be a function');
    if (!subscribed) {
      ipcRenderer.on(IPC_EVENT_CHANNEL, onBackendEvent);
      subscribed = true;
    }
    const set = listeners.get(name) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(name, set);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('retentionDesk', bridge);
