import { afterEach, describe, expect, it } from 'vitest';
import { weekStartUtc } from '../../../electron/backend/offers';
import { weekRange } from '../../../electron/backend/weeks';

// Node re-reads TZ when it is assigned, so one process can try several zones.
const zoneBefore = process.env.TZ;
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('the local week the offer budget counts from', () => {
  it('starts at local Monday 00:00 (China)', () => {
    process.env.TZ = 'Asia/Shanghai';
    // Wednesday 2026-11-25 11:00 in Shanghai: the week began on Monday 2026-11-23 at 00:00 (16:00 UTC the day before).
    expect(weekStartUtc(new Date('2026-11-25T03:00:00Z'))).toBe('2026-11-22T16:00:00.000Z');
  });

  it('is the same week start as the weekly reports, also where a clock change skips midnight', () => {
    // Havana, Santiago and Beirut moved their clocks at midnight; the Sunday after such a change must still
    // count from the Monday midnight before it, not from 01:00.
    const cases: [zone: string, now: string, week: string][] = [
      ['America/Havana', '2017-03-12T12:00:00Z', '2017-W10'],
      ['America/Santiago', '2017-08-13T12:00:00Z', '2017-W32'],
      ['Asia/Beirut', '2017-03-26T12:00:00Z', '2017-W12'],
      ['Asia/Shanghai', '2026-11-29T15:59:00Z', '2026-W48'],
    ];
    for (const [zone, now, week] of cases) {
      process.env.TZ = zone;
      expect(weekStartUtc(new Date(now)), zone).toBe(weekRange(week).start);
    }
  });
});
