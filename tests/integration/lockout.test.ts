import { afterAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend';
import { tempDir } from '../support/temp';

/**
 * docs/product.md §8: five wrong PINs lock an agent id for 5 minutes — and restarting the app (or browser mode) is no way
 * round it: the counts and the lock are kept in the workspace (migration 008).
 */
describe('sign-in lockout across restarts', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  let clock = new Date('2026-11-23T03:00:00Z');
  const open = (): Backend => openBackend({ dbPath, demoIfEmpty: true, now: () => clock });
  afterAll(() => tmp.cleanup());

  const signIn = async (b: Backend, agentId: string, pin: string) => {
    const r = await b.dispatchSession(null, 'session-sign-in', { agentId, pin });
    return r.ok ? 'ok' : r.error.code;
  };

  it('five wrong PINs, a restart: still locked; after the lock time the right PIN works', async () => {
    let b = open();
    for (let i = 0; i < 4; i++) expect(await signIn(b, 'A001', '000001')).toBe('wrong-pin');
    expect(await signIn(b, 'A001', '000001')).toBe('locked');
    b.close();

    b = open(); // a new backend on the same file, as after restarting the app
    try {
      expect(await signIn(b, 'A001', '123456')).toBe('locked');
      clock = new Date(clock.getTime() + 4 * 60_000);
      expect(await signIn(b, 'A001', '123456')).toBe('locked');
      clock = new Date(clock.getTime() + 61_000);
      expect(await signIn(b, 'A001', '123456')).toBe('ok');
    } finally {
      b.close();
    }
  });

  it('an id is one account whatever its case: the right PIN signs in as the account, and wrong PINs in any case count against one lock (found by a new supervisor)', async () => {
    const b = open();
    try {
      const r = await b.dispatchSession(null, 'session-sign-in', { agentId: 'a004', pin: '123456' });
      expect(r.ok && (r.data as { agent: { id: string } }).agent.id).toBe('A004');
      // Each spelling its own count would give a guesser five tries per spelling.
      for (const id of ['a004', 'A004', 'a004', 'A004']) expect(await signIn(b, id, '000004')).toBe('wrong-pin');
      expect(await signIn(b, 'a004', '000004')).toBe('locked');
      expect(await signIn(b, 'A004', '123456')).toBe('locked');
      // A new account under an existing id in another case is refused as that account.
      const supervisor = await b.dispatchSession(null, 'session-sign-in', { agentId: 's001', pin: '123456' });
      const token = supervisor.ok ? (supervisor.data as { token: string }).token : '';
      const made = await b.dispatchSession(token, 'agent-save', { id: 'a005', name: '重复', role: 'agent', pin: '482913', active: true, hall: null });
      expect(made.ok ? 'ok' : made.error.code).toBe('conflict');
    } finally {
      b.close();
    }
  });

  it('wrong PINs short of a lock count across a restart too; a good sign-in starts the count again', async () => {
    let b = open();
    for (let i = 0; i < 3; i++) expect(await signIn(b, 'A002', '000002')).toBe('wrong-pin');
    b.close();
    b = open();
    expect(await signIn(b, 'A002', '000002')).toBe('wrong-pin');
    expect(await signIn(b, 'A002', '000002')).toBe('locked'); // the fifth in a row
    clock = new Date(clock.getTime() + 6 * 60_000);
    expect(await signIn(b, 'A002', '123456')).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await signIn(b, 'A002', '000002')).toBe('wrong-pin');
    expect(await signIn(b, 'A002', '123456')).toBe('ok');
    expect(await signIn(b, 'A002', '000002')).toBe('wrong-pin'); // one after a good sign-in: not locked
    b.close();
  });

  it('a supervisor’s PIN reset lifts the lock at once, also after a restart', async () => {
    let b = open();
    for (let i = 0; i < 5; i++) await signIn(b, 'A003', '000003');
    expect(await signIn(b, 'A003', '123456')).toBe('locked');
    b.close();
    b = open();
    try {
      const reset = await b.dispatch('agent-reset-pin', { id: 'A003', pin: '246810' });
      expect(reset.ok).toBe(true);
      expect(await signIn(b, 'A003', '246810')).toBe('ok');
    } finally {
      b.close();
    }
  });
});

/**
 * Issue 12 #4: sign-ins that arrive together must not all pass the lock check while the slow PIN hash runs.
 * Attempts for one agent id are taken one at a time, so the fifth wrong PIN locks however many arrive at once.
 */
describe('sign-in lockout under a burst of concurrent attempts', () => {
  const tmp = tempDir();
  const clock = new Date('2026-11-23T03:00:00Z');
  let b: Backend;
  afterAll(() => {
    b?.close();
    tmp.cleanup();
  });

  it('200 wrong PINs at once: 4 refused as wrong, the rest locked, and the right PIN sent after them is locked too', async () => {
    b = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock });
    const burst = Array.from({ length: 200 }, (_, i) => b.dispatchSession(null, 'session-sign-in', { agentId: 'A001', pin: String(100000 + i) }));
    burst.push(b.dispatchSession(null, 'session-sign-in', { agentId: 'A001', pin: '123456' }));
    const codes = (await Promise.all(burst)).map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'wrong-pin')).toHaveLength(4);
    expect(codes.filter((c) => c === 'locked')).toHaveLength(197);
    expect(codes.at(-1)).toBe('locked');
    // Only five PINs were ever checked: four wrong, one that locked.
    const audit = await b.dispatch('audit-list', { actions: ['sign-in-failed', 'sign-in-locked'] });
    expect(audit.ok && (audit.data as { total: number }).total).toBe(5);
  });

  it('a burst for one id does not hold up another id', async () => {
    const other = b.dispatchSession(null, 'session-sign-in', { agentId: 'S001', pin: '123456' });
    expect((await other).ok).toBe(true);
  });
});
