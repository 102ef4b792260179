/**
 * Issue 19 #2: a large work list is read — and its rows normalised, identity numbers hashed, contents digested — in a
 * thread of its own while the job stores the rows before (jobs/read-ahead.ts, docs/import-memory.md). A supervisor
 * must not be able to tell: the same list imported from a small file (read in the job's own thread) and from a large
 * one (the same sheet beside a bulky second sheet, so the file is past READ_AHEAD_MIN_BYTES) previews, imports and
 * stores exactly the same — rows rejected, warnings, hashes, lists, tasks, figures — and a second import of the
 * large file is known to bring nothing new.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorklistImportResult, WorklistPreview } from '../../core/api';
import { allDemoSheetFields, demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook, type CellValue } from '../../core/exchange/write';
import { READ_AHEAD_MIN_BYTES } from '../../electron/backend/jobs/read-ahead';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

describe('a work list read in a thread of its own', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const sheet = demoWorkListSheet({ seed: 11, count: 4000, today: '2026-11-23', fields: allDemoSheetFields });
  const rows: CellValue[][] = [...sheet.rows].map((r) => [...r] as CellValue[]);
  // A number that is no number, a number twice on its list, and a totals row at the end: an error and two warnings.
  rows.splice(7, 0, ['1380013800x', ...rows[7]!.slice(1)]);
  rows.splice(30, 0, [...rows[20]!]);
  rows.push(['合计', ...rows[0]!.slice(1).map(() => null)]);
  const list = { name: '任务工作清单', header: sheet.header, rows };
  // Text that does not compress: the large file is past the size at which its reading moves to a thread.
  const filler = { name: '附表', header: ['备注'], rows: Array.from({ length: 40_000 }, () => [crypto.randomBytes(48).toString('base64')]) };

  it('previews, imports and stores exactly what the same list read in the job’s own thread does', async () => {
    const small = path.join(fs.mkdirSync(tmp.file('small'), { recursive: true })!, 'list.xlsx');
    const large = path.join(fs.mkdirSync(tmp.file('large'), { recursive: true })!, 'list.xlsx');
    fs.writeFileSync(small, writeWorkbook([list], 'xlsx'));
    fs.writeFileSync(large, writeWorkbook([list, filler], 'xlsx'));
    expect(fs.statSync(small).size).toBeLessThan(READ_AHEAD_MIN_BYTES);
    expect(fs.statSync(large).size).toBeGreaterThan(READ_AHEAD_MIN_BYTES);

    const run = async (file: string, name: string) => {
      const dbPath = tmp.file(`${name}.sqlite`); // both beside one home folder: one identity key
      const t = testBackend({ dbPath, now: () => new Date('2026-11-23T04:00:00Z') });
      try {
        const token = () => t.backend.files.registerPath(file).token;
        const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: token(), sheet: list.name }))).result as WorklistPreview;
        const input = { sheet: preview.sheet, headerRow: preview.headerRow, mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' as const };
        const first = await t.waitJob(await t.call('worklist-import', { file: token(), ...input }));
        expect(first.state).toBe('done');
        const again = (await t.waitJob(await t.call('worklist-import', { file: token(), ...input }))).result as WorklistImportResult;
        const db = new Database(dbPath, { readonly: true });
        const all = (sql: string) => db.prepare(sql).all();
        const stored = {
          subscribers: all('SELECT * FROM subscribers ORDER BY msisdn'),
          scores: all('SELECT * FROM subscriber_scores ORDER BY msisdn'),
          tasks: all('SELECT * FROM tasks ORDER BY id'),
          lists: all('SELECT * FROM work_lists ORDER BY id'),
          members: all('SELECT * FROM list_members ORDER BY list_id, msisdn'),
        };
        db.close();
        const { sheets: _sheets, ...shown } = preview;
        return { shown, imported: first.result as WorklistImportResult, again, stored };
      } finally {
        t.close();
      }
    };
    const inJob = await run(small, 'small');
    const inThread = await run(large, 'large');
    expect(inJob.imported.rejected).toBe(1);
    expect(inJob.imported.warnings).toBeGreaterThanOrEqual(2);
    expect(inJob.stored.subscribers.some((s) => (s as { id_hash: string | null }).id_hash !== null)).toBe(true);
    expect(inThread.shown).toEqual(inJob.shown);
    expect(inThread.imported).toEqual(inJob.imported);
    expect(inThread.stored).toEqual(inJob.stored);
    // The same file again: nothing new, known by the lists' content hashes.
    expect(inThread.again).toMatchObject({ unchanged: true });
    expect(inJob.again).toMatchObject({ unchanged: true });
  }, 120_000); // 8 s alone; past 30 s once with a helper building and testing beside the suite on these 2 cores
});
