/**
 * Mainland identity numbers (居民身份证号码, GB 11643): recognising them wherever they turn up, and masking them.
 *
 * An identity number is kept only as a keyed hash (docs/security.md); it must never be stored, shown or exported
 * in clear. Files do not always say which column holds it — '客户身份证号', '证件号码(身份证)', 'ID card', or a
 * column called '备注2' — so a column is also recognised by what it holds (`isIdentityColumn`), and an 18-character
 * identity number anywhere else is masked before it is stored or shown (`maskIdentityNumbersIn`).
 *
 * Outside an identity column only the 18-character form is masked value by value: its check character makes a
 * false match rare (about one random 18-digit string in 370), while 15 digits with a date-like middle are also
 * 3.6 % of IMEIs and IMSIs, which must not be masked away. The 15-digit cards were withdrawn in 2013; a column of
 * them is still an identity column.
 *
 * What counts as an identity number:
 *  - 18 characters: 17 digits and the ISO 7064 MOD 11-2 check character (a digit or X), with a real birth date
 *    (positions 7–14, from 1880) — a random 18-digit string passes by chance about once in 11 × 30;
 *  - 15 digits: the first-generation card (before 1999), no check character, with a real birth date in the 1900s
 *    in positions 7–12. IMEIs and IMSIs (also 15 digits) have such a "date" only about once in 28, so a column of
 *    them is not taken for identity numbers.
 */
import { daysInMonth } from '../calendar';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of a mainland identity number. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** A birth date as the card prints it: a real calendar day, from 1880 (the oldest living holders) on. */
export function birthDateValid(y: number, m: number, d: number): boolean {
  return y >= 1880 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const EIGHTEEN = /^\d{17}[\dX]$/;
const FIFTEEN = /^\d{15}$/;

/**
 * The 18-character form (upper case) of `text` when it is an identity number as written — 18 characters with a
 * correct check character, or 15 digits (converted, so both forms of one card hash alike) — else null. Spaces and
 * hyphens inside are ignored ('110105 19900101 123X').
 */
export function identityNumberOf(text: string): string | null {
  if (text.length < 15 || text.length > 40) return null;
  const s = text.replace(/[\s-]/g, '').toUpperCase();
  if (s.length === 18 && EIGHTEEN.test(s)) {
    if (!birthDateValid(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return null;
    return idCheckCharacter(s) === s[17] ? s : null;
  }
  if (s.length === 15 && FIFTEEN.test(s)) {
    if (!birthDateValid(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)))) return null;
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    return first17 + idCheckCharacter(first17);
  }
  return null;
}

/**
 * Whether a cell holds an identity number, in any form a reader hands over: text, a 15-digit number, or an
 * 18-digit number that Excel stored as a floating-point number (its last digits and so its check character are
 * lost, so only its birth date can be checked — still a number no one may see).
 */
export function isIdentityCell(value: unknown): boolean {
  if (typeof value === 'string') return identityNumberOf(value.trim()) !== null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e14 && value < 1e18) {
    if (value < 1e15) return identityNumberOf(String(value)) !== null;
    if (value < 1e17) return false;
    const s = value.toFixed(0);
    return birthDateValid(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
  }
  return false;
}

/** 110***********123X: enough to find the cell, never enough to identify the person. */
export function maskIdNumber(text: string): string {
  const s = text.replace(/\s+/g, '');
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

// Runs of 18 identity characters not inside a longer run of digits (see the header on 15-digit ones).
const CANDIDATE_RUN = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;
const MAY_HOLD = /\d{17}/;

/**
 * `text` with every 18-character identity number in it masked ('客户证件 110105199001011234 已核实' →
 * '客户证件 110***********1234 已核实').
 */
export function maskIdentityNumbersIn(text: string): string {
  if (text.length < 18 || !MAY_HOLD.test(text)) return text;
  return text.replace(CANDIDATE_RUN, (run) => (identityNumberOf(run) !== null ? maskIdNumber(run) : run));
}

/** A cell value as it may be shown or stored outside an identity column: identity numbers in text masked. */
export function maskIdentityValue<T>(value: T): T | string {
  return typeof value === 'string' ? maskIdentityNumbersIn(value) : value;
}

/** Every value of a record of attributes (a subscriber's extra attributes) with identity numbers masked. */
export function maskIdentityValues<V>(record: Readonly<Record<string, V>>): Record<string, V | string> {
  return maskedRecord(record, (_, v) => maskIdentityValue(v));
}

/**
 * A record with each value as `mask` gives it (by its key and value): the record itself when nothing changed, so a
 * card with nothing to mask is not copied — one loop for the identity and the contact masking.
 */
export function maskedRecord<V>(record: Readonly<Record<string, V>>, mask: (key: string, value: V) => V | string): Record<string, V | string> {
  let out: Record<string, V | string> | null = null;
  for (const key of Object.keys(record)) {
    const v = record[key]!;
    const masked = mask(key, v);
    if (masked !== v) (out ??= { ...record })[key] = masked;
  }
  return out ?? record;
}

/**
 * How a column is recognised as an identity column by its content, whatever its header: among its first
 * `sample` non-empty values, at least `share` are identity numbers (`isIdentityCell`), and at least `minCount` of
 * them — or all, for a column with fewer values than that. 80 % leaves room for mistyped check digits and blank
 * markers ('无', '-') in a real identity column, while a column of IMEIs, account numbers or amounts stays far
 * below it (see the header comment); 200 values are read in well under a millisecond.
 */
export const identityColumnRule = { sample: 200, share: 0.8, minCount: 3 } as const;

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Whether the values of a column (top to bottom) make it an identity column (`identityColumnRule`). */
export function isIdentityColumn(values: Iterable<unknown>): boolean {
  let seen = 0;
  let identity = 0;
  for (const v of values) {
    if (isBlank(v)) continue;
    seen++;
    if (isIdentityCell(v)) identity++;
    if (seen === identityColumnRule.sample) break;
  }
  if (identity === 0) return false;
  return identity >= identityColumnRule.share * seen && (identity >= identityColumnRule.minCount || identity === seen);
}
