import type { ColumnTargetInput, ListMeta, WorklistImportResult, WorklistPreview } from '../../../../core/api';
import type { FileJobState, JobOutcome } from '../../api/fileJobFlow';
import type { JobUpdate } from '../../api/jobs';

/*
 * The work-list import's own steps over the shared file flow (api/fileJobFlow.ts): the file flow picks the file,
 * asks its password and runs the preview (and every re-check); this reducer holds what the user sets on top of a
 * preview — mapping, list, choices — and the import job. Pure, so its transitions have unit tests
 * (tests/unit/renderer/import-flow.test.ts); useImportFlow.ts wires it to React.
 */

export type Stage = 'pick' | 'uploading' | 'reading' | 'password' | 'review' | 'importing' | 'done';
export type OnRejected = 'import-valid' | 'import-nothing';

export interface ListForm {
  name: string;
  type: ListMeta['type'];
  period: string;
  dueDate: string | null;
}

export const formFrom = (list: ListMeta): ListForm => ({ name: list.name, type: list.type, period: list.period ?? '', dueDate: list.dueDate });

export interface ImportState {
  mapping: ColumnTargetInput[];
  list: ListForm;
  /** The user has edited the list: a new preview no longer fills it from the file. */
  listTouched: boolean;
  onRejected: OnRejected;
  saveProfile: boolean;
  /** A change waits for its re-check (the debounce before the preview job starts). */
  recheckDue: boolean;
  importing: boolean;
  result: WorklistImportResult | null;
  importJobId: string | null;
  importError: unknown;
  importCancelled: boolean;
  /**
   * Each sheet's rows and columns as the previews of this file counted them. A streamed file's preview of a sheet the
   * user picked reads that sheet alone (the others say null); the picker keeps the counts it already showed.
   */
  sheetCounts: Record<string, { rows: number; columns: number | null }>;
}

export type ImportEvent =
  /** A new file was chosen: nothing set for the previous one holds. */
  | { type: 'file-chosen' }
  | { type: 'preview-read'; preview: WorklistPreview }
  | { type: 'target-set'; index: number; target: ColumnTargetInput }
  /** Another sheet: its list comes from that sheet again. */
  | { type: 'sheet-set' }
  | { type: 'recheck-started' }
  | { type: 'list-set'; patch: Partial<ListForm> }
  | { type: 'on-rejected-set'; choice: OnRejected }
  | { type: 'save-profile-set'; save: boolean }
  | { type: 'import-started' }
  | { type: 'import-ended'; outcome: JobOutcome<WorklistImportResult> }
  | { type: 'import-failed'; error: unknown };

export const initialImport = (): ImportState => ({
  mapping: [],
  list: { name: '', type: 'other', period: '', dueDate: null },
  listTouched: false,
  onRejected: 'import-valid',
  saveProfile: true,
  recheckDue: false,
  importing: false,
  result: null,
  importJobId: null,
  importError: null,
  importCancelled: false,
  sheetCounts: {},
});

export function importReducer(s: ImportState, e: ImportEvent): ImportState {
  switch (e.type) {
    case 'file-chosen':
      return initialImport();
    case 'preview-read': {
      const sheetCounts = { ...s.sheetCounts };
      for (const sheet of e.preview.sheets) if (sheet.rows !== null) sheetCounts[sheet.name] = { rows: sheet.rows, columns: sheet.columns };
      return {
        ...s,
        mapping: e.preview.columns.map((c) => c.target),
        list: s.listTouched ? s.list : formFrom(e.preview.list),
        recheckDue: false,
        sheetCounts,
      };
    }
    case 'target-set':
      return { ...s, mapping: s.mapping.map((t, i) => (i === e.index ? e.target : t)), recheckDue: true };
    case 'sheet-set':
      return { ...s, listTouched: false, recheckDue: false };
    case 'recheck-started':
      return { ...s, recheckDue: false };
    case 'list-set':
      return { ...s, listTouched: true, list: { ...s.list, ...e.patch } };
    case 'on-rejected-set':
      return { ...s, onRejected: e.choice };
    case 'save-profile-set':
      return { ...s, saveProfile: e.save };
    case 'import-started':
      return { ...s, importing: true, recheckDue: false, importError: null, importCancelled: false };
    case 'import-ended': {
      const o = e.outcome;
      if (o.kind === 'done') return { ...s, importing: false, result: o.result, importJobId: o.jobId };
      if (o.kind === 'cancelled') return { ...s, importing: false, importCancelled: true };
      return { ...s, importing: false, importError: o.error };
    }
    case 'import-failed':
      return { ...s, importing: false, importError: e.error };
  }
}

/** The sheet picker's sheets: the preview's, each with the rows a preview of this file counted when this one did not read it. */
export const sheetsShown = (preview: WorklistPreview, s: ImportState): WorklistPreview['sheets'] =>
  preview.sheets.map((sheet) => (sheet.rows === null && s.sheetCounts[sheet.name] ? { name: sheet.name, ...s.sheetCounts[sheet.name]! } : sheet));

/** Which screen the import shows, from the file flow (reading the file) and the import's own state. */
export function importStage(read: FileJobState<WorklistPreview>, s: ImportState): Stage {
  if (s.importing) return 'importing';
  if (s.result) return 'done';
  // While the file dialog is open the screen stays where it was.
  const step = read.step === 'picking' ? read.back : read.step;
  if (step === 'uploading') return 'uploading';
  if (step === 'password') return 'password';
  // A preview on screen stays through its re-checks (they run, fail or are cancelled in the review).
  if (read.result) return 'review';
  return step === 'running' ? 'reading' : 'pick';
}

/** The preview on screen is about to be replaced: a change waits for its re-check, or the re-check runs. */
export const isRechecking = (read: FileJobState<WorklistPreview>, s: ImportState) => s.recheckDue || (read.step === 'running' && read.result !== null);

/**
 * The total an import's progress is shown against: the job's own, or — while it checks and stores the rows in the one
 * pass that reads the sheet, which cannot count them first — the rows the preview counted (`expectedRows`). A county's
 * million then reads "466,944 / 1,000,000" through its three minutes, not a bare count under a moving bar.
 */
export function importProgressTotal(progress: JobUpdate | null, expectedRows: number | null): number | null {
  if (!progress) return null;
  if (progress.total !== null) return progress.total;
  // Only a step that counts rows counts without a total: the campaigns after it report none.
  return expectedRows && progress.done > 0 ? Math.max(expectedRows, progress.done) : null;
}

/**
 * What the import is doing, for its progress line: its one pass over the rows ('saving', or 'checking' when it plans
 * whole first), then scoring the customers it stored ('scoring', counted in customers), then the campaigns set to run
 * after an import (electron/backend/jobs/worklist-import.ts) — else the bar filled for the rows would fill again for the
 * customers under the same words.
 */
export type ImportStep = 'rows' | 'scoring' | 'campaigns';
export const importStepOf = (phase: string | undefined): ImportStep => (phase === 'scoring' ? 'scoring' : phase === 'campaigns' ? 'campaigns' : 'rows');
