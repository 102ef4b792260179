import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** Logging contacts through the backend: durable, idempotent, task status and scores follow at once. */
describe('attempt-log', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let clock = new Date('2026-11-23T03:00:00Z');
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });
  const pendingNumber = (opts: { callable?: boolean } = {}) => {
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const r = d
      .prepare(`SELECT msisdn FROM tasks WHERE status = 'pending' AND closed_at IS NULL ${opts.callable ? 'AND blocked_until IS NULL' : ''} ORDER BY id LIMIT 1 OFFSET ?`)
      .get(Math.floor(Math.random() * 50)) as { msisdn: number };
    d.close();
    return String(r.msisdn);
  };

  it('refuses an escalated complaint that does not say what it is about, naming the note (the care team had nothing to act on; found by a new agent)', async () => {
    const n = pendingNumber();
    for (const note of [null, '   ']) {
      const r = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'hall', disposition: 'complaint', note });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', details: [{ path: 'note', message: expect.stringContaining('投诉升级需在备注中写明投诉内容') }] } });
    }
    const told = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'hall', disposition: 'complaint', note: '上月被多扣 30 元流量费' });
    expect(told.ok).toBe(true);
  });

  it("a record id another agent's attempt, feedback or note has is refused, not answered with that record (a retry is one's own; found by a security review)", async () => {
    const n = pendingNumber();
    const a001 = { agentId: 'A001', role: 'agent' } as const;
    const a002 = { agentId: 'A002', role: 'agent' } as const;
    const id = crypto.randomUUID();
    const first = await t.call('attempt-log', { id, msisdn: n, channel: 'hall', disposition: 'complaint', note: '客户下午三点方便' }, a001);
    expect(first.created).toBe(true);
    // The same agent's retry: the same attempt, not stored twice.
    expect((await t.call('attempt-log', { id, msisdn: n, channel: 'hall', disposition: 'complaint', note: '客户下午三点方便' }, a001)).created).toBe(false);
    const other = await t.backend.dispatch('attempt-log', { id, msisdn: n, channel: 'phone', disposition: 'no_answer' }, a002);
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(JSON.stringify(other)).not.toContain('客户下午三点方便');

    const fid = crypto.randomUUID();
    await t.call('feedback-add', { id: fid, msisdn: n, category: 'network', importance: 'high', text: '地下车库没信号' }, a001);
    expect(await t.backend.dispatch('feedback-add', { id: fid, msisdn: n, category: 'network', importance: 'low', text: 'x' }, a002)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const nid = crypto.randomUUID();
    await t.call('note-add', { id: nid, offerCode: null, reason: 'price', text: '先问月费再谈合约' }, a001);
    expect(await t.backend.dispatch('note-add', { id: nid, offerCode: null, reason: 'price', text: 'x' }, a002)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it("an agent logs a phone outcome only on their own customer's task, a walk-in at the counter on anyone's (do_not_call by phone on a colleague's customer closed their task; found by a security review)", async () => {
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const theirs = d.prepare("SELECT msisdn, id FROM tasks WHERE closed_at IS NULL AND agent_id = 'A002' AND follow_up_of IS NULL ORDER BY id LIMIT 2").all() as { msisdn: number; id: number }[];
    d.close();
    expect(theirs).toHaveLength(2);
    const a003 = { agentId: 'A003', role: 'agent' } as const;
    const byPhone = await t.backend.dispatch('attempt-log', { msisdn: String(theirs[0]!.msisdn), channel: 'phone', disposition: 'do_not_call' }, a003);
    expect(byPhone).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'api.not-your-task' } });
    const stillOpen = new Database(tmp.file('ws.sqlite'), { readonly: true });
    expect(stillOpen.prepare('SELECT closed_at FROM tasks WHERE id = ?').pluck().get(theirs[0]!.id)).toBeNull();
    stillOpen.close();
    // The customer at the counter is served whoever holds their task.
    const walkIn = await t.call('attempt-log', { msisdn: String(theirs[1]!.msisdn), channel: 'hall', disposition: 'accepted', offerCode: 'DATA_PACK' }, a003);
    expect(walkIn.created).toBe(true);
    // Their own agent and a supervisor may.
    expect((await t.call('attempt-log', { msisdn: String(theirs[0]!.msisdn), channel: 'phone', disposition: 'no_answer' }, { agentId: 'A002', role: 'agent' })).created).toBe(true);
    expect((await t.call('attempt-log', { msisdn: String(theirs[0]!.msisdn), channel: 'phone', disposition: 'no_answer' }, { agentId: 'S001', role: 'supervisor' })).created).toBe(true);
  });

  it('refuses an offer that is not in the catalogue, naming the field, and stores nothing', async () => {
    const n = pendingNumber();
    const r = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'hall', disposition: 'accepted', offerCode: 'NO_SUCH_OFFER' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-input');
    expect(r.error.message).toContain('NO_SUCH_OFFER');
    expect(r.error.details).toMatchObject({ field: 'offerCode' });
    const card = await t.call('customer-lookup', { msisdn: n });
    if (!card.found) throw new Error('not found');
    expect(card.recentAttempts.some((a) => a.offerCode === 'NO_SUCH_OFFER')).toBe(false);
  });

  it('a decline for a competitor offer names the competitor, and the week counts who is poaching from declines too (issue 15 #6)', async () => {
    const n = pendingNumber();
    const without = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'phone', disposition: 'declined', reason: 'competitor_offer' });
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.error.details).toEqual([expect.objectContaining({ path: 'competitor' })]);
    await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'declined', reason: 'competitor_offer', competitor: 'unicom' });
    const week = await t.call('dashboard-get', { week: '2026-W48' }); // the clock's week (Monday 23 November)
    expect(week.reasons).toContainEqual({ kind: 'competitor', code: 'unicom', count: expect.any(Number) });
  });

  it('stores what the competitor offered with a decline or a churn, and returns it on the card, in the 360 history and in the week (issue 15 #6)', async () => {
    const n = pendingNumber();
    const offer = '  送200M宽带和副卡，月费59  ';
    const r = await t.call('attempt-log', {
      msisdn: n, channel: 'phone', disposition: 'declined', reason: 'competitor_offer', competitor: 'telecom', competitorOffer: offer, competitorAmount: 59,
    });
    expect(r.attempt).toMatchObject({ competitor: 'telecom', competitorOffer: '送200M宽带和副卡，月费59', competitorAmount: 59 });
    clock = new Date(clock.getTime() + 60_000);
    const m = pendingNumber();
    await t.call('attempt-log', { msisdn: m, channel: 'phone', disposition: 'churned', competitor: 'telecom', competitorOffer: '携号转网送手机', competitorAmount: 79.5 });
    clock = new Date(clock.getTime() + 60_000);
    await t.call('attempt-log', { msisdn: m, channel: 'phone', disposition: 'declined', reason: 'social_circle', competitor: 'telecom', competitorAmount: 0 });
    const card = await t.call('customer-lookup', { msisdn: n });
    if (!card.found) throw new Error('not found');
    expect(card.recentAttempts[0]).toMatchObject({ competitor: 'telecom', competitorOffer: '送200M宽带和副卡，月费59', competitorAmount: 59 });
    const history = await t.call('customer-history', { msisdn: m });
    expect(history.attempts.map((a) => [a.disposition, a.competitorOffer, a.competitorAmount])).toEqual([
      ['declined', null, 0],
      ['churned', '携号转网送手机', 79.5],
    ]);
    // Who is poaching: churns count with declines; the median price over the three figures heard; the latest offers first.
    const week = await t.call('dashboard-get', { week: '2026-W48' });
    const telecom = week.competitors.find((c) => c.code === 'telecom')!;
    expect(telecom).toMatchObject({ declines: 2, churns: 1, count: 3, amounts: 3, medianAmount: 59 });
    expect(telecom.latestOffers).toEqual(['携号转网送手机', '送200M宽带和副卡，月费59']);
    expect(week.reasons).toContainEqual({ kind: 'competitor', code: 'telecom', count: 3 });
  });

  it('refuses an invalid competitor price or offer text with its own message, and an offer where none is asked, storing nothing', async () => {
    const n = pendingNumber();
    const base = { msisdn: n, channel: 'phone', disposition: 'declined', reason: 'competitor_offer', competitor: 'unicom' } as const;
    for (const amount of [-1, 10_001, 12.345]) {
      const r = await t.backend.dispatch('attempt-log', { ...base, competitorAmount: amount });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', messageKey: 'outcome.competitor-amount-invalid', params: { value: String(amount), max: 10_000 }, details: { field: 'competitorAmount' } } });
      if (!r.ok) expect(r.error.message).toContain('10,000');
    }
    const long = await t.backend.dispatch('attempt-log', { ...base, competitorOffer: '宽'.repeat(201) });
    expect(long).toMatchObject({ ok: false, error: { messageKey: 'outcome.competitor-offer-too-long', params: { max: 200, length: 201 } } });
    const notAsked = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'phone', disposition: 'declined', reason: 'price', competitorOffer: '联通便宜' });
    expect(notAsked).toMatchObject({ ok: false, error: { messageKey: 'api.competitor-offer-not-asked', details: { field: 'competitorOffer' } } });
    const card = await t.call('customer-lookup', { msisdn: n });
    if (!card.found) throw new Error('not found');
    expect(card.recentAttempts.filter((a) => a.at === clock.toISOString())).toEqual([]);
  });

  it('refuses at the counter what cannot happen face to face (no answer, busy…), naming the disposition and channel (issue 15 #7)', async () => {
    const n = pendingNumber();
    for (const disposition of ['no_answer', 'busy', 'powered_off', 'invalid_number', 'hung_up'] as const) {
      const r = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'hall', disposition });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', messageKey: 'api.disposition-not-for-channel', params: { disposition, channel: 'hall' } } });
    }
    const busy = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'hall', disposition: 'busy' });
    if (!busy.ok) expect(busy.error.message).toBe('"Busy" cannot be logged for the channel "Hall": the customer is in front of you, only face-to-face outcomes apply.');
    expect((await t.call('attempt-log', { msisdn: n, channel: 'hall', disposition: 'wrong_person' })).created).toBe(true);
    expect((await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'busy' })).created).toBe(true);
  });

  it('a customer’s call-back request then a busy signal leaves the task open and callable, even after two failed attempts (issue 15 #3)', async () => {
    const n = pendingNumber();
    const step = () => (clock = new Date(clock.getTime() + 3 * 3600_000));
    await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'no_answer' });
    step();
    await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'no_answer' });
    step();
    const at = new Date(clock.getTime() + 3600_000).toISOString();
    await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'callback', callbackAt: at, note: '下午三点后再打' });
    step();
    const busy = await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'busy' });
    expect(busy.task).toMatchObject({ status: 'in_progress', attempts: 4 });
    const card = await t.call('customer-lookup', { msisdn: n });
    if (!card.found) throw new Error('not found');
    expect(card.task?.status).toBe('in_progress');
    expect(card.contact.reasons.map((r) => r.code)).not.toContain('attempts-exhausted');
  });

  it('a no-answer keeps the task open; an accepted offer closes it as success', async () => {
    const n = pendingNumber();
    const first = await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'no_answer' });
    expect(first.created).toBe(true);
    expect(first.task).toMatchObject({ status: 'in_progress', attempts: 1 });
    const card = await t.call('customer-lookup', { msisdn: n });
    if (!card.found) throw new Error('not found');
    const offer = card.offers.ranked[0]?.code ?? 'DATA_PACK';
    clock = new Date(clock.getTime() + 60_000);
    const won = await t.call('attempt-log', { msisdn: n, channel: 'hall', disposition: 'accepted', offerCode: offer });
    expect(won.task).toMatchObject({ status: 'closed_success', attempts: 2 });
    const after = await t.call('customer-lookup', { msisdn: n });
    if (!after.found) throw new Error('not found');
    expect(after.recentAttempts.map((a) => a.disposition)).toEqual(['accepted', 'no_answer']);
    expect(after.offers.ranked.map((r) => r.code)).not.toContain(offer); // accepted: not offered again
  });

  it('records a plan change the customer accepted, with no offer: the task closes as a success and the card, the 360 history and the plan say which plan (found by a new agent: 1 成功 took offers only)', async () => {
    const n = pendingNumber();
    const card = await t.call('customer-lookup', { msisdn: n });
    if (!card.found) throw new Error('not found');
    const plan = card.tariff.options.find((o) => o.code !== card.tariff.current?.code) ?? card.tariff.options[0]!;
    const won = await t.call('attempt-log', { msisdn: n, channel: 'hall', disposition: 'accepted', planCode: plan.code });
    expect(won.task).toMatchObject({ status: 'closed_success' });
    expect(won.attempt).toMatchObject({ disposition: 'accepted', offerCode: null, planCode: plan.code });
    const after = await t.call('customer-lookup', { msisdn: n });
    if (!after.found) throw new Error('not found');
    expect(after.recentAttempts[0]).toMatchObject({ planCode: plan.code, offerCode: null });
    const history = await t.call('customer-history', { msisdn: n });
    expect(history.attempts[0]).toMatchObject({ planCode: plan.code });

    // A plan not in the catalogue is refused on its field; an accepted outcome with neither an offer nor a plan too.
    const other = pendingNumber();
    const unknown = await t.backend.dispatch('attempt-log', { msisdn: other, channel: 'hall', disposition: 'accepted', planCode: 'NO_SUCH_PLAN' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { field: 'planCode' } } });
    if (!unknown.ok) expect(unknown.error.message).toContain('NO_SUCH_PLAN');
    const neither = await t.backend.dispatch('attempt-log', { msisdn: other, channel: 'hall', disposition: 'accepted' });
    expect(neither).toMatchObject({ ok: false, error: { code: 'invalid-input', params: { field: 'offerCode' } } });
    // A plan is what a success is about, not a decline's or a call-back's detail.
    const declined = await t.backend.dispatch('attempt-log', { msisdn: other, channel: 'hall', disposition: 'declined', reason: 'price', planCode: plan.code });
    expect(declined).toMatchObject({ ok: false, error: { code: 'invalid-input', params: { field: 'planCode' } } });
  });

  it('refuses a decline without a reason and a call-back without a time, in plain words', async () => {
    const n = pendingNumber();
    const declined = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'phone', disposition: 'declined' });
    expect(declined).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!declined.ok) expect(declined.error.message).toMatch(/reason|原因/);
    const cb = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'phone', disposition: 'callback' });
    expect(cb.ok).toBe(false);
    const far = await t.backend.dispatch('attempt-log', { msisdn: n, channel: 'phone', disposition: 'callback', callbackAt: '2027-06-01T02:00:00.000Z' });
    expect(far).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('a call-back comes back due at its time, first in the queue', async () => {
    // A customer the contact policy lets us phone (no do-not-disturb, not in the marketing gap): a due call-back that
    // the policy still blocks waits with the tasks that cannot be called yet (docs/status-rule.md "Callable first").
    const n = pendingNumber({ callable: true });
    const at = new Date(clock.getTime() + 2 * 3600_000).toISOString();
    const r = await t.call('attempt-log', { msisdn: n, channel: 'phone', disposition: 'callback', callbackAt: at });
    expect(r.task?.status).toBe('in_progress');
    clock = new Date(clock.getTime() + 3 * 3600_000);
    const page = await t.call('queue-list', { limit: 200 });
    const mine = page.items.find((i) => i.taskId === r.task!.id)!;
    expect(mine.status).toBe('callback_due');
    expect(page.items[0]!.status).toBe('callback_due');
  });

  it('saving the same attempt twice (a retry) stores it once', async () => {
    const n = pendingNumber();
    const id = crypto.randomUUID();
    const a = await t.call('attempt-log', { id, msisdn: n, channel: 'phone', disposition: 'busy' });
    const b = await t.call('attempt-log', { id, msisdn: n, channel: 'phone', disposition: 'busy' });
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.task?.attempts).toBe(1);
  });

  it('a walk-in not in the cache is still recorded', async () => {
    const r = await t.call('attempt-log', { msisdn: '13999999999', channel: 'hall', disposition: 'declined', reason: 'price' });
    expect(r.task).toBeNull();
    expect(r.attempt.taskId).toBeNull();
  });
});
