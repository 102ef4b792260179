import { describe, expect, it } from 'vitest';
import { weeklyReport, type ReportAttempt, type ReportInput, type ReportTask } from '../../../core/report/weekly';

/**
 * 待回访 (call-backs pending) is the call-backs promised and not yet made — at the period's end for a period that has
 * ended, now for the period under way — and of them, 逾期 (overdue) those whose time has passed. A quarter's view on
 * its third day counted only call-backs promised past the quarter's end, 0 for every agent; then only those not yet
 * due, so the overdue ones — the ones to chase, the queue's 待回访 status — were the ones left out (both found by a
 * second pair of eyes).
 */
describe('call-backs pending', () => {
  const quarter = { start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' };
  const task = (id: number): ReportTask => ({ id, msisdn: 13800000000 + id, agentId: 'A001', createdAt: '2026-11-02T00:00:00.000Z', closedAt: null, status: 'in_progress', level: null, listIds: [1] });
  const callback = (id: string, taskId: number, at: string, callbackAt: string): ReportAttempt => ({ id, taskId, agentId: 'A001', at, disposition: 'callback', reason: null, competitor: null, offerCode: null, callbackAt });
  const input: ReportInput = {
    week: quarter,
    lists: [{ id: 1, name: '11月', type: 'other', period: null, dueDate: null, createdAt: '2026-11-02T00:00:00.000Z' }],
    tasks: [1, 2, 3].map(task),
    attempts: [
      callback('a', 1, '2026-12-04T02:00:00.000Z', '2026-12-08T02:00:00.000Z'), // promised for next week
      callback('b', 2, '2026-12-05T02:00:00.000Z', '2026-12-06T06:00:00.000Z'), // later today
      callback('c', 3, '2026-12-01T02:00:00.000Z', '2026-12-02T02:00:00.000Z'), // came due days ago
    ],
    offers: [],
    feedback: [],
  };
  const pending = (r: ReturnType<typeof weeklyReport>) => {
    const a = r.agents.find((x) => x.agentId === 'A001')!;
    return { pending: a.callbacksPending, overdue: a.callbacksOverdue };
  };

  it('for the period under way, every call-back not yet made now, the overdue ones among them', () => {
    expect(pending(weeklyReport({ ...input, now: '2026-12-06T01:00:00.000Z' }))).toEqual({ pending: 3, overdue: 1 });
    // The detail sheet says 待回访 for the one whose time has come, as the queue does (it said the stored 处理中).
    const detail = weeklyReport({ ...input, now: '2026-12-06T01:00:00.000Z' }).detail;
    expect(detail.map((d) => [d.task.id, d.status])).toEqual([[1, 'in_progress'], [2, 'in_progress'], [3, 'callback_due']]);
    // Called back at its time but not reached (busy): the call-back was made; the task is a retry, 处理中 in the queue
    // and in the detail sheet — not counted owed and overdue beside it (one call-back, two views).
    const calledBack: ReportAttempt = { ...input.attempts[2]!, id: 'd', at: '2026-12-03T02:00:00.000Z', disposition: 'busy', callbackAt: null };
    const afterBusy = weeklyReport({ ...input, attempts: [...input.attempts, calledBack], now: '2026-12-06T01:00:00.000Z' });
    expect(pending(afterBusy)).toEqual({ pending: 2, overdue: 0 });
    expect(afterBusy.detail.find((d) => d.task.id === 3)!.status).toBe('in_progress');
    // Reached and answered (declined): no longer pending.
    const answered: ReportAttempt = { ...calledBack, id: 'e', at: '2026-12-03T03:00:00.000Z', disposition: 'declined', reason: 'price' };
    expect(pending(weeklyReport({ ...input, attempts: [...input.attempts, calledBack, answered], now: '2026-12-06T01:00:00.000Z' }))).toEqual({ pending: 2, overdue: 0 });
    // Reached again and asked for another time: owed again, at the new time.
    const again: ReportAttempt = callback('f', 3, '2026-12-03T03:00:00.000Z', '2026-12-04T03:00:00.000Z');
    expect(pending(weeklyReport({ ...input, attempts: [...input.attempts, calledBack, again], now: '2026-12-06T01:00:00.000Z' }))).toEqual({ pending: 3, overdue: 1 });
  });

  it('for a period that has ended, those not yet made at its end; a task closed by then owes none', () => {
    expect(pending(weeklyReport({ ...input, now: '2027-01-05T01:00:00.000Z' }))).toEqual({ pending: 3, overdue: 3 });
    const weekEnd = '2026-12-05T16:00:00.000Z';
    expect(pending(weeklyReport({ ...input, week: { start: quarter.start, end: weekEnd }, now: '2026-12-06T01:00:00.000Z' }))).toEqual({ pending: 3, overdue: 1 });
    const closed = { ...input, tasks: input.tasks.map((t) => (t.id === 3 ? { ...t, closedAt: '2026-12-04T00:00:00.000Z', status: 'expired' } : t)) };
    expect(pending(weeklyReport({ ...closed, week: { start: quarter.start, end: weekEnd }, now: '2026-12-06T01:00:00.000Z' }))).toEqual({ pending: 2, overdue: 0 });
  });
});
