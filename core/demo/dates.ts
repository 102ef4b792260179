/**
 * Calendar arithmetic on day numbers (days since 1970-01-01). The generator formats millions of dates, and
 * going through Date objects for each would dominate its run time; the civil-date algorithms here do not.
 */

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai has had no daylight saving since 1991, so a fixed offset is exact for the dates we make. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function dayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got "${isoDate}"`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (formatDay(day) !== isoDate) throw new Error(`not a calendar date: "${isoDate}"`);
  return day;
}

/** Howard Hinnant's civil_from_days, packed as y*10000 + m*100 + d so the hot path allocates nothing. */
function packedCivil(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d;
}

export function civilFromDay(day: number): { y: number; m: number; d: number } {
  const p = packedCivil(day);
  return { y: Math.floor(p / 10000), m: Math.floor(p / 100) % 100, d: p % 100 };
}

/** Howard Hinnant's days_from_civil (month 1–12). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

export function formatDay(day: number): string {
  const p = packedCivil(day);
  const md = p % 10000;
  return `${(p - md) / 10000}-${md < 1000 ? '0' : ''}${Math.floor(md / 100)}-${md % 100 < 10 ? '0' : ''}${md % 100}`;
}

/** Compact form (YYYYMMDD) used inside identity numbers. */
export const formatDayCompact = (day: number): string => String(packedCivil(day));

export function parseUtc(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`expected a UTC ISO date-time, got "${iso}"`);
  return ms;
}

export const formatUtc = (ms: number): string => new Date(ms).toISOString();

/** The Shanghai calendar day a UTC instant falls on. */
export const shanghaiDay = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);

/** The UTC instant of a Shanghai wall-clock time (minutes after local midnight) on a Shanghai day. */
export const shanghaiInstant = (day: number, minuteOfDay: number): number =>
  day * MS_PER_DAY + minuteOfDay * 60_000 - SHANGHAI_OFFSET_MS;

/** Minutes after Shanghai midnight of a UTC instant. */
export const shanghaiMinuteOfDay = (ms: number): number =>
  Math.floor((((ms + SHANGHAI_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY / 60_000);

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekday = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** ISO-8601 week: the week belongs to the year of its Thursday. */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = day - weekday(day) + 3;
  const year = civilFromDay(thursday).y;
  const jan1 = Date.UTC(year, 0, 1) / MS_PER_DAY;
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

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
