import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend';
import { resolveStaticPath, startHttpServer, type RunningHttpServer } from '../../electron/http';
import { tempDir } from '../support/temp';

/** Raw request, so the test controls the Host and Origin headers a browser would send. */
function request(
  server: RunningHttpServer,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += String(c)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser-mode HTTP transport', () => {
  const tmp = tempDir();
  let backend: Backend;
  let server: RunningHttpServer;
  const staticDir = tmp.file('static');

  beforeAll(async () => {
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>rd</title>');
    backend = openBackend({ dbPath: tmp.file('ws.sqlite') });
    server = await startHttpServer({ backend, staticDir });
  });
  afterAll(async () => {
    await server.close();
    backend.close();
    tmp.cleanup();
  });

  const good = () => ({
    host: `127.0.0.1:${server.port}`,
    'content-type': 'application/json',
    'x-retention-desk-secret': server.secret,
  });

  it('answers a call that carries the secret', async () => {
    const res = await request(server, { path: '/api/app-info', headers: good(), body: '{}' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(true);
    expect(body.data.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    const { 'x-retention-desk-secret': _s, ...noSecret } = good();
    expect((await request(server, { path: '/api/app-info', headers: noSecret, body: '{}' })).status).toBe(401);
    const wrong = { ...good(), 'x-retention-desk-secret': 'x'.repeat(server.secret.length) };
    expect((await request(server, { path: '/api/app-info', headers: wrong, body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the secret', async () => {
    const res = await request(server, { path: '/api/app-info', headers: { ...good(), origin: 'http://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
    const ok = await request(server, { path: '/api/app-info', headers: { ...good(), origin: `http://127.0.0.1:${server.port}` }, body: '{}' });
    expect(ok.status).toBe(200);
  });

  it('refuses a Host that is not the loopback address (DNS rebinding)', async () => {
    const res = await request(server, { path: '/api/app-info', headers: { ...good(), host: `evil.example:${server.port}` }, body: '{}' });
    expect(res.status).toBe(421);
  });

  it('refuses form posts (non-JSON) and unknown operations', async () => {
    expect((await request(server, { path: '/api/app-info', headers: { ...good(), 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const unknown = await request(server, { path: '/api/sql-run', headers: good(), body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown-operation');
  });

  it('turns invalid input into {code, message} data', async () => {
    const res = await request(server, { path: '/api/session-sign-in', headers: good(), body: '{"agentId": "", "pin": "1"}' });
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.message).toMatch(/agentId/);
  });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the app page with a strict CSP and never a file outside the bundle', async () => {
    const page = await request(server, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    expect(resolveStaticPath(staticDir, '/../../etc/passwd')).toBeNull();
    expect(resolveStaticPath(staticDir, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath(staticDir, '/assets/app.js')).toBe(path.join(staticDir, 'assets', 'app.js'));
  });
});
