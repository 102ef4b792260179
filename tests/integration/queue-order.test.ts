import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutput, WorklistPreview } from '../../core/api';
import { openDatabase } from '../../db/connection';
import { queueQueries } from '../../db/tasks';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

type Page = OperationOutput<'queue-list'>;

/**
 * Callable first and why each row sits where it does (issue 15 #2 and #4, docs/status-rule.md "Callable first"):
 * tasks that cannot be phoned now for a reason of their own go after the callable ones, soonest to lift first, and
 * come back at their priority once the block lifts; paging runs across the parts; supervisors filter by agent
 * (未分配 too), agents see only their own.
 */
describe('queue order: callable first', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  // Local late morning wherever the tests run: a call-back is booked inside calling hours (core/contact/policy.ts validateCallback).
  let clock = new Date(2026, 10, 23, 11, 0);
  let t: ReturnType<typeof testBackend>;
  const k001 = { agentId: 'K001', role: 'agent' as const };
  const asAgent = async (input: object, caller: { agentId: string; role: 'agent' } = k001) => {
    const r = await t.backend.dispatch('queue-list', input, caller);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.data as Page;
  };
  const numbers = (p: Page) => p.items.map((i) => i.msisdnMasked.slice(-4));

  beforeAll(async () => {
    t = testBackend({ dbPath, now: () => clock });
    await t.call('agent-save', { id: 'K001', name: '柯一', role: 'agent', pin: '482913' });
    await t.call('agent-save', { id: 'K002', name: '柯二', role: 'agent', pin: '482914' });
    // ARPU sets the value at stake, so the priority order without blocks is 0001 > 0002 > 0003 > 0004 (same level).
    const csv = new TextEncoder().encode(
      [
        '手机号码,执行人,近三月ARPU,免打扰,最近营销日期',
        '13812340001,K001,300,是,', // do-not-disturb: blocked for good
        '13812340002,K001,200,否,', // will be 忙线: blocked for the retry spacing
        '13812340003,K001,100,否,', // callable
        '13812340004,K001,50,否,2026-11-01', // marketed 22 days ago: blocked until the 60-day gap ends
        '13812340005,K001,40,否,', // callable
        '13812340006,,150,否,', // unassigned
        '13812340007,K002,120,否,', // another agent's
      ].join('\n'),
    );
    const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(csv, 'q.csv') }))).result as WorklistPreview;
    const job = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(csv, 'q.csv'), mapping: preview.columns.map((c) => c.target), list: { ...preview.list, name: '排序检查', dueDate: '2026-12-31' }, onRejected: 'import-valid' }),
    );
    expect(job.error).toBeUndefined();
    const logged = await t.backend.dispatch('attempt-log', { msisdn: '13812340002', channel: 'phone', disposition: 'busy' }, k001);
    expect(logged.ok).toBe(true);
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('a do-not-disturb task, a just-busy one and one in the marketing gap come after the callable ones, soonest to lift first', async () => {
    const page = await asAgent({ limit: 100 });
    expect(numbers(page)).toEqual(['0003', '0005', '0002', '0004', '0001']);
    expect(page.total).toBe(5);
    expect(page.unassigned).toBeNull();
    expect(page.items.map((i) => i.order.part)).toEqual(['callable', 'callable', 'blocked', 'blocked', 'blocked']);
    const [busy, gap, dnd] = page.items.slice(2);
    // the busy one lifts when the retry spacing (120 minutes) has passed; the gap at the local start of its 61st day
    expect(busy!.order.blockedUntil).toBe(new Date(clock.getTime() + 120 * 60_000).toISOString());
    expect(busy!.contact.reasons.map((r) => r.code)).toContain('retry-too-soon');
    expect(gap!.contact.reasons.map((r) => r.code)).toContain('marketing-gap');
    expect(gap!.order.blockedUntil! > busy!.order.blockedUntil!).toBe(true);
    // nothing but a change lifts do-not-disturb: no time
    expect(dnd!.order.blockedUntil).toBeNull();
    expect(dnd!.contact.reasons.map((r) => r.code)).toContain('do-not-disturb');
    // why the callable ones are where they are: the factors of the priority that ordered them
    const [first, second] = page.items;
    expect(first!.order.priority).toMatchObject({ pChurnFrom: 'level', value: 1200, dueFactor: 1, attemptsFactor: 1 });
    expect(first!.order.priority!.pChurn * first!.order.priority!.value).toBeCloseTo(first!.priority, 6);
    expect(first!.priority).toBeGreaterThan(second!.priority);
  });

  it('a blocked task whose time has come is back among the callable ones at its priority, and open queues are told', async () => {
    clock = new Date(clock.getTime() + 121 * 60_000);
    const heard: unknown[] = [];
    const stop = t.backend.onEvent((name, payload) => {
      if (name === 'data-changed') heard.push(payload);
    });
    const page = await asAgent({ limit: 100 });
    expect(heard).toContainEqual(expect.objectContaining({ what: ['queue'] }));
    heard.length = 0;
    await asAgent({ limit: 100 }); // nothing more lifted: nothing said
    stop();
    expect(heard).toEqual([]);
    expect(numbers(page)).toEqual(['0002', '0003', '0005', '0004', '0001']);
    expect(page.items[0]!.order).toMatchObject({ part: 'callable', blockedUntil: null });
    expect(page.items[0]!.contact.reasons.map((r) => r.code)).not.toContain('retry-too-soon');
  });

  it('a call-back set for later waits in the blocked part and comes first when due', async () => {
    const at = new Date(clock.getTime() + 30 * 60_000).toISOString();
    const r = await t.backend.dispatch('attempt-log', { msisdn: '13812340005', channel: 'phone', disposition: 'callback', callbackAt: at }, k001);
    expect(r.ok).toBe(true);
    let page = await asAgent({ limit: 100 });
    expect(numbers(page)).toEqual(['0002', '0003', '0005', '0004', '0001']);
    expect(page.items[2]!.order).toMatchObject({ part: 'blocked', blockedUntil: at });
    clock = new Date(Date.parse(at) + 60_000);
    page = await asAgent({ limit: 100 });
    expect(numbers(page)).toEqual(['0005', '0002', '0003', '0004', '0001']);
    expect(page.items[0]!.order).toMatchObject({ part: 'callback-due', callbackAt: at });
    // The status filter finds it by the status it shows (待回访), not the stored one (处理中): it said 共 0 个任务.
    const due = await asAgent({ limit: 100, status: 'callback_due' });
    expect(numbers(due)).toEqual(['0005']);
    expect(due.items[0]!.status).toBe('callback_due');
    expect(numbers(await asAgent({ limit: 100, status: 'in_progress' }))).not.toContain('0005');
  });

  it('paging runs across the parts without duplicates or gaps, and says the same total', async () => {
    const all = await t.call('queue-list', { limit: 100 });
    expect(all.total).toBe(7);
    expect(all.items.map((i) => i.order.part)).toEqual(['callback-due', 'callable', 'callable', 'callable', 'callable', 'blocked', 'blocked']);
    for (const size of [1, 2, 3, 4]) {
      const seen: number[] = [];
      for (let offset = 0; offset < all.total; offset += size) {
        const p = await t.call('queue-list', { offset, limit: size });
        expect(p.total).toBe(all.total);
        seen.push(...p.items.map((i) => i.taskId));
      }
      expect([size, seen]).toEqual([size, all.items.map((i) => i.taskId)]);
    }
    expect((await t.call('queue-list', { offset: 7, limit: 5 })).items).toEqual([]);
  });

  it('a supervisor filters by agent and by 未分配 and sees the 未分配 count; other sorts are plain orders', async () => {
    const k2 = await t.call('queue-list', { agentId: 'K002' });
    expect(numbers(k2)).toEqual(['0007']);
    expect(k2.total).toBe(1);
    const none = await t.call('queue-list', { agentId: null });
    expect(numbers(none)).toEqual(['0006']);
    expect(none.total).toBe(1);
    expect(none.items[0]!.agentId).toBeNull();
    expect(none.unassigned).toBe(1);
    expect((await t.call('queue-list', {})).unassigned).toBe(1);
    const byAttempts = await t.call('queue-list', { agentId: 'K001', sort: 'attempts', descending: true });
    expect(byAttempts.items.slice(0, 2).map((i) => i.attempts)).toEqual([1, 1]);
    expect(byAttempts.items.slice(2).every((i) => i.attempts === 0)).toBe(true);
    const byLevel = await t.call('queue-list', { sort: 'level' });
    expect(byLevel.total).toBe(7);
    expect(byLevel.items).toHaveLength(7);
    // Each row shows what the whole view shows, and pages of a sort run through it without duplicates or gaps.
    for (const sort of ['level', 'attempts', 'dueDate'] as const) {
      const whole = await t.call('queue-list', { sort, limit: 100 });
      const seen: typeof whole.items = [];
      for (let offset = 0; offset < whole.total; offset += 3) seen.push(...(await t.call('queue-list', { sort, offset, limit: 3 })).items);
      expect([sort, seen]).toEqual([sort, whole.items]);
    }
    const lowFirst = byLevel.items.map((i) => i.level);
    const rank = (l: string | null) => ['high', 'medium', 'low', 'stable'].indexOf(l ?? '') + 1 || 5;
    expect(lowFirst.map(rank)).toEqual([...lowFirst.map(rank)].sort((a, b) => b - a));
  });

  it("an agent cannot see another agent's tasks or the unassigned through the filter", async () => {
    for (const agentId of ['K002', null]) {
      const r = await t.backend.dispatch('queue-list', { agentId }, k001);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
    }
    const own = await asAgent({ agentId: 'K001' });
    expect(own.items.every((i) => i.agentId === 'K001')).toBe(true);
    expect(own.total).toBe(5);
  });

  it('the stored blocks are what the contact policy says (refreshed from the one rule, not restated)', () => {
    const db = new Database(dbPath, { readonly: true });
    const rows = db.prepare('SELECT msisdn, blocked_until FROM tasks ORDER BY msisdn').all() as { msisdn: number; blocked_until: string | null }[];
    db.close();
    const of = (n: number) => rows.find((r) => r.msisdn === n)!.blocked_until;
    expect(of(13812340001)).toBe('9999-12-31T23:59:59.999Z');
    expect(of(13812340003)).toBeNull();
    expect(of(13812340006)).toBeNull();
  });

  it('a task that closes leaves the queue and its block with it', async () => {
    const r = await t.backend.dispatch('attempt-log', { msisdn: '13812340004', channel: 'hall', disposition: 'declined', reason: 'price' }, k001);
    expect(r.ok).toBe(true);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT status, closed_at IS NOT NULL AS closed, blocked_until FROM tasks WHERE msisdn = 13812340004').get()).toEqual({ status: 'closed_declined', closed: 1, blocked_until: null });
    db.close();
    expect(numbers(await asAgent({ limit: 100 }))).toEqual(['0005', '0002', '0003', '0001']);
  });
});

describe('queue page plans', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('the callable and blocked parts are index walks in their order, overall, per agent and for 未分配 — no sort of every open task', () => {
    const db = openDatabase(tmp.file('plan.sqlite'));
    try {
      for (const f of [{}, { agentId: 'A001' }, { agentId: null }] as const) {
        const q = queueQueries({ offset: 0, limit: 100, now: '2026-11-23T03:00:00.000Z', ...f });
        const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...q.params, limit: 100, offset: 0 }) as { detail: string }[]).map((r) => r.detail).join('\n');
        // the page is chosen inside the part's index, covering (an offset is skipped there), with no sort
        for (const [part, sql] of [['callable', q.callableIds], ['blocked', q.blockedIds]] as const) {
          expect([part, f, plan(sql)]).toEqual([part, f, expect.stringMatching(new RegExp(`^(SCAN|SEARCH) t USING COVERING INDEX tasks_(agent_)?${part}\\b`))]);
          expect(plan(sql)).not.toMatch(/TEMP B-TREE/);
        }
        // the rows shown are joined to that page only
        for (const sql of [q.callable, q.blocked]) expect(plan(sql)).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
      }
    } finally {
      db.close();
    }
  });
});
