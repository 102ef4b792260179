/**
 * Reading a subscriber record's cells cheaply and forgivingly: the scorer runs over a million records, so these
 * return plain numbers (NaN = missing) instead of allocating, and parse dates with arithmetic, not Date objects.
 * Records come from the importer already normalised (numbers as numbers, dates as 'YYYY-MM-DD', booleans 0/1),
 * but a hand-made record with '12' or '是' is read too.
 */
import { dayFromCivil, daysInMonth, formatDay, packedCivil } from '../calendar';
import type { CanonicalFieldKey } from '../worklist/fields';

/** A subscriber as core sees it: canonical fields, every one optional (only msisdn is required on import). */
export type SubscriberRecord = Partial<Record<CanonicalFieldKey, string | number | null>>;

/** The number in a cell, or NaN when it is missing or not a number. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v - v === 0 ? v : NaN; // finite check without a call
  if (typeof v === 'string' && v.length > 0) {
    const t = v.trim();
    if (t === '') return NaN;
    const n = Number(t);
    return n - n === 0 ? n : NaN;
  }
  return NaN;
}

const yes = new Set(['1', '是', '有', 'y', 'yes', 'true', 't']);
const no = new Set(['0', '否', '无', 'n', 'no', 'false', 'f']);

/** 1 (yes), 0 (no) or -1 (missing / unreadable). */
export function flag(v: unknown): number {
  if (typeof v === 'number') return v === 0 ? 0 : v - v === 0 ? 1 : -1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (yes.has(t)) return 1;
    if (no.has(t)) return 0;
  }
  return -1;
}

/** A text cell ('' when missing); numbers are written as text. */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return '';
}

export { dayFromCivil };

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/**
 * 'YYYY-MM-DD' (a longer ISO string is read by its first ten characters) as a day number, or NaN when the
 * value is not such a date. Month and day ranges are checked; 02-30 is not.
 */
export function dayOf(v: unknown): number {
  if (typeof v !== 'string' || v.length < 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return NaN;
  const y = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
  const m = digit(v, 5) * 10 + digit(v, 6);
  const d = digit(v, 8) * 10 + digit(v, 9);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  return dayFromCivil(y, m, d);
}

/** The 'YYYY-MM-DD' of a day number. */
export const formatDayNumber = formatDay;

/** Whole calendar months from day `from` to day `to` (a join date to today: the tenure). */
export function monthsBetween(from: number, to: number): number {
  const a = formatDayNumber(from);
  const b = formatDayNumber(to);
  const ay = Number(a.slice(0, 4)), am = Number(a.slice(5, 7)), ad = Number(a.slice(8, 10));
  const by = Number(b.slice(0, 4)), bm = Number(b.slice(5, 7)), bd = Number(b.slice(8, 10));
  return (by - ay) * 12 + (bm - am) - (bd < ad ? 1 : 0);
}

/**
 * The first day on which monthsBetween(from, day) reaches `months` (whole, at least 1): the same day of the month that
 * many months on, or the 1st of the month after when that month is shorter (a join on 01-31 has a month's tenure
 * on 03-01). A tenure rule's answer changes on such a day and on no other.
 */
export function dayMonthsReach(from: number, months: number): number {
  const p = packedCivil(from);
  const d = p % 100;
  const total = Math.floor(p / 10000) * 12 + (Math.floor(p / 100) % 100) - 1 + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return d <= daysInMonth(y, m) ? dayFromCivil(y, m, d) : dayFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1);
}

/**
 * When the figures of a day next change (docs/scoring-storage.md "A new day computes the customers due"): every rule
 * that reads the day asks "has `today` reached day X?" of a few days X, and its answer changes only on such a day
 * after today (days only move forward). These give that day for one comparison, Infinity when its answer is settled.
 */
export function changesOn(today: number, day: number): number {
  return day > today ? day : Infinity;
}

/**
 * The first day after `today` on which a comparison of the tenure in months (tenureMonths) with `months` can answer
 * otherwise: `tenure >= months` (and so `tenure < months`) for a tenure counted from the join day `join`
 * (tenureJoinDay); Infinity for NaN — a tenure given in the file (it does not move) or unknown.
 */
export function tenureChangesOn(join: number, today: number, months: number): number {
  if (join !== join) return Infinity;
  // A whole tenure reaches `months` when it reaches its ceiling; max(0, …) changes nothing for a ceiling from 1.
  const whole = Math.ceil(months);
  return whole >= 1 ? changesOn(today, dayMonthsReach(join, whole)) : Infinity;
}

let lastTodayText = '';
let lastTodayDay = NaN;

/** dayOf for the `today` of a context, remembered: the card path calls it once per look-up with the same day. */
export function todayDay(today: string): number {
  if (today !== lastTodayText) {
    const d = dayOf(today);
    if (d !== d) throw new Error(`today must be a date as YYYY-MM-DD, got "${today}"`);
    lastTodayText = today;
    lastTodayDay = d;
  }
  return lastTodayDay;
}

/**
 * Every canonical field the rule score, the segments and tags and the queue value read. The recompute job reads
 * only these columns (a million rows of all 55 columns cost twice as much to read); a test checks the list against
 * what the scorer actually touches.
 */
export const riskInputFields = [
  'arpu_avg3', 'arpu_cur', 'arpu_m1', 'arpu_m2', 'arpu_m3', 'arrears', 'broadband', 'competitor_contacts',
  'competitor_cs_calls_week', 'complaints_90d', 'contract_end', 'contract_type', 'data_mb_avg3', 'data_mb_cur',
  'dual_sim', 'family_members', 'family_numbers', 'forward_offnet', 'handset_months', 'handset_smart', 'join_date',
  'mou_avg3', 'mou_cur', 'offnet_ratio_cur', 'offnet_ratio_prev', 'plan_fee', 'porting_query_date', 'roaming_min', 'status',
  'suspended_days', 'tenure_months', 'tier', 'vnet',
  // The default sticky services' fields (a configuration may name others: config.ts stickyInputFields).
  'shred_list', 'address_book', 'message_manager', 'm_group', 'group_apps', 'mobile_mail',
] as const satisfies readonly CanonicalFieldKey[];

/** The 3-month ARPU average: arpu_avg3, else the mean of the monthly figures present. NaN if none. */
export function arpuAverage(s: SubscriberRecord): number {
  const avg = num(s.arpu_avg3);
  if (avg === avg) return avg;
  let sum = 0;
  let n = 0;
  const m1 = num(s.arpu_m1), m2 = num(s.arpu_m2), m3 = num(s.arpu_m3);
  if (m1 === m1) { sum += m1; n++; }
  if (m2 === m2) { sum += m2; n++; }
  if (m3 === m3) { sum += m3; n++; }
  return n > 0 ? sum / n : NaN;
}

/** The join day a tenure is counted from: NaN when the file gives tenure_months (it does not move with the day) or no join date. */
export function tenureJoinDay(s: SubscriberRecord): number {
  const t = num(s.tenure_months);
  return t === t ? NaN : dayOf(s.join_date);
}

/** Tenure in months: tenure_months, else from join_date. NaN if neither. */
export function tenureMonths(s: SubscriberRecord, today: number): number {
  const j = tenureJoinDay(s);
  return j === j ? Math.max(0, monthsBetween(j, today)) : num(s.tenure_months);
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
