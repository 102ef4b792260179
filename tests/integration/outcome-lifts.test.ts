import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeMergeResult } from '../../core/api/ops/outcomes';
import { buildOutcomeSheets } from '../../core/exchange/outcomes';
import { writeWorkbook } from '../../core/exchange/write';
import { openDatabase } from '../../db/connection';
import { contactRefusedSince } from '../../db/tasks';
import { openBackend, type Caller } from '../../electron/backend';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * A supervisor's lift of 要求勿扰 travels in the outcome file (docs/product.md §7.1): the desk that merges it stops
 * blocking the customer as the desk that lifted did — once, whatever the order — and a lift a file says an agent made
 * is not taken (only a supervisor lifts).
 */
describe('outcome files: lifts of 要求勿扰', () => {
  const tmp = tempDir('rd-lifts-');
  const now = new Date('2026-11-23T03:00:00.000Z');
  const dbFile = (name: string) => path.join(tmp.dir, name, 'ws.sqlite');
  const open: ReturnType<typeof testBackend>[] = [];
  const agent: Caller = { agentId: 'A001', role: 'agent' };
  const supervisor: Caller = { agentId: 'S001', role: 'supervisor' };
  const merger: Caller = { agentId: 'S002', role: 'supervisor' };
  let refused: string;
  let forged: string;

  const backendAt = (name: string, at = now) => {
    const b = testBackend({ dbPath: dbFile(name), now: () => at });
    open.push(b);
    return b;
  };
  async function merge(b: ReturnType<typeof testBackend>, files: { bytes: Uint8Array; name: string }[]): Promise<OutcomeMergeResult> {
    // Merged by the desk's own supervisor (mergingDesk), as in the app.
    const job = await b.waitJob(await b.call('outcome-merge', { files: files.map((f) => b.upload(f.bytes, f.name)) }, merger));
    if (job.state !== 'done') throw new Error(`merge ${job.state}: ${job.error?.message}`);
    return job.result as OutcomeMergeResult;
  }
  const refusedOn = (name: string, msisdn: string) => {
    const db = openDatabase(dbFile(name), { readonly: true });
    try {
      return contactRefusedSince(db, Number(msisdn));
    } finally {
      db.close();
    }
  };

  const liftsAudited = (name: string) => {
    const db = openDatabase(dbFile(name), { readonly: true });
    try {
      const rows = db.prepare("SELECT agent_id, target, detail FROM audit_log WHERE action = 'contact-refusal-lift' ORDER BY id").all() as { agent_id: string; target: string; detail: string }[];
      return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
    } finally {
      db.close();
    }
  };

  /** An outcome file with one lift in it and nothing else, as `agentId` would have made it (or a hand, editing). */
  const liftOnlyFile = (msisdn: string, agentId: string) =>
    writeWorkbook(buildOutcomeSheets({ tasks: [], attempts: [], feedback: [], notes: [], lifts: [{ msisdn, at: '2026-11-23T04:00:00.000Z', agentId, reason: '客户同意' }] }, 'zh-CN'), 'xlsx');

  /** The desk that merges has a supervisor of its own, S002, who merges there. */
  const mergingDesk = async (name: string, at = now) => {
    const b = backendAt(name, at);
    await b.call('agent-save', { id: merger.agentId, name: '钱主管', role: 'supervisor', pin: '482913' });
    return b;
  };

  let withLift: Uint8Array;
  let refusalOnly: Uint8Array;

  beforeAll(async () => {
    openBackend({ dbPath: dbFile('base'), demoIfEmpty: true, now: () => now }).close();
    const db = openDatabase(dbFile('base'), { readonly: true });
    // Customers of the agent's own queue: an agent phones only their own (attempts.ts).
    [refused, forged] = (db.prepare("SELECT msisdn FROM tasks WHERE closed_at IS NULL AND agent_id = 'A001' ORDER BY id LIMIT 2").pluck().all() as number[]).map(String) as [string, string];
    db.close();
    for (const m of ['desk', 'merged', 'forgedMerge', 'superseded', 'otherDesk']) {
      fs.mkdirSync(path.dirname(dbFile(m)), { recursive: true });
      fs.copyFileSync(dbFile('base'), dbFile(m));
    }

    // The supervisor's desk: an agent logs 要求勿扰 for two customers; a day later the supervisor lifts one of them
    // (the customer came to the hall and consented again).
    const desk = backendAt('desk');
    for (const msisdn of [refused, forged]) {
      await desk.call('attempt-log', { msisdn, channel: 'phone', disposition: 'do_not_call', reason: null }, agent);
    }
    refusalOnly = desk.backend.files.read((await desk.call('outcome-export', { from: '2026-11-23', to: '2026-11-23' })).token);
    await desk.call('contact-refusal-lift', { msisdn: refused, reason: '客户来厅表示同意再联系' }, supervisor);
    withLift = desk.backend.files.read((await desk.call('outcome-export', { from: '2026-11-23', to: '2026-11-23' })).token);
    expect(refusedOn('desk', refused)).toBeNull();
  });

  afterAll(() => {
    for (const b of open) b.close();
    tmp.cleanup();
  });

  it('lifts the request on the desk that merges the file, as on the desk that lifted it; merged again, nothing changes', async () => {
    const merged = await mergingDesk('merged');
    // The refusal first (yesterday's file): merged, it blocks the customer here too.
    const first = await merge(merged, [{ bytes: refusalOnly, name: 'day1.xlsx' }]);
    expect(first.liftsNew).toBe(0);
    expect(refusedOn('merged', refused)).not.toBeNull();
    const second = await merge(merged, [{ bytes: withLift, name: 'day2.xlsx' }]);
    expect(second.liftsNew).toBe(1);
    expect(second.files[0]).toMatchObject({ liftsRead: 1, liftsNew: 1, issues: [] });
    expect(refusedOn('merged', refused)).toBeNull();
    // The other customer's request stands: nobody lifted it.
    expect(refusedOn('merged', forged)).not.toBeNull();
    const again = await merge(merged, [{ bytes: withLift, name: 'day2.xlsx' }]);
    expect(again.liftsNew).toBe(0);
    expect(refusedOn('merged', refused)).toBeNull();
    // Why it was lifted travels with it: this desk's audit log says who lifted it, when and why, once — as the
    // lifting desk's does (a supervisor here asking why the customer is called again finds the answer) — and who
    // merged it.
    expect(liftsAudited('merged')).toEqual([
      { agent_id: 'S002', target: `${refused.slice(0, 3)}****${refused.slice(7)}`, detail: { reason: '客户来厅表示同意再联系', liftedBy: 'S001', liftedAt: now.toISOString(), merged: true } },
    ]);
  });

  it('a lift older than the customer’s latest 要求勿扰 on the merging desk is kept but not counted, nor audited, as lifting it (found by a new supervisor)', async () => {
    // An hour later here, the customer asked again: after the lift made on the other desk.
    const merged = await mergingDesk('superseded', new Date(now.getTime() + 3_600_000));
    await merged.call('attempt-log', { msisdn: refused, channel: 'phone', disposition: 'do_not_call', reason: null }, agent);
    const result = await merge(merged, [{ bytes: withLift, name: 'day2.xlsx' }]);
    expect(result).toMatchObject({ liftsNew: 0, liftsSuperseded: 1 });
    expect(result.files[0]).toMatchObject({ liftsRead: 1, liftsNew: 0, liftsSuperseded: 1 });
    expect(refusedOn('superseded', refused)).not.toBeNull();
    expect(liftsAudited('superseded')).toEqual([]);
  });

  it('a lift by another desk’s supervisor, who has no account here, says how to take it: add them as a supervisor and merge again (found by a new supervisor)', async () => {
    const merged = await mergingDesk('otherDesk');
    await merge(merged, [{ bytes: refusalOnly, name: 'day1.xlsx' }]);
    const file = liftOnlyFile(refused, 'S009');
    const first = await merge(merged, [{ bytes: file, name: 'desk9.xlsx' }]);
    expect(first).toMatchObject({ liftsNew: 0, liftsRefused: 1 });
    expect(first.files[0]!.issues).toEqual([expect.objectContaining({ code: 'outcome.lift-unknown-supervisor', params: { sheet: '撤销勿扰', value: 'S009' } })]);
    await merged.call('agent-save', { id: 'S009', name: '孙主管', role: 'supervisor', pin: '482913' });
    expect(await merge(merged, [{ bytes: file, name: 'desk9.xlsx' }])).toMatchObject({ liftsNew: 1, liftsRefused: 0 });
    expect(refusedOn('otherDesk', refused)).toBeNull();
  });

  it('does not take a lift the file says an agent made (an edited file), and says so on its row', async () => {
    const merged = await mergingDesk('forgedMerge');
    await merge(merged, [{ bytes: refusalOnly, name: 'day1.xlsx' }]);
    const file = liftOnlyFile(forged, 'A001');
    const result = await merge(merged, [{ bytes: file, name: 'edited.xlsx' }]);
    expect(result).toMatchObject({ liftsNew: 0, liftsRefused: 1 });
    expect(result.files[0]!.issues).toEqual([
      expect.objectContaining({ row: 2, field: 'agentId', code: 'outcome.lift-not-supervisor', severity: 'warning', params: { sheet: '撤销勿扰', value: 'A001' } }),
    ]);
    expect(refusedOn('forgedMerge', forged)).not.toBeNull();
  });
});
