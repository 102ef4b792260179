import { describe, expect, it } from 'vitest';
import type { StagedFileView, WorklistImportResult, WorklistPreview } from '../../../core/api';
import { ApiCallError } from '../../../renderer/src/api/failure';
import { fileJobReducer, initialFileJob, type FileJobEvent, type FileJobState } from '../../../renderer/src/api/fileJobFlow';
import { importProgressTotal, importStepOf, importReducer, importStage, initialImport, isRechecking, sheetsShown, type ImportEvent, type ImportState } from '../../../renderer/src/pages/lists/importFlow';

const file: StagedFileView = { token: 'tok', name: 'march.xlsx', size: 100 };
const preview = (patch: Partial<WorklistPreview> = {}): WorklistPreview => ({
  fileName: 'march.xlsx',
  format: 'xlsx',
  sheets: [{ name: 'Sheet1', rows: 3, columns: 2 }],
  sheet: 'Sheet1',
  headerRow: 0,
  columns: [
    { index: 0, letter: 'A', header: '手机号码', target: { kind: 'field', field: 'msisdn' }, how: 'alias', samples: [] },
    { index: 1, letter: 'B', header: '备注', target: { kind: 'ignore' }, how: 'unmatched', samples: [] },
  ],
  dataRows: 3,
  profileMatched: false,
  mappingProblems: [],
  list: { name: 'March', type: 'other', period: '2026-03', dueDate: null },
  listsInFile: [],
  check: { valid: 3, rejected: 0, warnings: 0, issues: [] },
  ...patch,
});
const imported: WorklistImportResult = {
  fileName: 'march.xlsx',
  read: 3,
  imported: 3,
  rejected: 0,
  warnings: 0,
  newSubscribers: 3,
  updatedSubscribers: 0,
  newTasks: 3,
  joinedOpenTasks: 0,
  repeatedRows: 0,
  unchanged: false,
  lists: [{ id: 1, name: 'March', created: true }],
  abandoned: false,
  issues: [],
  issueCount: 0,
};

type Read = FileJobState<WorklistPreview>;
const readAfter = (events: FileJobEvent<WorklistPreview>[], from: Read = initialFileJob<WorklistPreview>()) => events.reduce(fileJobReducer<WorklistPreview>, from);
const own = (events: ImportEvent[], from: ImportState = initialImport()) => events.reduce(importReducer, from);
const previewRead = (p = preview()): FileJobEvent<WorklistPreview>[] => [
  { type: 'pick' },
  { type: 'chosen', names: [file.name] },
  { type: 'picked', files: [file] },
  { type: 'run', password: '' },
  { type: 'ended', outcome: { kind: 'done', result: p, jobId: 'preview-1' } },
];

describe('import flow: pick → (password) → reading → review → importing → done', () => {
  it('each screen in turn', () => {
    const s = initialImport();
    expect(importStage(initialFileJob(), s)).toBe('pick');
    expect(importStage(readAfter([{ type: 'pick' }]), s)).toBe('pick');
    expect(importStage(readAfter([{ type: 'pick' }, { type: 'chosen', names: ['a.xlsx'] }]), s)).toBe('uploading');
    const reading = readAfter([{ type: 'pick' }, { type: 'picked', files: [file] }, { type: 'run', password: '' }]);
    expect(importStage(reading, s)).toBe('reading');
    const needs = readAfter([{ type: 'ended', outcome: { kind: 'password', wrong: false, error: new ApiCallError({ code: 'needs-password', messageKey: 'api.needs-password', params: {}, message: '' }) } }], reading);
    expect(importStage(needs, s)).toBe('password');
    const read = readAfter(previewRead());
    const reviewed = own([{ type: 'preview-read', preview: read.result! }]);
    expect(importStage(read, reviewed)).toBe('review');
    const importing = own([{ type: 'import-started' }], reviewed);
    expect(importStage(read, importing)).toBe('importing');
    const done = own([{ type: 'import-ended', outcome: { kind: 'done', result: imported, jobId: 'import-1' } }], importing);
    expect(importStage(read, done)).toBe('done');
    expect(done).toMatchObject({ result: imported, importJobId: 'import-1' });
  });

  it('a preview fills the mapping and the list from the file; a list the user edited stays as edited through re-checks', () => {
    let s = own([{ type: 'preview-read', preview: preview() }]);
    expect(s.mapping).toEqual([{ kind: 'field', field: 'msisdn' }, { kind: 'ignore' }]);
    expect(s.list).toEqual({ name: 'March', type: 'other', period: '2026-03', dueDate: null });
    s = own([{ type: 'list-set', patch: { name: 'My list' } }, { type: 'preview-read', preview: preview({ list: { name: 'Other', type: 'other', period: null, dueDate: null } }) }], s);
    expect(s.list.name).toBe('My list');
    // Another sheet is another list: it fills the form again.
    s = own([{ type: 'sheet-set' }, { type: 'preview-read', preview: preview({ sheet: 'Sheet2', list: { name: 'Sheet2', type: 'other', period: null, dueDate: null } }) }], s);
    expect(s.list.name).toBe('Sheet2');
  });

  it('the sheet picker keeps the rows of every sheet counted once: a preview of another sheet alone keeps the counts of the others', () => {
    // A streamed file: the first preview counts every sheet; a preview of another sheet reads that sheet alone.
    const first = preview({ sheets: [{ name: '说明', rows: 4, columns: 1 }, { name: '清单', rows: 1500, columns: 12 }], sheet: '清单' });
    const again = preview({ sheets: [{ name: '说明', rows: 4, columns: 1 }, { name: '清单', rows: null, columns: null }], sheet: '说明' });
    let s = own([{ type: 'preview-read', preview: first }]);
    expect(sheetsShown(first, s)).toEqual(first.sheets);
    s = own([{ type: 'sheet-set' }, { type: 'preview-read', preview: again }], s);
    expect(sheetsShown(again, s)).toEqual([{ name: '说明', rows: 4, columns: 1 }, { name: '清单', rows: 1500, columns: 12 }]);
    // A new file counts afresh: a sheet of the same name in it is not given the old file's rows.
    s = own([{ type: 'file-chosen' }, { type: 'preview-read', preview: again }], s);
    expect(sheetsShown(again, s)).toEqual(again.sheets);
  });

  it('a changed column is re-checked: rechecking from the change until the new preview is in, the review stays on screen', () => {
    const read = readAfter(previewRead());
    let s = own([{ type: 'preview-read', preview: read.result! }, { type: 'target-set', index: 1, target: { kind: 'extra', name: '备注' } }]);
    expect(s.mapping[1]).toEqual({ kind: 'extra', name: '备注' });
    expect(isRechecking(read, s)).toBe(true);
    s = own([{ type: 'recheck-started' }], s);
    const running = readAfter([{ type: 'run', password: '' }], read);
    expect(isRechecking(running, s)).toBe(true);
    expect(importStage(running, s)).toBe('review');
    const next = preview({ columns: preview().columns.map((c, i) => (i === 1 ? { ...c, target: { kind: 'extra', name: '备注' }, how: 'user' } : c)) });
    const reread = readAfter([{ type: 'ended', outcome: { kind: 'done', result: next, jobId: 'preview-2' } }], running);
    s = own([{ type: 'preview-read', preview: next }], s);
    expect(isRechecking(reread, s)).toBe(false);
    expect(reread.jobId).toBe('preview-2');
  });

  it('a failed re-check keeps the review with its error; a failed first reading goes back to picking', () => {
    const error = new Error('boom');
    const read = readAfter(previewRead());
    const s = own([{ type: 'preview-read', preview: read.result! }]);
    expect(importStage(readAfter([{ type: 'run', password: '' }, { type: 'run-failed', error }], read), s)).toBe('review');
    const first = readAfter([{ type: 'pick' }, { type: 'picked', files: [file] }, { type: 'run', password: '' }, { type: 'run-failed', error }]);
    expect(importStage(first, initialImport())).toBe('pick');
    expect(first.error).toBe(error);
  });

  it('a cancelled or failed import goes back to the review with the mapping kept; a new file starts over', () => {
    const read = readAfter(previewRead());
    const reviewed = own([{ type: 'preview-read', preview: read.result! }, { type: 'list-set', patch: { name: 'Mine' } }]);
    const cancelled = own([{ type: 'import-started' }, { type: 'import-ended', outcome: { kind: 'cancelled' } }], reviewed);
    expect(importStage(read, cancelled)).toBe('review');
    expect(cancelled).toMatchObject({ importCancelled: true, list: { name: 'Mine' } });
    const error = new Error('disk full');
    const failed = own([{ type: 'import-started' }, { type: 'import-failed', error }], cancelled);
    expect(failed).toMatchObject({ importing: false, importError: error, importCancelled: false });
    expect(importStage(read, failed)).toBe('review');
    expect(own([{ type: 'file-chosen' }], failed)).toEqual(initialImport());
  });
});

describe("the total an import's progress is shown against", () => {
  it("is the job's own when it has one, else the previewed rows while the one pass checks and stores them", () => {
    expect(importProgressTotal({ phase: 'scoring', done: 10, total: 400 }, 1_000_000)).toBe(400);
    // The import's one pass reports its rows as 'saving' (electron/backend/jobs/worklist-import.ts), without a total.
    expect(importProgressTotal({ phase: 'saving', done: 466_944, total: null }, 1_000_000)).toBe(1_000_000);
    // Rows the preview did not count (empty ones among them) never take the bar past its end.
    expect(importProgressTotal({ phase: 'saving', done: 1_000_010, total: null }, 1_000_000)).toBe(1_000_010);
    expect(importProgressTotal({ phase: 'campaigns', done: 0, total: null }, 1_000_000)).toBeNull();
    expect(importProgressTotal({ phase: 'saving', done: 5, total: null }, null)).toBeNull();
    expect(importProgressTotal(null, 1_000_000)).toBeNull();
  });
});

describe('what the import is doing, for its progress line', () => {
  it('is the rows through the one pass, then the scoring of the customers stored, then the campaigns after it', () => {
    expect(['reading', 'saving', 'checking', 'done', undefined].map(importStepOf)).toEqual(['rows', 'rows', 'rows', 'rows', 'rows']);
    expect(importStepOf('scoring')).toBe('scoring');
    expect(importStepOf('campaigns')).toBe('campaigns');
  });
});
