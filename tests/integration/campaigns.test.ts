import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../core/api';
import type { CampaignRunOutcomeView } from '../../core/api/ops/campaigns';
import { writeWorkbook } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { runCliOn } from '../support/cli';
import { tempDir } from '../support/temp';

const NOW = '2026-11-23T03:00:00Z';

// Another reader than ours for the workbook: openpyxl (Debian's python3-openpyxl), as report-period.test.ts.
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
if (!python) console.warn('campaigns: skipping the openpyxl read-back (apt-get install python3-openpyxl to run it)');
const DUMP = `
import openpyxl, json, sys
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}, ensure_ascii=False, default=str))`;
const TODAY = '2026-11-23';

/**
 * Campaigns (issue 17 #2) on the demo workspace: the preview's counts are what the run creates; a second run the same
 * day adds nothing; do-not-disturb and the contact policy keep customers out; a customer with an open task joins it;
 * two campaigns on one customer give one open task carrying both lists; a column the workspace lacks is refused by name.
 */
describe('campaigns', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date(NOW) });
    db = new Database(tmp.file('ws.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });
  const count = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
  const highLevel = { all: [{ field: 'risk_level', op: 'in', value: ['high', 'medium'] }] };
  const definition = (over: Record<string, unknown> = {}) => ({
    name: '高中危挽留',
    condition: highLevel,
    listType: 'weekly_anomaly',
    offerFamily: 'contract',
    dueDays: 7,
    assignment: { kind: 'evenly', agentIds: ['A002', 'A003'] },
    schedule: 'once',
    enabled: false,
    ...over,
  });
  const preview = async (input: unknown): Promise<CampaignRunOutcomeView> => {
    const job = await t.waitJob(await t.call('campaign-preview', input));
    expect(job.state).toBe('done');
    return job.result!;
  };
  const run = async (id: number): Promise<CampaignRunOutcomeView> => {
    const job = await t.waitJob(await t.call('campaign-run', { id }));
    expect(job.error).toBeUndefined();
    return job.result!;
  };
  const counts = (o: CampaignRunOutcomeView) => ({ customers: o.customers, newTasks: o.newTasks, joined: o.joined, already: o.already, excluded: o.excluded, excludedBy: o.excludedBy });

  let campaignId = 0;

  it('the preview counts what a run then creates, and says why customers are left out', async () => {
    const unsaved = await preview({ definition: definition() });
    const saved = await t.call('campaign-save', definition());
    campaignId = saved.campaign.id;
    expect(saved.campaign.enabled).toBe(false);
    const before = await preview({ id: campaignId });
    expect(counts(before)).toEqual(counts(unsaved));

    const selected = count("SELECT count(*) FROM subscriber_scores WHERE level IN ('high', 'medium')");
    const withOpenTask = count("SELECT count(*) FROM subscriber_scores sc JOIN tasks t ON t.msisdn = sc.msisdn AND t.closed_at IS NULL WHERE sc.level IN ('high', 'medium')");
    const dndWithout = count(
      `SELECT count(*) FROM subscriber_scores sc JOIN subscribers s ON s.msisdn = sc.msisdn
        WHERE sc.level IN ('high', 'medium') AND s.do_not_disturb = 1 AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.msisdn = sc.msisdn AND t.closed_at IS NULL)`,
    );
    expect(before.customers).toBe(selected);
    expect(before.joined).toBe(withOpenTask);
    expect(before.already).toBe(0);
    expect(dndWithout).toBeGreaterThan(0);
    expect(before.excludedBy.find((e) => e.reason === 'do-not-disturb')?.count).toBe(dndWithout);
    expect(before.newTasks + before.joined + before.excluded).toBe(selected);
    expect(before.newTasks).toBeGreaterThan(0);

    const tasksBefore = count('SELECT count(*) FROM tasks');
    const done = await run(campaignId);
    expect(counts(done)).toEqual(counts(before));
    expect(done.listId).not.toBeNull();
    expect(count('SELECT count(*) FROM tasks') - tasksBefore).toBe(before.newTasks);
    expect(count('SELECT count(*) FROM list_members WHERE list_id = ?', done.listId)).toBe(before.newTasks + before.joined);
    const list = db.prepare('SELECT * FROM work_lists WHERE id = ?').get(done.listId) as Record<string, unknown>;
    expect(list).toMatchObject({ campaign_id: campaignId, list_type: 'weekly_anomaly', period: TODAY, due_date: '2026-11-30', offer_family: 'contract' });
    // New tasks: due with the list, shared evenly by the two agents, scored into the queue (a priority), no clear customer left out.
    const fresh = db.prepare('SELECT t.agent_id, t.due_date, t.priority FROM tasks t WHERE t.id > (SELECT max(id) - ? FROM tasks)').all(before.newTasks) as {
      agent_id: string;
      due_date: string;
      priority: number;
    }[];
    expect(new Set(fresh.map((f) => f.agent_id))).toEqual(new Set(['A002', 'A003']));
    expect(fresh.every((f) => f.due_date === '2026-11-30' && f.priority > 0)).toBe(true);
    expect(done.assigned).toBe(before.newTasks);
    // The preview says how many new tasks each agent gets, and the run gives exactly that: "evenly" levels each one's
    // open tasks, so it is rarely the same number each (a supervisor promised 41 each; found by a new one).
    const given = Object.fromEntries(['A002', 'A003'].map((id) => [id, fresh.filter((f) => f.agent_id === id).length]));
    expect(Object.fromEntries(before.byAgent.map((a) => [a.agentId, a.tasks]))).toEqual(given);
    expect(done.byAgent).toEqual(before.byAgent);
    // Nobody on do-not-disturb was given a new task.
    expect(
      count(`SELECT count(*) FROM list_members m JOIN subscribers s ON s.msisdn = m.msisdn JOIN tasks t ON t.id = m.task_id
              WHERE m.list_id = ? AND s.do_not_disturb = 1 AND t.created_at = ?`, done.listId, new Date(NOW).toISOString()),
    ).toBe(0);
    const audit = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'campaign-run'").all() as { target: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ newTasks: before.newTasks, joined: before.joined });
  });

  it('a customer logged as 已离网 since the last import is left out, and said so; one a file says has left too (a campaign gave new tasks to churned customers; found by a new supervisor)', async () => {
    const [told, filed] = db
      .prepare(
        `SELECT s.msisdn FROM subscribers s WHERE coalesce(s.churned, 0) = 0 AND s.churn_date IS NULL AND coalesce(s.do_not_disturb, 0) = 0
           AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.msisdn = s.msisdn AND t.closed_at IS NULL) ORDER BY s.msisdn DESC LIMIT 2`,
      )
      .pluck()
      .all() as [number, number];
    const w = new Database(tmp.file('ws.sqlite'));
    // Imported on 11-01; the agent's 已离网 comes after (a later import that still lists them says they are back).
    w.prepare("UPDATE subscribers SET updated_at = '2026-11-01T00:00:00.000Z' WHERE msisdn = ?").run(told);
    w.prepare("UPDATE subscribers SET churned = 1, churn_date = '2026-11-20' WHERE msisdn = ?").run(filed);
    w.close();
    await t.call('attempt-log', { msisdn: String(told), channel: 'hall', disposition: 'churned', reason: 'network', competitor: 'telecom' });
    const only = (msisdn: number) => ({ all: [{ field: 'msisdn', op: '=', value: String(msisdn) }] });
    for (const msisdn of [told, filed]) {
      const p = await preview({ definition: definition({ name: `离网检查${msisdn}`, condition: only(msisdn) }) });
      expect(p).toMatchObject({ customers: 1, newTasks: 0, joined: 0, excluded: 1, excludedBy: [{ reason: 'churned', count: 1 }] });
    }
  });

  it('running again the same day adds nothing', async () => {
    const tasks = count('SELECT count(*) FROM tasks');
    const members = count('SELECT count(*) FROM list_members');
    const again = await run(campaignId);
    expect(again.newTasks).toBe(0);
    expect(again.joined).toBe(0);
    expect(count('SELECT count(*) FROM tasks')).toBe(tasks);
    expect(count('SELECT count(*) FROM list_members')).toBe(members);
    expect(count('SELECT count(*) FROM work_lists WHERE campaign_id = ?', campaignId)).toBe(1);
    const listed = (await t.call('campaign-list', {})).items.find((c) => c.id === campaignId)!;
    expect(listed.lastRun).toMatchObject({ runDay: TODAY, newTasks: 0, trigger: 'manual' });
    expect(listed.results.lists).toBe(1);
    expect(listed.results.issued).toBe(count('SELECT count(*) FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE w.campaign_id = ?', campaignId));
  });

  it('a cancelled run leaves the workspace exactly as before: no list, no task, no run record, no audit line', async () => {
    const tables = ['tasks', 'work_lists', 'list_members', 'campaign_runs', 'audit_log', 'subscriber_scores'];
    const snapshot = () => Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT * FROM ${name}`).all().map((r) => JSON.stringify(r)).sort()]));
    const saved = await t.call('campaign-save', definition({ name: '取消的活动', condition: { all: [{ field: 'risk_level', op: 'in', value: ['low', 'stable'] }] } }));
    // It has work to do: its first batch writes a list and tasks before the run's first cancel check.
    const would = await preview({ id: saved.campaign.id });
    expect(would.newTasks).toBeGreaterThan(0);
    const before = snapshot();
    const job = await t.call('campaign-run', { id: saved.campaign.id });
    // Cancelled while its worker is still starting: the flag is read after each batch of 500 customers (after that
    // batch's writes), so the run stops at the end of its first batch with a list and tasks in its transaction.
    await t.call('job-cancel', { jobId: job.id });
    const end = await t.waitJob(job);
    expect(end).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(snapshot()).toEqual(before);
    expect((await t.call('campaign-list', {})).items.find((c) => c.id === saved.campaign.id)).toMatchObject({ lastRun: null, results: { lists: 0, issued: 0 } });
    await t.call('campaign-delete', { id: saved.campaign.id });
  });

  it('a second campaign on the same customers joins their open tasks: one open task carrying both lists', async () => {
    const other = await t.call('campaign-save', definition({ name: '合约关怀', listType: 'contract_expiring', assignment: { kind: 'none' } }));
    const r = await run(other.campaign.id);
    expect(r.newTasks).toBe(0);
    expect(r.joined).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM (SELECT msisdn FROM tasks WHERE closed_at IS NULL GROUP BY msisdn HAVING count(*) > 1)')).toBe(0);
    const both = count(
      `SELECT count(*) FROM list_members a JOIN list_members b ON b.task_id = a.task_id AND b.list_id = ?
        WHERE a.list_id = (SELECT id FROM work_lists WHERE campaign_id = ?)`,
      r.listId,
      campaignId,
    );
    expect(both).toBeGreaterThan(0);
  });

  it('a condition on a column the workspace lacks is saved with a warning, but its run is refused naming the column', async () => {
    const saved = await t.call('campaign-save', definition({ name: '有车一族', condition: { all: [{ column: '有车一族', op: '=', value: true }] } }));
    expect(saved.warnings.map((w) => w.code)).toEqual(['rule.column-absent']);
    const r = await t.backend.dispatch('campaign-run', { id: saved.campaign.id });
    expect(r.ok).toBe(true);
    const job = await t.waitJob((r as { data: Awaited<ReturnType<typeof t.call<'campaign-run'>>> }).data);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('invalid-input');
    expect(job.error?.message).toContain('有车一族');
    expect(count('SELECT count(*) FROM work_lists WHERE campaign_id = ?', saved.campaign.id)).toBe(0);
  });

  it('the programmes’ campaigns are there, off; one turned into work leads the card with its offer family', async () => {
    const items = (await t.call('campaign-list', {})).items;
    const builtin = items.filter((c) => c.builtin !== null);
    expect(builtin).toHaveLength(15);
    expect(builtin.every((c) => !c.enabled && c.source !== null && c.assignment.kind === 'none')).toBe(true);
    const dual = builtin.find((c) => c.builtin === 'antipoach.dual-sim')!;
    expect(dual).toMatchObject({ listType: 'dual_sim', offerFamily: 'number', condition: { all: [{ tag: 'dual_sim' }] } });
    const r = await run(dual.id);
    expect(r.newTasks + r.joined).toBeGreaterThan(0);
    // The riskiest first. Many are also on the first campaign's list (its 高危 and 中危 customers), which leads with
    // contracts: the card then leads with both families. (The list's 低危 and 稳定 customers alone rarely get a lucky
    // number: at P(churn) 18 % or 6 % a ¥60 offer mostly costs more than it keeps, and the card does not offer it.)
    const members = db
      .prepare(
        `SELECT m.msisdn FROM list_members m JOIN tasks t ON t.id = m.task_id JOIN subscriber_scores sc ON sc.msisdn = m.msisdn
          WHERE m.list_id = ? AND t.closed_at IS NULL ORDER BY sc.score DESC, m.msisdn LIMIT 30`,
      )
      .pluck()
      .all(r.listId) as number[];
    const familiesOf = db.prepare(
      `SELECT DISTINCT w.offer_family FROM list_members m JOIN work_lists w ON w.id = m.list_id JOIN tasks t ON t.id = m.task_id
        WHERE m.msisdn = ? AND t.closed_at IS NULL AND w.offer_family IS NOT NULL`,
    );
    // For every customer a number offer is worth offering to, the card leads with its campaigns' families, saying why.
    let led = 0;
    for (const msisdn of members) {
      const card = await t.call('customer-lookup', { msisdn: String(msisdn), channel: 'phone' });
      if (!card.found) throw new Error(`${msisdn} not found`);
      const ranked = card.offers.ranked.filter((o) => !o.trial);
      if (!ranked.some((o) => o.category === 'number')) continue;
      const families = new Set(familiesOf.pluck().all(msisdn) as string[]);
      expect(families.has('number')).toBe(true);
      const leading = ranked.filter((o) => families.has(o.category ?? ''));
      expect(ranked.slice(0, leading.length)).toEqual(leading);
      for (const o of ranked) expect(o.why.some((w) => w.code === 'offer.why.campaign-family')).toBe(families.has(o.category ?? ''));
      led++;
    }
    expect(led).toBeGreaterThan(0);
  });

  it('a campaign assigned to an agent group shares its new tasks among the group’s active members', async () => {
    const group = await t.call('group-save', { name: '滨江营业厅外呼组', agentIds: ['A004', 'A005'] });
    const saved = await t.call('campaign-save', definition({ name: '低危关怀', condition: { all: [{ field: 'risk_level', op: 'in', value: ['low'] }] }, assignment: { kind: 'group', groupId: group.group.id } }));
    const r = await run(saved.campaign.id);
    expect(r.newTasks).toBeGreaterThan(1);
    expect(r.assigned).toBe(r.newTasks);
    // The tasks this run created: on its list only (others joined tasks made earlier).
    const owners = db
      .prepare('SELECT DISTINCT t.agent_id FROM list_members m JOIN tasks t ON t.id = m.task_id WHERE m.list_id = ? AND NOT EXISTS (SELECT 1 FROM list_members o WHERE o.task_id = t.id AND o.list_id <> m.list_id)')
      .pluck()
      .all(r.listId);
    expect(new Set(owners)).toEqual(new Set(['A004', 'A005']));
    const unknown = await t.backend.dispatch('campaign-save', definition({ name: 'y', assignment: { kind: 'group', groupId: 9999 } }));
    expect(unknown.ok).toBe(false);
  });

  it('campaign results sit beside the lists: on the dashboard and in the result workbook (read back with openpyxl)', async () => {
    // A customer of the campaign reached once it ran: its figures count contacts from when a task joined it.
    const joinedTask = count('SELECT min(m.msisdn) FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE w.campaign_id = ?', campaignId);
    await t.call('attempt-log', { msisdn: String(joinedTask), channel: 'hall', disposition: 'declined', reason: 'price' });
    const d = await t.call('dashboard-get', { period: { kind: 'day', from: TODAY } });
    const row = d.campaigns.find((c) => c.id === campaignId)!;
    const tasksOf = (id: number) => count('SELECT count(DISTINCT m.task_id) FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE w.campaign_id = ?', id);
    expect(row).toMatchObject({ name: '高中危挽留', lists: 1 });
    expect(row.now.issued).toBe(tasksOf(campaignId));
    // Reached as the lists count them: tasks with a reached attempt from when they joined the campaign's list (a task
    // an earlier list gave it was reached before the campaign existed: not the campaign's; a supervisor saw a campaign
    // run that day with 上周接通率 32 %).
    const reachedTasks = count(
      `SELECT count(DISTINCT a.task_id) FROM attempts a JOIN tasks t ON t.id = a.task_id JOIN list_members m ON m.task_id = a.task_id
         JOIN work_lists w ON w.id = m.list_id
        WHERE w.campaign_id = ? AND a.disposition IN ('accepted','declined','callback','churned','complaint','wrong_person')
          AND a.at >= max(w.imported_at, t.created_at)`,
      campaignId,
    );
    expect(reachedTasks).toBeGreaterThan(0);
    expect(row.now.reached).toBe(reachedTasks);
    expect(row.before).toEqual({ issued: 0, reached: 0, success: 0 });
    // Built-in campaigns that made no list are not shown.
    expect(d.campaigns.every((c) => c.now.issued > 0)).toBe(true);
    if (!python) return;
    const job = await t.waitJob(await t.call('report-weekly', { period: { kind: 'day', from: TODAY } }));
    const file = tmp.file('day.xlsx');
    fs.copyFileSync(t.backend.files.get(job.result!.download.token).path, file);
    const out = spawnSync(python, ['-c', DUMP, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(out.stderr).toBe('');
    const sheets = JSON.parse(out.stdout) as Record<string, (string | number | null)[][]>;
    expect(Object.keys(sheets).slice(0, 2)).toEqual(['按清单汇总', '按挽留活动']);
    const sheet = sheets['按挽留活动']!;
    expect(sheet[0]!.slice(0, 5)).toEqual(['挽留活动', '清单数', '下发', '接通', '成功']);
    expect(sheet.find((r) => r[0] === '高中危挽留')!.slice(1, 4)).toEqual([1, row.now.issued, row.now.reached]);
    const total = sheet.find((r) => r[0] === '合计')!;
    const rows = sheet.slice(1, sheet.indexOf(total));
    expect(total[2]).toBe(rows.reduce((n, r) => n + (r[2] as number), 0));
    expect(sheets['说明']!.some((r) => r[0] === '按挽留活动')).toBe(true);
  });

  it('a bad preview input names what is wrong and where, as campaign-save does; neither or both of id and definition is refused', async () => {
    const refused = async (name: 'campaign-preview' | 'campaign-save', input: unknown) => {
      const r = await t.backend.dispatch(name, input);
      if (r.ok) throw new Error(`${name} accepted ${JSON.stringify(input)}`);
      return r.error;
    };
    const preview = await refused('campaign-preview', { definition: definition({ dueDays: 0 }) });
    const save = await refused('campaign-save', definition({ dueDays: 0 }));
    expect(preview).toMatchObject({ code: 'invalid-input', messageKey: 'api.invalid-input', params: { field: 'definition.dueDays' } });
    expect(save).toMatchObject({ code: 'invalid-input', messageKey: 'api.invalid-input', params: { field: 'dueDays' } });
    expect(preview.params.problem).toBe(save.params.problem);
    // zod's problem in the app's words, in the reader's language (failure.ts inputProblem).
    expect(preview.message).toBe('definition.dueDays: should be at least 1');
    expect(errorText('zh-CN', preview)).toBe('definition.dueDays：不能小于 1');
    // A condition's problem in the condition language's own words, with its place in the condition.
    const condition = await refused('campaign-preview', { definition: definition({ condition: { all: [{ field: '有车一族', op: '=', value: true }] } }) });
    expect(condition).toMatchObject({ code: 'invalid-input', messageKey: 'rule.field-unknown', params: { path: 'all[0]', field: '有车一族' } });
    expect(errorText('zh-CN', condition)).toContain('客户群条件第 1 条');
    for (const input of [{}, { id: campaignId, definition: definition() }]) {
      const which = await refused('campaign-preview', input);
      expect(which).toMatchObject({ code: 'invalid-input', messageKey: 'api.campaign-preview-which' });
      expect(which.message).toBe('Say which campaign to preview: the id of a saved campaign or a definition, exactly one of the two.');
      expect(errorText('zh-CN', which)).toBe('请说明预览哪个挽留活动：给出已保存活动的编号（id）或一份活动定义（definition），二者只给其一。');
    }
  });

  it('names are unique, agents named must exist, and agents may not manage campaigns', async () => {
    const taken = await t.backend.dispatch('campaign-save', definition());
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error.code).toBe('conflict');
    const nobody = await t.backend.dispatch('campaign-save', definition({ name: 'x', assignment: { kind: 'to', agentId: 'Z999' } }));
    expect(nobody.ok).toBe(false);
    if (!nobody.ok) expect(nobody.error.message).toContain('Z999');
    const agent = { agentId: 'A001', role: 'agent' } as const;
    for (const [name, input] of [
      ['campaign-list', {}],
      ['campaign-run', { id: campaignId }],
      ['campaign-preview', { id: campaignId }],
    ] as const) {
      const r = await t.backend.dispatch(name, input, agent);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
    }
  });
});

/**
 * Scheduled campaigns and the CLI: an enabled "after every import" campaign runs when an import commits (its result
 * says so); an enabled daily one runs when the backend's hourly look finds it not yet run today, once; `campaign
 * list / preview / run` give the same counts as the operations.
 */
describe('campaigns on their schedule, and from the CLI', () => {
  const tmp = tempDir();
  let day = '2026-11-23T04:00:00Z';
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(day) });
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
  const carOwners = { all: [{ column: '车主', op: '=', value: '是' }] };
  const base = { condition: carOwners, listType: 'other', offerFamily: null, dueDays: 5, assignment: { kind: 'none' }, enabled: true };

  it('an after-import campaign runs when an import commits; a disabled one does not', async () => {
    const rows = [
      ['13800000001', '甲', '是'],
      ['13800000002', '乙', '否'],
      ['13800000003', '丙', '是'],
    ];
    const bytes = writeWorkbook([{ name: '清单', header: ['手机号码', '姓名', '车主'], rows }], 'xlsx');
    const previewJob = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(bytes, 'cars.xlsx') }));
    const p = previewJob.result!;
    // Saved before the column exists: a warning, and it waits for the file that brings it.
    const on = await t.call('campaign-save', { ...base, name: '车主关怀', schedule: 'after-import' });
    expect(on.warnings.map((w) => w.code)).toEqual(['rule.column-absent']);
    await t.call('campaign-save', { ...base, name: '车主关怀（停用）', schedule: 'after-import', enabled: false });
    const job = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(bytes, 'cars.xlsx'), mapping: p.columns.map((c) => c.target), list: p.list, onRejected: 'import-valid' }),
    );
    expect(job.result!.campaigns).toEqual({ ran: [{ name: '车主关怀', newTasks: 0, joined: 2, listId: expect.any(Number) }], skipped: [] });
    const members = read((d) => d.prepare('SELECT m.msisdn FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE w.campaign_id = ? ORDER BY 1').pluck().all(on.campaign.id));
    expect(members).toEqual([13800000001, 13800000003]);
    // The same file again changes nothing, so nothing runs.
    const again = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(bytes, 'cars.xlsx'), mapping: p.columns.map((c) => c.target), list: p.list, onRejected: 'import-valid' }),
    );
    expect(again.result!.unchanged).toBe(true);
    expect(again.result!.campaigns).toBeUndefined();
  });

  it('a daily campaign runs once a day on its own', async () => {
    const daily = await t.call('campaign-save', { ...base, name: '每日车主', schedule: 'daily', condition: { all: [] } });
    const runsOf = () => read((d) => d.prepare("SELECT run_day FROM campaign_runs WHERE campaign_id = ? AND trigger = 'daily' ORDER BY id").pluck().all(daily.campaign.id));
    const waitRuns = async (n: number) => {
      for (let i = 0; i < 200 && runsOf().length < n; i++) await new Promise((r) => setTimeout(r, 25));
      return runsOf();
    };
    t.close();
    // A backend that stays open (the app, serve) looks at once, then every hour: the day's run, a worker job.
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(day), scheduledCampaigns: true });
    expect(await waitRuns(1)).toEqual(['2026-11-23']);
    // Every stored customer selected; the three have open tasks: they join; nothing new.
    const first = read((d) => d.prepare('SELECT customers, new_tasks, joined FROM campaign_runs WHERE campaign_id = ?').get(daily.campaign.id));
    expect(first).toEqual({ customers: 3, new_tasks: 0, joined: 3 });
    t.close();
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(day), scheduledCampaigns: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(runsOf()).toEqual(['2026-11-23']);
    day = '2026-11-24T04:00:00Z';
    t.close();
    // Without scheduling (a one-shot CLI command), nothing starts.
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(day) });
    await new Promise((r) => setTimeout(r, 300));
    expect(runsOf()).toEqual(['2026-11-23']);
    t.close();
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(day), scheduledCampaigns: true });
    expect(await waitRuns(2)).toEqual(['2026-11-23', '2026-11-24']);
  });

  it('campaign list, preview and run on the command line', async () => {
    t.close();
    const list = await runCliOn(tmp.file('ws.sqlite'), ['campaign', 'list']);
    expect(list.err).toBe('');
    expect(list.code).toBe(0);
    expect(list.out).toContain('车主关怀');
    // Chinese unless --lang en (it was English only).
    expect(list.out).toMatch(/^(启用|停用)  \S+ +车主关怀.*  （下发 \d+，在办 \d+）$/mu);
    expect(list.out).not.toMatch(/issued|open\)/);
    const listEn = await runCliOn(tmp.file('ws.sqlite'), ['campaign', 'list', '--lang', 'en']);
    expect(listEn.out).toMatch(/^(on |off)  \S+ +车主关怀.*  \(\d+ issued, \d+ open\)$/m);
    const preview = await runCliOn(tmp.file('ws.sqlite'), ['campaign', 'preview', '车主关怀', '--json']);
    expect(preview.err).toBe('');
    expect(preview.code).toBe(0);
    const p = JSON.parse(preview.out) as CampaignRunOutcomeView;
    expect(p).toMatchObject({ name: '车主关怀', customers: 2, newTasks: 0, listId: null });
    const run = await runCliOn(tmp.file('ws.sqlite'), ['campaign', 'run', '车主关怀']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out.split('\n')[0]).toBe('车主关怀：在库 3 位客户中选中 2 位');
    expect(run.out.split('\n')[1]).toMatch(/^ {2}新任务 \d+ 个，\d+ 位并入在办任务，\d+ 位已在本活动当前的清单上，排除 \d+ 位/u);
    expect(run.out.split('\n')[2]).toMatch(/^ {2}清单“.+”，\d{4}-\d{2}-\d{2} 下发，截止 \d{4}-\d{2}-\d{2}/u);
    const again = await runCliOn(tmp.file('ws.sqlite'), ['campaign', 'preview', '车主关怀', '--lang', 'en']);
    expect(again.out.split('\n')[0]).toBe('车主关怀: 2 customers selected of 3 stored');
    expect(again.out.split('\n')[1]).toMatch(/^ {2}\d+ new tasks?, \d+ join an open task, \d+ already on this campaign's current list, \d+ excluded/);
    const missing = await runCliOn(tmp.file('ws.sqlite'), ['campaign', 'run', '没有这个']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/^没有名为“没有这个”的挽留活动/u);
    expect((await runCliOn(tmp.file('ws.sqlite'), ['campaign', 'run', '没有这个', '--lang', 'en'])).err).toMatch(/^no campaign named “没有这个”/);
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(day) });
  });
});
