/**
 * The packed form of the fields scoring reads (issue 19 #1, docs/scoring-storage.md): one small byte string per
 * customer, stored by db/scoring-inputs.ts and read a few thousand at a time, so that a full recompute does not pay
 * one SQLite-to-JavaScript conversion per column per row.
 *
 * Exactness: a row is packed from the values SQLite returned for the stored row (after column affinity) and read back
 * into the same JavaScript values — numbers as float64 (or int32 when they are one), a text as its number among the
 * workspace's words (a long one as its UTF-8), a date text in the canonical 'YYYY-MM-DD' form as its day number (read
 * back as the same text), null as null. Scoring the decoded record is scoring the stored row.
 */
import { formatDay } from '../calendar';
import { subscriberColumnKeys } from '../worklist/fields';
import { stickySourceFields } from './config';
import { dayOf, riskInputFields } from './values';

/**
 * Every canonical column but the number (packed first, as the row's key) and the name (no rule reads it); the fields
 * the rules read first, so that a reader stops early in the row and jumps to the next.
 */
export const packedFields: readonly string[] = [...new Set<string>([...riskInputFields, ...stickySourceFields, ...subscriberColumnKeys])].filter((k) => k !== 'msisdn' && k !== 'name');
const packedSet = new Set(packedFields);

/** The layout's version: every packed row starts with it. Raise it whenever the encoding changes. */
const FORMAT = 3;
/** The canonical part of every layout's signature. */
const baseSignature = `${FORMAT}:${packedFields.join(',')}`;

/**
 * What a workspace's rows are packed in: the canonical fields, then the extra columns (keys of a customer's `extra`
 * attributes) that an active churn model reads, so that a recompute with such a model reads packed rows too (over the
 * wide rows a new day with such a model took 35–40 s at a million, packed 19–23 s: docs/scoring-storage.md). Another
 * signature than the stored one means packing every row again.
 */
export interface PackedLayout {
  readonly extras: readonly string[];
  readonly signature: string;
}

/** The layout packing `extras` after the canonical fields (in a fixed order: the same set is the same layout). */
export function packedLayout(extras: readonly string[] = []): PackedLayout {
  const sorted = [...new Set(extras)].sort();
  // Without extras the signature is the one every workspace packed before extras were: nothing to pack again.
  return { extras: sorted, signature: sorted.length === 0 ? baseSignature : `${baseSignature}|${JSON.stringify(sorted)}` };
}

/** The layout a stored signature names, or null when the rows were packed in another format (to pack them again). */
export function storedLayout(signature: string | undefined): PackedLayout | null {
  if (signature === baseSignature) return packedLayout();
  if (signature === undefined || !signature.startsWith(`${baseSignature}|`)) return null;
  try {
    const extras: unknown = JSON.parse(signature.slice(baseSignature.length + 1));
    return Array.isArray(extras) && extras.every((k) => typeof k === 'string') ? packedLayout(extras) : null;
  } catch {
    return null;
  }
}

const T_NULL = 0, T_F64 = 1, T_I32 = 2, T_WORD = 3, T_STR = 4, T_DAY = 5, T_U8 = 6, T_CENTS = 7;
/** Only in an extra column's place: the customer has no such attribute, `true`, `false`, an object or list (as JSON). */
const T_ABSENT = 8, T_TRUE = 9, T_FALSE = 10, T_JSON = 11;
/** Texts longer than this (UTF-8 bytes) are packed as they are, not as words: they rarely repeat. */
const WORD_MAX_BYTES = 120;

/** Whether the canonical part of the packed rows holds `keys` (an extra column is packed only in a layout's extras). */
export function packable(keys: readonly string[]): boolean {
  return keys.every((k) => k === 'msisdn' || packedSet.has(k));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let scratch = new Uint8Array(4096);
let scratchView = new DataView(scratch.buffer);

/**
 * Packs one stored row: `values[i]` is packedFields[i] as SQLite returned it, then the layout's extras as JSON.parse
 * gave them from the row's `extra` (undefined for an attribute the customer does not have); `wordId` numbers a short
 * text.
 */
export function packScoringRow(msisdn: number, values: readonly unknown[], wordId: (word: string) => number): Uint8Array {
  let need = 13;
  for (const v of values) need += typeof v === 'string' ? 5 + v.length * 3 : isJsonValue(v) ? 5 + JSON.stringify(v).length * 3 : 9;
  if (need > scratch.length) {
    scratch = new Uint8Array(need * 2);
    scratchView = new DataView(scratch.buffer);
  }
  const b = scratch;
  const view = scratchView;
  let o = 0;
  b[o++] = FORMAT;
  view.setFloat64(o, msisdn, true);
  o += 12; // the row's length (u32) after the number, written at the end
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) b[o++] = T_NULL;
    else if (v === undefined) b[o++] = T_ABSENT;
    else if (v === true) b[o++] = T_TRUE;
    else if (v === false) b[o++] = T_FALSE;
    else if (isJsonValue(v)) {
      const { written } = encoder.encodeInto(JSON.stringify(v), b.subarray(o + 5));
      b[o] = T_JSON;
      view.setUint32(o + 1, written, true);
      o += 5 + written;
    } else if (typeof v === 'number') {
      const cents = Math.round(v * 100);
      if ((v | 0) === v && !Object.is(v, -0)) {
        if (v >= 0 && v <= 255) {
          b[o++] = T_U8;
          b[o++] = v;
        } else {
          b[o++] = T_I32;
          view.setInt32(o, v, true);
          o += 4;
        }
      } else if ((cents | 0) === cents && cents / 100 === v && !Object.is(v, -0)) {
        // Money, MB and ratios mostly have two decimals: stored as whole cents when dividing by 100 gives back the
        // very same double, so the read value is the stored one bit for bit.
        b[o++] = T_CENTS;
        view.setInt32(o, cents, true);
        o += 4;
      } else {
        b[o++] = T_F64;
        view.setFloat64(o, v, true);
        o += 8;
      }
    } else {
      // A BLOB cell or a bigint would be packed as its text; no canonical column holds one.
      const text = typeof v === 'string' ? v : String(v);
      const day = text.length === 10 ? dayOf(text) : NaN;
      if (day === day && formatDay(day) === text) {
        b[o++] = T_DAY;
        view.setInt32(o, day, true);
        o += 4;
        continue;
      }
      const { written } = encoder.encodeInto(text, b.subarray(o + 5));
      if (written <= WORD_MAX_BYTES) {
        b[o++] = T_WORD;
        view.setInt32(o, wordId(text), true);
        o += 4;
      } else {
        b[o] = T_STR;
        view.setUint32(o + 1, written, true);
        o += 5 + written;
      }
    }
  }
  view.setUint32(9, o, true);
  return b.slice(0, o);
}

/** An object or a list from an extra attribute's JSON (a BLOB cell of a canonical column is packed as its text). */
function isJsonValue(v: unknown): v is object {
  return typeof v === 'object' && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);
}

/** The texts of the days met, by day number: a recompute meets the same few thousand dates a million times. */
const dayTexts = new Map<number, string>();
function dayText(day: number): string {
  let s = dayTexts.get(day);
  if (s === undefined) {
    s = formatDay(day);
    if (dayTexts.size < 100_000) dayTexts.set(day, s);
  }
  return s;
}

/**
 * A reader of packed rows: `words[id]` the workspace's words, `wanted` the fields to read into the record (the rest
 * are skipped), `layout` what the rows were packed in. A wanted extra column is read into `record.extra`, a new object
 * per row holding the wanted attributes the customer has — what a model reads there on the wide row's parsed `extra`.
 * The reader takes a run of packed rows back to back (one chunk) and calls `each` after reading each into `record`,
 * which is reused: `each` must not keep it. Returns the rows read.
 */
export function packedRowReader(words: readonly (string | undefined)[], wanted: readonly string[], layout: PackedLayout = packedLayout()) {
  const want = new Set(wanted);
  const base = packedFields.length;
  const fields = [...packedFields, ...layout.extras];
  const keep = fields.map((f) => want.has(f));
  // An own property even for "__proto__", as JSON.parse makes it (an assignment would set the object's prototype).
  const defined = fields.map((f) => f === '__proto__');
  const extrasWanted = keep.some((k, i) => k && i >= base);
  // Fields after the last one wanted are not walked: the row's length says where the next starts.
  const nf = Math.max(0, ...keep.map((k, i) => (k ? i + 1 : 0)));
  return (buf: Uint8Array, record: Record<string, unknown>, each: (msisdn: number, index: number) => void): number => {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let o = 0;
    let index = 0;
    let extra: Record<string, unknown> = {};
    while (o < buf.length) {
      if (buf[o] !== FORMAT) throw new Error(`packed inputs: a row of format ${buf[o]} where ${FORMAT} was expected`);
      const start = o;
      const msisdn = view.getFloat64(o + 1, true);
      const length = view.getUint32(o + 9, true);
      o += 13;
      if (extrasWanted) record.extra = extra = {};
      for (let i = 0; i < nf; i++) {
        const tag = buf[o++];
        let v: unknown;
        if (tag === T_NULL) v = null;
        else if (tag === T_U8) v = buf[o++];
        else if (tag === T_F64) {
          if (keep[i]) v = view.getFloat64(o, true);
          o += 8;
        } else if (tag === T_STR || tag === T_JSON) {
          const n = view.getUint32(o, true);
          o += 4;
          if (keep[i]) {
            const text = decoder.decode(buf.subarray(o, o + n));
            v = tag === T_STR ? text : JSON.parse(text);
          }
          o += n;
        } else if (tag === T_ABSENT) {
          if (i >= base) continue; // the customer has no such attribute: absent from `extra` as from the stored JSON
        } else if (tag === T_TRUE || tag === T_FALSE) v = tag === T_TRUE;
        else {
          if (keep[i]) {
            const x = view.getInt32(o, true);
            if (tag === T_I32) v = x;
            else if (tag === T_CENTS) v = x / 100;
            else if (tag === T_DAY) v = dayText(x);
            else {
              v = words[x];
              if (v === undefined) throw new Error(`packed inputs: word ${x} is unknown`);
            }
          }
          o += 4;
        }
        if (!keep[i]) continue;
        if (i < base) record[fields[i]!] = v;
        else if (defined[i]) Object.defineProperty(extra, fields[i]!, { value: v, writable: true, enumerable: true, configurable: true });
        else extra[fields[i]!] = v;
      }
      o = start + length;
      record.msisdn = msisdn;
      each(msisdn, index++);
    }
    return index;
  };
}
