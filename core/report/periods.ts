/**
 * Report periods (issue 18 #1): a day, an ISO week, a month, a quarter or any range of local dates. One function
 * decides a period's first and last local date, its label and the period it is compared with, so the dashboard,
 * the workbook and the CLI name and compare periods alike. Local calendar dates only: the caller turns them into
 * UTC instants of local midnights (electron/backend/weeks.ts), as it does for weeks.
 *
 * Labels: 2026-11-03 (day), 2026-W49 (week), 2026-11 (month), 2026-Q4 (quarter), 2026-11-01~2026-11-20 (range).
 * The period before: the same kind one step back (the day, week, month or quarter before); for a range, as many
 * days just before its first day.
 */
import { civilFromDay, dayFromCivil, daysInMonth, formatDay, isoWeekMonday, isoWeekOf, weekday } from '../calendar';

export const periodKinds = ['day', 'week', 'month', 'quarter', 'range'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period {
  kind: PeriodKind;
  /** First and last local date, both included (YYYY-MM-DD). */
  from: string;
  to: string;
  label: string;
  /** Days in the period (a range's length is what its period before copies). */
  days: number;
}

/**
 * The longest range a report covers: a year, leap day included. The dashboard's trend reads eight ranges before
 * it, so an unbounded range would make one call read a workspace's whole history many times over.
 */
export const MAX_RANGE_DAYS = 366;

/** Why dates do not make a period; each is a message code of core/i18n (`api.period-*`). */
export type PeriodProblem =
  | { problem: 'api.period-not-a-date'; params: { date: string } }
  | { problem: 'api.period-reversed'; params: { from: string; to: string } }
  | { problem: 'api.period-too-long'; params: { days: number; max: number } }
  | { problem: 'api.period-mismatch'; params: { kind: PeriodKind; from: string; to: string; expected: string } };

/** The day number of a real calendar date 'YYYY-MM-DD', else null (2026-02-30 is not one). */
function dayOf(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!m) return null;
  const day = dayFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return formatDay(day) === date ? day : null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function make(kind: PeriodKind, first: number, last: number): Period {
  const from = formatDay(first), to = formatDay(last);
  const { y, m } = civilFromDay(first);
  const label =
    kind === 'day' ? from
    : kind === 'week' ? isoWeekOf(from)
    : kind === 'month' ? `${y}-${pad2(m)}`
    : kind === 'quarter' ? `${y}-Q${Math.floor((m - 1) / 3) + 1}`
    : `${from}~${to}`;
  return { kind, from, to, label, days: last - first + 1 };
}

/** The day, week, month or quarter holding a day number. */
function fixedAround(kind: Exclude<PeriodKind, 'range'>, day: number): Period {
  if (kind === 'day') return make('day', day, day);
  if (kind === 'week') {
    const monday = day - weekday(day);
    return make('week', monday, monday + 6);
  }
  const { y, m } = civilFromDay(day);
  const firstMonth = kind === 'month' ? m : m - ((m - 1) % 3);
  const lastMonth = kind === 'month' ? m : firstMonth + 2;
  return make(kind, dayFromCivil(y, firstMonth, 1), dayFromCivil(y, lastMonth, daysInMonth(y, lastMonth)));
}

/**
 * The period of a kind that starts on (or, for a day, week, month or quarter, holds) `from`; `to` is the range's
 * last day, and for another kind, if given, must be that period's last day.
 */
export function periodOf(kind: PeriodKind, from: string, to?: string | null): Period | PeriodProblem {
  const first = dayOf(from);
  if (first === null) return { problem: 'api.period-not-a-date', params: { date: from } };
  const last = to === undefined || to === null ? null : dayOf(to);
  if (to !== undefined && to !== null && last === null) return { problem: 'api.period-not-a-date', params: { date: to } };
  if (kind === 'range') {
    // A range without its last day is that one day.
    if (last === null) return make('range', first, first);
    if (last < first) return { problem: 'api.period-reversed', params: { from, to: to! } };
    if (last - first + 1 > MAX_RANGE_DAYS) return { problem: 'api.period-too-long', params: { days: last - first + 1, max: MAX_RANGE_DAYS } };
    return make('range', first, last);
  }
  const p = fixedAround(kind, first);
  if (last !== null && formatDay(last) !== p.to) return { problem: 'api.period-mismatch', params: { kind, from, to: to!, expected: `${p.from}~${p.to}` } };
  return p;
}

/**
 * The period from `from` to `to` (inclusive) as a supervisor would name it: exactly a day, an ISO week, a month or a
 * quarter takes that kind (and its label and period before); anything else is a range.
 */
export function periodFromDates(from: string, to: string): Period | PeriodProblem {
  const range = periodOf('range', from, to);
  if (isPeriodProblem(range)) return range;
  for (const kind of ['day', 'week', 'month', 'quarter'] as const) {
    const p = periodOf(kind, from);
    if (!isPeriodProblem(p) && p.from === range.from && p.to === range.to) return p;
  }
  return range;
}

export const isPeriodProblem = (p: Period | PeriodProblem): p is PeriodProblem => 'problem' in p;

/**
 * A period by the name its label gives it — 2026-11 (a month), 2026-Q4 (a quarter), 2026-W47 (an ISO week), 2026-11-03
 * (a day) — or null for text that names none: what a supervisor types for `report period --from` (docs/reports.md).
 */
export function periodNamed(name: string): Period | null {
  const t = name.trim();
  const month = /^(\d{4})-(\d{2})$/u.exec(t);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? fixedAround('month', dayFromCivil(Number(month[1]), Number(month[2]), 1)) : null;
  const quarter = /^(\d{4})-?Q([1-4])$/iu.exec(t);
  if (quarter) return fixedAround('quarter', dayFromCivil(Number(quarter[1]), (Number(quarter[2]) - 1) * 3 + 1, 1));
  const monday = isoWeekMonday(t);
  if (monday !== null) return fixedAround('week', dayOf(monday)!);
  const day = dayOf(t);
  return day === null ? null : fixedAround('day', day);
}

/** The period `n` steps before (n = 1: the one it is compared with); a range steps back by its own length. */
export function periodBefore(p: Period, n = 1): Period {
  const first = dayOf(p.from)!;
  if (p.kind === 'range') return make('range', first - n * p.days, first - n * p.days + p.days - 1);
  if (p.kind === 'day' || p.kind === 'week') return fixedAround(p.kind, first - n * (p.kind === 'day' ? 1 : 7));
  const { y, m } = civilFromDay(first);
  const months = y * 12 + (m - 1) - n * (p.kind === 'month' ? 1 : 3);
  return fixedAround(p.kind, dayFromCivil(Math.floor(months / 12), (((months % 12) + 12) % 12) + 1, 1));
}

/** The `count` periods up to and including `p`, oldest first (the dashboard's trend). */
export const periodsUpTo = (p: Period, count: number): Period[] => Array.from({ length: count }, (_, i) => (i === count - 1 ? p : periodBefore(p, count - 1 - i)));

/** A period's label without what its neighbours share (the trend's axis): W49, 2026-11, 2026-Q4, 11-03, 11-01~11-20. */
export function shortPeriodLabel(p: Pick<Period, 'kind' | 'label' | 'from' | 'to'>): string {
  if (p.kind === 'week') return p.label.slice(5);
  if (p.kind === 'day') return p.from.slice(5);
  if (p.kind === 'range') return p.from === p.to ? p.from.slice(5) : `${p.from.slice(5)}~${p.to.slice(5)}`;
  return p.label;
}
