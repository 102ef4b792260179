import { describe, expect, it } from 'vitest';
import { reportTargetProgress, targetFor, targetShare, type StoredTarget } from '../../../core/report/targets';
import { weeklyReport, type ReportAttempt, type ReportInput, type ReportTask } from '../../../core/report/weekly';
import { weeklySheets } from '../../../core/report/workbook';

/** Issue 17 #5: a group's row in the weekly figures, and weekly targets with their progress (core/report/targets.ts). */
const week = { label: '2026-W48', start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' };
const task = (id: number, agentId: string, listIds: number[]): ReportTask => ({ id, msisdn: 13800000000 + id, agentId, createdAt: '2026-11-02T00:00:00.000Z', closedAt: null, status: 'in_progress', level: null, listIds });
const attempt = (id: string, taskId: number | null, agentId: string, disposition: string, at = '2026-11-24T02:00:00.000Z'): ReportAttempt => ({
  id, taskId, agentId, at, disposition, reason: null, competitor: null, offerCode: null, callbackAt: null,
});
const target = (kind: StoredTarget['scope']['kind'], id: string, weekLabel: string | null, contacts: number | null, successes: number | null): StoredTarget => ({
  scope: { kind, id }, week: weekLabel, contacts, successes, updatedAt: '2026-11-20T00:00:00.000Z', updatedBy: 'S001',
});

const input: ReportInput = {
  week,
  groups: [
    { id: 1, name: '滨江营业厅外呼组', agentIds: ['A001', 'A002'] },
    { id: 2, name: '西山组', agentIds: ['A002'] },
    { id: 3, name: '空组', agentIds: [] },
  ],
  lists: [
    { id: 10, name: '11月', type: 'other', period: null, dueDate: null, createdAt: '2026-11-02T00:00:00.000Z' },
    { id: 11, name: '高危', type: 'other', period: null, dueDate: null, createdAt: '2026-11-02T00:00:00.000Z' },
  ],
  // Task 1 is on both lists; task 3 belongs to an agent in no group.
  tasks: [task(1, 'A001', [10, 11]), task(2, 'A002', [10]), task(3, 'A003', [11])],
  attempts: [
    // Task 1: A001 busy, then A002 reaches and wins it — two members, one task.
    attempt('a', 1, 'A001', 'busy'),
    attempt('b', 1, 'A002', 'accepted'),
    attempt('c', 2, 'A002', 'declined'),
    attempt('d', 3, 'A003', 'accepted'),
    // A hall contact without a task.
    attempt('e', null, 'A001', 'accepted'),
    // Last week: counts for neither the week nor its targets.
    attempt('f', 2, 'A002', 'accepted', '2026-11-20T02:00:00.000Z'),
  ],
  offers: [],
  feedback: [],
};

describe('a group’s week', () => {
  it('adds up attempts and assigned tasks, and counts a task two members worked once', () => {
    const r = weeklyReport(input);
    const [bj, xs, empty] = r.groups;
    expect(bj).toMatchObject({ group: { id: 1 }, assigned: 2, attempts: 4, attempted: 3, reached: 3, success: 2 });
    // The members' own rows add up to more: task 1 counts for both of them.
    const members = r.agents.filter((a) => a.agentId === 'A001' || a.agentId === 'A002');
    expect(members.reduce((n, a) => n + a.attempted, 0)).toBe(4);
    expect(xs).toMatchObject({ assigned: 1, attempts: 2, attempted: 2, reached: 2, success: 1 });
    expect(empty).toMatchObject({ assigned: 0, attempts: 0, attempted: 0, reached: 0, success: 0 });
  });

  it('without groups there are no group rows, and the workbook has no 按坐席组 sheet', () => {
    const r = weeklyReport({ ...input, groups: undefined });
    expect(r.groups).toEqual([]);
    const names = weeklySheets(r, { locale: 'zh-CN', period: { kind: 'week', label: week.label, from: '2026-11-23', to: '2026-11-29' }, timeZone: 'UTC', generatedAt: week.end }).map((s) => s.name);
    expect(names).not.toContain('按坐席组');
    expect(names).not.toContain('周目标');
  });
});

describe('weekly targets', () => {
  it('a week’s own figure wins, each figure falling back to the every-week one on its own', () => {
    const targets = [target('agent', 'A001', null, 40, 5), target('agent', 'A001', '2026-W48', null, 3), target('agent', 'A001', '2026-W47', 1, 1)];
    expect(targetFor(targets, { kind: 'agent', id: 'A001' }, '2026-W48')).toEqual({ contacts: 40, successes: 3, from: 'both' });
    expect(targetFor(targets, { kind: 'agent', id: 'A001' }, '2026-W47')).toEqual({ contacts: 1, successes: 1, from: 'week' });
    expect(targetFor(targets, { kind: 'agent', id: 'A001' }, '2026-W49')).toEqual({ contacts: 40, successes: 5, from: 'every-week' });
    expect(targetFor(targets, { kind: 'agent', id: 'A002' }, '2026-W48')).toBeNull();
    // A list with id "1" is not the group with id "1".
    expect(targetFor([target('group', '1', null, 9, 9)], { kind: 'list', id: '1' }, '2026-W48')).toBeNull();
  });

  it('progress: the week’s contacts and accepted contacts of each list, agent and group with a target', () => {
    const targets = [
      target('list', '10', null, 10, 2),
      target('list', '11', null, 10, null),
      target('agent', 'A001', null, 5, 1),
      target('group', '1', '2026-W48', 20, 4),
      target('group', '2', '2026-W47', 20, 4), // another week's only: no row
      target('campaign', 'C1', null, 3, 3), // stored, not computed yet
    ];
    const rows = reportTargetProgress(input, week, targets);
    expect(rows.map((r) => `${r.scope.kind} ${r.scope.id}`)).toEqual(['list 10', 'list 11', 'agent A001', 'group 1']);
    const [l10, l11, a001, g1] = rows;
    // List 10: tasks 1 and 2 — attempts a, b, c (f is last week); one accepted.
    expect(l10).toMatchObject({ contacts: { value: 3, target: 10 }, successes: { value: 1, target: 2 }, from: 'every-week' });
    // List 11: tasks 1 and 3 — a, b, d; task 1's attempts count once though the task is on both lists.
    expect(l11).toMatchObject({ contacts: { value: 3, target: 10 }, successes: { value: 2, target: null } });
    // A001: a and the hall contact e.
    expect(a001).toMatchObject({ contacts: { value: 2, target: 5 }, successes: { value: 1, target: 1 } });
    // Group 1: A001's a, e and A002's b, c — each attempt once.
    expect(g1).toMatchObject({ contacts: { value: 4, target: 20 }, successes: { value: 2, target: 4 }, from: 'week' });
    expect(targetShare(g1!.contacts)).toBe(0.2);
    expect(targetShare({ value: 3, target: 0 })).toBeNull();
    expect(targetShare({ value: 3, target: null })).toBeNull();
    expect(reportTargetProgress(input, week, [])).toEqual([]);
  });

  it('a campaign’s progress: the contacts on the tasks of the lists it made, once per campaign, once told which made which', () => {
    const targets = [target('campaign', 'C1', null, 10, 1)];
    expect(reportTargetProgress(input, week, targets)).toEqual([]);
    // Both lists made by C1: task 1 is on both, its attempts still count once for the campaign.
    const rows = reportTargetProgress(input, week, targets, (listId) => (listId === 10 || listId === 11 ? 'C1' : null));
    expect(rows).toEqual([{ scope: { kind: 'campaign', id: 'C1' }, contacts: { value: 4, target: 10 }, successes: { value: 2, target: 1 }, from: 'every-week' }]);
  });

  it('the workbook’s 周目标 sheet: one row per target, figure, target and share; only for a week', () => {
    const r = weeklyReport(input);
    const targets = reportTargetProgress(input, week, [target('group', '1', null, 8, null)]).map((t) => ({ ...t, name: '滨江营业厅外呼组' }));
    const sheets = weeklySheets(r, { locale: 'en', period: { kind: 'week', label: week.label, from: '2026-11-23', to: '2026-11-29' }, timeZone: 'UTC', generatedAt: week.end, targets });
    const sheet = sheets.find((s) => s.name === 'Targets')!;
    expect([...sheet.rows]).toEqual([['Group', '滨江营业厅外呼组', '1', 4, 8, 0.5, 2, null, null, 'Every week’s target']]);
    const month = weeklySheets(r, { locale: 'en', period: { kind: 'month', label: '2026-11', from: '2026-11-01', to: '2026-11-30' }, timeZone: 'UTC', generatedAt: week.end, targets });
    expect(month.map((s) => s.name)).not.toContain('Targets');
    expect(month.map((s) => s.name)).toContain('By group');
  });
});
