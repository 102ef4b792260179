/**
 * Cell normalisers, one per field kind (fields.ts), for values as readers hand them over: numbers (with
 * Excel's date serials among them), strings from CSV and text cells, booleans, and occasionally Date objects.
 *
 * Each returns `{ ok: true, value }` — `value: null` for an empty cell — or `{ ok: false, code, params }` with
 * a message code (core/i18n) saying what is wrong in the words of whoever must fix the file. Nothing is
 * guessed: a value is read only when its meaning is certain, otherwise the cell is reported. A problem may
 * carry a `fallback` the row still uses (a truncated text, list type 'other'), so the warning explains a
 * value rather than replacing it.
 *
 * Decisions worth knowing:
 *  - A date is a calendar day: 'YYYY-MM-DD', never shifted by a time zone. Excel serials use the 1900 system
 *    (serial 60, Excel's fictitious 1900-02-29, is refused); time fractions are dropped after rounding to the
 *    second as Excel displays them. Dates outside `plausibleDateRange` are refused: a small number in a
 *    date column is a count in the wrong column, not 1900-02-14.
 *  - Percentages: '12%' is 0.12, and it is accepted only in share fields (offnet_ratio_*); anywhere else a
 *    percent sign means the column is not what the header says. A share column whose header says '(%)' holds
 *    percentage points (35 → 0.35); otherwise a share must lie in 0..1 — a bare 35 could be 35% or a mistake,
 *    so it is reported rather than divided.
 *  - '万' is a multiplier (1.2万 → 12000); units in the field's own unit (元, MB, 分钟, 次, 天, 月…) are
 *    dropped; other units (GB, 秒) make the cell invalid rather than silently wrong by a factor.
 *  - int fields are all counts (months, days, calls): negative values are refused.
 *  - Identity numbers: 18 characters with a valid check digit, or the old 15-digit form, which is converted to
 *    18 so both forms of one card hash alike. The value is returned only for hashing; problems show it masked.
 *    Other documents (passports, Hong Kong/Macau permits) in an ID column are reported, not hashed.
 *  - Empty: '', '-', '—', 'NULL', '\N', 'N/A', '#N/A' and the like are empty everywhere; '无' is empty in
 *    number and date columns but a value in text columns (双卡标识 '无').
 *  - Dates as D/M/YYYY or M/D/YYYY are read only when one reading is impossible (23/11/2026); otherwise the
 *    cell is reported as ambiguous. Dates with a time keep the day as written, whatever zone the time names.
 */
import type { MessageCode } from '../i18n';
import { listTypeLabels, listTypes, fieldByKey, type CanonicalFieldKey, type FieldKind, type ListType } from './fields';
import { normalizeMsisdn } from './msisdn';
import { dayFromCivil, daysInMonth, formatDay } from '../calendar';
import { birthDateValid, idCheckCharacter, maskIdNumber } from '../privacy/identity';

export type CellParams = Record<string, string | number>;
export type CellOk<T> = { ok: true; value: T | null };
export type CellProblem<T = never> = { ok: false; code: MessageCode; params: CellParams; fallback?: T };
export type CellResult<T> = CellOk<T> | CellProblem<T>;

const EMPTY: CellOk<never> = Object.freeze({ ok: true, value: null }) as CellOk<never>;
const ok = <T>(value: T): CellOk<T> => ({ ok: true, value });
const problem = <T = never>(code: MessageCode, params: CellParams, fallback?: T): CellProblem<T> =>
  fallback === undefined ? { ok: false, code, params } : { ok: false, code, params, fallback };

/* ---------------------------------------------------------------------------------------------------------- */
/* Shared text handling                                                                                        */

/** Cells that mean "no value" in the files we get: dashes, SQL/Hive/pandas nulls, and Excel's #N/A. */
const NULL_TOKENS: ReadonlySet<string> = new Set([
  '', '-', '--', '---', '—', '——', '–', '/', '\\n', 'null', 'none', 'nan', 'n/a', 'na', '#n/a', 'nil', '(null)', '(空)', '空',
]);
/** In numeric and date columns '无' (none) is also empty; in text columns it is a value (双卡标识 '无'). */
const NULL_TOKENS_NUMERIC: ReadonlySet<string> = new Set([...NULL_TOKENS, '无', '暂无']);

/** Excel's error values other than #N/A (which files use as "not available" and is read as empty). */
const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#null!', '#div/0!', '#value!', '#ref!', '#name?', '#num!', '#getting_data', '#spill!', '#calc!', '#field!',
  '#blocked!', '#unknown!', '#connect!', '#busy!', '#external!', '#python!',
]);

const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;
// Full-width ASCII, ideographic space, or anything else NFKC would change in a number or date.
const NEEDS_NFKC = /[\uff01-\uff5e\u3000\u2212\u2024-\u2026]/;
const MAX_VALUE_SHOWN = 60;

/**
 * String(value) that cannot throw: readers hand over strings, numbers, booleans and dates, but a caller's
 * object with a broken toString must not take an import down.
 */
export function safeString(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  try {
    return String(raw);
  } catch {
    return Object.prototype.toString.call(raw);
  }
}

/** The cell as it appears in a report: raw text, trimmed and shortened. */
export function displayValue(raw: unknown): string {
  let s: string;
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') s = excelStyleNumber(raw);
  else if (raw instanceof Date) s = Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
  else s = safeString(raw).trim();
  return s.length > MAX_VALUE_SHOWN ? `${s.slice(0, MAX_VALUE_SHOWN - 1)}…` : s;
}

/** A number as Excel's General format would show it: 15 significant digits, scientific from 1E+11 up to keep 11 characters. */
function excelStyleNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) return n.toExponential(5).replace(/\.?0+e/, 'e').replace('e', 'E').replace(/E(\d)/, 'E+$1');
  return String(Number(n.toPrecision(15)));
}

/** Trim, fold full-width forms (NFKC) where present and drop invisible characters: for numbers and dates. */
function cleanToken(s: string): string {
  let t = s;
  if (NEEDS_NFKC.test(t)) t = t.normalize('NFKC').replace(/\u2212/g, '-');
  t = t.replace(INVISIBLE, '').trim();
  // Excel's "this is text" apostrophe, kept by some exports: '13812346886
  if (t.charCodeAt(0) === 39) t = t.slice(1).trim();
  return t;
}

const isNullToken = (lower: string, numeric: boolean): boolean => (numeric ? NULL_TOKENS_NUMERIC : NULL_TOKENS).has(lower);

/* ---------------------------------------------------------------------------------------------------------- */
/* Calendar                                                                                                     */

const MS_PER_DAY = 86_400_000;

export { dayFromCivil };
/** 'YYYY-MM-DD' of a day number, with no Date object and no time zone. */
export const isoFromDay = formatDay;

export { daysInMonth };

/** Day number of a valid calendar date, or null (2026-02-30, month 13). */
export function dayOf(y: number, m: number, d: number): number | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return null;
  return dayFromCivil(y, m, d);
}

/** The last serial Excel accepts: 9999-12-31. */
const MAX_SERIAL = 2_958_465;

/**
 * The calendar day (days since 1970-01-01) of an Excel serial. 1900 system: serial 1 is 1900-01-01, and
 * Excel counts a 29 February 1900 that never was (serial 60), so serials from 61 on are one day later than a
 * plain count. 1904 system (old Mac workbooks): serial 0 is 1904-01-01. The time of day is rounded to the
 * second, as Excel shows it, so 46349.99999999 is the next day. Null for serial 60 in the 1900 system, for
 * serials below the first day, and past 9999-12-31.
 */
export function excelSerialToDay(serial: number, date1904 = false): number | null {
  if (!Number.isFinite(serial)) return null;
  let whole = Math.floor(serial);
  const seconds = Math.round((serial - whole) * 86_400);
  if (seconds >= 86_400) whole += 1;
  if (date1904) return whole >= 0 && whole <= MAX_SERIAL - 1462 ? whole - 24_107 : null;
  if (whole < 1 || whole > MAX_SERIAL || whole === 60) return null;
  return whole < 60 ? whole - 25_568 : whole - 25_569;
}

export const excelSerialToIsoDate = (serial: number, date1904 = false): string | null => {
  const day = excelSerialToDay(serial, date1904);
  return day === null ? null : isoFromDay(day);
};

/** Seconds into the day of a serial, rounded as Excel shows them (0 after rounding up to the next day). */
export function excelSerialSeconds(serial: number): number {
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  return seconds >= 86_400 ? 0 : seconds;
}

/**
 * Dates that can occur in a work list: mobile service began in China in 1987; '2099-12-31' is the central
 * systems' "no end" contract date. Anything outside is a value in the wrong column.
 */
export const plausibleDateRange = { min: '1950-01-01', max: '2199-12-31' } as const;
const MIN_DAY = dayFromCivil(1950, 1, 1);
const MAX_DAY = dayFromCivil(2199, 12, 31);

const TIME_PART = String.raw`(?:[T\s]+\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})${TIME_PART}$`);
const YMD_ZH = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME_PART}$`);
const YMD_COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME_PART}$`);
const DMY_OR_MDY = new RegExp(String.raw`^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})${TIME_PART}$`);
const SERIAL_TEXT = /^\d{1,5}(\.\d+)?$/;

function dateFromDay(day: number | null, shown: string): CellResult<string> {
  if (day === null) return problem('date.not-a-day', { value: shown });
  if (day < MIN_DAY || day > MAX_DAY) return problem('date.out-of-range', { value: shown, ...plausibleDateParams });
  return ok(isoFromDay(day));
}
const plausibleDateParams = { min: plausibleDateRange.min, max: plausibleDateRange.max };

/** An 8-digit number like 20261123 is a compact date, not a serial (those end at 2958465). */
function compactDateNumber(n: number): number | null | undefined {
  if (!Number.isInteger(n) || n < 10_000_101 || n > 99_991_231) return undefined;
  return dayOf(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** 'YYYY-MM-DD', what our readers and exports produce: checked without a regular expression. */
function isoDateFast(s: string): CellResult<string> | undefined {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  if (!(isDigit(s.charCodeAt(0)) && isDigit(s.charCodeAt(1)) && isDigit(s.charCodeAt(2)) && isDigit(s.charCodeAt(3)))) return undefined;
  if (!(isDigit(s.charCodeAt(5)) && isDigit(s.charCodeAt(6)) && isDigit(s.charCodeAt(8)) && isDigit(s.charCodeAt(9)))) return undefined;
  const day = dayOf(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
  if (day === null) return problem('date.not-a-day', { value: s });
  if (day < MIN_DAY || day > MAX_DAY) return problem('date.out-of-range', { value: s, ...plausibleDateParams });
  return ok(s);
}

export function normalizeDateCell(raw: unknown): CellResult<string> {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return problem('date.invalid', { value: displayValue(raw) });
    const compact = compactDateNumber(raw);
    if (compact !== undefined) return dateFromDay(compact, String(raw));
    return dateFromDay(excelSerialToDay(raw), displayValue(raw));
  }
  if (raw instanceof Date) {
    const ms = raw.getTime();
    if (Number.isNaN(ms)) return problem('date.invalid', { value: 'Invalid Date' });
    // Readers put date cells at midnight, UTC or local; the nearest UTC midnight is that calendar day in every
    // zone from UTC−12 to UTC+12, where local getters would shift it by the machine's zone.
    return dateFromDay(Math.round(ms / MS_PER_DAY), displayValue(raw));
  }
  if (typeof raw === 'boolean') return problem('date.invalid', { value: String(raw).toUpperCase() });
  if (typeof raw === 'string' && raw.length === 10) {
    const fast = isoDateFast(raw);
    if (fast !== undefined) return fast;
  }
  const text = cleanToken(safeString(raw));
  const lower = text.toLowerCase();
  if (isNullToken(lower, true)) return EMPTY;
  if (EXCEL_ERRORS.has(lower)) return problem('cell.excel-error', { value: text });
  const shown = displayValue(text);
  let m = YMD.exec(text) ?? YMD_ZH.exec(text);
  if (m) {
    const [y, mo, d] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    return dateFromDay(dayOf(Number(y), Number(mo), Number(d)), shown);
  }
  m = YMD_COMPACT.exec(text);
  if (m) return dateFromDay(dayOf(Number(m[1]), Number(m[2]), Number(m[3])), shown);
  m = DMY_OR_MDY.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    // Only when one reading is impossible is the other certain (23/11/2026, 11/23/2026).
    if (a > 12 && b <= 12) return dateFromDay(dayOf(y, b, a), shown);
    if (b > 12 && a <= 12) return dateFromDay(dayOf(y, a, b), shown);
    if (a === b) return dateFromDay(dayOf(y, a, b), shown);
    return problem('date.ambiguous', { value: shown });
  }
  // A serial written out as text, as scripts that dump a sheet's raw values do.
  if (SERIAL_TEXT.test(text)) return dateFromDay(excelSerialToDay(Number(text)), shown);
  return problem('date.invalid', { value: shown });
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Numbers                                                                                                     */

/** Share fields: a fraction of 1, the only fields where '35%' is meaningful. */
export const shareFields: ReadonlySet<CanonicalFieldKey> = new Set<CanonicalFieldKey>(['offnet_ratio_prev', 'offnet_ratio_cur']);

export interface NumberOptions {
  /** The field, for messages. */
  field?: string;
  /** A share (0..1): '35%' → 0.35. */
  share?: boolean;
  /** The header said '(%)': every number in the column is percentage points. */
  percentPoints?: boolean;
}

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const NUMBER_BODY = /^([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d{1,3}))?$/;
const CURRENCY_PREFIX = /^(?:[¥￥$]|rmb|cny)\s*/i;
// Units in which the canonical numeric fields are already expressed; '万' multiplies, handled apart.
const UNIT_SUFFIX = /\s*(?:元\/月|元|块|rmb|cny|分钟|min|mins|次|个|天|日|个月|月|人|户|部|张|条|mb|m)$/i;

/** The number in a text cell, or a problem. Percent and 万 are reported in `kind` for the caller to apply. */
function parseNumberText(text: string): { value: number; percent: boolean } | null {
  let t = text;
  let percent = false;
  let scale = 1;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  t = t.replace(CURRENCY_PREFIX, '').replace(UNIT_SUFFIX, '');
  if (t.endsWith('万')) {
    scale = 10_000;
    t = t.slice(0, -1).trimEnd();
  }
  const m = NUMBER_BODY.exec(t);
  if (!m) return null;
  let value = Number(m[2]!.replace(/,/g, ''));
  if (m[3] !== undefined) value *= 10 ** Number(m[3]);
  if (m[1] === '-') value = -value;
  value *= scale;
  if (!Number.isFinite(value)) return null;
  return { value, percent };
}

export function normalizeNumberCell(raw: unknown, opts: NumberOptions = {}): CellResult<number> {
  if (raw === null || raw === undefined) return EMPTY;
  let value: number;
  let percent = false;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return problem('number.invalid', { value: displayValue(raw) });
    value = raw;
  } else if (typeof raw === 'string' && PLAIN_NUMBER.test(raw)) {
    value = Number(raw);
  } else {
    if (typeof raw !== 'string') return problem('number.invalid', { value: displayValue(raw) });
    const text = cleanToken(raw);
    const lower = text.toLowerCase();
    if (isNullToken(lower, true)) return EMPTY;
    if (EXCEL_ERRORS.has(lower)) return problem('cell.excel-error', { value: text });
    const parsed = parseNumberText(text);
    if (!parsed) return problem('number.invalid', { value: displayValue(text) });
    value = parsed.value;
    percent = parsed.percent;
  }
  if (opts.share) {
    if (percent || opts.percentPoints) value /= 100;
    if (value < 0 || value > 1) return problem('number.ratio-out-of-range', { field: opts.field ?? '', value: displayValue(raw) });
  } else if (percent) {
    return problem('number.percent-not-expected', { field: opts.field ?? '', value: displayValue(raw) });
  }
  return ok(value);
}

/** Whole numbers that floating point arithmetic in the source nudged off (2.9999999999) count as whole. */
const WHOLE_TOLERANCE = 1e-9;

export function normalizeIntCell(raw: unknown, opts: { field?: string } = {}): CellResult<number> {
  const r = normalizeNumberCell(raw, { field: opts.field });
  if (!r.ok || r.value === null) return r;
  const rounded = Math.round(r.value);
  if (Math.abs(r.value - rounded) > WHOLE_TOLERANCE * Math.max(1, Math.abs(r.value))) {
    return problem('int.not-whole', { field: opts.field ?? '', value: displayValue(raw) });
  }
  if (rounded < 0) return problem('int.negative', { field: opts.field ?? '', value: displayValue(raw) });
  return rounded === r.value ? r : ok(rounded);
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Yes / no                                                                                                    */

const YES: ReadonlySet<string> = new Set([
  '是', '有', '是的', '对', 'y', 'yes', 't', 'true', '1', '√', '✓', '✔', '开通', '已开通', '办理', '已办理', '订购', '已订购', '已签约',
]);
const NO: ReadonlySet<string> = new Set([
  '否', '无', '没有', '不是', 'n', 'no', 'f', 'false', '0', '×', '✗', '✘', '未开通', '未办理', '未订购', '未签约',
]);

export function normalizeBoolCell(raw: unknown): CellResult<0 | 1> {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'boolean') return ok(raw ? 1 : 0);
  if (typeof raw === 'number') {
    if (raw === 1) return ok(1);
    if (raw === 0) return ok(0);
    return problem('bool.invalid', { value: displayValue(raw) });
  }
  if (typeof raw !== 'string') return problem('bool.invalid', { value: displayValue(raw) });
  const text = cleanToken(raw);
  const lower = text.toLowerCase().replace(/\s+/g, '');
  if (YES.has(lower)) return ok(1);
  if (NO.has(lower)) return ok(0);
  if (NULL_TOKENS.has(lower)) return EMPTY;
  if (EXCEL_ERRORS.has(lower)) return problem('cell.excel-error', { value: text });
  if (lower === '1.0') return ok(1);
  if (lower === '0.0') return ok(0);
  return problem('bool.invalid', { value: displayValue(text) });
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Text                                                                                                        */

/** Longer text is cut: a work-list cell is a name, a code, a short note; 32,767-character cells are junk. */
export const MAX_TEXT_LENGTH = 1000;
const TEXT_NEEDS_CLEANING = /^\s|\s$|\s\s|[\t\n\r\u00a0\u3000\u00ad\u200b-\u200f\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Text as stored: trimmed, inner whitespace (line breaks too) collapsed to one space, invisible characters gone. */
export function cleanText(s: string): string {
  if (!TEXT_NEEDS_CLEANING.test(s)) return s;
  return s
    .replace(INVISIBLE, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a text can be a null token or an error value: saves lower-casing every name and address. */
const mayBeToken = (first: number): boolean => first < 128 || first === 0x2014 || first === 0x2013 || first === 0x7a7a || first === 0xff08;

/** A number shown as text the way Excel's General format shows it (a plan code 10001, a period 202611). */
function numberAsText(n: number): CellResult<string> {
  if (!Number.isFinite(n)) return problem('number.invalid', { value: String(n) });
  // Excel keeps 15 significant digits: a longer integer in a number cell has already lost its tail.
  if (Number.isInteger(n)) return Math.abs(n) >= 1e15 ? problem('cell.lost-digits', { value: excelStyleNumber(n) }) : ok(String(n));
  return ok(String(Number(n.toPrecision(15))));
}

export function normalizeTextCell(raw: unknown): CellResult<string> {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'number') return numberAsText(raw);
  if (typeof raw === 'boolean') return ok(raw ? 'TRUE' : 'FALSE');
  if (raw instanceof Date) return normalizeDateCell(raw);
  let text = cleanText(safeString(raw));
  if (text.length === 0) return EMPTY;
  if (text.length <= 16 && mayBeToken(text.charCodeAt(0))) {
    const lower = text.toLowerCase();
    if (NULL_TOKENS.has(lower)) return EMPTY;
    if (EXCEL_ERRORS.has(lower)) return problem('cell.excel-error', { value: text });
  }
  if (text.length > MAX_TEXT_LENGTH) {
    text = text.slice(0, MAX_TEXT_LENGTH);
    return problem('text.truncated', { max: MAX_TEXT_LENGTH }, text);
  }
  return ok(text);
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Phone number and identity number                                                                           */

const SCIENTIFIC = /^\d+(?:\.\d+)?[eE][+]?\d+$/;
const MOBILE = /^1[3-9]\d{9}$/;

export function normalizeMsisdnCell(raw: unknown): CellResult<string> {
  if (typeof raw === 'string' && raw.length === 11 && MOBILE.test(raw)) return ok(raw);
  // Excel stores a number typed as 1.38888E+10 as 13888800000: only the text form shows the loss.
  const r = normalizeMsisdn(typeof raw === 'string' ? cleanToken(raw) : typeof raw === 'object' && raw !== null ? safeString(raw) : raw);
  if (r.ok) return ok(r.msisdn);
  const shown = displayValue(raw);
  switch (r.problem) {
    case 'empty':
      return problem('msisdn.missing', {});
    case 'lost-digits':
      return problem('msisdn.lost-digits', { value: shown });
    case 'wrong-length':
      return problem('msisdn.wrong-length', { value: shown, digits: shown.replace(/\D/g, '').length });
    case 'not-mobile':
      return problem('msisdn.not-mobile', { value: shown });
    default:
      return problem('msisdn.not-a-number', { value: shown });
  }
}

// The identity-number rules themselves (check character, birth date, masking) live in core/privacy/identity.
export { idCheckCharacter, maskIdNumber };

/**
 * The 18-character form of a mainland identity number, upper case, for the caller to hash; never stored.
 * Problems carry the number masked.
 */
export function normalizeIdNumberCell(raw: unknown): CellResult<string> {
  if (raw === null || raw === undefined) return EMPTY;
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return problem('id.invalid', { value: '*' });
    // An 18-digit number in a number cell keeps only 15 significant digits.
    if (Number.isInteger(raw) && raw >= 1e15) return problem('cell.lost-digits', { value: maskIdNumber(excelStyleNumber(raw)) });
    text = Number.isInteger(raw) ? String(raw) : excelStyleNumber(raw);
  } else {
    text = cleanToken(safeString(raw)).replace(/[\s-]/g, '').toUpperCase();
    if (isNullToken(text.toLowerCase(), false)) return EMPTY;
    if (SCIENTIFIC.test(text)) return problem('cell.lost-digits', { value: maskIdNumber(text) });
  }
  if (/^\d{17}[\dX]$/.test(text)) {
    if (!birthDateValid(Number(text.slice(6, 10)), Number(text.slice(10, 12)), Number(text.slice(12, 14)))) {
      return problem('id.invalid', { value: maskIdNumber(text) });
    }
    if (idCheckCharacter(text) !== text[17]) return problem('id.checksum', { value: maskIdNumber(text) });
    return ok(text);
  }
  if (/^\d{15}$/.test(text)) {
    // First-generation cards (before 1999): two-digit year of the 1900s, no check character.
    if (!birthDateValid(1900 + Number(text.slice(6, 8)), Number(text.slice(8, 10)), Number(text.slice(10, 12)))) {
      return problem('id.invalid', { value: maskIdNumber(text) });
    }
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    return ok(first17 + idCheckCharacter(first17));
  }
  return problem('id.invalid', { value: maskIdNumber(text) });
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Vocabulary of the central systems                                                                          */

const vocabularyKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s_\-·・]/g, '');

const listTypeByLabel: ReadonlyMap<string, ListType> = (() => {
  const map = new Map<string, ListType>();
  for (const t of listTypes) {
    map.set(vocabularyKey(t), t);
    map.set(vocabularyKey(listTypeLabels[t].zh), t);
    map.set(vocabularyKey(listTypeLabels[t].en), t);
    for (const a of listTypeLabels[t].aliases ?? []) map.set(vocabularyKey(a), t);
  }
  return map;
})();

/**
 * A list type from its label in Chinese or English ('合约即将到期', 'Contract expiring') or its code; a name
 * that contains exactly one type's Chinese label ('双卡用户清单') is that type. Anything else is 'other',
 * with a warning so the agent sees why.
 */
const listTypeZhKeys = listTypes
  .filter((t) => t !== 'other')
  .flatMap((t) => [listTypeLabels[t].zh, ...(listTypeLabels[t].aliases ?? []).filter((a) => /^[\u4e00-\u9fff]{3,}$/.test(a))].map((zh) => [t, vocabularyKey(zh)] as const));
/** A file has one or a few list types in 100,000 rows: each distinct text is looked up once. */
const listTypeSeen = new Map<string, ListType | null>();

export function normalizeListTypeCell(raw: unknown): CellResult<ListType> {
  const text = normalizeTextCell(raw);
  if (!text.ok) return problem(text.code, text.params, 'other' as ListType);
  if (text.value === null) return EMPTY;
  let type = listTypeSeen.get(text.value);
  if (type === undefined) {
    const key = vocabularyKey(text.value);
    type = listTypeByLabel.get(key) ?? null;
    if (type === null) {
      const contained = new Set(listTypeZhKeys.filter(([, zh]) => key.includes(zh)).map(([t]) => t));
      if (contained.size === 1) type = [...contained][0]!;
    }
    if (listTypeSeen.size < 4096) listTypeSeen.set(text.value, type);
  }
  if (type !== null) return ok(type);
  return problem('list-type.unknown', { value: displayValue(text.value) }, 'other' as ListType);
}

/** Spelling variants of the central systems' fixed values, folded to the form the rest of the app uses. */
const vocabularies: Partial<Record<CanonicalFieldKey, ReadonlyMap<string, string>>> = {
  tier: vocabulary({
    钻石卡: ['钻石', '钻石卡', '钻卡', '钻石客户', 'diamond'],
    金卡: ['金', '金卡', '金卡客户', 'gold'],
    银卡: ['银', '银卡', '银卡客户', 'silver'],
    普通: ['普通', '普卡', '普通卡', '普通客户', '大众', '大众客户', 'normal', 'regular', 'standard'],
  }),
  brand: vocabulary({
    全球通: ['全球通', 'gotone', 'go tone'],
    动感地带: ['动感地带', '动感', 'mzone', 'm-zone'],
    神州行: ['神州行', 'easyown', 'easy own'],
  }),
  dual_sim: vocabulary({
    无: ['无', '否', '非双卡', 'n', 'no', '0', 'none'],
    '移动+联通': ['移动+联通', '联通', '移动联通', '移动/联通', 'unicom', 'cmcc+unicom'],
    '移动+电信': ['移动+电信', '电信', '移动电信', '移动/电信', 'telecom', 'cmcc+telecom'],
    '移动+广电': ['移动+广电', '广电', '移动广电', '移动/广电', 'broadnet', 'cbn', 'cmcc+broadnet'],
    是: ['是', '双卡', 'y', 'yes', '1'],
  }),
  status: vocabulary({
    正常: ['正常', '在用', '正常在用', '开通', '正常使用', 'normal', 'active'],
    停机: ['停机', 'suspended'],
    欠费停机: ['欠费停机', '欠停', '欠费停'],
    预销号: ['预销号', '预销户', '预销'],
    保留期: ['保留期'],
    冷冻期: ['冷冻期'],
  }),
  region_type: vocabulary({
    城市: ['城市', '城区', '市区', 'urban', 'city'],
    县城: ['县城', 'county town'],
    农村: ['农村', '乡村', 'rural'],
  }),
};

function vocabulary(spellings: Record<string, readonly string[]>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(spellings)) for (const v of variants) map.set(vocabularyKey(v), canonical);
  return map;
}

/**
 * The brand (全球通 / 动感地带 / 神州行, canonical spelling) a text names, e.g. a tariff plan's name
 * ("全球通畅享套餐128元" → 全球通); null when it names none or more than one. The tariff preview reads a plan's
 * brand from its name this way (docs/product.md §5.4): the catalogue has no brand column.
 */
export function brandNamedIn(text: string): string | null {
  const key = vocabularyKey(text);
  const found = new Set<string>();
  for (const [spelling, brand] of vocabularies.brand!) if (spelling.length >= 2 && key.includes(spelling)) found.add(brand);
  return found.size === 1 ? [...found][0]! : null;
}

/** Whether a text is a known value (any spelling) of tier, brand, dual_sim, status or region_type. */
export function isKnownValue(field: CanonicalFieldKey, text: string): boolean {
  return vocabularies[field]?.has(vocabularyKey(text)) ?? false;
}

/** The canonical values of a field with a vocabulary (正常, 停机 … for status), in their order. */
export function knownValues(field: CanonicalFieldKey): string[] {
  return [...new Set(vocabularies[field]?.values() ?? [])];
}

/** The canonical spelling of a known value of tier, brand, dual_sim, status or region_type; other text unchanged. */
export function canonicalValue(field: CanonicalFieldKey, text: string): string {
  const map = vocabularies[field];
  if (!map) return text;
  return map.get(vocabularyKey(text)) ?? text;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* One normaliser per field                                                                                    */

export type NormalizedValue = string | number;
export type CellNormalizer = (raw: unknown) => CellResult<NormalizedValue>;

/**
 * The normaliser for a canonical field's cells, chosen once per column (rows.ts calls it per cell). `unit` is
 * the bracketed unit the header carried ('%' makes a share column percentage points).
 */
export function cellNormalizerFor(field: CanonicalFieldKey, unit?: string): CellNormalizer {
  const def = fieldByKey.get(field);
  const kind: FieldKind = def?.kind ?? 'text';
  switch (kind) {
    case 'msisdn':
      return normalizeMsisdnCell;
    case 'id-number':
      return normalizeIdNumberCell;
    case 'date':
      return normalizeDateCell;
    case 'bool':
      return normalizeBoolCell;
    case 'int': {
      const opts = { field };
      return (raw) => normalizeIntCell(raw, opts);
    }
    case 'number': {
      const opts: NumberOptions = { field, share: shareFields.has(field), percentPoints: unit === '%' };
      return (raw) => normalizeNumberCell(raw, opts);
    }
    case 'text': {
      if (field === 'list_type') return normalizeListTypeCell;
      const map = vocabularies[field];
      if (!map) return normalizeTextCell;
      // These columns hold a handful of distinct values: remember each one's canonical form.
      const seen = new Map<string, string>();
      return (raw) => {
        const r = normalizeTextCell(raw);
        if (!r.ok || r.value === null) return r;
        let canonical = seen.get(r.value);
        if (canonical === undefined) {
          canonical = map.get(vocabularyKey(r.value)) ?? r.value;
          if (seen.size < 4096) seen.set(r.value, canonical);
        }
        return canonical === r.value ? r : ok(canonical);
      };
    }
  }
}

/** Text that is exactly how a number prints: no leading zeros ('00123' is a code), at most 15 digits. */
const CANONICAL_NUMBER_TEXT = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;

/**
 * A cell of an extra (unmapped) column: numbers stay numbers, text is cleaned, yes/no cells become 1/0 so the
 * learned model can use them; empty and error cells are null. CSV has no number cells, so text that is
 * exactly a number's printed form ('49', '-3.5', not '00123' or '1,200') becomes that number, and an extra
 * column reads the same from CSV as from xlsx. Never a problem: extras are kept as they come.
 */
export function normalizeExtraCell(raw: unknown): string | number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (raw instanceof Date) {
    const r = normalizeDateCell(raw);
    return r.ok ? r.value : null;
  }
  const r = normalizeTextCell(raw);
  const text = r.ok ? r.value : (r.fallback ?? null);
  if (text !== null && text.length <= 32 && CANONICAL_NUMBER_TEXT.test(text)) return Number(text);
  return text;
}
