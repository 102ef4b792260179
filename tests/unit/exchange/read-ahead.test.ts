/**
 * Issue 19 #2: a large work list is read in a thread of its own while the job stores its rows (jobs/read-ahead.ts).
 * The job's code must not see the difference: the same rows in the same order (read-stream.test.ts compares them on
 * every fixture), and here the same answers where reading stops early — the caller's own throw (a cancel, enough rows)
 * with the reader batches ahead, a limit, a sheet that is not there — and the book usable again afterwards.
 */
import '../../../electron/backend/sheetjs-node';
import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoWorkListSheet } from '../../../core/demo/workbook';
import { ExchangeError, openWorkbookRows, type ReadOptions, type WorkbookRows } from '../../../core/exchange/read';
import { writeWorkbook } from '../../../core/exchange/write';
import { closeFileSources, openFileSource } from '../../../electron/backend/file-source';
import { BATCH_ROWS, BATCHES_AHEAD, closeReaders, READ_AHEAD_MIN_BYTES, readAhead, type PreparingRows } from '../../../electron/backend/jobs/read-ahead';
import { tempDir } from '../../support/temp';

const disk = tempDir('rd-read-ahead-');
afterEach(() => {
  closeReaders();
  closeFileSources();
});
afterAll(() => disk.cleanup());

const limits: ReadOptions = { maxBytes: 50 * 1024 * 1024, maxRows: 100_000, maxColumns: 200 };
// Rows enough for the reader to be its whole allowance of batches ahead of a caller that stops early.
const ROWS = BATCH_ROWS * (BATCHES_AHEAD + 4);
const sheet = demoWorkListSheet({ seed: 9, count: ROWS, today: '2026-11-23' });
const file = disk.file('list.xlsx');
fs.writeFileSync(file, writeWorkbook([{ name: '清单', header: sheet.header, rows: sheet.rows }, { name: '说明', header: ['说明'], rows: [['见清单']] }], 'xlsx'));

const rowsOf = (book: WorkbookRows, name = '清单'): unknown[][] => {
  const rows: unknown[][] = [];
  book.scan(name, (values, index) => (rows[index] = values));
  return rows;
};
const inThread = (opts: ReadOptions = limits): PreparingRows => readAhead(openFileSource(file), opts, 0)!;
const failureOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e instanceof ExchangeError ? { code: e.code, messageCode: e.messageCode, params: e.params } : e;
  }
  return 'no error';
};

describe('a work list read in a thread of its own', () => {
  const direct = openWorkbookRows(openFileSource(file), limits);
  const expected = rowsOf(direct);

  it('gives every row again after a caller stopped part-way with the reader batches ahead', () => {
    const book = inThread();
    expect(book.streaming).toBe(direct.streaming);
    expect(book.sheets).toEqual(direct.sheets);
    const stop = new Error('enough');
    let seen = 0;
    expect(() =>
      book.scan('清单', () => {
        if (++seen === 10) throw stop;
      }),
    ).toThrow(stop);
    expect(rowsOf(book)).toEqual(expected);
    expect(book.otherSheet('说明')).toEqual(direct.otherSheet('说明'));
    expect(rowsOf(book, '说明')).toEqual(rowsOf(direct, '说明'));
    expect(book.scan('清单')).toEqual(direct.scan('清单'));
  });

  it('gives its thread back when released, and reads the same rows again in a new one', () => {
    const book = inThread();
    expect(rowsOf(book)).toEqual(expected);
    book.release();
    expect(book.streaming).toBe(true);
    expect(rowsOf(book)).toEqual(expected);
    expect(book.otherSheet('说明')).toEqual(direct.otherSheet('说明'));
  });

  it('says what the reader in its own thread says: a limit, a missing sheet', () => {
    const small = { ...limits, maxRows: 100 };
    expect(failureOf(() => rowsOf(inThread(small)))).toEqual(failureOf(() => rowsOf(openWorkbookRows(openFileSource(file), small))));
    expect(failureOf(() => rowsOf(inThread(small)))).toMatchObject({ code: 'too-large' });
    const missing = { ...limits, sheet: '没有这张表' };
    expect(failureOf(() => inThread(missing))).toEqual(failureOf(() => openWorkbookRows(openFileSource(file), missing)));
    expect(failureOf(() => inThread(missing))).toMatchObject({ messageCode: 'file.sheet-missing' });

  });

  it('is not started for a small file: the job reads it in its own thread', () => {
    expect(fs.statSync(file).size).toBeLessThan(READ_AHEAD_MIN_BYTES);
    expect(readAhead(openFileSource(file), limits)).toBeNull();
  });
});
