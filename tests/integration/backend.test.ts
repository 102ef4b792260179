import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutput } from '../../core/api';
import { openBackend, type Backend } from '../../electron/backend';
import { openDatabase } from '../../db/connection';
import { tempDir } from '../support/temp';

/** The backend's handlers on a real SQLite file seeded with the demo workspace, through dispatch. */
describe('backend on the demo workspace', () => {
  const tmp = tempDir();
  const now = new Date('2026-11-23T03:00:00.000Z');
  let backend: Backend;

  async function call<N extends string>(name: N, input: unknown) {
    const r = await backend.dispatch(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.data as N extends keyof import('../../core/api').Operations ? OperationOutput<N> : unknown;
  }

  beforeAll(() => {
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => now });
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });

  it('seeds a labelled demo workspace on first start', async () => {
    const info = await call('app-info', {});
    expect(info.demo).toBe(true);
    expect(info.counts.subscribers).toBeGreaterThanOrEqual(2500);
    expect(info.counts.lists).toBeGreaterThanOrEqual(4);
    expect(info.counts.tasks).toBeGreaterThan(500);
    expect(info.counts.attempts).toBeGreaterThan(100);
  });

  it('does not seed again on the next start', async () => {
    const before = (await call('app-info', {})).counts;
    backend.close();
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => now });
    expect((await call('app-info', {})).counts).toEqual(before);
  });

  it('looks a number up, however it was typed, and shows it masked', async () => {
    const db = openDatabase(tmp.file('ws.sqlite'));
    const { msisdn } = db.prepare('SELECT msisdn FROM tasks ORDER BY id LIMIT 1').get() as { msisdn: number };
    db.close();
    const n = String(msisdn);
    const typed = `+86 ${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
    const card = await call('customer-lookup', { msisdn: typed });
    expect(card.found).toBe(true);
    if (!card.found) return;
    expect(card.customer.msisdnMasked).toBe(`${n.slice(0, 3)}****${n.slice(7)}`);
    // The clear number is nowhere in the card (issue 12 #6); the audited reveal gives it back from the card's reference.
    expect(JSON.stringify(card)).not.toContain(n);
    expect((await call('customer-reveal', { ref: card.customer.ref })).msisdn).toBe(n);
    expect(card.customer.nameMasked).toMatch(/^.\*+$/u);
    expect(card.lists.length).toBeGreaterThanOrEqual(1);
    expect(card.task).not.toBeNull();
  });

  it('says when a number is not in the cache, and when it is not a number', async () => {
    const missing = await call('customer-lookup', { msisdn: '19999999999' });
    expect(missing).toEqual({ found: false, msisdnMasked: '199****9999', invalid: false });
    const lost = await call('customer-lookup', { msisdn: '1.38888E+10' });
    expect(lost).toMatchObject({ found: false, invalid: true });
  });

  it('pages the queue with callbacks due first, then by priority', async () => {
    const first = await call('queue-list', { offset: 0, limit: 50 });
    expect(first.total).toBeGreaterThan(50);
    expect(first.items).toHaveLength(50);
    const second = await call('queue-list', { offset: 50, limit: 50 });
    const ids = new Set(first.items.map((i) => i.taskId));
    expect(second.items.some((i) => ids.has(i.taskId))).toBe(false);
    for (const item of first.items) {
      expect(item.msisdnMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
      expect(item.lists.length).toBeGreaterThanOrEqual(1);
      expect(['pending', 'in_progress', 'callback_due']).toContain(item.status);
    }
    const dueIndex = first.items.map((i) => i.status === 'callback_due');
    // every due callback comes before every other task
    expect(dueIndex.indexOf(false) === -1 || dueIndex.lastIndexOf(true) < dueIndex.indexOf(false)).toBe(true);
  });

  it('filters the queue by list and by status', async () => {
    const lists = await call('worklist-list', {});
    const list = lists.items[0]!;
    const page = await call('queue-list', { listId: list.id, limit: 500 });
    expect(page.total).toBeLessThanOrEqual(list.issued);
    expect(page.items.every((i) => i.lists.some((l) => l.id === list.id))).toBe(true);
    const success = await call('queue-list', { status: 'closed_success', limit: 20 });
    expect(success.items.every((i) => i.status === 'closed_success')).toBe(true);
  });

  it('the work lists tell an agent their own open tasks beside the team’s, as the queue the list opens shows them (the team-wide figure alone read as theirs; found by a new agent)', async () => {
    const asAgent = { agentId: 'A001', role: 'agent' } as const;
    const r = await backend.dispatch('worklist-list', {}, asAgent);
    if (!r.ok) throw new Error(r.error.message);
    const lists = (r.data as { items: { id: number; open: number; mine: number | null }[] }).items;
    let someoneElses = 0;
    for (const l of lists) {
      const queue = await backend.dispatch('queue-list', { listId: l.id, limit: 1 }, asAgent);
      if (!queue.ok) throw new Error(queue.error.message);
      expect(l.mine).toBe((queue.data as { total: number }).total);
      someoneElses += l.open - l.mine!;
    }
    expect(someoneElses).toBeGreaterThan(0);
    // A supervisor's queue is the team's: no figure of their own.
    expect((await call('worklist-list', {})).items.every((l) => l.mine === null)).toBe(true);
  });

  it('refuses unknown operations and invalid input as data, not exceptions', async () => {
    expect(await backend.dispatch('drop-everything', {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(await backend.dispatch('customer-lookup', { msisdn: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('checks the caller role on every operation', async () => {
    const r = await backend.dispatch('queue-list', {}, { agentId: 'A001', role: 'agent' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const items = (r.data as OperationOutput<'queue-list'>).items;
      expect(items.every((i) => i.agentId === 'A001')).toBe(true);
    }
  });

  it('sends only masked personal data; a reveal gives the clear name and number and is audited (masked)', async () => {
    const db = openDatabase(tmp.file('ws.sqlite'));
    const { msisdn, name } = db.prepare('SELECT msisdn, name FROM subscribers WHERE name IS NOT NULL LIMIT 1').get() as { msisdn: number; name: string };
    const card = await call('customer-lookup', { msisdn: String(msisdn) });
    if (!card.found) throw new Error('not found');
    expect(card.customer.name).toBeNull();
    expect(JSON.stringify(card)).not.toContain(name);
    const revealed = await call('customer-reveal', { msisdn: String(msisdn) });
    expect(revealed).toEqual({ msisdn: String(msisdn), name, extra: {}, texts: {} });
    const audit = db.prepare("SELECT target FROM audit_log WHERE action = 'customer-reveal' ORDER BY id DESC LIMIT 1").get() as { target: string };
    db.close();
    expect(audit.target).toBe(`${String(msisdn).slice(0, 3)}****${String(msisdn).slice(7)}`);
  });
});
