import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactPolicyPreviewResult } from '../../core/api/ops/contact-policy';
import { formatAuditDetail } from '../../core/audit/actions';
import { defaultContactPolicy, type ContactPolicy } from '../../core/contact/policy';
import { defaultRiskConfig } from '../../core/risk/config';
import { writeWorkbook } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

const NOW = '2026-11-23T03:00:00.000Z';

/** The contact policy as versioned configuration (issue 16 #3): preview, save, versions, roll back, and the readers. */
describe('contact policy versions and preview', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date(NOW) });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const read = <T>(fn: (d: Database.Database) => T): T => {
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    try {
      return fn(d);
    } finally {
      d.close();
    }
  };
  /** Every task's stored block and whether it is open, by id. */
  const tasks = () =>
    read((d) => new Map((d.prepare('SELECT id, closed_at IS NULL AS open, blocked_until FROM tasks').raw().all() as [number, number, string | null][]).map(([id, open, b]) => [id, { open: open === 1, blocked: b }])));
  const callable = (x: { open: boolean; blocked: string | null }) => x.open && (x.blocked === null || x.blocked <= NOW);

  /** Retry spacing of three days, a 90-day marketing gap, and longer calling hours (which block no task by themselves). */
  const candidate = (): ContactPolicy => ({ ...defaultContactPolicy, retryAfterMinutes: 3 * 24 * 60, marketingGapDays: 90, phoneStartMinute: 8 * 60, phoneEndMinute: 21 * 60 });

  const preview = async (policy: ContactPolicy): Promise<ContactPolicyPreviewResult> => {
    const job = await t.waitJob(await t.call('contact-policy-preview', { policy }));
    expect(job.error).toBeUndefined();
    return job.result!;
  };

  let original: ReturnType<typeof tasks>;
  let forecast: ContactPolicyPreviewResult;

  it('the active policy is the built-in one, version 1, until a change is saved', async () => {
    expect(await t.call('contact-policy-get', {})).toEqual({ policy: defaultContactPolicy, version: 1, isDefault: true });
    const same = await preview(defaultContactPolicy);
    expect(same).toMatchObject({ activeVersion: 1, changed: 0, closing: 0, blocksChanged: 0 });
    expect(same.openTasks).toBeGreaterThan(100);
  });

  it('a preview counts the open tasks whose callability would change, and writes nothing', async () => {
    original = tasks();
    const versions = read((d) => d.prepare('SELECT count(*) FROM config_versions').pluck().get());
    forecast = await preview(candidate());
    expect(tasks()).toEqual(original);
    expect(read((d) => d.prepare('SELECT count(*) FROM config_versions').pluck().get())).toBe(versions);
    expect(forecast.changed).toBeGreaterThan(0);
    // Longer spacing and a longer gap only ever block more.
    expect(forecast.becomeBlocked).toBe(forecast.changed);
    expect(forecast.openTasks).toBe([...original.values()].filter((x) => x.open).length);
  });

  it('saving it changes exactly the tasks the preview counted, and the queue agrees', async () => {
    const job = await t.waitJob(await t.call('contact-policy-save', { policy: candidate() }));
    expect(job.state).toBe('done');
    const { activeVersion: _v, ...effect } = forecast;
    expect(job.result).toEqual(effect);
    const after = tasks();
    let changed = 0;
    for (const [id, before] of original) if (before.open && callable(before) !== callable(after.get(id)!)) changed++;
    expect(changed).toBe(forecast.changed);
    // A task blocked by the new spacing now says so on the queue, with the new figure.
    const blocked = await t.call('queue-list', { limit: 500, offset: 0 });
    const spaced = blocked.items.find((i) => i.contact.reasons.some((r) => r.code === 'retry-too-soon'));
    expect(spaced).toBeDefined();
    expect((await t.call('contact-policy-get', {})).version).toBe(2);
  });

  it('keeps the defaults as version 1; the audit entry names the changed settings in words', async () => {
    const { items } = await t.call('contact-policy-versions', {});
    expect(items.map((v) => [v.version, v.active, v.isDefaults])).toEqual([
      [2, true, false],
      [1, false, true],
    ]);
    expect([...items[0]!.changes].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'marketingGapDays', before: 60, after: 90 },
      { path: 'phoneEndMinute', before: 20 * 60 + 30, after: 21 * 60 },
      { path: 'phoneStartMinute', before: 9 * 60, after: 8 * 60 },
      { path: 'retryAfterMinutes', before: 120, after: 3 * 24 * 60 },
    ]);
    expect(items[1]!.policy).toEqual(defaultContactPolicy);
    const entry = (await t.call('audit-list', { limit: 50 })).items.find((e) => e.action === 'contact-policy-save')!;
    expect(entry.target).toBe('v2');
    expect(formatAuditDetail('zh-CN', entry.detail, entry.action)).toBe('修改项：外呼时段开始、外呼时段结束、未接通后再拨间隔、营销间隔（不再营销的天数）');
    expect(formatAuditDetail('en', entry.detail, entry.action)).not.toMatch(/retryAfterMinutes|marketingGapDays/u);
  });

  it('making version 1 active again restores every task’s block, audited', async () => {
    const back = await preview(defaultContactPolicy);
    expect(back.changed).toBe(forecast.changed);
    expect(back.becomeCallable).toBe(forecast.changed);
    const job = await t.waitJob(await t.call('contact-policy-activate', { version: 1 }));
    expect(job.state).toBe('done');
    expect(tasks()).toEqual(original);
    expect((await t.call('contact-policy-get', {})).version).toBe(1);
    const entry = (await t.call('audit-list', { limit: 50 })).items.find((e) => e.action === 'contact-policy-activate')!;
    expect([entry.target, entry.detail]).toEqual(['v1', { previous: 'v2' }]);
  });

  it('a lower attempt limit closes the tasks that reached it, one number with the status rule', async () => {
    const policy = { ...defaultContactPolicy, maxAttempts: 2 };
    const unreachable = () => read((d) => d.prepare("SELECT count(*) FROM tasks WHERE status = 'closed_unreachable'").pluck().get()) as number;
    const before = unreachable();
    const stored = tasks();
    const p = await preview(policy);
    expect(p.closing).toBeGreaterThan(0);
    const job = await t.waitJob(await t.call('contact-policy-save', { policy }));
    expect(job.result!.closing).toBe(p.closing);
    expect(unreachable() - before).toBe(p.closing);
    // A task the limit closes is counted as closing, not also among those "no longer callable for now" (a
    // supervisor read the closed tasks twice, once as temporary); the lines add up to the summary's figure.
    const after = tasks();
    let [closed, blocked, freed] = [0, 0, 0];
    for (const [id, was] of stored) {
      const now = after.get(id)!;
      if (!was.open) continue;
      if (!now.open) closed++;
      else if (callable(was) && !callable(now)) blocked++;
      else if (!callable(was) && callable(now)) freed++;
    }
    expect([p.closing, p.becomeBlocked, p.becomeCallable]).toEqual([closed, blocked, freed]);
    expect(p.changed).toBe(p.closing + p.becomeBlocked + p.becomeCallable);
    // Nothing open is left at the limit: the policy would block it and the status rule has closed it.
    expect((await preview(policy)).closing).toBe(0);
  });

  it('a call-back beyond the policy’s horizon is refused with the policy’s figure', async () => {
    await t.waitJob(await t.call('contact-policy-save', { policy: { ...defaultContactPolicy, maxCallbackDays: 7 } }));
    const task = (await t.call('queue-list', { limit: 1, offset: 0 })).items[0]!;
    const card = await t.call('customer-lookup', { taskId: task.taskId });
    if (!card.found) throw new Error('no card');
    const r = await t.backend.dispatch('attempt-log', {
      ref: card.customer.ref,
      channel: 'phone',
      disposition: 'callback',
      callbackAt: new Date(Date.parse(NOW) + 10 * 86_400_000).toISOString(),
    });
    expect(r.ok ? null : [r.error.code, r.error.messageKey, r.error.params]).toEqual(['invalid-input', 'api.callback-too-far', { days: 7 }]);
  });

  it('a call-back promised outside calling hours is refused with the hours, and nothing is logged', async () => {
    const task = (await t.call('queue-list', { limit: 1, offset: 0 })).items[0]!;
    const card = await t.call('customer-lookup', { taskId: task.taskId });
    if (!card.found) throw new Error('no card');
    const attempts = () => read((d) => d.prepare('SELECT count(*) FROM attempts').pluck().get());
    const before = attempts();
    const tomorrowAt = (h: number, m: number) => {
      const d = new Date(Date.parse(NOW) + 86_400_000);
      d.setHours(h, m, 0, 0); // the backend's local clock: the test's own process
      return d.toISOString();
    };
    const log = (callbackAt: string) => t.backend.dispatch('attempt-log', { ref: card.customer.ref, channel: 'phone', disposition: 'callback', callbackAt });
    const r = await log(tomorrowAt(23, 0));
    expect(r.ok ? null : [r.error.code, r.error.messageKey, r.error.params, r.error.details]).toEqual(['invalid-input', 'api.callback-outside-hours', { from: '09:00', to: '20:30' }, { field: 'callbackAt' }]);
    expect(attempts()).toBe(before);
    expect((await log(tomorrowAt(20, 15))).ok).toBe(true);
  });

  it('bad policies are refused before anything is saved; an unknown version is not found; agents may not change it', async () => {
    const count = read((d) => d.prepare('SELECT count(*) FROM config_versions').pluck().get());
    for (const policy of [{ ...defaultContactPolicy, phoneEndMinute: 8 * 60 }, { ...defaultContactPolicy, portingAppliedDays: 0 }, { ...defaultContactPolicy, retryAfterMinutes: -1 }]) {
      await expect(t.call('contact-policy-save', { policy })).rejects.toMatchObject({ code: 'invalid-input' });
    }
    expect(read((d) => d.prepare('SELECT count(*) FROM config_versions').pluck().get())).toBe(count);
    await expect(t.call('contact-policy-activate', { version: 99 })).rejects.toMatchObject({ code: 'not-found' });
    const agent = { agentId: 'A001', role: 'agent' as const };
    for (const [name, input] of [
      ['contact-policy-preview', { policy: candidate() }],
      ['contact-policy-versions', {}],
      ['contact-policy-activate', { version: 1 }],
      ['contact-policy-save', { policy: candidate() }],
    ] as const) {
      const r = await t.backend.dispatch(name, input, agent);
      expect([name, r.ok ? 'ok' : r.error.code]).toEqual([name, 'forbidden']);
    }
    expect((await t.backend.dispatch('contact-policy-get', {}, agent)).ok).toBe(true);
  });
});

/** Number portability (issue 16 #6) and the VAS history columns, from an imported work list to the card. */
describe('number portability and marketing history from a work list', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(NOW) });
    const csv = writeWorkbook(
      [
        {
          name: 'x',
          header: ['手机号码', '客户姓名', '携号转网资格查询日期', '携号转网申请日期', '最近退订日期'],
          rows: [
            ['13912340001', '张三', '2026-11-15', '2026-11-20', ''],
            ['13912340002', '李四', '2026-11-18', '', ''],
            ['13912340003', '王五', '', '', '2026-06-01'],
          ],
        },
      ],
      'csv',
    );
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(csv, 'porting.csv') }))).result!;
    const job = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(csv, 'porting.csv'), sheet: p.sheet, headerRow: p.headerRow, mapping: p.columns.map((c) => c.target), list: { ...p.list, name: '携转关怀' }, onRejected: 'import-valid' }),
    );
    expect(job.error).toBeUndefined();
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const card = async (msisdn: string, channel: 'phone' | 'hall') => {
    const c = await t.call('customer-lookup', { msisdn, channel });
    if (!c.found) throw new Error('not found');
    return c;
  };

  it('a porting applicant is blocked for sales on every channel with reason porting-applied, and the query date is a risk reason', async () => {
    for (const channel of ['phone', 'hall'] as const) {
      const c = await card('13912340001', channel);
      expect(c.contact.allowed).toBe(false);
      expect(c.contact.reasons).toContainEqual({ code: 'porting-applied', params: { date: '2026-11-20', days: 3 } });
    }
    const c = await card('13912340001', 'phone');
    expect(c.risk.reasons).toContainEqual({ code: 'porting-query', points: 8, params: { date: '2026-11-15', days: 8 } });
    // The one who only asked is at risk, and may be called.
    const asked = await card('13912340002', 'phone');
    expect(asked.risk.reasons.map((r) => r.code)).toContain('porting-query');
    expect(asked.contact.reasons.map((r) => r.code)).not.toContain('porting-applied');
    // The queue puts the applicant among those who cannot be called.
    const q = await t.call('queue-list', { limit: 10, offset: 0 });
    expect(q.items.find((i) => i.contact.reasons.some((r) => r.code === 'porting-applied'))?.order.part).toBe('blocked');
  });

  it('a voluntary unsubscribe within a year blocks outbound marketing; switched off in the policy, it does not', async () => {
    expect((await card('13912340003', 'phone')).contact.reasons.map((r) => r.code)).toContain('recently-unsubscribed');
    expect((await card('13912340003', 'hall')).contact.allowed).toBe(true);
    const job = await t.waitJob(await t.call('contact-policy-save', { policy: { ...defaultContactPolicy, unsubscribedDays: 0 } }));
    expect(job.result!.becomeCallable).toBe(1);
    expect((await card('13912340003', 'phone')).contact.reasons.map((r) => r.code)).not.toContain('recently-unsubscribed');
  });

  it('an offer only for porting customers is refused at save, naming the condition; nothing is written', async () => {
    const offer = (await t.call('offer-list', {}))[0]!;
    const r = await t.backend.dispatch('offer-save', { offer: { ...offer, rules: { eligible: [{ field: 'arpu_avg3', op: '>=', value: 30 }, { any: [{ tag: 'family' }, { list: 'number_porting' }] }] } } });
    expect(r.ok ? null : [r.error.code, r.error.messageKey, r.error.params]).toEqual(['invalid-input', 'offer.porting-only', { place: '2.2', field: 'list_type' }]);
    expect((await t.call('offer-list', {}))[0]).toEqual(offer);
    // Excluding them is what the rules want, and saves.
    const ok = await t.call('offer-save', { offer: { ...offer, rules: { ...offer.rules, notIf: [...(offer.rules.notIf ?? []), { field: 'porting_apply_date', op: 'present' }] } } });
    expect(ok.created).toBe(false);
  });

  it('a risk version saved before the porting rule existed still reads, with the default rule, and does not show it as changed', async () => {
    const { portingQuery: _none, ...old } = defaultRiskConfig;
    const d = new Database(tmp.file('ws.sqlite'));
    d.prepare("INSERT INTO config_versions (kind, version, body, active, created_at, created_by) VALUES ('risk', 1, ?, 0, ?, NULL)").run(JSON.stringify(old), NOW);
    d.prepare("INSERT INTO config_versions (kind, version, body, active, created_at, created_by) VALUES ('risk', 2, ?, 1, ?, NULL)").run(JSON.stringify({ ...old, arrears: { points: 3 } }), NOW);
    d.close();
    const { items } = await t.call('risk-config-versions', {});
    expect(items.map((v) => [v.version, v.changes.map((c) => c.path), v.config?.portingQuery])).toEqual([
      [2, ['arrears.points'], { days: 30, points: 8 }],
      [1, [], { days: 30, points: 8 }],
    ]);
    expect((await t.call('risk-config-get', {})).config.portingQuery).toEqual({ days: 30, points: 8 });
  });

  it('our own sales conversation on an earlier task counts as "marketed on any channel" for the next task', async () => {
    const before = await card('13912340002', 'phone');
    await t.call('attempt-log', { ref: before.customer.ref, channel: 'phone', disposition: 'declined', reason: 'price' });
    const again = writeWorkbook([{ name: 'x', header: ['手机号码', '客户姓名'], rows: [['13912340002', '李四']] }], 'csv');
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(again, 'again.csv') }))).result!;
    const job = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(again, 'again.csv'), sheet: p.sheet, headerRow: p.headerRow, mapping: p.columns.map((c) => c.target), list: { ...p.list, name: '再次维系' }, onRejected: 'import-valid' }),
    );
    expect(job.error).toBeUndefined();
    const next = await card('13912340002', 'phone');
    expect(next.task?.id).not.toBe(before.task?.id);
    expect(next.contact.reasons.map((r) => r.code)).not.toContain('marketed-recently'); // off by default
    await t.waitJob(await t.call('contact-policy-save', { policy: { ...defaultContactPolicy, marketedAnyChannelDays: 90 } }));
    expect((await card('13912340002', 'phone')).contact.reasons).toContainEqual({ code: 'marketed-recently', params: { date: '2026-11-23', days: 0, window: 90 } });
  });
});

/**
 * 要求勿扰 (docs/product.md §6): a customer who asks not to be contacted again ends the task, and no later task of theirs
 * is phoned — whatever a later file's 免打扰 says — on this desk or on one that merges the outcome file.
 */
describe('a customer who asks not to be contacted again', () => {
  const tmp = tempDir();
  const open: ReturnType<typeof testBackend>[] = [];
  const backendIn = (folder: string, now = () => new Date(NOW)) => {
    const b = testBackend({ dbPath: tmp.file(`${folder}/ws.sqlite`), now });
    open.push(b);
    return b;
  };
  const importList = async (t: ReturnType<typeof testBackend>, name: string, rows: string[][]) => {
    const csv = writeWorkbook([{ name: 'x', header: ['手机号码', '客户姓名', '是否免打扰'], rows }], 'csv');
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(csv, `${name}.csv`) }))).result!;
    const job = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(csv, `${name}.csv`), sheet: p.sheet, headerRow: p.headerRow, mapping: p.columns.map((c) => c.target), list: { ...p.list, name }, onRejected: 'import-valid' }),
    );
    expect(job.error).toBeUndefined();
  };
  const card = async (t: ReturnType<typeof testBackend>, msisdn: string, channel: 'phone' | 'hall') => {
    const c = await t.call('customer-lookup', { msisdn, channel });
    if (!c.found) throw new Error('not found');
    return c;
  };
  /** What holds a phone call back, calling hours aside (they depend on the zone the tests run in). */
  const blocking = (c: { contact: { reasons: { code: string }[] } }) => c.contact.reasons.map((r) => r.code).filter((code) => code !== 'outside-hours');
  afterAll(() => {
    for (const b of open) b.close();
    tmp.cleanup();
  });

  it('ends the task, and the next list’s task is not phoned though its file says 免打扰 否; the hall serves them', async () => {
    const t = backendIn('desk');
    await importList(t, '合约到期', [['13912340011', '张三', '否'], ['13912340012', '李四', '否']]);
    const before = await card(t, '13912340011', 'phone');
    expect(blocking(before)).toEqual([]);
    await t.call('attempt-log', { ref: before.customer.ref, channel: 'phone', disposition: 'do_not_call' });
    const after = await card(t, '13912340011', 'phone');
    expect(after.task?.status).toBe('closed_declined');
    expect(after.contact.reasons.map((r) => r.code)).toContain('asked-not-to-be-contacted');

    await importList(t, '再次维系', [['13912340011', '张三', '否'], ['13912340012', '李四', '否']]);
    const next = await card(t, '13912340011', 'phone');
    expect(next.task?.id).not.toBe(before.task?.id);
    expect(next.task?.status).toBe('pending');
    expect(blocking(next)).toEqual(['asked-not-to-be-contacted']);
    expect(next.contact.reasons).toContainEqual({ code: 'asked-not-to-be-contacted', params: { date: '2026-11-23' } });
    const counter = await card(t, '13912340011', 'hall');
    expect(counter.contact.allowed).toBe(true);
    // The counter's card says it all the same (it blocks nothing there, so no reason of the contact decision does).
    expect(counter.contactRefusedAt).toBe(NOW);
    expect((await card(t, '13912340012', 'hall')).contactRefusedAt).toBeNull();
    // In the queue it waits with the blocked, and says why; the other customer is callable.
    const queue = await t.call('queue-list', { offset: 0, limit: 50 });
    const row = queue.items.find((i) => i.taskId === next.task!.id)!;
    expect(row.order.part).toBe('blocked');
    expect(row.contact.reasons.map((r) => r.code)).toContain('asked-not-to-be-contacted');
    expect(queue.items.find((i) => i.msisdnMasked.endsWith('0012'))!.order.part).toBe('callable');
  });

  it('a supervisor lifts it (the customer consents again, or a mis-key), audited; a later request holds again; an agent may not', async () => {
    let clock = Date.parse(NOW);
    const t = backendIn('lift', () => new Date(clock));
    await importList(t, '合约到期', [['13912340031', '赵六', '否']]);
    const c = await card(t, '13912340031', 'phone');
    await t.call('attempt-log', { ref: c.customer.ref, channel: 'phone', disposition: 'do_not_call' });
    await importList(t, '再次维系', [['13912340031', '赵六', '否']]);
    expect(blocking(await card(t, '13912340031', 'phone'))).toEqual(['asked-not-to-be-contacted']);

    const byAgent = await t.backend.dispatch('contact-refusal-lift', { msisdn: '13912340031', reason: '客户同意' }, { agentId: 'A001', role: 'agent' });
    expect(byAgent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('contact-refusal-lift', { msisdn: '13912340031', reason: '客户来电同意再联系' })).toEqual({ lifted: true });
    const after = await card(t, '13912340031', 'phone');
    expect(blocking(after)).toEqual([]);
    expect(after.contactRefusedAt).toBeNull();
    const row = (await t.call('queue-list', { offset: 0, limit: 50 })).items.find((i) => i.taskId === after.task!.id)!;
    expect(row.contact.reasons.map((r) => r.code)).not.toContain('asked-not-to-be-contacted');
    const audit = await t.call('audit-list', { offset: 0, limit: 5 });
    expect(audit.items[0]).toMatchObject({ action: 'contact-refusal-lift', target: '139****0031', detail: { reason: '客户来电同意再联系' } });
    // Nothing stands now: a second lift writes nothing.
    expect(await t.call('contact-refusal-lift', { msisdn: '13912340031', reason: 'again' })).toEqual({ lifted: false });

    // Asked again later: it holds again, from then.
    clock += 60_000;
    await t.call('attempt-log', { ref: after.customer.ref, channel: 'phone', disposition: 'do_not_call' });
    expect((await card(t, '13912340031', 'phone')).contact.reasons.map((r) => r.code)).toContain('asked-not-to-be-contacted');
  });

  it('holds on another desk once the outcome file is merged', async () => {
    const agentDesk = backendIn('agent');
    await importList(agentDesk, '合约到期', [['13912340021', '王五', '否']]);
    const office = backendIn('office');
    await importList(office, '合约到期', [['13912340021', '王五', '否']]);
    const c = await card(agentDesk, '13912340021', 'phone');
    await agentDesk.call('attempt-log', { ref: c.customer.ref, channel: 'phone', disposition: 'do_not_call' });
    const file = agentDesk.backend.files.read((await agentDesk.call('outcome-export', { from: '2026-11-01', to: '2026-11-23' })).token);
    expect(blocking(await card(office, '13912340021', 'phone'))).toEqual([]);
    const merged = await office.waitJob(await office.call('outcome-merge', { files: [office.upload(file, 'outcomes.xlsx')] }));
    expect(merged.error).toBeUndefined();
    const there = await card(office, '13912340021', 'phone');
    expect(there.task?.status).toBe('closed_declined');
    expect(there.contact.reasons.map((r) => r.code)).toContain('asked-not-to-be-contacted');
  });
});
