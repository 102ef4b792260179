/**
 * A work-list file is read through a descriptor the job's worker thread opens (electron/backend/file-source.ts), and
 * by a reader thread beside it (jobs/read-ahead.ts); a thread's descriptors are the process's. Once the job is over
 * none may stay open: on Windows the agent could not move or delete the file they imported until the app quit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorklistPreview } from '../../core/api';
import Database from 'better-sqlite3';
import { allDemoSheetFields, demoWorkListSheet } from '../../core/demo/workbook';
import { READ_AHEAD_MIN_BYTES } from '../../electron/backend/jobs/read-ahead';
import { writeWorkbook } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** The files this process holds open, as Linux lists them (null where /proc is not there). */
function openFiles(): string[] | null {
  if (!fs.existsSync('/proc/self/fd')) return null;
  const files: string[] = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      files.push(fs.readlinkSync(path.join('/proc/self/fd', fd)));
    } catch {
      // closed while listed
    }
  }
  return files;
}

describe('a work-list file after its job', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it.skipIf(openFiles() === null)('is closed once its preview and its import are done, whether they succeed or fail', async () => {
    const sheet = demoWorkListSheet({ seed: 4, count: 300, today: '2026-11-23' });
    const file = tmp.file('list.xlsx');
    fs.writeFileSync(file, writeWorkbook([{ name: '任务工作清单', header: sheet.header, rows: sheet.rows }], 'xlsx'));
    const broken = tmp.file('broken.xlsx');
    fs.writeFileSync(broken, fs.readFileSync(file).subarray(0, 4000));
    const t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date('2026-11-23T04:00:00Z') });
    try {
      const held = () => openFiles()!.filter((f) => f === fs.realpathSync(file) || f === fs.realpathSync(broken));
      const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: t.backend.files.registerPath(file).token }))).result as WorklistPreview;
      expect(held()).toEqual([]);
      const imported = await t.waitJob(
        await t.call('worklist-import', { file: t.backend.files.registerPath(file).token, sheet: preview.sheet, headerRow: preview.headerRow, mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' }),
      );
      expect(imported.state).toBe('done');
      expect(held()).toEqual([]);
      const failed = await t.waitJob(await t.call('worklist-import-preview', { file: t.backend.files.registerPath(broken).token }));
      expect(failed.state).toBe('failed');
      expect(held()).toEqual([]);
    } finally {
      t.close();
    }
  });

  it.skipIf(openFiles() === null)('is closed after a large list, read in a thread of its own, is imported, and after one cancelled while saving', async () => {
    const sheet = demoWorkListSheet({ seed: 6, count: 9000, today: '2026-11-23', fields: allDemoSheetFields });
    const file = tmp.file('large.xlsx');
    fs.writeFileSync(file, writeWorkbook([{ name: '任务工作清单', header: sheet.header, rows: sheet.rows }], 'xlsx'));
    expect(fs.statSync(file).size).toBeGreaterThan(READ_AHEAD_MIN_BYTES);
    const held = () => openFiles()!.filter((f) => f === fs.realpathSync(file));
    for (const cancelled of [false, true]) {
      const dbPath = tmp.file(`large-${cancelled}.sqlite`);
      const t = testBackend({ dbPath, now: () => new Date('2026-11-23T04:00:00Z') });
      try {
        const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: t.backend.files.registerPath(file).token }))).result as WorklistPreview;
        expect(preview.check.valid).toBe(9000);
        expect(held()).toEqual([]);
        const job = await t.call('worklist-import', { file: t.backend.files.registerPath(file).token, sheet: preview.sheet, headerRow: preview.headerRow, mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' });
        if (cancelled) {
          // Once rows are being stored, the job's thread is taking them from the reader's.
          for (let view = await t.call('job-get', { jobId: job.id }); view.state === 'running' && view.phase !== 'saving'; view = await t.call('job-get', { jobId: job.id })) await new Promise((r) => setTimeout(r, 5));
          await t.call('job-cancel', { jobId: job.id });
        }
        const end = await t.waitJob(job);
        expect(end.state).toBe(cancelled ? 'cancelled' : 'done');
        const db = new Database(dbPath, { readonly: true });
        expect(db.prepare('SELECT count(*) FROM subscribers').pluck().get()).toBe(cancelled ? 0 : 9000);
        db.close();
        expect(held()).toEqual([]);
      } finally {
        t.close();
      }
    }
  });
});
