/**
 * The two public telco churn datasets the bench compares the churn model on (tests/fixtures/model/README.md says
 * where they come from), mapped onto our canonical work-list fields (core/worklist/fields.ts) the way an import
 * would hand them to training: canonical fields at the top level, every other column under `extra`.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TelcoDataset {
  name: string;
  /** Rows as training sees them: canonical keys at the top level (churned included), other columns under extra. */
  rows: Record<string, unknown>[];
  /** The same rows as one flat table (canonical keys and extra columns side by side), for the scikit-learn script. */
  header: string[];
  table: string[][];
}

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const num = (s: string | undefined): number => (s === undefined || s === '' ? NaN : Number(s));
const sum = (r: Row, keys: string[]): string => {
  const v = keys.reduce((a, k) => a + num(r[k]), 0);
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '';
};

/**
 * A dataset's mapping: which source column becomes which canonical field (renamed, value unchanged), and canonical
 * fields computed from several columns. Every source column not renamed stays, under its own name, as an extra
 * column.
 */
interface Mapping {
  rename: Record<string, string>;
  computed?: Record<string, (r: Row) => string>;
}

const mappings: Record<string, Mapping> = {
  // IBM's Watson Analytics sample (7,043 customers of a fictional operator): tenure in months, monthly charges.
  wa_churn: {
    rename: { churn: 'churned', tenure: 'tenure_months', monthly_charges: 'arpu_cur', contract: 'contract_type' },
  },
  // The MLC++/C50 "churn" set (5,000 US mobile subscribers; BigML's churn-80/20 are 3,333 of them): one month's
  // usage. The month's minutes (day + evening + night) are MOU, its usage charges the current ARPU; international
  // minutes are the long-distance minutes; calls to customer service are the nearest thing to complaints.
  mlc_churn: {
    rename: { churn: 'churned', total_intl_minutes: 'long_distance_min', number_customer_service_calls: 'complaints_90d' },
    computed: {
      mou_cur: (r) => sum(r, ['total_day_minutes', 'total_eve_minutes', 'total_night_minutes']),
      arpu_cur: (r) => sum(r, ['total_day_charge', 'total_eve_charge', 'total_night_charge', 'total_intl_charge']),
    },
  },
};

export const TELCO_DATASETS = Object.keys(mappings);

export function loadTelcoDataset(name: string, dir = path.resolve('tests/fixtures/model')): TelcoDataset {
  const mapping = mappings[name];
  if (!mapping) throw new Error(`no mapping for dataset ${name}`);
  const source = readCsv(path.join(dir, `${name}.csv`));
  const sourceCols = Object.keys(source[0] ?? {});
  const canonical = [...sourceCols.filter((c) => c in mapping.rename).map((c) => mapping.rename[c]!), ...Object.keys(mapping.computed ?? {})];
  const extraCols = sourceCols.filter((c) => !(c in mapping.rename));
  const rows: Record<string, unknown>[] = [];
  const table: string[][] = [];
  for (const r of source) {
    const row: Record<string, unknown> = {};
    for (const c of sourceCols) if (c in mapping.rename) row[mapping.rename[c]!] = r[c];
    for (const [k, f] of Object.entries(mapping.computed ?? {})) row[k] = f(r);
    row.extra = Object.fromEntries(extraCols.map((c) => [c, r[c]]));
    rows.push(row);
    table.push([...canonical.map((k) => String(row[k] ?? '')), ...extraCols.map((c) => r[c]!)]);
  }
  return { name, rows, header: [...canonical, ...extraCols], table };
}
