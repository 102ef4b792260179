import Database from 'better-sqlite3';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend';
import { startHttpServer, type RunningHttpServer } from '../../electron/http';
import { tempDir } from '../support/temp';
import { operationNames, operations } from '../../core/api';

/** Sign-in and roles, through the browser-mode transport exactly as the page calls it. */
describe('sessions and roles over HTTP', () => {
  const tmp = tempDir();
  let backend: Backend;
  let server: RunningHttpServer;
  let clock = new Date('2026-11-23T02:00:00Z');

  beforeAll(async () => {
    fs.mkdirSync(tmp.file('static'));
    fs.writeFileSync(path.join(tmp.file('static'), 'index.html'), '<!doctype html>');
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock, sessionIdleMinutes: 30 });
    server = await startHttpServer({ backend, staticDir: tmp.file('static') });
  });
  afterAll(async () => {
    await server.close();
    backend.close();
    tmp.cleanup();
  });

  // The answers are JSON read by the assertions; their shapes are the contract's, checked by the backend.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function call(name: string, input: unknown, session?: string): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/api/${name}`,
          headers: {
            host: `127.0.0.1:${server.port}`,
            'content-type': 'application/json',
            'x-retention-desk-secret': server.secret,
            ...(session && { 'x-retention-desk-session': session }),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += String(c)));
          res.on('end', () => resolve(JSON.parse(body)));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });
  }
  const signIn = async (agentId: string, pin = '123456') => {
    const r = await call('session-sign-in', { agentId, pin });
    if (!r.ok) throw new Error(r.error!.message);
    return r.data.token as string;
  };

  it('without a session only public operations answer; the demo shows its two accounts', async () => {
    expect((await call('app-info', {})).ok).toBe(true);
    const status = await call('session-status', {});
    expect(status.data).toMatchObject({ agent: null, needsSetup: false });
    expect(status.data.demoAccounts.map((a: { id: string }) => a.id).sort()).toEqual(['A001', 'S001']);
    for (const name of ['queue-list', 'customer-lookup', 'attempt-log', 'risk-config-save', 'worklist-list']) {
      expect((await call(name, {})).error?.code).toBe('unauthenticated');
    }
  });

  it('a wrong PIN and an unknown agent get the same answer; five wrong PINs lock the id for a while', async () => {
    expect((await call('session-sign-in', { agentId: 'A001', pin: '000001' })).error?.code).toBe('wrong-pin');
    expect((await call('session-sign-in', { agentId: 'NOBODY', pin: '123456' })).error?.code).toBe('wrong-pin');
    for (let i = 0; i < 3; i++) await call('session-sign-in', { agentId: 'A002', pin: '999999' });
    expect((await call('session-sign-in', { agentId: 'A002', pin: '999999' })).error?.code).toBe('wrong-pin');
    expect((await call('session-sign-in', { agentId: 'A002', pin: '999999' })).error?.code).toBe('locked');
    // even the right PIN is refused while locked…
    expect((await call('session-sign-in', { agentId: 'A002', pin: '123456' })).error?.code).toBe('locked');
    clock = new Date(clock.getTime() + 6 * 60_000);
    // …and accepted after the lock
    expect((await call('session-sign-in', { agentId: 'A002', pin: '123456' })).ok).toBe(true);
  });

  it('an agent sees only their own tasks and cannot call supervisor operations, even by hand', async () => {
    const agent = await signIn('A001');
    const status = await call('session-status', {}, agent);
    expect(status.data.agent).toEqual({ id: 'A001', name: expect.any(String), role: 'agent' });
    const page = await call('queue-list', { limit: 500 }, agent);
    expect(page.ok).toBe(true);
    expect(page.data.items.length).toBeGreaterThan(0);
    expect(page.data.items.every((i: { agentId: string }) => i.agentId === 'A001')).toBe(true);
    // every supervisor operation of the contract, called by hand with the agent's session
    const supervisorOnly = operationNames.filter((n) => operations[n].role === 'supervisor');
    expect(supervisorOnly.length).toBeGreaterThan(10);
    for (const name of supervisorOnly) expect([name, (await call(name, {}, agent)).error?.code]).toEqual([name, 'forbidden']);
    const supervisor = await signIn('S001');
    const all = await call('queue-list', { limit: 500 }, supervisor);
    expect(new Set(all.data.items.map((i: { agentId: string }) => i.agentId)).size).toBeGreaterThan(1);
  });

  it('an attempt is recorded under the signed-in agent', async () => {
    const agent = await signIn('A001');
    const db = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const msisdn = String(db.prepare("SELECT msisdn FROM tasks WHERE agent_id = 'A001' AND closed_at IS NULL LIMIT 1").pluck().get());
    db.close();
    const logged = await call('attempt-log', { id: '11111111-1111-4111-8111-111111111111', msisdn, channel: 'phone', disposition: 'no_answer' }, agent);
    expect(logged.error).toBeUndefined();
    const card = await call('customer-lookup', { msisdn }, agent);
    expect(card.data.recentAttempts[0]).toMatchObject({ agentId: 'A001', disposition: 'no_answer' });
  });

  it('a session ends on sign-out and after the idle time', async () => {
    const a = await signIn('A001');
    expect((await call('session-sign-out', {}, a)).ok).toBe(true);
    expect((await call('queue-list', {}, a)).error?.code).toBe('unauthenticated');
    const b = await signIn('A001');
    clock = new Date(clock.getTime() + 29 * 60_000);
    expect((await call('queue-list', {}, b)).ok).toBe(true); // each call restarts the idle clock
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect((await call('queue-list', {}, b)).error?.code).toBe('unauthenticated');
  });
});

describe('accounts kept by the supervisor', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  type Call = (name: string, input: unknown) => ReturnType<Backend['dispatchSession']>;
  /** A demo workspace of its own, with the demo supervisor signed in: `s` calls as them, `as(token)` as anyone. */
  async function asSupervisor(file: string, body: (s: Call, as: (token: string | null) => Call) => Promise<void>): Promise<void> {
    const backend = openBackend({ dbPath: tmp.file(file), demoIfEmpty: true });
    const as = (token: string | null): Call => (name, input) => backend.dispatchSession(token, name, input);
    try {
      const sup = await as(null)('session-sign-in', { agentId: 'S001', pin: '123456' });
      await body(as(sup.ok ? (sup.data as { token: string }).token : null), as);
    } finally {
      backend.close();
    }
  }

  it('creates an agent who can then sign in; a PIN reset ends their sessions; a turned-off account cannot sign in', async () => {
    await asSupervisor('acc.sqlite', async (s, as) => {
      expect((await s('agent-save', { id: 'A100', name: '新坐席', role: 'agent', hall: '东湖路营业厅' })).ok).toBe(false); // no first PIN
      const made = await s('agent-save', { id: 'A100', name: '新坐席', role: 'agent', hall: '东湖路营业厅', pin: '730194' });
      expect(made).toMatchObject({ ok: true, data: { created: true, agent: { id: 'A100', role: 'agent', active: true } } });
      const first = await as(null)('session-sign-in', { agentId: 'A100', pin: '730194' });
      expect(first.ok).toBe(true);
      const token = first.ok ? (first.data as { token: string }).token : null;
      expect((await s('agent-reset-pin', { id: 'A100', pin: '111111' })).ok).toBe(false); // trivial PIN refused
      expect((await s('agent-reset-pin', { id: 'A100', pin: '582046' })).ok).toBe(true);
      expect((await as(token)('queue-list', {})).ok).toBe(false); // the old session ended with the reset
      expect((await as(null)('session-sign-in', { agentId: 'A100', pin: '730194' })).ok).toBe(false);
      expect((await as(null)('session-sign-in', { agentId: 'A100', pin: '582046' })).ok).toBe(true);
      await s('agent-save', { id: 'A100', name: '新坐席', role: 'agent', hall: null, active: false });
      expect((await as(null)('session-sign-in', { agentId: 'A100', pin: '582046' })).ok).toBe(false);
      const self = await s('agent-save', { id: 'S001', name: '赵建国', role: 'agent', hall: null });
      expect(self.ok ? null : self.error.code).toBe('conflict'); // a supervisor cannot demote themselves
    });
  });

  it('a session a supervisor ended says why at its next call: a PIN reset, the account turned off, or changed; one that is simply unknown asks to sign in', async () => {
    await asSupervisor('why.sqlite', async (s, as) => {
      const signIn = async (agentId: string, pin = '123456') => {
        const r = await as(null)('session-sign-in', { agentId, pin });
        return r.ok ? (r.data as { token: string }).token : null;
      };
      const refusal = async (token: string | null) => {
        const r = await as(token)('queue-list', {});
        return r.ok ? null : [r.error.code, r.error.messageKey];
      };
      const reset = await signIn('A001');
      const off = await signIn('A002');
      const promoted = await signIn('A003');
      await s('agent-reset-pin', { id: 'A001', pin: '582046' });
      await s('agent-save', { id: 'A002', name: '李娜', role: 'agent', hall: null, active: false });
      await s('agent-save', { id: 'A003', name: '张敏', role: 'supervisor', hall: null });
      expect(await refusal(reset)).toEqual(['unauthenticated', 'api.session-ended.pin-reset']);
      expect(await refusal(off)).toEqual(['unauthenticated', 'api.session-ended.account-off']);
      expect(await refusal(promoted)).toEqual(['unauthenticated', 'api.session-ended.account-changed']);
      expect(await refusal('no-such-token-0000000000000000')).toEqual(['unauthenticated', 'api.sign-in-first']);
      // What the sign-in screen asks before anyone signs in says nothing of it (a public call).
      expect((await as(reset)('session-status', {})).ok).toBe(true);
    });
  });

  it('the demo sign-in list no longer offers an account whose PIN a supervisor reset (its old PIN was refused; found by a new supervisor)', async () => {
    await asSupervisor('demo-list.sqlite', async (s, as) => {
      const listed = async () => ((await as(null)('session-status', {})) as { ok: true; data: { demoAccounts: { id: string; pin: string }[] } }).data.demoAccounts.map((a) => a.id);
      expect(await listed()).toEqual(expect.arrayContaining(['A001', 'S001']));
      await s('agent-reset-pin', { id: 'A001', pin: '582046' });
      expect(await listed()).toEqual(['S001']);
    });
  });

  it('the accounts list shows which id is locked after wrong PINs, until when; a PIN reset lifts it', async () => {
    await asSupervisor('lock.sqlite', async (s, as) => {
      for (let i = 0; i < 5; i++) await as(null)('session-sign-in', { agentId: 'A002', pin: '000000' });
      const locks = async () => Object.fromEntries(((await s('agent-list', {})) as { ok: true; data: { items: { id: string; lockedUntil: string | null }[] } }).data.items.map((a) => [a.id, a.lockedUntil]));
      const locked = await locks();
      expect(Date.parse(locked.A002!) - Date.now()).toBeGreaterThan(4 * 60_000);
      expect(locked.A001).toBeNull();
      expect((await s('agent-reset-pin', { id: 'A002', pin: '582046' })).ok).toBe(true);
      expect((await locks()).A002).toBeNull();
    });
  });

  it('a new account under the number of an existing one is refused, and the existing account is left as it was', async () => {
    await asSupervisor('dup.sqlite', async (s, as) => {
      const before = (await s('agent-list', {})) as { ok: true; data: { items: { id: string }[] } };
      const a001 = before.data.items.find((a) => a.id === 'A001');
      // 新建账号 with an id already taken (the dialog sends the first PIN only for a new account).
      const made = await s('agent-save', { id: 'A001', name: '重复', role: 'supervisor', hall: null, pin: '482913' });
      expect(made.ok ? null : [made.error.code, made.error.messageKey, made.error.params, made.error.details]).toEqual(['conflict', 'api.account-exists', { agentId: 'A001', name: a001 && (a001 as unknown as { name: string }).name }, { field: 'id' }]);
      const after = (await s('agent-list', {})) as { ok: true; data: { items: { id: string }[] } };
      expect(after.data.items.find((a) => a.id === 'A001')).toEqual(a001);
      expect((await as(null)('session-sign-in', { agentId: 'A001', pin: '123456' })).ok).toBe(true);
      expect((await as(null)('session-sign-in', { agentId: 'A001', pin: '482913' })).ok).toBe(false);
    });
  });
});

describe('first run of a real workspace', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('creates the supervisor once, with a PIN that is not trivial, and signs in', async () => {
    const backend = openBackend({ dbPath: tmp.file('real.sqlite') });
    try {
      const status = await backend.dispatchSession(null, 'session-status', {});
      expect(status).toMatchObject({ ok: true, data: { needsSetup: true, demoAccounts: null } });
      const weak = await backend.dispatchSession(null, 'session-setup', { agentId: 'S100', name: '王主管', pin: '123456' });
      expect(weak.ok).toBe(false);
      const made = await backend.dispatchSession(null, 'session-setup', { agentId: 'S100', name: '王主管', pin: '804213' });
      expect(made).toMatchObject({ ok: true, data: { agent: { id: 'S100', role: 'supervisor' } } });
      const again = await backend.dispatchSession(null, 'session-setup', { agentId: 'S200', name: 'x', pin: '804213' });
      expect(again.ok ? null : again.error.code).toBe('conflict');
      const token = made.ok ? (made.data as { token: string }).token : '';
      expect((await backend.dispatchSession(token, 'risk-config-get', {})).ok).toBe(true);
    } finally {
      backend.close();
    }
  });
});
