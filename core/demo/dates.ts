import { civilFromDay, dayFromCivil, dayNumber, daysInMonth, formatDay, isoWeek, packedCivil, SHANGHAI_OFFSET_MS, shanghaiDay, weekday } from '../calendar';

/**
 * Calendar arithmetic on day numbers (days since 1970-01-01). The generator formats millions of dates, and
 * going through Date objects for each would dominate its run time; the civil-date algorithms here do not.
 */

const MS_PER_DAY = 86_400_000;

export { civilFromDay, dayFromCivil, dayNumber, formatDay, isoWeek, shanghaiDay, weekday };

/** Compact form (YYYYMMDD) used inside identity numbers. */
export const formatDayCompact = (day: number): string => String(packedCivil(day));

export function parseUtc(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`expected a UTC ISO date-time, got "${iso}"`);
  return ms;
}

export const formatUtc = (ms: number): string => new Date(ms).toISOString();

/** The UTC instant of a Shanghai wall-clock time (minutes after local midnight) on a Shanghai day. */
export const shanghaiInstant = (day: number, minuteOfDay: number): number =>
  day * MS_PER_DAY + minuteOfDay * 60_000 - SHANGHAI_OFFSET_MS;

/** Minutes after Shanghai midnight of a UTC instant. */
export const shanghaiMinuteOfDay = (ms: number): number =>
  Math.floor((((ms + SHANGHAI_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY / 60_000);

/** Adds calendar months, clamping to the month's last day (a contract signed on 31 Jan ends on 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const p = packedCivil(day);
  const total = Math.floor(p / 10000) * 12 + (Math.floor(p / 100) % 100) - 1 + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(p % 100, daysInMonth(y, m)));
}

export function lastDayOfMonth(day: number): number {
  const { y, m } = civilFromDay(day);
  return dayFromCivil(y, m, daysInMonth(y, m));
}
