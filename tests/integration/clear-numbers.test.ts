import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend';
import { LOOKUP_AUDIT_PER_HOUR, LOOKUP_BURST, LOOKUP_REFILL_MS } from '../../electron/backend/lookup-limit';
import { tempDir } from '../support/temp';

/**
 * Issue 12 #6: the clear number leaves the backend only through the audited reveal. An agent opening every card of
 * their queue learns masked numbers and opaque references; typed look-ups are limited per session and audited.
 */
describe('clear numbers only through the audited reveal', () => {
  const tmp = tempDir();
  let backend: Backend;
  let clock = new Date('2026-11-25T04:00:00Z');
  let agent: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const as = async (session: string | null, name: string, input: unknown): Promise<any> => {
    const r = await backend.dispatchSession(session, name, input);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.data;
  };
  const auditCount = async (action: string) => ((await backend.dispatch('audit-list', { actions: [action] })) as { ok: true; data: { total: number } }).data.total;

  beforeAll(async () => {
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock });
    agent = (await as(null, 'session-sign-in', { agentId: 'A001', pin: '123456' })).token;
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });

  it("opening every card of an agent's queue yields no clear number; the reveal from a card gives it, audited", async () => {
    const queue = await as(agent, 'queue-list', { limit: 500 });
    expect(queue.items.length).toBeGreaterThan(20);
    const db = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const numbers = new Set((db.prepare("SELECT msisdn FROM tasks WHERE agent_id = 'A001'").pluck().all() as number[]).map(String));
    db.close();
    const answers = [JSON.stringify(queue)];
    let firstCard: { customer: { ref: string } } | null = null;
    for (const item of queue.items.slice(0, 88)) {
      const card = await as(agent, 'customer-lookup', { taskId: item.taskId, channel: 'phone' });
      firstCard ??= card;
      answers.push(JSON.stringify(card));
    }
    const leaked = [...numbers].filter((n) => answers.some((a) => a.includes(n)));
    expect(leaked).toEqual([]);

    const before = await auditCount('customer-reveal');
    const revealed = await as(agent, 'customer-reveal', { ref: firstCard!.customer.ref });
    expect(numbers.has(revealed.msisdn)).toBe(true);
    expect(await auditCount('customer-reveal')).toBe(before + 1);
  });

  it('a reference works for logging and history; a changed one is refused', async () => {
    const queue = await as(agent, 'queue-list', { limit: 5 });
    const card = await as(agent, 'customer-lookup', { taskId: queue.items[0].taskId, channel: 'phone' });
    const logged = await as(agent, 'attempt-log', { ref: card.customer.ref, channel: 'phone', disposition: 'no_answer' });
    expect(logged.created).toBe(true);
    expect((await as(agent, 'customer-history', { ref: card.customer.ref })).attempts[0].id).toBe(logged.attempt.id);
    const ref: string = card.customer.ref;
    const changed = ref.slice(0, -2) + (ref.endsWith('AA') ? 'BB' : 'AA');
    await expect(as(agent, 'customer-reveal', { ref: changed })).rejects.toMatchObject({ code: 'not-found' });
    await expect(as(agent, 'attempt-log', { ref, msisdn: '13800138000', channel: 'phone', disposition: 'no_answer' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it(`typed look-ups: ${LOOKUP_BURST} at once, then one per ${LOOKUP_REFILL_MS / 1000} s, refusals audited`, async () => {
    const session = (await as(null, 'session-sign-in', { agentId: 'A002', pin: '123456' })).token;
    const typed = (i: number) => as(session, 'customer-lookup', { msisdn: `1390000${String(i).padStart(4, '0')}` });
    for (let i = 0; i < LOOKUP_BURST; i++) await typed(i);
    await expect(typed(999)).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(typed(998)).rejects.toMatchObject({ code: 'rate-limited' });
    expect(await auditCount('customer-lookup-throttled')).toBe(1); // once a minute, not per refusal
    clock = new Date(clock.getTime() + LOOKUP_REFILL_MS);
    await typed(1000);
    await expect(typed(1001)).rejects.toMatchObject({ code: 'rate-limited' });
    // Another session is not held up; opening one's own tasks is not limited.
    const queue = await as(agent, 'queue-list', { limit: 1 });
    await as(agent, 'customer-lookup', { taskId: queue.items[0].taskId, channel: 'phone' });
  });

  it('a typed number asked of the history or the reveal uses the same allowance, which signing in again does not renew (each told whether a number is a customer, unlimited)', async () => {
    const first = (await as(null, 'session-sign-in', { agentId: 'A004', pin: '123456' })).token;
    const probe = (session: string, name: string, i: number) => as(session, name, { msisdn: `1360000${String(i).padStart(4, '0')}` }).catch((e: { code: string }) => e.code);
    const answers: string[] = [];
    for (let i = 0; i < LOOKUP_BURST; i++) answers.push(await probe(first, i % 2 ? 'customer-history' : 'customer-reveal', i));
    expect(answers.every((a) => a === 'not-found')).toBe(true);
    expect(await probe(first, 'customer-history', 990)).toBe('rate-limited');
    expect(await probe(first, 'customer-reveal', 991)).toBe('rate-limited');
    expect(await probe(first, 'customer-lookup', 992)).toBe('rate-limited');
    // Signed out and in again: the same agent, the same allowance.
    await as(first, 'session-sign-out', {});
    const second = (await as(null, 'session-sign-in', { agentId: 'A004', pin: '123456' })).token;
    expect(await probe(second, 'customer-lookup', 993)).toBe('rate-limited');
    expect(await probe(second, 'customer-history', 994)).toBe('rate-limited');
    // Nor an outcome logged on a typed number: its answer says whether the number has an open task.
    expect(await as(second, 'attempt-log', { msisdn: '13600000995', channel: 'phone', disposition: 'no_answer' }).catch((e: { code: string }) => e.code)).toBe('rate-limited');
    // A card's reference is not a typed number: the history of an opened card is not held up.
    const queue = await as(second, 'queue-list', { limit: 1 });
    const card = await as(second, 'customer-lookup', { taskId: queue.items[0].taskId, channel: 'phone' });
    expect((await as(second, 'customer-history', { ref: card.customer.ref })).attempts).toBeDefined();
  });

  it(`a session passing ${LOOKUP_AUDIT_PER_HOUR} look-ups in an hour is written to the audit log once`, async () => {
    const session = (await as(null, 'session-sign-in', { agentId: 'A003', pin: '123456' })).token;
    for (let i = 0; i < LOOKUP_AUDIT_PER_HOUR + 5; i++) {
      clock = new Date(clock.getTime() + LOOKUP_REFILL_MS);
      await as(session, 'customer-lookup', { msisdn: `1370000${String(i).padStart(4, '0')}` });
    }
    expect(await auditCount('customer-lookup-many')).toBe(1);
  });
});
