import { ApiFailure } from '../../core/api';
import { isoWeekMonday, isoWeekOf } from '../../core/calendar';
import { isPeriodProblem, periodOf, type Period, type PeriodKind } from '../../core/report/periods';
import { localDayStart } from './context';

export interface WeekRange {
  label: string;
  /** UTC instants of local Monday 00:00 and the next Monday 00:00 (docs/product.md: weeks are Monday–Sunday, local). */
  start: string;
  end: string;
}

/** A week label ('2026-W47') as local instants; an `ApiFailure` in plain words when it is not a week. */
export function weekRange(label: string): WeekRange {
  const monday = isoWeekMonday(label);
  if (!monday) throw new ApiFailure('invalid-input', 'api.not-a-week', { week: label }, { field: 'week' });
  return { label: isoWeekOf(monday), start: localDayStart(monday), end: localDayStart(monday, 7) };
}

/**
 * A report period (core/report/periods.ts) with the UTC instants of local midnight on its first day and on the day
 * after its last: [start, end), what the weekly figures take as a week.
 */
export interface PeriodRange extends Period {
  start: string;
  end: string;
}

export const periodRangeOf = (p: Period): PeriodRange => ({ ...p, start: localDayStart(p.from), end: localDayStart(p.to, 1) });

/** A period as the contract gives it, or a week label (old callers); an `ApiFailure` in plain words when it is neither. */
export function periodRange(input: { week?: string; period?: { kind: PeriodKind; from: string; to?: string } }): PeriodRange {
  if (!input.period) {
    const week = weekRange(input.week ?? '');
    return periodRangeOf(periodOf('week', isoWeekMonday(week.label)!) as Period);
  }
  const p = periodOf(input.period.kind, input.period.from, input.period.to);
  if (isPeriodProblem(p)) throw new ApiFailure('invalid-input', p.problem, p.params, { field: 'period' });
  return periodRangeOf(p);
}
