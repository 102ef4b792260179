import { test as base, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { e2eZone } from './zone';
export { e2eZone } from './zone';

/**
 * A real browser-mode backend per Playwright worker: the built CLI's `serve` on a temporary database,
 * which seeds the demo workspace on first start exactly as `npm start` does for a newcomer.
 */
export interface AppServer {
  /** The address with the secret in its fragment, as printed to the user. */
  openUrl: string;
  origin: string;
  secret: string;
  dbPath: string;
  /** Call a contract operation over HTTP, as the renderer does, signed in as the demo supervisor (or `as`). */
  api<T = unknown>(name: string, input?: unknown, opts?: { as?: string }): Promise<T>;
  /** Numbers of demo subscribers that have an open task (read straight from the test's own database file). */
  demoNumbers(limit?: number): string[];
}

export async function startServer(dbPath: string, extraArgs: readonly string[] = []): Promise<{ server: AppServer; child: ChildProcess }> {
  const cli = path.resolve('dist/node/cli.cjs');
  if (!fs.existsSync(cli)) throw new Error('dist/node/cli.cjs is missing: run `npm run build` first');
  const child = spawn(process.execPath, [cli, 'serve', '--db', dbPath, '--json', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: e2eZone() } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  const u = new URL(url);
  const secret = new URLSearchParams(u.hash.slice(1)).get('secret')!;
  const origin = u.origin;
  const post = async <T>(name: string, input: unknown, session: string | null): Promise<T> => {
    const res = await fetch(`${origin}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retention-desk-secret': secret, ...(session && { 'x-retention-desk-session': session }) },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
    return body.data as T;
  };
  const sessions = new Map<string, Promise<string>>();
  const sessionOf = (agentId: string) => {
    if (!sessions.has(agentId)) sessions.set(agentId, post<{ token: string }>('session-sign-in', { agentId, pin: '123456' }, null).then((r) => r.token));
    return sessions.get(agentId)!;
  };
  const server: AppServer = {
    openUrl: url,
    origin,
    secret,
    dbPath,
    async api<T>(name: string, input: unknown = {}, opts: { as?: string } = {}) {
      return post<T>(name, input, await sessionOf(opts.as ?? 'S001'));
    },
    demoNumbers(limit = 5) {
      const db = new Database(dbPath, { readonly: true });
      try {
        return (
          db
            .prepare('SELECT t.msisdn FROM tasks t WHERE t.closed_at IS NULL ORDER BY t.id LIMIT ?')
            .all(limit) as { msisdn: number }[]
        ).map((r) => String(r.msisdn));
      } finally {
        db.close();
      }
    },
  };
  return { server, child };
}

export const test = base.extend<object, { app: AppServer }>({
  app: [
    async ({}, use, workerInfo) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rd-e2e-${workerInfo.workerIndex}-`));
      const { server, child } = await startServer(path.join(dir, 'workspace.sqlite'));
      await use(server);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect };

/**
 * A workspace and server of the describe block's own, for a spec that changes the demo workspace a lot: started
 * before its tests, stopped and removed after. `dir` is the workspace's folder (files a test writes go there).
 */
export function serverOfItsOwn(prefix: string): { readonly app: AppServer; readonly dir: string } {
  let dir = '';
  let own: { server: AppServer; child: ChildProcess } | null = null;
  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    own = await startServer(path.join(dir, 'workspace.sqlite'));
  });
  test.afterAll(async () => {
    if (own) {
      const { child } = own;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get app() {
      if (!own) throw new Error('the server of this describe block has not started');
      return own.server;
    },
    get dir() {
      return dir;
    },
  };
}
