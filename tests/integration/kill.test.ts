import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

/**
 * Issue 7 "no lost work": the backend process is killed (SIGKILL, no chance to clean up) in the middle of an import,
 * a recompute and a burst of attempt logging; the workspace must then pass integrity_check, the import must be all
 * or nothing, the recompute all or nothing, and every attempt the backend confirmed must be there.
 */
const CLI = path.resolve('dist/node/cli.cjs');
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const run = (args: string[]): ChildProcess => spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

function check(dbPath: string) {
  const db = new Database(dbPath);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      q: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T,
      all: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as T[],
      rows: <T>(sql: string) => db.prepare(sql).raw().all() as T[],
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

describe('killed mid-work, nothing half done and nothing confirmed lost', () => {
  const tmp = tempDir();
  const book = tmp.file('big.xlsx');
  beforeAll(() => {
    const r = cli(['demo', '--rows', '30000', '--out', book, '--seed', '5']);
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('an import killed part-way leaves no trace of it; run again, it completes', async () => {
    const dbPath = tmp.file('import.sqlite');
    expect(cli(['info', '--db', dbPath]).status).toBe(0); // the workspace exists (migrated) before the import starts
    for (const after of [400, 1200]) {
      const child = run(['import', book, '--db', dbPath, '--list', 'kill-test', '--type', 'weekly_anomaly']);
      await sleep(after);
      child.kill('SIGKILL');
      await killed(child);
      const c = check(dbPath);
      expect(c.integrity).toBe('ok');
      const lists = c.q<number>("SELECT count(*) FROM work_lists WHERE name = 'kill-test'");
      const members = c.q<number>('SELECT count(*) FROM list_members');
      c.close();
      // all or nothing: either no list and no rows, or the whole list (when the kill came after the commit)
      if (lists === 0) expect(members).toBe(0);
      else expect(members).toBe(30000);
    }
    const done = cli(['import', book, '--db', dbPath, '--list', 'kill-test', '--type', 'weekly_anomaly']);
    expect(done.status, done.stderr).toBe(0);
    const c = check(dbPath);
    expect(c.q<number>('SELECT count(*) FROM list_members')).toBe(30000);
    c.close();
  });

  it('a recompute killed part-way leaves whole rows and the queue indexes; run again, it finishes', async () => {
    const dbPath = tmp.file('import.sqlite');
    // Make every stored score stale (a score no rule gives), so the recompute rewrites all of them and the queue order.
    const stale = -99_999;
    const prep = new Database(dbPath);
    prep.exec(`UPDATE subscriber_scores SET score = ${stale}; UPDATE tasks SET priority = 0`);
    prep.close();
    const child = run(['score', '--db', dbPath]);
    await sleep(900);
    child.kill('SIGKILL');
    await killed(child);
    let c = check(dbPath);
    expect(c.integrity).toBe('ok');
    const afterKill = c.rows<[number, number]>('SELECT msisdn, score FROM subscriber_scores');
    expect(c.q<number>("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('tasks_callable', 'tasks_agent_callable')")).toBe(2);
    c.close();
    const again = cli(['score', '--db', dbPath]);
    expect(again.status, again.stderr).toBe(0);
    c = check(dbPath);
    const finished = new Map(c.rows<[number, number]>('SELECT msisdn, score FROM subscriber_scores'));
    // The queue order follows the figures again, whether the kill came before or after a mass change set it.
    expect(c.q<number>('SELECT count(*) FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.closed_at IS NULL AND t.priority IS NOT sc.priority')).toBe(0);
    expect(c.q<string | undefined>("SELECT value FROM workspace WHERE key = 'queue-priorities-pending'") ?? '0').toBe('0');
    c.close();
    expect([...finished.values()].filter((score) => score === stale)).toEqual([]);
    // Batches commit one by one (so agents are never held up): each row was either still stale or fully rescored.
    expect(afterKill.filter(([msisdn, score]) => score !== stale && score !== finished.get(msisdn))).toEqual([]);
    expect(afterKill.some(([, score]) => score === stale)).toBe(true);
  });

  it('a burst of attempt logging over HTTP: every attempt the backend confirmed is there after a SIGKILL', async () => {
    const dbPath = tmp.file('import.sqlite');
    const server = run(['serve', '--db', dbPath, '--json']);
    const line = await new Promise<string>((resolve) => readline.createInterface({ input: server.stdout! }).once('line', resolve));
    const { url } = JSON.parse(line) as { url: string };
    const u = new URL(url);
    const secret = new URLSearchParams(u.hash.slice(1)).get('secret')!;
    const post = async (name: string, body: unknown, session?: string) => {
      const res = await fetch(`${u.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-retention-desk-secret': secret, ...(session && { 'x-retention-desk-session': session }) },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; data?: { token?: string }; error?: { message: string } };
    };
    const setup = await post('session-setup', { agentId: 'S100', name: 'Kill test', pin: '804213' });
    expect(setup.ok, setup.error?.message).toBe(true);
    const token = setup.data!.token!;
    const numbers = (() => {
      const db = new Database(dbPath, { readonly: true });
      const n = db.prepare('SELECT msisdn FROM subscribers LIMIT 400').pluck().all() as number[];
      db.close();
      return n;
    })();
    const confirmed: string[] = [];
    const refused: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = w; i < numbers.length && !stop; i += 8) {
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        try {
          const r = await post('attempt-log', { id, msisdn: String(numbers[i]), channel: 'phone', disposition: 'no_answer' }, token);
          if (r.ok) confirmed.push(id);
          else refused.push(r.error?.message ?? '?');
        } catch {
          return; // the connection died with the process: this attempt was never confirmed
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    const deadline = Date.now() + 20_000;
    while (confirmed.length < 120 && refused.length === 0 && Date.now() < deadline) await sleep(5);
    expect(refused).toEqual([]);
    server.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await killed(server);
    const c = check(dbPath);
    expect(c.integrity).toBe('ok');
    const stored = new Set(c.all<string>("SELECT id FROM attempts WHERE id LIKE '00000000-0000-4000-8000-%'"));
    c.close();
    expect(confirmed.length).toBeGreaterThanOrEqual(120);
    expect(confirmed.filter((id) => !stored.has(id))).toEqual([]);
  });
});
