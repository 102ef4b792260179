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
    expect(bad.text).toMatch(/2 rejected/);
    fs.writeFileSync(tmp.file('good.csv'), '手机号码,姓名\n13812346886,张三\n12345,李四\n');
    const good = await run(['import', tmp.file('good.csv'), '--list', '一半']);
    expect(good.code).toBe(0);
    expect(good.text).toMatch(/1 imported/);
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
    expect(first.text).not.toMatch(/已有/u);
    fs.writeFileSync(tmp.file('nov2.csv'), '手机号码,姓名\n13812346887,王五\n13812346888,赵六\n');
    const again = await run(['import', tmp.file('nov2.csv'), '--list', '11月高危', '--period', '2026-11']);
    expect(again.code).toBe(0);
    expect(again.text).toMatch(/已有同名同期的清单“11月高危”（账期 2026-11，.* 导入，在办 1）。本次导入将作为它的新版本/u);
    const typo = await run(['import', tmp.file('nov2.csv'), '--list', '１１月高危', '--period', '2026-11', '--lang', 'en']);
    expect(typo.text).toMatch(/A list with almost the same name exists: “11月高危” \(period 2026-11\)/u);
  });
});
