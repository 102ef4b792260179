/**
 * The outcome workbook (docs/product.md §7.1): what an agent's machine sends back — the tasks it worked, every contact
 * attempt with its stable unique id, feedback and experience notes — and what a supervisor's machine merges as
 * a set union on those ids.
 *
 * The file is for people as much as for the merge: Chinese headers by default (English on request), labels
 * beside codes, local times beside the UTC times. There is no hidden machine header row — a person who sorts
 * or re-saves the file in Excel or WPS would break it — so the reader recognises the Chinese and the English
 * headers alike, and an "About" sheet carries the `格式 / format` marker that tells an outcome file from a
 * work list.
 *
 * Formula safety (docs/product.md §8): writeWorkbook writes every string as a text cell (xlsx) or with a leading
 * apostrophe when it starts with = + - @ tab or CR (CSV). Reading our CSV strips exactly that apostrophe, so
 * such text comes back as it was written.
 */
import { formatMessage, joinList, type Locale } from '../i18n';
import type { CellValue, SheetSpec } from './write';
import { readWorkbook, type ReadOptions, type WorkbookFormat } from './read';
import {
  channelLabels,
  channels,
  competitorLabels,
  competitorOfferProblem,
  competitors,
  dispositionLabels,
  dispositions,
  feedbackCategories,
  feedbackCategoryLabels,
  importanceLabels,
  importances,
  reasonLabels,
  reasons,
  unmetRequirement,
  type Disposition,
} from '../contact/codes';
import { taskStatusLabels } from '../contact/status';
import { normalizeMsisdn } from '../worklist/msisdn';
import { columnLetter, normalizeHeader } from '../worklist/headers';
import { excelSerialSeconds, excelSerialToIsoDate } from '../worklist/cells';

/** The value of the format marker; the number after the slash is raised only for changes old readers cannot read. */
export const OUTCOME_FORMAT = 'retention-desk-outcomes';
export const OUTCOME_FORMAT_VERSION = 1;
const MARKER_LABEL = '格式 / format';

/* ------------------------------------------------------------------------------------------------ */
/* Records                                                                                           */

export interface OutcomeTask {
  msisdn: string;
  agentId: string | null;
  status: string;
  dueDate: string | null;
  attemptCount: number;
  lastAttemptAt: string | null;
  callbackAt: string | null;
  /** The names of the work lists the task comes from (the file joins them as its language does). */
  lists: readonly string[];
}

/** An attempt as exchanged: everything but the local task id, which means nothing on another machine. */
export interface OutcomeAttempt {
  id: string;
  msisdn: string;
  agentId: string;
  channel: string;
  at: string;
  disposition: string;
  reason: string | null;
  competitor: string | null;
  /**
   * What the competitor offered, and its monthly price in yuan (issue 15 #6). Absent (not null) when read from a
   * file written before these columns existed, so merging such a file does not look like a changed attempt.
   */
  competitorOffer?: string | null;
  competitorAmount?: number | null;
  offerCode: string | null;
  /** The tariff plan an accepted outcome moved the customer to; absent, as above, from a file written before (schema 34). */
  planCode?: string | null;
  callbackAt: string | null;
  note: string | null;
}

export interface OutcomeFeedback {
  id: string;
  attemptId: string | null;
  msisdn: string | null;
  agentId: string;
  category: string | null;
  importance: string | null;
  text: string;
  at: string;
}

export interface OutcomeNote {
  id: string;
  agentId: string;
  offerCode: string | null;
  reason: string | null;
  text: string;
  at: string;
}

/**
 * A supervisor's lift of a customer's 要求勿扰 (docs/product.md §6): from this instant the request no longer holds,
 * until the customer asks again. Its key is the number and the instant; the desk that merges it stops blocking the
 * customer as the desk that lifted it did.
 */
export interface OutcomeLift {
  msisdn: string;
  at: string;
  agentId: string | null;
  /** Why, in the supervisor's words; null for a lift made before it was kept (schema 27) or a file without the column. */
  reason: string | null;
}

export interface OutcomeData {
  tasks: readonly OutcomeTask[];
  attempts: readonly OutcomeAttempt[];
  feedback: readonly OutcomeFeedback[];
  notes: readonly OutcomeNote[];
  /** Absent: none (an agent's file: only a supervisor lifts). */
  lifts?: readonly OutcomeLift[];
  /**
   * The offers' names by code, written beside each code (优惠名称) in the file's language: a supervisor reading the
   * file saw codes only (found by a new agent). A merge reads the code; the name is for people.
   */
  offerNames?: ReadonlyMap<string, { zh: string; en: string | null }>;
  /** The tariff plans' names by code, written beside a plan taken (所换套餐), as the offers' are. */
  planNames?: ReadonlyMap<string, { zh: string; en: string | null }>;
}

export interface OutcomeMeta {
  /** The period exported, as local calendar dates. */
  from?: string;
  to?: string;
  /** The agent whose work this is; absent for a supervisor's export of everyone. */
  agentId?: string | null;
  exportedAt?: string;
  /** IANA zone of the local-time columns; Asia/Shanghai unless told (the product's users are in China). */
  timeZone?: string;
}

/** Same shape as the contract's RowIssueView, so the UI and the issues workbook can show both kinds alike. */
export interface OutcomeIssue {
  row: number;
  column: string;
  columnLetter: string;
  field: string | null;
  code: string;
  params: Record<string, string | number>;
  value: string;
  severity: 'error' | 'warning';
}

/* ------------------------------------------------------------------------------------------------ */
/* Columns                                                                                           */

type SheetKind = 'tasks' | 'attempts' | 'feedback' | 'notes' | 'lifts' | 'about';
interface Column {
  key: string;
  zh: string;
  en: string;
}
const col = (key: string, zh: string, en: string): Column => ({ key, zh, en });

/**
 * Columns a person reads as dates: the local times and the due date are date cells (issue 18), the UTC columns
 * stay ISO text — they are what the merge reads, exact to the millisecond and free of any time zone.
 */
const personDateKeys = new Set(['dueDate', 'lastAttemptLocal', 'callbackLocal', 'atLocal']);
const personDates = (kind: Exclude<SheetKind, 'about'>): number[] => columns[kind].flatMap((c, i) => (personDateKeys.has(c.key) ? [i] : []));

const sheetNames: Record<SheetKind, { zh: string; en: string }> = {
  tasks: { zh: '任务', en: 'Tasks' },
  attempts: { zh: '接触记录', en: 'Attempts' },
  feedback: { zh: '反馈', en: 'Feedback' },
  notes: { zh: '经验分享', en: 'Notes' },
  lifts: { zh: '撤销勿扰', en: 'Do-not-call lifted' },
  about: { zh: '说明', en: 'About' },
};

const columns: Record<Exclude<SheetKind, 'about'>, readonly Column[]> = {
  tasks: [
    col('msisdn', '手机号码', 'Phone number'),
    col('agentId', '坐席工号', 'Agent ID'),
    col('status', '状态代码', 'Status code'),
    col('statusLabel', '状态', 'Status'),
    col('dueDate', '截止日期', 'Due date'),
    col('attemptCount', '接触次数', 'Attempts'),
    col('lastAttemptAt', '最近接触(UTC)', 'Last attempt (UTC)'),
    col('lastAttemptLocal', '最近接触(本地时间)', 'Last attempt (local time)'),
    col('callbackAt', '预约回访(UTC)', 'Callback (UTC)'),
    col('callbackLocal', '预约回访(本地时间)', 'Callback (local time)'),
    col('lists', '所属清单', 'Work lists'),
  ],
  attempts: [
    col('id', '接触记录ID', 'Attempt ID'),
    col('msisdn', '手机号码', 'Phone number'),
    col('agentId', '坐席工号', 'Agent ID'),
    col('channel', '渠道代码', 'Channel code'),
    col('channelLabel', '渠道', 'Channel'),
    col('at', '接触时间(UTC)', 'Time (UTC)'),
    col('atLocal', '接触时间(本地时间)', 'Time (local time)'),
    col('disposition', '结果代码', 'Disposition code'),
    col('dispositionLabel', '接触结果', 'Disposition'),
    col('reason', '原因代码', 'Reason code'),
    col('reasonLabel', '原因', 'Reason'),
    col('competitor', '竞争对手代码', 'Competitor code'),
    col('competitorLabel', '竞争对手', 'Competitor'),
    col('competitorOffer', '竞争对手优惠内容', 'Competitor offer'),
    col('competitorAmount', '竞争对手优惠月费(元)', 'Competitor monthly price (yuan)'),
    col('offerCode', '优惠编码', 'Offer code'),
    col('offerName', '优惠名称', 'Offer'),
    col('planCode', '所换套餐编码', 'Plan taken code'),
    col('planName', '所换套餐', 'Plan taken'),
    col('callbackAt', '预约回访时间(UTC)', 'Callback time (UTC)'),
    col('callbackLocal', '预约回访时间(本地时间)', 'Callback time (local time)'),
    col('note', '备注', 'Note'),
  ],
  feedback: [
    col('id', '反馈ID', 'Feedback ID'),
    col('attemptId', '接触记录ID', 'Attempt ID'),
    col('msisdn', '手机号码', 'Phone number'),
    col('agentId', '坐席工号', 'Agent ID'),
    col('at', '时间(UTC)', 'Time (UTC)'),
    col('atLocal', '时间(本地时间)', 'Time (local time)'),
    col('category', '类别代码', 'Category code'),
    col('categoryLabel', '类别', 'Category'),
    col('importance', '重要程度代码', 'Importance code'),
    col('importanceLabel', '重要程度', 'Importance'),
    col('text', '反馈内容', 'Feedback'),
  ],
  notes: [
    col('id', '经验ID', 'Note ID'),
    col('agentId', '坐席工号', 'Agent ID'),
    col('at', '时间(UTC)', 'Time (UTC)'),
    col('atLocal', '时间(本地时间)', 'Time (local time)'),
    col('offerCode', '优惠编码', 'Offer code'),
    col('offerName', '优惠名称', 'Offer'),
    col('reason', '原因代码', 'Reason code'),
    col('reasonLabel', '原因', 'Reason'),
    col('text', '经验内容', 'Note'),
  ],
  lifts: [
    col('msisdn', '手机号码', 'Phone number'),
    col('liftedAt', '撤销时间(UTC)', 'Lifted at (UTC)'),
    col('atLocal', '撤销时间(本地时间)', 'Lifted at (local time)'),
    col('agentId', '撤销人工号', 'Lifted by'),
    col('reason', '撤销原因', 'Reason'),
  ],
};

/** A column's header as this app writes it in Chinese (where a merge names a column the reader did not check). */
export const outcomeColumnHeader = (kind: Exclude<SheetKind, 'about'>, key: string): string => columns[kind].find((c) => c.key === key)?.zh ?? key;

/** Without these a sheet's rows cannot be read at all; they also tell the sheets apart by header alone. */
const requiredColumns: Record<Exclude<SheetKind, 'about' | 'tasks'>, readonly string[]> = {
  attempts: ['id', 'msisdn', 'at', 'disposition'],
  feedback: ['id', 'text'],
  notes: ['id', 'text'],
  // Its own time column's name: a header with 手机号码 and 时间 alone would be taken for another sheet's.
  lifts: ['msisdn', 'liftedAt'],
};


/* ------------------------------------------------------------------------------------------------ */
/* Writing                                                                                           */

const isEn = (locale: Locale): boolean => locale === 'en';

/**
 * Formats UTC instants as local wall-clock text. Intl's formatToParts costs ~50 µs a call, which made the
 * local-time columns most of the time of a 100,000-attempt export; zone offsets change only on hour
 * boundaries, so the offset is looked up once per UTC hour and the text built from the shifted time.
 */
export function localTimeFormatter(timeZone: string): (iso: string | null) => string | null {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const offsets = new Map<number, number>();
  const offsetAt = (hourStart: number): number => {
    let o = offsets.get(hourStart);
    if (o === undefined) {
      const p = Object.fromEntries(f.formatToParts(hourStart).map((x) => [x.type, Number(x.value)]));
      o = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - hourStart;
      offsets.set(hourStart, o);
    }
    return o;
  };
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return (iso) => {
    if (!iso) return null;
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return null;
    const d = new Date(t + offsetAt(Math.floor(t / 3_600_000) * 3_600_000));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
}

function label<T extends string>(table: Record<T, { zh: string; en: string }>, code: string | null, locale: Locale): string | null {
  if (!code || !Object.prototype.hasOwnProperty.call(table, code)) return null;
  const l = table[code as T];
  return isEn(locale) ? l.en : l.zh;
}

/**
 * The sheets of an outcome workbook for writeWorkbook (xlsx: four data sheets and the About sheet). Rows come
 * in a fixed order (by time, then id) so the same data always gives the same file.
 */
export function buildOutcomeSheets(data: OutcomeData, locale: Locale, meta: OutcomeMeta = {}): SheetSpec[] {
  const lang = isEn(locale) ? 'en' : 'zh';
  const local = localTimeFormatter(meta.timeZone ?? 'Asia/Shanghai');
  const header = (kind: Exclude<SheetKind, 'about'>) => columns[kind].map((c) => c[lang]);
  const byTimeThenId = <T extends { at: string; id: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.at < b.at ? -1 : 1));

  const nameIn = (names: OutcomeData['offerNames'], code: string | null): string | null => {
    const o = code === null ? undefined : names?.get(code);
    return o ? (lang === 'en' && o.en ? o.en : o.zh) : null;
  };
  const offerName = (code: string | null): string | null => nameIn(data.offerNames, code);
  const tasks = [...data.tasks].sort((a, b) => (a.msisdn < b.msisdn ? -1 : a.msisdn > b.msisdn ? 1 : 0));
  const taskRows = tasks.map((t): CellValue[] => [
    t.msisdn,
    t.agentId,
    t.status,
    label(taskStatusLabels, t.status, locale),
    t.dueDate,
    t.attemptCount,
    t.lastAttemptAt,
    local(t.lastAttemptAt),
    t.callbackAt,
    local(t.callbackAt),
    t.lists.length > 0 ? joinList(locale, t.lists) : null,
  ]);
  const attemptRows = byTimeThenId(data.attempts).map((a): CellValue[] => [
    a.id,
    a.msisdn,
    a.agentId,
    a.channel,
    label(channelLabels, a.channel, locale),
    a.at,
    local(a.at),
    a.disposition,
    label(dispositionLabels, a.disposition, locale),
    a.reason,
    label(reasonLabels, a.reason, locale),
    a.competitor,
    label(competitorLabels, a.competitor, locale),
    a.competitorOffer ?? null,
    a.competitorAmount ?? null,
    a.offerCode,
    offerName(a.offerCode),
    a.planCode ?? null,
    nameIn(data.planNames, a.planCode ?? null),
    a.callbackAt,
    local(a.callbackAt),
    a.note,
  ]);
  const feedbackRows = byTimeThenId(data.feedback).map((f): CellValue[] => [
    f.id,
    f.attemptId,
    f.msisdn,
    f.agentId,
    f.at,
    local(f.at),
    f.category,
    label(feedbackCategoryLabels, f.category, locale),
    f.importance,
    label(importanceLabels, f.importance, locale),
    f.text,
  ]);
  const liftRows = [...(data.lifts ?? [])]
    .sort((a, b) => (a.at === b.at ? (a.msisdn < b.msisdn ? -1 : a.msisdn > b.msisdn ? 1 : 0) : a.at < b.at ? -1 : 1))
    .map((l): CellValue[] => [l.msisdn, l.at, local(l.at), l.agentId, l.reason]);
  const noteRows = byTimeThenId(data.notes).map((n): CellValue[] => [
    n.id,
    n.agentId,
    n.at,
    local(n.at),
    n.offerCode,
    offerName(n.offerCode),
    n.reason,
    label(reasonLabels, n.reason, locale),
    n.text,
  ]);

  const en = isEn(locale);
  const about: CellValue[][] = [
    [MARKER_LABEL, `${OUTCOME_FORMAT}/${OUTCOME_FORMAT_VERSION}`],
    [en ? 'Period' : '期间', meta.from && meta.to ? `${meta.from} – ${meta.to}` : null],
    [en ? 'Agent' : '坐席', meta.agentId ?? (en ? 'all agents' : '全部坐席')],
    [en ? 'Exported at (UTC)' : '导出时间(UTC)', meta.exportedAt ?? null],
    [en ? 'Local times in' : '本地时间时区', meta.timeZone ?? 'Asia/Shanghai'],
    [en ? 'Attempts' : '接触记录条数', data.attempts.length],
    [
      en ? 'Note' : '说明',
      en
        ? 'Outcome file of Retention Desk. Give it to your supervisor to merge; do not change the ID or code columns. A merge reads the times in the (UTC) columns: the local-time columns are for reading: a change to them is not merged, and the merge names each changed cell.'
        : '维系工作台的结果文件，请交给主管合并；请勿修改 ID 列和代码列。合并按“(UTC)”列的时间：本地时间列只供阅读：改了不会合并，合并时会指出改过的格子。',
    ],
  ];

  return [
    { name: sheetNames.tasks[lang], header: header('tasks'), rows: taskRows, dateColumns: personDates('tasks'), autoFilter: true },
    { name: sheetNames.attempts[lang], header: header('attempts'), rows: attemptRows, dateColumns: personDates('attempts'), autoFilter: true },
    { name: sheetNames.feedback[lang], header: header('feedback'), rows: feedbackRows, dateColumns: personDates('feedback'), autoFilter: true },
    { name: sheetNames.notes[lang], header: header('notes'), rows: noteRows, dateColumns: personDates('notes'), autoFilter: true },
    // Only when there is one: an agent's file never has any (only a supervisor lifts), and older readers skip the sheet.
    ...(liftRows.length > 0 ? [{ name: sheetNames.lifts[lang], header: header('lifts'), rows: liftRows, dateColumns: personDates('lifts'), autoFilter: true }] : []),
    { name: sheetNames.about[lang], header: en ? ['Item', 'Value'] : ['项目', '内容'], rows: about, widths: [18, 60] },
  ];
}

/* ------------------------------------------------------------------------------------------------ */
/* Reading                                                                                           */

export interface SheetRows {
  name: string;
  /** Every row of the sheet including the header (row 0), as values (strings, numbers, booleans, null). */
  rows: readonly (readonly unknown[] | undefined)[];
}

/** A file that is not an outcome file at all (a work list, a newer format): nothing in it can be merged. */
export class OutcomeFileError extends Error {
  constructor(
    readonly code: 'outcome.not-outcome-file' | 'outcome.newer-format',
    readonly params: Record<string, string | number> = {},
  ) {
    super(formatMessage('en', code, params));
    this.name = 'OutcomeFileError';
  }
}

export interface ParsedOutcomes {
  attempts: OutcomeAttempt[];
  feedback: OutcomeFeedback[];
  notes: OutcomeNote[];
  lifts: OutcomeLift[];
  issues: OutcomeIssue[];
  /** Rows looked at on each data sheet (without headers), for the merge's "read" counts. */
  rowsRead: { attempts: number; feedback: number; notes: number; lifts: number };
  /** The sheet row (1-based, as Excel shows it) of each record above, index for index. */
  rowOf: { attempts: number[]; feedback: number[]; notes: number[]; lifts: number[] };
}

const headerLookup: Record<Exclude<SheetKind, 'about'>, Map<string, string>> = (() => {
  const out = {} as Record<Exclude<SheetKind, 'about'>, Map<string, string>>;
  for (const kind of Object.keys(columns) as Exclude<SheetKind, 'about'>[]) {
    const m = new Map<string, string>();
    for (const c of columns[kind]) for (const spelling of [c.zh, c.en, c.key]) m.set(normalizeHeader(spelling), c.key);
    out[kind] = m;
  }
  return out;
})();

const sheetKindByName = new Map<string, SheetKind>(
  (Object.keys(sheetNames) as SheetKind[]).flatMap((k) => [
    [normalizeHeader(sheetNames[k].zh), k],
    [normalizeHeader(sheetNames[k].en), k],
    [normalizeHeader(`${sheetNames[k].zh} ${sheetNames[k].en}`), k],
  ]),
);

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return String(v);
};

/** The format marker if the row is one of an About sheet's: the version number, or null. */
function markerIn(row: readonly unknown[]): number | null {
  const k = normalizeHeader(cellText(row[0]));
  if (k !== normalizeHeader(MARKER_LABEL) && k !== 'format' && k !== '格式') return null;
  const m = /^retention-desk-outcomes\/(\d+)$/.exec(cellText(row[1]).trim());
  return m ? Number(m[1]) : null;
}

/** Which kind of sheet this is: by its name, else by its header (a CSV or a renamed sheet has only the header). */
function sheetKind(name: string, headerRow: readonly unknown[]): Exclude<SheetKind, 'about'> | null {
  const byName = sheetKindByName.get(normalizeHeader(name));
  if (byName && byName !== 'about') return byName;
  const header = headerRow.map((h) => normalizeHeader(cellText(h)));
  for (const kind of ['attempts', 'feedback', 'notes', 'lifts'] as const) {
    const keys = new Set(header.map((h) => headerLookup[kind].get(h)).filter(Boolean));
    if (requiredColumns[kind].every((k) => keys.has(k))) return kind;
  }
  return null;
}

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A UTC instant in the canonical form toISOString writes; null when the text is not an ISO date-time with a zone. */
function parseInstant(text: string): string | null {
  const s = text.trim();
  if (!UTC_ISO.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** A code given as itself or as its Chinese or English label (a person may have retyped the label). */
function codeLookup(codes: readonly string[], labels: Record<string, { zh: string; en: string }>): (text: string) => string | null {
  const m = new Map<string, string>();
  for (const c of codes) {
    m.set(normalizeHeader(c), c);
    m.set(normalizeHeader(labels[c]!.zh), c);
    m.set(normalizeHeader(labels[c]!.en), c);
  }
  return (text) => m.get(normalizeHeader(text)) ?? null;
}
const dispositionCode = codeLookup(dispositions, dispositionLabels);
const channelCode = codeLookup(channels, channelLabels);
const reasonCode = codeLookup(reasons, reasonLabels);
const competitorCode = codeLookup(competitors, competitorLabels);
const categoryCode = codeLookup(feedbackCategories, feedbackCategoryLabels);
const importanceCode = codeLookup(importances, importanceLabels);

const MAX_ID = 100;
const MAX_TEXT = 4000;

/** Where the records of an outcome file read row by row go (the merge stores each as it comes). */
export interface OutcomeSink {
  attempt(a: OutcomeAttempt, row: number): void;
  feedback(f: OutcomeFeedback, row: number): void;
  note(n: OutcomeNote, row: number): void;
  /** `sheet`: the sheet's name as the file has it (a merge's own warning on the row names it). */
  lift(l: OutcomeLift, row: number, sheet: string): void;
  issue(i: OutcomeIssue): void;
}

/**
 * How far ahead of the merging PC's clock a record's own time may be: two PCs' clocks drift minutes apart, but a
 * contact "in 2027" comes from a PC whose clock was wrong, and merged as it is it would hold the customer's cooldown
 * and 最近接触 in the future. Such a row is refused with its place, to be merged again once its time is put right.
 */
export const OUTCOME_CLOCK_SLACK_MS = 60 * 60 * 1000;

export interface OutcomeReadOptions {
  /** The merging PC's clock (ISO): a record's time (not a call-back's) more than OUTCOME_CLOCK_SLACK_MS after it is refused. */
  now?: string;
  /**
   * The merging PC's zone: a local-time cell that does not show its row's UTC time in the file's zone is a person's
   * change, which the merge does not read — said with a warning on the cell. The file's zone is the one its About sheet
   * names (read first: `outcomeSheetOrder`), this one for a file without (a CSV of one sheet). Without it, local-time
   * cells are not looked at.
   */
  timeZone?: string;
}

const ZONE_LABELS = new Set(['本地时间时区', 'local times in'].map(normalizeHeader));

/**
 * The zone an About sheet's row names, if it is the zone's row (本地时间时区, the exporting PC's): the zone, or null
 * for one this PC does not know (the local times then cannot be checked against it); undefined for any other row.
 */
function zoneIn(row: readonly unknown[]): string | null | undefined {
  if (!ZONE_LABELS.has(normalizeHeader(cellText(row[0])))) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: cellText(row[1]).trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const isAboutSheet = (name: string): boolean => sheetKindByName.get(normalizeHeader(name)) === 'about';

/**
 * An outcome file's sheets in the order a reader takes them: the About sheet first, since it names the zone of every
 * local time after it (a PC set to another zone than the merging one wrote each in it), the others as they come.
 */
export const outcomeSheetOrder = <T extends { name: string }>(sheets: readonly T[]): T[] =>
  [...sheets].sort((a, b) => Number(isAboutSheet(b.name)) - Number(isAboutSheet(a.name)));

/**
 * A local-time cell's wall clock to the minute ('YYYY-MM-DD HH:MM'), as our writer's date cell (a serial) or a text a
 * spreadsheet may have re-saved it as ('2026/11/20 10:00', without the seconds); null when it shows no date and time.
 */
function wallMinute(cell: unknown): string | null {
  if (typeof cell === 'number') {
    const day = excelSerialToIsoDate(cell);
    if (day === null) return null;
    const s = excelSerialSeconds(cell);
    return `${day} ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}`;
  }
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})/.exec(cellText(cell));
  if (!m) return null;
  const two = (x: string) => x.padStart(2, '0');
  return `${m[1]}-${two(m[2]!)}-${two(m[3]!)} ${two(m[4]!)}:${m[5]}`;
}

/**
 * Reads an outcome file (xlsx sheets, or the one sheet of a CSV) one row at a time, so that a large file is never held
 * whole (issue 19 #2). Every row is checked: a row that cannot be an attempt (no id, unknown disposition, unreadable
 * time, bad phone number) becomes an error issue and is left out; a value that is wrong but not essential (an unknown
 * reason code) becomes a warning and is left empty. `sheet(name)` reads one sheet: its rows in order, each with its
 * 0-based index (row 0 the header), then `end()` — the About sheet first (`outcomeSheetOrder`). `finish()`, after every sheet, throws OutcomeFileError when the file
 * as a whole is not an outcome file (a work list, a newer format) — a caller storing as it reads then undoes it all.
 */
export function outcomeReader(sink: OutcomeSink, options: OutcomeReadOptions = {}) {
  const latest = options.now === undefined ? Infinity : Date.parse(options.now) + OUTCOME_CLOCK_SLACK_MS;
  // Local times are checked in the caller's zone until the About sheet names the file's (`zoneIn`).
  let localTime = options.timeZone === undefined ? null : localTimeFormatter(options.timeZone);
  let zoneRead = false;
  let marker: number | null = null;
  let sawAttempts = false;
  const rowsRead = { attempts: 0, feedback: 0, notes: 0, lifts: 0 };
  return {
    /** Rows looked at on each data sheet (without headers), for the merge's "read" counts. */
    rowsRead,
    sheet(sheetName: string) {
      const about = isAboutSheet(sheetName);
      let kind: Exclude<SheetKind, 'about'> | null | undefined;
      let usable = false;
      let header: string[] = [];
      const index = new Map<string, number>();
      const start = (headerRow: readonly unknown[]): void => {
        kind = sheetKind(sheetName, headerRow);
        if (kind === 'attempts') sawAttempts = true;
        if (kind === null || kind === 'tasks') return; // the task sheet is for people: status is recomputed from attempts
        const k = kind;
        header = headerRow.map((h) => cellText(h));
        header.forEach((h, i) => {
          const key = headerLookup[k].get(normalizeHeader(h));
          if (key && !index.has(key)) index.set(key, i);
        });
        const missing = requiredColumns[k].filter((key) => !index.has(key));
        for (const key of missing) {
          sink.issue({
            row: 1,
            column: columns[k].find((c) => c.key === key)!.zh,
            columnLetter: '',
            field: key,
            code: 'outcome.column-missing',
            params: { sheet: sheetName, column: columns[k].find((c) => c.key === key)!.zh },
            value: '',
            severity: 'error',
          });
        }
        usable = missing.length === 0;
      };
      return {
        row(row: readonly unknown[], r: number): void {
          if (r < 50) marker ??= markerIn(row);
          if (about && localTime !== null && !zoneRead) {
            const zone = zoneIn(row);
            zoneRead = zone !== undefined;
            if (zone) localTime = localTimeFormatter(zone);
          }
          if (kind === undefined) {
            start(r === 0 ? row : []);
            if (r === 0) return;
          }
          if (!usable || kind === null || kind === undefined || kind === 'tasks') return;
          if (row.every((v) => cellText(v).trim() === '')) return;
          rowsRead[kind]++;
          parseRow(kind, row, r);
        },
        end(): void {
          if (kind === undefined) start([]);
        },
      };
      function parseRow(kind: 'attempts' | 'feedback' | 'notes' | 'lifts', row: readonly unknown[], r: number): void {
        const rowIssues: OutcomeIssue[] = [];
        const raw = (key: string): string => {
          const i = index.get(key);
          // The apostrophe our CSV writer puts before formula-looking text was taken off by the reader (read/sheetjs.ts).
          return i === undefined ? '' : cellText(row[i]);
        };
        const issue = (key: string, code: string, severity: 'error' | 'warning', params: Record<string, string | number> = {}) => {
          const i = index.get(key);
          rowIssues.push({
            row: r + 1,
            column: i === undefined ? key : header[i] ?? key,
            columnLetter: i === undefined ? '' : columnLetter(i),
            field: key,
            code,
            params: { sheet: sheetName, value: raw(key), ...params },
            value: raw(key),
            severity,
          });
        };
        /** Free text kept exactly (including leading blanks or =), only clamped; empty → null. */
        const text = (key: string): string | null => {
          const v = raw(key);
          if (v.trim() === '') return null;
          if (v.length > MAX_TEXT) {
            issue(key, 'text.truncated', 'warning', { max: MAX_TEXT });
            return v.slice(0, MAX_TEXT);
          }
          return v;
        };
        const id = (key: string, required: boolean): string | null => {
          const v = raw(key).trim();
          if (!v) {
            if (required) issue(key, 'outcome.id-missing', 'error');
            return null;
          }
          if (v.length > MAX_ID) {
            issue(key, 'outcome.id-invalid', required ? 'error' : 'warning');
            return null;
          }
          return v;
        };
        const instant = (key: string, required: boolean): string | null => {
          const v = raw(key);
          if (v.trim() === '') {
            if (required) issue(key, 'outcome.time-missing', 'error');
            return null;
          }
          const t = parseInstant(v);
          if (t === null) issue(key, 'outcome.time-invalid', required ? 'error' : 'warning');
          return t;
        };
        /**
         * A local-time cell beside a UTC one that shows another minute than the UTC time in the file's zone
         * (`localTime`): a person changed it, and the merge reads the UTC column (the 说明 sheet says so) — said
         * on the cell, not lost without a word. The row is merged with its UTC time.
         */
        const localChanged = (utcKey: string, localKey: string, utc: string | null): void => {
          const i = index.get(localKey);
          if (localTime === null || utc === null || i === undefined || cellText(row[i]).trim() === '') return;
          const shown = localTime(utc)!;
          if (wallMinute(row[i]) === shown.slice(0, 16)) return;
          const u = index.get(utcKey);
          const utcColumn = u === undefined ? outcomeColumnHeader(kind, utcKey) : header[u] ?? utcKey;
          issue(localKey, 'outcome.local-time-ignored', 'warning', { value: wallMinute(row[i]) ?? raw(localKey), utcColumn, local: shown });
        };
        /** When the record was made: an instant that may not lie ahead of the merging PC's clock. */
        const madeAt = (key: string): string | null => {
          const t = instant(key, true);
          if (t !== null && Date.parse(t) > latest) {
            issue(key, 'outcome.time-in-future', 'error');
            return null;
          }
          return t;
        };
        const msisdn = (key: string, required: boolean): string | null => {
          const v = raw(key);
          if (v.trim() === '' && !required) return null;
          const n = normalizeMsisdn(v);
          if (n.ok) return n.msisdn;
          issue(key, n.problem === 'empty' ? 'msisdn.missing' : `msisdn.${n.problem}`, required ? 'error' : 'warning', {
            digits: v.replace(/\D/g, '').length,
          });
          return null;
        };
        /** The competitor's offer in words: longer than the form allows → kept cut to the limit, with a warning. */
        const competitorOfferText = (): string | null => {
          const v = raw('competitorOffer').trim();
          if (!v) return null;
          const problem = competitorOfferProblem({ text: v, amount: null });
          if (!problem) return v;
          issue('competitorOffer', 'text.truncated', 'warning', { max: problem.params.max });
          return v.slice(0, problem.params.max);
        };
        /** The competitor's monthly price: not a number in the range → warning and empty. */
        const competitorAmountValue = (): number | null => {
          const v = raw('competitorAmount').trim();
          if (!v) return null;
          const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v) ? Number(v) : Number.NaN;
          const problem = competitorOfferProblem({ text: null, amount: n });
          if (!problem) return n;
          issue('competitorAmount', problem.code, 'warning', { max: problem.params.max });
          return null;
        };
        /** What a feedback row and a note share: its id, its text, when and by whom — checked in that order. */
        const authored = () => {
          const ident = id('id', true);
          const body = text('text');
          if (!body) issue('text', 'outcome.text-missing', 'error');
          const at = madeAt('at');
          localChanged('at', 'atLocal', at);
          return { id: ident!, text: body!, at: at!, agentId: id('agentId', true)! };
        };
        /** A coded value: the code column, else its label column; unknown → warning and empty. */
        const coded = (key: string, labelKey: string | null, lookup: (t: string) => string | null, unknownCode: string): string | null => {
          const v = raw(key).trim() || (labelKey ? raw(labelKey).trim() : '');
          if (!v) return null;
          const c = lookup(v);
          if (c === null) issue(raw(key).trim() ? key : labelKey!, unknownCode, 'warning');
          return c;
        };

        if (kind === 'attempts') {
          const attemptId = id('id', true);
          const number = msisdn('msisdn', true);
          const at = madeAt('at');
          localChanged('at', 'atLocal', at);
          const agentId = id('agentId', true);
          const dispText = raw('disposition').trim() || raw('dispositionLabel').trim();
          let disposition: string | null = null;
          if (!dispText) issue('disposition', 'outcome.disposition-missing', 'error');
          else if ((disposition = dispositionCode(dispText)) === null) issue('disposition', 'outcome.disposition-unknown', 'error');
          // A contact with an unknown or missing channel still happened: it is kept (the text as written, or
          // 'unknown') with a warning, rather than dropped from the record of who was called.
          const channelText = raw('channel').trim() || raw('channelLabel').trim();
          const knownChannel = channelText ? channelCode(channelText) : null;
          const channel = knownChannel ?? (channelText || 'unknown');
          if (knownChannel === null) issue(raw('channel').trim() || !channelText ? 'channel' : 'channelLabel', 'outcome.channel-unknown', 'warning');
          const reason = coded('reason', 'reasonLabel', reasonCode, 'outcome.reason-unknown');
          const competitor = coded('competitor', 'competitorLabel', competitorCode, 'outcome.competitor-unknown');
          const offerCode = text('offerCode')?.trim() || null;
          // Files written before a plan could be taken have no such column: the key stays absent (see OutcomeAttempt).
          const planCode = index.has('planCode') ? text('planCode')?.trim() || null : undefined;
          const callbackAt = instant('callbackAt', false);
          localChanged('callbackAt', 'callbackLocal', callbackAt);
          const note = text('note');
          // Files written before the competitor's offer had columns have neither: the keys stay absent (see OutcomeAttempt).
          const competitorOffer = index.has('competitorOffer') ? competitorOfferText() : undefined;
          const competitorAmount = index.has('competitorAmount') ? competitorAmountValue() : undefined;
          if (disposition !== null) {
            const unmet = unmetRequirement(disposition as Disposition, { offerCode, planCode, reason, callbackAt });
            if (unmet) issue(unmet === 'offer' ? 'offerCode' : unmet, `outcome.needs-${unmet}`, 'warning', {});
          }
          if (!rowIssues.some((i) => i.severity === 'error')) {
            sink.attempt({
              id: attemptId!, msisdn: number!, agentId: agentId!, channel, at: at!, disposition: disposition!, reason, competitor,
              ...(competitorOffer !== undefined && { competitorOffer }),
              ...(competitorAmount !== undefined && { competitorAmount }),
              offerCode,
              ...(planCode !== undefined && { planCode }),
              callbackAt, note,
            }, r + 1);
          }
        } else if (kind === 'feedback') {
          const a = authored();
          const record: OutcomeFeedback = {
            id: a.id,
            attemptId: id('attemptId', false),
            msisdn: msisdn('msisdn', false),
            agentId: a.agentId,
            category: coded('category', 'categoryLabel', categoryCode, 'outcome.category-unknown'),
            importance: coded('importance', 'importanceLabel', importanceCode, 'outcome.importance-unknown'),
            text: a.text,
            at: a.at,
          };
          if (!rowIssues.some((i) => i.severity === 'error')) {
            sink.feedback(record, r + 1);
          }
        } else if (kind === 'lifts') {
          const number = msisdn('msisdn', true);
          const at = madeAt('liftedAt');
          localChanged('liftedAt', 'atLocal', at);
          const agentId = id('agentId', false);
          const reason = text('reason')?.trim() || null;
          if (!rowIssues.some((i) => i.severity === 'error')) sink.lift({ msisdn: number!, at: at!, agentId, reason }, r + 1, sheetName);
        } else {
          const a = authored();
          const record: OutcomeNote = {
            id: a.id,
            agentId: a.agentId,
            offerCode: text('offerCode')?.trim() || null,
            reason: coded('reason', 'reasonLabel', reasonCode, 'outcome.reason-unknown'),
            text: a.text,
            at: a.at,
          };
          if (!rowIssues.some((i) => i.severity === 'error')) {
            sink.note(record, r + 1);
          }
        }
      for (const i of rowIssues) sink.issue(i);
      }
    },
    finish(): void {
      if (marker !== null && marker > OUTCOME_FORMAT_VERSION) throw new OutcomeFileError('outcome.newer-format', { version: marker });
      // Without the marker (a CSV of the attempts sheet, or a file whose About sheet was deleted) the attempts
      // sheet recognised by its header is enough; anything else, such as a work list, is refused as a whole.
      if (marker === null && !sawAttempts) throw new OutcomeFileError('outcome.not-outcome-file');
    },
  };
}

/** The records of an outcome file's sheets held whole: `outcomeReader` over rows in memory (tests, small files). */
export function parseOutcomeWorkbook(sheets: readonly SheetRows[], options: OutcomeReadOptions = {}): ParsedOutcomes {
  const out: ParsedOutcomes = {
    attempts: [],
    feedback: [],
    notes: [],
    lifts: [],
    issues: [],
    rowsRead: { attempts: 0, feedback: 0, notes: 0, lifts: 0 },
    rowOf: { attempts: [], feedback: [], notes: [], lifts: [] },
  };
  const reader = outcomeReader({
    attempt: (a, row) => void (out.attempts.push(a), out.rowOf.attempts.push(row)),
    feedback: (f, row) => void (out.feedback.push(f), out.rowOf.feedback.push(row)),
    note: (n, row) => void (out.notes.push(n), out.rowOf.notes.push(row)),
    lift: (l, row) => void (out.lifts.push(l), out.rowOf.lifts.push(row)),
    issue: (i) => void out.issues.push(i),
  }, options);
  for (const sheet of outcomeSheetOrder(sheets)) {
    const rows = reader.sheet(sheet.name);
    sheet.rows.forEach((row, r) => row && rows.row(row, r));
    rows.end();
  }
  reader.finish();
  out.rowsRead = reader.rowsRead;
  return out;
}

/* ------------------------------------------------------------------------------------------------ */
/* Bytes → sheets                                                                                    */

/**
 * Outcome files are one agent's period: small. Limits as for any workbook read (read/): a file near them is
 * not an outcome file, and a hostile one is refused before it costs the machine its memory.
 */
export const outcomeReadLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxRows: 1_100_000,
  maxColumns: 500,
  maxSheets: 20,
  // Everyone's attempts for a month are a few hundred MB of XML at most.
  maxUnpackedBytes: 512 * 1024 * 1024,
} as const satisfies ReadOptions;

/**
 * The sheets of an (already decrypted) outcome file as rows of values, through the guarded reader (read/:
 * size, sheet count, rows and columns per sheet, real unpacked bytes), which throws an `ExchangeError` for a
 * file it refuses. Values only: formulas are never evaluated (their cached value is read, if any), and CSV
 * text is taken as text, so a phone number or an ISO time is not turned into a number or a date on the way
 * in; the reader has already taken off the apostrophe our CSV writer puts before formula-looking text.
 * `limits` narrows the defaults (tests).
 */
export function readOutcomeSheets(bytes: Uint8Array, limits: Partial<ReadOptions> = {}): { sheets: SheetRows[]; format: WorkbookFormat } {
  const book = readWorkbook(bytes, { ...outcomeReadLimits, ...limits });
  const sheets = book.sheets.map((s) => ({ name: s.name, rows: book.rows(s.name).map((row) => Array.from(row, (v) => (v === undefined ? null : v))) }));
  return { sheets, format: book.format };
}

