import { describe, expect, it } from 'vitest';
import { addDays, campaignFate, scheduledFor, tallyFates } from '../../../../core/campaigns/campaign';
import { defaultContactPolicy } from '../../../../core/contact/policy';

/** Midday in a UTC+8 hall: 04:00Z is 12:00 local on 2026-11-23. */
const ctx = { now: '2026-11-23T04:00:00.000Z', localMinuteOfDay: 12 * 60, today: '2026-11-23', policy: defaultContactPolicy };
const due = addDays('2026-11-23', 7);

describe('a customer’s fate in a campaign run', () => {
  it('on a current list of the campaign: already, before anything else', () => {
    expect(campaignFate({ onCurrentList: true, hasOpenTask: true, contact: { doNotDisturb: 1 } }, ctx, due)).toEqual({ kind: 'already' });
  });
  it('an open task is joined, whatever blocks a new one', () => {
    expect(campaignFate({ onCurrentList: false, hasOpenTask: true, contact: { doNotDisturb: 1 } }, ctx, due)).toEqual({ kind: 'join' });
  });
  it('do-not-disturb never lifts: excluded', () => {
    expect(campaignFate({ onCurrentList: false, hasOpenTask: false, contact: { doNotDisturb: 1 } }, ctx, due)).toEqual({ kind: 'excluded', reason: 'do-not-disturb' });
  });
  it('a marketing gap that lifts before the due date: a new task (it waits in the queue); after it: excluded', () => {
    // The 60-day gap from 2026-09-26 lifts on 2026-11-26, before 2026-11-30.
    expect(campaignFate({ onCurrentList: false, hasOpenTask: false, contact: { lastMarketed: '2026-09-26' } }, ctx, due)).toEqual({ kind: 'new' });
    // From 2026-10-20 it lifts on 2026-12-20, after the list is due.
    expect(campaignFate({ onCurrentList: false, hasOpenTask: false, contact: { lastMarketed: '2026-10-20' } }, ctx, due)).toEqual({ kind: 'excluded', reason: 'marketing-gap' });
    // The due day itself still counts: a block lifting on the morning of the due date leaves that day to call.
    // (from 2026-09-30 it lifts at midnight starting 2026-11-30; from 2026-10-01, only on 2026-12-01)
    expect(campaignFate({ onCurrentList: false, hasOpenTask: false, contact: { lastMarketed: '2026-09-30' } }, ctx, due)).toEqual({ kind: 'new' });
    expect(campaignFate({ onCurrentList: false, hasOpenTask: false, contact: { lastMarketed: '2026-10-01' } }, ctx, due)).toEqual({ kind: 'excluded', reason: 'marketing-gap' });
  });
  it('after a porting application no sale: excluded with that reason', () => {
    expect(campaignFate({ onCurrentList: false, hasOpenTask: false, contact: { portingApplied: '2026-11-20' } }, ctx, due)).toEqual({ kind: 'excluded', reason: 'porting-applied' });
  });
  it('nothing in the way: a new task', () => {
    expect(campaignFate({ onCurrentList: false, hasOpenTask: false, contact: {} }, ctx, due)).toEqual({ kind: 'new' });
  });
});

describe('tally and schedule', () => {
  it('counts each fate and the exclusions by reason, most frequent first', () => {
    const t = tallyFates([
      { kind: 'new' },
      { kind: 'join' },
      { kind: 'excluded', reason: 'marketing-gap' },
      { kind: 'excluded', reason: 'do-not-disturb' },
      { kind: 'excluded', reason: 'do-not-disturb' },
      { kind: 'already' },
    ]);
    expect(t).toEqual({ customers: 6, newTasks: 1, joined: 1, already: 1, excluded: 3, excludedBy: [{ reason: 'do-not-disturb', count: 2 }, { reason: 'marketing-gap', count: 1 }] });
  });
  it('a scheduled campaign runs on its own only when on: after each import, or once a day', () => {
    expect(scheduledFor({ schedule: 'daily', enabled: false, lastRunDay: null }, 'daily', '2026-11-23')).toBe(false);
    expect(scheduledFor({ schedule: 'daily', enabled: true, lastRunDay: '2026-11-22' }, 'daily', '2026-11-23')).toBe(true);
    expect(scheduledFor({ schedule: 'daily', enabled: true, lastRunDay: '2026-11-23' }, 'daily', '2026-11-23')).toBe(false);
    expect(scheduledFor({ schedule: 'after-import', enabled: true, lastRunDay: '2026-11-23' }, 'import', '2026-11-23')).toBe(true);
    expect(scheduledFor({ schedule: 'after-import', enabled: true, lastRunDay: null }, 'daily', '2026-11-23')).toBe(false);
    expect(scheduledFor({ schedule: 'once', enabled: true, lastRunDay: null }, 'import', '2026-11-23')).toBe(false);
  });
});
