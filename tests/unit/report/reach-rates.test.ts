import { describe, expect, it } from 'vitest';
import { cumulativeReachRate, weekReachRate, weeklyReport, type ReportAttempt, type ReportInput, type ReportTask } from '../../../core/report/weekly';

/**
 * Issue 15 #13: the reach rate must not drop the moment a list is imported. The week's reach (reached ÷ attempted
 * in the week) stays; the lists' cumulative reach (reached ÷ issued) is the figure a new list lowers.
 */
describe('two reach rates', () => {
  const week = { start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' };
  const task = (id: number, listId: number, createdAt: string): ReportTask => ({ id, msisdn: 13800000000 + id, agentId: 'A001', createdAt, closedAt: null, status: 'in_progress', level: null, listIds: [listId] });
  const attempt = (id: string, taskId: number, disposition: string, at = '2026-11-24T02:00:00.000Z'): ReportAttempt => ({ id, taskId, agentId: 'A001', at, disposition, reason: null, competitor: null, offerCode: null, callbackAt: null });
  const base: ReportInput = {
    week,
    lists: [{ id: 1, name: '11月', type: 'other', period: null, dueDate: null, createdAt: '2026-11-02T00:00:00.000Z' }],
    tasks: [1, 2, 3, 4].map((id) => task(id, 1, '2026-11-02T00:00:00.000Z')),
    // this week: 4 customers called, 3 reached (one twice), one busy
    attempts: [attempt('a', 1, 'accepted'), attempt('b', 2, 'declined'), attempt('c', 3, 'callback'), attempt('d', 3, 'declined'), attempt('e', 4, 'busy')],
    offers: [],
    feedback: [],
  };

  it('the week: reached ÷ attempted; the lists: reached ÷ issued', () => {
    const r = weeklyReport(base);
    expect(r.totals.week).toEqual({ attempts: 5, attempted: 4, reached: 3, success: 1 });
    expect(weekReachRate(r.totals.week)).toBe(0.75);
    expect(cumulativeReachRate(r.totals.now)).toBe(0.75);
  });

  it('a list of 96 imported on Friday leaves the week’s reach alone and lowers only the cumulative one', () => {
    const friday = '2026-11-27T01:00:00.000Z';
    const withNewList: ReportInput = {
      ...base,
      lists: [...base.lists, { id: 2, name: '12月', type: 'other', period: null, dueDate: null, createdAt: friday }],
      tasks: [...base.tasks, ...Array.from({ length: 96 }, (_, i) => task(100 + i, 2, friday))],
    };
    const r = weeklyReport(withNewList);
    expect(weekReachRate(r.totals.week)).toBe(0.75);
    expect(cumulativeReachRate(r.totals.now)).toBe(0.03);
  });

  it('nothing attempted or issued is no rate, not 0 %', () => {
    expect(weekReachRate({ attempted: 0, reached: 0 })).toBeNull();
    expect(cumulativeReachRate({ issued: 0, reached: 0, success: 0 })).toBeNull();
  });
});
