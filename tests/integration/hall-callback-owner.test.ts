import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../core/api';
import { openBackend, type Backend } from '../../electron/backend';
import { tempDir } from '../support/temp';
import { until } from '../support/until';

/**
 * A call-back booked on a task nobody holds (a walk-in at the hall, a customer of a list not yet assigned) is the
 * booking agent's promise: the task becomes theirs — in their queue, told to them at its minute — as a success's
 * follow-up goes to whoever logged it when nobody held the task. A task another agent holds stays theirs.
 */
describe('a call-back booked on an unassigned task', () => {
  const tmp = tempDir();
  const file = tmp.file('ws.sqlite');
  let backend: Backend;
  // Local noon wherever the tests run: the call-back is inside calling hours (core/contact/policy.ts validateCallback).
  let clock = new Date(2026, 10, 25, 12, 0);
  const heard: { session: string; name: EventName; payload: unknown }[] = [];

  beforeAll(() => {
    backend = openBackend({ dbPath: file, demoIfEmpty: true, now: () => clock, liveTickMs: 50, identityKeyDir: tmp.file('home') });
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const as = async (session: string | null, name: string, input: unknown): Promise<any> => {
    const r = await backend.dispatchSession(session, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  const signIn = async (agentId: string): Promise<string> => {
    const token = (await as(null, 'session-sign-in', { agentId, pin: '123456' })).token as string;
    backend.onSessionEvent(token, (name, payload) => heard.push({ session: agentId, name, payload }));
    return token;
  };
  /** Open tasks of the demo workspace whose customer may be contacted now, held by `agent` (null: nobody). */
  const openTask = (agent: string | null, skip = 0) => {
    const db = new Database(file, { readonly: true });
    const row = db
      .prepare(`SELECT t.id, t.msisdn FROM tasks t JOIN subscribers s ON s.msisdn = t.msisdn
        WHERE t.closed_at IS NULL AND t.blocked_until IS NULL AND t.callback_at IS NULL AND t.agent_id IS ? AND ifnull(s.do_not_disturb, 0) = 0
        ORDER BY t.id LIMIT 1 OFFSET ?`)
      .get(agent, skip) as { id: number; msisdn: number };
    db.close();
    return row;
  };
  const ownerOf = (taskId: number) => {
    const db = new Database(file, { readonly: true });
    const agent = db.prepare('SELECT agent_id FROM tasks WHERE id = ?').pluck().get(taskId);
    db.close();
    return agent;
  };

  it('becomes the booking agent’s: in their queue, audited, and told to them when it comes due', async () => {
    const a1 = await signIn('A001');
    // Nobody holds it: the demo leaves some tasks unassigned; make sure there is one.
    let task = openTask(null);
    if (!task) {
      const db = new Database(file);
      db.prepare('UPDATE tasks SET agent_id = NULL WHERE id = ?').run(openTask('A001', 5).id);
      db.close();
      task = openTask(null);
    }
    const card = await as(a1, 'customer-lookup', { msisdn: String(task.msisdn), channel: 'hall' });
    expect(card.found).toBe(true);
    const callbackAt = new Date(clock.getTime() + 2 * 60_000).toISOString();
    await as(a1, 'attempt-log', { ref: card.customer.ref, channel: 'hall', disposition: 'callback', callbackAt });

    expect(ownerOf(task.id)).toBe('A001');
    const queue = await as(a1, 'queue-list', { limit: 500 });
    expect(queue.items.map((i: { taskId: number }) => i.taskId)).toContain(task.id);
    const audit = await backend.dispatch('audit-list', { actions: ['task-assign'] });
    if (!audit.ok) throw new Error(audit.error.message);
    expect((audit.data as { items: unknown[] }).items[0]).toMatchObject({ agentId: 'A001', action: 'task-assign', detail: { mode: 'callback', assigned: 1 } });

    heard.length = 0;
    clock = new Date(clock.getTime() + 3 * 60_000);
    await until(() => heard.some((h) => h.name === 'callback-due'));
    expect(heard.filter((h) => h.name === 'callback-due').map((h) => h.session)).toContain('A001');
  });

  it('stays with the agent who holds it, whoever books the call-back', async () => {
    const a1 = await signIn('A001');
    const db = new Database(file, { readonly: true });
    const other = db.prepare("SELECT id FROM agents WHERE role = 'agent' AND id <> 'A001' ORDER BY id LIMIT 1").pluck().get() as string;
    db.close();
    const task = openTask(other);
    const card = await as(a1, 'customer-lookup', { msisdn: String(task.msisdn), channel: 'hall' });
    const callbackAt = new Date(clock.getTime() + 60 * 60_000).toISOString();
    await as(a1, 'attempt-log', { ref: card.customer.ref, channel: 'hall', disposition: 'callback', callbackAt });
    expect(ownerOf(task.id)).toBe(other);
  });
  it('a call-back for a customer with no open task opens one for the booking agent, which comes back at its time (it was lost without a word; found by a new agent)', async () => {
    const a1 = await signIn('A001');
    // A customer whose task is closed (a decline on an earlier call).
    const task = openTask(null, 0) ?? openTask('A002');
    const card = await as(a1, 'customer-lookup', { msisdn: String(task.msisdn), channel: 'hall' });
    await as(a1, 'attempt-log', { ref: card.customer.ref, channel: 'hall', disposition: 'declined', reason: 'price' });
    const callbackAt = new Date(clock.getTime() + 2 * 60_000).toISOString();
    const saved = await as(a1, 'attempt-log', { ref: card.customer.ref, channel: 'hall', disposition: 'callback', callbackAt });
    expect(saved.task).toMatchObject({ status: 'in_progress', attempts: 1 });
    const db = new Database(file, { readonly: true });
    const opened = db.prepare('SELECT id, agent_id, callback_at, closed_at FROM tasks WHERE msisdn = ? AND closed_at IS NULL').all(task.msisdn);
    db.close();
    expect(opened).toEqual([{ id: saved.task.id, agent_id: 'A001', callback_at: callbackAt, closed_at: null }]);
    heard.length = 0;
    clock = new Date(clock.getTime() + 3 * 60_000);
    await until(() => heard.some((h) => h.name === 'callback-due' && h.session === 'A001'));
    const queue = await as(a1, 'queue-list', { limit: 500 });
    expect(queue.items.find((i: { taskId: number }) => i.taskId === saved.task.id)).toMatchObject({ status: 'callback_due' });
  });

  it('a call-back for a customer who asked not to be contacted is refused in words, saving nothing', async () => {
    const a1 = await signIn('A001');
    const task = openTask(null, 1) ?? openTask('A003');
    const card = await as(a1, 'customer-lookup', { msisdn: String(task.msisdn), channel: 'hall' });
    await as(a1, 'attempt-log', { ref: card.customer.ref, channel: 'hall', disposition: 'do_not_call' });
    const r = await backend.dispatchSession(a1, 'attempt-log', { ref: card.customer.ref, channel: 'hall', disposition: 'callback', callbackAt: new Date(clock.getTime() + 60 * 60_000).toISOString() });
    expect(r.ok ? null : [r.error.code, r.error.messageKey]).toEqual(['conflict', 'api.callback-contact-refused']);
  });
});
