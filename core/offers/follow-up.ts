/**
 * What an accepted offer leads to afterwards (issue 17 #4, issue 18 #3; docs/product.md §5.5 "Follow-ups and what a
 * success keeps"): the follow-up task an offer may require, whether the success was kept three months later (在网率),
 * and the ARPU before and after it. Pure rules over dates and the facts a work-list file gives; the backend stores
 * their answers (migration 018).
 */
import { dayFromCivil, dayNumber, daysInMonth, formatDay, civilFromDay } from '../calendar';
import type { FollowUpKind, Offer } from './catalogue';

/** Days a follow-up stays open after the day it falls due; past them it expires like any task past its due date. */
export const FOLLOW_UP_WINDOW_DAYS = 7;
/** A success is judged kept or lost this many calendar months after it (the programme's 3-month 在网率). */
export const RETENTION_MONTHS = 3;
/** ARPU after a success is read from the first import at least this many calendar months after it. */
export const ARPU_AFTER_MONTHS = 1;

export interface FollowUpPlan {
  kind: FollowUpKind;
  /** Local date the follow-up falls due: it cannot be worked before (a queue block until that day). */
  on: string;
  /** The task's due date: `on` plus the window. */
  dueDate: string;
}

/** The follow-up an accepted offer requires, from the local date of the acceptance; null when it requires none. */
export function followUpPlan(offer: Pick<Offer, 'follow_up_kind' | 'follow_up_days'>, acceptedOn: string): FollowUpPlan | null {
  if (offer.follow_up_kind === null || offer.follow_up_days === null) return null;
  const on = dayNumber(acceptedOn) + offer.follow_up_days;
  return { kind: offer.follow_up_kind, on: formatDay(on), dueDate: formatDay(on + FOLLOW_UP_WINDOW_DAYS) };
}

/** The date `months` calendar months after an ISO date or instant (the 31st of a shorter month: its last day). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = civilFromDay(dayNumber(date.slice(0, 10)));
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return formatDay(dayFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm))));
}

/** Statuses (canonical, core/worklist/cells.ts) of a line that is not in use: suspended or on its way out. */
export const inactiveStatuses: ReadonlySet<string> = new Set(['停机', '欠费停机', '预销号', '保留期', '冷冻期']);

/** What one row of a later work-list file says about a customer, for the columns the file has (undefined: no column). */
export interface LaterFacts {
  /** The file's date: the import's local date. */
  on: string;
  status?: string | null;
  churned?: number | boolean | null;
  churnDate?: string | null;
  planCode?: string | null;
  arpuCur?: number | null;
  /** 上月ARPU, used when the file has no current-month ARPU. */
  arpuLastMonth?: number | null;
}

export interface SuccessFacts {
  /** Local date of the acceptance. */
  on: string;
  /** The plan the customer was on at the first import after the success (the plan as accepted), when known. */
  planAccepted: string | null;
}

export type RetentionVerdict = 'retained' | 'not-retained' | null;

const isYes = (v: number | boolean | null | undefined): boolean => v === true || v === 1;

/**
 * Was the success kept three months (docs/product.md §5.3)? From one later file's row:
 *  - churned (离网): kept when the churn date is three months or more after the success, else not kept;
 *  - before three months have passed, anything else decides nothing yet (a suspension may lift);
 *  - three months or more after: kept when the line is in use (status not suspended or on its way out) and, when the
 *    file names the plan and the plan as accepted is known, still on that plan; not kept otherwise;
 *  - a row with neither a status nor a churn flag (no such column, or both cells blank) says nothing (null).
 */
export function retentionVerdict(success: SuccessFacts, later: LaterFacts): RetentionVerdict {
  // Neither a status nor a churn flag (no such column, or blank cells): the row is no evidence either way.
  if ((later.status ?? null) === null && (later.churned ?? null) === null) return null;
  const due = addMonths(success.on, RETENTION_MONTHS);
  if (isYes(later.churned)) return later.churnDate && later.churnDate.slice(0, 10) >= due ? 'retained' : 'not-retained';
  if (later.on < due) return null;
  if (later.status && inactiveStatuses.has(later.status)) return 'not-retained';
  if (later.planCode && success.planAccepted && later.planCode !== success.planAccepted) return 'not-retained';
  return 'retained';
}

/**
 * ARPU after a success from a later file's row, or null when this file is too early or says nothing: the first
 * file at least a month after the success gives the current month's ARPU (else last month's); a line that has
 * churned by then keeps 0.
 */
export function arpuAfter(successOn: string, later: LaterFacts): number | null {
  if (later.on < addMonths(successOn, ARPU_AFTER_MONTHS)) return null;
  if (isYes(later.churned)) return 0;
  return later.arpuCur ?? later.arpuLastMonth ?? null;
}

/** ARPU before a success, from the customer's stored figures at that moment: the 3-month average, else the current month. */
export function arpuBefore(s: { arpu_avg3?: number | null; arpu_cur?: number | null }): number | null {
  return s.arpu_avg3 ?? s.arpu_cur ?? null;
}
