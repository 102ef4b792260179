/**
 * One sheet row → one subscriber record, or the reasons it cannot be one.
 *
 * Only the phone number is required (docs/product.md §3.1): a row is rejected when it has none or an invalid one.
 * Any other bad cell is a warning, the field becomes null, and the issue says so — nothing is guessed and
 * nothing is lost silently. Identity numbers leave this module only as the caller's keyed hash, or masked.
 *
 * Import runs this on 100,000 rows × 40 columns, so `createRowNormalizer` does the per-column work once
 * (which normaliser, which key, which header and letter for messages) and the per-row function is a loop
 * over those prepared columns that allocates little beyond the record itself.
 */
import type { MessageCode } from '../i18n';
import {
  cellNormalizerFor,
  dayOf,
  displayValue,
  normalizeDateCell,
  normalizeExtraCell,
  normalizeIdNumberCell,
  normalizeListTypeCell,
  normalizeMsisdnCell,
  normalizeTextCell,
  type CellNormalizer,
  type CellParams,
  type CellResult,
} from './cells';
import { isIdentityCell, maskIdNumber, maskIdentityNumbersIn, maskIdentityValue } from '../privacy/identity';
import { fieldByKey, type CanonicalFieldKey, type ListType } from './fields';
import { columnLetter, type ColumnMapping } from './headers';

export type FieldValue = string | number | null;

export interface WorkListRef {
  name?: string;
  type?: ListType;
  period?: string;
  dueDate?: string;
  agent?: string;
}

export interface NormalizedRow {
  msisdn: string;
  /**
   * Subscriber and label fields. A mapped column always sets its key (null for an empty or refused cell), so
   * "the file says empty" differs from "the file has no such column" (key absent) when a list is updated.
   */
  fields: Partial<Record<CanonicalFieldKey, FieldValue>>;
  /** `ctx.hashId` of the normalised identity number (null if none, or the caller hashes none); the number itself is never kept. */
  idHash: string | null;
  /** Unmapped columns by their extra-attribute name; empty cells are left out. */
  extra: Record<string, FieldValue>;
  /** The work list the row is on, from list_name/list_type/period/due_date/agent columns. */
  list: WorkListRef;
  /** Fields computed here because the file lacked them (tenure from join date, tier from ARPU…). */
  derived: readonly CanonicalFieldKey[];
}

export interface RowIssue {
  /** 1-based sheet row as Excel shows it. */
  row: number;
  /** Header text as in the file. */
  column: string;
  /** Excel column letters ('C'). */
  columnLetter: string;
  /** Canonical field the column maps to, null for extras. */
  field: string | null;
  code: MessageCode;
  params: CellParams;
  /** The raw cell, shortened; identity numbers only masked. */
  value: string;
  severity: 'error' | 'warning';
}

export interface RowResult {
  record: NormalizedRow | null;
  issues: RowIssue[];
  /** A row with no value at all: skipped, not reported. */
  empty: boolean;
}

export interface TierThreshold {
  tier: string;
  /** Monthly ARPU in yuan from which this tier applies; the last entry takes everything below too. */
  minArpu: number;
}

/** Tier by 3-month ARPU average, as the central systems grade it (descending; configurable per workspace). */
export const defaultTierThresholds: readonly TierThreshold[] = [
  { tier: '钻石卡', minArpu: 300 },
  { tier: '金卡', minArpu: 150 },
  { tier: '银卡', minArpu: 80 },
  { tier: '普通', minArpu: 0 },
];

export interface RowContext {
  /** Keyed hash of a normalised identity number (the key lives with the caller, never in the workspace). */
  hashId: (id: string) => string | null;
  /** 'YYYY-MM-DD' of the import: needed to derive tenure from the join date; without it tenure is not derived. */
  today?: string;
  tierThresholds?: readonly TierThreshold[];
}

export type RowNormalizer = (cells: readonly unknown[], rowNumber: number) => RowResult;

const NO_ISSUES: RowIssue[] = [];
Object.freeze(NO_ISSUES);
const NO_DERIVED: readonly CanonicalFieldKey[] = Object.freeze([]);
const EMPTY_ROW: RowResult = Object.freeze({ record: null, issues: NO_ISSUES, empty: true }) as RowResult;

const isBlankCell = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

type ListKey = keyof WorkListRef;
const listKeyOf: Partial<Record<CanonicalFieldKey, ListKey>> = {
  list_name: 'name',
  list_type: 'type',
  period: 'period',
  due_date: 'dueDate',
  agent: 'agent',
};

/** A column prepared for the row loop. */
interface Column {
  index: number;
  header: string;
  letter: string;
  field: CanonicalFieldKey | null;
  /** Where the value goes. */
  sink: 'field' | 'list' | 'extra' | 'id';
  key: string;
  normalize: CellNormalizer | null;
}

function prepareColumns(mapping: readonly ColumnMapping[]): { msisdn: Column | null; columns: Column[] } {
  let msisdn: Column | null = null;
  const columns: Column[] = [];
  for (const m of mapping) {
    const base = { index: m.index, header: m.header, letter: columnLetter(m.index) };
    const t = m.target;
    if (t.kind === 'ignore') continue;
    if (t.kind === 'extra') {
      columns.push({ ...base, field: null, sink: 'extra', key: t.name, normalize: null });
      continue;
    }
    const field = t.field;
    if (field === 'msisdn') {
      msisdn ??= { ...base, field, sink: 'field', key: field, normalize: normalizeMsisdnCell };
      continue;
    }
    if (field === 'id_no') {
      columns.push({ ...base, field, sink: 'id', key: field, normalize: normalizeIdNumberCell });
      continue;
    }
    const listKey = listKeyOf[field];
    if (listKey) {
      const normalize: CellNormalizer =
        field === 'list_type' ? normalizeListTypeCell : fieldByKey.get(field)?.kind === 'date' ? normalizeDateCell : normalizeTextCell;
      columns.push({ ...base, field, sink: 'list', key: listKey, normalize });
      continue;
    }
    columns.push({ ...base, field, sink: 'field', key: field, normalize: cellNormalizerFor(field, m.unit) });
  }
  return { msisdn, columns };
}

function issue(col: Column, row: number, raw: unknown, r: { code: MessageCode; params: CellParams }, severity: RowIssue['severity']): RowIssue {
  return {
    row,
    column: col.header,
    columnLetter: col.letter,
    field: col.field,
    code: r.code,
    params: maskedParams(r.params),
    // The identity number's own problems carry it masked; the raw cell must never be copied, and an identity
    // number in any other cell is masked too (problems are shown, exported and kept in a file).
    value: col.sink === 'id' ? String(r.params['value'] ?? '') : maskIdentityNumbersIn(displayValue(raw)),
    severity,
  };
}

function maskedParams(params: CellParams): CellParams {
  let out: CellParams | null = null;
  for (const k in params) {
    const v = params[k]!;
    if (typeof v !== 'string') continue;
    const masked = maskIdentityNumbersIn(v);
    if (masked !== v) (out ??= { ...params })[k] = masked;
  }
  return out ?? params;
}

/** The rejection of a row whose phone-number column is missing from the mapping altogether. */
const NO_MSISDN_COLUMN: Column = { index: -1, header: '', letter: '', field: 'msisdn', sink: 'field', key: 'msisdn', normalize: null };

const round2 = (n: number): number => Math.round(n * 100) / 100;

const TOTALS_WORDS: ReadonlySet<string> = new Set(['合计', '总计', '小计', '共计', '总合计', 'total', 'totals', 'subtotal', 'grandtotal', 'sum']);

/** The row's first non-blank cell when it is a totals word ('合计', '合 计', 'Grand total:'; spaces and colons aside), else null. */
function totalsLabel(cells: readonly unknown[]): string | null {
  for (const c of cells) {
    if (isBlankCell(c)) continue;
    if (typeof c !== 'string') return null;
    const word = c.normalize('NFKC').toLowerCase().replace(/[\s:：]/g, '');
    return TOTALS_WORDS.has(word) ? c.trim() : null;
  }
  return null;
}

export function createRowNormalizer(mapping: readonly ColumnMapping[], ctx: RowContext): RowNormalizer {
  const { msisdn: msisdnColumn, columns } = prepareColumns(mapping);
  const thresholds = ctx.tierThresholds ?? defaultTierThresholds;
  const today = ctx.today !== undefined ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ctx.today) : null;
  if (ctx.today !== undefined && !today) throw new Error(`today must be YYYY-MM-DD, got "${ctx.today}"`);
  const todayY = today ? Number(today[1]) : 0;
  const todayM = today ? Number(today[2]) : 0;
  const todayD = today ? Number(today[3]) : 0;
  const hashId = ctx.hashId;

  const tierFor = (arpu: number): string | null => {
    for (const t of thresholds) if (arpu >= t.minArpu) return t.tier;
    return thresholds.length > 0 ? thresholds[thresholds.length - 1]!.tier : null;
  };

  const rowIsBlank = (cells: readonly unknown[]): boolean => {
    for (let i = 0; i < cells.length; i++) if (!isBlankCell(cells[i])) return false;
    return true;
  };

  return (cells, rowNumber) => {
    const msisdnRaw = msisdnColumn ? cells[msisdnColumn.index] : undefined;
    const m = normalizeMsisdnCell(msisdnRaw);
    if (!m.ok || m.value === null) {
      if (rowIsBlank(cells)) return EMPTY_ROW;
      // A totals row (合计 / 总计 / 小计 first in the row, the phone cell blank, the word itself or a count such as 2户)
      // under a report made in Excel is not a customer: said, not rejected — as an error it refused the whole list
      // under 有错误时不导入.
      const label = totalsLabel(cells);
      if (label !== null) return { record: null, issues: [issue(msisdnColumn ?? NO_MSISDN_COLUMN, rowNumber, label, { code: 'row.totals-skipped', params: { value: label } }, 'warning')], empty: true };
      const reason: { code: MessageCode; params: CellParams } = m.ok ? { code: 'msisdn.missing', params: {} } : m;
      return { record: null, issues: [issue(msisdnColumn ?? NO_MSISDN_COLUMN, rowNumber, msisdnRaw, reason, 'error')], empty: false };
    }

    let issues: RowIssue[] | null = null;
    const fields: Partial<Record<CanonicalFieldKey, FieldValue>> = {};
    const extra: Record<string, FieldValue> = {};
    const list: WorkListRef = {};
    let idHash: string | null = null;

    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const raw = cells[col.index];
      if (col.sink === 'extra') {
        const v = normalizeExtraCell(raw);
        // An identity number in a column that is not an identity column (a remark that quotes one) is kept masked.
        if (v !== null) extra[col.key] = maskIdentityValue(v);
        continue;
      }
      let value: FieldValue = null;
      if (raw !== null && raw !== undefined) {
        const r: CellResult<string | number> = col.normalize!(raw);
        if (r.ok) value = r.value;
        else {
          (issues ??= []).push(issue(col, rowNumber, raw, r, 'warning'));
          value = r.fallback ?? null;
        }
      }
      if (col.sink === 'field') {
        // An identity number in a figure's column (a shifted column) would be stored in clear as a number.
        if (typeof value === 'number' && isIdentityCell(value)) {
          (issues ??= []).push(issue(col, rowNumber, raw, { code: 'cell.identity-number', params: { value: maskIdNumber(value.toFixed(0)) } }, 'warning'));
          value = null;
        }
        fields[col.key as CanonicalFieldKey] = typeof value === 'string' ? maskIdentityNumbersIn(value) : value;
      }
      else if (col.sink === 'id') {
        if (value !== null && idHash === null) idHash = hashId(String(value));
      } else if (value !== null) (list as Record<string, FieldValue>)[col.key] = value;
    }

    // Derived figures, only where the file has no value: the card and the risk rules can then use them.
    let derived: CanonicalFieldKey[] | null = null;
    if (fields.arpu_avg3 === undefined || fields.arpu_avg3 === null) {
      const a = fields.arpu_m1;
      const b = fields.arpu_m2;
      const d = fields.arpu_m3;
      if (typeof a === 'number' && typeof b === 'number' && typeof d === 'number') {
        fields.arpu_avg3 = round2((a + b + d) / 3);
        (derived ??= []).push('arpu_avg3');
      }
    }
    if ((fields.tenure_months === undefined || fields.tenure_months === null) && today && typeof fields.join_date === 'string') {
      const j = fields.join_date;
      const y = Number(j.slice(0, 4));
      const mo = Number(j.slice(5, 7));
      const d = Number(j.slice(8, 10));
      const months = (todayY - y) * 12 + (todayM - mo) - (todayD < d ? 1 : 0);
      // A join date after the import date is a data error the date cell itself does not show; no tenure then.
      if (months >= 0 && dayOf(y, mo, d) !== null) {
        fields.tenure_months = months;
        (derived ??= []).push('tenure_months');
      }
    }
    if (fields.tier === undefined || fields.tier === null) {
      const arpu = typeof fields.arpu_avg3 === 'number' ? fields.arpu_avg3 : typeof fields.arpu_cur === 'number' ? fields.arpu_cur : null;
      if (arpu !== null) {
        const tier = tierFor(arpu);
        if (tier !== null) {
          fields.tier = tier;
          (derived ??= []).push('tier');
        }
      }
    }

    return {
      record: { msisdn: m.value, fields, idHash, extra, list, derived: derived ?? NO_DERIVED },
      issues: issues ?? NO_ISSUES,
      empty: false,
    };
  };
}

const normalizerCache = new WeakMap<readonly ColumnMapping[], { ctx: RowContext; hashId: RowContext['hashId']; normalize: RowNormalizer }>();

/**
 * One row, for callers that do not keep a normaliser: the prepared columns are cached per mapping array (and
 * context), so calling this in a loop with the same mapping costs little more than `createRowNormalizer`.
 */
export function normalizeRow(
  cells: readonly unknown[],
  mapping: readonly ColumnMapping[],
  ctx: RowContext & { rowNumber: number },
): RowResult {
  let cached = normalizerCache.get(mapping);
  if (!cached || cached.hashId !== ctx.hashId || cached.ctx.today !== ctx.today || cached.ctx.tierThresholds !== ctx.tierThresholds) {
    cached = { ctx, hashId: ctx.hashId, normalize: createRowNormalizer(mapping, ctx) };
    normalizerCache.set(mapping, cached);
  }
  return cached.normalize(cells, ctx.rowNumber);
}

/** Whether a mapping has a column of phone numbers: a list cannot be imported without one. */
export const hasPhoneColumn = (mapping: readonly ColumnMapping[]): boolean => mapping.some((m) => m.target.kind === 'field' && m.target.field === 'msisdn');

/**
 * Problems of a mapping as a whole, for the mapping screen: no phone-number column (nothing can be imported),
 * and columns that lost their field to an earlier duplicate.
 */
export function mappingIssues(mapping: readonly ColumnMapping[]): { code: MessageCode; params: CellParams; index?: number }[] {
  const out: { code: MessageCode; params: CellParams; index?: number }[] = [];
  if (!hasPhoneColumn(mapping)) out.push({ code: 'header.no-msisdn', params: {} });
  for (const m of mapping) {
    if (m.duplicateOf === undefined) continue;
    const first = mapping.find((x) => x.index === m.duplicateOf);
    if (m.target.kind === 'ignore') {
      // A second identity column (headers.ts protectIdentityColumns): left out, since it may not be kept in clear.
      out.push({ code: 'header.duplicate-id', params: { column: m.header || columnLetter(m.index), other: first?.header || columnLetter(m.duplicateOf) }, index: m.index });
      continue;
    }
    const field = first && first.target.kind === 'field' ? first.target.field : '';
    out.push({ code: 'header.duplicate-field', params: { column: m.header, other: first?.header ?? '', field }, index: m.index });
  }
  for (const m of mapping) {
    if (m.header === '' && m.target.kind === 'extra') {
      out.push({ code: 'header.blank', params: { letter: columnLetter(m.index), name: m.target.name }, index: m.index });
    }
  }
  return out;
}
