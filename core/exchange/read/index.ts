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
import { ExchangeError, megabytes } from './errors';
import { checkZip } from './zip';
import { decideLimits, refuseImpossibleReferences, refuseRepeatedValues, refuseSheetCount, type Limits, type ReadOptions } from './limits';
import type { ParsedBook, SheetInfo, WorkbookContents } from './contents';
import { mapParseError, readWithSheetJs } from './sheetjs';
import { sniffFormat } from './sniff';
import { readPlainOds } from './ods-scanner';
import { readPlainXlsx } from './xlsx-scanner';

export { ExchangeError } from './errors';
export { sniffFormat, type WorkbookFormat } from './sniff';
export { decodeText, detectTextEncoding } from './text';
export { readZipDirectory } from './zip';
export { limitInflate } from './inflate';
export { DEFAULT_MAX_SHEETS, type ReadOptions } from './limits';
export type { WorkbookContents } from './contents';

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
  if (format === 'xlsx' || format === 'ods') checkZip(bytes, unpackedLimit);

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
  const preview = opts.previewRows !== undefined && opts.previewRows > 0;
  refuseSheetCount(book.sheets.length, opts.maxSheets);
  const infos: SheetInfo[] = [];
  for (const sheet of book.sheets) {
    if (sheet.skipped) {
      infos.push({ name: sheet.name, rowCount: -1, columnCount: -1, hidden: sheet.hidden });
      continue;
    }
    // The reader stopped after maxRows + 1 rows: the declared range is all that tells of rows further down,
    // and refusing is the only way not to drop them silently.
    if (!preview && (sheet.used.rows > opts.maxRows || sheet.declaredRows > opts.maxRows)) {
      throw new ExchangeError('too-large', 'file.too-many-rows', { sheet: sheet.name, limit: opts.maxRows });
    }
    if (sheet.used.columns > opts.maxColumns) {
      throw new ExchangeError('too-large', 'file.too-many-columns', { sheet: sheet.name, columns: sheet.used.columns, limit: opts.maxColumns });
    }
    infos.push({
      name: sheet.name,
      rowCount: preview ? Math.max(sheet.used.rows, sheet.declaredRows) : sheet.used.rows,
      columnCount: sheet.used.columns,
      hidden: sheet.hidden,
    });
  }
  if (opts.sheet !== undefined && !book.sheets.some((s) => s.name === opts.sheet)) {
    throw new ExchangeError('bad-file', 'file.sheet-missing', { sheet: opts.sheet });
  }
  if (!infos.some((s) => s.rowCount > 0)) {
    throw opts.sheet !== undefined ? new ExchangeError('empty', 'file.sheet-empty', { sheet: opts.sheet }) : new ExchangeError('empty', 'file.empty');
  }
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
