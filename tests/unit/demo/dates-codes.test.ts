import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addMonths, dayNumber, formatDay, isoWeek, shanghaiDay, shanghaiInstant, shanghaiMinuteOfDay, weekday } from '../../../core/demo/dates';
import { dispositionLabels, dispositionRequires, dispositions, isReached, unmetRequirement } from '../../../core/contact/codes';

describe('calendar arithmetic', () => {
  it('agrees with Date for every day in a wide range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 60_000 }), (day) => {
        const viaDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(formatDay(day)).toBe(viaDate);
        expect(dayNumber(viaDate)).toBe(day);
      }),
    );
  });

  it('adds months clamping to the month end', () => {
    expect(formatDay(addMonths(dayNumber('2026-01-31'), 1))).toBe('2026-02-28');
    expect(formatDay(addMonths(dayNumber('2024-03-31'), -1))).toBe('2024-02-29');
    expect(formatDay(addMonths(dayNumber('2026-11-23'), -25))).toBe('2024-10-23');
  });

  it('knows ISO weeks and Shanghai wall-clock time', () => {
    expect(isoWeek(dayNumber('2026-11-18'))).toEqual({ year: 2026, week: 47 });
    expect(isoWeek(dayNumber('2027-01-01'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(dayNumber('2024-12-30'))).toEqual({ year: 2025, week: 1 });
    expect(weekday(dayNumber('2026-11-23'))).toBe(0); // a Monday
    const ms = Date.parse('2026-11-18T16:30:00Z'); // 00:30 next day in Shanghai
    expect(formatDay(shanghaiDay(ms))).toBe('2026-11-19');
    expect(shanghaiMinuteOfDay(ms)).toBe(30);
    expect(new Date(shanghaiInstant(dayNumber('2026-11-19'), 9 * 60)).toISOString()).toBe('2026-11-19T01:00:00.000Z');
  });

  it('refuses dates that are not dates', () => {
    expect(() => dayNumber('2026-02-30')).toThrow();
    expect(() => dayNumber('20261123')).toThrow();
  });
});

describe('code tables', () => {
  it('groups dispositions as docs/product.md §6 does and says what each must carry', () => {
    const notReached = dispositions.filter((d) => !isReached(d));
    expect(notReached).toEqual(['no_answer', 'busy', 'powered_off', 'invalid_number', 'hung_up']);
    expect(dispositionLabels.accepted.zh).toBe('成功');
    expect(dispositionRequires.accepted).toBe('offer');
    expect(dispositionRequires.declined).toBe('reason');
    expect(dispositionRequires.callback).toBe('callbackAt');
  });

  it('a success is an offer taken, a plan moved to, or both: the rule the API, the form and the merge apply', () => {
    expect(unmetRequirement('accepted', { offerCode: 'O1' })).toBeNull();
    expect(unmetRequirement('accepted', { planCode: 'P1' })).toBeNull();
    expect(unmetRequirement('accepted', { offerCode: 'O1', planCode: 'P1' })).toBeNull();
    expect(unmetRequirement('accepted', { offerCode: null, planCode: null })).toBe('offer');
    expect(unmetRequirement('accepted', { offerCode: '' })).toBe('offer');
    expect(unmetRequirement('declined', { offerCode: 'O1' })).toBe('reason');
    expect(unmetRequirement('declined', { reason: 'price' })).toBeNull();
    expect(unmetRequirement('callback', {})).toBe('callbackAt');
    expect(unmetRequirement('callback', { callbackAt: '2026-12-08T02:00:00.000Z' })).toBeNull();
    for (const d of dispositions.filter((d) => dispositionRequires[d] === null)) expect(unmetRequirement(d, {})).toBeNull();
  });
});
