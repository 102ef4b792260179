import crypto from 'node:crypto';
import fs from 'node:fs';
import { ApiFailure, type ColumnTargetInput, type ListMeta, type RowIssueView, type WorklistImportResult, type WorklistPreview } from '../../../core/api';
import { readWorkbook, ExchangeError } from '../../../core/exchange/read';
import { listTypeLabels, type ListType } from '../../../core/worklist/fields';
import { noteExtraColumns } from '../../../db/extra-columns';
import {
  columnLetter,
  findHeaderRow,
  headerSignature,
  matchHeaders,
  normalizeHeader,
  protectIdentityColumns,
  type ColumnMapping,
  type MappingProfile,
} from '../../../core/worklist/headers';
import { createRowNormalizer, mappingIssues, type NormalizedRow, type RowIssue } from '../../../core/worklist/rows';
import { displayValue } from '../../../core/worklist/cells';
import { maskIdNumber, maskIdentityNumbersIn } from '../../../core/privacy/identity';
import { agentExists, findWorkList, importSubscriberWriter, openTaskId, updateWorkListVersion } from '../../../db/import';
import { insertTask, openTaskIdsOf } from '../../../db/tasks';
import { refreshQueueBlocks } from '../contact';
import { settleSuccessesFromImport, type ImportedRow } from '../successes';
import { insertWorkList, listMemberInserter } from '../../../db/worklists';
import { getWorkspaceValue, setWorkspaceValue, writeAudit } from '../../../db/workspace';
import type { Db } from '../../../db/connection';
import { identityHasherFor } from '../identity-key';
import { isProtectedWorkbook, openProtectedWorkbook } from '../protected-files';
import { scoreSubscribers } from '../scoring';
import { runScheduledCampaigns } from '../campaigns';
import type { JobContext } from './kinds';

/** Limits that keep a hostile or mistaken file from exhausting the machine (docs/product.md §8). */
export const importLimits = { maxBytes: 200 * 1024 * 1024, maxRows: 1_100_000, maxColumns: 500 };
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

interface CheckedSheet {
  format: string;
  sheets: { name: string; rows: number; columns: number }[];
  sheet: string;
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping[];
  userChanged: boolean;
  profileMatched: boolean;
  rows: readonly (readonly unknown[] | undefined)[];
  records: { row: number; record: NormalizedRow }[];
  issues: RowIssue[];
  rejected: number;
}

/** Reads, maps and checks every row; shared by the preview and the import so both see the same thing. */
export async function checkSheet(ctx: JobContext<WorklistJobPayload>, opts: { hashIdentity?: boolean } = {}): Promise<CheckedSheet> {
  const p = ctx.payload;
  ctx.progress('reading', 0, null);
  let bytes: Uint8Array = fs.readFileSync(p.filePath);
  if (bytes.length > importLimits.maxBytes) throw new ApiFailure('too-large', 'file.too-large', { size: Math.ceil(bytes.length / 1024 / 1024), limit: importLimits.maxBytes / 1024 / 1024 });
  bytes = await openIfProtected(bytes, p.password);
  let book;
  try {
    book = readWorkbook(bytes, { ...importLimits, sheet: p.sheet });
  } catch (e) {
    if (e instanceof ExchangeError) throw new ApiFailure(e.code === 'too-large' ? 'too-large' : 'bad-file', e.messageCode, e.params);
    throw e;
  }
  ctx.checkCancelled();
  // The first visible sheet with rows: a hidden first sheet is usually a lookup table, not the list.
  const sheetName = p.sheet ?? (book.sheets.find((s) => !s.hidden && s.rowCount !== 0) ?? book.sheets[0])?.name;
  if (!sheetName) throw new ApiFailure('bad-file', 'file.empty');
  const rows = book.rows(sheetName);
  const headerRow = p.headerRow ?? Math.max(0, findHeaderRow(rows));
  const headers = (rows[headerRow] ?? []).map((h) => (h === null || h === undefined ? '' : String(h)));
  const dataRows = rows.slice(headerRow + 1);
  const signature = headerSignature(headers);
  const profile = loadProfile(ctx.db, signature);
  // Identity columns by content (headers.ts protectIdentityColumns) are part of the proposal, so the preview shows
  // them and the same targets sent back are no change of the user's…
  const columnCount = Math.max(headers.length, ...dataRows.slice(0, 50).map((r) => r?.length ?? 0));
  let mapping = protectIdentityColumns(matchHeaders(headers, profile, { dataRows, columnCount }), dataRows);
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
  // The keyed hash (identity-key.ts), set up on the first identity number: a file without one needs no key. Only
  // the import hashes; what stores nothing (the preview, training, prediction) hashes nothing, so a preview works
  // even where the key is not (the user can then leave the identity column out).
  let hashId: ((id: string) => string) | undefined;
  const key = opts.hashIdentity ? ctx.identityKey : undefined;
  const normalize = createRowNormalizer(mapping, {
    hashId: (id) => (key ? (hashId ??= identityHasherFor(ctx.db, key))(id) : null),
    today: p.today,
  });
  const records: CheckedSheet['records'] = [];
  const issues: RowIssue[] = [];
  let rejected = 0;
  for (let i = 0; i < dataRows.length; i++) {
    const rowNumber = headerRow + 2 + i; // 1-based, as Excel shows it
    const r = normalize(dataRows[i] ?? [], rowNumber);
    if (r.empty) continue;
    if (r.issues.length) issues.push(...r.issues);
    if (r.record) records.push({ row: rowNumber, record: r.record });
    else rejected++;
    if ((i & 4095) === 0) {
      ctx.progress('checking', i, dataRows.length);
      ctx.checkCancelled();
    }
  }
  issues.push(...unknownAgents(ctx.db, mapping, records));
  return {
    format: book.format,
    sheets: book.sheets.map((s) => ({ name: s.name, rows: s.rowCount, columns: s.columnCount })),
    sheet: sheetName,
    headerRow,
    headers,
    mapping,
    userChanged,
    profileMatched: profile !== undefined,
    rows: dataRows,
    records,
    issues,
    rejected,
  };
}

/**
 * A row naming an agent id the desk does not know (执行人) still imports, but its task stays unassigned: said as a
 * warning on that row (issue 18 #8), so the supervisor sees whose list did not land, instead of silently nothing.
 */
function unknownAgents(db: JobContext['db'], mapping: readonly ColumnMapping[], records: CheckedSheet['records']): RowIssue[] {
  const column = mapping.find((m) => m.target.kind === 'field' && m.target.field === 'agent');
  if (!column) return [];
  const known = new Map<string, boolean>();
  const out: RowIssue[] = [];
  for (const { row, record } of records) {
    const agent = record.list.agent;
    if (!agent) continue;
    if (!known.has(agent)) known.set(agent, agentExists(db, agent));
    if (known.get(agent)) continue;
    out.push({ row, column: column.header, columnLetter: columnLetter(column.index), field: 'agent', code: 'cell.unknown-agent', params: { agent }, value: agent, severity: 'warning' });
  }
  return out;
}

export async function worklistPreviewJob(ctx: JobContext<WorklistJobPayload>): Promise<WorklistPreview> {
  const c = await checkSheet(ctx);
  writeIssues(ctx.payload.issuesPath, c.issues);
  const lists = listsInFile(c.records);
  return {
    fileName: ctx.payload.fileName,
    format: c.format,
    sheets: c.sheets,
    sheet: c.sheet,
    headerRow: c.headerRow,
    columns: c.mapping.map((m) => ({
      index: m.index,
      letter: columnLetter(m.index),
      header: m.header,
      target: m.target as ColumnTargetInput,
      how: m.how,
      ...(m.duplicateOf !== undefined ? { duplicateOf: m.duplicateOf } : {}),
      samples: samplesOf(c.rows, m),
    })),
    dataRows: c.records.length + c.rejected,
    profileMatched: c.profileMatched,
    mappingProblems: mappingIssues(c.mapping).map((m) => ({ code: m.code, params: m.params, columnLetter: m.index === undefined ? null : columnLetter(m.index) })),
    list: proposedList(ctx.payload, c, lists),
    listsInFile: lists,
    check: summary(c),
  };
}

export async function worklistImportJob(ctx: JobContext<WorklistJobPayload>): Promise<WorklistImportResult> {
  const p = ctx.payload;
  const c = await checkSheet(ctx, { hashIdentity: true });
  writeIssues(p.issuesPath, c.issues);
  if (mappingIssues(c.mapping).some((m) => m.code === 'header.no-msisdn')) throw new ApiFailure('invalid-input', 'header.no-msisdn');
  const base = {
    fileName: p.fileName,
    read: c.records.length + c.rejected,
    rejected: c.rejected,
    warnings: c.issues.filter((i) => i.severity === 'warning').length,
    issues: firstIssues(c.issues),
    issueCount: c.issues.length,
  };
  const none = { imported: 0, newSubscribers: 0, updatedSubscribers: 0, newTasks: 0, joinedOpenTasks: 0, lists: [] };
  if (c.rejected > 0 && p.onRejected !== 'import-valid') return { ...base, ...none, unchanged: false, abandoned: true };
  const meta = p.list ?? proposedList(p, c, listsInFile(c.records));

  // One work list per list-name value in the file (a sheet may carry several lists); rows without one
  // belong to the list the user confirmed.
  const groups = new Map<string, { row: number; record: NormalizedRow }[]>();
  for (const r of c.records) {
    const name = r.record.list.name ?? meta.name;
    const g = groups.get(name);
    if (g) g.push(r);
    else groups.set(name, [r]);
  }

  const db = ctx.db;
  const now = ctx.startedAt;
  const fieldColumns = c.mapping.filter((m) => m.target.kind === 'field').map((m) => (m.target as { field: string }).field);
  const counts = { imported: 0, newSubscribers: 0, updatedSubscribers: 0, newTasks: 0, joinedOpenTasks: 0 };
  const lists: WorklistImportResult['lists'] = [];
  let unchangedLists = 0;
  const touched = new Set<number>();
  const imported: ImportedRow[] = [];

  // The extra columns this file brings, by the name they are kept under: rules and the editor know them from now.
  const extraColumns = c.mapping.filter((m) => m.target.kind === 'extra').map((m) => (m.target as { name: string }).name);

  db.transaction(() => {
    noteExtraColumns(db, extraColumns, now);
    const writeSubscriber = importSubscriberWriter(db, [...fieldColumns, ...c.records.flatMap((r) => r.record.derived).filter(unique())]);
    const addMember = listMemberInserter(db);
    const agents = new Map<string, boolean>();
    const knownAgent = (id: string | undefined) => {
      if (!id) return null;
      if (!agents.has(id)) agents.set(id, agentExists(db, id));
      return agents.get(id) ? id : null;
    };
    let done = 0;
    for (const [name, rows] of groups) {
      const first = rows[0]!.record.list;
      const type: ListType = first.type ?? meta.type;
      const period = first.period ?? meta.period;
      const dueDate = first.dueDate ?? meta.dueDate;
      const hash = contentHash(rows.map((r) => r.record), type, dueDate);
      const existing = findWorkList(db, name, period);
      if (existing?.source_hash === hash) {
        unchangedLists++;
        lists.push({ id: existing.id, name, created: false });
        continue;
      }
      let listId: number;
      if (existing) {
        listId = existing.id;
        updateWorkListVersion(db, listId, { type, dueDate, sourceFile: p.fileName, sourceHash: hash, importedAt: now });
      } else {
        listId = insertWorkList(db, { name, type, period, dueDate, importedAt: now, sourceFile: p.fileName, sourceHash: hash });
      }
      lists.push({ id: listId, name, created: !existing });
      const reason = listTypeLabels[type].zh;
      for (const { row, record } of rows) {
        touched.add(Number(record.msisdn));
        const outcome = writeSubscriber(record.msisdn, record.fields, record.idHash, record.extra, now);
        imported.push({ msisdn: record.msisdn, fields: record.fields });
        counts[outcome === 'new' ? 'newSubscribers' : 'updatedSubscribers']++;
        // One open task per subscriber across lists: a second list adds its reason to the task already open.
        let taskId = openTaskId(db, record.msisdn);
        if (taskId === undefined) {
          taskId = insertTask(db, { msisdn: record.msisdn, agentId: knownAgent(record.list.agent), dueDate, createdAt: now });
          counts.newTasks++;
        } else counts.joinedOpenTasks++;
        addMember({ listId, msisdn: record.msisdn, taskId, reason, rowNo: row });
        counts.imported++;
        if ((++done & 2047) === 0) {
          ctx.progress('saving', done, c.records.length);
          ctx.checkCancelled();
        }
      }
    }
    // What the file says about earlier successes: kept three months, ARPU after (issue 17 #4, issue 18 #3).
    settleSuccessesFromImport(db, imported, new Set(fieldColumns), p.today, now);
    // Score what was stored, inside the same transaction: an import is parse, validate, store and score.
    if (touched.size) {
      scoreSubscribers(db, {
        today: p.today,
        at: now,
        msisdns: [...touched],
        onBatch: (n, total) => {
          ctx.progress('scoring', n, total);
          ctx.checkCancelled();
        },
      });
    }
    // New tasks, and do-not-disturb or last-marketed changed on open ones: their place in the queue (docs/status-rule.md).
    if (touched.size) refreshQueueBlocks(db, openTaskIdsOf(db, [...touched]), new Date(now));
    if (p.saveProfile !== false && c.userChanged) saveProfile(db, c.headers, c.mapping);
    if (getWorkspaceValue(db, 'initialised') === undefined) setWorkspaceValue(db, 'initialised', now);
    writeAudit(db, {
      at: now,
      agentId: p.agentId,
      action: 'worklist-import',
      target: p.fileName,
      detail: { lists: lists.map((l) => l.name), imported: counts.imported, rejected: c.rejected },
    });
  })();
  const unchanged = unchangedLists === groups.size && groups.size > 0;
  // Campaigns that run after every import see the customers and scores just committed (docs/product.md §5.6).
  let campaigns: WorklistImportResult['campaigns'];
  if (!unchanged && counts.imported > 0) {
    ctx.progress('campaigns', 0, null);
    const r = runScheduledCampaigns(db, 'import', new Date(now));
    if (r.ran.length || r.skipped.length) {
      campaigns = { ran: r.ran.map((x) => ({ name: x.name, newTasks: x.newTasks, joined: x.joined, listId: x.listId })), skipped: r.skipped };
    }
  }
  ctx.progress('done', c.records.length, c.records.length);
  return { ...base, ...counts, lists, unchanged, abandoned: false, ...(campaigns ? { campaigns } : {}) };
}

function unique<T>() {
  const seen = new Set<T>();
  return (v: T) => (seen.has(v) ? false : (seen.add(v), true));
}

/** Same rows, same list → same hash: importing the same file twice changes nothing. */
function contentHash(records: readonly NormalizedRow[], type: string, dueDate: string | null): string {
  const h = crypto.createHash('sha256');
  h.update(`${type}\u0000${dueDate ?? ''}\u0000`);
  for (const r of records) h.update(JSON.stringify([r.msisdn, r.fields, r.idHash, r.extra]));
  return h.digest('hex');
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

function samplesOf(rows: CheckedSheet['rows'], m: ColumnMapping): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const v = r?.[m.index];
    if (v === null || v === undefined || v === '') continue;
    const text = displayValue(v);
    out.push(m.target.kind === 'field' && m.target.field === 'id_no' ? maskIdNumber(text) : maskIdentityNumbersIn(text));
    if (out.length === SAMPLES) break;
  }
  return out;
}

function listsInFile(records: CheckedSheet['records']): { name: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const r of records) if (r.record.list.name) counts.set(r.record.list.name, (counts.get(r.record.list.name) ?? 0) + 1);
  return [...counts].map(([name, rows]) => ({ name, rows }));
}

function proposedList(p: WorklistJobPayload, c: CheckedSheet, lists: { name: string }[]): ListMeta {
  const first = c.records[0]?.record.list ?? {};
  const fromFile = p.fileName.replace(/\.[^.]+$/, '');
  return {
    name: lists[0]?.name ?? (c.sheet && !/^sheet\d*$/i.test(c.sheet) ? c.sheet : fromFile),
    type: first.type ?? 'other',
    period: first.period ?? null,
    dueDate: first.dueDate ?? null,
  };
}

function firstIssues(issues: readonly RowIssue[]): RowIssueView[] {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity !== 'error');
  return [...errors, ...warnings].slice(0, PREVIEW_ISSUES) as RowIssueView[];
}

function summary(c: CheckedSheet): WorklistPreview['check'] {
  return {
    valid: c.records.length,
    rejected: c.rejected,
    warnings: c.issues.filter((i) => i.severity === 'warning').length,
    issues: firstIssues(c.issues),
  };
}

function writeIssues(path: string, issues: readonly RowIssue[]): void {
  fs.writeFileSync(path, JSON.stringify(issues), { mode: 0o600 });
}
