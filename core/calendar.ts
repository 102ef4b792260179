/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian) with no Date object and no
 * time zone: a calendar date in a work list is a day, not an instant, and bulk code (generator, scorer,
 * importer) formats and parses millions of them. Howard Hinnant's civil-date algorithms.
 */

/** Days since 1970-01-01 of y-m-d (month 1–12). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** y*10000 + m*100 + d of a day number, packed so the hot path allocates nothing. */
export function packedCivil(day: number): number {
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

/** 'YYYY-MM-DD' of a day number. */
export function formatDay(day: number): string {
  const p = packedCivil(day);
  const y = Math.floor(p / 10000);
  const m = Math.floor(p / 100) % 100;
  const d = p % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekday = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** ISO-8601 week (Monday–Sunday): the week belongs to the year of its Thursday; week 1 holds the year's first. */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = day - weekday(day) + 3;
  const year = civilFromDay(thursday).y;
  return { year, week: Math.floor((thursday - dayFromCivil(year, 1, 1)) / 7) + 1 };
}

/** The ISO week of a 'YYYY-MM-DD', as 'YYYY-Www'. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const { year, week } = isoWeek(dayFromCivil(y, m, d));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday ('YYYY-MM-DD') of an ISO week 'YYYY-Www' (also 'YYYYWww'); null when it is not one. */
export function isoWeekMonday(label: string): string | null {
  const match = /^(\d{4})-?W(\d{2})$/u.exec(label.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  const jan4 = dayFromCivil(year, 1, 4);
  const monday = jan4 - weekday(jan4) + (week - 1) * 7;
  if (week < 1 || isoWeekOf(formatDay(monday)) !== `${year}-W${match[2]}`) return null;
  return formatDay(monday);
}

const MS_PER_DAY = 86_400_000;

/**
 * 'YYYY-MM-DD' as a day number, for dates the caller vouches for (a context's `today`, generated and training
 * data); throws on anything else, including days that do not exist (2026-02-30).
 */
export function dayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got "${isoDate}"`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (formatDay(day) !== isoDate) throw new Error(`not a calendar date: "${isoDate}"`);
  return day;
}

/*
 * China time. Offer cooldowns and the demo data count days in Asia/Shanghai, whatever the machine's zone
 * (docs/product.md §5.1); the backend's "today" is the machine's local date (electron/backend/context.ts).
 */


/** Asia/Shanghai has had no daylight saving since 1991, so a fixed offset is exact for the dates we handle. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar day a UTC instant (ms) falls on; NaN for NaN. */
export const shanghaiDay = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
