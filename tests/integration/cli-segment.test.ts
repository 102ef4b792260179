import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoWorkspaceForCli, runCliOn } from '../support/cli';

/** Issue 17 #1: `segment count --where JSON` prints how many stored customers a condition selects, and the split. */
describe('CLI segment count', () => {
  const { db } = demoWorkspaceForCli();
  const run = (args: string[]) => runCliOn(db, args);
  const sql = (q: string) => {
    const d = new Database(db, { readonly: true });
    try {
      return d.prepare(q).pluck().get() as number;
    } finally {
      d.close();
    }
  };

  it('prints the count and the split by level and hall; --json gives the data, masked', async () => {
    const high = sql("SELECT count(*) FROM subscriber_scores WHERE level = 'high'");
    const total = sql('SELECT count(*) FROM subscribers');
    const human = await run(['segment', 'count', '--where', '[{"field":"risk_level","op":"in","value":["high"]}]', '--lang', 'en']);
    expect(human.err).toBe('');
    expect(human.code).toBe(0);
    expect(human.out.split('\n')[0]).toBe(`${high.toLocaleString('en')} of ${total.toLocaleString('en')} customers`);
    expect(human.out).toMatch(new RegExp(`^by level: \\S.* ${high.toLocaleString('en')}$`, 'm'));
    expect(human.out).toMatch(/^by hall: /m);
    // Chinese unless --lang en (it was English only).
    const zh = await run(['segment', 'count', '--where', '[{"field":"risk_level","op":"in","value":["high"]}]']);
    expect(zh.code).toBe(0);
    expect(zh.out.split('\n')[0]).toBe(`选中 ${high.toLocaleString('en')} 位客户（在库共 ${total.toLocaleString('en')} 位）`);
    expect(zh.out).toMatch(new RegExp(`^按风险等级：高危 ${high.toLocaleString('en')}$`, 'mu'));
    expect(zh.out).toMatch(/^按营业厅：\S+ [\d,]+(、\S+ [\d,]+)*(、其他营业厅 [\d,]+)?$/mu);
    const json = await run(['segment', 'count', '--where', '{"all":[{"field":"risk_level","op":"in","value":["high"]}]}', '--json']);
    expect(json.code).toBe(0);
    const data = JSON.parse(json.out) as { count: number; sample: { msisdnMasked: string }[] };
    expect(data.count).toBe(high);
    for (const s of data.sample) expect(s.msisdnMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('a column the workspace lacks is named on stderr and counts nobody; bad JSON and a bad condition are refused', async () => {
    const absent = await run(['segment', 'count', '--where', '[{"column":"有车一族","op":"=","value":true}]']);
    expect(absent.code).toBe(0);
    expect(absent.out.split('\n')[0]).toMatch(/^选中 0 位客户（在库共 [\d,]+ 位）$/u);
    expect(absent.err).toContain('有车一族');
    const notJson = await run(['segment', 'count', '--where', '[{']);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('--where 不是 JSON');
    const bad = await run(['segment', 'count', '--where', '[{"field":"有车一族","op":"=","value":true}]']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('客户群条件第 1 条（all[0]）');
  });
});
