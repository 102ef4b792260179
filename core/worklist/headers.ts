/**
 * Matching a work list's header row to the canonical fields (docs/product.md §3.1).
 *
 * Central-system headers differ from file to file only in spelling: '手机号码 ', 'ＭＳＩＳＤＮ', '用户 号码',
 * '（近三月ARPU）', '套餐月费(元)'. `normalizeHeader` removes exactly those differences and nothing that
 * changes meaning, so that a match is never a guess: a header either equals an alias after normalisation, or
 * it is kept as an extra attribute for the user to map by hand on the mapping screen.
 */
import { isIdentityColumn } from '../privacy/identity';
import { canonicalFields, type CanonicalFieldKey } from './fields';

export type ColumnTarget = { kind: 'field'; field: CanonicalFieldKey } | { kind: 'extra'; name: string } | { kind: 'ignore' };

export interface ColumnMapping {
  /** 0-based column index in the sheet (0 = column A). */
  index: number;
  /** The header as written in the file (trimmed); '' for a column without one. */
  header: string;
  target: ColumnTarget;
  /** 'content': recognised by its values whatever the header says (identity numbers, `protectIdentityColumns`). */
  how: 'alias' | 'profile' | 'unmatched' | 'content';
  /**
   * A unit the header named in brackets and that was set aside to find the field, e.g. '元' for
   * '套餐月费(元)'. '%' matters: the column's numbers are then percentage points.
   */
  unit?: string;
  /** Set when an earlier column already took this column's field: the index of that column. */
  duplicateOf?: number;
}

/** A corrected mapping saved for the next file of the same shape (same `headerSignature`). */
export interface MappingProfile {
  signature: string;
  /** Keyed by `normalizeHeader(header)`. */
  columns: Record<string, ColumnTarget>;
}

// Zero-width characters, soft hyphen and BOM come with copy-pasted headers and are invisible in Excel.
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;
// Spaces (including ideographic and no-break), underscores, hyphens and dots; '*' marks required columns in
// central templates. None of them distinguishes two fields.
const IGNORED = /[\s_\-.*\u2010-\u2015\u30fb\u00b7]/g;
// NFKC does not fold these CJK brackets; they are used exactly like round brackets in headers.
const OPEN_BRACKETS = /[[【〔〖{<《〈]/g;
const CLOSE_BRACKETS = /[\]】〕〗}>》〉]/g;

/**
 * The form in which headers and aliases are compared: NFKC (full-width letters, digits and brackets become
 * half-width), lower case, without spaces, underscores, hyphens, dots or invisible characters, and with every
 * kind of bracket written as '( )'.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(IGNORED, '')
    .replace(OPEN_BRACKETS, '(')
    .replace(CLOSE_BRACKETS, ')');
}

/**
 * Units that a header may carry in brackets without changing which field it is. Only units in which the
 * canonical field is already expressed are listed: '流量(GB)' must not become the MB field, nor '网龄(年)'
 * the months field, nor '金额(万元)' a yuan amount — those stay unmatched for the user to decide.
 */
const NEUTRAL_UNITS: ReadonlySet<string> = new Set(['元', '元/月', '月', '个月', '天', '日', '次', '个', '人', '分钟', 'min', 'mb', 'm', '%', '‰']);
const TRAILING_BRACKET = /^(.+)\(([^()]*)\)$/;

/**
 * Normalised spelling → field. A spelling that normalises alike for two fields would be ambiguous and is left
 * out, so such a header stays unmatched for the user to map rather than being guessed (a test keeps the
 * field table free of such collisions); the exact keys themselves are always recognised (`exactKeys`).
 */
const { aliasIndex, ambiguous } = (() => {
  const claims = new Map<string, Set<CanonicalFieldKey>>();
  for (const def of canonicalFields) {
    // The field's key and its zh/en labels are headers too: they are what our own templates and exports write.
    for (const spelling of [def.key, def.zh, def.en, ...def.aliases]) {
      const n = normalizeHeader(spelling);
      if (n === '') continue;
      let set = claims.get(n);
      if (!set) claims.set(n, (set = new Set()));
      set.add(def.key);
    }
  }
  const index = new Map<string, CanonicalFieldKey>();
  const clashes: string[] = [];
  for (const [n, fields] of claims) {
    if (fields.size === 1) index.set(n, [...fields][0]!);
    else clashes.push(`${n}: ${[...fields].join(' / ')}`);
  }
  return { aliasIndex: index as ReadonlyMap<string, CanonicalFieldKey>, ambiguous: clashes };
})();

const exactKeys: ReadonlyMap<string, CanonicalFieldKey> = new Map(canonicalFields.map((d) => [d.key.toLowerCase(), d.key]));

/** Spellings that two fields share after normalisation (left unmatched; see aliasIndex). */
export function aliasCollisions(): string[] {
  return [...ambiguous];
}

/**
 * The canonical field a header names, if any. Tried in this order, first match wins:
 *  0. a field key as written ('arpu_m3');
 *  1. the whole normalised header ('网龄(月)', '流量(MB)' are aliases as written);
 *  2. a header wholly in brackets, unwrapped ('（近三月ARPU）');
 *  3. the header without a trailing bracketed unit from NEUTRAL_UNITS ('套餐月费(元)');
 *  4. for a header over two rows, 'group · sub': the sub-header before the group, in brackets after it, or alone
 *     ('ARPU · 当月' → 当月ARPU, 'ARPU · 上上月' → ARPU(上上月), '客户信息 · 手机号码' → 手机号码).
 */
export function fieldForHeader(header: string): { field: CanonicalFieldKey; unit?: string } | null {
  const key = exactKeys.get(header.trim().toLowerCase());
  if (key) return { field: key };
  const n = normalizeHeader(header);
  if (n === '') return null;
  const exact = aliasIndex.get(n);
  if (exact) return { field: exact };
  if (n.startsWith('(') && n.endsWith(')') && n.indexOf('(', 1) === -1) {
    const inner = aliasIndex.get(n.slice(1, -1));
    if (inner) return { field: inner };
  }
  const m = TRAILING_BRACKET.exec(n);
  if (m && NEUTRAL_UNITS.has(m[2]!)) {
    const field = aliasIndex.get(m[1]!);
    if (field) return { field, unit: m[2]! };
  }
  // 4. a header over two rows ('合约 · 到期日', `twoRowHeaders`) that names no field as written: the sub-header
  //    before its group ('ARPU · 当月' → 当月ARPU), in brackets after it ('ARPU · 上上月' → ARPU(上上月)), or alone.
  const sep = header.lastIndexOf(HEADER_GROUP_SEPARATOR);
  if (sep <= 0) return null;
  const group = header.slice(0, sep);
  const sub = header.slice(sep + HEADER_GROUP_SEPARATOR.length);
  for (const spelling of [`${sub}${group}`, `${group}(${sub})`, sub]) {
    const found = fieldForHeader(spelling);
    if (found) return found;
  }
  return null;
}

/** Between a group's header and a sub-header under it, in a header over two rows (`twoRowHeaders`). */
export const HEADER_GROUP_SEPARATOR = ' · ';

/** The Excel column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const headerText = (v: unknown): string => (isBlank(v) ? '' : String(v).replace(INVISIBLE, '').trim());

export interface MatchOptions {
  /**
   * The data rows under the header (all of them, or as many as were read). A column with no header and no
   * value in these rows is ignored; without them such a column is kept as '列N' in case it holds data.
   */
  dataRows?: readonly (readonly unknown[] | undefined)[];
  /** The sheet's column count when data reaches further right than the header: those columns get a mapping too. */
  columnCount?: number;
}

/**
 * One mapping per column (headers.length of them, or opts.columnCount if more). A profile entry for a header wins over the aliases; a
 * header that neither knows is kept as an extra attribute under its own name. When two columns map to the
 * same field, the first one keeps it and the later one becomes an extra attribute with `duplicateOf` set, so
 * the mapping screen can point at it and no data is dropped.
 */
export function matchHeaders(headers: readonly unknown[], profile?: MappingProfile, opts: MatchOptions = {}): ColumnMapping[] {
  const taken = new Map<CanonicalFieldKey, number>();
  const extraNames = new Set<string>();
  const out: ColumnMapping[] = [];

  const uniqueExtraName = (base: string): string => {
    let name = base;
    for (let n = 2; extraNames.has(name); n++) name = `${base}(${n})`;
    extraNames.add(name);
    return name;
  };

  const columns = Math.max(headers.length, opts.columnCount ?? 0);
  for (let index = 0; index < columns; index++) {
    const header = headerText(headers[index]);
    const letter = columnLetter(index);

    if (header === '') {
      const hasData = opts.dataRows ? opts.dataRows.some((row) => row !== undefined && !isBlank(row[index])) : true;
      out.push(
        hasData
          ? { index, header, target: { kind: 'extra', name: uniqueExtraName(`列${letter}`) }, how: 'unmatched' }
          : { index, header, target: { kind: 'ignore' }, how: 'unmatched' },
      );
      continue;
    }

    const normalized = normalizeHeader(header);
    const fromProfile = profile ? profile.columns[normalized] : undefined;
    let mapping: ColumnMapping;
    if (fromProfile) {
      mapping = { index, header, target: fromProfile, how: 'profile' };
      if (fromProfile.kind === 'extra') mapping.target = { kind: 'extra', name: uniqueExtraName(fromProfile.name) };
      const unit = fromProfile.kind === 'field' ? fieldForHeader(header)?.unit : undefined;
      if (unit !== undefined) mapping.unit = unit;
    } else {
      const found = fieldForHeader(header);
      if (found) {
        mapping = { index, header, target: { kind: 'field', field: found.field }, how: 'alias' };
        if (found.unit !== undefined) mapping.unit = found.unit;
      } else {
        mapping = { index, header, target: { kind: 'extra', name: uniqueExtraName(header) }, how: 'unmatched' };
      }
    }

    if (mapping.target.kind === 'field') {
      const first = taken.get(mapping.target.field);
      if (first !== undefined) {
        mapping = { index, header, target: { kind: 'extra', name: uniqueExtraName(header) }, how: mapping.how, duplicateOf: first };
      } else {
        taken.set(mapping.target.field, index);
      }
    }
    out.push(mapping);
  }
  return out;
}

const isIdTarget = (t: ColumnTarget): boolean => t.kind === 'field' && t.field === 'id_no';

function* columnValues(rows: readonly (readonly unknown[] | undefined)[], index: number): Generator<unknown> {
  for (const row of rows) yield row?.[index];
}

/**
 * Identity numbers are never kept in clear (docs/product.md §8, docs/security.md), so the mapping that decides where a
 * column goes cannot leave them to the header alone: any column whose values are identity numbers
 * (core/privacy/identity `isIdentityColumn`: ≥ 80 % of its first 200 non-empty values, at least 3) becomes the
 * identity column whatever its header says, whatever a saved profile or the user chose — except 'ignore', which
 * keeps nothing. With two identity columns or more (by header or by content), the leftmost feeds the identity
 * hash and the others are not imported at all (target 'ignore', `duplicateOf` the first): a second hash would have
 * no use, and keeping the number in any other form would defeat the hash. Applied after every other mapping step.
 */
export function protectIdentityColumns(mapping: readonly ColumnMapping[], dataRows: readonly (readonly unknown[] | undefined)[]): ColumnMapping[] {
  let first: number | undefined;
  return mapping.map((m) => {
    const t = m.target;
    const byHeader = isIdTarget(t);
    const byContent =
      !byHeader && t.kind !== 'ignore' && !(t.kind === 'field' && t.field === 'msisdn') && isIdentityColumn(columnValues(dataRows, m.index));
    if (!byHeader && !byContent) return m;
    const how = byContent ? 'content' : m.how;
    if (first === undefined) {
      first = m.index;
      if (byHeader) return m;
      const { duplicateOf: _dropped, ...rest } = m;
      return { ...rest, target: { kind: 'field', field: 'id_no' }, how };
    }
    return { ...m, target: { kind: 'ignore' }, how, duplicateOf: first };
  });
}

/**
 * A stable name for "files of the same shape": the normalised non-blank headers, sorted, so that a file whose
 * columns come in another order, or with blank columns added, still finds its saved profile (profiles map by
 * header, not by position). A short FNV-1a digest keeps it small enough to index.
 */
export function headerSignature(headers: readonly unknown[]): string {
  const names = headers.map((h) => normalizeHeader(headerText(h))).filter((h) => h !== '');
  names.sort();
  const text = names.join('\u001f');
  // Two 32-bit FNV-1a lanes with different offsets: 64 bits, so unrelated shapes do not collide in practice.
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 13)) >>> 0;
  }
  return `h1-${names.length}-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

/** Saves a (corrected) mapping as a profile: only columns with a header can be recognised in the next file. */
export function profileFromMapping(headers: readonly unknown[], mapping: readonly ColumnMapping[]): MappingProfile {
  const columns: Record<string, ColumnTarget> = {};
  for (const m of mapping) {
    const n = normalizeHeader(m.header);
    if (n !== '' && !(n in columns)) columns[n] = m.target;
  }
  return { signature: headerSignature(headers), columns };
}

/** How many cells of a header row name a canonical field (and whether the row holds anything at all). */
function headerScore(row: readonly unknown[] | undefined): { score: number; nonBlank: boolean } {
  let score = 0;
  let nonBlank = false;
  for (const cell of row ?? []) {
    if (isBlank(cell)) continue;
    nonBlank = true;
    if (typeof cell === 'string' && fieldForHeader(cell)) score++;
  }
  return { score, nonBlank };
}

const onlyText = (row: readonly unknown[] | undefined): boolean => !!row && row.every((v) => isBlank(v) || typeof v === 'string');

/**
 * The headers of two rows read as one (docs/import-memory.md "Headers over two rows"). Central systems and hand-made
 * reports merge a single header down over both rows (手机号码) and a group's header across its sub-headers (合约 over
 * 类型 | 到期日). Readers give a merged cell's text in its first cell only (the streaming reader does not read the merges
 * at all), so without them: a column's header is the lower row's cell, or the upper's when the lower is blank (merged
 * down). A lower cell is under a group when the nearest upper cell at or left of it is text over a sub-header of its
 * own (merged across): it is then 'group · sub' ('近三月 · ARPU'), which names a field as a whole ('近三月ARPU') or by
 * its sub-header (`fieldForHeader`). null when either row holds anything but text: not a header.
 */
export function twoRowHeaders(upper: readonly unknown[] | undefined, lower: readonly unknown[] | undefined): string[] | null {
  if (!onlyText(upper) || !onlyText(lower)) return null;
  const up = upper!;
  const low = lower!;
  const out: string[] = [];
  let group = '';
  for (let c = 0; c < Math.max(up.length, low.length); c++) {
    const u = headerText(up[c]);
    const l = headerText(low[c]);
    if (l === '') {
      out.push(u);
      group = '';
      continue;
    }
    if (u !== '') group = u;
    out.push(group === '' ? l : `${group}${HEADER_GROUP_SEPARATOR}${l}`);
  }
  return out;
}

/**
 * The headers of row `r` (`findHeaderRow`): the row itself, or it read with the row above as one header over two rows
 * (`twoRowHeaders`) when that names more fields than either row alone — a title line above a header adds nothing and
 * is left out.
 */
export function headersAt(rows: readonly (readonly unknown[] | undefined)[], r: number): readonly unknown[] {
  return twoRowHeaderAt(rows, r)?.headers ?? rows[r] ?? [];
}

function twoRowHeaderAt(rows: readonly (readonly unknown[] | undefined)[], r: number): { headers: string[]; score: number } | null {
  if (r < 1) return null;
  const headers = twoRowHeaders(rows[r - 1], rows[r]);
  if (!headers) return null;
  const { score } = headerScore(headers);
  return score > headerScore(rows[r - 1]).score && score > headerScore(rows[r]).score ? { headers, score } : null;
}

/**
 * The sheet's title above its header ('滨江区 2026年12月 合约到期客户维系清单'): the first row above it holding one text
 * cell alone (a title merged across the sheet), not a header's name; null when there is none. The import proposes the
 * list under it (electron/backend/jobs/worklist-import.ts `proposedList`).
 */
export function titleAbove(rows: readonly (readonly unknown[] | undefined)[], headerRow: number): string | null {
  for (let r = 0; r < headerRow; r++) {
    const cells = (rows[r] ?? []).filter((v) => !isBlank(v));
    if (cells.length !== 1 || typeof cells[0] !== 'string') continue;
    const text = headerText(cells[0]);
    // A line such as 数据日期：2026-12-01 or 制表人：王 is a label and its value, not the sheet's title.
    if (text.length >= 2 && text.length <= 100 && !/[:：]/.test(text) && !fieldForHeader(text)) return text;
  }
  return null;
}

/**
 * The index of the row that looks most like the header among the first `maxScan` rows: the one with most
 * cells naming a canonical field (central files often put a title and a date line above the header). Ties
 * go to the earlier row. A header over two rows counts as its lower row, with the fields both rows name together
 * (`headersAt`). With no match at all, the first non-blank row is taken, so that a file with entirely unknown
 * headers still gets a mapping screen rather than a guess deep in the data.
 */
export function findHeaderRow(rows: readonly (readonly unknown[] | undefined)[], maxScan = 20): number {
  let best = -1;
  let bestScore = 0;
  let firstNonBlank = -1;
  const limit = Math.min(rows.length, maxScan);
  for (let r = 0; r < limit; r++) {
    const { score: own, nonBlank } = headerScore(rows[r]);
    if (nonBlank && firstNonBlank === -1) firstNonBlank = r;
    const score = twoRowHeaderAt(rows, r)?.score ?? own;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best !== -1 ? best : Math.max(firstNonBlank, 0);
}
