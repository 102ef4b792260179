import dayjs from 'dayjs';
import { useMemo } from 'react';
import { translator, useLocale, type Locale, type MessageKey } from './i18n';

/** Values come from the API as UTC ISO strings; people read them in the machine's zone. */
const DATE_TIME = 'YYYY-MM-DD HH:mm';
const hasZone = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

export function localDateTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  // The contract says UTC; a value without a zone designator would otherwise be read as local time.
  const d = dayjs(hasZone.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
  return d.isValid() ? d.format(DATE_TIME) : iso;
}

export type Value = string | number | null | undefined;
const isMissing = (v: Value): v is null | undefined | '' => v === null || v === undefined || v === '';

export interface Formatter {
  /** What a missing value looks like everywhere: one dash, never "null" or an empty cell. */
  readonly missing: string;
  dateTime(iso: string | null | undefined): string;
  /** Calendar dates (YYYY-MM-DD) are local days already: shown as they are, never shifted by a zone. */
  date(v: Value): string;
  number(v: Value, maxFractionDigits?: number): string;
  /** An amount of money without its unit, always with two decimals so a column of them lines up. */
  money(v: Value): string;
  yuan(v: Value): string;
  minutes(v: Value): string;
  mb(v: Value): string;
  /** A whole number whose unit is already in its label, e.g. "网龄(月)". */
  count(v: Value): string;
  days(v: Value): string;
  times(v: Value): string;
  people(v: Value): string;
  /** Shares arrive as fractions (0.35) from most central extracts, sometimes as percentages (35). */
  share(v: Value): string;
  /** Signed change of `cur` against `base`, in percent; missing when either side is or the base is zero. */
  change(cur: Value, base: Value): string;
  /** A rate the desk computed (0.057), with one decimal always so a column of rates lines up ("5.0%", "5.7%"). */
  rate(v: number | null): string;
  bool(v: Value): string;
  text(v: Value): string;
}

export function formatterFor(locale: Locale): Formatter {
  const t = translator(locale);
  const missing = t('common.missing');
  const nf = new Map<number, Intl.NumberFormat>();
  const num = (n: number, digits: number) => {
    let f = nf.get(digits);
    if (!f) nf.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return f.format(n);
  };
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const rate = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const asNumber = (v: Value): number | null => {
    if (isMissing(v)) return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const unit = (key: Extract<MessageKey, `unit.${string}`>, digits: number) => (v: Value) => {
    const n = asNumber(v);
    if (n === null) return isMissing(v) ? missing : String(v);
    return t(key, { value: num(n, digits) });
  };
  return {
    missing,
    dateTime: (iso) => localDateTime(iso) ?? missing,
    date: (v) => (isMissing(v) ? missing : String(v)),
    number: (v, digits = 2) => {
      const n = asNumber(v);
      return n === null ? (isMissing(v) ? missing : String(v)) : num(n, digits);
    },
    money: (v) => {
      const n = asNumber(v);
      return n === null ? (isMissing(v) ? missing : String(v)) : money.format(n);
    },
    yuan: (v) => {
      const n = asNumber(v);
      if (n === null) return isMissing(v) ? missing : String(v);
      return t('unit.yuan', { value: money.format(n) });
    },
    minutes: unit('unit.minutes', 0),
    mb: unit('unit.mb', 0),
    count: (v) => {
      const n = asNumber(v);
      return n === null ? (isMissing(v) ? missing : String(v)) : num(n, 0);
    },
    days: unit('unit.days', 0),
    times: unit('unit.times', 0),
    people: unit('unit.people', 0),
    share: (v) => {
      const n = asNumber(v);
      if (n === null) return isMissing(v) ? missing : String(v);
      return t('unit.percent', { value: num(Math.abs(n) <= 1 ? n * 100 : n, 1) });
    },
    change: (cur, base) => {
      const c = asNumber(cur);
      const b = asNumber(base);
      if (c === null || b === null || b === 0) return missing;
      const pct = ((c - b) / Math.abs(b)) * 100;
      const rounded = Math.round(pct);
      const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
      return t('unit.percent', { value: `${sign}${num(Math.abs(rounded), 0)}` });
    },
    rate: (v) => (v === null || !Number.isFinite(v) ? missing : rate.format(v)),
    bool: (v) => {
      if (isMissing(v)) return missing;
      if (v === 1 || v === '1') return t('common.yes');
      if (v === 0 || v === '0') return t('common.no');
      return String(v);
    },
    text: (v) => (isMissing(v) ? missing : String(v)),
  };
}

export function useFormat(): Formatter {
  const locale = useLocale();
  return useMemo(() => formatterFor(locale), [locale]);
}
