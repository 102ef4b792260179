import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../core/api/ops/audit';
import { auditActionLabels } from '../../core/audit/actions';
import { localDayStart } from '../../electron/backend/context';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * docs/product.md §8: each reveal, import, export and configuration change is written to an audit log a supervisor can
 * read — filtered by day, agent, action and target — and export.
 */
describe('audit log', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  // Local wall-clock times (the machine's zone): the filter's days are local days.
  let clock = new Date(2026, 10, 20, 23, 59, 0);
  let t: ReturnType<typeof testBackend>;
  let numbers: string[] = [];

  const as = async (agentId: string, name: string, input: unknown) => {
    const r = await t.backend.dispatch(name, input, { agentId, role: agentId.startsWith('S') ? 'supervisor' : 'agent' });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.data;
  };

  beforeAll(async () => {
    t = testBackend({ dbPath, demoIfEmpty: true, now: () => clock });
    const db = new Database(dbPath, { readonly: true });
    numbers = (db.prepare("SELECT msisdn FROM tasks WHERE agent_id = 'A001' ORDER BY id LIMIT 3").pluck().all() as number[]).map(String);
    db.close();
    await as('A001', 'customer-reveal', { msisdn: numbers[0] }); // 20 Nov, 23:59 local
    clock = new Date(2026, 10, 21, 0, 0, 0);
    await as('A001', 'customer-reveal', { msisdn: numbers[1] }); // 21 Nov, 00:00 local
    await as('A002', 'customer-reveal', { msisdn: numbers[2] });
    clock = new Date(2026, 10, 22, 10, 0, 0);
    await as('S001', 'retention-save', { days: 40 });
    await t.backend.dispatchSession(null, 'session-sign-in', { agentId: 'A001', pin: '000000' }); // a failed sign-in
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const list = (input: object) => t.call('audit-list', input);

  it('lists newest first with who did it, the total, and the actions in use', async () => {
    const page = await list({ limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThanOrEqual(6);
    expect(page.items.map((i) => i.action)).toEqual(['sign-in-failed', 'retention-save', 'customer-reveal']);
    expect(page.items[1]).toMatchObject({ agentId: 'S001', agentName: expect.any(String), target: 'v1', detail: { days: 40, before: 30 } });
    expect(page.actionsInUse).toEqual(expect.arrayContaining(['customer-reveal', 'retention-save', 'sign-in-failed', 'workspace-demo-seeded']));
    // the demo's seeding was done by nobody in particular
    const seeded = await list({ actions: ['workspace-demo-seeded'] });
    expect(seeded.items[0]).toMatchObject({ agentId: null, agentName: null });
  });

  it('pages through the same order, with the same total on every page', async () => {
    const all = await list({ limit: 200 });
    const pages: AuditEntryView[] = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const p = await list({ offset, limit: 2 });
      expect(p.total).toBe(all.total);
      pages.push(...p.items);
    }
    expect(pages.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    const times = all.items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by local days, both ends included', async () => {
    const day21 = await list({ from: '2026-11-21', to: '2026-11-21' });
    expect(day21.items.map((i) => i.action)).toEqual(['customer-reveal', 'customer-reveal']);
    for (const i of day21.items) {
      expect(i.at >= localDayStart('2026-11-21')).toBe(true);
      expect(i.at < localDayStart('2026-11-21', 1)).toBe(true);
    }
    expect((await list({ to: '2026-11-20', actions: ['customer-reveal'] })).total).toBe(1);
    expect((await list({ from: '2026-11-22' })).items.map((i) => i.action)).toEqual(['sign-in-failed', 'retention-save']);
    await expect(list({ from: '2026-11-22', to: '2026-11-21' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('filters by agent, by one or several actions, and by text within the target', async () => {
    expect((await list({ agentId: 'A002' })).items.map((i) => i.action)).toEqual(['customer-reveal']);
    const several = await list({ actions: ['retention-save', 'sign-in-failed'], limit: 1 });
    expect(several.total).toBe(2);
    expect(several.items.map((i) => i.action)).toEqual(['sign-in-failed']);
    expect((await list({ actions: ['retention-save', 'sign-in-failed'], offset: 1, limit: 1 })).items.map((i) => i.action)).toEqual(['retention-save']);
    // the masked number is what the log holds; its last four digits find it, long or short
    const last4 = numbers[1]!.slice(-4);
    for (const text of [last4, last4.slice(-2), `****${last4}`]) {
      const found = await list({ text, actions: ['customer-reveal'] });
      expect(found.items.map((i) => i.target), text).toContain(`${numbers[1]!.slice(0, 3)}****${last4}`);
    }
    expect((await list({ text: 'V1' })).items.map((i) => i.action)).toEqual(['retention-save']); // any case
    expect((await list({ text: '%' })).total).toBe(0); // % is a character, not a wildcard
    expect((await list({ text: '_' })).total).toBe(0);
  });

  it('walks an index for every filter (a million entries stay fast)', () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      const plan = (where: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM audit_log a ${where} ORDER BY a.at DESC, a.id DESC LIMIT 50`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      for (const where of ["WHERE a.at >= 'x' AND a.at < 'y'", "WHERE a.agent_id = 'A001'", "WHERE a.action = 'sign-in'", '']) {
        const p = plan(where);
        expect(p, where).toMatch(/INDEX audit_log_(at|agent|action)/);
        expect(p, where).not.toMatch(/TEMP B-TREE/);
      }
      expect(plan("WHERE a.id IN (SELECT rowid FROM audit_target_search WHERE audit_target_search MATCH '\"6886\"')")).toMatch(/audit_target_search/);
    } finally {
      db.close();
    }
  });

  it('exports the filtered entries as a workbook, in words, formula-safe, and records the export', async () => {
    clock = new Date(2026, 10, 23, 9, 0, 0);
    // A target that looks like a formula (an offer code cannot, but a file or list name can): kept as text.
    const rw = new Database(dbPath);
    rw.prepare("INSERT INTO audit_log (at, agent_id, action, target, detail) VALUES (?, 'S001', 'worklist-import', '=HYPERLINK(\"http://x\",\"y\")', '{\"lists\":[\"@清单\"],\"imported\":3}')").run(new Date(2026, 10, 22, 11, 0, 0).toISOString());
    rw.close();
    const file = await t.call('audit-export', { from: '2026-11-21', to: '2026-11-22', locale: 'zh-CN' });
    expect(file.rows).toBe(5);
    const wb = XLSX.read(fs.readFileSync(t.backend.files.get(file.token).path), { cellFormula: true });
    const sheet = wb.Sheets[wb.SheetNames[0]!]!;
    for (const cell of Object.keys(sheet).filter((k) => !k.startsWith('!'))) expect(sheet[cell].f, cell).toBeUndefined();
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['时间', '工号', '姓名', '操作', '对象', '详情']));
    expect(rows[0]).toMatchObject({ 操作: '导入工作清单', 对象: '=HYPERLINK("http://x","y")', 详情: '清单：@清单 · 导入：3' });
    expect(rows.map((r) => r['操作'])).toEqual(['导入工作清单', '登录失败（工号或 PIN 错误）', '修改数据保留期', '查看客户完整号码和姓名', '查看客户完整号码和姓名']);
    // Local time, as a date cell (issue 18), shown as the person's wall clock.
    expect(XLSX.SSF.format('yyyy-mm-dd hh:mm:ss', rows[4]!['时间'] as number)).toBe('2026-11-21 00:00:00');
    const en = await t.call('audit-export', { actions: ['retention-save'], locale: 'en' });
    const enRows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(fs.readFileSync(t.backend.files.get(en.token).path)).Sheets['Audit log']!);
    expect(enRows).toEqual([expect.objectContaining({ Action: 'Data retention changed', Detail: 'days kept: 40 · before: 30', 'Agent id': 'S001' })]);
    expect(path.extname(en.name)).toBe('.xlsx');
    // A filtered export says so: in its name, and on a sheet of the filters it was made with (a supervisor handed one
    // up as "the audit log"; found by a new supervisor). A whole one has neither.
    expect(file.name).toBe('审计日志-2026-11-23-已筛选.xlsx');
    expect(en.name).toBe('audit-log-2026-11-23-filtered.xlsx');
    const filterRows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['筛选条件']!, { header: 1 });
    expect(filterRows).toEqual([['筛选条件', '值'], ['日期', '2026-11-21 至 2026-11-22'], ['条数', 5]]);
    const enFilter = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(t.backend.files.get(en.token).path)).Sheets['Filters']!, { header: 1 });
    expect(enFilter).toEqual([['Filter', 'Value'], ['Actions', 'Data retention changed'], ['Entries', 1]]);
    const whole = await t.call('audit-export', { locale: 'zh-CN' });
    expect(whole.name).toBe('审计日志-2026-11-23.xlsx');
    expect(XLSX.read(fs.readFileSync(t.backend.files.get(whole.token).path)).SheetNames).toEqual(['审计日志']);
    const exports = await list({ actions: ['audit-export'] });
    expect(exports.items.slice(1).map((i) => i.detail)).toEqual([
      { filters: { actions: ['retention-save'] }, rows: 1, locale: 'en' },
      { filters: { from: '2026-11-21', to: '2026-11-22' }, rows: 5, locale: 'zh-CN' },
    ]);
  });

  it('has a label in both languages for every action the code writes', () => {
    const root = path.resolve(__dirname, '../..');
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.ts')) sources.push(fs.readFileSync(path.join(dir, e.name), 'utf8'));
      }
    };
    walk(path.join(root, 'electron'));
    const written = new Set<string>();
    for (const src of sources) {
      for (const call of src.matchAll(/writeAudit\([\s\S]*?action:\s*([^,}]+)/g)) {
        const expr = call[1]!;
        const template = /`([a-z-]+)\$\{[^`]*?'([a-z]+)'\s*:\s*'([a-z]+)'\s*\}`/.exec(expr);
        if (template) for (const s of [template[2], template[3]]) written.add(`${template[1]}${s}`);
        else for (const lit of expr.matchAll(/['`]([a-z]+(?:-[a-z]+)+)['`]/g)) written.add(lit[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(20);
    const known = new Set(Object.keys(auditActionLabels));
    expect([...written].filter((a) => !known.has(a))).toEqual([]);
  });
});
