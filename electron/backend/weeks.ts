import { ApiFailure } from '../../core/api';
import { isoWeekMonday, isoWeekOf } from '../../core/calendar';
import { daysBefore, localDayStart } from './context';

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

/** The week `n` weeks before the given one. */
export function weekBefore(week: WeekRange, n = 1): WeekRange {
  return weekRange(isoWeekOf(daysBefore(isoWeekMonday(week.label)!, 7 * n)));
}
