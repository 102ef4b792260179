import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../core/api';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

// Another reader than ours: openpyxl (Debian's python3-openpyxl, which .ci/run installs; Debian's python3 first).
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
if (!python) console.warn('report-period: skipping the openpyxl read-back (apt-get install python3-openpyxl to run it)');

/** Every sheet as rows of values (dates as {date: iso}), with the bold state of each row's first cell. */
const DUMP = `
import openpyxl, json, sys, datetime
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        vals = []
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime): v = {"date": v.isoformat()}
            vals.append(v)
        rows.append({"values": vals, "bold": bool(row[0].font.b), "formats": [c.number_format for c in row], "wrap": [bool(c.alignment.wrap_text) for c in row]})
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    out[ws.title] = {"rows": rows, "filter": ws.auto_filter.ref, "widths": widths}
print(json.dumps(out, ensure_ascii=False))`;

type Cell = string | number | null | { date: string };
interface Dumped {
  rows: { values: Cell[]; bold: boolean; formats: string[]; wrap: boolean[] }[];
  filter: string | null;
  widths: Record<string, number>;
}

/**
 * Issue 18 #1: a month's (or any period's) result workbook, read back with openpyxl — its sheets say the period,
 * every summary sheet ends with a bold 合计 row whose counts are the column sums and whose rates come from those
 * sums, and a 说明 sheet defines the figures with the period's dates as date cells.
 */
describe.skipIf(!python)('period result workbook', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;
  const start = new Date(2026, 10, 1).toISOString();
  const end = new Date(2026, 11, 1).toISOString();

  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    db = new Database(tmp.file('ws.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });

  async function read(input: Record<string, unknown>): Promise<{ name: string; sheets: Record<string, Dumped> }> {
    const job = (await t.waitJob(await t.call('report-weekly', input))) as JobView;
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const r = job.result as { week: string; download: { token: string; name: string } };
    // openpyxl goes by the extension; the staged download has its own.
    const file = tmp.file(`read-${r.download.token}.xlsx`);
    fs.copyFileSync(t.backend.files.get(r.download.token).path, file);
    const out = spawnSync(python!, ['-c', DUMP, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(out.stderr).toBe('');
    return { name: r.download.name, sheets: JSON.parse(out.stdout) as Record<string, Dumped> };
  }

  /** The header, the data rows (above the first total), the total rows (bold) and the note rows after them. */
  function parts(sheet: Dumped, totalLabelColumn = 0) {
    const [header, ...body] = sheet.rows;
    const firstTotal = body.findIndex((r) => r.values[totalLabelColumn] === '合计' || r.values[totalLabelColumn] === 'Total');
    expect(firstTotal, 'a 合计 row').toBeGreaterThanOrEqual(0);
    const data = body.slice(0, firstTotal);
    const totals = body.slice(firstTotal).filter((r) => r.bold);
    const col = (name: string) => header!.values.indexOf(name);
    return { header: header!.values as string[], data, totals, col };
  }
  /** The definitions wrap in a column of bounded width (long ones read as a paragraph, not one line off the page). */
  function expectReadableNotes(notes: Dumped) {
    const definitions = notes.rows.slice(1).filter((r) => typeof r.values[1] === 'string');
    expect(definitions.some((r) => (r.values[1] as string).length > 60)).toBe(true);
    for (const r of definitions) expect(r.wrap[1], String(r.values[0])).toBe(true);
    expect(notes.widths['B']).toBeGreaterThanOrEqual(40);
    expect(notes.widths['B']).toBeLessThanOrEqual(62);
    expect(notes.widths['A']).toBeLessThanOrEqual(40);
  }
  const sum = (rows: { values: Cell[] }[], c: number) => rows.reduce((n, r) => n + ((r.values[c] as number | null) ?? 0), 0);

  it('a month: the file and the sheets say the period; 合计 rows sum their columns and recompute the rates; 说明 defines the figures', async () => {
    const { name, sheets } = await read({ period: { kind: 'month', from: '2026-11-01' } });
    expect(name).toBe('维系报表-2026-11.xlsx');
    expect(Object.keys(sheets)).toEqual(['按清单汇总', '按坐席', '按原因', '按政策', '反馈与经验', '任务明细', '说明']);

    // By list: counts summed, rates from the sums, 本期 / 上期 instead of 本周 / 上周.
    const lists = parts(sheets['按清单汇总']!);
    expect(lists.header).toContain('本期新增接通');
    expect(lists.header).toContain('上期接通率');
    expect(lists.header.some((h) => h.includes('本周') || h.includes('上周'))).toBe(false);
    expect(lists.data.length).toBeGreaterThan(1);
    // 合计 (the lists added up), then every task once: the figures the Progress page shows.
    expect(lists.totals.map((r) => r.values[0])).toEqual(['合计', '全部任务（不重复）']);
    const dashboard = await t.call('dashboard-get', { period: { kind: 'month', from: '2026-11-01' } });
    const distinct = lists.totals[1]!;
    expect(['下发', '接通', '成功'].map((h) => distinct.values[lists.col(h)])).toEqual([dashboard.totals.now.issued, dashboard.totals.now.reached, dashboard.totals.now.success]);
    const total = lists.totals[0]!;
    expect(total.bold).toBe(true);
    for (const h of ['下发', '接通', '成功', '本期新增接通', '本期新增成功']) expect(total.values[lists.col(h)], h).toBe(sum(lists.data, lists.col(h)));
    const [issued, reached, success] = ['下发', '接通', '成功'].map((h) => total.values[lists.col(h)] as number);
    expect(total.values[lists.col('接通率')]).toBeCloseTo(reached! / issued!, 12);
    expect(total.values[lists.col('成功率')]).toBeCloseTo(success! / issued!, 12);
    expect(total.formats[lists.col('接通率')]).toBe('0.0%');
    // The rate is not the average of the lists' rates (the lists differ in size).
    const mean = sum(lists.data, lists.col('接通率')) / lists.data.length;
    expect(Math.abs((total.values[lists.col('接通率')] as number) - mean)).toBeGreaterThan(1e-9);
    // The filter covers the data, not the total, so sorting leaves the total last.
    expect(sheets['按清单汇总']!.filter).toBe(`A1:U${lists.data.length + 1}`);
    // What the successes kept (issue 17 #4, issue 18 #3): judged and kept summed, 在网率 as a rate.
    for (const h of ['3个月已判定', '3个月在网']) expect(total.values[lists.col(h)], h).toBe(sum(lists.data, lists.col(h)));
    expect(lists.header).toEqual(expect.arrayContaining(['在网率', '成功前ARPU合计', '成功后ARPU合计']));
    // Due dates are date cells.
    expect(lists.data.some((r) => typeof r.values[lists.col('截止日期')] === 'object' && r.values[lists.col('截止日期')] !== null)).toBe(true);
    // The note under it says why the total differs from the agents'.
    expect(sheets['按清单汇总']!.rows.at(-1)!.values[0]).toMatch(/^注：.*按坐席/);

    // By list, cumulative to the month's end, checked in SQL: the total issued is the list memberships created before the end.
    const memberships = db.prepare('SELECT count(*) FROM list_members m JOIN tasks t ON t.id = m.task_id JOIN work_lists w ON w.id = m.list_id WHERE t.created_at < ? AND w.imported_at < ? AND (w.due_date IS NULL OR w.due_date >= ?)').pluck().get(end, end, '2026-11-01') as number;
    expect(issued).toBe(memberships);

    // By agent: the month's attempts, summed; the total's attempts are every attempt in the month.
    const agents = parts(sheets['按坐席']!);
    const agentTotal = agents.totals[0]!;
    for (const h of ['负责任务', '接触任务', '接触次数', '接通', '成功', '待回访', '3个月已判定', '3个月在网']) expect(agentTotal.values[agents.col(h)], h).toBe(sum(agents.data, agents.col(h)));
    const attempts = db.prepare('SELECT count(*) FROM attempts WHERE at >= ? AND at < ?').pluck().get(start, end) as number;
    expect(agentTotal.values[agents.col('接触次数')]).toBe(attempts);
    // 接通率 is of the tasks tried (the period's reach, as the dashboard's 本期接通率), 成功率 of the tasks assigned: the
    // agents' 接通率 was of their assigned tasks (25 % beside the dashboard's 57 %, found handing a report upward).
    expect(agentTotal.values[agents.col('接通率')]).toBeCloseTo((agentTotal.values[agents.col('接通')] as number) / (agentTotal.values[agents.col('接触任务')] as number), 12);
    expect(agentTotal.values[agents.col('成功率')]).toBeCloseTo((agentTotal.values[agents.col('成功')] as number) / (agentTotal.values[agents.col('负责任务')] as number), 12);

    // By reason: a total per kind, each the sum of its kind's counts with a share of 100 %.
    const reasons = parts(sheets['按原因']!, 1);
    const kinds = [...new Set(reasons.data.map((r) => r.values[0]))];
    expect(reasons.totals.map((r) => r.values[0])).toEqual(kinds);
    for (const tr of reasons.totals) {
      expect(tr.values[2]).toBe(sum(reasons.data.filter((r) => r.values[0] === tr.values[0]), 2));
      expect(tr.values[3]).toBe(1);
    }
    const declines = db.prepare("SELECT count(*) FROM attempts WHERE at >= ? AND at < ? AND disposition = 'declined' AND reason IS NOT NULL").pluck().get(start, end) as number;
    expect(reasons.totals.find((r) => r.values[0] === '拒绝原因')!.values[2]).toBe(declines);

    // By offer: accepted summed, acceptance recomputed, cost summed.
    const offers = parts(sheets['按政策']!);
    const offerTotal = offers.totals[0]!;
    expect(offerTotal.values[offers.col('接受')]).toBe(sum(offers.data, offers.col('接受')));
    expect(offerTotal.values[offers.col('接受率')]).toBeCloseTo((offerTotal.values[offers.col('接受')] as number) / (offerTotal.values[offers.col('推荐次数')] as number), 12);
    expect(offerTotal.values[offers.col('成本(元)')]).toBeCloseTo(sum(offers.data, offers.col('成本(元)')), 6);

    // 说明: the period with its dates as date cells, the time zone, when it was made, and the definitions.
    const notes = sheets['说明']!.rows.map((r) => r.values);
    const item = (label: string) => notes.find((r) => r[0] === label)?.[1];
    expect(item('报表期间')).toBe('2026-11（月）');
    expect(item('开始日期')).toEqual({ date: '2026-11-01T00:00:00' });
    expect(item('结束日期（含）')).toEqual({ date: '2026-11-30T00:00:00' });
    expect(item('生成时间')).toHaveProperty('date');
    expect(String(item('时区'))).toContain(Intl.DateTimeFormat().resolvedOptions().timeZone);
    for (const label of ['下发', '接通', '成功', '接通率（累计）', '本期接通率（按坐席的接通率）', '接触次数', '3个月已判定 / 3个月在网', '在网率', '成功前 / 成功后 ARPU 合计', '合计', '按清单与按坐席的合计为何不同']) expect(item(label), label).toBeTruthy();
    expectReadableNotes(sheets['说明']!);
  });

  it('in English, a quarter and a range: named by their labels, the notes in English; a week keeps the weekly names', async () => {
    const quarter = await read({ period: { kind: 'quarter', from: '2026-10-01' }, locale: 'en' });
    expect(quarter.name).toBe('results-2026-Q4.xlsx');
    expect(Object.keys(quarter.sheets).at(-1)).toBe('Notes');
    expect(parts(quarter.sheets['By work list']!).header).toContain('Reached this period');
    expect(parts(quarter.sheets['By agent']!).totals[0]!.values[0]).toBe('Total');
    expect(quarter.sheets['Notes']!.rows.find((r) => r.values[0] === 'Period')!.values[1]).toBe('2026-Q4 (quarter)');
    expectReadableNotes(quarter.sheets['Notes']!);
    const range = await read({ period: { kind: 'range', from: '2026-11-01', to: '2026-11-20' } });
    expect(range.name).toBe('维系报表-2026-11-01~2026-11-20.xlsx');
    const week = await read({ period: { kind: 'week', from: '2026-11-18' } });
    expect(week.name).toBe('维系周报-2026-W47.xlsx');
    expect(parts(week.sheets['按清单汇总']!).header).toContain('本周新增接通');
    await expect(t.call('report-weekly', { period: { kind: 'range', from: '2025-01-01', to: '2026-11-20' } })).rejects.toThrow(/at most 366/);
  });
});
