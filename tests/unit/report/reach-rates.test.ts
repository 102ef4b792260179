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

  it('a list made this week counts its tasks from when they joined it: no "last week" for it, and no reach from before it (found by a supervisor: a campaign run today showed 上周接通率 32 %)', () => {
    const wednesday = '2026-11-25T01:00:00.000Z';
    // A campaign's list made on Wednesday takes task 2 (reached last week, on list 1) and task 3 (reached this week
    // on Tuesday, before it joined; reached again on Thursday) and a new task 9.
    const campaign = { id: 3, name: '高危客户周末挽留', type: 'other' as const, period: null, dueDate: null, createdAt: wednesday, campaignId: 7 };
    const input: ReportInput = {
      ...base,
      lists: [...base.lists, campaign],
      campaigns: [{ id: 7, name: '高危客户周末挽留' }],
      tasks: [
        task(1, 1, '2026-11-02T00:00:00.000Z'),
        { ...task(2, 1, '2026-11-02T00:00:00.000Z'), listIds: [1, 3] },
        { ...task(3, 1, '2026-11-02T00:00:00.000Z'), listIds: [1, 3] },
        task(9, 3, wednesday),
      ],
      attempts: [
        attempt('p', 2, 'declined', '2026-11-17T02:00:00.000Z'),
        attempt('q', 3, 'callback', '2026-11-24T02:00:00.000Z'),
        attempt('r', 3, 'accepted', '2026-11-26T02:00:00.000Z'),
      ],
    };
    const r = weeklyReport(input);
    const row = r.lists.find((l) => l.list.id === 3)!;
    expect(row.before).toEqual({ issued: 0, reached: 0, success: 0 });
    expect(row.now).toEqual({ issued: 3, reached: 1, success: 1 });
    const camp = r.campaigns.find((c) => c.campaign.id === 7)!;
    expect(camp.before).toEqual({ issued: 0, reached: 0, success: 0 });
    expect(camp.now).toEqual({ issued: 3, reached: 1, success: 1 });
    // The list the tasks came from keeps what happened on it.
    expect(r.lists.find((l) => l.list.id === 1)!.now).toEqual({ issued: 3, reached: 2, success: 1 });
  });

  it('nothing attempted or issued is no rate, not 0 %', () => {
    expect(weekReachRate({ attempted: 0, reached: 0 })).toBeNull();
    expect(cumulativeReachRate({ issued: 0, reached: 0, success: 0 })).toBeNull();
  });
});
