import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { tempDir } from '../support/temp';

/** Issue 18 #8: a script that imports a list learns from the exit code whether anything was imported. */
describe('CLI import exit codes', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const run = async (args: string[]) => {
    const out: string[] = [];
    const code = await runCli([...args, '--db', tmp.file('ws.sqlite')], { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, text: out.join('\n') };
  };

  it('exits 1 when every row is rejected, 0 when rows were imported', async () => {
    fs.writeFileSync(tmp.file('bad.csv'), '手机号码,姓名\n12345,张三\nabc,李四\n');
    const bad = await run(['import', tmp.file('bad.csv'), '--list', '全错']);
    expect(bad.code).toBe(1);
    expect(bad.text).toMatch(/拒绝 2 行/);
    fs.writeFileSync(tmp.file('good.csv'), '手机号码,姓名\n13812346886,张三\n12345,李四\n');
    const good = await run(['import', tmp.file('good.csv'), '--list', '一半']);
    expect(good.code).toBe(0);
    expect(good.text).toMatch(/导入 1 行/);
  });

  it('warns, with the first cell, of formulas the file holds no value for: they are imported empty (found by the CLI pass: a catalogue’s cost read as 0 without a word)', async () => {
    const fixture = new URL('../fixtures/worklists/openpyxl.xlsx', import.meta.url);
    fs.copyFileSync(fixture, tmp.file('openpyxl.xlsx'));
    const r = await run(['import', tmp.file('openpyxl.xlsx'), '--list', '公式没有值']);
    expect(r.code).toBe(0);
    // Said on the first one's row and column, counted once for the sheet.
    expect(r.text).toContain('警告 第 8 行 F 列（套餐月费(元)）：这个工作表有 3 个公式没有计算结果（第一个在 F8），按空白导入');
  });

  it('lists the warnings in row order, the checks over the whole sheet among the rows’ own (row 46 came before row 45; found by a new supervisor)', async () => {
    fs.writeFileSync(tmp.file('order.csv'), '手机号码,姓名,执行人,入网时间\n13812347001,张三,A999,\n13812347002,李四,,2026-02-30\n');
    const r = await run(['import', tmp.file('order.csv'), '--list', '警告顺序']);
    const rows = [...r.text.matchAll(/^ {2}警告 第 (\d+) 行/gmu)].map((m) => Number(m[1]));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  it('the due date, type and period given for the list win over the file’s own columns; an impossible due date is refused (--due was ignored, and 2026-02-30 stored; found by the second security pass)', async () => {
    fs.writeFileSync(tmp.file('due.csv'), '手机号码,姓名,截止日期,清单类型\n13812346901,张三,2026-12-22,周异动\n13812346902,李四,2026-12-22,周异动\n');
    const r = await run(['import', tmp.file('due.csv'), '--list', '截止日期以命令为准', '--due', '2026-12-31', '--type', 'contract_expiring']);
    expect(r.code).toBe(0);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(tmp.file('ws.sqlite'), { readonly: true });
    try {
      expect(db.prepare("SELECT due_date, list_type FROM work_lists WHERE name = '截止日期以命令为准'").get()).toEqual({ due_date: '2026-12-31', list_type: 'contract_expiring' });
      expect(db.prepare("SELECT DISTINCT t.due_date FROM tasks t JOIN list_members m ON m.task_id = t.id JOIN work_lists w ON w.id = m.list_id WHERE w.name = '截止日期以命令为准'").pluck().all()).toEqual(['2026-12-31']);
    } finally {
      db.close();
    }
    const impossible = await run(['import', tmp.file('due.csv'), '--list', '不存在的日期', '--due', '2026-02-30']);
    expect(impossible.code).not.toBe(0);
    expect(impossible.text).toContain('2026-02-30');
  });

  it('says what it did in the CLI’s language, Chinese by default, English with --lang en, around the rows’ messages in the same language (English lines around Chinese messages; found by a new supervisor)', async () => {
    fs.writeFileSync(tmp.file('mixed.csv'), '手机号码,姓名\n13812346891,张三\n12345,李四\n');
    const zh = await run(['import', tmp.file('mixed.csv'), '--list', '语言检查']);
    expect(zh.text.split('\n')[0]).toBe('mixed.csv：读取 2 行，导入 1 行到“语言检查”，拒绝 1 行，警告 0 条；新客户 1 个、更新 0 个，新任务 1 个，并入已有任务 0 个。');
    expect(zh.text).toMatch(/^ {2}拒绝 第 3 行 A 列（手机号码）：/mu);
    expect(zh.text).not.toMatch(/rows read|rejected row/);
    fs.writeFileSync(tmp.file('mixed2.csv'), '手机号码,姓名\n13812346892,张三\n12345,李四\n');
    const en = await run(['import', tmp.file('mixed2.csv'), '--list', 'language check', '--lang', 'en']);
    expect(en.text.split('\n')[0]).toBe('mixed2.csv: 2 rows read, 1 imported into “language check”, 1 rejected, 0 warnings; 1 new and 0 updated subscribers, 1 new task, 0 joined an open task.');
    expect(en.text).toMatch(/^ {2}rejected row 3 column A \(手机号码\): /mu);
    const again = await run(['import', tmp.file('mixed.csv'), '--list', '语言检查']);
    expect(again.text).toContain('mixed.csv：之前已导入过，没有任何改动。');
  });

  it('catalogue-import says a row’s column as import does, letter and header, and its changes with the language’s colon (第 3 行 D：, and NEW_FLOW 流量加油包: 新增; found by the supervisor pass)', async () => {
    fs.writeFileSync(tmp.file('offers.csv'), '政策编码,政策名称,类别,成本(元),渠道,是否启用\nNEW_FLOW,流量加油包,流量类,20,外呼,是\nBAD_COST,坏政策,流量类,abc,外呼,是\n');
    const zh = await run(['catalogue-import', 'offers', tmp.file('offers.csv'), '--dry-run']);
    expect(zh.text).toMatch(/^ {2}NEW_FLOW 流量加油包：新增$/mu);
    expect(zh.text).toMatch(/^ {2}拒绝 第 3 行 D 列（成本\(元\)）：/mu);
    const en = await run(['catalogue-import', 'offers', tmp.file('offers.csv'), '--dry-run', '--lang', 'en']);
    expect(en.text).toMatch(/^ {2}NEW_FLOW 流量加油包: new$/mu);
    expect(en.text).toMatch(/^ {2}rejected row 3 column D \(成本\(元\)\): /mu);
  });

  it('a file with headers and no row under them (the blank template) is refused with exit 1 and where the header is, not "0 imported into ," (found by a new supervisor)', async () => {
    fs.writeFileSync(tmp.file('headers.csv'), '手机号码,姓名,套餐\n');
    const empty = await run(['import', tmp.file('headers.csv')]);
    expect(empty.code).toBe(1);
    expect(empty.text).toContain('headers.csv：第 1 行的表头下面没有数据行，没有可导入的数据。');
    expect(empty.text).not.toMatch(/imported into/);
    const lists = await run(['import', tmp.file('headers.csv'), '--lang', 'en']);
    expect(lists.text).toContain('headers.csv: there are no rows under the header in row 1; nothing to import.');
  });

  it('says before importing that a list of that name and period exists and will be updated, or nearly duplicated (issue 15 #11)', async () => {
    fs.writeFileSync(tmp.file('nov.csv'), '手机号码,姓名\n13812346887,王五\n');
    const first = await run(['import', tmp.file('nov.csv'), '--list', '11月高危', '--period', '2026-11']);
    expect(first.text).not.toMatch(/已有(同名|名称)/u);
    fs.writeFileSync(tmp.file('nov2.csv'), '手机号码,姓名\n13812346887,王五\n13812346888,赵六\n');
    const again = await run(['import', tmp.file('nov2.csv'), '--list', '11月高危', '--period', '2026-11']);
    expect(again.code).toBe(0);
    expect(again.text).toMatch(/已有同名同期的清单“11月高危”（账期 2026-11，.* 导入，在办 1）。本次导入将作为它的新版本/u);
    const typo = await run(['import', tmp.file('nov2.csv'), '--list', '１１月高危', '--period', '2026-11', '--lang', 'en']);
    expect(typo.text).toMatch(/A list with almost the same name exists: “11月高危” \(period 2026-11\)/u);
  });
});
