/**
 * A work-list sheet as the central warehouse sends it: Chinese headers, the subscriber figures, the list
 * each row is on, the extra columns real files carry, and the holder's identity number (which the importer
 * must hash and drop).
 */
import { fieldByKey, listTypeLabels } from '../worklist/fields';
import type { CellValue } from '../exchange/write';
import { civilFromDay, dayNumber, formatDay, lastDayOfMonth, shanghaiInstant } from './dates';
import { demoExtraColumns, generateSubscribersWithLatent, type SubscriberFieldKey } from './generator';
import { DEMO_HISTORY_ROWS, DEMO_IMPORT_CUSTOMERS } from './files';
import { demoListSpecs, type DemoListSpec } from './lists';

/**
 * The subscriber columns of the demo sheet: about forty, like the central files; tenure, the older ARPU
 * months, call-type minutes and a few flags are left out (the importer derives or does without them).
 */
export const demoSheetFields: readonly SubscriberFieldKey[] = [
  'name', 'brand', 'tier', 'plan_code', 'plan_name', 'plan_fee', 'join_date', 'region_type', 'county', 'hall', 'manager',
  'arpu_m3', 'arpu_avg3', 'arpu_cur', 'mou_avg3', 'mou_cur', 'data_mb_avg3', 'data_mb_cur',
  'offnet_ratio_prev', 'offnet_ratio_cur', 'competitor_cs_calls_week', 'competitor_contacts', 'dual_sim', 'forward_offnet',
  'status', 'suspended_days', 'balance', 'arrears', 'contract_end', 'contract_type', 'complaints_90d',
  'handset_model', 'handset_months', 'family_numbers', 'vnet', 'broadband', 'contact_pref', 'do_not_disturb', 'last_marketed',
];

/** Every subscriber field the generator makes, for files that should exercise the whole mapping. */
export const allDemoSheetFields: readonly SubscriberFieldKey[] = [
  'name', 'brand', 'tier', 'plan_code', 'plan_name', 'plan_fee', 'join_date', 'tenure_months', 'region_type', 'county', 'hall', 'manager',
  'arpu_m1', 'arpu_m2', 'arpu_m3', 'arpu_avg3', 'arpu_cur', 'mou_avg3', 'mou_cur', 'data_mb_avg3', 'data_mb_cur',
  'local_min', 'long_distance_min', 'roaming_min', 'roaming_mb', 'offnet_ratio_prev', 'offnet_ratio_cur',
  'competitor_cs_calls_week', 'competitor_contacts', 'dual_sim', 'forward_offnet', 'status', 'suspended_days', 'balance', 'arrears',
  'contract_end', 'contract_type', 'complaints_90d', 'handset_model', 'handset_months', 'handset_smart',
  'family_members', 'family_numbers', 'vnet', 'broadband', 'channel_pref', 'contact_pref', 'do_not_disturb', 'last_marketed',
];

export interface DemoWorkListSheetOptions {
  seed: number;
  count: number;
  /** Snapshot date YYYY-MM-DD; list names and due dates follow from it. */
  today: string;
  /** Add 是否离网/离网日期, as a labelled history file for model training has. */
  withLabels?: boolean;
  startIndex?: number;
  fields?: readonly SubscriberFieldKey[];
  /** Phone numbers as numeric cells, as some warehouse exports write them. Default: text. */
  msisdnAsNumber?: boolean;
}

export interface DemoWorkListSheet {
  header: string[];
  /** Re-iterable; rows are generated as they are read, so a million rows need no memory. */
  rows: Iterable<CellValue[]>;
  /**
   * Columns holding dates. The warehouse's Excel exports carry real date cells, so writeWorkbook writes these
   * as dates in xlsx (and as YYYY-MM-DD text in CSV, which is what a CSV export contains).
   */
  dateColumns: number[];
}

const zh = (key: string): string => {
  const def = fieldByKey.get(key);
  if (!def) throw new Error(`not a canonical field: ${key}`);
  return def.zh;
};

/** The list columns a row carries. */
type ListCells = readonly [name: string, type: string, dueDate: string];

export function demoWorkListSheet(opts: DemoWorkListSheetOptions): DemoWorkListSheet {
  const withLabels = opts.withLabels ?? false;
  const todayDay = dayNumber(opts.today);
  // Name and identity number sit together at the front, as on the warehouse's customer extracts.
  const fields = opts.fields ?? demoSheetFields;
  const leadName = fields[0] === 'name';
  const bodyFields = leadName ? fields.slice(1) : fields;
  const columnKeys: string[] = [
    'msisdn',
    ...(leadName ? ['name'] : []),
    'id_no',
    ...bodyFields,
    'list_name',
    'list_type',
    'due_date',
  ];
  const header = [...columnKeys.map(zh), ...demoExtraColumns, ...(withLabels ? [zh('churned'), zh('churn_date')] : [])];
  const keysInOrder = [...columnKeys, ...demoExtraColumns.map(() => ''), ...(withLabels ? ['churned', 'churn_date'] : [])];
  const dateColumns = keysInOrder.flatMap((k, i) => (fieldByKey.get(k)?.kind === 'date' ? [i] : []));

  // The lists as they stand at mid-morning of the snapshot day, in the order a row is attributed to one,
  // and a catch-all list for rows none of them selects (central files list every row under some list).
  const specs = demoListSpecs(shanghaiInstant(todayDay, 10 * 60));
  const priority: readonly string[] = ['dual_sim', 'contract_expiring', 'arrears_suspension', 'weekly_anomaly', 'handset_change', 'no_contract_care'];
  const ordered = [...specs].sort((a, b) => priority.indexOf(a.type) - priority.indexOf(b.type));
  const listCells = new Map<DemoListSpec, ListCells>(ordered.map((s) => [s, [s.name, listTypeLabels[s.type].zh, s.dueDate]]));
  const { y, m } = civilFromDay(todayDay);
  const catchAll: ListCells = [`${y}年${m}月存量客户保有清单`, listTypeLabels.other.zh, formatDay(lastDayOfMonth(todayDay))];

  const rows: Iterable<CellValue[]> = {
    *[Symbol.iterator]() {
      const stream = generateSubscribersWithLatent({
        seed: opts.seed,
        count: opts.count,
        today: opts.today,
        withLabels,
        startIndex: opts.startIndex ?? 0,
        withIdNumbers: true,
      });
      for (const { row, latent } of stream) {
        const out: CellValue[] = [opts.msisdnAsNumber ? Number(row.msisdn) : row.msisdn];
        if (leadName) out.push(row.name ?? null);
        out.push(latent.idNo);
        for (const f of bodyFields) out.push(row[f] ?? null);
        const spec = ordered.find((s) => s.select(row, todayDay) !== null);
        out.push(...(spec ? listCells.get(spec)! : catchAll));
        for (const col of demoExtraColumns) out.push(row.extra[col] ?? null);
        if (withLabels) out.push(row.churned ?? null, row.churn_date ?? null);
        yield out;
      }
    },
  };
  return { header, rows, dateColumns };
}

/** The files the demo workspace hands a supervisor to try the app with (the demo has none of the central side's). */
export type DemoFileKind = 'worklist' | 'history';

/** The demo workspace's seed (electron/backend/demo.ts): its customers are rows 0 to 2,999 of it. */
const DEMO_SEED = 20261123;

/**
 * A demo file, as the central side would send it, the same on every download of the day:
 * - `history`: a labelled history of customers like the demo workspace's, for the churn model — the same generator,
 *   other customers (rows from 100,000 on: none of the workspace's own numbers), who left among them marked (是否离网,
 *   离网日期);
 * - `worklist`: the next work list — 100 customers the workspace has, with today's figures, and 200 new ones on
 *   today's lists, with two mistakes a real file has, for the import's check to show: a number that is no number
 *   (refused, its row named) and a customer twice on one list (a warning).
 */
export function demoFileSheet(kind: DemoFileKind, today: string): DemoWorkListSheet {
  if (kind === 'history') return demoWorkListSheet({ seed: DEMO_SEED, count: DEMO_HISTORY_ROWS, startIndex: 100_000, today, withLabels: true });
  const sheet = demoWorkListSheet({ seed: DEMO_SEED, count: DEMO_IMPORT_CUSTOMERS, startIndex: 2_900, today });
  const rows = [...sheet.rows];
  rows.splice(12, 0, ['1380013800x', ...rows[12]!.slice(1)]);
  rows.splice(40, 0, [...rows[25]!]);
  return { ...sheet, rows };
}
