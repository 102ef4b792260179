import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, type JobView, type WorklistImportResult, type WorklistPreview } from '../../core/api';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { formatMessage } from '../../core/i18n';
import { riskSettingLabel } from '../../core/i18n/risk-setting-labels';
import { writeWorkbook } from '../../core/exchange/write';
import { protectWorkbook } from '../../electron/backend/protected-files';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** Import through the backend's jobs on a real database file: preview, import, re-import, update, reject. */
describe('work-list import', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  const sheet = demoWorkListSheet({ seed: 11, count: 300, today: '2026-11-23' });
  const rows = [...sheet.rows];
  const xlsx = writeWorkbook([{ name: '任务工作清单', header: sheet.header, rows }], 'xlsx');

  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date('2026-11-23T02:00:00Z') });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const preview = async (bytes: Uint8Array, name: string, extra: object = {}) => {
    const job = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(bytes, name), ...extra }));
    expect(job.error).toBeUndefined();
    return job.result as WorklistPreview;
  };
  const importFile = async (bytes: Uint8Array, name: string, p: WorklistPreview, extra: object = {}) => {
    const job = await t.waitJob(
      await t.call('worklist-import', {
        file: t.upload(bytes, name),
        sheet: p.sheet,
        headerRow: p.headerRow,
        mapping: p.columns.map((c) => c.target),
        list: p.list,
        onRejected: 'import-valid',
        ...extra,
      }),
    );
    expect(job.error).toBeUndefined();
    return job.result as WorklistImportResult;
  };
  const db = () => new Database(tmp.file('ws.sqlite'), { readonly: true });

  it('previews a central-system workbook: every column mapped, every row checked', async () => {
    const p = await preview(xlsx, 'week47.xlsx');
    expect(p.sheet).toBe('任务工作清单');
    expect(p.dataRows).toBe(300);
    expect(p.check).toMatchObject({ valid: 300, rejected: 0 });
    const byHeader = new Map(p.columns.map((c) => [c.header, c.target]));
    expect(byHeader.get('手机号码')).toEqual({ kind: 'field', field: 'msisdn' });
    expect(byHeader.get('近三月ARPU')).toEqual({ kind: 'field', field: 'arpu_avg3' });
    expect(byHeader.get('积分')).toEqual({ kind: 'extra', name: '积分' });
    const idColumn = p.columns.find((c) => c.header === '身份证号')!;
    for (const s of idColumn.samples) expect(s).toMatch(/\*/); // identity numbers only masked
  });

  it('imports in one go, with one open task per subscriber, and never stores identity numbers', async () => {
    const p = await preview(xlsx, 'week47.xlsx');
    const r = await importFile(xlsx, 'week47.xlsx', p);
    expect(r).toMatchObject({ read: 300, imported: 300, rejected: 0, newSubscribers: 300, unchanged: false, abandoned: false });
    expect(r.newTasks + r.joinedOpenTasks).toBe(300);
    const d = db();
    expect((d.prepare('SELECT count(*) n FROM subscribers').get() as { n: number }).n).toBe(300);
    expect((d.prepare('SELECT count(*) n FROM tasks WHERE closed_at IS NULL').get() as { n: number }).n).toBe(300);
    const ids = rows.map((row) => String(row[sheet.header.indexOf('身份证号')]));
    const dump = JSON.stringify(d.prepare('SELECT * FROM subscribers').all());
    d.close();
    for (const id of ids.slice(0, 50)) expect(dump).not.toContain(id);
    const file = fs.readFileSync(tmp.file('ws.sqlite'));
    expect(file.includes(Buffer.from(ids[0]!))).toBe(false);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = db().prepare('SELECT (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM list_members) m, (SELECT max(updated_at) FROM subscribers) u').get();
    const p = await preview(xlsx, 'week47-copy.xlsx');
    const r = await importFile(xlsx, 'week47-copy.xlsx', p);
    expect(r.unchanged).toBe(true);
    expect(db().prepare('SELECT (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM list_members) m, (SELECT max(updated_at) FROM subscribers) u').get()).toEqual(before);
  });

  it('a newer version of the list updates figures and keeps every logged attempt', async () => {
    const d0 = new Database(tmp.file('ws.sqlite'));
    const { msisdn, id } = d0.prepare('SELECT msisdn, id FROM tasks ORDER BY id LIMIT 1').get() as { msisdn: number; id: number };
    d0.prepare(
      "INSERT INTO attempts (id, task_id, msisdn, agent_id, channel, at, disposition, recorded_at) VALUES ('keep-me', ?, ?, 'A001', 'phone', '2026-11-23T03:00:00Z', 'no_answer', '2026-11-23T03:00:00Z')",
    ).run(id, msisdn);
    d0.close();
    const arpuCol = sheet.header.indexOf('当月ARPU');
    const changed = rows.map((row) => (String(row[0]) === String(msisdn) || Number(row[sheet.header.indexOf('手机号码')]) === msisdn ? row.map((v, i) => (i === arpuCol ? 1.23 : v)) : row));
    const bytes = writeWorkbook([{ name: '任务工作清单', header: sheet.header, rows: changed }], 'xlsx');
    const p = await preview(bytes, 'week47-v2.xlsx');
    const r = await importFile(bytes, 'week47-v2.xlsx', p);
    // The sheet carries several lists (a list-name column): only the list whose rows changed is written again.
    expect(r.unchanged).toBe(false);
    expect(r.newSubscribers).toBe(0);
    expect(r.updatedSubscribers).toBeGreaterThan(0);
    expect(r.updatedSubscribers).toBeLessThan(300);
    expect(r.newTasks).toBe(0);
    const d = db();
    expect((d.prepare('SELECT arpu_cur FROM subscribers WHERE msisdn = ?').get(msisdn) as { arpu_cur: number }).arpu_cur).toBe(1.23);
    expect(d.prepare("SELECT id FROM attempts WHERE id = 'keep-me'").get()).toBeTruthy();
    expect((d.prepare('SELECT count(*) n FROM work_lists').get() as { n: number }).n).toBe(r.lists.length);
    d.close();
  });

  it('a blank cell keeps what is known: a sparse row for a known customer does not wipe their profile (found by a new supervisor)', async () => {
    const d0 = db();
    const known = d0.prepare('SELECT msisdn, name, arpu_cur, brand FROM subscribers WHERE name IS NOT NULL AND arpu_cur IS NOT NULL AND brand IS NOT NULL ORDER BY msisdn LIMIT 1').get() as {
      msisdn: number;
      name: string;
      arpu_cur: number;
      brand: string;
    };
    d0.close();
    // The blank template filled by hand: every column there, only the number and the list's columns filled in.
    const header = ['手机号码', '用户姓名', '品牌', '当月ARPU', '清单名称', '截止日期'];
    const bytes = writeWorkbook([{ name: '手工清单', header, rows: [[String(known.msisdn), null, null, null, '手工补录清单', '2026-12-20']] }], 'xlsx');
    const p = await preview(bytes, 'sparse.xlsx');
    const r = await importFile(bytes, 'sparse.xlsx', p);
    expect(r).toMatchObject({ imported: 1, newSubscribers: 0 });
    const d = db();
    expect(d.prepare('SELECT name, arpu_cur, brand FROM subscribers WHERE msisdn = ?').get(known.msisdn)).toEqual({ name: known.name, arpu_cur: known.arpu_cur, brand: known.brand });
    d.close();
  });

  it('a subscriber on two lists of one sheet, its rows out of list order, is stored list by list as before (issue 19 #2)', async () => {
    // Rows are stored as the file is read; a subscriber whose rows come in another order than the lists' first rows
    // waits, so the outcome is the one of rows grouped by list: the task comes from the first list, the figures
    // from the row stored last.
    const header = ['手机号码', '清单名称', '截止日期', '当月ARPU'];
    const body = [
      ['13700000001', '甲清单', '2026-12-10', 10],
      ['13700000002', '乙清单', '2026-12-20', 20],
      ['13700000002', '甲清单', '2026-12-10', 99],
    ];
    const bytes = writeWorkbook([{ name: '两个清单', header, rows: body }], 'xlsx');
    const p = await preview(bytes, 'two-lists.xlsx');
    expect(p.listsInFile).toEqual([
      { name: '甲清单', rows: 2 },
      { name: '乙清单', rows: 1 },
    ]);
    const r = await importFile(bytes, 'two-lists.xlsx', p);
    expect(r).toMatchObject({ read: 3, imported: 3, newSubscribers: 2, updatedSubscribers: 0, newTasks: 2, joinedOpenTasks: 1 });
    expect(r.lists.map((l) => l.name)).toEqual(['甲清单', '乙清单']);
    const d = db();
    expect(d.prepare('SELECT arpu_cur FROM subscribers WHERE msisdn = 13700000002').pluck().get()).toBe(20);
    expect(d.prepare('SELECT due_date FROM tasks WHERE msisdn = 13700000002').pluck().all()).toEqual(['2026-12-10']);
    expect(d.prepare('SELECT w.name FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.msisdn = 13700000002 ORDER BY w.id').pluck().all()).toEqual(['甲清单', '乙清单']);
    d.close();
  });

  it('a field derived only from a later row is written on every row, as before (issue 19 #2)', async () => {
    const header = ['手机号码', '入网时间', '当月ARPU'];
    const first = writeWorkbook([{ name: 'x', header, rows: [['13700000011', '2020-01-05', 50]] }], 'xlsx');
    const p1 = await preview(first, 'tenure-1.xlsx');
    await importFile(first, 'tenure-1.xlsx', p1, { list: { ...p1.list, name: '网龄一' } });
    const tenure = () => {
      const d = db();
      try {
        return d.prepare('SELECT tenure_months FROM subscribers WHERE msisdn = 13700000011').pluck().get();
      } finally {
        d.close();
      }
    };
    expect(tenure()).toBe(82);
    // The first row has no join date, the second has one: tenure is derived on the second only, and every row of the
    // import writes it, as when all rows were checked before any was stored — the first row's blank keeping the
    // tenure known (a blank cell keeps what is known, db/import.ts; it blanked it before 2026-12-07).
    const second = writeWorkbook([{ name: 'x', header, rows: [['13700000011', null, 60], ['13700000012', '2021-03-01', 70]] }], 'xlsx');
    const p2 = await preview(second, 'tenure-2.xlsx');
    const r = await importFile(second, 'tenure-2.xlsx', p2, { list: { ...p2.list, name: '网龄二' } });
    expect(r.imported).toBe(2);
    expect(tenure()).toBe(82);
    const d = db();
    expect(d.prepare('SELECT tenure_months FROM subscribers WHERE msisdn = 13700000012').pluck().get()).toBe(68);
    d.close();
  });

  it('an agent id the desk does not know is a warning on its row, not dropped silently (issue 18 #8)', async () => {
    await t.call('agent-save', { id: 'K001', name: '柯一', role: 'agent', pin: '482913' });
    const csv = new TextEncoder().encode('手机号码,执行人\n13812340001,K001\n13812340002,K999\n');
    const p = await preview(csv, 'agents.csv');
    const unknown = p.check.issues.filter((i) => i.code === 'cell.unknown-agent');
    expect(unknown).toEqual([expect.objectContaining({ row: 3, column: '执行人', severity: 'warning', params: expect.objectContaining({ agent: 'K999' }) })]);
    const r = await importFile(csv, 'agents.csv', p, { list: { ...p.list, name: '执行人检查' } });
    expect(r.imported).toBe(2);
    expect(r.issues.some((i) => i.code === 'cell.unknown-agent' && i.row === 3)).toBe(true);
    const d = db();
    expect(d.prepare('SELECT agent_id FROM tasks WHERE msisdn = 13812340001').pluck().get()).toBe('K001');
    expect(d.prepare('SELECT agent_id FROM tasks WHERE msisdn = 13812340002').pluck().get()).toBeNull();
    d.close();
  });

  it('an agent id in another case is that agent: the task is theirs, with no warning (found by a new supervisor)', async () => {
    await t.call('agent-save', { id: 'K002', name: '柯二', role: 'agent', pin: '482913' });
    const csv = new TextEncoder().encode('手机号码,执行人\n13812340011,k002\n');
    const p = await preview(csv, 'agents-case.csv');
    expect(p.check.issues.filter((i) => i.code === 'cell.unknown-agent')).toEqual([]);
    await importFile(csv, 'agents-case.csv', p, { list: { ...p.list, name: '执行人大小写' } });
    const d = db();
    expect(d.prepare('SELECT agent_id FROM tasks WHERE msisdn = 13812340011').pluck().get()).toBe('K002');
    d.close();
  });

  it('a number twice on one list is a warning on the later row, naming the earlier one, and a repeated row in the summary; on two lists it is not', async () => {
    // Rows 2 and 5 hold the same number on one list (the later row's figures are the ones kept); row 3's number is on
    // another list too (row 6): a customer on two lists.
    const csv = new TextEncoder().encode(
      '手机号码,ARPU,清单名称\n13812350001,58,甲\n13812350002,60,甲\n13812350003,61,甲\n138 1235 0001,99,甲\n13812350002,60,乙\n',
    );
    const p = await preview(csv, 'dups.csv');
    const dups = p.check.issues.filter((i) => i.code === 'row.duplicate-msisdn');
    expect(dups).toEqual([expect.objectContaining({ row: 5, column: '手机号码', severity: 'warning', params: expect.objectContaining({ first: 2 }) })]);
    expect(p.check.valid).toBe(5);
    const r = await importFile(csv, 'dups.csv', p, { list: { ...p.list, name: '重复号码检查' } });
    expect(r.issues.filter((i) => i.code === 'row.duplicate-msisdn').map((i) => i.row)).toEqual([5]);
    // The summary counts each customer once, and the repeated row as what it is, not as a customer who already had an
    // open task: three new customers, three tasks, one customer on a second list (row 6), one row repeated (row 5).
    expect(r).toMatchObject({ imported: 5, newSubscribers: 3, updatedSubscribers: 0, newTasks: 3, joinedOpenTasks: 1, repeatedRows: 1 });
    const d = db();
    expect(d.prepare('SELECT arpu_cur FROM subscribers WHERE msisdn = 13812350001').pluck().get()).toBe(99);
    d.close();
  });

  it('a number twice on one list takes the later row’s agent with its figures; a task the customer had before the file keeps its agent (found by a new supervisor: the task stayed with the first row’s agent)', async () => {
    for (const id of ['K011', 'K012']) await t.call('agent-save', { id, name: `坐席${id}`, role: 'agent', pin: '482913' });
    const first = new TextEncoder().encode('手机号码,执行人\n13812370002,K011\n');
    const pf = await preview(first, 'before.csv');
    await importFile(first, 'before.csv', pf, { list: { ...pf.list, name: '之前的清单' } });
    // 13812370001 twice (K011, then K012 with other figures); 13812370002, open with K011 from the earlier file, twice.
    const csv = new TextEncoder().encode('手机号码,ARPU,执行人\n13812370001,58,K011\n13812370002,30,K011\n13812370001,88,K012\n13812370002,31,K012\n');
    const p = await preview(csv, 'dup-agents.csv');
    expect(p.check.issues.filter((i) => i.code === 'row.duplicate-msisdn').map((i) => i.row)).toEqual([4, 5]);
    await importFile(csv, 'dup-agents.csv', p, { list: { ...p.list, name: '重复号码的执行人' } });
    const d = db();
    expect(d.prepare('SELECT agent_id FROM tasks WHERE msisdn = 13812370001 AND closed_at IS NULL').pluck().all()).toEqual(['K012']);
    expect(d.prepare('SELECT arpu_cur FROM subscribers WHERE msisdn = 13812370001').pluck().get()).toBe(88);
    expect(d.prepare('SELECT agent_id FROM tasks WHERE msisdn = 13812370002 AND closed_at IS NULL').pluck().all()).toEqual(['K011']);
    d.close();
  });

  it('a 用户状态 the desk does not know is one warning per value, on its first row, with how many rows have it; a status the risk rules count as terminal is known', async () => {
    const csv = new TextEncoder().encode('手机号码,用户状态\n13812360001,正常\n13812360002,销户\n13812360003,预销户\n13812360004,销户\n13812360005,Active\n13812360006,停机\n');
    const unknownStatuses = (issues: readonly { code: string; row: number; params: object; severity: string }[]) =>
      issues.filter((i) => i.code === 'cell.unknown-status').map((i) => ({ row: i.row, params: i.params, severity: i.severity }));
    const p = await preview(csv, 'statuses.csv');
    // 预销户 is a spelling of 预销号 and Active of 正常: known. 销户 is not: said once, where it first comes.
    expect(unknownStatuses(p.check.issues)).toEqual([{ row: 3, params: { value: '销户', rows: 2, known: '正常/停机/欠费停机/预销号/保留期/冷冻期' }, severity: 'warning' }]);
    // It names the risk rules' setting as that page does.
    for (const locale of ['zh-CN', 'en'] as const) {
      const setting = riskSettingLabel(locale, 'suspension.terminalStatuses').split(' · ').pop()!;
      expect(formatMessage(locale, 'cell.unknown-status', { value: '销户', rows: 2, known: '正常/停机' })).toContain(setting);
    }
    // Imported as written, and the rows with it too.
    const r = await importFile(csv, 'statuses.csv', p, { list: { ...p.list, name: '状态检查' } });
    expect(r.imported).toBe(6);
    expect(unknownStatuses(r.issues)).toHaveLength(1);
    // Once the risk rules count 销户 as terminal, the desk knows it.
    const rules = await t.call('risk-config-get', {});
    await t.waitJob(await t.call('risk-config-save', { config: { ...rules.config, suspension: { ...rules.config.suspension, terminalStatuses: [...rules.config.suspension.terminalStatuses, '销户'] } } }));
    expect(unknownStatuses((await preview(csv, 'statuses.csv')).check.issues)).toEqual([]);
  });

  it.each(['two-row-header.xlsx', 'two-row-header.xls'])(
    'a header over two rows with merged cells (%s): merged-down headers and groups over sub-headers map, and the data starts under them',
    async (name) => {
      // tests/fixtures/worklists/make-two-row-header.py: 手机号码 merged down over both rows; 合约 over 类型 | 到期日,
      // 近三月 and 当月 each over their own ARPU column. Read as one row, the phone column was lost (lower row) or
      // 到期日 had no header and both ARPU columns were one field (upper row).
      const bytes = new Uint8Array(fs.readFileSync(new URL(`../fixtures/worklists/${name}`, import.meta.url)));
      const p = await preview(bytes, name);
      expect(p.headerRow).toBe(2);
      expect(p.dataRows).toBe(3);
      const fields = p.columns.map((c) => (c.target.kind === 'field' ? c.target.field : c.target.kind === 'extra' ? `extra:${c.target.name}` : 'ignore'));
      expect(fields).toEqual([
        'extra:序号', 'msisdn', 'name', 'plan_name', 'plan_fee', 'contract_type', 'contract_end',
        'arpu_avg3', 'mou_avg3', 'data_mb_avg3', 'arpu_cur', 'data_mb_cur', 'hall',
      ]);
      // The mapping screen shows where a sub-header sits: its group, then its own name.
      expect(p.columns.map((c) => c.header)).toEqual([
        '序号', '手机号码', '客户姓名', '套餐 · 名称', '套餐 · 月费(元)', '合约 · 类型', '合约 · 到期日',
        '近三月 · ARPU', '近三月 · 通话分钟数', '近三月 · 流量(MB)', '当月 · ARPU', '当月 · 流量', '归属营业厅',
      ]);
      expect(p.check).toMatchObject({ valid: 3, rejected: 0 });
      // The list is proposed under the sheet's title and the type it names, not the sheet's own name (维系清单), which
      // two different lists of a month would share and be taken for versions of one.
      expect(p.list).toMatchObject({ name: '滨江区 2026年12月 合约到期客户维系清单', type: 'contract_expiring' });
      const r = await importFile(bytes, name, p, { list: { ...p.list, name: `两行表头 ${name}` } });
      expect(r.imported).toBe(3);
      const d = db();
      expect(d.prepare('SELECT contract_end, arpu_avg3, arpu_cur, hall FROM subscribers WHERE msisdn = 13800138000').get()).toEqual({
        contract_end: '2027-01-15', arpu_avg3: 135.5, arpu_cur: 140.2, hall: '滨江营业厅',
      });
      d.close();
    },
  );

  it('a totals row under the list (合计) is not a customer: said as a warning, not a rejected row, so 只导入全部有效 still imports', async () => {
    // Reports made in Excel end with 合计; it was "没有手机号码" — an error, and with 有错误时不导入 the list was refused.
    const csv = new TextEncoder().encode('手机号码,ARPU,清单名称\n13812360001,58,合计行检查\n13812360002,60,合计行检查\n合计,118,\n');
    const p = await preview(csv, 'totals.csv');
    expect(p.check).toMatchObject({ valid: 2, rejected: 0 });
    expect(p.check.issues).toEqual([expect.objectContaining({ row: 4, code: 'row.totals-skipped', severity: 'warning' })]);
    // The usual layout: the word under 序号, the phone cell blank or holding a count.
    const numbered = new TextEncoder().encode('序号,手机号码,ARPU\n1,13812360003,58\n总计,,58\n合计,2户,58\n');
    const q = await preview(numbered, 'numbered.csv');
    expect(q.check).toMatchObject({ valid: 1, rejected: 0 });
    expect(q.check.issues.map((i) => [i.row, i.code])).toEqual([[3, 'row.totals-skipped'], [4, 'row.totals-skipped']]);
    const r = await importFile(csv, 'totals.csv', p, { list: { ...p.list, name: '合计行检查' }, onRejected: 'import-nothing' });
    expect(r.imported).toBe(2);
  });

  it('reports each rejected row by row, column and reason, and lets the user import nothing', async () => {
    const header = ['用户号码', '客户姓名', '入网时间', '当月ARPU'];
    const bad = [
      ['13900000001', '张三', '2020-01-05', '88.5'],
      ['1.39E+10', '李四', '2020/02/30', 'abc'],
      ['', '王五', '', ''],
      ['+86 139-0000-0004', '赵六', '45000', '1,234.5'],
    ];
    const csv = writeWorkbook([{ name: 'x', header, rows: bad }], 'csv');
    const p = await preview(csv, 'bad.csv');
    expect(p.check.valid).toBe(2);
    expect(p.check.rejected).toBeGreaterThanOrEqual(1);
    const lost = p.check.issues.find((i) => i.severity === 'error' && i.row === 3)!;
    expect(lost).toMatchObject({ columnLetter: 'A', column: '用户号码' });
    const nothing = await importFile(csv, 'bad.csv', p, { onRejected: 'import-nothing', list: { ...p.list, name: 'bad list' } });
    expect(nothing).toMatchObject({ abandoned: true, imported: 0 });
    expect(db().prepare("SELECT count(*) n FROM work_lists WHERE name = 'bad list'").get()).toEqual({ n: 0 });
    const valid = await importFile(csv, 'bad.csv', p, { list: { ...p.list, name: 'bad list' } });
    expect(valid.imported).toBe(2);
    const download = await t.call('worklist-issues-export', { jobId: (await t.call('worklist-import-preview', { file: t.upload(csv, 'bad.csv') })).id, locale: 'en' }).catch((e: Error) => e);
    expect(download).toBeInstanceOf(Error); // a running job has no result yet
  });

  it('refuses a truncated workbook with a clear message, and changes nothing', async () => {
    const before = db().prepare('SELECT count(*) n FROM subscribers').get();
    const job = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(xlsx.slice(0, xlsx.length >> 1), 'cut.xlsx') }));
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('bad-file');
    expect(job.error?.messageKey).toMatch(/^file\./); // the reader's own code, worded where it is shown:
    expect(errorText('zh-CN', job.error!)).toMatch(/[\u4e00-\u9fff]/);
    expect(errorText('en', job.error!)).toBe(job.error!.message);
    expect(db().prepare('SELECT count(*) n FROM subscribers').get()).toEqual(before);
  });

  it('says when no column holds phone numbers, and refuses to import such a file', async () => {
    const csv = writeWorkbook([{ name: 'x', header: ['姓名', '套餐'], rows: [['张三', '畅享128']] }], 'csv');
    const p = await preview(csv, 'nonumbers.csv');
    expect(p.mappingProblems.map((m) => m.code)).toContain('header.no-msisdn');
    const job = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(csv, 'nonumbers.csv'), mapping: p.columns.map((c) => c.target), list: p.list, onRejected: 'import-valid' }),
    );
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('invalid-input');
  });

  it('opens on the sheet with the phone numbers; the sheet picker counts each sheet in rows under its header, and names a sheet it did not read without a count', async () => {
    // '清单（1,501 行）' beside '可读取 1,500 行' read as a row lost; after another sheet was picked, the rest said '-1 行'.
    const title = ['2026年11月维系清单', ...sheet.header.slice(1).map(() => '')];
    const book = writeWorkbook(
      [
        { name: '说明', header: ['项目', '内容'], rows: [['来源', '中心系统'], ['日期', '2026-11-23']] },
        { name: '清单', header: sheet.header, rows: rows.slice(0, 25) },
        { name: '带标题的清单', header: title, rows: [[], sheet.header, ...rows.slice(0, 40)] },
      ],
      'xlsx',
    );
    // The notes sheet in front is not the list: the preview opens on the first sheet with a column of phone numbers.
    const first = await preview(book, 'sheets.xlsx');
    expect(first.sheet).toBe('清单');
    expect(first.check.valid).toBe(25);
    expect(first.sheets).toEqual([
      { name: '说明', rows: 2, columns: 2 },
      { name: '清单', rows: 25, columns: sheet.header.length },
      { name: '带标题的清单', rows: 40, columns: sheet.header.length },
    ]);
    const picked = await preview(book, 'sheets.xlsx', { sheet: '清单' });
    expect(picked.check.valid).toBe(25);
    expect(picked.sheets).toEqual([
      { name: '说明', rows: null, columns: null },
      { name: '清单', rows: 25, columns: sheet.header.length },
      { name: '带标题的清单', rows: null, columns: null },
    ]);
  });

  it('opens a password-protected work list only with its password', async () => {
    const small = writeWorkbook([{ name: '清单', header: sheet.header, rows: rows.slice(0, 20) }], 'xlsx');
    const locked = await protectWorkbook(small, '维系2026');
    const without = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(locked, 'locked.xlsx') }));
    expect(without.state).toBe('failed');
    expect(without.error?.code).toBe('needs-password');
    const wrong = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(locked, 'locked.xlsx'), password: 'nope' }));
    expect(wrong.error?.code).toBe('wrong-password');
    const p = await preview(locked, 'locked.xlsx', { password: '维系2026' });
    expect(p.check.valid).toBe(20);
  });

  const taskIndexes = () => (db().prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' ORDER BY name").pluck().all() as string[]).join(' ');

  it('a list many times the size of the queue leaves the queue in priority order, every index in place (issue 19 #2)', async () => {
    const indexesBefore = taskIndexes();
    expect(indexesBefore).toContain('tasks_agent_callable');
    // 4,000 rows into a workspace of a few hundred tasks: the import builds the priority indexes once at its end.
    const large = demoWorkListSheet({ seed: 12, count: 4_000, today: '2026-11-23' });
    const bytes = writeWorkbook([{ name: '任务工作清单', header: large.header, rows: large.rows }], 'xlsx');
    const p = await preview(bytes, 'large.xlsx');
    const r = await importFile(bytes, 'large.xlsx', { ...p, list: { ...p.list!, name: '大清单' } });
    expect(r.newTasks).toBeGreaterThan(3_000);
    expect(taskIndexes()).toBe(indexesBefore);
    // What an agent's queue shows first is what the stored priorities say, through the rebuilt index.
    const callable = db()
      .prepare('SELECT id FROM tasks INDEXED BY tasks_callable WHERE closed_at IS NULL AND blocked_until IS NULL ORDER BY priority DESC, id LIMIT 50')
      .pluck()
      .all() as number[];
    const byPriority = db().prepare('SELECT id FROM tasks NOT INDEXED WHERE closed_at IS NULL AND blocked_until IS NULL ORDER BY priority DESC, id LIMIT 50').pluck().all() as number[];
    expect(callable).toEqual(byPriority);
    const page = await t.call('queue-list', { limit: 50 });
    const callablePart = page.items.filter((i) => i.order.part === 'callable').map((i) => i.taskId);
    expect(callablePart.length).toBeGreaterThan(0);
    expect(callablePart).toEqual(byPriority.filter((id) => callablePart.includes(id)));
  });

  it("the preview's first pass over a sheet says how far it is and stops when cancelled", async () => {
    // A county's million takes its first pass ~20 s: it counted nothing and could not be stopped until the pass ended.
    const long = demoWorkListSheet({ seed: 23, count: 60_000, today: '2026-11-23' });
    const job = await t.call('worklist-import-preview', { file: t.upload(writeWorkbook([{ name: '长清单', header: long.header, rows: long.rows }], 'xlsx'), 'long.xlsx') });
    let seen: JobView = job;
    while (seen.state === 'running' && !(seen.phase === 'reading' && seen.done > 0)) {
      await new Promise((r) => setTimeout(r, 5));
      seen = await t.call('job-get', { jobId: job.id });
    }
    expect({ phase: seen.phase, counting: seen.done > 0 }).toEqual({ phase: 'reading', counting: true });
    await t.call('job-cancel', { jobId: job.id });
    expect((await t.waitJob(job)).state).toBe('cancelled');
  });

  it('a cancelled import leaves the workspace exactly as it was', async () => {
    const big = demoWorkListSheet({ seed: 21, count: 20_000, today: '2026-11-23' });
    const bytes = writeWorkbook([{ name: '大清单', header: big.header, rows: big.rows }], 'xlsx');
    const p = await preview(bytes, 'big.xlsx');
    // The queue's indexes too: an import of this size drops them to build them once at its end (issue 19 #2).
    const snapshot = () => ({ ...(db().prepare('SELECT (SELECT count(*) FROM subscribers) s, (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM work_lists) l, (SELECT count(*) FROM list_members) m').get() as object), indexes: taskIndexes() });
    const before = snapshot();
    const job = await t.call('worklist-import', { file: t.upload(bytes, 'big.xlsx'), sheet: p.sheet, headerRow: p.headerRow, mapping: p.columns.map((c) => c.target), list: p.list, onRejected: 'import-valid' });
    // cancel once it is writing, so the transaction has rows in it when it rolls back
    for (let j: JobView = job; j.state === 'running' && j.phase !== 'saving'; j = await t.call('job-get', { jobId: job.id })) await new Promise((r) => setTimeout(r, 5));
    await t.call('job-cancel', { jobId: job.id });
    const end = await t.waitJob(job);
    expect(end.state).toBe('cancelled');
    expect(snapshot()).toEqual(before);
  });
});
