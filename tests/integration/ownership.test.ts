import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend';
import { startHttpServer, type RunningHttpServer } from '../../electron/http';
import { tempDir } from '../support/temp';
import { FINISHED_JOB_KEEP_MS } from '../../electron/backend/jobs/runner';

/**
 * Issue 12 #5 and #8: jobs and files belong to the agent whose session started them (supervisors see all), events
 * reach only signed-in sessions entitled to them, and the browser-mode file routes need a session. Every request
 * goes through the HTTP transport exactly as a page (or an agent with the run's secret and curl) would send it.
 */
interface Reply {
  status: number;
  body: string;
  json: () => { ok: boolean; data?: any; error?: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('ownership of jobs, files and events in browser mode', () => {
  const tmp = tempDir();
  let backend: Backend;
  let server: RunningHttpServer;
  let supervisor: string;
  let agent: string;
  const clock = () => new Date('2026-11-25T04:00:00Z');

  function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: opts.method ?? 'POST',
          path: opts.path,
          headers: { host: `127.0.0.1:${server.port}`, 'x-retention-desk-secret': server.secret, ...opts.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) });
          });
        },
      );
      req.on('error', reject);
      if (opts.body) req.write(opts.body);
      req.end();
    });
  }
  const call = (name: string, input: unknown, session?: string) =>
    request({
      path: `/api/${name}`,
      headers: { 'content-type': 'application/json', ...(session && { 'x-retention-desk-session': session }) },
      body: JSON.stringify(input),
    }).then((r) => r.json());
  const signIn = async (agentId: string) => {
    const r = await call('session-sign-in', { agentId, pin: '123456' });
    if (!r.ok) throw new Error(r.error!.message);
    return r.data.token as string;
  };
  async function finished(jobId: string, session: string) {
    for (;;) {
      const r = await call('job-get', { jobId }, session);
      if (!r.ok) throw new Error(r.error!.message);
      if (r.data.state !== 'running') return r.data;
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  beforeAll(async () => {
    fs.mkdirSync(tmp.file('static'));
    fs.writeFileSync(path.join(tmp.file('static'), 'index.html'), '<!doctype html>');
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: clock });
    server = await startHttpServer({ backend, staticDir: tmp.file('static'), maxUploadBytes: 64 * 1024 });
    supervisor = await signIn('S001');
    agent = await signIn('A001');
  });
  afterAll(async () => {
    await server.close();
    backend.close();
    tmp.cleanup();
  });

  it("an agent cannot read or cancel a supervisor's job, nor fetch or delete its download", async () => {
    const started = await call('report-weekly', { week: '2026-W48', locale: 'zh-CN' }, supervisor);
    expect(started.ok).toBe(true);
    const jobId = started.data.id as string;

    const peek = await call('job-get', { jobId }, agent);
    expect(peek.ok).toBe(false);
    expect(peek.error!.code).toBe('not-found');
    const cancel = await call('job-cancel', { jobId }, agent);
    expect(cancel.ok).toBe(false);

    const job = await finished(jobId, supervisor);
    expect(job.state).toBe('done');
    const token = job.result.download.token as string;

    expect((await call('file-release', { token }, agent)).ok).toBe(false);
    const byAgent = await request({ method: 'GET', path: `/api/file-download/${token}`, headers: { 'x-retention-desk-session': agent } });
    expect(byAgent.status).toBe(404);
    const noSession = await request({ method: 'GET', path: `/api/file-download/${token}` });
    expect(noSession.status).toBe(401);

    // Still there for its owner, once: a download is removed after it has been fetched.
    const mine = await request({ method: 'GET', path: `/api/file-download/${token}`, headers: { 'x-retention-desk-session': supervisor } });
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(1000);
    const again = await request({ method: 'GET', path: `/api/file-download/${token}`, headers: { 'x-retention-desk-session': supervisor } });
    expect(again.status).toBe(404);
  });

  it("a supervisor may follow and cancel any agent's job; an agent follows their own", async () => {
    const agentsExport = await call('outcome-export', { from: '2026-11-01', to: '2026-11-30' }, agent);
    expect(agentsExport.ok).toBe(true);
    const token = agentsExport.data.token as string;
    // The agent's own download: the supervisor may fetch it too (supervisors see all).
    const bySupervisor = await request({ method: 'GET', path: `/api/file-download/${token}`, headers: { 'x-retention-desk-session': supervisor } });
    expect(bySupervisor.status).toBe(200);
  });

  it('uploads need a session, are owned by it, and a file over the limit gets its 413 answer', async () => {
    const anonymous = await request({ path: '/api/file-upload', headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.csv' }, body: 'msisdn\n13800138000\n' });
    expect(anonymous.status).toBe(401);

    const up = await request({
      path: '/api/file-upload',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.csv', 'x-retention-desk-session': supervisor },
      body: '手机号码\n13800138000\n',
    });
    expect(up.status).toBe(200);
    const token = up.json().data.token as string;
    // Another session cannot use or delete it.
    expect((await call('file-release', { token }, agent)).ok).toBe(false);
    const preview = await call('worklist-import-preview', { file: token }, supervisor);
    expect(preview.ok).toBe(true);

    const big = await request({
      path: '/api/file-upload',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'big.csv', 'x-retention-desk-session': supervisor },
      body: Buffer.alloc(200 * 1024, 0x41),
    });
    expect(big.status).toBe(413);
    expect(big.json().error!.code).toBe('too-large');
  });

  it('an upload is written to the staging folder as it arrives, and nothing of it stays when it is cut off or too large', async () => {
    // A county's million in one workbook is ~285 MB (issue 19 #2): browser mode must not hold an upload in memory.
    const partial = () => fs.readdirSync(backend.files.stagingDir).filter((f) => f.endsWith('.upload')).map((f) => fs.statSync(path.join(backend.files.stagingDir, f)).size);
    const before = partial().length;
    const open = (headers: Record<string, string> = {}) => {
      let settle: (r: { status: number; body: string }) => void = () => undefined;
      const reply = new Promise<{ status: number; body: string }>((resolve) => (settle = resolve));
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/file-upload',
          headers: { host: `127.0.0.1:${server.port}`, 'x-retention-desk-secret': server.secret, 'content-type': 'application/octet-stream', 'x-file-name': 'stream.csv', 'x-retention-desk-session': supervisor, ...headers },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => settle({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', () => settle({ status: 0, body: '' }));
      return { req, reply };
    };
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
      return what();
    };

    const half = Buffer.alloc(30 * 1024, 0x41);
    const whole = open({ 'content-length': String(2 * half.length) });
    whole.req.write(half);
    expect(await until(() => partial().length === before + 1 && partial().some((size) => size >= half.length))).toBe(true);
    whole.req.end(half);
    const done = await whole.reply;
    expect(done.status).toBe(200);
    const kept = backend.files.get(JSON.parse(done.body).data.token as string);
    expect(fs.statSync(kept.path).size).toBe(2 * half.length);
    backend.files.release(kept.token);

    // Cut off part-way: what arrived is deleted.
    const cut = open({ 'content-length': String(2 * half.length) });
    cut.req.write(half);
    expect(await until(() => partial().length === before + 1)).toBe(true);
    cut.req.destroy();
    expect(await until(() => partial().length === before)).toBe(true);

    // Over the limit without a declared length: refused as it arrives, nothing kept.
    const big = open({ 'transfer-encoding': 'chunked' });
    for (let i = 0; i < 4; i++) big.req.write(half);
    big.req.end();
    expect((await big.reply).status).toBe(413);
    expect(await until(() => partial().length === before)).toBe(true);
  });

  it('each session has an upload quota', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await request({
        path: '/api/file-upload',
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': `q${i}.csv`, 'x-retention-desk-session': agent },
        body: Buffer.alloc(60 * 1024, 0x41),
      });
      statuses.push(r.status);
    }
    // 64 KiB per file in this test's server, four files' worth per session.
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(413);
  });

  it('matches the JSON content type exactly', async () => {
    const sloppy = await request({ path: '/api/app-info', headers: { 'content-type': 'application/jsonp' }, body: '{}' });
    expect(sloppy.status).toBe(415);
    const withCharset = await request({ path: '/api/app-info', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: '{}' });
    expect(withCharset.status).toBe(200);
  });

  it('the event stream needs a session, and an agent hears no job of a supervisor', async () => {
    const anonymous = await new Promise<number>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, 'x-retention-desk-secret': server.secret } },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.destroy();
        },
      );
      req.on('error', reject);
    });
    expect(anonymous).toBe(401);

    const heard: { agent: string[]; supervisor: string[] } = { agent: [], supervisor: [] };
    const listen = (session: string, into: string[]) =>
      new Promise<http.ClientRequest>((resolve) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/api/events',
            headers: { host: `127.0.0.1:${server.port}`, 'x-retention-desk-secret': server.secret, 'x-retention-desk-session': session },
          },
          (res) => {
            res.on('data', (c: Buffer) => into.push(String(c)));
            resolve(req);
          },
        );
        req.on('error', () => undefined);
      });
    const streams = [await listen(agent, heard.agent), await listen(supervisor, heard.supervisor)];
    try {
      const started = await call('risk-recompute', {}, supervisor);
      expect(started.ok).toBe(true);
      await finished(started.data.id, supervisor);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard.supervisor.join('')).toContain(started.data.id);
      expect(heard.agent.join('')).not.toContain(started.data.id);
      expect(heard.agent.join('')).not.toContain('job-progress');
    } finally {
      for (const s of streams) s.destroy();
    }
  });
});

describe('finished jobs are forgotten after a while', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it(`a job finished more than ${FINISHED_JOB_KEEP_MS / 3_600_000} hours ago is no longer kept; a recent one is`, async () => {
    let clock = new Date('2026-11-25T04:00:00Z');
    const backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock });
    try {
      const run = async () => {
        const started = await backend.dispatch('risk-recompute', {});
        if (!started.ok) throw new Error(started.error.message);
        const id = (started.data as { id: string }).id;
        for (;;) {
          const r = await backend.dispatch('job-get', { jobId: id });
          if (r.ok && (r.data as { state: string }).state !== 'running') return id;
          await new Promise((res) => setTimeout(res, 50));
        }
      };
      const old = await run();
      clock = new Date(clock.getTime() + FINISHED_JOB_KEEP_MS - 60_000);
      const recent = await run();
      expect((await backend.dispatch('job-get', { jobId: old })).ok).toBe(true);
      clock = new Date(clock.getTime() + 120_000);
      await run();
      const gone = await backend.dispatch('job-get', { jobId: old });
      expect(gone.ok ? 'kept' : gone.error.code).toBe('not-found');
      expect((await backend.dispatch('job-get', { jobId: recent })).ok).toBe(true);
    } finally {
      backend.close();
    }
  });
});
