import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../core/api';
import { formatAuditDetail, formatAuditTarget } from '../../core/audit/actions';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

// Another reader than ours for the workbook: openpyxl (Debian's python3-openpyxl), as report-period.test.ts.
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
if (!python) console.warn('groups-targets: skipping the openpyxl read-back (apt-get install python3-openpyxl to run it)');

const DUMP = `
import openpyxl, json, sys
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}, ensure_ascii=False, default=str))`;

const REACHED = "('accepted','declined','callback','churned','complaint','wrong_person')";

/**
 * Agent groups and weekly targets (issue 17 #5) on the demo workspace: groups are saved, named uniquely and audited;
 * a list is assigned evenly to a group's active members; the dashboard and the result workbook have a row per group
 * whose figures SQL recomputes from its members' attempts; targets per list, agent and group show their progress —
 * contacts and accepted contacts of the week, recomputed in SQL — against the week's own or the every-week target.
 */
describe('agent groups and weekly targets', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;
  // Week 2026-W47: Monday 16 – Sunday 22 November, local time of this process (the demo has a week of work there).
  const start = new Date(2026, 10, 16).toISOString();
  const end = new Date(2026, 10, 23).toISOString();
  const supervisorAgent = { agentId: 'A001', role: 'agent' } as const;

  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    db = new Database(tmp.file('ws.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;

  /** A group's week in SQL: its members' attempts, and the distinct tasks they attempted, reached and won. */
  const groupWeek = (members: readonly string[]) => {
    const inList = `(${members.map((m) => `'${m}'`).join(',')})`;
    return db
      .prepare(
        `SELECT count(*) attempts,
                count(DISTINCT coalesce(task_id, id)) attempted,
                count(DISTINCT CASE WHEN disposition IN ${REACHED} THEN coalesce(task_id, id) END) reached,
                count(DISTINCT CASE WHEN disposition = 'accepted' THEN coalesce(task_id, id) END) success,
                sum(disposition = 'accepted') accepted
           FROM attempts WHERE agent_id IN ${inList} AND at >= ? AND at < ?`,
      )
      .get(start, end) as { attempts: number; attempted: number; reached: number; success: number; accepted: number };
  };

  let bj: { id: number; name: string; agentIds: string[] };
  let xs: { id: number; name: string; agentIds: string[] };

  it('saves groups by unique name with known agents only, lists them with members, and audits each change', async () => {
    const created = await t.call('group-save', { name: ' 滨江营业厅外呼组 ', agentIds: ['A002', 'A001', 'A001'] });
    expect(created.created).toBe(true);
    expect(created.group).toMatchObject({ name: '滨江营业厅外呼组', agentIds: ['A001', 'A002'] });
    bj = created.group;
    // An agent may be in several groups.
    xs = (await t.call('group-save', { name: '西山外呼组', agentIds: ['A002', 'A003'] })).group;
    await expect(t.call('group-save', { name: '滨江营业厅外呼组', agentIds: [] })).rejects.toMatchObject({ code: 'conflict' });
    await expect(t.call('group-save', { name: '新组', agentIds: ['A001', 'NOPE'] })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(t.call('group-save', { id: 9999, name: '新组', agentIds: [] })).rejects.toMatchObject({ code: 'not-found' });
    // Renaming to its own name and changing members is an update, not a conflict.
    const updated = await t.call('group-save', { id: xs.id, name: '西山外呼组', agentIds: ['A002', 'A003', 'A004'] });
    expect(updated).toMatchObject({ created: false, group: { id: xs.id, agentIds: ['A002', 'A003', 'A004'] } });
    xs = updated.group;
    const list = await t.call('group-list', {});
    expect(list.items.map((g) => [g.name, g.agentIds])).toEqual([
      ['滨江营业厅外呼组', ['A001', 'A002']],
      ['西山外呼组', ['A002', 'A003', 'A004']],
    ]);
    const audits = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'group-save' ORDER BY id").all() as { target: string; detail: string }[];
    expect(audits.map((a) => a.target)).toEqual([`group ${bj.id}`, `group ${xs.id}`, `group ${xs.id}`]);
    expect(formatAuditTarget('zh-CN', 'group-save', audits[0]!.target)).toBe(`坐席组 ${bj.id}`);
    // The audit page names the group, as it names a list: 坐席组 1 alone meant nothing to a supervisor (found by a new one).
    const listed = (await t.call('audit-list', { actions: ['group-save'] })).items.at(-1)!;
    expect(formatAuditTarget('zh-CN', listed.action, listed.target, listed.targetName)).toBe(`坐席组 ${bj.id}「滨江营业厅外呼组」`);
    expect(formatAuditDetail('en', JSON.parse(audits[2]!.detail), 'group-save')).toBe('name: 西山外呼组 · members: A002, A003, A004');
    // Nothing was written by the refused calls.
    expect(one<number>('SELECT count(*) FROM agent_groups')).toBe(2);
  });

  it('agents may not list, save or delete groups, nor set targets', async () => {
    for (const [op, input] of [
      ['group-list', {}],
      ['group-save', { name: 'x', agentIds: [] }],
      ['group-delete', { id: bj.id }],
      ['target-list', {}],
      ['target-save', { scope: { kind: 'agent', id: 'A001' }, week: null, contacts: 1, successes: 1 }],
    ] as const) {
      const r = await t.backend.dispatch(op, input, supervisorAgent);
      expect(r, op).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('assigns a list evenly to a group’s active members only, and says so in the audit log', async () => {
    const listId = one<number>('SELECT id FROM work_lists ORDER BY id LIMIT 1');
    const preview = await t.call('task-assign-preview', { listId, mode: { kind: 'group', groupId: xs.id }, onlyUnassigned: false });
    expect(Object.keys(preview.perAgent).sort()).toEqual(['A002', 'A003', 'A004']);
    // Every member's load is shown; the others only lose the tasks handed on.
    expect(preview.loads.map((l) => l.agentId)).toEqual(expect.arrayContaining(['A002', 'A003', 'A004']));
    for (const l of preview.loads.filter((x) => !xs.agentIds.includes(x.agentId))) expect(l.after).toBeLessThan(l.before);
    const r = await t.call('task-assign', { listId, mode: { kind: 'group', groupId: xs.id }, onlyUnassigned: false });
    const owners = db
      .prepare('SELECT t.agent_id FROM tasks t JOIN list_members m ON m.task_id = t.id WHERE m.list_id = ? AND t.closed_at IS NULL GROUP BY t.agent_id')
      .pluck()
      .all(listId);
    expect(owners.sort()).toEqual(['A002', 'A003', 'A004']);
    expect(r.perAgent).toEqual(preview.perAgent);
    // Even: the members' total open loads end within one task of each other, as with evenly to the same agents.
    const loads = r.loads.filter((l) => xs.agentIds.includes(l.agentId)).map((l) => l.after);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const detail = JSON.parse(one<string>("SELECT detail FROM audit_log WHERE action = 'task-assign' ORDER BY id DESC LIMIT 1")) as Record<string, unknown>;
    expect(detail).toMatchObject({ mode: 'group', groupId: xs.id });
    expect(formatAuditDetail('zh-CN', detail, 'task-assign')).toContain('平均分给坐席组成员');

    // An account turned off leaves the group's share: its tasks go to the others.
    const a4 = (await t.call('agent-list', {})).items.find((a) => a.id === 'A004')!;
    await t.call('agent-save', { id: 'A004', name: a4.name, role: a4.role, hall: a4.hall, active: false });
    const without = await t.call('task-assign-preview', { listId, mode: { kind: 'group', groupId: xs.id }, onlyUnassigned: false });
    expect(Object.keys(without.perAgent).sort()).toEqual(['A002', 'A003']);
    await t.call('agent-save', { id: 'A004', name: a4.name, role: a4.role, hall: a4.hall, active: true });

    // A group with nobody active, or no group at all, is refused in words, and nothing moves.
    const empty = (await t.call('group-save', { name: '空组', agentIds: [] })).group;
    await expect(t.call('task-assign', { listId, mode: { kind: 'group', groupId: empty.id } })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('空组') });
    await expect(t.call('task-assign', { listId, mode: { kind: 'group', groupId: 9999 } })).rejects.toMatchObject({ code: 'not-found' });
    await t.call('group-delete', { id: empty.id });
  });

  it('the dashboard has a row per group: attempts add up, tasks attempted, reached and won count once for the group', async () => {
    const d = await t.call('dashboard-get', { week: '2026-W47' });
    expect(d.groups.map((g) => g.name)).toEqual(['滨江营业厅外呼组', '西山外呼组']);
    for (const g of d.groups) {
      const members = g.id === bj.id ? bj.agentIds : xs.agentIds;
      const want = groupWeek(members);
      expect(want.attempts).toBeGreaterThan(0);
      expect({ attempts: g.attempts, attempted: g.attempted, reached: g.reached, success: g.success }).toEqual({ attempts: want.attempts, attempted: want.attempted, reached: want.reached, success: want.success });
      const agents = d.agents.filter((a) => members.includes(a.agentId));
      expect(g.assigned).toBe(agents.reduce((n, a) => n + a.assigned, 0));
      expect(g.callbacksPending).toBe(agents.reduce((n, a) => n + a.callbacksPending, 0));
      expect(g.members).toBe(members.length);
    }
    // Targets exist only once set.
    expect(d.targets).toEqual({ week: '2026-W47', rows: [] });
    // A month has no weekly targets.
    expect((await t.call('dashboard-get', { period: { kind: 'month', from: '2026-11-01' } })).targets).toBeNull();
  });

  it('targets: a week’s own figure wins over the every-week one; unknown scopes are refused; progress is recomputed in SQL', async () => {
    const listId = one<number>('SELECT id FROM work_lists ORDER BY id LIMIT 1');
    await t.call('target-save', { scope: { kind: 'agent', id: 'A001' }, week: null, contacts: 200, successes: 20 });
    await t.call('target-save', { scope: { kind: 'agent', id: 'A001' }, week: '2026-W47', contacts: null, successes: 30 });
    await t.call('target-save', { scope: { kind: 'group', id: String(bj.id) }, week: '2026-W47', contacts: 500, successes: 40 });
    await t.call('target-save', { scope: { kind: 'list', id: ` ${listId}` }, week: null, contacts: 300, successes: null });
    // Another week's target does not apply to W47; a campaign's counts the lists it made (none yet: 0 of 5).
    const campaignId = one<number>('SELECT id FROM campaigns ORDER BY id LIMIT 1');
    await t.call('target-save', { scope: { kind: 'agent', id: 'A002' }, week: '2026-W46', contacts: 5, successes: 5 });
    await t.call('target-save', { scope: { kind: 'campaign', id: String(campaignId) }, week: null, contacts: 5, successes: 5 });
    await expect(t.call('target-save', { scope: { kind: 'campaign', id: 'C1' }, week: null, contacts: 1, successes: 1 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(t.call('target-save', { scope: { kind: 'list', id: '99999' }, week: null, contacts: 1, successes: 1 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(t.call('target-save', { scope: { kind: 'agent', id: 'NOPE' }, week: null, contacts: 1, successes: 1 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(t.call('target-save', { scope: { kind: 'group', id: 'x' }, week: null, contacts: 1, successes: 1 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(t.call('target-save', { scope: { kind: 'agent', id: 'A001' }, week: 'W47', contacts: 1, successes: 1 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(t.call('target-save', { scope: { kind: 'agent', id: 'A001' }, week: null, contacts: -1, successes: 1 })).rejects.toMatchObject({ code: 'invalid-input' });

    const listed = await t.call('target-list', {});
    expect(listed.items.map((x) => [x.scope.kind, x.scope.id, x.week, x.contacts, x.successes])).toEqual([
      ['agent', 'A001', null, 200, 20],
      ['agent', 'A001', '2026-W47', null, 30],
      ['agent', 'A002', '2026-W46', 5, 5],
      ['campaign', String(campaignId), null, 5, 5],
      ['group', String(bj.id), '2026-W47', 500, 40],
      ['list', String(listId), null, 300, null],
    ]);
    expect(listed.items.find((x) => x.scope.kind === 'list')!.name).toBe(one<string>('SELECT name FROM work_lists WHERE id = ?', listId));

    const d = await t.call('dashboard-get', { week: '2026-W47' });
    const rows = d.targets!.rows;
    expect(rows.map((r) => `${r.scope.kind} ${r.scope.id}`)).toEqual([`list ${listId}`, 'agent A001', `group ${bj.id}`, `campaign ${campaignId}`]);
    expect(rows[3]).toMatchObject({ name: one<string>('SELECT name FROM campaigns WHERE id = ?', campaignId), contacts: { value: 0, target: 5 } });
    const a001 = groupWeek(['A001']);
    expect(rows[1]).toMatchObject({ name: '王晓燕', contacts: { value: a001.attempts, target: 200 }, successes: { value: a001.accepted, target: 30 }, from: 'both' });
    const group = groupWeek(bj.agentIds);
    expect(rows[2]).toMatchObject({ name: '滨江营业厅外呼组', contacts: { value: group.attempts, target: 500 }, successes: { value: group.accepted, target: 40 }, from: 'week' });
    const list = db
      .prepare(
        `SELECT count(*) contacts, ifnull(sum(a.disposition = 'accepted'), 0) successes FROM attempts a
          WHERE a.at >= ? AND a.at < ? AND a.task_id IN (SELECT task_id FROM list_members WHERE list_id = ?)`,
      )
      .get(start, end, listId) as { contacts: number; successes: number };
    expect(list.contacts).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ contacts: { value: list.contacts, target: 300 }, successes: { value: list.successes, target: null }, from: 'every-week' });

    // Both figures null removes the target; the audit log holds every change.
    await t.call('target-save', { scope: { kind: 'agent', id: 'A002' }, week: '2026-W46', contacts: null, successes: null });
    expect((await t.call('target-list', {})).items.some((x) => x.scope.id === 'A002')).toBe(false);
    const audit = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'target-save' ORDER BY id").all() as { target: string; detail: string }[];
    expect(audit).toHaveLength(7);
    expect(formatAuditDetail('zh-CN', JSON.parse(audit[0]!.detail), 'target-save')).toBe('周：每周 · 接触目标：200 · 成功目标：20');
  });

  it.skipIf(!python)('the weekly workbook has a 按坐席组 sheet and a 周目标 sheet with progress against the targets (read back with openpyxl)', async () => {
    const job = (await t.waitJob(await t.call('report-weekly', { week: '2026-W47' }))) as JobView;
    expect(job.state).toBe('done');
    const token = (job.result as { download: { token: string } }).download.token;
    const file = tmp.file('weekly.xlsx');
    fs.copyFileSync(t.backend.files.get(token).path, file);
    const out = spawnSync(python!, ['-c', DUMP, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(out.stderr).toBe('');
    const sheets = JSON.parse(out.stdout) as Record<string, (string | number | null)[][]>;
    expect(Object.keys(sheets)).toEqual(['按清单汇总', '按坐席', '按坐席组', '周目标', '按原因', '按政策', '反馈与经验', '任务明细', '说明']);
    expect(sheets['说明']!.map((r) => r[0])).toEqual(expect.arrayContaining(['按坐席组', '周目标']));

    const groups = sheets['按坐席组']!;
    expect(groups[0]!.slice(0, 7)).toEqual(['坐席组', '成员数', '负责任务', '接触任务', '接触次数', '接通', '成功']);
    const bjRow = groups.find((r) => r[0] === '滨江营业厅外呼组')!;
    const want = groupWeek(bj.agentIds);
    expect(bjRow.slice(1, 7)).toEqual([2, expect.any(Number), want.attempted, want.attempts, want.reached, want.success]);
    const total = groups.find((r) => r[0] === '合计')!;
    const dataRows = groups.slice(1, groups.indexOf(total));
    expect(total[4]).toBe(dataRows.reduce((n, r) => n + (r[4] as number), 0));

    const targets = sheets['周目标']!;
    expect(targets[0]).toEqual(['对象类型', '名称', '编号', '接触次数', '接触目标', '接触完成率', '成功', '成功目标', '成功完成率', '目标来源']);
    const agentRow = targets.find((r) => r[0] === '坐席' && r[2] === 'A001')!;
    const a001 = groupWeek(['A001']);
    expect(agentRow.slice(3, 10)).toEqual([a001.attempts, 200, a001.attempts / 200, a001.accepted, 30, a001.accepted / 30, '本周与每周目标']);
    const groupRow = targets.find((r) => r[0] === '坐席组')!;
    expect(groupRow.slice(1, 5)).toEqual(['滨江营业厅外呼组', String(bj.id), want.attempts, 500]);
    // A list without a successes target: the figure, no target, no share.
    const listRow = targets.find((r) => r[0] === '清单')!;
    expect(listRow.slice(7, 9)).toEqual([null, null]);

    // A month's workbook has the groups, not the weekly targets.
    const month = (await t.waitJob(await t.call('report-weekly', { period: { kind: 'month', from: '2026-11-01' } }))) as JobView;
    const monthFile = tmp.file('month.xlsx');
    fs.copyFileSync(t.backend.files.get((month.result as { download: { token: string } }).download.token).path, monthFile);
    const monthSheets = JSON.parse(spawnSync(python!, ['-c', DUMP, monthFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout) as Record<string, unknown>;
    expect(Object.keys(monthSheets)).toContain('按坐席组');
    expect(Object.keys(monthSheets)).not.toContain('周目标');
  });

  it('an every-week target changed or removed this week keeps its old figures for the weeks before (found by a new supervisor)', async () => {
    // Set in a past week (the test's clock is in W48: its figures apply to W47 and before, as every-week targets do).
    await t.call('target-save', { scope: { kind: 'agent', id: 'A003' }, week: null, contacts: 100, successes: 10 });
    const progress = async (week: string) => (await t.call('dashboard-get', { week })).targets!.rows.find((r) => r.scope.kind === 'agent' && r.scope.id === 'A003');
    expect((await progress('2026-W47'))?.contacts.target).toBe(100);
    // Changed in W48: W48 on has the new figures; W47 keeps the old ones (the report already handed up).
    await t.call('target-save', { scope: { kind: 'agent', id: 'A003' }, week: null, contacts: 200, successes: 20 });
    expect([(await progress('2026-W47'))?.contacts.target, (await progress('2026-W47'))?.successes.target]).toEqual([100, 10]);
    expect([(await progress('2026-W48'))?.contacts.target, (await progress('2026-W49'))?.successes.target]).toEqual([200, 20]);
    // Changed again the same week: no week before it had that figure, it is simply replaced.
    await t.call('target-save', { scope: { kind: 'agent', id: 'A003' }, week: null, contacts: 150, successes: 15 });
    expect([(await progress('2026-W47'))?.contacts.target, (await progress('2026-W48'))?.contacts.target]).toEqual([100, 150]);
    // The list of targets shows the one that applies now, once.
    const listed = (await t.call('target-list', {})).items.filter((x) => x.scope.id === 'A003');
    expect(listed.map((x) => [x.week, x.contacts, x.fromWeek])).toEqual([[null, 150, '2026-W48']]);
    // Removed: from this week on there is none; the weeks before keep theirs.
    await t.call('target-save', { scope: { kind: 'agent', id: 'A003' }, week: null, contacts: null, successes: null });
    expect((await progress('2026-W47'))?.contacts.target).toBe(100);
    expect(await progress('2026-W48')).toBeUndefined();
    expect((await t.call('target-list', {})).items.filter((x) => x.scope.id === 'A003')).toEqual([]);
  });

  it('deleting a group removes it and its targets, keeps its members, and is audited', async () => {
    await t.call('group-delete', { id: bj.id });
    expect((await t.call('group-list', {})).items.map((g) => g.name)).toEqual(['西山外呼组']);
    expect((await t.call('target-list', {})).items.some((x) => x.scope.kind === 'group')).toBe(false);
    expect(one<number>("SELECT count(*) FROM agents WHERE id IN ('A001','A002')")).toBe(2);
    expect(one<string>("SELECT target FROM audit_log WHERE action = 'group-delete' ORDER BY id DESC LIMIT 1")).toBe(`group ${bj.id}`);
    await expect(t.call('group-delete', { id: bj.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lists groups as a Chinese reader sorts them: by pinyin, and 组2 before 组10', async () => {
    const made = [];
    for (const name of ['乡镇组', '北区组', '城区组', '外呼组10', '外呼组2']) made.push((await t.call('group-save', { name, agentIds: [] })).group);
    const names = (await t.call('group-list', {})).items.map((g) => g.name);
    // 北 běi, 城 chéng, 外 wài, 西 xī, 乡 xiāng — in code-point order 乡 (U+4E61) would come first.
    expect(names).toEqual(['北区组', '城区组', '外呼组2', '外呼组10', '西山外呼组', '乡镇组']);
    for (const g of made) await t.call('group-delete', { id: g.id });
  });
});
