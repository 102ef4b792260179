/**
 * The feature pipeline of the learned churn model (docs/product.md §4.2), learned from the training rows and stored
 * with the model as plain JSON.
 *
 * A row is a `Record<string, unknown>` as the importer or the database hands it over: canonical fields at the
 * top level (core/worklist/fields.ts), extra columns either at the top level too (a flat CSV) or under `extra`
 * (as stored rows and the demo generator carry them). Values may be numbers, numeric strings, booleans,
 * 'YYYY-MM-DD' dates or text; '' / null / undefined are missing.
 *
 * Each feature is one thing a reason on the card can name:
 *  - numeric: a canonical number/int/bool field, a numeric extra column, or a derived figure (current vs
 *    3-month ARPU, MOU and data; off-net shift; ARPU trend; days to contract end and since last marketed,
 *    both relative to the `today` given at training and prediction; tenure from join_date when no tenure).
 *    For the linear model: clipped to the training 1st–99th percentiles, median-imputed, standardised, plus a
 *    standardised missing indicator when training saw missing values. For trees: the raw value, NaN for missing.
 *  - categorical: a canonical text field or a non-numeric extra column. The top-K levels, 'other' (rare and
 *    unseen levels) and 'missing'. For the linear model: a standardised one-hot column per level seen in
 *    training; for trees: one ordinal code, levels ranked by their smoothed training churn rate, so one split
 *    can separate any group of high-churn levels from the rest.
 *
 * Left out: identities (msisdn, name, id_no), work-list fields, the labels (churned, churn_date — a leak),
 * constant columns, and text columns with ID-like cardinality (customerID…).
 */
import { dayNumber } from '../calendar';
import { fieldByKey } from '../worklist/fields';

export interface FeatureLabel {
  zh: string;
  en: string;
}

export type NumericSource =
  | { kind: 'value'; key: string }
  | { kind: 'ratio'; num: string; den: string }
  | { kind: 'diff'; a: string; b: string }
  | { kind: 'daysUntil'; key: string }
  | { kind: 'daysSince'; key: string }
  /** tenure_months when given, else whole months since join_date. */
  | { kind: 'tenure' };

export interface NumericFeature {
  type: 'numeric';
  name: string;
  label: FeatureLabel;
  source: NumericSource;
  median: number;
  /** Clip bounds for the linear model (training 1st and 99th percentiles). */
  lo: number;
  hi: number;
  mean: number;
  sd: number;
  /** Share of training rows where the value was missing. */
  missingShare: number;
}

export interface CategoricalFeature {
  type: 'categorical';
  name: string;
  label: FeatureLabel;
  key: string;
  /** Kept levels; index levels.length is 'other', levels.length + 1 is 'missing'. */
  levels: string[];
  /** Training share of each index (levels…, other, missing). */
  shares: number[];
  /** Tree code of each index: its rank by smoothed training churn rate. */
  treeCodes: number[];
}

export type Feature = NumericFeature | CategoricalFeature;

export interface FeatureSpec {
  format: 'retention-desk/features';
  version: 1;
  features: Feature[];
}

export interface FitFeatureOptions {
  /** Day number of the snapshot date (see core/calendar.ts dayNumber). */
  todayDay: number;
  /** Levels kept per categorical column (default 20). */
  topK?: number;
  /** Keys never used as features (besides the built-in exclusions). */
  exclude?: readonly string[];
  /** The label column, excluded from features (default 'churned'). */
  labelKey?: string;
}

/* ------------------------------------------------------------------------------------------------ values */

/** A column of a row: top level first, then under `extra`. */
export function rawValue(row: Record<string, unknown>, key: string): unknown {
  const v = row[key];
  if (v !== undefined) return v;
  const extra = row.extra;
  if (extra && typeof extra === 'object') return (extra as Record<string, unknown>)[key];
  return undefined;
}

const boolWords: Record<string, number> = {
  true: 1, false: 0, yes: 1, no: 0, y: 1, n: 0, 是: 1, 否: 0, 有: 1, 无: 0,
};

/** Trims only when needed (most cells have no surrounding blanks, and trim() would copy them). */
function trimmed(s: string): string {
  return s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 ? s : s.trim();
}

function parseNumberText(s: string): number {
  if (s === '') return NaN;
  return Number(s.indexOf(',') >= 0 ? s.replace(/,/g, '') : s);
}

/** A number from a cell; NaN when missing or not a number. Booleans and yes/no words read as 1/0. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = trimmed(v);
    const n = parseNumberText(s);
    if (Number.isFinite(n)) return n;
    const w = boolWords[s.toLowerCase()];
    return w === undefined ? NaN : w;
  }
  return NaN;
}

/** Strict numeric reading used to decide whether an extra column is numeric (no yes/no words). */
function strictNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseNumberText(trimmed(v));
  return NaN;
}

export function isMissing(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && Number.isNaN(v));
}

/** Day numbers of date texts seen (a work list has few distinct dates; parsing each cell again is slow). */
const dayCache = new Map<string, number>();

function toDay(v: unknown): number {
  if (typeof v !== 'string') return NaN;
  const hit = dayCache.get(v);
  if (hit !== undefined) return hit;
  const s = v.trim().slice(0, 10);
  let day = NaN;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    try {
      day = dayNumber(s);
    } catch {
      day = NaN;
    }
  }
  if (dayCache.size >= 20_000) dayCache.clear();
  dayCache.set(v, day);
  return day;
}

export function categoryText(v: unknown): string | null {
  if (isMissing(v)) return null;
  if (typeof v === 'string') return trimmed(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** The label of a row: 1 churned, 0 stayed, NaN unreadable (the row is left out of training). */
export function parseLabel(v: unknown): number {
  if (typeof v === 'string' && /^(已?离网|流失|churn(ed)?)$/i.test(v.trim())) return 1;
  if (typeof v === 'string' && /^(在网|未离网|stay(ed)?|active)$/i.test(v.trim())) return 0;
  const n = toNumber(v);
  return n === 1 ? 1 : n === 0 ? 0 : NaN;
}

/** The numeric value of a feature for a row; NaN when missing. */
export function numericValue(src: NumericSource, row: Record<string, unknown>, todayDay: number): number {
  switch (src.kind) {
    case 'value':
      return toNumber(rawValue(row, src.key));
    case 'ratio': {
      const a = toNumber(rawValue(row, src.num));
      const b = toNumber(rawValue(row, src.den));
      return b > 0 && a === a ? a / b : NaN;
    }
    case 'diff':
      return toNumber(rawValue(row, src.a)) - toNumber(rawValue(row, src.b));
    case 'daysUntil':
      return toDay(rawValue(row, src.key)) - todayDay;
    case 'daysSince':
      return todayDay - toDay(rawValue(row, src.key));
    case 'tenure': {
      const t = toNumber(rawValue(row, 'tenure_months'));
      if (t === t) return t;
      const j = toDay(rawValue(row, 'join_date'));
      return j === j ? tenureFromJoin(j, todayDay) : NaN;
    }
  }
}

/**
 * A numeric feature's linear column from a known value: clipped to the training percentiles, then standardised
 * (the encoder's, and the day horizon's when it follows the logistic part day by day: core/model/horizon.ts).
 */
export function standardised(value: number, lo: number, hi: number, center: number, scale: number): number {
  return ((value < lo ? lo : value > hi ? hi : value) - center) / scale;
}

/** The tenure in whole months from the join day `join`, as the model counts it (a month of 30.4375 days). */
function tenureFromJoin(join: number, todayDay: number): number {
  return Math.max(0, Math.floor((todayDay - join) / 30.4375));
}

/**
 * How a numeric feature's value for `row` moves as days pass (docs/scoring-storage.md "A new day computes the
 * customers due"): 0 not at all (not a day figure, or missing), +1 or −1 by one a day (days since / until a date),
 * 2 by whole months from the join date (tenureReachesOn).
 */
export function dayMotion(src: NumericSource, row: Record<string, unknown>): number {
  switch (src.kind) {
    case 'daysUntil':
    case 'daysSince': {
      const day = toDay(rawValue(row, src.key));
      return day !== day ? 0 : src.kind === 'daysSince' ? 1 : -1;
    }
    case 'tenure': {
      const t = toNumber(rawValue(row, 'tenure_months'));
      const join = t === t ? NaN : joinDayOf(row);
      return join === join ? 2 : 0;
    }
    default:
      return 0;
  }
}

/** The join date's day number, NaN when there is none. */
export function joinDayOf(row: Record<string, unknown>): number {
  return toDay(rawValue(row, 'join_date'));
}

/** The first day on which the tenure from the join day `join` reaches `months` (whole, at least 1), by tenureFromJoin itself. */
export function tenureReachesOn(join: number, months: number): number {
  let day = join + Math.floor(months * 30.4375) - 2;
  while (tenureFromJoin(join, day) >= months) day--;
  while (tenureFromJoin(join, day) < months) day++;
  return day;
}

/** Index of a row's level: 0..levels-1, levels.length for other, levels.length + 1 for missing. */
export function categoryIndex(f: CategoricalFeature, row: Record<string, unknown>, lookup?: Map<string, number>): number {
  return levelIndex(f, rawValue(row, f.key), lookup);
}

/** The level index of a feature's raw value: its level, `levels.length` for one not seen in training, +1 for missing. */
function levelIndex(f: CategoricalFeature, raw: unknown, lookup?: Map<string, number>): number {
  const t = categoryText(raw);
  if (t === null) return f.levels.length + 1;
  if (lookup) return lookup.get(t) ?? f.levels.length;
  const i = f.levels.indexOf(t);
  return i < 0 ? f.levels.length : i;
}

/* ------------------------------------------------------------------------------------------------ fitting */

const excludedKeys = new Set(['msisdn', 'name', 'id_no', 'join_date', 'churned', 'churn_date', 'extra', 'id', 'subscriber_id', 'row', 'row_no']);

const derivedLabels: Record<string, FeatureLabel> = {
  arpu_ratio: { zh: '当月ARPU/近三月ARPU', en: 'ARPU current vs 3-month avg' },
  mou_ratio: { zh: '当月通话/近三月通话', en: 'Minutes current vs 3-month avg' },
  data_ratio: { zh: '当月流量/近三月流量', en: 'Data current vs 3-month avg' },
  offnet_shift: { zh: '异网通话占比变化', en: 'Off-net share change' },
  arpu_trend: { zh: 'ARPU三月趋势', en: 'ARPU 3-month trend' },
  days_to_contract_end: { zh: '距合约到期天数', en: 'Days to contract end' },
  days_since_marketed: { zh: '距最近营销天数', en: 'Days since last marketed' },
  tenure_months: { zh: '网龄(月)', en: 'Tenure (months)' },
};

function labelOf(key: string): FeatureLabel {
  const d = derivedLabels[key];
  if (d) return d;
  const f = fieldByKey.get(key);
  return f ? { zh: f.zh, en: f.en } : { zh: key, en: key };
}

function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

function fitNumeric(name: string, source: NumericSource, values: Float64Array): NumericFeature | null {
  const n = values.length;
  let k = 0;
  const present0 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v) present0[k++] = v;
  }
  const present = present0.subarray(0, k).sort();
  const missingShare = n ? (n - present.length) / n : 1;
  if (present.length === 0) return null;
  const lo = quantileSorted(present, 0.01);
  const hi = quantileSorted(present, 0.99);
  const median = quantileSorted(present, 0.5);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < k; i++) {
    const v = present[i]!;
    const c = v < lo ? lo : v > hi ? hi : v;
    s += c;
    s2 += c * c;
  }
  const mean = s / present.length;
  const variance = Math.max(0, s2 / present.length - mean * mean);
  const constant = (present[0] as number) === (present[present.length - 1] as number);
  if (constant && (missingShare === 0 || missingShare === 1)) return null;
  return { type: 'numeric', name, label: labelOf(name), source, median, lo, hi, mean, sd: variance > 1e-24 ? Math.sqrt(variance) : 1, missingShare };
}

interface ColumnStats {
  count: number;
  numeric: number;
  canonical: boolean;
}

/** Learns the feature spec from training rows and their 0/1 labels. */
export function fitFeatureSpec(rows: readonly Record<string, unknown>[], labels: ArrayLike<number>, opts: FitFeatureOptions): FeatureSpec {
  const n = rows.length;
  const topK = opts.topK ?? 20;
  const exclude = new Set([...excludedKeys, ...(opts.exclude ?? []), opts.labelKey ?? 'churned']);

  // Discover columns (in first-seen order, which is deterministic for a given input).
  const cols = new Map<string, ColumnStats>();
  const see = (key: string, v: unknown, canonical: boolean): void => {
    if (exclude.has(key)) return;
    let c = cols.get(key);
    if (!c) cols.set(key, (c = { count: 0, numeric: 0, canonical }));
    if (isMissing(v)) return;
    c.count++;
    const x = strictNumber(v);
    if (x === x) c.numeric++;
  };
  for (const row of rows) {
    for (const key in row) {
      if (key === 'extra') continue;
      const def = fieldByKey.get(key);
      if (def && (def.scope !== 'subscriber' || def.kind === 'msisdn' || def.kind === 'id-number')) continue;
      see(key, row[key], def !== undefined);
    }
    const extra = row.extra;
    if (extra && typeof extra === 'object') {
      for (const key in extra as Record<string, unknown>) if (!(key in row)) see(key, (extra as Record<string, unknown>)[key], false);
    }
  }

  const features: Feature[] = [];
  const column = (src: NumericSource): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = numericValue(src, rows[i]!, opts.todayDay);
    return out;
  };
  const addNumeric = (name: string, src: NumericSource): void => {
    const f = fitNumeric(name, src, column(src));
    if (f) features.push(f);
  };
  const has = (key: string): boolean => (cols.get(key)?.count ?? 0) > 0;

  let tenureDone = false;
  for (const [key, c] of cols) {
    if (c.count === 0) continue;
    const def = fieldByKey.get(key);
    let kind: 'numeric' | 'categorical' | 'date' | 'skip';
    if (def) {
      kind = def.kind === 'number' || def.kind === 'int' || def.kind === 'bool' ? 'numeric' : def.kind === 'date' ? 'date' : def.kind === 'text' ? 'categorical' : 'skip';
    } else {
      kind = c.numeric >= 0.98 * c.count ? 'numeric' : 'categorical';
    }
    if (key === 'tenure_months') {
      addNumeric('tenure_months', { kind: 'tenure' });
      tenureDone = true;
    } else if (kind === 'numeric') {
      addNumeric(key, { kind: 'value', key });
    } else if (kind === 'categorical') {
      const f = fitCategorical(key, rows, labels, topK);
      if (f) features.push(f);
    } else if (kind === 'date') {
      if (key === 'contract_end') addNumeric('days_to_contract_end', { kind: 'daysUntil', key });
      else if (key === 'last_marketed') addNumeric('days_since_marketed', { kind: 'daysSince', key });
    }
  }
  if (!tenureDone && rows.some((r) => !isMissing(rawValue(r, 'join_date')))) addNumeric('tenure_months', { kind: 'tenure' });

  // Derived behaviour changes: the strongest churn signals are changes, not levels.
  const derived: [string, NumericSource, string[]][] = [
    ['arpu_ratio', { kind: 'ratio', num: 'arpu_cur', den: 'arpu_avg3' }, ['arpu_cur', 'arpu_avg3']],
    ['mou_ratio', { kind: 'ratio', num: 'mou_cur', den: 'mou_avg3' }, ['mou_cur', 'mou_avg3']],
    ['data_ratio', { kind: 'ratio', num: 'data_mb_cur', den: 'data_mb_avg3' }, ['data_mb_cur', 'data_mb_avg3']],
    ['offnet_shift', { kind: 'diff', a: 'offnet_ratio_cur', b: 'offnet_ratio_prev' }, ['offnet_ratio_cur', 'offnet_ratio_prev']],
    ['arpu_trend', { kind: 'ratio', num: 'arpu_m3', den: 'arpu_m1' }, ['arpu_m3', 'arpu_m1']],
  ];
  for (const [name, src, needs] of derived) if (needs.every(has)) addNumeric(name, src);

  return { format: 'retention-desk/features', version: 1, features };
}

function fitCategorical(key: string, rows: readonly Record<string, unknown>[], labels: ArrayLike<number>, topK: number): CategoricalFeature | null {
  const n = rows.length;
  const counts = new Map<string, number>();
  for (const row of rows) {
    const t = categoryText(rawValue(row, key));
    if (t !== null) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  // ID-like text (customer numbers, free notes) generalises to nothing.
  if (counts.size > Math.max(200, 0.3 * n)) return null;
  const minCount = Math.max(5, Math.ceil(0.002 * n));
  const levels = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, topK)
    .map(([l]) => l);
  const lookup = new Map(levels.map((l, i) => [l, i]));
  const m = levels.length + 2;
  const cnt = new Float64Array(m);
  const pos = new Float64Array(m);
  let totalPos = 0;
  const f: CategoricalFeature = { type: 'categorical', name: key, label: labelOf(key), key, levels, shares: [], treeCodes: [] };
  for (let i = 0; i < n; i++) {
    const j = categoryIndex(f, rows[i]!, lookup);
    cnt[j]!++;
    const y = labels[i] === 1 ? 1 : 0;
    pos[j]! += y;
    totalPos += y;
  }
  let nonEmpty = 0;
  for (let j = 0; j < m; j++) if (cnt[j]! > 0) nonEmpty++;
  if (nonEmpty < 2) return null;
  const prior = n ? totalPos / n : 0;
  const prior_m = 20;
  const rate = Array.from(cnt, (c, j) => (pos[j]! + prior_m * prior) / (c + prior_m));
  const order = rate.map((r, j) => [r, j] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const treeCodes = new Array<number>(m).fill(0);
  order.forEach(([, j], rank) => (treeCodes[j] = rank));
  f.shares = Array.from(cnt, (c) => (n ? c / n : 0));
  f.treeCodes = treeCodes;
  return f;
}

/* ------------------------------------------------------------------------------------------------ encoding */

/** One column of the linear design: which feature it belongs to and how to compute it. */
export interface LinearColumn {
  feature: number;
  /** 'value' (standardised numeric), 'missing' (indicator), or the category index for one-hots. */
  part: 'value' | 'missing' | number;
  center: number;
  scale: number;
}

/** A compiled encoder: fast row → design-vector functions for a spec (not serialised; rebuilt from the spec). */
export interface Encoder {
  spec: FeatureSpec;
  linearColumns: LinearColumn[];
  /** Writes the linear design vector (standardised; length linearColumns.length) at out[offset…]. */
  encodeLinear(row: Record<string, unknown>, todayDay: number, out: Float64Array | Float32Array, offset: number): void;
  /** Writes the tree vector (one value per feature; NaN = missing numeric) at out[offset…]. */
  encodeTree(row: Record<string, unknown>, todayDay: number, out: Float64Array, offset: number): void;
  /** Both vectors at once, each feature's value read once (a blend scores with both: a million customers a day). */
  encodeBoth(row: Record<string, unknown>, todayDay: number, linear: Float64Array, tree: Float64Array): void;
  /** Per feature: the value to show beside a contribution (number, level text or null for missing). */
  display(row: Record<string, unknown>, todayDay: number, feature: number): number | string | null;
}

export function buildEncoder(spec: FeatureSpec): Encoder {
  const features = spec.features;
  const linearColumns: LinearColumn[] = [];
  const lookups: (Map<string, number> | undefined)[] = [];
  features.forEach((f, fi) => {
    if (f.type === 'numeric') {
      linearColumns.push({ feature: fi, part: 'value', center: f.mean, scale: f.sd });
      const m = f.missingShare;
      if (m > 0 && m < 1) linearColumns.push({ feature: fi, part: 'missing', center: m, scale: Math.sqrt(m * (1 - m)) });
      lookups.push(undefined);
    } else {
      f.shares.forEach((s, j) => {
        if (s > 0 && s < 1) linearColumns.push({ feature: fi, part: j, center: s, scale: Math.sqrt(s * (1 - s)) });
      });
      lookups.push(new Map(f.levels.map((l, i) => [l, i])));
    }
  });
  // Group the columns of each feature for the encoder loop.
  const colStart: number[] = [];
  const colEnd: number[] = [];
  {
    let c = 0;
    features.forEach((_, fi) => {
      colStart.push(c);
      while (c < linearColumns.length && linearColumns[c]!.feature === fi) c++;
      colEnd.push(c);
    });
  }

  // A numeric feature's value column (always there, first) and missing column (-1: none), with every column's centre
  // and scale in flat arrays: the encoder's loop read them from the column objects, 184 a row for the bench's blend.
  const missingColumn = new Int32Array(features.length).fill(-1);
  const center = Float64Array.from(linearColumns, (col) => col.center);
  const scale = Float64Array.from(linearColumns, (col) => col.scale);
  linearColumns.forEach((col, c) => {
    if (col.part === 'missing') missingColumn[col.feature] = c;
  });
  /** The linear columns of a numeric feature from its value (NaN: missing). */
  const linearNumeric = (f: NumericFeature, fi: number, value: number, out: Float64Array | Float32Array, offset: number) => {
    const missing = value !== value;
    const c = colStart[fi]!;
    out[offset + c] = standardised(missing ? f.median : value, f.lo, f.hi, center[c]!, scale[c]!);
    const m = missingColumn[fi]!;
    if (m >= 0) out[offset + m] = ((missing ? 1 : 0) - center[m]!) / scale[m]!;
  };
  /**
   * Per categorical feature and level index (the levels, then one not seen in training, then missing): its linear
   * columns' values, computed once by the expression a row's encoding computed each time — the same bits. A new day's
   * recompute with a model encodes a million rows: this was 0.5 s of its 4.2 s of model (docs/scoring-storage.md).
   */
  const levelColumns = features.map((f, fi) =>
    f.type !== 'categorical'
      ? []
      : Array.from({ length: f.levels.length + 2 }, (_, j) => {
          const values = new Float64Array(colEnd[fi]! - colStart[fi]!);
          for (let c = colStart[fi]!; c < colEnd[fi]!; c++) {
            const col = linearColumns[c]!;
            values[c - colStart[fi]!] = ((col.part === j ? 1 : 0) - col.center) / col.scale;
          }
          return values;
        }),
  );
  /** The linear columns of a categorical feature from its level's index. */
  const linearLevel = (fi: number, j: number, out: Float64Array | Float32Array, offset: number) => {
    const values = levelColumns[fi]![j]!;
    const at = offset + colStart[fi]!;
    for (let k = 0; k < values.length; k++) out[at + k] = values[k]!;
  };
  /**
   * A categorical feature's level index, remembered per text value (a pure function of it, so remembering changes no
   * result): rows repeat a few statuses, tiers, brands; trimming and looking each up again cost 0.4 s a million.
   */
  const remembered = features.map(() => new Map<string, number>());
  const levelOf = (f: CategoricalFeature, fi: number, row: Record<string, unknown>): number => {
    const raw = rawValue(row, f.key);
    if (typeof raw !== 'string') return levelIndex(f, raw, lookups[fi]);
    const seen = remembered[fi]!;
    let j = seen.get(raw);
    if (j === undefined) {
      j = levelIndex(f, raw, lookups[fi]);
      if (seen.size >= 4096) seen.clear();
      seen.set(raw, j);
    }
    return j;
  };
  return {
    spec,
    linearColumns,
    encodeLinear(row, todayDay, out, offset) {
      for (let fi = 0; fi < features.length; fi++) {
        const f = features[fi]!;
        if (f.type === 'numeric') linearNumeric(f, fi, numericValue(f.source, row, todayDay), out, offset);
        else linearLevel(fi, levelOf(f, fi, row), out, offset);
      }
    },
    encodeTree(row, todayDay, out, offset) {
      for (let fi = 0; fi < features.length; fi++) {
        const f = features[fi]!;
        out[offset + fi] =
          f.type === 'numeric' ? numericValue(f.source, row, todayDay) : (f.treeCodes[levelOf(f, fi, row)] as number);
      }
    },
    encodeBoth(row, todayDay, linear, tree) {
      for (let fi = 0; fi < features.length; fi++) {
        const f = features[fi]!;
        if (f.type === 'numeric') {
          const v = numericValue(f.source, row, todayDay);
          tree[fi] = v;
          linearNumeric(f, fi, v, linear, 0);
        } else {
          const j = levelOf(f, fi, row);
          tree[fi] = f.treeCodes[j] as number;
          linearLevel(fi, j, linear, 0);
        }
      }
    },
    display(row, todayDay, fi) {
      const f = features[fi];
      if (!f) return null;
      if (f.type === 'numeric') {
        const v = numericValue(f.source, row, todayDay);
        return v === v ? Math.round(v * 1000) / 1000 : null;
      }
      return categoryText(rawValue(row, f.key));
    },
  };
}
