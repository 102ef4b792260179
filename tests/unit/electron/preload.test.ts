import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventNames, operationNames } from '../../../core/api';
import { preloadEventNames, preloadOperationNames } from '../../../electron/preload/names';

// A stand-in for Electron's preload-side modules: what the page would get through contextBridge, and what
// went over ipcRenderer. Loading the real 'electron' package here would try to download its binary.
const fake = vi.hoisted(() => {
  type IpcListener = (event: unknown, ...args: unknown[]) => void;
  const exposed = new Map<string, unknown>();
  const ipcListeners = new Map<string, Set<IpcListener>>();
  const invoked: unknown[][] = [];
  let invokeResult: unknown = { ok: true, data: { pong: true } };
  let invokeError: Error | null = null;
  const ipcRenderer = {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      if (invokeError) throw invokeError;
      return invokeResult;
    },
    on(channel: string, listener: IpcListener) {
      const set = ipcListeners.get(channel) ?? new Set();
      set.add(listener);
      ipcListeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: IpcListener) {
      ipcListeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  return {
    exposed,
    ipcListeners,
    invoked,
    setInvokeResult: (value: unknown) => (invokeResult = value),
    setInvokeError: (error: Error | null) => (invokeError = error),
    emit(channel: string, ...args: unknown[]) {
      const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
      ipcListeners.get(channel)?.forEach((l) => l(ipcEvent, ...args));
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer,
  };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

interface Bridge {
  invoke(name: string, input: unknown, session?: string | null): Promise<unknown>;
  on(name: string, listener: (...args: unknown[]) => void): () => void;
}
let bridge: Bridge;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  bridge = fake.exposed.get('retentionDesk') as Bridge;
});

describe('preload names', () => {
  it('match the contract exactly', () => {
    expect([...preloadOperationNames].sort()).toEqual([...operationNames].sort());
    expect([...preloadEventNames].sort()).toEqual([...eventNames].sort());
  });
});

describe('window.retentionDesk', () => {
  it('exposes invoke and on, and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['retentionDesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract operations on rd:invoke and returns the backend’s answer', async () => {
    fake.setInvokeResult({ ok: true, data: { version: '0.1.0' } });
    await expect(bridge.invoke('app-info', {})).resolves.toEqual({ ok: true, data: { version: '0.1.0' } });
    expect(fake.invoked.at(-1)).toEqual(['rd:invoke', 'app-info', {}, null]);
  });

  it('sends the session token with the call (only a string; anything else goes as no session)', async () => {
    fake.setInvokeResult({ ok: true, data: {} });
    await bridge.invoke('queue-list', {}, 'tok-123');
    expect(fake.invoked.at(-1)).toEqual(['rd:invoke', 'queue-list', {}, 'tok-123']);
    await bridge.invoke('queue-list', {}, { evil: true } as unknown as string);
    expect(fake.invoked.at(-1)).toEqual(['rd:invoke', 'queue-list', {}, null]);
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const before = fake.invoked.length;
    for (const name of ['sql-exec', '__proto__', 'constructor', '', 42]) {
      const result = (await bridge.invoke(name as string, {})) as { ok: boolean; error?: { code: string } };
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('unknown-operation');
    }
    expect(fake.invoked.length).toBe(before);
  });

  it('turns an IPC failure into error data', async () => {
    fake.setInvokeError(new Error("No handler registered for 'rd:invoke'"));
    const result = (await bridge.invoke('app-info', {})) as { ok: boolean; error?: { code: string } };
    fake.setInvokeError(null);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only the payload of the named event, without the IPC event object', () => {
    const seen: unknown[][] = [];
    const off = bridge.on('job-progress', (...args) => seen.push(args));
    fake.emit('rd:event', 'job-progress', { jobId: 'j1' });
    fake.emit('rd:event', 'data-changed', { what: ['tasks'] });
    expect(seen).toEqual([[{ jobId: 'j1' }]]);

    off();
    fake.emit('rd:event', 'job-progress', { jobId: 'j2' });
    expect(seen).toHaveLength(1);
  });

  it('keeps one IPC listener however many subscriptions there are', () => {
    const offs = Array.from({ length: 20 }, () => bridge.on('data-changed', () => {}));
    expect(fake.ipcListeners.get('rd:event')?.size).toBe(1);
    offs.forEach((off) => off());
  });

  it('refuses unknown events and non-function listeners', () => {
    expect(() => bridge.on('anything', () => {})).toThrow(/Unknown event/);
    expect(() => bridge.on('job-progress', 'nope' as never)).toThrow(/function/);
  });

  it('keeps other listeners running when one throws', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: unknown[] = [];
    const offA = bridge.on('data-changed', () => {
      throw new Error('boom');
    });
    const offB = bridge.on('data-changed', (payload) => seen.push(payload));
    fake.emit('rd:event', 'data-changed', { what: [] });
    expect(seen).toEqual([{ what: [] }]);
    offA();
    offB();
    errors.mockRestore();
  });
});
