import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutput } from '../../core/api';
import { runCli } from '../../electron/cli';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

// Another reader than ours: openpyxl (Debian's python3-openpyxl, which .ci/run installs; Debian's python3 first).
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
if (!python) console.warn('analysis: skipping the openpyxl read-back (apt-get install python3-openpyxl to run it)');

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
        rows.append({"values": vals, "bold": bool(row[0].font.b), "formats": [c.number_format for c in row], "wrap": [bool(c.alignment.wrap_text) for c in row], "width": [ws.column_dimensions[c.column_letter].width for c in row]})
    out[ws.title] = rows
print(json.dumps(out, ensure_ascii=False))`;
type Cell = string | number | null | { date: string };

type View = OperationOutput<'analysis-get'>;

/**
 * Issue 18 #2 on the demo workspace: every figure of `analysis-get` against SQL written here independently of
 * db/analysis.ts, the drill-down from a county to its halls and a hall's agents, and `report analysis` read back.
 */
describe('analysis reports', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;

  beforeAll(async () => {
    t = testBackend({ dbPath, demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    // The demo's customers are all still with us: some churn, as a later import would say, in October and November.
    const w = new Database(dbPath);
    w.exec(`UPDATE subscribers SET churned = 1, churn_date = '2026-11-05' WHERE msisdn % 37 = 0;
            UPDATE subscribers SET churned = 1, churn_date = '2026-10-20' WHERE msisdn % 41 = 0 AND churn_date IS NULL;
            UPDATE subscribers SET churned = 1 WHERE msisdn % 43 = 0 AND churn_date IS NULL;`);
    // Some customers on a second list of their list's type, and on a list of another type.
    const first = w.prepare('SELECT id, list_type FROM work_lists ORDER BY id LIMIT 1').get() as { id: number; list_type: string };
    const addList = (name: string, type: string, offset: number) => {
      const id = Number(w.prepare("INSERT INTO work_lists (name, list_type, imported_at) VALUES (?, ?, '2026-11-20T00:00:00.000Z')").run(name, type).lastInsertRowid);
      w.prepare('INSERT INTO list_members (list_id, msisdn) SELECT ?, msisdn FROM list_members WHERE list_id = ? ORDER BY msisdn LIMIT 40 OFFSET ?').run(id, first.id, offset);
    };
    addList('同类第二清单', first.list_type, 0);
    addList('另一类清单', first.list_type === 'contract_expiring' ? 'weekly_anomaly' : 'contract_expiring', 20);
    // Customers no file says have left, whom an agent logged as 已离网: churned, on the day it was logged.
    const told = w.prepare("SELECT msisdn FROM subscribers WHERE coalesce(churned, 0) = 0 AND churn_date IS NULL ORDER BY msisdn LIMIT 3").pluck().all() as number[];
    w.close();
    for (const msisdn of told) await t.call('attempt-log', { msisdn: String(msisdn), channel: 'phone', disposition: 'churned', reason: 'network', competitor: 'unicom' });
    db = new Database(dbPath, { readonly: true });
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });

  const flag: Record<string, string> = {
    suspension: "(coalesce(suspended_days, 0) > 0 OR (status IS NOT NULL AND trim(status) <> '' AND status <> '正常'))",
    forwarding: 'forward_offnet = 1',
    // A file's 是否离网 or 离网日期, or an agent's 已离网 (found by a new phone agent: the report counted 0 while agents logged churns).
    churnAny: "(churned = 1 OR churn_date IS NOT NULL OR msisdn IN (SELECT msisdn FROM attempts WHERE disposition = 'churned'))",
    predicted:
      "(coalesce(churned, 0) = 0 AND churn_date IS NULL AND msisdn NOT IN (SELECT msisdn FROM attempts WHERE disposition = 'churned') AND msisdn IN (SELECT msisdn FROM subscriber_scores WHERE level = 'high' OR p_churn >= 0.5))",
  };
  /** Customers and matching customers per county, straight from the table. */
  const byCounty = (where: string) =>
    Object.fromEntries(
      (db.prepare(`SELECT county, count(*) AS n, sum(CASE WHEN ${where} THEN 1 ELSE 0 END) AS k FROM subscribers GROUP BY county`).all() as { county: string | null; n: number; k: number }[]).map(
        (r) => [r.county ?? '∅', [r.n, r.k]],
      ),
    );
  const rowsOf = (v: View) => Object.fromEntries(v.rows.map((r) => [r.group ?? '∅', [r.customers, r.count]]));

  it('the demo has something to count: suspended, forwarding, churned and predicted customers in several counties', () => {
    const n = (w: string) => db.prepare(`SELECT count(*) FROM subscribers WHERE ${w}`).pluck().get() as number;
    expect(n(flag.suspension!)).toBeGreaterThan(0);
    expect(n(flag.forwarding!)).toBeGreaterThan(0);
    expect(n(flag.churnAny!)).toBeGreaterThan(0);
    expect(n(flag.predicted!)).toBeGreaterThan(0);
    expect(Object.keys(byCounty('1')).length).toBeGreaterThan(1);
  });

  it('by county, each kind matches the SQL counts, with shares and a total of every customer', async () => {
    const customers = db.prepare('SELECT count(*) FROM subscribers').pluck().get() as number;
    for (const [kind, where] of [['suspension', flag.suspension], ['forwarding', flag.forwarding], ['predicted', flag.predicted], ['churn', flag.churnAny]] as const) {
      const v = await t.call('analysis-get', { kind, by: 'county' });
      expect(rowsOf(v), kind).toEqual(byCounty(where!));
      for (const r of v.rows) expect(r.share).toBeCloseTo(r.count / r.customers, 12);
      expect(v.total.customers).toBe(customers);
      expect(v.total.count).toBe(v.rows.reduce((s, r) => s + r.count, 0));
      // No stored history of these flags (and churn without a period): said, not invented.
      expect(v.history).toBe(kind === 'churn' ? 'no-period' : 'no-history');
      expect(v.total.change).toBeNull();
    }
  });

  it('churn within a month is compared with the month before, by churn date', async () => {
    const month = '2026-11';
    const v = await t.call('analysis-get', { kind: 'churn', by: 'county', period: { kind: 'month', from: `${month}-01` } });
    expect(v.history).toBe('period');
    const prev = '2026-10';
    expect(v.period?.previous.label).toBe(prev);
    const churnDay = "coalesce(substr(churn_date, 1, 10), (SELECT date(min(a.at), 'localtime') FROM attempts a WHERE a.msisdn = s.msisdn AND a.disposition = 'churned'))";
    const count = (mm: string) => db.prepare(`SELECT count(*) FROM subscribers s WHERE substr(${churnDay}, 1, 7) = ?`).pluck().get(mm) as number;
    expect(v.total.count).toBe(count(month));
    expect(v.total.previous).toBe(count(prev));
    expect(v.total.change).toBe(count(month) - count(prev));
    expect(count(month)).toBeGreaterThan(0);
    expect(count(month)).not.toBe(count(prev));
    for (const r of v.rows) {
      const inCounty = (mm: string) => db.prepare(`SELECT count(*) FROM subscribers s WHERE substr(${churnDay}, 1, 7) = ? AND county IS ?`).pluck().get(mm, r.group) as number;
      expect([r.count, r.previous]).toEqual([inCounty(month), inCounty(prev)]);
    }
  });

  it('drills from the largest county into its halls, then into a hall’s agents (latest task’s agent)', async () => {
    const counties = await t.call('analysis-get', { kind: 'suspension', by: 'county' });
    const county = counties.rows.find((r) => r.group !== null)!;
    const halls = await t.call('analysis-get', { kind: 'suspension', by: 'hall', drill: { county: county.group } });
    const sqlHalls = Object.fromEntries(
      (db.prepare(`SELECT hall, count(*) AS n, sum(CASE WHEN ${flag.suspension} THEN 1 ELSE 0 END) AS k FROM subscribers WHERE county = ? GROUP BY hall`).all(county.group) as { hall: string | null; n: number; k: number }[]).map((r) => [r.hall ?? '∅', [r.n, r.k]]),
    );
    expect(rowsOf(halls)).toEqual(sqlHalls);
    expect(halls.total).toMatchObject({ customers: county.customers, count: county.count });
    const hall = halls.rows.find((r) => r.group !== null)!;
    const agents = await t.call('analysis-get', { kind: 'suspension', by: 'agent', drill: { county: county.group, hall: hall.group } });
    const sqlAgents = Object.fromEntries(
      (
        db
          .prepare(
            `SELECT (SELECT agent_id FROM tasks t WHERE t.msisdn = s.msisdn ORDER BY created_at DESC, id DESC LIMIT 1) AS agent, count(*) AS n,
                    sum(CASE WHEN ${flag.suspension} THEN 1 ELSE 0 END) AS k
               FROM subscribers s WHERE county = ? AND hall = ? GROUP BY agent`,
          )
          .all(county.group, hall.group) as { agent: string | null; n: number; k: number }[]
      ).map((r) => [r.agent ?? '∅', [r.n, r.k]]),
    );
    expect(rowsOf(agents)).toEqual(sqlAgents);
    expect(agents.total).toMatchObject({ customers: hall.customers, count: hall.count });
  });

  it('by list type, customers on lists of each type, each once per type', async () => {
    const v = await t.call('analysis-get', { kind: 'forwarding', by: 'listType' });
    const sql = Object.fromEntries(
      (
        db
          .prepare(
            `SELECT w.list_type AS type, count(DISTINCT s.msisdn) AS n, count(DISTINCT CASE WHEN s.forward_offnet = 1 THEN s.msisdn END) AS k
               FROM list_members lm JOIN work_lists w ON w.id = lm.list_id JOIN subscribers s ON s.msisdn = lm.msisdn GROUP BY w.list_type`,
          )
          .all() as { type: string; n: number; k: number }[]
      ).map((r) => [r.type, [r.n, r.k]]),
    );
    expect(rowsOf(v)).toEqual(sql);
    // Not vacuous: customers on lists of two types, and on two lists of one type (each counted once per type).
    const customersWith = (having: string) =>
      db.prepare(`SELECT count(*) FROM (SELECT lm.msisdn FROM list_members lm JOIN work_lists w ON w.id = lm.list_id GROUP BY lm.msisdn HAVING ${having})`).pluck().get() as number;
    expect(customersWith('count(DISTINCT w.list_type) > 1')).toBeGreaterThan(0);
    expect(customersWith('count(*) > count(DISTINCT w.list_type)')).toBeGreaterThan(0);
  });

  it('another view of the same moment is read from the cells kept, and a change made elsewhere shows in the next view', async () => {
    const before = await t.call('analysis-get', { kind: 'suspension', by: 'county' });
    // Views of one moment agree: a county's halls add up to the county (kept cells; at a million, no new scan).
    const county = before.rows[0]!;
    const halls = await t.call('analysis-get', { kind: 'suspension', by: 'hall', drill: { county: county.group } });
    expect(halls.total.count).toBe(county.count);
    // Another connection (an import, a recompute) suspends a customer of that county who was not.
    const w = new Database(dbPath);
    const one = w
      .prepare(`SELECT msisdn FROM subscribers WHERE county IS ? AND NOT ${flag.suspension} LIMIT 1`)
      .pluck()
      .get(county.group) as number;
    w.prepare('UPDATE subscribers SET suspended_days = 9 WHERE msisdn = ?').run(one);
    w.close();
    const after = await t.call('analysis-get', { kind: 'suspension', by: 'county' });
    expect(after.rows.find((r) => r.group === county.group)!.count).toBe(county.count + 1);
    expect(after.total.count).toBe(before.total.count + 1);
  });

  it('refuses an unknown kind or grouping', async () => {
    await expect(t.call('analysis-get', { kind: 'nonsense', by: 'county' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(t.call('analysis-get', { kind: 'churn', by: 'planet' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it.skipIf(!python)('report analysis writes a workbook: rows, a bold 合计 row summing them, the history note, notes with date cells', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const run = (args: string[]) => runCli([...args, '--db', dbPath], { out: (l) => out.push(l), err: (l) => err.push(l) });
    const file = tmp.file('out/suspension.xlsx');
    const expected = await t.call('analysis-get', { kind: 'suspension', by: 'tier' });
    expect(await run(['report', 'analysis', '--kind', 'suspension', '--by', 'tier', '--out', file, '--json'])).toBe(0);
    expect(err.join('\n')).toBe('');
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ kind: 'suspension', by: 'tier', out: file });
    const sheets = JSON.parse(spawnSync(python!, ['-c', DUMP, file], { encoding: 'utf8' }).stdout) as Record<string, { values: Cell[]; bold: boolean; formats: string[]; wrap: boolean[]; width: number[] }[]>;
    const [name, notes] = Object.keys(sheets);
    expect(name).toBe('停机-按客户级别');
    expect(notes).toBe('说明');
    const rows = sheets[name!]!;
    expect(rows[0]!.values).toEqual(['客户级别', '客户数', '停机', '占比']);
    // Each header keeps room beside its filter button (停机 sat hidden under it in a column 6 wide).
    for (const [c, header] of ['客户级别', '客户数', '停机', '占比'].entries()) expect(rows[0]!.width[c], header).toBeGreaterThanOrEqual(header.length * 2 + 3);
    const data = rows.slice(1, 1 + expected.rows.length);
    expect(data.map((r) => r.values[2])).toEqual(expected.rows.map((r) => r.count));
    const total = rows[1 + expected.rows.length]!;
    expect(total.values[0]).toBe('合计');
    expect(total.bold).toBe(true);
    expect(total.values[1]).toBe(data.reduce((s, r) => s + (r.values[1] as number), 0));
    expect(total.values[2]).toBe(data.reduce((s, r) => s + (r.values[2] as number), 0));
    expect(total.formats[3]).toBe('0.0%');
    expect(rows.slice(2 + expected.rows.length).some((r) => String(r.values[0]).startsWith('无历史数据'))).toBe(true);

    // Churn in a month: the period's dates are date cells, and the change columns are there.
    const churnFile = tmp.file('out/churn.xlsx');
    expect(await run(['report', 'analysis', '--kind', 'churn', '--by', 'county', '--from', '2026-11-01', '--to', '2026-11-30', '--out', churnFile, '--lang', 'en'])).toBe(0);
    const churn = JSON.parse(spawnSync(python!, ['-c', DUMP, churnFile], { encoding: 'utf8' }).stdout) as typeof sheets;
    expect(churn['Churn by County']![0]!.values).toEqual(['County', 'Customers', 'Churn', 'Share', 'Period before', 'Change']);
    const first = churn['Notes']!.find((r) => r.values[0] === 'First day')!;
    expect(first.values[1]).toEqual({ date: '2026-11-01T00:00:00' });
    // The definitions wrap in a column of bounded width.
    const definitions = churn['Notes']!.slice(1).filter((r) => typeof r.values[1] === 'string');
    expect(definitions.some((r) => (r.values[1] as string).length > 60)).toBe(true);
    for (const r of definitions) {
      expect(r.wrap[1], String(r.values[0])).toBe(true);
      expect(r.width[1]).toBeLessThanOrEqual(62);
    }

    expect(await run(['report', 'analysis', '--kind', 'suspension', '--by', 'galaxy', '--out', file])).toBe(2);
    // Each workbook handed upward is audited, with what it was.
    const audited = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'analysis-export' ORDER BY id").all() as { target: string; detail: string }[];
    expect(audited.map((a) => a.target)).toEqual(['suspension/tier', 'churn/county']);
    expect(JSON.parse(audited[1]!.detail)).toMatchObject({ period: '2026-11', locale: 'en' });
  });

  it.skipIf(!python)('report analysis --kind all: the four kinds of one drill-down in one workbook, each its own sheet, one notes sheet', async () => {
    const out: string[] = [];
    const run = (args: string[]) => runCli([...args, '--db', dbPath], { out: (l) => out.push(l), err: (l) => out.push(l) });
    const county = (await t.call('analysis-get', { kind: 'suspension', by: 'county' })).rows[0]!.group!;
    const file = tmp.file('out/all.xlsx');
    expect(await run(['report', 'analysis', '--kind', 'all', '--by', 'hall', '--county', county, '--from', '2026-11-01', '--to', '2026-11-30', '--out', file])).toBe(0);
    const sheets = JSON.parse(spawnSync(python!, ['-c', DUMP, file], { encoding: 'utf8' }).stdout) as Record<string, { values: Cell[] }[]>;
    expect(Object.keys(sheets)).toEqual(['停机-按营业厅', '呼转异网-按营业厅', '离网-按营业厅', '预测离网-按营业厅', '说明']);
    const kinds = ['suspension', 'forwarding', 'churn', 'predicted'] as const;
    for (const [i, kind] of kinds.entries()) {
      const view = await t.call('analysis-get', { kind, by: 'hall', drill: { county }, period: { kind: 'month', from: '2026-11-01', to: '2026-11-30' } });
      const rows = Object.values(sheets)[i]!;
      // Each sheet is that kind's view: its groups and counts, its total, and the change columns for churn only.
      expect(rows[0]!.values.length, kind).toBe(kind === 'churn' ? 6 : 4);
      expect(rows.slice(1, 1 + view.rows.length).map((r) => [r.values[0], r.values[2]]), kind).toEqual(view.rows.map((r) => [r.group, r.count]));
      expect(rows[1 + view.rows.length]!.values.slice(0, 3), kind).toEqual(['合计', view.total.customers, view.total.count]);
      expect(rows.some((r) => r.values[0] === `范围：区县 ${county}`), kind).toBe(true);
    }
    // One notes sheet defines every kind, with the period's dates.
    const notes = sheets['说明']!;
    for (const k of ['停机', '呼转异网', '离网', '预测离网']) expect(notes.some((r) => r.values[0] === k), k).toBe(true);
    expect(notes.find((r) => r.values[0] === '开始日期')!.values[1]).toEqual({ date: '2026-11-01T00:00:00' });
    const audited = db.prepare("SELECT target FROM audit_log WHERE action = 'analysis-export' ORDER BY id DESC LIMIT 1").pluck().get();
    expect(audited).toBe('all/hall');
  });
});
