import Database from 'better-sqlite3';
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../core/api';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

const REACHED = "('accepted','declined','callback','churned','complaint','wrong_person')";

/** docs/product.md §7.2, checked by reading the workbook back and recomputing its figures from the attempts in SQL. */
describe('weekly result workbook', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;
  // Week 2026-W47: Monday 16 – Sunday 22 November, local time of this process.
  const start = new Date(2026, 10, 16).toISOString();
  const end = new Date(2026, 10, 23).toISOString();

  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    db = new Database(tmp.file('ws.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });

  async function workbook(input: Record<string, unknown>) {
    const job = (await t.waitJob(await t.call('report-weekly', input))) as JobView;
    expect(job.state).toBe('done');
    const r = job.result as { download: { token: string; name: string } };
    const bytes = fs.readFileSync(t.backend.files.get(r.download.token).path);
    return { wb: XLSX.read(bytes, { cellNF: true, cellFormula: true }), name: r.download.name };
  }
  const rows = (ws: XLSX.WorkSheet) => XLSX.utils.sheet_to_json<Record<string, unknown>>(ws, { raw: true });

  it('has the six sheets and the notes with Chinese headers, frozen and filtered, and no formula anywhere', async () => {
    const { wb, name } = await workbook({ week: '2026-W47' });
    expect(name).toBe('维系周报-2026-W47.xlsx');
    expect(wb.SheetNames).toEqual(['按清单汇总', '按坐席', '按原因', '按政策', '反馈与经验', '任务明细', '说明']);
    // The notes explain the sheets there are: none for campaigns, groups or targets this desk does not have.
    const items = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['说明']!, { header: 1 }).map((r) => r[0]);
    expect(items).toContain('待回访 / 其中逾期');
    for (const absent of ['按挽留活动', '按坐席组', '周目标']) expect(items, absent).not.toContain(absent);
    const lists = wb.Sheets['按清单汇总']!;
    expect(XLSX.utils.sheet_to_json<string[]>(lists, { header: 1 })[0]!.slice(0, 10)).toEqual(['清单名称', '类型', '周期', '截止日期', '下发', '接通', '成功', '接通率', '成功率', '接通后成功率']);
    for (const sheet of wb.SheetNames) {
      const ws = wb.Sheets[sheet]!;
      if (sheet !== '说明') expect(ws['!autofilter'], sheet).toBeDefined();
      // 接触 is an attempt logged (any result) and 接通 a customer reached, in every sheet: the by-list sheet said
      // 接触 | 接触率 for reached while the by-agent one said 接通 for it and 接触次数 for attempts (docs/reports.md).
      const header = (XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 })[0] ?? []).map(String);
      for (const h of header.filter((x) => x.includes('接触'))) expect(['接触任务', '接触次数', '平均接触次数', '最近接触'], `${sheet}: ${h}`).toContain(h);
      for (const [ref, cell] of Object.entries(ws)) if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f, `${sheet}!${ref}`).toBeUndefined();
    }
  });

  it('a period without feedback says so on 反馈与经验, not a bare header (found by a supervisor’s pass)', async () => {
    const sheet = XLSX.utils.sheet_to_json<unknown[]>((await workbook({ week: '2026-W40' })).wb.Sheets['反馈与经验']!, { header: 1 });
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['本期没有客户反馈或经验分享。']);
    const en = XLSX.utils.sheet_to_json<unknown[]>((await workbook({ week: '2026-W40', locale: 'en' })).wb.Sheets['Feedback']!, { header: 1 });
    expect(en.slice(1).map((r) => r[0])).toEqual(['No feedback or experience notes in this period.']);
  });

  it('an experience note about an offer names the offer in 反馈与经验, not its code (BALANCE_REMINDER read as nothing; found by a new agent)', async () => {
    const offer = db.prepare("SELECT code, name, name_en AS nameEn FROM offers WHERE name_en IS NOT NULL ORDER BY code LIMIT 1").get() as { code: string; name: string; nameEn: string };
    await t.call('note-add', { offerCode: offer.code, text: '先问家里几张卡，再讲这个政策，接受率高很多' }, { agentId: 'A001', role: 'agent' });
    // The note is this week's (the backend's clock: Monday of W48).
    const about = (wb: XLSX.WorkBook, sheet: string, column: string) => rows(wb.Sheets[sheet]!).map((r) => r[column]);
    const zh = about((await workbook({ week: '2026-W48' })).wb, '反馈与经验', '关于');
    expect(zh).toContain(offer.name);
    expect(zh).not.toContain(offer.code);
    const en = about((await workbook({ week: '2026-W48', locale: 'en' })).wb, 'Feedback', 'About');
    expect(en).toContain(offer.nameEn);
  });

  it('by work list: issued, reached and success as of the week’s end (and the week before), rates stored as percent numbers', async () => {
    const { wb } = await workbook({ week: '2026-W47' });
    const ws = wb.Sheets['按清单汇总']!;
    // The data rows: the 合计 row and the note below it are checked in report-period.test.ts.
    const sheetRows = rows(ws).filter((r) => r['清单名称'] !== '合计' && r['清单名称'] !== '全部任务（不重复）' && r['下发'] !== undefined);
    expect(sheetRows.length).toBeGreaterThan(0);
    // A task counts for a list from when it joined it: the list's import, or the task's making if later (a task an
    // earlier list gave it brings no reach from before).
    const asOf = (listName: string, until: string) =>
      db
        .prepare(
          `SELECT count(*) issued,
             sum(EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.at >= max(w.imported_at, t.created_at) AND a.at < @until AND a.disposition IN ${REACHED})) reached,
             sum(EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.at >= max(w.imported_at, t.created_at) AND a.at < @until AND a.disposition = 'accepted')) success
           FROM work_lists w JOIN list_members m ON m.list_id = w.id JOIN tasks t ON t.id = m.task_id
           WHERE w.name = @name AND max(w.imported_at, t.created_at) < @until`,
        )
        .get({ name: listName, until }) as { issued: number; reached: number; success: number };
    for (const r of sheetRows) {
      const want = asOf(r['清单名称'] as string, end);
      expect([r['下发'], r['接通'], r['成功']]).toEqual([want.issued, want.reached, want.success]);
      if (want.issued > 0) expect(r['接通率']).toBeCloseTo(want.reached / want.issued, 10);
      const before = asOf(r['清单名称'] as string, start);
      expect(r['本周新增成功']).toBe(want.success - before.success);
    }
    // The rate column is a number with a percent format, not text.
    const rateCell = ws['H2'] as XLSX.CellObject;
    expect(rateCell.t).toBe('n');
    expect(rateCell.z).toMatch(/%/);
  });

  it('counts the plan changes taken by plan, on a sheet of their own only when the period has one (docs/product.md §6 "A plan change is a success")', async () => {
    const n = String(db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 1 OFFSET 17').pluck().get());
    await t.call('attempt-log', { msisdn: n, channel: 'hall', disposition: 'accepted', planCode: 'DGDD39' });
    // Logged now, on the Monday of 2026-W48.
    const { wb } = await workbook({ week: '2026-W48' });
    expect(wb.SheetNames).toEqual(['按清单汇总', '按坐席', '按原因', '按政策', '按换套餐', '反馈与经验', '任务明细', '说明']);
    const sheet = rows(wb.Sheets['按换套餐']!);
    expect(sheet[0]).toMatchObject({ 套餐编码: 'DGDD39', 所换套餐: '动感地带潮玩套餐39元', '成功（换套餐）': 1, 其中同时接受政策: 0 });
    expect(sheet.at(-1)).toMatchObject({ 套餐编码: '合计', '成功（换套餐）': 1 });
    const notes = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['说明']!, { header: 1 }).map((r) => r[0]);
    expect(notes).toContain('按换套餐');
    // The success counts where every success does: the agent's.
    const agent = rows(wb.Sheets['按坐席']!).find((r) => r['坐席'] === 'LOCAL');
    expect(agent?.['成功']).toBe(1);
    expect((await workbook({ week: '2026-W47' })).wb.SheetNames).not.toContain('按换套餐');
  });

  it('by agent and by offer: the week’s attempts, counted independently', async () => {
    const { wb } = await workbook({ week: '2026-W47' });
    const agents = rows(wb.Sheets['按坐席']!).filter((r) => r['坐席'] !== '合计' && r['负责任务'] !== undefined);
    const byAgent = db.prepare('SELECT a.agent_id, g.name, count(*) n, count(DISTINCT ifnull(a.task_id, a.id)) tasks FROM attempts a LEFT JOIN agents g ON g.id = a.agent_id WHERE a.at >= ? AND a.at < ? GROUP BY a.agent_id').all(start, end) as { agent_id: string; name: string | null; n: number; tasks: number }[];
    expect(byAgent.length).toBeGreaterThan(0);
    expect(byAgent.some((a) => a.name)).toBe(true);
    for (const a of byAgent) {
      // An agent as the dashboard and the analysis workbook name them, "A001 王晓燕" (the id alone read as a code;
      // found by a supervisor's pass).
      const row = agents.find((r) => r['坐席'] === (a.name ? `${a.agent_id} ${a.name}` : a.agent_id))!;
      expect([row['接触次数'], row['接触任务']]).toEqual([a.n, a.tasks]);
    }
    const offers = rows(wb.Sheets['按政策']!).filter((r) => r['政策编码'] !== '合计');
    const accepted = db.prepare("SELECT offer_code, count(*) n FROM attempts WHERE at >= ? AND at < ? AND disposition = 'accepted' GROUP BY offer_code").all(start, end) as { offer_code: string; n: number }[];
    for (const o of accepted) expect(offers.find((r) => r['政策编码'] === o.offer_code)?.['接受']).toBe(o.n);
    // Nothing from another week leaks in: the sheet's attempts add up to the week's and no more.
    expect(agents.reduce((n, r) => n + (r['接触次数'] as number), 0)).toBe(byAgent.reduce((n, a) => n + a.n, 0));
  });

  it('a past week keeps the offers as they were then: an offer renamed or costed otherwise since changes no figure of it (found by a new supervisor)', async () => {
    const sheet = async () => rows((await workbook({ week: '2026-W47' })).wb.Sheets['按政策']!).filter((r) => r['政策编码'] !== '合计');
    const before = await sheet();
    const used = before.find((r) => (r['接受'] as number) > 0)!;
    const code = used['政策编码'] as string;
    const offer = (await t.call('offer-list', {})).find((o) => o.code === code)!;
    // The week after, a supervisor renames it and raises its cost.
    await t.call('offer-save', { offer: { ...offer, name_zh: `${offer.name_zh}（新版）`, cost: offer.cost + 20 } });
    expect(await sheet()).toEqual(before);
    expect(used['成本(元)']).toBe((used['接受'] as number) * offer.cost);
    await t.call('offer-save', { offer });
  });

  it('a past week’s detail sheet gives each task’s status at the week’s end, not today’s (found by a new supervisor)', async () => {
    // A task open at the week's end, with attempts in it, that a customer declines after it.
    const task = db
      .prepare("SELECT t.id, t.msisdn FROM tasks t WHERE t.closed_at IS NULL AND t.status = 'in_progress' AND EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.at >= ? AND a.at < ?) AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.disposition = 'callback') LIMIT 1")
      .get(start, end) as { id: number; msisdn: number };
    expect(task).toBeDefined();
    await t.call('attempt-log', { msisdn: String(task.msisdn), channel: 'hall', disposition: 'declined', reason: 'price' });
    expect(db.prepare('SELECT status FROM tasks WHERE id = ?').pluck().get(task.id)).toBe('closed_declined');
    const detail = rows((await workbook({ week: '2026-W47' })).wb.Sheets['任务明细']!);
    expect(detail.find((r) => r['任务编号'] === task.id)?.['任务状态']).toBe('处理中');
    // A task closed within the week keeps its closing status.
    const closed = db.prepare("SELECT id FROM tasks WHERE status = 'closed_success' AND closed_at >= ? AND closed_at < ? LIMIT 1").pluck().get(start, end) as number;
    expect(detail.find((r) => r['任务编号'] === closed)?.['任务状态']).toBe('维系成功');
  });

  it('made with the dashboard’s filters, the workbook holds what the filtered dashboard shows and says so (found by a new supervisor)', async () => {
    const whole = await workbook({ week: '2026-W47' });
    const filtered = await workbook({ week: '2026-W47', agentId: 'A002' });
    expect(filtered.name).toBe('维系周报-2026-W47-已筛选.xlsx');
    const notes = XLSX.utils.sheet_to_json<unknown[]>(filtered.wb.Sheets['说明']!, { header: 1 });
    expect(notes.find((r) => r[0] === '筛选条件')?.[1]).toBe('只含 负责坐席：A002（与仪表盘上的筛选相同）');
    expect(XLSX.utils.sheet_to_json<unknown[]>(whole.wb.Sheets['说明']!, { header: 1 }).some((r) => r[0] === '筛选条件')).toBe(false);
    // The detail sheet: the agent's tasks only, as the filtered dashboard counts them.
    const detail = rows(filtered.wb.Sheets['任务明细']!);
    expect(detail.length).toBeGreaterThan(0);
    expect(detail.length).toBeLessThan(rows(whole.wb.Sheets['任务明细']!).length);
    const name = db.prepare("SELECT name FROM agents WHERE id = 'A002'").pluck().get() as string;
    expect(new Set(detail.map((r) => r['坐席']))).toEqual(new Set([`A002 ${name}`]));
  });

  it('who is poaching (被谁挖抢): competitors counted from declines and churns, with the median price and the latest offers (issue 15 #6)', async () => {
    // Week 2026-W48 is the clock's: two contacts logged now join the demo's history of that week.
    const w48 = { start: new Date(2026, 10, 23).toISOString(), end: new Date(2026, 10, 30).toISOString() };
    const numbers = db.prepare("SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 2").pluck().all() as number[];
    await t.call('attempt-log', { msisdn: String(numbers[0]), channel: 'phone', disposition: 'churned', competitor: 'broadnet', competitorOffer: '广电192号段送流量', competitorAmount: 39 });
    await t.call('attempt-log', { msisdn: String(numbers[1]), channel: 'phone', disposition: 'declined', reason: 'social_circle', competitor: 'broadnet', competitorAmount: 19 });
    const { wb } = await workbook({ week: '2026-W48' });
    const competitorRows = rows(wb.Sheets['按原因']!).filter((r) => r['类别'] === '竞争对手' && r['原因'] !== '合计');
    const want = db
      .prepare(
        `SELECT competitor, sum(disposition = 'declined') declines, sum(disposition = 'churned') churns, count(*) n FROM attempts
          WHERE at >= ? AND at < ? AND disposition IN ('declined', 'churned') AND competitor IS NOT NULL GROUP BY competitor`,
      )
      .all(w48.start, w48.end) as { competitor: string; declines: number; churns: number; n: number }[];
    const label: Record<string, string> = { telecom: '电信', unicom: '联通', broadnet: '广电', other: '其他' };
    // Two columns of numbers a supervisor can sum and filter: one text cell "1 / 1" could not be (found by a
    // supervisor's pass).
    expect(competitorRows.map((r) => [r['原因'], r['次数'], r['其中拒绝'], r['其中离网']]).sort()).toEqual(
      want.map((w) => [label[w.competitor], w.n, w.declines, w.churns]).sort(),
    );
    const total = rows(wb.Sheets['按原因']!).find((r) => r['类别'] === '竞争对手' && r['原因'] === '合计')!;
    expect([total['其中拒绝'], total['其中离网']]).toEqual([want.reduce((n, w) => n + w.declines, 0), want.reduce((n, w) => n + w.churns, 0)]);
    expect(want.find((w) => w.competitor === 'broadnet')!.churns).toBeGreaterThan(0); // churns count, not only declines
    const broadnet = competitorRows.find((r) => r['原因'] === '广电')!;
    expect(broadnet['对手月费中位数(元)']).toBe(29);
    expect(broadnet['对手最近的优惠']).toBe('广电192号段送流量');
  });

  it('English headers on request; a password makes Excel ask for it; a bad week is refused in plain words', async () => {
    const { wb, name } = await workbook({ week: '2026W47', locale: 'en' });
    expect(name).toBe('weekly-results-2026-W47.xlsx');
    expect(wb.SheetNames[0]).toBe('By work list');
    const job = (await t.waitJob(await t.call('report-weekly', { week: '2026-W47', password: 's3cret!' }))) as JobView;
    const bytes = fs.readFileSync(t.backend.files.get((job.result as { download: { token: string } }).download.token).path);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('d0cf11e0'); // an encrypted OOXML is a CFB container
    await expect(t.call('report-weekly', { week: '2025-W53' })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
