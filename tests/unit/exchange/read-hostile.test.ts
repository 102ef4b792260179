// SheetJS inflates with Node's zlib exactly as the backend and its workers set it up.
import '../../../electron/backend/sheetjs-node';
import fs from 'node:fs';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { readCatalogueFile } from '../../../core/exchange/catalogue';
import { readOutcomeSheets } from '../../../core/exchange/outcomes';
import { DEFAULT_MAX_SHEETS, ExchangeError, openWorkbookRows, readWorkbook, readZipDirectory, type ReadOptions } from '../../../core/exchange/read';
import { writeWorkbook } from '../../../core/exchange/write';
import { lyingSizeZip, manySheetsWorkbook } from '../../support/hostile-files';

/**
 * Issue 12: files that lie about their unpacked size, and workbooks listing thousands of sheets, are refused
 * with a clear code naming the limit by every reader of workbooks — before they cost gigabytes or minutes.
 */
const MB = 1024 * 1024;
const limits: ReadOptions = { maxBytes: 10 * MB, maxRows: 100_000, maxColumns: 200, maxUnpackedBytes: 4 * MB };

function exchangeError(f: () => unknown): ExchangeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ExchangeError);
    return e as ExchangeError;
  }
  throw new Error('expected an ExchangeError');
}

const workList = writeWorkbook([{ name: '清单', header: ['手机号码', '姓名'], rows: Array.from({ length: 50 }, (_, i) => [`1380013${String(i).padStart(4, '0')}`, `客户${i}`]) }], 'xlsx');
const offers = writeWorkbook([{ name: '维系政策', header: ['政策编码', '政策名称'], rows: [['P1', '送流量']] }], 'xlsx');
// 4 entries claiming 1,000 bytes each, inflating to 2 MB each: 8 MB against a 4 MB budget.
const lying = (book: Uint8Array) => lyingSizeZip(book, { entries: 4, inflatedBytes: 2 * MB });

const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(new URL(`../../fixtures/worklists/${name}`, import.meta.url)));

describe('damaged bytes inside real files', () => {
  /** Damage as [place in the file (0–1), byte]: the two damaged xlsx files below, at their exact places. */
  const at = (file: Uint8Array, damage: [number, number][]): [number, number][] => damage.map(([i, v]) => [(i + 0.5) / file.length, v]);

  it('a clean read or an ExchangeError, as the backend reads them', () => {
    const sources = ['libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods'].map(fixture);
    // Read with Node's zlib, as the app always does. SheetJS's own pure-JS inflater, which the app never uses, spent
    // 220–270 s on these two (a CI run's 30 s timeout, 2026-12-05, when this property ran without Node's zlib); here
    // each is refused as a damaged file in milliseconds.
    const found: [number, [number, number][]][] = [
      [0, at(sources[0]!, [[4678, 142], [6279, 138], [6315, 129]])],
      [0, at(sources[0]!, [[4955, 208], [363, 63], [7244, 30], [2980, 101], [2091, 128], [6615, 174]])],
    ];
    fc.assert(
      fc.property(fc.nat(2), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (which, damage) => {
        const bytes = sources[which]!.slice();
        for (const [place, v] of damage) bytes[Math.min(bytes.length - 1, Math.floor(place * bytes.length))] = v;
        try {
          const wb = readWorkbook(bytes, limits);
          for (const s of wb.sheets) if (s.rowCount > 0) wb.rows(s.name);
        } catch (e) {
          expect(e).toBeInstanceOf(ExchangeError);
        }
      }),
      { numRuns: 300, examples: found },
    );
  });
});

describe('a zip whose entries lie about their size', () => {
  it('declares little: the directory check alone lets it through', () => {
    const bytes = lying(workList);
    expect(bytes.length).toBeLessThan(100_000);
    const bombs = readZipDirectory(bytes).filter((e) => e.name.startsWith('xl/media/'));
    expect(bombs).toHaveLength(4);
    expect(bombs.every((e) => e.declaredSize === 1000)).toBe(true);
  });

  it('is refused by the work-list reader as soon as an entry inflates past what it declares, whatever the budget', () => {
    // The memory a read needs is judged before reading from the declared sizes (memoryToRead): a file that lies
    // about them passed that judgement and then took GBs (a 23 MB file whose shared strings declared 100 bytes took
    // 3.25 GB; found by a security review). Honest zips declare their sizes exactly.
    for (const engine of ['auto', 'sheetjs'] as const) {
      for (const maxUnpackedBytes of [4 * MB, 64 * MB]) {
        expect(exchangeError(() => readWorkbook(lying(workList), { ...limits, maxUnpackedBytes, engine }))).toMatchObject({ code: 'bad-file', messageCode: 'file.corrupt' });
      }
    }
    // Streamed too (a file on disk, as an import reads it).
    expect(exchangeError(() => openWorkbookRows(lying(workList), { ...limits, maxUnpackedBytes: 64 * MB }))).toMatchObject({ code: 'bad-file', messageCode: 'file.corrupt' });
  });

  it('counts every entry of one read: each entry alone is under the budget', () => {
    // Honest sizes this time, so that only the budget can refuse it.
    const bytes = lyingSizeZip(workList, { entries: 3, inflatedBytes: 1.5 * MB, declaredSize: 1.5 * MB });
    expect(exchangeError(() => readWorkbook(bytes, limits))).toMatchObject({ code: 'too-large', messageCode: 'file.unpacked-too-large' });
    // The same file within a budget that holds all its entries is read; and the budget is the read's, not
    // the process's: reads one after another each get the whole of it.
    for (let i = 0; i < 3; i++) expect(readWorkbook(bytes, { ...limits, maxUnpackedBytes: 8 * MB }).sheets[0]).toMatchObject({ name: '清单', rowCount: 51 });
  });

  it('is refused by the catalogue reader', () => {
    expect(readCatalogueFile(lying(offers), 'offers', { maxUnpackedBytes: 4 * MB })).toMatchObject({ ok: false, code: 'file.corrupt' });
  });

  it('is refused by the outcome-file reader', () => {
    expect(exchangeError(() => readOutcomeSheets(lying(workList), { maxUnpackedBytes: 4 * MB }))).toMatchObject({ code: 'bad-file', messageCode: 'file.corrupt' });
  });
});

describe('a workbook listing thousands of sheets', () => {
  const big = writeWorkbook([{ name: '清单', header: ['手机号码', '姓名'], rows: Array.from({ length: 3000 }, (_, i) => [`1380013${String(i).padStart(4, '0')}`, `客户${i}`]) }], 'xlsx');

  it('is refused before its sheets are parsed, naming how many and the limit', () => {
    const bytes = manySheetsWorkbook(big, 2000);
    for (const engine of ['auto', 'sheetjs'] as const) {
      expect(exchangeError(() => readWorkbook(bytes, { ...limits, engine }))).toMatchObject({
        code: 'too-large',
        messageCode: 'file.too-many-sheets',
        params: { count: 2000, limit: DEFAULT_MAX_SHEETS },
      });
    }
    expect(exchangeError(() => readWorkbook(bytes, { ...limits, maxSheets: 10 })).params).toEqual({ count: 2000, limit: 10 });
  });

  it('with a few sheets sharing one part, is refused as damaged rather than parsed again for each', () => {
    expect(exchangeError(() => readWorkbook(manySheetsWorkbook(big, 5), limits))).toMatchObject({ code: 'bad-file', messageCode: 'file.corrupt' });
  });

  it('with many real sheets, is refused by every reader (xlsx, ods, xls)', () => {
    const book = XLSX.utils.book_new();
    for (let i = 1; i <= 30; i++) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['手机号码'], ['13800138000']]), `S${i}`);
    for (const bookType of ['xlsx', 'ods', 'xls'] as const) {
      const bytes = new Uint8Array(XLSX.write(book, { bookType, type: 'buffer' }) as Buffer);
      expect(exchangeError(() => readWorkbook(bytes, { ...limits, maxSheets: 20 }))).toMatchObject({ code: 'too-large', messageCode: 'file.too-many-sheets', params: { count: 30, limit: 20 } });
      expect(readWorkbook(bytes, { ...limits, maxSheets: 30 }).sheets).toHaveLength(30);
    }
  });

  it('is refused by the catalogue and outcome-file readers', () => {
    const bytes = manySheetsWorkbook(big, 2000);
    expect(readCatalogueFile(bytes, 'offers')).toMatchObject({ ok: false, code: 'file.too-many-sheets', params: { count: 2000 } });
    expect(exchangeError(() => readOutcomeSheets(bytes))).toMatchObject({ code: 'too-large', messageCode: 'file.too-many-sheets' });
  });
});
