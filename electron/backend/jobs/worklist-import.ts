import fs from 'node:fs';
import { ApiFailure, type ColumnTargetInput, type ListMeta, type RowIssueView, type WorklistImportResult, type WorklistPreview } from '../../../core/api';
import { ExchangeError, openWorkbookRows, readsAsStream, refuseNoRows, refuseOversized, ScanRestart, type SheetInfo, type UncomputedFormulas, type WorkbookRows } from '../../../core/exchange/read';
import { SheetDigest, SheetHead, type SheetDigestResult } from '../../../core/worklist/sheet-digest';
import { listTypeLabels, type ListType } from '../../../core/worklist/fields';
import { noteExtraColumns } from '../../../db/extra-columns';
import {
  columnLetter,
  headerSignature,
  matchHeaders,
  normalizeHeader,
  protectIdentityColumns,
  type ColumnMapping,
  type MappingProfile,
} from '../../../core/worklist/headers';
import { hasPhoneColumn, mappingIssues, type NormalizedRow, type RowIssue, type RowResult } from '../../../core/worklist/rows';
import { displayValue, isKnownValue, knownValues, normalizeListTypeCell } from '../../../core/worklist/cells';
import { compileRiskConfig } from '../../../core/risk/config';
import { activeRiskConfig } from '../risk-config';
import { maskIdNumber, maskIdentityNumbersIn } from '../../../core/privacy/identity';
import { storedAgentId } from '../../../db/agents';
import { findWorkList, importIndexRebuildRows, importSubscriberWriter, openTaskId, suspendImportIndexes, suspendImportInsertTriggers, updateWorkListVersion } from '../../../db/import';
import { insertTask, openTaskIdsOf, reassignTask } from '../../../db/tasks';
import { priorityIndexRebuildRows, suspendPriorityIndexes } from '../../../db/scores';
import { refreshQueueBlocks } from '../contact';
import { settleSuccessesFromImport, type ImportedRow } from '../successes';
import { insertWorkList, isListMember, listMemberInserter } from '../../../db/worklists';
import { getWorkspaceValue, setWorkspaceValue, writeAudit } from '../../../db/workspace';
import type { Db } from '../../../db/connection';
import { checkIdentityKey, identityHasherFor, type IdentityKeyState } from '../identity-key';
import { isCompoundFile, isProtectedWorkbook, openProtectedWorkbook } from '../protected-files';
import { openFileSource } from '../file-source';
import { scoreSubscribers } from '../scoring';
import { runScheduledCampaigns } from '../campaigns';
import type { JobContext } from './kinds';
import { refuseWithoutMemory } from './free-memory';
import { readAhead, type PreparingRows } from './read-ahead';
import { ListContentHash, listRowNormalizer, rowFingerprint } from './list-rows';

/**
 * Limits that keep a hostile or mistaken file from exhausting the machine (docs/product.md §8): a file read whole (xls,
 * ods, csv, a password-protected workbook) up to 200 MB; a plain xlsx, read as a stream, up to 1 GB — a county's million
 * customers in one 47-column file is ~285 MB (docs/import-memory.md "Limits").
 */
export const importLimits = { maxBytes: 200 * 1024 * 1024, maxStreamedBytes: 1024 * 1024 * 1024, maxRows: 1_100_000, maxColumns: 500 };
/** Training and prediction hold every record of their file at once: the whole readers' limit, however the file is read. */
const heldRecordsLimits = { ...importLimits, maxStreamedBytes: importLimits.maxBytes };
const PREVIEW_ISSUES = 200;
const SAMPLES = 3;

export interface WorklistJobPayload {
  filePath: string;
  fileName: string;
  issuesPath: string;
  sheet?: string;
  password?: string;
  headerRow?: number;
  mapping?: ColumnTargetInput[];
  list?: ListMeta;
  onRejected?: 'import-valid' | 'import-nothing';
  saveProfile?: boolean;
  agentId: string | null;
  today: string;
}

/**
 * A sheet read once through for its mapping (`planSheet`): which sheet, its header, the column mapping, and what the
 * preview shows of each column. Its rows are not kept: each later pass reads them again from the file
 * (docs/import-memory.md), so an import's memory does not grow with its rows.
 */
interface SheetPlan {
  book: WorkbookRows;
  format: string;
  sheet: string;
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping[];
  userChanged: boolean;
  profileMatched: boolean;
  /** Each column's first non-empty values under the header, by column index, for the preview's samples. */
  samples: readonly (readonly unknown[])[];
  /** Sheet rows under the header: the total of the checking progress (null: not known before the pass). */
  dataRows: number | null;
  /** The sheet's title above its header, if any: the list's proposed name (and type, when it names one). */
  title: string | null;
}

/** Reading errors as the contract says them. */
function readingFailure(e: unknown): unknown {
  if (e instanceof ExchangeError) return new ApiFailure(e.code === 'too-large' ? 'too-large' : 'bad-file', e.messageCode, e.params);
  return e;
}

/** Runs a pass over the file's rows, again from its start when the streaming reader handed the sheet to the whole readers. */
async function withRestart<T>(pass: () => T | Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await pass();
    } catch (e) {
      if (e instanceof ScanRestart) continue;
      throw readingFailure(e);
    }
  }
}

/**
 * Opens the file for reading row by row; a file over the limits or the machine's free memory is refused first. The
 * file is read where the reader asks (`openFileSource`): a plain xlsx is never held whole; an encrypted workbook is
 * read and decrypted in memory.
 */
async function openBook(ctx: JobContext<WorklistJobPayload>, limits: typeof importLimits = importLimits): Promise<WorkbookRows> {
  const p = ctx.payload;
  ctx.progress('reading', 0, null);
  const file = openFileSource(p.filePath);
  try {
    // Over the size it may be read at, refused before anything is read: a protected workbook is decrypted in memory.
    refuseOversized(file, limits);
    const bytes = isCompoundFile(file.read(0, 8)) ? await openIfProtected(file.whole(), p.password) : file;
    refuseWithoutMemory(bytes);
    const opts = { ...limits, sheet: p.sheet };
    // A large plain xlsx is read in a thread of its own while this one stores its rows (read-ahead.ts).
    return (bytes === file && readsAsStream(file, opts) ? readAhead(file, opts) : null) ?? openWorkbookRows(bytes, opts);
  } catch (e) {
    throw readingFailure(e);
  }
}

/**
 * Reads the file once through for its sheet, header and mapping, and the sheet picker's sheets; shared by the preview,
 * the import and the model jobs.
 */
async function planSheet(ctx: JobContext<WorklistJobPayload>, opened?: WorkbookRows): Promise<SheetPlan & { sheets: WorklistPreview['sheets'] }> {
  const p = ctx.payload;
  const book = opened ?? (await openBook(ctx));
  const found = await withRestart(() => {
    const infos: SheetInfo[] = [];
    /** Rows under the header of each sheet read but not a candidate, for the sheet picker. */
    const rowsUnder = new Map<string, number>();
    /** The sheets the list may be on: the one asked for, else every visible sheet with rows. */
    const candidates: { name: string; digest: SheetDigest; info: SheetInfo }[] = [];
    for (const s of book.sheets) {
      // A sheet other than the one asked for is not read while streaming; a workbook read whole has it at hand.
      if (p.sheet !== undefined && s.name !== p.sheet && book.streaming) {
        infos.push(book.otherSheet(s.name));
        continue;
      }
      // A hidden sheet is usually a lookup table, not the list.
      const mapped = p.sheet === undefined ? !s.hidden : s.name === p.sheet;
      const digest = mapped ? new SheetDigest(p.headerRow, SAMPLES) : undefined;
      const head = mapped ? undefined : new SheetHead();
      // Its rows counted as they are read, and a cancel heard: a county's million takes this pass ~20 s.
      const info = book.scan(s.name, (values, index) => {
        if (digest) digest.add(values, index);
        else head!.add(values, index);
        if (index % 4096 === 4095) {
          ctx.progress('reading', index + 1, null);
          ctx.checkCancelled();
        }
      });
      infos.push(info);
      if (head) rowsUnder.set(s.name, head.rowsUnderHeader(info.rowCount));
      if (digest && info.rowCount !== 0) candidates.push({ name: s.name, digest, info });
      ctx.checkCancelled();
    }
    refuseNoRows(infos, { sheet: p.sheet });
    // The first candidate with a column of phone numbers: a notes or summary sheet in front of the list ("说明") is not
    // the list, and opening on it said "no column holds phone numbers" of a file that has one. Else the first.
    const plans = candidates.map((c) => ({ name: c.name, plan: planOf(ctx, book, c.name, c.digest.result(c.info.rowCount), c.info.rowCount) }));
    const chosen = plans.find((c) => hasPhoneColumn(c.plan.mapping)) ?? plans[0];
    for (const c of plans) if (c !== chosen) rowsUnder.set(c.name, c.plan.dataRows ?? 0);
    if (chosen) return { infos, rowsUnder, chosen };
    const first = infos[0]!;
    const digest = new SheetDigest(p.headerRow, SAMPLES);
    book.scan(first.name, (values, index) => digest.add(values, index));
    return { infos, rowsUnder, chosen: { name: first.name, plan: planOf(ctx, book, first.name, digest.result(first.rowCount), first.rowCount) } };
  });
  const { infos, rowsUnder, chosen } = found;
  const plan = chosen.plan;
  return {
    ...plan,
    sheets: infos.map((s) =>
      s.name === chosen.name
        ? { name: s.name, rows: plan.dataRows, columns: s.columnCount }
        : { name: s.name, rows: rowsUnder.get(s.name) ?? null, columns: s.columnCount < 0 ? null : s.columnCount },
    ),
  };
}

/** The plan of a sheet from its digest (`SheetDigest`); `rowCount` its rows, null while not known (the one-pass import). */
function planOf(ctx: JobContext<WorklistJobPayload>, book: WorkbookRows, sheet: string, digest: SheetDigestResult, rowCount: number | null): SheetPlan {
  const p = ctx.payload;
  const headerRow = digest.headerRow;
  const headers = digest.headers.map((h) => (h === null || h === undefined ? '' : String(h)));
  const signature = headerSignature(headers);
  const profile = loadProfile(ctx.db, signature);
  // Identity columns by content (headers.ts protectIdentityColumns) are part of the proposal, so the preview shows
  // them and the same targets sent back are no change of the user's…
  const dataRows = digest.digestRows;
  let mapping = protectIdentityColumns(matchHeaders(headers, profile, { dataRows, columnCount: digest.columnCount }), dataRows);
  let userChanged = false;
  if (p.mapping) {
    mapping = mapping.map((m, i) => {
      const t = p.mapping![i];
      if (!t || JSON.stringify(t) === JSON.stringify(m.target)) return m;
      userChanged = true;
      return { ...m, target: t as ColumnMapping['target'], how: 'profile' as const, duplicateOf: undefined };
    });
  }
  // …and whatever the user then chose, identity numbers are hashed, never kept.
  if (userChanged) mapping = protectIdentityColumns(mapping, dataRows);
  return {
    book,
    format: book.format,
    sheet,
    headerRow,
    headers,
    mapping,
    userChanged,
    profileMatched: profile !== undefined,
    samples: digest.samples,
    dataRows: rowCount === null ? null : Math.max(0, rowCount - headerRow - 1),
    title: digest.title,
  };
}

/** What decides how rows are read and stored: two plans that agree on it store the same. */
const planKey = (plan: SheetPlan): string => JSON.stringify([plan.sheet, plan.headerRow, plan.headers, plan.mapping, plan.userChanged]);

/**
 * The normaliser of a plan's rows in the job's thread (list-rows.ts): only the import hashes identity numbers, with
 * the workspace's own key (identity-key.ts).
 */
function rowNormalizer(ctx: JobContext<WorklistJobPayload>, plan: SheetPlan, hashIdentity: boolean) {
  return listRowNormalizer(plan.mapping, ctx.payload.today, hashIdentity ? ctx.identityKey : undefined, (key) => identityHasherFor(ctx.db, key));
}

/**
 * The row issues of a check: all of them go to the issues file as they come (the problems workbook reads it), and
 * only the counts and the first ones shown are kept.
 */
class IssueSink {
  count = 0;
  warnings = 0;
  private readonly errors: RowIssue[] = [];
  private readonly firstWarnings: RowIssue[] = [];
  private readonly fd: number | null;
  private pending: string[] = [];

  constructor(path: string | null) {
    this.fd = path === null ? null : fs.openSync(path, 'w', 0o600);
    if (this.fd !== null) fs.writeSync(this.fd, '[');
  }

  add(issue: RowIssue): void {
    if (this.fd !== null) {
      this.pending.push((this.count > 0 ? ',' : '') + JSON.stringify(issue));
      if (this.pending.length >= 1024) this.flush();
    }
    this.count++;
    if (issue.severity === 'warning') this.warnings++;
    const first = issue.severity === 'error' ? this.errors : this.firstWarnings;
    if (first.length < PREVIEW_ISSUES) first.push(issue);
  }

  /**
   * The issues shown: errors first, then warnings, each in row order — the checks over the whole sheet (a number
   * repeated, an agent or a status not known) report after the rows' own, and row 46 came before row 45.
   */
  first(): RowIssueView[] {
    const byRow = (a: RowIssue, b: RowIssue) => a.row - b.row;
    return [...[...this.errors].sort(byRow), ...[...this.firstWarnings].sort(byRow)].slice(0, PREVIEW_ISSUES) as RowIssueView[];
  }

  close(): void {
    if (this.fd === null) return;
    this.flush();
    fs.writeSync(this.fd, ']');
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (this.fd !== null && this.pending.length) fs.writeSync(this.fd, this.pending.join(''));
    this.pending = [];
  }
}

interface CheckTotals {
  valid: number;
  rejected: number;
  /** Rows per list name in the file, in the order the names first appear. */
  lists: Map<string, number>;
  /** The list columns of the first valid row. */
  firstList: NormalizedRow['list'] | undefined;
  /** Fields derived on some row (tenure from the join date…): the subscriber writer's columns. */
  derived: Set<string>;
  /** The sheet's info, once read through. */
  info: SheetInfo | undefined;
  /** The sheet's digest, when asked for (`digestOf`). */
  digest?: SheetDigestResult | undefined;
}

/** How a pass over the rows runs (`checkRows`). */
interface CheckOptions {
  /** Identity numbers hashed with the workspace's key (only an import stores them). */
  hashIdentity?: boolean;
  /** Each valid record. */
  onRecord?: (row: number, record: NormalizedRow) => void;
  phase?: string;
  /** The sheet's digest too, for a plan made from its first rows (the one-pass import). */
  digestOf?: { headerRow: number | undefined; samples: number };
}

/**
 * One pass over the sheet's data rows: each row normalised and checked, its issues to `issues`, each valid record to
 * `onRecord`; then the warnings for agent ids the desk does not know, after every row's own issues as before. A large
 * list read in a thread of its own (read-ahead.ts) is normalised there too, while this thread stores the rows before
 * (docs/import-memory.md): the same rows, issues and digests either way.
 */
function checkRows(ctx: JobContext<WorklistJobPayload>, plan: SheetPlan, issues: IssueSink, opts: CheckOptions = {}): CheckTotals {
  const { hashIdentity = false, onRecord, phase = 'checking', digestOf } = opts;
  const totals: CheckTotals = { valid: 0, rejected: 0, lists: new Map(), firstList: undefined, derived: new Set(), info: undefined };
  const unknown = unknownAgentCheck(ctx.db, plan.mapping);
  const repeated = repeatedNumberCheck(plan.mapping);
  const statuses = unknownStatusCheck(ctx.db, plan.mapping);
  const first = plan.headerRow + 1;
  // Where the rows are hashed in the reader thread, the workspace's check value of the key is recorded (or the key
  // refused as another's) here, at the first identity number, as the job's own normaliser does it.
  const key = hashIdentity ? ctx.identityKey : undefined;
  let keyChecked = false;
  const checked = (index: number, r: RowResult) => {
    const rowNumber = index + 1; // 1-based, as Excel shows it
    if ((index - first) % 4096 === 0) {
      ctx.progress(phase, index - first, plan.dataRows);
      ctx.checkCancelled();
    }
    for (const issue of r.issues) issues.add(issue);
    if (r.empty) return; // a blank row, or a totals row (its warning is said above)
    if (!r.record) {
      totals.rejected++;
      return;
    }
    const record = r.record;
    totals.valid++;
    totals.firstList ??= record.list;
    const name = record.list.name;
    if (name) totals.lists.set(name, (totals.lists.get(name) ?? 0) + 1);
    for (const d of record.derived) totals.derived.add(d);
    unknown.see(rowNumber, record);
    repeated.see(rowNumber, record);
    statuses.see(rowNumber, record);
    onRecord?.(rowNumber, record);
  };
  const book = plan.book;
  if (isPreparing(book)) {
    const spec = { first, mapping: plan.mapping, today: ctx.payload.today, ...(key ? { identity: key } : {}), ...(digestOf ? { digest: digestOf } : {}) };
    const prepared = book.scanPrepared(plan.sheet, spec, (index, r) => {
      if (!keyChecked && r.record?.idHash) {
        checkIdentityKey(ctx.db, key as IdentityKeyState & { ok: true });
        keyChecked = true;
      }
      checked(index, r);
    });
    totals.info = prepared.info;
    totals.digest = prepared.digest;
  } else {
    const normalize = rowNormalizer(ctx, plan, hashIdentity);
    const digest = digestOf ? new SheetDigest(digestOf.headerRow, digestOf.samples) : undefined;
    const info = book.scan(plan.sheet, (cells, index) => {
      digest?.add(cells, index);
      if (index < first) return;
      const r = normalize(cells, index + 1);
      checked(index, r);
    });
    totals.info = info;
    totals.digest = digest?.result(info.rowCount);
  }
  unknown.report(issues);
  repeated.report(issues);
  statuses.report(issues);
  const uncomputed = totals.info?.uncomputedFormulas;
  if (uncomputed) issues.add(uncomputedFormulasIssue(uncomputed, plan.mapping));
  return totals;
}

/**
 * One warning for the formulas a file holds no value for (a program wrote them without computing them): they are
 * imported empty, and re-saving the file in Excel, WPS or LibreOffice computes them (docs/import-memory.md "Formulas").
 */
function uncomputedFormulasIssue(u: UncomputedFormulas, mapping: readonly ColumnMapping[]): RowIssue {
  const column = mapping.find((m) => m.index === u.column);
  return {
    row: u.row,
    column: column?.header || columnLetter(u.column),
    columnLetter: columnLetter(u.column),
    field: column?.target.kind === 'field' ? column.target.field : null,
    code: 'cell.formula-without-value',
    params: { count: u.count, cell: u.cell },
    value: '',
    severity: 'warning',
  };
}

const isPreparing = (book: WorkbookRows): book is PreparingRows => 'scanPrepared' in book;

/**
 * Once the rows are stored, the reader thread's memory (a million customers' shared strings) is given back before the
 * scoring: the 1,000,000-row import peaked with both threads' heaps at their largest (docs/import-memory.md).
 */
function releaseReader(plan: SheetPlan): void {
  if (isPreparing(plan.book)) plan.book.release();
}

/**
 * A number on two rows of one list is a warning on the later row, naming the earlier one: the later row's figures are
 * the ones kept (it is stored over the first), and without a word the import counted it as a customer "joining an
 * open task" (found by a second pair of eyes). On two lists a number is a customer on both, as before. Kept until the
 * rows are through as numbers and row numbers in typed arrays (12 bytes a row: 12 MB for a million), then sorted.
 */
function repeatedNumberCheck(mapping: readonly ColumnMapping[]) {
  const column = mapping.find((m) => m.target.kind === 'field' && m.target.field === 'msisdn');
  const lists = new Map<string, number>();
  let keys = new Float64Array(1024);
  let rows = new Int32Array(1024);
  let n = 0;
  return {
    see(row: number, record: NormalizedRow): void {
      if (n === keys.length) {
        keys = doubled(keys, Float64Array);
        rows = doubled(rows, Int32Array);
      }
      const name = record.list.name ?? '';
      let list = lists.get(name);
      if (list === undefined) lists.set(name, (list = lists.size));
      // An 11-digit number below 1e11: the list's index above it keeps the key exact (below 2^53 up to 90,000 lists).
      keys[n] = Number(record.msisdn) + list * 1e11;
      rows[n++] = row;
    },
    report(issues: IssueSink): void {
      if (!column || n < 2) return;
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => keys[a]! - keys[b]! || a - b);
      // Each run of one key in row order: its first row, then every later one named against it.
      for (let i = 1, first = 0; i < n; i++) {
        if (keys[order[i]!] !== keys[order[first]!]) {
          first = i;
          continue;
        }
        const value = String(keys[order[i]!]! % 1e11);
        issues.add({ row: rows[order[i]!]!, column: column.header, columnLetter: columnLetter(column.index), field: 'msisdn', code: 'row.duplicate-msisdn', params: { first: rows[order[first]!]! }, value, severity: 'warning' });
      }
    },
  };
}

/** A typed array twice as long, holding the same values first. */
function doubled<A extends Float64Array | Int32Array>(a: A, Kind: new (length: number) => A): A {
  const b = new Kind(a.length * 2);
  b.set(a);
  return b;
}

/**
 * A row naming an agent id the desk does not know (执行人) still imports, but its task stays unassigned: said as a
 * warning on that row (issue 18 #8), so the supervisor sees whose list did not land, instead of silently nothing.
 * Only the row and the id are kept until the rows are through.
 */
function unknownAgentCheck(db: JobContext['db'], mapping: readonly ColumnMapping[]) {
  const column = mapping.find((m) => m.target.kind === 'field' && m.target.field === 'agent');
  const known = new Map<string, boolean>();
  const rows: number[] = [];
  const agents: string[] = [];
  return {
    see(row: number, record: NormalizedRow): void {
      const agent = record.list.agent;
      if (!column || !agent) return;
      if (!known.has(agent)) known.set(agent, storedAgentId(db, agent) !== undefined);
      if (known.get(agent)) return;
      rows.push(row);
      agents.push(agent);
    },
    report(issues: IssueSink): void {
      if (!column) return;
      for (let i = 0; i < rows.length; i++) {
        const agent = agents[i]!;
        issues.add({ row: rows[i]!, column: column.header, columnLetter: columnLetter(column.index), field: 'agent', code: 'cell.unknown-agent', params: { agent }, value: agent, severity: 'warning' });
      }
    },
  };
}

/**
 * A 用户状态 the desk knows neither as a status (any spelling of 正常, 停机 …) nor as one the risk rules count as
 * terminal is stored as written, and no rule reads it: a central system's 销户 for 预销号 scored nothing, without a word.
 * One warning per such value, on its first row, with how many rows have it — per row, one odd value would bury a
 * file's other warnings. At most MAX_UNKNOWN_STATUSES values are followed (a column of something else is said by them).
 */
function unknownStatusCheck(db: JobContext['db'], mapping: readonly ColumnMapping[]) {
  const column = mapping.find((m) => m.target.kind === 'field' && m.target.field === 'status');
  const terminal = column ? compileRiskConfig(activeRiskConfig(db)).isTerminal : () => false;
  const seen = new Map<string, { row: number; rows: number } | null>();
  return {
    see(row: number, record: NormalizedRow): void {
      const value = record.fields.status;
      if (!column || typeof value !== 'string' || value === '') return;
      let entry = seen.get(value);
      if (entry === undefined) {
        if (seen.size >= MAX_UNKNOWN_STATUSES) return;
        entry = isKnownValue('status', value) || terminal(value) ? null : { row, rows: 0 };
        seen.set(value, entry);
      }
      if (entry) entry.rows++;
    },
    report(issues: IssueSink): void {
      if (!column) return;
      for (const [value, entry] of seen) {
        if (!entry) continue;
        issues.add({ row: entry.row, column: column.header, columnLetter: columnLetter(column.index), field: 'status', code: 'cell.unknown-status', params: { value, rows: entry.rows, known: knownValues('status').join('/') }, value, severity: 'warning' });
      }
    },
  };
}
const MAX_UNKNOWN_STATUSES = 200;

/** Every valid record of the sheet, for the jobs that work on all of them at once (model training and prediction). */
export async function checkSheet(ctx: JobContext<WorklistJobPayload>): Promise<{ mapping: ColumnMapping[]; records: { row: number; record: NormalizedRow }[] }> {
  const plan = await planSheet(ctx, await openBook(ctx, heldRecordsLimits));
  return withRestart(() => {
    const records: { row: number; record: NormalizedRow }[] = [];
    checkRows(ctx, plan, new IssueSink(null), { onRecord: (row, record) => records.push({ row, record }) });
    return { mapping: plan.mapping, records };
  });
}

export async function worklistPreviewJob(ctx: JobContext<WorklistJobPayload>): Promise<WorklistPreview> {
  const plan = await planSheet(ctx);
  const { totals, issues } = await withRestart(() => {
    const issues = new IssueSink(ctx.payload.issuesPath);
    try {
      return { totals: checkRows(ctx, plan, issues), issues };
    } finally {
      issues.close();
    }
  });
  const lists = listsInFile(totals);
  return {
    fileName: ctx.payload.fileName,
    format: plan.format,
    sheets: plan.sheets,
    sheet: plan.sheet,
    headerRow: plan.headerRow,
    columns: plan.mapping.map((m) => ({
      index: m.index,
      letter: columnLetter(m.index),
      header: m.header,
      target: m.target as ColumnTargetInput,
      how: m.how,
      ...(m.duplicateOf !== undefined ? { duplicateOf: m.duplicateOf } : {}),
      samples: samplesOf(plan.samples[m.index] ?? [], m),
    })),
    dataRows: totals.valid + totals.rejected,
    profileMatched: plan.profileMatched,
    mappingProblems: mappingIssues(plan.mapping).map((m) => ({ code: m.code, params: m.params, columnLetter: m.index === undefined ? null : columnLetter(m.index) })),
    list: proposedList(ctx.payload, plan, totals, lists),
    listsInFile: lists,
    check: { valid: totals.valid, rejected: totals.rejected, warnings: issues.warnings, issues: issues.first() },
  };
}

/** One work list of the file: its rows are those with its list name (or none, for the list the user confirmed). */
interface ListGroup {
  /** In the order of the group's first row. */
  index: number;
  name: string;
  type: ListType;
  period: string | null;
  dueDate: string | null;
  /** The content hash, fed row by row (list-rows.ts `ListContentHash`), and its digest once the rows are through. */
  hash: ListContentHash;
  digest?: string;
  /** The list stored to (null: the file brings it unchanged), and the hash it had before. */
  listId?: number | null;
  existing?: { id: number; source_hash: string | null };
}

/**
 * Ends the import's transaction without keeping what it stored: nothing ('abandoned'), stored again in a pass of its
 * own ('again'), or imported again after a whole plan ('replan': the first rows' plan was not the rows' plan).
 */
class Undo {
  constructor(readonly outcome: 'abandoned' | 'again' | 'replan') {}
}

/**
 * Parse, validate, store and score in one transaction, the rows read as a stream (docs/import-memory.md): after the
 * plan (the mapping), one pass checks every row and stores it as it is read, inside the transaction. What only the
 * end of the file can tell is checked at the end: rows rejected when the user wants all or nothing (the transaction is
 * rolled back), a list the file brings unchanged, a subscriber whose rows on several lists came out of list order, or
 * a derived field that first appears after rows were stored — then the transaction is rolled back and the rows stored
 * again in a second pass that knows it all. Peak memory is that of the file and a chunk of its sheet, not of its rows.
 */
export async function worklistImportJob(ctx: JobContext<WorklistJobPayload>): Promise<WorklistImportResult> {
  const book = await openBook(ctx);
  // The dialog and the CLI import the sheet and mapping their preview showed: its first rows give the plan, and the
  // one pass that stores the rows also checks that all the rows give the same (else it is undone and planned whole).
  const early = ctx.payload.sheet !== undefined && book.streaming ? planOfFirstRows(ctx, book) : null;
  if (early && !mappingIssues(early.mapping).some((m) => m.code === 'header.no-msisdn')) {
    try {
      const done = await importRows(ctx, early, true);
      if (done) return afterImport(ctx, done);
    } catch (e) {
      if (!(e instanceof ScanRestart)) throw readingFailure(e);
    }
  }
  const plan = await planSheet(ctx, book);
  if (mappingIssues(plan.mapping).some((m) => m.code === 'header.no-msisdn')) throw new ApiFailure('invalid-input', 'header.no-msisdn');
  for (;;) {
    try {
      return afterImport(ctx, (await importRows(ctx, plan, false))!);
    } catch (e) {
      if (e instanceof ScanRestart) continue;
      throw readingFailure(e);
    }
  }
}

/**
 * Once an import has committed: the campaigns set to run after every import (docs/product.md §5.6), which see the
 * customers and scores just stored — each in a transaction of its own, so one that cannot run (a column not yet
 * imported) is said and skipped, not allowed to undo the import.
 */
function afterImport(ctx: JobContext<WorklistJobPayload>, result: WorklistImportResult): WorklistImportResult {
  if (result.abandoned || result.unchanged || result.imported === 0) return result;
  ctx.progress('campaigns', 0, null);
  const r = runScheduledCampaigns(ctx.db, 'import', new Date(ctx.startedAt));
  if (r.ran.length === 0 && r.skipped.length === 0) return result;
  return { ...result, campaigns: { ran: r.ran.map((x) => ({ name: x.name, newTasks: x.newTasks, joined: x.joined, listId: x.listId })), skipped: r.skipped } };
}

/** Ends reading a sheet's first rows. */
const ENOUGH = Symbol('enough rows');

/** The plan from the sheet's first rows (`SheetDigest` head), or null when they do not give one (the whole plan then says why). */
function planOfFirstRows(ctx: JobContext<WorklistJobPayload>, book: WorkbookRows): SheetPlan | null {
  const sheet = ctx.payload.sheet!;
  const digest = new SheetDigest(ctx.payload.headerRow, SAMPLES);
  let info: SheetInfo | undefined;
  try {
    info = book.scan(sheet, (values, index) => {
      if (index >= digest.headRows) throw ENOUGH;
      digest.add(values, index);
    });
  } catch (e) {
    if (e !== ENOUGH) return null;
  }
  if (info?.rowCount === 0) return null;
  return planOf(ctx, book, sheet, digest.result(info?.rowCount ?? Number.MAX_SAFE_INTEGER), info?.rowCount ?? null);
}

/**
 * The import's passes with a plan; `early`: the plan came from the sheet's first rows, and is checked against all the
 * rows in the pass that stores them (null: it differed, nothing was kept).
 */
async function importRows(ctx: JobContext<WorklistJobPayload>, plan: SheetPlan, early: boolean): Promise<WorklistImportResult | null> {
  const p = ctx.payload;
  const db = ctx.db;
  const now = ctx.startedAt;
  // The list the rows without a list name go to; the contract always gives it, the proposal is for callers that do not.
  const meta = p.list ?? proposedListOfFile(ctx, plan);
  const fieldColumns = plan.mapping.filter((m) => m.target.kind === 'field').map((m) => (m.target as { field: string }).field);
  // The extra columns this file brings, by the name they are kept under: rules and the editor know them from now.
  const extraColumns = plan.mapping.filter((m) => m.target.kind === 'extra').map((m) => (m.target as { name: string }).name);

  // One work list per list-name value in the file (a sheet may carry several lists); rows without one belong to the
  // list the user confirmed. A subscriber on several lists is stored list by list, in the order of each list's first
  // row (as when rows were grouped in memory): when its rows come in another order, they wait for the end.
  const groups = new Map<string, ListGroup>();
  const latestGroup = new Map<number, number>();
  const outOfOrder = new Set<number>();
  const groupOf = (record: NormalizedRow): ListGroup => {
    const name = record.list.name ?? meta.name;
    let group = groups.get(name);
    if (!group) {
      // The list the user confirmed takes the type, period and due date they confirmed (the dialog shows the file's
      // own, so unchanged they are the same): a due date changed in the dialog, or given with --due, was overridden
      // by the file's 截止日期 column (found by the second security pass). Other lists a file names keep their own.
      const confirmed = name === meta.name;
      const type = confirmed ? meta.type : (record.list.type ?? meta.type);
      const dueDate = confirmed && meta.dueDate !== null ? meta.dueDate : (record.list.dueDate ?? meta.dueDate);
      const period = confirmed && meta.period !== null ? meta.period : (record.list.period ?? meta.period);
      group = { index: groups.size, name, type, period, dueDate, hash: new ListContentHash(type, dueDate) };
      groups.set(name, group);
    }
    return group;
  };
  /** Whether the subscriber's rows so far come in list order. */
  const inListOrder = (msisdn: number, group: ListGroup): boolean => {
    const latest = latestGroup.get(msisdn);
    if (latest !== undefined && latest > group.index) {
      outOfOrder.add(msisdn);
      return false;
    }
    // Rows of the first list never come too late for another: only later lists' rows are remembered.
    if (group.index > 0) latestGroup.set(msisdn, group.index);
    return true;
  };

  let totals: CheckTotals | undefined;
  let issues: IssueSink | undefined;
  const result = (store: RowStore | null, unchangedLists: number, lists: WorklistImportResult['lists']): WorklistImportResult => {
    const base = {
      fileName: p.fileName,
      read: totals!.valid + totals!.rejected,
      rejected: totals!.rejected,
      warnings: issues!.warnings,
      issues: issues!.first(),
      issueCount: issues!.count,
    };
    if (!store) return { ...base, imported: 0, newSubscribers: 0, updatedSubscribers: 0, newTasks: 0, joinedOpenTasks: 0, repeatedRows: 0, lists: [], unchanged: false, abandoned: true };
    return { ...base, ...store.counts, lists, unchanged: unchangedLists === groups.size && groups.size > 0, abandoned: false };
  };

  // First way: check and store in one pass.
  let outcome: Undo['outcome'];
  try {
    return db.transaction(() => {
      noteExtraColumns(db, extraColumns, now);
      const store = new RowStore(ctx, null, plan.dataRows, new Set(fieldColumns));
      const lists: WorklistImportResult['lists'] = [];
      let storing = true;
      const sink = (issues = new IssueSink(p.issuesPath));
      try {
        const onRecord = (row: number, record: NormalizedRow) => {
          const group = groupOf(record);
          group.hash.add(rowFingerprint(record));
          const ordered = inListOrder(Number(record.msisdn), group);
          if (!storing) return;
          if (!ordered || !store.canStore(fieldColumns, record)) {
            storing = false;
            return;
          }
          if (group.listId === undefined) {
            // The list is written as its first row comes, its content hash once all its rows are through.
            group.existing = findWorkList(db, group.name, group.period);
            group.listId = group.existing?.id ?? insertWorkList(db, { name: group.name, type: group.type, period: group.period, dueDate: group.dueDate, importedAt: now, sourceFile: p.fileName, sourceHash: '' });
            lists.push({ id: group.listId, name: group.name, created: !group.existing });
          }
          store.store(group, row, record);
        };
        totals = checkRows(ctx, plan, sink, { hashIdentity: true, onRecord, phase: 'saving', ...(early ? { digestOf: { headerRow: p.headerRow, samples: SAMPLES } } : {}) });
      } finally {
        sink.close();
      }
      releaseReader(plan);
      if (early) {
        const rowCount = totals.info!.rowCount;
        const whole = planOf(ctx, plan.book, plan.sheet, totals.digest!, rowCount);
        if (rowCount === 0 || planKey(whole) !== planKey(plan)) throw new Undo('replan');
      }
      for (const g of groups.values()) g.digest = g.hash.digest();
      if (totals.rejected > 0 && p.onRejected !== 'import-valid') throw new Undo('abandoned');
      if (!storing || [...groups.values()].some((g) => g.existing?.source_hash === g.digest)) throw new Undo('again');
      for (const g of groups.values()) updateWorkListVersion(db, g.listId!, { type: g.type, dueDate: g.dueDate, sourceFile: p.fileName, sourceHash: g.digest!, importedAt: now });
      finishImport(ctx, plan, store, lists, totals.rejected);
      return result(store, 0, lists);
    })();
  } catch (e) {
    if (!(e instanceof Undo)) throw e;
    outcome = e.outcome;
  }
  if (outcome === 'replan') return null;
  if (outcome === 'abandoned') return result(null, 0, []);

  // Second way: the rows again, stored knowing every list's hash, every derived field and the rows out of list order.
  const checked = totals!;
  // A normaliser of its own: the identity key's first use records its check value, which the rollback undid.
  const normalizeAgain = rowNormalizer(ctx, plan, true);
  return db.transaction(() => {
    noteExtraColumns(db, extraColumns, now);
    const store = new RowStore(ctx, checked.valid, checked.valid, new Set(fieldColumns), [...fieldColumns, ...checked.derived]);
    const lists: WorklistImportResult['lists'] = [];
    let unchangedLists = 0;
    for (const group of groups.values()) {
      const { name, type, period, dueDate } = group;
      const hash = group.digest!;
      const existing = findWorkList(db, name, period);
      if (existing?.source_hash === hash) {
        unchangedLists++;
        lists.push({ id: existing.id, name, created: false });
        group.listId = null;
        continue;
      }
      if (existing) {
        group.listId = existing.id;
        updateWorkListVersion(db, existing.id, { type, dueDate, sourceFile: p.fileName, sourceHash: hash, importedAt: now });
      } else {
        group.listId = insertWorkList(db, { name, type, period, dueDate, importedAt: now, sourceFile: p.fileName, sourceHash: hash });
      }
      lists.push({ id: group.listId, name, created: !existing });
    }
    const waiting: { group: ListGroup; row: number; record: NormalizedRow }[] = [];
    const first = plan.headerRow + 1;
    plan.book.scan(plan.sheet, (cells, index) => {
      if (index < first) return;
      const record = normalizeAgain(cells, index + 1).record;
      if (!record) return;
      const group = groups.get(record.list.name ?? meta.name)!;
      if (group.listId === null) return;
      if (outOfOrder.has(Number(record.msisdn))) waiting.push({ group, row: index + 1, record });
      else store.store(group, index + 1, record);
    });
    releaseReader(plan);
    waiting.sort((a, b) => a.group.index - b.group.index || a.row - b.row);
    for (const w of waiting) store.store(w.group, w.row, w.record);
    finishImport(ctx, plan, store, lists, checked.rejected);
    return result(store, unchangedLists, lists);
  })();
}

/**
 * Rows between two settlings of earlier successes (one query for their open successes each). Small on purpose: rows
 * held across two minor collections are moved to V8's old generation and stay there, dead, until a full collection —
 * at 2,000 a 100,000-row import peaked at 420 MB resident, at 256 at 335 MB, as fast (npm run bench -- --only import).
 */
const SETTLE_BATCH = 256;

/** Stores checked rows: the subscriber, its one open task, its place on the list. */
class RowStore {
  readonly counts = { imported: 0, newSubscribers: 0, updatedSubscribers: 0, newTasks: 0, joinedOpenTasks: 0, repeatedRows: 0 };
  /** The first task this import opened (the ones after it are its too): null until it opens one. */
  private firstNewTaskId: number | null = null;
  readonly touched = new Set<number>();
  /** Rows stored since the last settling of earlier successes (a batch: memory stays that of a batch). */
  private settling: ImportedRow[] = [];
  private writeSubscriber: ReturnType<typeof importSubscriberWriter> | undefined;
  private columns: Set<string> | undefined;
  private readonly addMember: ReturnType<typeof listMemberInserter>;
  private readonly agents = new Map<string, string | null>();
  /** Rows stored from which the queue's priority indexes are dropped, to be built again once at the end. */
  private readonly rebuildQueueFrom: number;
  private restoreQueueIndexes: (() => void) | null = null;
  /** From the same row, the insert triggers set aside (db/import.ts): what they do is done for all rows at the end. */
  private restoreTriggers: ((stored: ArrayLike<number>) => void) | null = null;
  /** Rows stored from which the secondary indexes are dropped (a larger share of the workspace), built again at the end. */
  private readonly rebuildIndexesFrom: number;
  private restoreIndexes: (() => void) | null = null;

  constructor(
    private readonly ctx: JobContext<WorklistJobPayload>,
    /** The rows to store, for progress; null when the pass storing them says its own progress. */
    private readonly total: number | null,
    /** The rows the sheet says it has (null: not said): a large import rebuilds the queue indexes from its first row. */
    expectedRows: number | null,
    /** The canonical columns the file maps: what it can say about earlier successes (successes.ts). */
    private readonly fileColumns: ReadonlySet<string>,
    columns?: readonly string[],
  ) {
    this.addMember = listMemberInserter(ctx.db);
    if (columns) this.useColumns(columns);
    const from = (threshold: number) => (expectedRows === null ? threshold : expectedRows >= threshold ? 0 : Infinity);
    this.rebuildQueueFrom = from(priorityIndexRebuildRows(ctx.db));
    this.rebuildIndexesFrom = from(importIndexRebuildRows(ctx.db));
  }

  /**
   * Whether the record can be stored with the subscriber columns the rows so far were stored with: those the file maps
   * and the fields derived on some row, which every row writes (null where it has none), as the import always did.
   */
  canStore(fieldColumns: readonly string[], record: NormalizedRow): boolean {
    if (!this.columns) {
      this.useColumns([...fieldColumns, ...record.derived]);
      return true;
    }
    return record.derived.every((d) => this.columns!.has(d));
  }

  store(group: ListGroup, row: number, record: NormalizedRow): void {
    const { db, startedAt: now } = this.ctx;
    // Inside the import's transaction: other connections keep reading the old indexes, and a rollback restores them.
    if (this.restoreQueueIndexes === null && this.counts.imported >= this.rebuildQueueFrom) {
      this.restoreQueueIndexes = suspendPriorityIndexes(db);
      this.restoreTriggers = suspendImportInsertTriggers(db);
    }
    if (this.restoreIndexes === null && this.counts.imported >= this.rebuildIndexesFrom) this.restoreIndexes = suspendImportIndexes(db);
    const key = Number(record.msisdn);
    // A number on an earlier row of this file is one customer, counted once (new or updated by its first row).
    const earlierRow = this.touched.has(key);
    this.touched.add(key);
    const outcome = this.writeSubscriber!(record.msisdn, record.fields, record.idHash, record.extra, now);
    if (!earlierRow) this.counts[outcome === 'new' ? 'newSubscribers' : 'updatedSubscribers']++;
    // One open task per subscriber across lists: a second list adds its reason to the task already open. A customer
    // new to the workspace has none (a task refers to its customer's row).
    let taskId = outcome === 'new' ? undefined : openTaskId(db, record.msisdn);
    if (taskId === undefined) {
      taskId = insertTask(db, { msisdn: record.msisdn, agentId: this.knownAgent(record.list.agent), dueDate: group.dueDate, createdAt: now });
      this.firstNewTaskId ??= taskId;
      this.counts.newTasks++;
    } else if (earlierRow && isListMember(db, group.listId!, record.msisdn)) {
      // The same number again on the same list: stored over the earlier row (a warning names it), not a customer who
      // already had an open task, as the summary said (found by a second pair of eyes). Its agent, when it names one
      // known, is the task's if this file opened it — the later row's data is the customer's, the agent too (the task
      // stayed with the first row's agent; found by a new supervisor) — while a task opened before keeps its agent, as
      // a customer joining an open task does. Task ids grow: this file's are from its first on.
      this.counts.repeatedRows++;
      const agent = this.knownAgent(record.list.agent);
      if (agent !== null && this.firstNewTaskId !== null && taskId >= this.firstNewTaskId) reassignTask(db, taskId, agent);
    } else this.counts.joinedOpenTasks++;
    this.addMember({ listId: group.listId!, msisdn: record.msisdn, taskId, reason: listTypeLabels[group.type].zh, rowNo: row });
    this.settling.push({ msisdn: record.msisdn, fields: record.fields });
    if (this.settling.length >= SETTLE_BATCH) this.settle();
    this.counts.imported++;
    if ((this.counts.imported & 2047) === 0 && this.total !== null) {
      this.ctx.progress('saving', this.counts.imported, this.total);
      this.ctx.checkCancelled();
    }
  }

  /** What the rows stored so far say about earlier successes: kept three months, ARPU after (issue 17 #4, issue 18 #3). */
  settle(): void {
    if (this.settling.length === 0) return;
    settleSuccessesFromImport(this.ctx.db, this.settling, this.fileColumns, this.ctx.payload.today, this.ctx.startedAt);
    this.settling = [];
  }

  /**
   * Once every row is stored: the work of the insert triggers set aside done for all the rows, the triggers back, and
   * the secondary indexes built again — before the rows are scored and queued, which read through them.
   */
  endStoring(stored: ArrayLike<number>): void {
    this.settle();
    this.restoreTriggers?.(stored);
    this.restoreTriggers = null;
    this.restoreIndexes?.();
    this.restoreIndexes = null;
  }

  /** Builds the queue's priority indexes again if storing dropped them: once the tasks' priorities and blocks are written. */
  rebuildQueueIndexes(): void {
    this.restoreQueueIndexes?.();
    this.restoreQueueIndexes = null;
  }

  private useColumns(columns: readonly string[]): void {
    this.columns = new Set(columns);
    this.writeSubscriber = importSubscriberWriter(this.ctx.db, [...this.columns]);
  }

  /** The account's own id for the file's 执行人, written in any case; null for no account. */
  private knownAgent(id: string | undefined): string | null {
    if (!id) return null;
    if (!this.agents.has(id)) this.agents.set(id, storedAgentId(this.ctx.db, id) ?? null);
    return this.agents.get(id) ?? null;
  }
}

/** What follows the rows inside the import's transaction: scores, queue places, the profile, the audit entry. */
function finishImport(ctx: JobContext<WorklistJobPayload>, plan: SheetPlan, store: RowStore, lists: WorklistImportResult['lists'], rejected: number): void {
  const { db, payload: p, startedAt: now } = ctx;
  const touched = store.touched;
  // Score what was stored, inside the same transaction: an import is parse, validate, store and score. In number order:
  // the rows are then read and written where the last ones were (a file's order is no order of ours; 100,000 rows:
  // 0.8 s less).
  const numbers = Float64Array.from(touched).sort();
  store.endStoring(numbers);
  if (touched.size) {
    scoreSubscribers(db, {
      today: p.today,
      at: now,
      msisdns: numbers,
      onBatch: (n, total) => {
        ctx.progress('scoring', n, total);
        ctx.checkCancelled();
      },
    });
  }
  // New tasks, and do-not-disturb or last-marketed changed on open ones: their place in the queue (docs/status-rule.md).
  if (touched.size) refreshQueueBlocks(db, openTaskIdsOf(db, Array.from(numbers)).sort((a, b) => a - b), new Date(now));
  store.rebuildQueueIndexes();
  if (p.saveProfile !== false && plan.userChanged) saveProfile(db, plan.headers, plan.mapping);
  if (getWorkspaceValue(db, 'initialised') === undefined) setWorkspaceValue(db, 'initialised', now);
  writeAudit(db, {
    at: now,
    agentId: p.agentId,
    action: 'worklist-import',
    target: p.fileName,
    detail: { lists: lists.map((l) => l.name), imported: store.counts.imported, rejected },
  });
  ctx.progress('done', store.counts.imported, store.counts.imported);
}

/**
 * The list an import without one proposes, as the preview proposes it: a pass of its own (the contract always gives
 * one), which stores nothing and so hashes no identity number — the storing pass does, and checks the key there.
 */
function proposedListOfFile(ctx: JobContext<WorklistJobPayload>, plan: SheetPlan): ListMeta {
  const totals = checkRows(ctx, plan, new IssueSink(null));
  return proposedList(ctx.payload, plan, totals, listsInFile(totals));
}

async function openIfProtected(bytes: Uint8Array, password: string | undefined): Promise<Uint8Array> {
  if (!isProtectedWorkbook(bytes)) return bytes;
  return openProtectedWorkbook(bytes, password ?? '');
}

const profileKey = (signature: string) => `mapping-profile:${signature}`;

function loadProfile(db: Db, signature: string): MappingProfile | undefined {
  const raw = getWorkspaceValue(db, profileKey(signature));
  return raw ? (JSON.parse(raw) as MappingProfile) : undefined;
}

function saveProfile(db: Db, headers: readonly string[], mapping: readonly ColumnMapping[]): void {
  const profile: MappingProfile = { signature: headerSignature(headers), columns: {} };
  for (const m of mapping) if (m.header) profile.columns[normalizeHeader(m.header)] = m.target;
  setWorkspaceValue(db, profileKey(profile.signature), JSON.stringify(profile));
}

function samplesOf(values: readonly unknown[], m: ColumnMapping): string[] {
  return values.map((v) => {
    const text = displayValue(v);
    return m.target.kind === 'field' && m.target.field === 'id_no' ? maskIdNumber(text) : maskIdentityNumbersIn(text);
  });
}

function listsInFile(totals: CheckTotals): { name: string; rows: number }[] {
  return [...totals.lists].map(([name, rows]) => ({ name, rows }));
}

function proposedList(p: WorklistJobPayload, plan: SheetPlan, totals: CheckTotals, lists: { name: string }[]): ListMeta {
  const first = totals.firstList ?? {};
  const fromFile = p.fileName.replace(/\.[^.]+$/, '');
  // The list-name column, else the sheet's title (two lists of a month often share a sheet name such as 维系清单, and
  // one would be taken for a version of the other), else the sheet's own name, else the file's.
  const titled = plan.title ? normalizeListTypeCell(plan.title) : null;
  return {
    name: lists[0]?.name ?? plan.title ?? (plan.sheet && !/^sheet\d*$/i.test(plan.sheet) ? plan.sheet : fromFile),
    type: first.type ?? (titled?.ok && titled.value ? titled.value : 'other'),
    period: first.period ?? null,
    dueDate: first.dueDate ?? null,
  };
}
