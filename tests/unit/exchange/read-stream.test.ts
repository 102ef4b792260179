/**
 * Issue 19 #2: the streaming reader (`openWorkbookRows`, a plain xlsx sheet inflated and parsed a chunk at a time)
 * hands out exactly the rows the whole reader (`readWorkbook`) gives, and ends in the same error where it refuses —
 * on every work-list fixture, on files big enough to take many chunks, and on the fuzz corpus of the importer's
 * hostile-file tests (random tables, files cut short or overwritten, lying zips, many sheets) — from the bytes in
 * memory and from the file on disk read a piece at a time (`openFileSource`, as the import reads it).
 */
import '../../../electron/backend/sheetjs-node';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { allDemoSheetFields, demoWorkListSheet } from '../../../core/demo/workbook';
import { ExchangeError, memoryToRead, openWorkbookRows, readWorkbook, refuseBeyondMemory, refuseNoRows, ScanRestart, type ByteSource, type ReadOptions, type SheetInfo, type WorkbookRows } from '../../../core/exchange/read';
import { closeFileSources, openFileSource, type FileSource } from '../../../electron/backend/file-source';
import { closeReaders, readAhead } from '../../../electron/backend/jobs/read-ahead';
import { tempDir } from '../../support/temp';
import { writeWorkbook, type CellValue } from '../../../core/exchange/write';
import { lyingSizeZip, manySheetsWorkbook } from '../../support/hostile-files';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const limits: ReadOptions = { maxBytes: 50 * 1024 * 1024, maxRows: 5000, maxColumns: 200 };

type Outcome = { sheets: SheetInfo[]; rows: unknown[][][] } | { error: string };

const failure = (e: unknown): { error: string } => {
  if (e instanceof ExchangeError) return { error: `${e.code}:${e.messageCode}:${JSON.stringify(e.params)}` };
  throw e;
};

function whole(bytes: Uint8Array, opts: ReadOptions): Outcome {
  try {
    const wb = readWorkbook(bytes, opts);
    // SheetJS parses every sheet whatever was asked; the stream hands out the asked one's rows.
    return { sheets: wb.sheets, rows: wb.sheets.map((s) => (s.rowCount > 0 && (opts.sheet === undefined || opts.sheet === s.name) ? wb.rows(s.name) : [])) };
  } catch (e) {
    return failure(e);
  }
}

const disk = tempDir('rd-read-stream-');
afterEach(() => {
  closeReaders();
  closeFileSources();
});
afterAll(() => disk.cleanup());
let written = 0;

/** The bytes as a file on disk, read as the import reads it: a piece at a time, where the reader asks. */
function onDisk(bytes: Uint8Array): ByteSource {
  const file = disk.file(`${written++}.bin`);
  fs.writeFileSync(file, bytes);
  return openFileSource(file);
}

/** Every sheet streamed (read again from the start when the reader hands a sheet to the whole readers). */
function streamed(bytes: Uint8Array | ByteSource, opts: ReadOptions, seen: { streaming?: boolean; restarts: number } = { restarts: 0 }, open: (bytes: Uint8Array | ByteSource, opts: ReadOptions) => WorkbookRows = openWorkbookRows): Outcome {
  try {
    const book = open(bytes, opts);
    for (;;) {
      try {
        const sheets: SheetInfo[] = [];
        const rows: unknown[][][] = [];
        for (const s of book.sheets) {
          if (opts.sheet !== undefined && s.name !== opts.sheet) {
            const info = book.otherSheet(s.name);
            sheets.push(info);
            rows.push([]);
            continue;
          }
          const got: unknown[][] = [];
          let last = -1;
          const info = book.scan(s.name, (values, index) => {
            expect(index).toBeGreaterThan(last);
            last = index;
            while (got.length < index) got.push([]);
            got[index] = values;
          });
          got.length = Math.max(0, info.rowCount);
          for (let r = 0; r < got.length; r++) got[r] ??= [];
          sheets.push(info);
          rows.push(info.rowCount > 0 ? got : []);
        }
        refuseNoRows(sheets, opts);
        seen.streaming = book.streaming;
        return { sheets, rows };
      } catch (e) {
        if (!(e instanceof ScanRestart)) throw e;
        seen.restarts++;
      }
    }
  } catch (e) {
    return failure(e);
  }
}

/** Holes and undefined are the same absent cell. */
const plain = (o: Outcome): unknown => JSON.parse(JSON.stringify(o, (_, v: unknown) => (v === undefined ? null : v)));

/**
 * The same rows from the bytes in memory, from the file on disk, and (`ahead`) from the file read in a thread of its
 * own as a large import reads it (jobs/read-ahead.ts, here whatever the file's size).
 */
function sameRows(bytes: Uint8Array, opts: Partial<ReadOptions> = {}, ahead = false): { streaming?: boolean; restarts: number } {
  const o = { ...limits, ...opts };
  const seen = { restarts: 0 } as { streaming?: boolean; restarts: number };
  const expected = plain(whole(bytes, o));
  expect(plain(streamed(bytes, o, seen))).toEqual(expected);
  const fromDisk = { restarts: 0 } as { streaming?: boolean; restarts: number };
  expect(plain(streamed(onDisk(bytes), o, fromDisk))).toEqual(expected);
  expect(fromDisk).toEqual(seen);
  if (ahead) {
    const inThread = { restarts: 0 } as { streaming?: boolean; restarts: number };
    expect(plain(streamed(onDisk(bytes), o, inThread, (file, opts) => readAhead(file as FileSource, opts, 0)!))).toEqual(expected);
    expect(inThread).toEqual(seen);
  }
  return seen;
}

const demoBook = (count: number, seed = 5) => {
  const sheet = demoWorkListSheet({ seed, count, today: '2026-11-23', fields: allDemoSheetFields, withLabels: true, msisdnAsNumber: true });
  return writeWorkbook([{ name: '清单', header: sheet.header, rows: sheet.rows, dateColumns: sheet.dateColumns, numberFormats: { 5: '0.0%' } }], 'xlsx');
};

/** A demo book of 1,200 rows (some hundred compressed pieces) with row 1100 moved after row 1150: Excel never writes that, SheetJS reads it, the scanner gives up there. */
function rowsOutOfOrderBook(): Uint8Array {
  const zip = XLSX.CFB.read(demoBook(1200), { type: 'buffer' });
  const entry = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'))]!;
  const xml = new TextDecoder().decode(entry.content as Uint8Array);
  const row = (n: number) => new RegExp(`<row r="${n}"[^>]*>.*?</row>`).exec(xml)![0];
  entry.content = new TextEncoder().encode(xml.replace(row(1100), '').replace(row(1150), row(1150) + row(1100))) as unknown as typeof entry.content;
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer);
}

describe('formulas without a cached value, streamed', () => {
  it('are counted, the first by its cell, as the whole reader counts them', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, 'worklists', 'openpyxl.xlsx')));
    const book = openWorkbookRows(bytes, limits);
    expect(book.streaming).toBe(true);
    const sheet = book.sheets[0]!.name;
    const info = book.scan(sheet);
    expect(info.uncomputedFormulas).toEqual(readWorkbook(bytes, limits).sheets[0]!.uncomputedFormulas);
    expect(info.uncomputedFormulas?.count).toBe(3);
  });
});

describe('the streaming reader gives the rows the whole reader gives', () => {
  const files = ['worklists', 'model'].flatMap((dir) =>
    fs
      .readdirSync(path.join(fixtures, dir))
      .filter((f) => /\.(xlsx|xls|ods|fods|csv)$/i.test(f))
      .map((f) => path.join(dir, f)),
  );

  it.each(files)('on the fixture %s', (name) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
    const seen = sameRows(bytes, { maxRows: 20_000 }, true);
    if (name.endsWith('.xlsx')) expect(seen.streaming).toBe(true);
    const all = whole(bytes, { ...limits, maxRows: 20_000 });
    if ('sheets' in all) sameRows(bytes, { maxRows: 20_000, sheet: all.sheets.at(-1)!.name }, true);
  });

  it('on a sheet of many chunks (cells and rows cut at chunk edges), with a row limit inside it', () => {
    // 1,500 rows of 47 columns: 2.5 MB of sheet XML in 1 MB compressed, some 130 of the reader's 8 KB pieces
    // (zip.ts COMPRESSED_CHUNK).
    const bytes = demoBook(1500);
    expect(sameRows(bytes, { maxRows: 10_000 }, true).streaming).toBe(true);
    sameRows(bytes, { maxRows: 900 }, true);
    sameRows(bytes, { maxRows: 10_000, maxColumns: 20 }, true);
  }, 60_000);

  it('on SheetJS-written books (inline strings, no shared strings)', () => {
    const sheet = demoWorkListSheet({ seed: 8, count: 300, today: '2026-11-23' });
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([sheet.header, ...sheet.rows]), '清单');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['参数'], [1]]), '参数');
    for (const bookSST of [true, false]) sameRows(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST, compression: true }) as Buffer), {}, true);
  });

  it('on a sheet the scanner gives up on half way (rows out of order): read again whole, same rows', () => {
    const seen = sameRows(rowsOutOfOrderBook(), { maxRows: 10_000 }, true);
    expect(seen.restarts).toBe(1);
    expect(seen.streaming).toBe(false);
  }, 60_000);

  it('on the fuzz corpus: random tables', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('=1+1', '+SUM(A1)', '@cmd', '"quoted, with comma"', 'line\nbreak', 'a\r\nb', '１３８００１３８０００', '', ' ', '&amp; <x>'),
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constantFrom('13800138000', '2026-13-45', '2026-11-23', '是', '否'),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 10 }), fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 }), (header, rows) => {
        sameRows(writeWorkbook([{ name: 'Sheet1', header, rows: rows as CellValue[][] }], 'xlsx'));
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });

  it('on the fuzz corpus: files cut short or with bytes overwritten', () => {
    const good = demoBook(300, 9);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: good.length - 1 }).map((cut) => ({ cut, damage: [] as [number, number][] })),
          fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((damage) => ({ cut: good.length, damage })),
        ),
        ({ cut, damage }) => {
          const bytes = good.slice(0, cut);
          for (const [at, v] of damage) bytes[at] = v;
          sameRows(bytes);
        },
      ),
      { numRuns: 80, seed: 7 },
    );
  });

  it('on the fuzz corpus: zips that lie about their sizes, and many-sheet workbooks', () => {
    const book = demoBook(200, 4);
    sameRows(lyingSizeZip(book, { entries: 3, inflatedBytes: 4 * 1024 * 1024 }), { maxUnpackedBytes: 2 * 1024 * 1024 });
    sameRows(lyingSizeZip(book, { entries: 2, inflatedBytes: 1024 * 1024, declaredSize: 1000 }), { maxUnpackedBytes: 8 * 1024 * 1024 });
    sameRows(manySheetsWorkbook(book, 150));
    sameRows(manySheetsWorkbook(book, 20));
  });
});

describe('a plain xlsx on disk is read a piece at a time, never whole', () => {
  it('reads the zip directory, the small parts and the sheet in pieces of a few kilobytes', () => {
    const bytes = demoBook(4000);
    const file = onDisk(bytes);
    const reads: number[] = [];
    let wholeReads = 0;
    const counted: ByteSource = {
      length: file.length,
      read: (start, end) => {
        const got = file.read(start, end);
        reads.push(got.length);
        return got;
      },
      whole: () => {
        wholeReads++;
        return file.whole();
      },
    };
    const book = openWorkbookRows(counted, { ...limits, maxRows: 10_000 });
    let rows = 0;
    const info = book.scan(book.sheets[0]!.name, () => rows++);
    expect(book.streaming).toBe(true);
    expect(rows).toBe(info.rowCount);
    expect(rows).toBe(4001);
    expect(wholeReads).toBe(0);
    // The largest piece is the directory at the file's end, or a compressed chunk: never more than 64 KB of a ~1 MB file.
    expect(bytes.length).toBeGreaterThan(500_000);
    expect(Math.max(...reads)).toBeLessThanOrEqual(64 * 1024 + 22);
  });
});

describe('memory to read a file, before reading it', () => {
  it('is the file and its shared strings for a streamed xlsx, a multiple of the file for one read whole', () => {
    const xlsx = demoBook(2000);
    const csv = writeWorkbook([{ name: 'x', header: ['a'], rows: Array.from({ length: 2000 }, (_, i) => [`1380013${i}`]) }], 'csv');
    expect(memoryToRead(xlsx)).toBeLessThan(300 * 1024 * 1024);
    expect(memoryToRead(csv)).toBeGreaterThan(256 * 1024 * 1024 + 20 * csv.length);
  });

  it('refuses a file that needs more than is free, saying how much it needs and how much there is', () => {
    const xlsx = demoBook(200);
    const need = memoryToRead(xlsx);
    expect(() => refuseBeyondMemory(xlsx, need + 1)).not.toThrow();
    let error: unknown;
    try {
      refuseBeyondMemory(xlsx, 100 * 1024 * 1024);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).code).toBe('too-large');
    expect((error as ExchangeError).messageCode).toBe('file.not-enough-memory');
    expect((error as ExchangeError).params).toEqual({ need: Math.ceil(need / 1024 / 1024), available: 100 });
  });
});

/**
 * A county's million customers in one 47-column file is ~285 MB (issue 19 #2): a plain xlsx is read as a stream up to
 * `maxStreamedBytes`, as its rows are never held; a file only the whole readers can read (xls, ods, csv, an xlsx the
 * scanner gives up on) keeps `maxBytes`, and is refused before it is read whole.
 */
describe('a file larger than the whole readers take', () => {
  const counting = (bytes: Uint8Array): { source: ByteSource; wholeReads: () => number } => {
    const file = onDisk(bytes);
    let wholeReads = 0;
    return {
      source: { length: file.length, read: (start, end) => file.read(start, end), whole: () => (wholeReads++, file.whole()) },
      wholeReads: () => wholeReads,
    };
  };

  it('is read as a stream when it is a plain xlsx within the streamed limit', () => {
    const bytes = demoBook(2000);
    const opts = { ...limits, maxBytes: 100 * 1024, maxStreamedBytes: 10 * 1024 * 1024 };
    expect(bytes.length).toBeGreaterThan(opts.maxBytes);
    const { source, wholeReads } = counting(bytes);
    const book = openWorkbookRows(source, opts);
    let rows = 0;
    book.scan(book.sheets[0]!.name, () => rows++);
    expect(book.streaming).toBe(true);
    expect(rows).toBe(2001);
    expect(wholeReads()).toBe(0);
  });

  it('is refused past the streamed limit, naming that limit', () => {
    const bytes = demoBook(2000);
    expect(failure(catchOf(() => openWorkbookRows(counting(bytes).source, { ...limits, maxBytes: 50 * 1024, maxStreamedBytes: 100 * 1024 })))).toEqual({
      error: `too-large:file.too-large:${JSON.stringify({ size: Math.round((bytes.length / 1024 / 1024) * 10) / 10, limit: 0.1 })}`,
    });
  });

  it('is refused before it is read whole when only the whole readers can read it (csv, xls, an xlsx the scanner gives up on)', () => {
    const csv = writeWorkbook([{ name: 'x', header: ['号码'], rows: Array.from({ length: 20_000 }, (_, i) => [`1380013${i}`]) }], 'csv');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['号码'], ...Array.from({ length: 20_000 }, (_, i) => [`1380013${i}`])]), '清单');
    const xls = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xls' }) as Buffer);
    for (const bytes of [csv, xls]) {
      const { source, wholeReads } = counting(bytes);
      const opts = { ...limits, maxRows: 30_000, maxBytes: Math.floor(bytes.length / 2), maxStreamedBytes: 10 * bytes.length };
      expect(failure(catchOf(() => openWorkbookRows(source, opts)))).toEqual({
        error: `too-large:file.too-large-read-whole:${JSON.stringify({ size: Math.round((bytes.length / 1024 / 1024) * 10) / 10, limit: Math.round((opts.maxBytes / 1024 / 1024) * 10) / 10 })}`,
      });
      expect(wholeReads()).toBe(0);
    }
  });

  it('an xlsx the scanner gives up on half way is refused, not read whole, when over the whole readers\' limit', () => {
    const bytes = rowsOutOfOrderBook();
    const { source, wholeReads } = counting(bytes);
    const opts = { ...limits, maxRows: 10_000, maxBytes: Math.floor(bytes.length / 2), maxStreamedBytes: 10 * bytes.length };
    const book = openWorkbookRows(source, opts);
    expect(failure(catchOf(() => book.scan(book.sheets[0]!.name, () => undefined))).error).toMatch(/^too-large:file\.too-large-read-whole:/);
    expect(wholeReads()).toBe(0);
  });
});

function catchOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}
