import { describe, expect, it } from 'vitest';
import { isPeriodProblem, MAX_RANGE_DAYS, periodBefore, periodFromDates, periodOf, periodsUpTo, shortPeriodLabel, type Period, type PeriodKind } from '../../../core/report/periods';

const of = (kind: PeriodKind, from: string, to?: string): Period => {
  const p = periodOf(kind, from, to);
  if (isPeriodProblem(p)) throw new Error(`${kind} ${from} ${to}: ${p.problem}`);
  return p;
};
const span = (p: Period) => [p.from, p.to, p.label, p.days];

/** Issue 18 #1: one function decides a period's dates, label and the period it is compared with. */
describe('report periods', () => {
  it('a month runs to its last day, February 29 in a leap year (not in 2100), and is labelled YYYY-MM', () => {
    expect(span(of('month', '2026-11-17'))).toEqual(['2026-11-01', '2026-11-30', '2026-11', 30]);
    expect(span(of('month', '2028-02-10'))).toEqual(['2028-02-01', '2028-02-29', '2028-02', 29]);
    expect(span(of('month', '2100-02-01'))).toEqual(['2100-02-01', '2100-02-28', '2100-02', 28]);
    expect(span(of('month', '2000-02-01'))).toEqual(['2000-02-01', '2000-02-29', '2000-02', 29]);
    expect(span(of('month', '2026-12-31'))).toEqual(['2026-12-01', '2026-12-31', '2026-12', 31]);
  });

  it('a quarter holds three months and is labelled YYYY-Qn', () => {
    expect(span(of('quarter', '2026-11-03'))).toEqual(['2026-10-01', '2026-12-31', '2026-Q4', 92]);
    expect(span(of('quarter', '2028-01-01'))).toEqual(['2028-01-01', '2028-03-31', '2028-Q1', 91]);
    expect(span(of('quarter', '2027-03-31'))).toEqual(['2027-01-01', '2027-03-31', '2027-Q1', 90]);
    expect(span(of('quarter', '2026-06-30'))).toEqual(['2026-04-01', '2026-06-30', '2026-Q2', 91]);
  });

  it('a week is the ISO week (Monday–Sunday) holding the day, labelled by the year of its Thursday', () => {
    expect(span(of('week', '2026-12-03'))).toEqual(['2026-11-30', '2026-12-06', '2026-W49', 7]);
    expect(span(of('week', '2027-01-01'))).toEqual(['2026-12-28', '2027-01-03', '2026-W53', 7]);
    expect(span(of('day', '2026-11-03'))).toEqual(['2026-11-03', '2026-11-03', '2026-11-03', 1]);
  });

  it('the period before: the same kind one step back, across year ends and month lengths', () => {
    expect(periodBefore(of('month', '2027-01-05')).label).toBe('2026-12');
    expect(span(periodBefore(of('month', '2028-03-31')))).toEqual(['2028-02-01', '2028-02-29', '2028-02', 29]);
    expect(periodBefore(of('quarter', '2027-02-01')).label).toBe('2026-Q4');
    expect(periodBefore(of('week', '2027-01-04')).label).toBe('2026-W53');
    expect(periodBefore(of('day', '2028-03-01')).label).toBe('2028-02-29');
    expect(periodBefore(of('quarter', '2026-11-01'), 4).label).toBe('2025-Q4');
    expect(periodBefore(of('month', '2026-03-01'), 14).label).toBe('2025-01');
  });

  it('a range across a year end, and the period before it is as many days just before', () => {
    const r = of('range', '2026-12-20', '2027-01-10');
    expect(span(r)).toEqual(['2026-12-20', '2027-01-10', '2026-12-20~2027-01-10', 22]);
    expect(span(periodBefore(r))).toEqual(['2026-11-28', '2026-12-19', '2026-11-28~2026-12-19', 22]);
    const trend = periodsUpTo(r, 8);
    expect(trend).toHaveLength(8);
    expect(trend[7]).toEqual(r);
    // Equal lengths, each ending the day before the next starts.
    for (let i = 1; i < trend.length; i++) {
      expect(trend[i - 1]!.days).toBe(22);
      expect(periodBefore(trend[i]!)).toEqual(trend[i - 1]);
    }
    expect(periodsUpTo(of('month', '2026-11-01'), 8).map((p) => p.label)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('dates that are whole periods take that kind; anything else is a range', () => {
    expect(periodFromDates('2026-10-01', '2026-12-31')).toMatchObject({ kind: 'quarter', label: '2026-Q4' });
    expect(periodFromDates('2026-11-01', '2026-11-30')).toMatchObject({ kind: 'month', label: '2026-11' });
    expect(periodFromDates('2026-11-30', '2026-12-06')).toMatchObject({ kind: 'week', label: '2026-W49' });
    expect(periodFromDates('2026-11-03', '2026-11-03')).toMatchObject({ kind: 'day', label: '2026-11-03' });
    expect(periodFromDates('2026-11-01', '2026-11-20')).toMatchObject({ kind: 'range', label: '2026-11-01~2026-11-20', days: 20 });
  });

  it('bad dates are problems with their message code and the offending date, never a period', () => {
    expect(periodOf('month', '2026-02-30')).toEqual({ problem: 'api.period-not-a-date', params: { date: '2026-02-30' } });
    expect(periodOf('range', '2026-11-01', '2026-13-01')).toEqual({ problem: 'api.period-not-a-date', params: { date: '2026-13-01' } });
    expect(periodOf('range', '2026-11-20', '2026-11-01')).toEqual({ problem: 'api.period-reversed', params: { from: '2026-11-20', to: '2026-11-01' } });
    expect(periodOf('range', '2025-01-01', '2026-12-31')).toEqual({ problem: 'api.period-too-long', params: { days: 730, max: MAX_RANGE_DAYS } });
    expect(periodOf('month', '2026-11-01', '2026-11-20')).toMatchObject({ problem: 'api.period-mismatch', params: { expected: '2026-11-01~2026-11-30' } });
    expect(isPeriodProblem(periodOf('range', '2028-01-01', '2028-12-31'))).toBe(false); // a leap year is 366 days
  });

  it('short labels for the trend axis', () => {
    expect(shortPeriodLabel(of('week', '2026-12-01'))).toBe('W49');
    expect(shortPeriodLabel(of('month', '2026-12-01'))).toBe('2026-12');
    expect(shortPeriodLabel(of('quarter', '2026-12-01'))).toBe('2026-Q4');
    expect(shortPeriodLabel(of('day', '2026-12-01'))).toBe('12-01');
    expect(shortPeriodLabel(of('range', '2026-11-01', '2026-11-20'))).toBe('11-01~11-20');
  });
});
