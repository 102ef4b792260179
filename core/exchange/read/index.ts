/**
 * Reads work-list workbooks from bytes: .xlsx, .xls (BIFF8, and the BIFF5/2–4 files old tools still write),
 * .ods, CSV in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, and the HTML tables and SpreadsheetML
 * 2003 XML that report tools save under an .xls name. Every failure is an `ExchangeError` with a message
 * code; nothing a file contains may crash the caller or make it hang.
 *
 * Three readers: plain xlsx sheets (shared strings, numbers, styles — what Excel, WPS, LibreOffice, openpyxl,
 * POI and our writer produce) are scanned by our own reader (xlsx-scanner.ts), about five times faster than
 * SheetJS and in half the memory; ods by our own too (ods-scanner.ts: SheetJS decodes OOXML's _xHHHH_ escapes
 * in ODF text, where they are literal, and prints warnings on stderr); anything else, and any xlsx or ods ours
 * does not recognise, is read by SheetJS (sheetjs.ts).
 *
 * Checked before a parser sees the bytes:
 *  - the file size (`maxBytes`);
 *  - for zip-based files (xlsx, ods), the central directory: a file cut short has none (→ 'truncated'),
 *    entries must lie inside the file, and the declared unpacked sizes must add up to at most
 *    `maxUnpackedBytes` (→ 'too-large'). A zip can lie about sizes, so Node's zlib must be given to SheetJS
 *    through `limitInflate`, which counts the bytes really inflated by all the entries of an unpacking
 *    against the same `maxUnpackedBytes` and stops there (→ 'too-large'). (SheetJS's JavaScript inflater,
 *    used without zlib, stops at the declared size — but entries with a data descriptor, as LibreOffice and
 *    Java write them, declare none locally, and there only `maxBytes` bounds the work.);
 *  - the number of sheets (`maxSheets`, → 'too-large'), from workbook.xml (xlsx) or content.xml (ods)
 *    before any sheet is parsed, and sheets sharing one part (→ 'bad-file'), which Excel never writes;
 *  - encrypted Office files (→ 'needs-password'; decrypting is the caller's, with the password);
 *  - ODF repeat counts and xlsx cell references that would make SheetJS expand millions of rows.
 * After parsing, each sheet's used range is checked against `maxRows` and `maxColumns` before rows are
 * handed out; both readers stop a sheet after maxRows + 1 rows.
 *
 * How cells come out: formulas are never evaluated — a formula cell gives the value Excel cached when it
 * saved, and nothing when there is none. Numbers are numbers; a number with a date format becomes the text
 * 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM:SS', 'HH:MM:SS'), read from the serial with no time zone involved,
 * exactly as a CSV export of the sheet would show it, so that the date normaliser and extra columns see the
 * same thing whatever the format. CSV cells stay text ('00123', '13812346886', '2026-11-23' are not
 * converted); the normalisers decide what they mean. Error cells are their Excel text ('#DIV/0!').
 *
 * This file holds `readWorkbook` and the public API; each concern has its module beside it: errors.ts (the
 * error and its codes), bytes.ts (little-endian numbers, signatures), zip.ts (zip directory, `checkZip`, parts
 * within the inflate budget), inflate.ts (`limitInflate`), cfb.ts (compound files), sniff.ts (what a file
 * is), text.ts (text encodings), xml.ts, limits.ts (`ReadOptions` and the checks before SheetJS parses),
 * cells.ts (date formats as text, for both readers), contents.ts (what a reader hands to `assemble`),
 * xlsx-scanner.ts and sheetjs.ts (the two readers).
 */
import { asSource, startsWith, ZIP_EMPTY, ZIP_LOCAL, type ByteSource } from './bytes';
import { ExchangeError, MB, megabytes } from './errors';
import { canInflateInChunks, checkZip, readZipDirectory, refuseEntriesPastTheirSizes } from './zip';
import { decideLimits, decideStreamedLimits, refuseImpossibleReferences, refuseRepeatedValues, refuseSheetCount, type Limits, type ReadOptions } from './limits';
import type { ParsedBook, SheetInfo, SheetScan, WorkbookContents } from './contents';
import { mapParseError, readWithSheetJs } from './sheetjs';
import { sniffFormat, type WorkbookFormat } from './sniff';
import type { TextEncoding } from './text';
import { readPlainOds } from './ods-scanner';
import { openPlainXlsxStream, readPlainXlsx, type PlainXlsxStream } from './xlsx-scanner';

export { ExchangeError } from './errors';
export type { ByteSource } from './bytes';
export { sniffFormat, type WorkbookFormat } from './sniff';
export { decodeText, detectTextEncoding } from './text';
export { enableChunkInflate, readZipDirectory } from './zip';
export { limitInflate } from './inflate';
export { DEFAULT_MAX_SHEETS, type ReadOptions } from './limits';
export type { SheetInfo, UncomputedFormulas, WorkbookContents } from './contents';

export function readWorkbook(bytes: Uint8Array, opts: ReadOptions): WorkbookContents {
  if (bytes.length > opts.maxBytes) {
    throw new ExchangeError('too-large', 'file.too-large', { size: megabytes(bytes.length), limit: megabytes(opts.maxBytes) });
  }
  if (bytes.length === 0) throw new ExchangeError('empty', 'file.empty');
  const format = sniffFormat(bytes);
  if (format === 'unknown') throw new ExchangeError('bad-file', 'file.unknown-format');
  if (format === 'encrypted-office') throw new ExchangeError('needs-password', 'file.needs-password');
  const limits = decideLimits(opts);
  const unpackedLimit = limits.maxUnpackedBytes;
  if (format === 'xlsx' || format === 'ods') {
    checkZip(bytes, unpackedLimit);
    refuseEntriesPastTheirSizes(bytes, unpackedLimit);
  }

  let book: ParsedBook | null = null;
  if (format === 'xlsx' && opts.engine !== 'sheetjs') {
    try {
      book = readPlainXlsx(bytes, limits);
    } catch (e) {
      // The plain reader declines what it does not know by returning null; a throw is a file it misjudged,
      // which SheetJS then reads or refuses with its own reasons. A limit reached, or memory exhausted, is an
      // answer, though.
      if (e instanceof ExchangeError) throw e;
      if (e instanceof RangeError && /string length|allocat|buffer|too large/i.test(e.message)) throw mapParseError(e, format, bytes, unpackedLimit);
      book = null;
    }
  }
  if (!book && format === 'xlsx') refuseImpossibleReferences(bytes, unpackedLimit);
  if (format === 'ods') refuseRepeatedValues(bytes, limits);
  // ODS: our reader keeps text as written (SheetJS decodes OOXML's _xHHHH_ in it) and prints nothing (issue 18 #8).
  if (format === 'ods' && opts.engine !== 'sheetjs') book = readPlainOds(bytes, limits);
  book ??= readWithSheetJs(bytes, format, limits);
  return assemble(book, limits);
}

/** Applies the limits the same way whichever engine read the file. */
function assemble(book: ParsedBook, opts: Limits): WorkbookContents {
  refuseSheetCount(book.sheets.length, opts.maxSheets);
  const infos: SheetInfo[] = [];
  for (const sheet of book.sheets) {
    infos.push(sheet.skipped ? { name: sheet.name, rowCount: -1, columnCount: -1, hidden: sheet.hidden } : sheetInfo(sheet.name, sheet.hidden, sheet, opts));
  }
  if (opts.sheet !== undefined && !book.sheets.some((s) => s.name === opts.sheet)) {
    throw new ExchangeError('bad-file', 'file.sheet-missing', { sheet: opts.sheet });
  }
  refuseNoRows(infos, opts);
  return {
    format: book.format,
    engine: book.engine,
    ...(book.encoding ? { encoding: book.encoding } : {}),
    sheets: infos,
    rows(sheetName: string): unknown[][] {
      const sheet = book.singleSheet && book.sheets.length === 1 ? book.sheets[0] : book.sheets.find((s) => s.name === sheetName);
      if (!sheet || sheet.skipped) throw new ExchangeError('bad-file', 'file.sheet-missing', { sheet: sheetName });
      return sheet.materialize();
    },
  };
}

/** A read sheet's info, refused when it has more rows or columns than allowed: the same for every reader. */
function sheetInfo(name: string, hidden: boolean, scan: SheetScan, opts: Limits): SheetInfo {
  const preview = opts.previewRows !== undefined && opts.previewRows > 0;
  // The reader stopped after maxRows + 1 rows: the declared range is all that tells of rows further down,
  // and refusing is the only way not to drop them silently.
  if (!preview && (scan.used.rows > opts.maxRows || scan.declaredRows > opts.maxRows)) {
    throw new ExchangeError('too-large', 'file.too-many-rows', { sheet: name, limit: opts.maxRows });
  }
  if (scan.used.columns > opts.maxColumns) {
    throw new ExchangeError('too-large', 'file.too-many-columns', { sheet: name, columns: scan.used.columns, limit: opts.maxColumns });
  }
  return { name, rowCount: preview ? Math.max(scan.used.rows, scan.declaredRows) : scan.used.rows, columnCount: scan.used.columns, hidden, ...(scan.uncomputedFormulas ? { uncomputedFormulas: scan.uncomputedFormulas } : {}) };
}

/** A workbook (or the sheet asked for) without a row is refused as empty. */
export function refuseNoRows(infos: readonly SheetInfo[], opts: Pick<ReadOptions, 'sheet'>): void {
  if (!infos.some((s) => s.rowCount > 0)) {
    throw opts.sheet !== undefined ? new ExchangeError('empty', 'file.sheet-empty', { sheet: opts.sheet }) : new ExchangeError('empty', 'file.empty');
  }
}

/**
 * Thrown by `WorkbookRows.scan` when a sheet streamed so far turns out to be one the streaming reader leaves to the
 * whole readers: rows handed out before are void, and the caller starts its reading again (the book now reads
 * whole, so it happens once, and only in the first pass over a sheet).
 */
export class ScanRestart extends Error {
  constructor() {
    super('the sheet is read again by the whole reader');
    this.name = 'ScanRestart';
  }
}

/**
 * A workbook read one row at a time, for imports that must not hold a whole sheet (docs/import-memory.md): plain
 * xlsx sheets are inflated and parsed as they are read, so memory stays that of the file, its shared strings and one
 * chunk of a sheet, however many rows it has. Everything else (xls, ods, csv, an xlsx the scanner declines) is read
 * whole by `readWorkbook` and handed out row by row, with the memory that takes.
 */
export interface WorkbookRows {
  readonly format: WorkbookFormat;
  /** Which reader parsed the file: 'plain-xlsx' while streaming. */
  readonly engine: WorkbookContents['engine'];
  readonly encoding?: TextEncoding;
  /** Whether sheets are read as a stream (each `scan` reads the file again) rather than held whole. */
  readonly streaming: boolean;
  /** The sheets in workbook order (only the one asked for is ever scanned when `sheet` was given). */
  readonly sheets: readonly { name: string; hidden: boolean }[];
  /**
   * Hands the sheet's rows to `onRow` from row 1, in order, each with its 0-based index (index + 1 is the row number
   * Excel shows); rows absent from the file are not handed out, and rows may follow the last one with a value. The
   * same values as `WorkbookContents.rows`. Returns the sheet's info; a sheet over the row or column limit is
   * refused (after its rows up to the limit were handed out). Throws `ScanRestart` as said there.
   */
  scan(sheet: string, onRow?: (values: unknown[], index: number) => void): SheetInfo;
  /**
   * The info of a sheet other than the one asked for (`sheet`), without reading it: -1 rows and columns when
   * streaming, as the plain reader skips such sheets; what SheetJS parsed anyway otherwise.
   */
  otherSheet(sheet: string): SheetInfo;
}

/** Opens a workbook for reading row by row (`WorkbookRows`); the same checks and errors as `readWorkbook`. */
export function openWorkbookRows(input: Uint8Array | ByteSource, opts: ReadOptions): WorkbookRows {
  const limits = decideStreamedLimits(opts);
  // A file on disk is read a piece at a time while it streams, and whole only for the whole readers.
  const bytes = asSource(input);
  let stream: PlainXlsxStream | null = null;
  const streamable = streamableXlsx(bytes, opts);
  refuseSizeOf(bytes, opts, streamable);
  if (streamable) {
    checkZip(bytes, limits.maxUnpackedBytes);
    try {
      stream = openPlainXlsxStream(bytes, limits);
    } catch (e) {
      // As in readWorkbook: a throw other than a limit is a file the scanner misjudged, for the whole readers.
      if (e instanceof ExchangeError) throw e;
      stream = null;
    }
    if (stream && opts.sheet !== undefined && !stream.sheets.some((s) => s.name === opts.sheet)) {
      throw new ExchangeError('bad-file', 'file.sheet-missing', { sheet: opts.sheet });
    }
  }
  if (!stream) return wholeRows(readWhole(bytes, opts));
  const plain = stream;
  let whole: WorkbookRows | null = null;
  return {
    format: 'xlsx',
    get engine() {
      return whole ? whole.engine : 'plain-xlsx';
    },
    get streaming() {
      return whole === null;
    },
    sheets: plain.sheets,
    otherSheet(sheet) {
      if (whole) return whole.otherSheet(sheet);
      return { name: sheet, rowCount: -1, columnCount: -1, hidden: plain.sheets.find((s) => s.name === sheet)?.hidden ?? false };
    },
    scan(sheet, onRow) {
      if (whole) return whole.scan(sheet, onRow);
      const hidden = plain.sheets.find((s) => s.name === sheet)?.hidden;
      if (hidden === undefined) throw new ExchangeError('bad-file', 'file.sheet-missing', { sheet });
      let found: SheetScan | null;
      const handOut = onRow
        ? (values: unknown[], index: number) => {
            try {
              onRow(values, index);
            } catch (e) {
              throw new CallerThrew(e);
            }
          }
        : () => undefined;
      try {
        found = plain.scan(sheet, handOut);
      } catch (e) {
        // The caller's own error (a cancel, a refusal) and a limit are answers; anything else (a broken deflate
        // stream) is for the whole readers to judge, as readWorkbook leaves a file the scanner misjudged to SheetJS.
        if (e instanceof CallerThrew) throw e.error;
        if (e instanceof ExchangeError) throw e;
        found = null;
      }
      if (found) return sheetInfo(sheet, hidden, found, limits);
      whole = wholeRows(readWhole(bytes, opts));
      throw new ScanRestart();
    },
  };
}

/**
 * Whether `openWorkbookRows` would read the file as a stream (a plain-looking xlsx), told from its zip directory
 * without reading its parts: the reader thread (electron/backend/jobs/read-ahead.ts) is worth starting only for such
 * a file. The scanner may still hand the file to the whole readers once it has read its parts.
 */
export function readsAsStream(input: Uint8Array | ByteSource, opts: ReadOptions): boolean {
  return streamableXlsx(asSource(input), opts);
}

/**
 * Whether the file is an xlsx the scanner may stream. Told from its zip directory, never by reading it whole: a file over
 * the whole readers' limit that is not a zip with a readable directory is left to `readWhole`, which refuses it.
 */
function streamableXlsx(bytes: ByteSource, opts: ReadOptions): boolean {
  if (opts.engine === 'sheetjs' || !canInflateInChunks() || bytes.length === 0) return false;
  const start = bytes.read(0, 8);
  if (!startsWith(start, ZIP_LOCAL) && !startsWith(start, ZIP_EMPTY)) return false;
  if (bytes.length > opts.maxBytes) {
    try {
      readZipDirectory(bytes);
    } catch {
      return false;
    }
  }
  return sniffFormat(bytes) === 'xlsx';
}

/** A file for the whole readers (`readWorkbook`), refused before it is read into memory when it is over their limit. */
function readWhole(bytes: ByteSource, opts: ReadOptions): WorkbookContents {
  refuseReadingWhole(bytes.length, opts);
  return readWorkbook(bytes.whole(), opts);
}

/**
 * Refuses a file over the size it may be read at, before any of it is read (nor its memory estimated, which would
 * misname the reason): a plain xlsx, streamed, up to `maxStreamedBytes`; anything else — an xls, a protected workbook
 * (decrypted in memory), a CSV, an ods — read whole, up to `maxBytes`.
 */
export function refuseOversized(input: Uint8Array | ByteSource, opts: ReadOptions): void {
  const bytes = asSource(input);
  refuseSizeOf(bytes, opts, streamableXlsx(bytes, opts));
}

function refuseSizeOf(bytes: ByteSource, opts: ReadOptions, streamable: boolean): void {
  if (!streamable) return refuseReadingWhole(bytes.length, opts);
  const limit = decideStreamedLimits(opts).maxBytes;
  if (bytes.length > limit) throw new ExchangeError('too-large', 'file.too-large', { size: megabytes(bytes.length), limit: megabytes(limit) });
}

/** The whole readers' limit, said as such where a plain xlsx would have been read as a stream beyond it (`maxStreamedBytes`). */
function refuseReadingWhole(size: number, opts: ReadOptions): void {
  if (size <= opts.maxBytes) return;
  const code = (opts.maxStreamedBytes ?? 0) > opts.maxBytes ? 'file.too-large-read-whole' : 'file.too-large';
  throw new ExchangeError('too-large', code, { size: megabytes(size), limit: megabytes(opts.maxBytes) });
}

/** An error of the code rows are handed to, carried out of the reader unchanged. */
class CallerThrew {
  constructor(readonly error: unknown) {}
}

/** A workbook read whole, handed out row by row. */
function wholeRows(book: WorkbookContents): WorkbookRows {
  return {
    format: book.format,
    engine: book.engine,
    ...(book.encoding ? { encoding: book.encoding } : {}),
    streaming: false,
    sheets: book.sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
    otherSheet(sheet) {
      return book.sheets.find((s) => s.name === sheet) ?? { name: sheet, rowCount: -1, columnCount: -1, hidden: false };
    },
    scan(sheet, onRow) {
      const rows = book.rows(sheet);
      const info = book.sheets.find((s) => s.name === sheet) ?? book.sheets[0]!;
      if (onRow) for (let i = 0; i < rows.length; i++) onRow(rows[i]!, i);
      return info;
    },
  };
}

/**
 * About how much memory reading a file takes (bytes), before it is read: a plain xlsx sheet is streamed, so the file,
 * its shared strings (as text and as strings, about 4× their unpacked size) and a fixed allowance for the process,
 * chunks and the database cache; a file read whole takes a multiple of its size — measured with SheetJS and our
 * scanner: about 6× the unpacked size of an xlsx or ods, 25× a CSV or HTML file (17× measured, with margin), 15× an
 * xls (not yet measured) — docs/import-memory.md.
 */
export function memoryToRead(input: Uint8Array | ByteSource): number {
  const bytes = asSource(input);
  const format = sniffFormat(bytes);
  let entries: { name: string; declaredSize: number }[] = [];
  if (format === 'xlsx' || format === 'ods') {
    try {
      entries = readZipDirectory(bytes);
    } catch {
      return READ_ALLOWANCE + bytes.length;
    }
  }
  if (format === 'xlsx' && canInflateInChunks()) return READ_ALLOWANCE + bytes.length + 4 * declared(entries, SHARED_STRINGS);
  if (format === 'xlsx' || format === 'ods') return READ_ALLOWANCE + bytes.length + 6 * declared(entries);
  if (format === 'xls') return READ_ALLOWANCE + 15 * bytes.length;
  return READ_ALLOWANCE + 25 * bytes.length;
}
const READ_ALLOWANCE = 256 * MB;
const SHARED_STRINGS = /sharedStrings[^/]*\.xml$/i;

/** The unpacked bytes a zip's directory declares for the entries named like `pattern` (all of them without one). */
const declared = (entries: readonly { name: string; declaredSize: number }[], pattern?: RegExp): number =>
  entries.filter((e) => !pattern || pattern.test(e.name)).reduce((n, e) => n + e.declaredSize, 0);

/**
 * The JavaScript heap reading a file may grow to (bytes), or null to leave it to V8: the cap of the worker that reads it
 * (electron/backend/jobs/heap-limit.ts), so that V8 collects before dead objects double what the import holds — at a
 * million rows it otherwise let 400–550 MB of them build up (docs/import-memory.md). Only for a plain xlsx streamed from
 * disk, where it was measured: the allowance, 4 × the shared strings and an eighth of the sheets' XML (the numbers an
 * import keeps per row — a million rows kept ~320 MB alive, under a cap of 678 MB). A file read whole keeps its rows
 * as SheetJS builds them (xls not measured yet): no cap.
 */
export function heapToRead(input: Uint8Array | ByteSource): number | null {
  const bytes = asSource(input);
  if (sniffFormat(bytes) !== 'xlsx' || !canInflateInChunks()) return null;
  let entries: { name: string; declaredSize: number }[];
  try {
    entries = readZipDirectory(bytes);
  } catch {
    return null;
  }
  return READ_ALLOWANCE + 4 * declared(entries, SHARED_STRINGS) + declared(entries, /worksheets\/[^/]+\.xml$/i) / 8;
}

/** Refuses a file whose reading would take more memory than the machine has free (`memoryToRead`). */
export function refuseBeyondMemory(bytes: Uint8Array | ByteSource, availableBytes: number): void {
  const need = memoryToRead(bytes);
  if (need > availableBytes) throw new ExchangeError('too-large', 'file.not-enough-memory', { need: Math.ceil(need / MB), available: Math.floor(availableBytes / MB) });
}
