/**
 * Issue 19 #2: a work list's preview and import run in a worker whose heap is capped at what reading the file takes
 * (jobs/heap-limit.ts), so that V8 collects before dead objects pile up (a million-row import peaked at over 1 GB
 * without). Past the cap the import stops with a message that says so, and the workspace is exactly as before.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { errorText, type WorklistPreview } from '../../core/api';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';
import { workerHeapLimitMb } from '../../electron/backend/jobs/heap-limit';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

describe('the heap a work-list import may take', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const sheet = demoWorkListSheet({ seed: 3, count: 3000, today: '2026-11-23' });
  const xlsx = writeWorkbook([{ name: '任务工作清单', header: sheet.header, rows: sheet.rows }], 'xlsx');

  it('is what reading its file takes: the allowance and its shared strings for a streamed xlsx; V8\'s own for others', () => {
    const file = tmp.file('list.xlsx');
    fs.writeFileSync(file, xlsx);
    const mb = workerHeapLimitMb('worklist-import', { filePath: file })!;
    expect(mb).toBeGreaterThanOrEqual(256);
    expect(mb).toBeLessThan(300);
    expect(workerHeapLimitMb('worklist-preview', { filePath: file })).toBe(mb);
    expect(workerHeapLimitMb('risk-recompute', {})).toBeUndefined();
    expect(workerHeapLimitMb('worklist-import', { filePath: tmp.file('gone.xlsx') })).toBeUndefined();
    // A file read whole keeps V8's limit: its need was measured for CSV only.
    const csv = tmp.file('list.csv');
    fs.writeFileSync(csv, writeWorkbook([{ name: 'x', header: sheet.header, rows: [...sheet.rows].slice(0, 50) }], 'csv'));
    expect(workerHeapLimitMb('worklist-import', { filePath: csv })).toBeUndefined();
  });

  it("past it, the import stops, says why in the user's language, and changes nothing", async () => {
    const t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date('2026-11-23T02:00:00Z'), workerHeapLimitMb: (kind) => (kind === 'worklist-import' ? 4 : undefined) });
    try {
      const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(xlsx, 'list.xlsx') }))).result as WorklistPreview;
      const db = new Database(tmp.file('ws.sqlite'), { readonly: true });
      const counts = () => db.prepare('SELECT (SELECT count(*) FROM subscribers) s, (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM work_lists) l').get();
      const before = counts();
      const job = await t.waitJob(
        await t.call('worklist-import', { file: t.upload(xlsx, 'list.xlsx'), sheet: preview.sheet, headerRow: preview.headerRow, mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' }),
      );
      expect(job.state).toBe('failed');
      expect(job.error).toMatchObject({ code: 'too-large', params: { limit: 4 } });
      expect(errorText('zh-CN', job.error!)).toContain('内存（4 MB）');
      expect(errorText('en', job.error!)).toContain('used up the memory set aside for it (4 MB)');
      expect(counts()).toEqual(before);
      db.close();
    } finally {
      t.close();
    }
  });
});
