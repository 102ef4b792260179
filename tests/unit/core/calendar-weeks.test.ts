import { describe, expect, it } from 'vitest';
import { isoWeekMonday, isoWeekOf } from '../../../core/calendar';

describe('ISO weeks (Monday–Sunday)', () => {
  it('names the week of a date, across year ends', () => {
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48'); // a Monday
    expect(isoWeekOf('2026-11-29')).toBe('2026-W48'); // its Sunday
    expect(isoWeekOf('2026-11-30')).toBe('2026-W49');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53'); // belongs to the year before
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01'); // to the year after
  });

  it('gives the Monday of a week, and refuses what is not a week', () => {
    expect(isoWeekMonday('2026-W48')).toBe('2026-11-23');
    expect(isoWeekMonday('2026W47')).toBe('2026-11-16');
    expect(isoWeekMonday('2020-W53')).toBe('2020-12-28');
    expect(isoWeekMonday('2025-W01')).toBe('2024-12-30');
    expect(isoWeekMonday('2026-W53')).toBe('2026-12-28'); // 2026 starts on a Thursday: 53 weeks
    expect(isoWeekMonday('2025-W53')).toBeNull(); // 2025 has 52
    expect(isoWeekMonday('2026-W00')).toBeNull();
    expect(isoWeekMonday('2026-11')).toBeNull();
  });

  it('round-trips every week of several years', () => {
    for (let y = 2019; y <= 2030; y++) {
      for (let w = 1; w <= 53; w++) {
        const label = `${y}-W${String(w).padStart(2, '0')}`;
        const monday = isoWeekMonday(label);
        if (monday) expect(isoWeekOf(monday)).toBe(label);
      }
    }
  });
});
