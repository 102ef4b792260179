import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { demoWorkspaceForCli, runCliOn } from '../support/cli';

/** Issue 18 #1: `report period --from D --to D --out FILE` writes the result workbook of any period. */
describe('CLI report', () => {
  const { db, tmp } = demoWorkspaceForCli();
  const run = (args: string[]) => runCliOn(db, args);

  it('a month given by its dates is reported as the month: its label, its sheets with totals and notes', async () => {
    const file = tmp.file('out/month.xlsx');
    const r = await run(['report', 'period', '--from', '2026-11-01', '--to', '2026-11-30', '--out', file, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ week: '2026-11', out: file });
    const wb = XLSX.read(fs.readFileSync(file));
    expect(wb.SheetNames).toEqual(['按清单汇总', '按坐席', '按原因', '按政策', '反馈与经验', '任务明细', '说明']);
    const agents = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['按坐席']!, { header: 1 });
    expect(agents.some((row) => row[0] === '合计')).toBe(true);
    expect((JSON.parse(r.out) as { attempts: number }).attempts).toBeGreaterThan(0);
  });

  it('a month, quarter or week is given by its name, as the help says (--from 2026-12 was refused as no date; found by a new supervisor)', async () => {
    for (const [name, label] of [['2026-11', '2026-11'], ['2026-Q4', '2026-Q4'], ['2026-W47', '2026-W47']] as const) {
      const r = await run(['report', 'period', '--from', name, '--out', tmp.file(`named-${name}.xlsx`), '--json']);
      expect(r.err, name).toBe('');
      expect(JSON.parse(r.out), name).toMatchObject({ week: label });
    }
    const notAName = await run(['report', 'period', '--from', '2026-13', '--out', tmp.file('x.xlsx')]);
    expect(notAName.err).toBe('invalid-input: 不是有效的日期：2026-13（例如 2026-11-03）');
  });

  it('any other dates are a range, in English with --lang en; the weekly report still works', async () => {
    const range = await run(['report', 'period', '--from', '2026-11-02', '--to', '2026-11-20', '--out', tmp.file('range.xlsx'), '--lang', 'en']);
    expect(range.code).toBe(0);
    expect(range.out).toMatch(/^Results 2026-11-02~2026-11-20: [\d,]+ lists, [\d,]+ agents, [\d,]+ tasks, [\d,]+ attempts in the period → /);
    expect(XLSX.read(fs.readFileSync(tmp.file('range.xlsx'))).SheetNames.at(-1)).toBe('Notes');
    const weekly = await run(['report', 'weekly', '--week', '2026-W47', '--out', tmp.file('week.xlsx')]);
    expect(weekly.code).toBe(0);
    expect(weekly.out).toMatch(/^周结果 2026-W47：[\d,]+ 个清单、[\d,]+ 位坐席、[\d,]+ 个任务、本周 [\d,]+ 次接触 → /);
  });

  it('bad dates are refused in the CLI language with what is wrong; missing options are a usage error', async () => {
    const reversed = await run(['report', 'period', '--from', '2026-11-20', '--to', '2026-11-01', '--out', tmp.file('x.xlsx')]);
    expect(reversed.code).toBe(1);
    expect(reversed.err).toBe('invalid-input: 开始日期 2026-11-20 晚于结束日期 2026-11-01。');
    const notADate = await run(['report', 'period', '--from', '2026-02-30', '--to', '2026-03-01', '--out', tmp.file('x.xlsx'), '--lang', 'en']);
    expect(notADate.err).toBe('invalid-input: Not a date: 2026-02-30 (e.g. 2026-11-03).');
    expect(fs.existsSync(tmp.file('x.xlsx'))).toBe(false);
    const missing = await run(['report', 'period', '--from', '2026-11-01', '--out', tmp.file('x.xlsx')]);
    expect(missing.code).toBe(2);
    // Said in the CLI's language, Chinese unless --lang en, as its other lines.
    expect(missing.err).toBe('report period 需要 --from YYYY-MM-DD、--to YYYY-MM-DD（或只用 --from 2026-11、2026-Q4、2026-W47）和 --out FILE.xlsx\n\n运行 "retention-desk --help" 查看命令。');
    const missingEn = await run(['report', 'period', '--from', '2026-11-01', '--out', tmp.file('x.xlsx'), '--lang', 'en']);
    expect(missingEn.err).toMatch(/report period needs --from YYYY-MM-DD, --to YYYY-MM-DD \(or --from 2026-11, 2026-Q4 or 2026-W47 alone\) and --out FILE\.xlsx[\s\S]*--help --lang en/);
  });

  it('a date that is not one, an option not known and an option without its value are said in the CLI’s language', async () => {
    // zod's English ("period.to：Invalid string: must match pattern …") and Node's ("Unknown option '--foo'") were printed as they were.
    const text = await run(['report', 'period', '--from', '2026-11-01', '--to', 'x', '--out', tmp.file('x.xlsx')]);
    expect(text.code).toBe(1);
    expect(text.err).toBe('invalid-input: 不是有效的日期：x（例如 2026-11-03）');
    const unknown = await run(['purge', '--dry-run', '--foo']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('不认识的选项 --foo\n\n运行 "retention-desk --help" 查看命令。');
    const unknownEn = await run(['purge', '--dry-run', '--foo', '--lang', 'en']);
    expect(unknownEn.err).toBe('Unknown option --foo\n\nRun "retention-desk --help --lang en" for the commands.');
    const noValue = await run(['report', 'period', '--from', '2026-11-01', '--to', '2026-11-02', '--out']);
    expect(noValue.code).toBe(2);
    expect(noValue.err).toBe('选项 --out 后面要写它的值\n\n运行 "retention-desk --help" 查看命令。');
  });
});
