import { afterAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend';
import { tempDir } from '../support/temp';

/**
 * PRODUCT §8: five wrong PINs lock an agent id for 5 minutes — and restarting the app (or browser mode) is no way
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
