/**
 * The files the demo workspace hands a supervisor to try the app with (`demo-file-export`, core/demo/workbook.ts
 * demoFileSheet): the demo has none of the central side's files, and a supervisor trying the import or the churn model
 * had nothing to choose but the command line's `demo`. The history is trained from in model.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorklistImportResult, WorklistPreview } from '../../core/api';
import { DEMO_IMPORT_CUSTOMERS } from '../../core/demo/files';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

describe('the demo work list', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('imports as the next file from the central side would: its two mistakes shown at their rows, its new customers given tasks', async () => {
    const staged = await t.call('demo-file-export', { kind: 'worklist', locale: 'en' });
    expect(staged.name).toBe('demo-work-list-2026-11-23.xlsx');
    const customersBefore = (await t.call('app-info', {})).counts.subscribers;
    const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: staged.token }))).result as WorklistPreview;
    expect(preview.mappingProblems).toEqual([]);
    expect(preview.dataRows).toBe(DEMO_IMPORT_CUSTOMERS + 2);
    // A number that is no number is refused at its row; a customer twice on one list is a warning there.
    expect(preview.check.rejected).toBe(1);
    const refused = preview.check.issues.find((i) => i.severity === 'error')!;
    expect(refused).toMatchObject({ row: 14, value: '1380013800x' });
    expect(preview.check.issues.some((i) => i.severity === 'warning' && i.row === 42)).toBe(true);
    const input = { sheet: preview.sheet, headerRow: preview.headerRow, mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' as const };
    const done = await t.waitJob(await t.call('worklist-import', { file: staged.token, ...input }));
    expect(done.error).toBeUndefined();
    const r = done.result as WorklistImportResult;
    // 100 customers the workspace has, with today's figures, and 200 new ones.
    expect([r.imported, r.rejected, r.updatedSubscribers, r.newSubscribers, r.repeatedRows]).toEqual([DEMO_IMPORT_CUSTOMERS + 1, 1, 100, 200, 1]);
    expect(r.newTasks).toBeGreaterThan(0);
    expect((await t.call('app-info', {})).counts.subscribers).toBe(customersBefore + 200);
  });

  it('is offered in the demo workspace only: a real desk works on the central side’s own files', async () => {
    const real = testBackend({ dbPath: tmp.file('real/ws.sqlite'), now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      for (const kind of ['worklist', 'history'] as const) {
        await expect(real.call('demo-file-export', { kind, locale: 'zh-CN' })).rejects.toMatchObject({ code: 'forbidden', messageKey: 'api.demo-only' });
      }
    } finally {
      real.close();
    }
  });
});
