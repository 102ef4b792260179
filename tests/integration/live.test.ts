import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../core/api';
import { openBackend, type Backend } from '../../electron/backend';
import { tempDir } from '../support/temp';
import { until } from '../support/until';

/**
 * Issue 13 #2, the backend's half of live screens: a change committed by another connection (the CLI, a job's
 * worker, a second process) is announced within a tick, and a call-back coming due is announced at its minute to
 * its agent (masked), not to another agent.
 */
describe('live announcements', () => {
  const tmp = tempDir();
  let backend: Backend;
  // Local noon wherever the tests run: a call-back is booked inside calling hours (core/contact/policy.ts validateCallback).
  let clock = new Date(2026, 10, 25, 12, 0);
  const heard: { session: string; name: EventName; payload: unknown }[] = [];

  beforeAll(() => {
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock, liveTickMs: 50 });
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });
  const signIn = async (agentId: string) => {
    const r = await backend.dispatchSession(null, 'session-sign-in', { agentId, pin: '123456' });
    if (!r.ok) throw new Error(r.error.message);
    const token = (r.data as { token: string }).token;
    backend.onSessionEvent(token, (name, payload) => heard.push({ session: agentId, name, payload }));
    return token;
  };

  it('a row written by another process is announced as a workspace change', async () => {
    await signIn('A001');
    heard.length = 0;
    const other = new Database(tmp.file('ws.sqlite'));
    other.prepare("INSERT INTO workspace (key, value) VALUES ('cli-was-here', '1')").run();
    other.close();
    await until(() => heard.some((h) => h.name === 'data-changed' && (h.payload as { what: string[] }).what.includes('workspace')));
  });

  it("a call-back coming due is told to its agent at that minute, masked, and not to another agent", async () => {
    const a1 = await signIn('A001');
    await signIn('A002');
    const queue = await backend.dispatchSession(a1, 'queue-list', { limit: 5 });
    if (!queue.ok) throw new Error(queue.error.message);
    const taskId = (queue.data as { items: { taskId: number }[] }).items[0]!.taskId;
    const card = await backend.dispatchSession(a1, 'customer-lookup', { taskId, channel: 'phone' });
    if (!card.ok) throw new Error(card.error.message);
    const ref = (card.data as { customer: { ref: string } }).customer.ref;
    const callbackAt = new Date(clock.getTime() + 60_000).toISOString();
    const logged = await backend.dispatchSession(a1, 'attempt-log', { ref, channel: 'phone', disposition: 'callback', callbackAt });
    expect(logged.ok).toBe(true);
    heard.length = 0;

    await new Promise((r) => setTimeout(r, 200));
    expect(heard.filter((h) => h.name === 'callback-due')).toEqual([]); // not yet: the clock has not reached it
    clock = new Date(clock.getTime() + 61_000);
    await until(() => heard.some((h) => h.name === 'callback-due'));
    const due = heard.filter((h) => h.name === 'callback-due');
    expect(new Set(due.map((h) => h.session))).toEqual(new Set(['A001'])); // both of A001's sessions, not A002's
    expect(due[0]!.payload).toMatchObject({ taskId, agentId: 'A001', callbackAt, msisdnMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
  });
});
