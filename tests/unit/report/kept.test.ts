import { describe, expect, it } from 'vitest';
import { keptBy, retentionRate, type ReportSuccess } from '../../../core/report/kept';
import { weeklySheets } from '../../../core/report/workbook';
import { weeklyReport, type ReportInput, type ReportTask } from '../../../core/report/weekly';

/** What successes kept (issue 17 #4 在网率, issue 18 #3 revenue kept), per list, offer and agent, and in the workbook. */
describe('kept successes in the figures', () => {
  const week = { start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' };
  const task = (id: number, listIds: number[], agentId: string): ReportTask => ({ id, msisdn: 13800000000 + id, agentId, createdAt: '2026-08-01T00:00:00.000Z', closedAt: null, status: 'closed_success', level: null, listIds });
  const success = (id: string, taskId: number, agentId: string, offerCode: string, retained: boolean | null, arpuBefore: number | null, arpuAfter: number | null, at = '2026-08-10T02:00:00.000Z'): ReportSuccess => ({ attemptId: id, taskId, agentId, offerCode, at, retained, arpuBefore, arpuAfter });
  const successes = [
    success('s1', 1, 'A001', 'BRAND_MIGRATION', true, 60, 130),
    success('s2', 2, 'A001', 'BRAND_MIGRATION', false, 60, 0),
    success('s3', 3, 'A002', 'DATA_PACK', null, 40, null), // not judged, no ARPU after: counts in neither
    success('s4', 3, 'A002', 'DATA_PACK', true, null, 50), // no ARPU before: judged only
    success('s5', 1, 'A001', 'BRAND_MIGRATION', true, 10, 10, week.end), // after the end: not counted
  ];
  const input: ReportInput = {
    week,
    lists: [{ id: 1, name: '八月', type: 'other', period: null, dueDate: null, createdAt: '2026-08-01T00:00:00.000Z' }, { id: 2, name: '八月二', type: 'other', period: null, dueDate: null, createdAt: '2026-08-01T00:00:00.000Z' }],
    tasks: [task(1, [1], 'A001'), task(2, [1, 2], 'A001'), task(3, [2], 'A002')],
    attempts: successes.map((s) => ({ id: s.attemptId, taskId: s.taskId, agentId: s.agentId, at: s.at, disposition: 'accepted', reason: null, competitor: null, offerCode: s.offerCode, callbackAt: null })),
    offers: [{ code: 'BRAND_MIGRATION', name: '升级全球通', nameEn: null, cost: 50 }, { code: 'DATA_PACK', name: '流量包月', nameEn: null, cost: 15 }],
    feedback: [],
    successes,
  };

  it('keptBy groups; the rate is kept ÷ judged, none before any verdict', () => {
    const byOffer = keptBy(successes.slice(0, 4), (s) => [s.offerCode]);
    expect(byOffer.get('BRAND_MIGRATION')).toEqual({ judged: 2, retained: 1, arpuCount: 2, arpuBefore: 120, arpuAfter: 130 });
    expect(byOffer.get('DATA_PACK')).toEqual({ judged: 1, retained: 1, arpuCount: 0, arpuBefore: 0, arpuAfter: 0 });
    expect(retentionRate(byOffer.get('BRAND_MIGRATION')!)).toBe(0.5);
    expect(retentionRate({ judged: 0, retained: 0, arpuCount: 0, arpuBefore: 0, arpuAfter: 0 })).toBeNull();
  });

  it('per list (a task on two lists counts on each), per agent and per offer, successes before the end only, even with no work this week', () => {
    const r = weeklyReport(input);
    expect(r.lists.map((l) => [l.list.name, l.kept.judged, l.kept.retained])).toEqual([['八月', 2, 1], ['八月二', 2, 1]]);
    expect(r.offers.map((o) => [o.offer.code, o.kept.judged, o.kept.retained])).toEqual([['BRAND_MIGRATION', 2, 1], ['DATA_PACK', 1, 1]]);
    expect(r.totals.kept).toEqual({ judged: 3, retained: 2, arpuCount: 2, arpuBefore: 120, arpuAfter: 130 });
    const filtered = weeklyReport(input, { agentId: 'A002' });
    expect(filtered.totals.kept).toEqual({ judged: 1, retained: 1, arpuCount: 0, arpuBefore: 0, arpuAfter: 0 });
  });

  it('filtered by list type, a success counts from when its task joined a list of that type (docs/reports.md "Filters")', () => {
    // An anomaly list made in September takes over task 1, whose success came in August on 八月.
    const anomaly = { id: 3, name: '九月异动', type: 'weekly_anomaly', period: null, dueDate: null, createdAt: '2026-09-01T00:00:00.000Z' };
    const withAnomaly: ReportInput = { ...input, lists: [...input.lists, anomaly], tasks: [task(1, [1, 3], 'A001'), ...input.tasks.slice(1)] };
    const nothing = { judged: 0, retained: 0, arpuCount: 0, arpuBefore: 0, arpuAfter: 0 };
    const r = weeklyReport(withAnomaly, { listType: 'weekly_anomaly' });
    expect(r.lists.map((l) => [l.list.name, l.kept])).toEqual([['九月异动', nothing]]);
    expect(r.totals.kept).toEqual(nothing);
    expect(r.offers).toEqual([]);
    // The list it was on keeps it.
    expect(weeklyReport(withAnomaly, { listType: 'other' }).totals.kept).toEqual({ judged: 3, retained: 2, arpuCount: 2, arpuBefore: 120, arpuAfter: 130 });
  });

  it('the workbook has the 在网率 and ARPU columns with totals from the summed counts', () => {
    const sheets = weeklySheets(weeklyReport(input), { locale: 'zh-CN', period: { kind: 'week', label: '2026-W48', from: '2026-11-23', to: '2026-11-29' }, timeZone: 'Asia/Shanghai', generatedAt: week.end });
    const lists = sheets[0]!;
    const col = (h: string) => (lists.header as string[]).indexOf(h);
    const rows = [...(lists.rows as Iterable<unknown[]>)];
    expect(rows[0]![col('在网率')]).toBe(0.5);
    expect(rows[0]![col('成功前ARPU合计')]).toBe(120);
    expect(rows[0]![col('成功后ARPU合计')]).toBe(130);
    expect(lists.totalRows![0]![col('3个月已判定')]).toBe(4);
    expect(lists.totalRows![0]![col('在网率')]).toBe(0.5);
    expect(lists.numberFormats![col('在网率')]).toBe('0.0%');
    const offers = sheets[3]!;
    expect([...(offers.rows as Iterable<unknown[]>)].map((r) => r[(offers.header as string[]).indexOf('在网率')])).toEqual([0.5, 1]);
  });
});
