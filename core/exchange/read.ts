/**
 * Reads work-list workbooks from bytes: .xlsx, .xls (BIFF8, and the BIFF5/2–4 files old tools still write),
 * .ods, CSV in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, and the HTML tables and SpreadsheetML
 * 2003 XML that report tools save under an .xls name. Every failure is an `ExchangeError` with a message
 * code; nothing a file contains may crash the caller or make it hang.
 *
 * Two readers: plain xlsx sheets (shared strings, numbers, styles — what Excel, WPS, LibreOffice, openpyxl,
 * POI and our writer produce) are scanned by this module, about five times faster than SheetJS and in half
 * the memory; anything else, and any xlsx the scanner does not recognise, is read by SheetJS.
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
 */
import * as XLSX from 'xlsx';
import type { MessageCode } from '../i18n';
import { excelSerialSeconds, excelSerialToIsoDate } from '../worklist/cells';

export type WorkbookFormat = 'xlsx' | 'xls' | 'ods' | 'csv' | 'html' | 'spreadsheetml' | 'encrypted-office' | 'unknown';

export type ExchangeErrorCode = 'too-large' | 'bad-file' | 'truncated' | 'needs-password' | 'empty';

export class ExchangeError extends Error {
  constructor(
    readonly code: ExchangeErrorCode,
    /** What to tell the user (core/i18n). */
    readonly messageCode: MessageCode,
    readonly params: Record<string, string | number> = {},
    /** The underlying parser's message, for logs only: it is English and technical. */
    readonly detail?: string,
  ) {
    super(`${code}: ${messageCode}${detail ? ` (${detail})` : ''}`);
    this.name = 'ExchangeError';
  }
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Bytes                                                                                                       */

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x100000000;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number): string => {
  let s = '';
  for (let i = from; i < to && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
};

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04] as const;
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06] as const;
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/* ---------------------------------------------------------------------------------------------------------- */
/* Zip structure                                                                                               */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** The larger of the central and local declared sizes: SheetJS trusts the local header. */
  declaredSize: number;
  localOffset: number;
}

class ZipStructureError extends Error {
  constructor(readonly kind: 'truncated' | 'corrupt') {
    super(kind);
  }
}

/** The zip64 extra field (0x0001) holds the sizes and offset whose 32-bit fields are 0xFFFFFFFF, in that order. */
function zip64Values(b: Uint8Array, extraStart: number, extraLen: number, wanted: readonly boolean[]): number[] {
  const out: number[] = [];
  let p = extraStart;
  const end = extraStart + extraLen;
  while (p + 4 <= end) {
    const id = u16(b, p);
    const size = u16(b, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      for (const w of wanted) {
        if (w && q + 8 <= p + 4 + size) {
          out.push(u64(b, q));
          q += 8;
        } else out.push(-1);
      }
      return out;
    }
    p += 4 + size;
  }
  return wanted.map(() => -1);
}

/**
 * The entries of a zip file from its central directory, with every offset and size checked against the
 * file's length. A file cut short has lost its central directory (it is at the end): that is 'truncated'.
 */
export function readZipDirectory(b: Uint8Array): ZipEntry[] {
  const len = b.length;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipStructureError('truncated');
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || !startsWith(b, [0x50, 0x4b, 0x06, 0x07], locator)) throw new ZipStructureError('corrupt');
    const rec = u64(b, locator + 8);
    if (rec + 56 > len || !startsWith(b, [0x50, 0x4b, 0x06, 0x06], rec)) throw new ZipStructureError('corrupt');
    count = u64(b, rec + 32);
    cdSize = u64(b, rec + 40);
    cdOffset = u64(b, rec + 48);
  }
  if (cdOffset + cdSize > len) throw new ZipStructureError('truncated');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > len || !startsWith(b, [0x50, 0x4b, 0x01, 0x02], p)) throw new ZipStructureError('corrupt');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const name = ascii(b, p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const [u, c, o] = zip64Values(b, p + 46 + nameLen, extraLen, [size === 0xffffffff, compressedSize === 0xffffffff, localOffset === 0xffffffff]);
      if (u !== undefined && u >= 0) size = u;
      if (c !== undefined && c >= 0) compressedSize = c;
      if (o !== undefined && o >= 0) localOffset = o;
    }
    p += 46 + nameLen + extraLen + commentLen;

    if (localOffset + 30 > len || !startsWith(b, ZIP_LOCAL, localOffset)) throw new ZipStructureError('corrupt');
    const localSize = u32(b, localOffset + 22);
    const localNameLen = u16(b, localOffset + 26);
    const localExtraLen = u16(b, localOffset + 28);
    const dataEnd = localOffset + 30 + localNameLen + localExtraLen + compressedSize;
    if (dataEnd > len) throw new ZipStructureError('truncated');
    const declaredSize = Math.max(size, localSize === 0xffffffff ? 0 : localSize);
    entries.push({ name, method, flags, compressedSize, declaredSize, localOffset });
  }
  return entries;
}

/** The first entries' names by walking local headers: for sniffing a zip whose end is missing. */
function localEntryNames(b: Uint8Array, max = 16): string[] {
  const names: string[] = [];
  let p = 0;
  while (names.length < max && p + 30 <= b.length && startsWith(b, ZIP_LOCAL, p)) {
    const flags = u16(b, p + 6);
    const compressed = u32(b, p + 18);
    const nameLen = u16(b, p + 26);
    const extraLen = u16(b, p + 28);
    names.push(ascii(b, p + 30, p + 30 + nameLen));
    const dataStart = p + 30 + nameLen + extraLen;
    if (flags & 0x08 && compressed === 0) {
      // With a data descriptor (LibreOffice, Java) the size follows the data: look for the next header.
      p = nextLocalHeader(b, dataStart);
      if (p < 0) break;
    } else p = dataStart + compressed;
  }
  return names;
}

function nextLocalHeader(b: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= b.length; i++) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x03 && b[i + 3] === 0x04) return i;
  }
  return -1;
}

function zipKind(b: Uint8Array, names: readonly string[], mimetypeOffset = 0): WorkbookFormat {
  if (names.includes('mimetype')) {
    // ODF stores 'mimetype' uncompressed (first, as a rule), so its text follows its local header.
    const nameLen = u16(b, mimetypeOffset + 26);
    const extraLen = u16(b, mimetypeOffset + 28);
    const at = mimetypeOffset + 30 + nameLen + extraLen;
    const mime = ascii(b, at, at + 80);
    if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    return 'unknown';
  }
  if (names.some((n) => n === 'xl/workbook.xml' || n === 'xl/workbook.bin' || n.startsWith('xl/worksheets/'))) return 'xlsx';
  if (names.includes('[Content_Types].xml') && !names.some((n) => n.startsWith('xl/'))) {
    // Word, PowerPoint and other OOXML packages name their parts word/, ppt/ …; a partial listing cannot tell.
    return names.some((n) => /^(word|ppt|visio)\//.test(n)) ? 'unknown' : 'xlsx';
  }
  return 'unknown';
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Compound files (xls, encrypted OOXML)                                                                      */

interface CfbContainer {
  FullPaths: string[];
}
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'buffer' | 'array' }): CfbContainer;
}
const cfbApi = XLSX.CFB as CfbApi;

function cfbStreamNames(b: Uint8Array): string[] | null {
  try {
    const c = cfbApi.read(b, { type: 'array' });
    return c.FullPaths.map((p) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch {
    return null;
  }
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Sniffing and text                                                                                           */

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

/**
 * What a file is, from its content alone (file names lie: report tools save HTML as .xls, and agents rename
 * files). 'csv' means text that is neither HTML nor SpreadsheetML; whether its columns make sense is decided
 * after reading.
 */
export function sniffFormat(bytes: Uint8Array): WorkbookFormat {
  if (bytes.length === 0) return 'unknown';
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) {
    try {
      const entries = readZipDirectory(bytes);
      const mimetype = entries.find((e) => e.name === 'mimetype');
      return zipKind(bytes, entries.map((e) => e.name), mimetype && mimetype.method === 0 ? mimetype.localOffset : 0);
    } catch {
      return zipKind(bytes, localEntryNames(bytes));
    }
  }
  if (startsWith(bytes, CFB_MAGIC)) {
    const streams = cfbStreamNames(bytes);
    // A compound file whose directory cannot be read is most likely a damaged or cut-off .xls.
    if (!streams) return 'xls';
    if (streams.includes('EncryptionInfo') && streams.includes('EncryptedPackage')) return 'encrypted-office';
    if (streams.includes('Workbook') || streams.includes('Book') || streams.includes('WORKBOOK') || streams.includes('BOOK')) return 'xls';
    return 'unknown';
  }
  // BIFF2–4 worksheets are bare record streams starting with a BOF record (0x0009, 0x0209, 0x0409).
  if (bytes[0] === 0x09 && (bytes[1] === 0x00 || bytes[1] === 0x02 || bytes[1] === 0x04) && bytes.length >= 8) return 'xls';
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && looksBinary(bytes)) return 'unknown';
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 4096)))
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<workbook')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'spreadsheetml';
    if (head.includes('<html') || head.includes('<table')) return 'html';
    return 'unknown';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<table') || /^<(meta|head|body|style)\b/.test(head)) {
    return 'html';
  }
  return 'csv';
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Text of a CSV (or HTML) file: a BOM decides; otherwise bytes that are valid UTF-8 are UTF-8, and anything
 * else is GB18030, the superset of GBK that Excel and WPS on Chinese Windows write. A GBK file of Chinese
 * text is practically never valid UTF-8, so the strict attempt decides reliably.
 */
export function decodeTextWithEncoding(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  // The decoder drops a BOM of its own encoding (ignoreBOM is false by default).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export const detectTextEncoding = (bytes: Uint8Array): TextEncoding => decodeTextWithEncoding(bytes).encoding;

export const decodeText = (bytes: Uint8Array): string => decodeTextWithEncoding(bytes).text;

/* ---------------------------------------------------------------------------------------------------------- */
/* Workbooks                                                                                                   */

export interface ReadOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most rows a sheet may have (header and title rows included). */
  maxRows: number;
  maxColumns: number;
  /** Read only this sheet (the others are listed but not parsed). */
  sheet?: string;
  /**
   * Read only the first N rows of each sheet, for the mapping screen's preview: no row limit error, and
   * rowCount is what the sheet declares (xlsx) or what was read.
   */
  previewRows?: number;
  /**
   * Largest total unpacked size of a zip-based file: what its entries declare, and what they really inflate
   * to, counted as they inflate (with Node's zlib, see `limitInflate`). Default: 64 × maxBytes, at most 1.5 GB.
   */
  maxUnpackedBytes?: number;
  /**
   * Most sheets a workbook may have, checked before they are parsed where the format allows (xlsx, ods): a
   * few hundred bytes of workbook.xml can list thousands of sheets that all point at one big sheet.
   * Default: `DEFAULT_MAX_SHEETS`.
   */
  maxSheets?: number;
  /**
   * 'auto' (default) reads plain xlsx sheets with this module's own scanner and everything else with SheetJS;
   * 'sheetjs' always uses SheetJS (for comparison, or should the scanner ever misread a file).
   */
  engine?: 'auto' | 'sheetjs';
}

export interface SheetInfo {
  name: string;
  /** Sheet rows up to the last one with a value (title and header rows included); -1 when not read. */
  rowCount: number;
  /** Columns up to the last one with a value; -1 when not read. */
  columnCount: number;
  /** Hidden sheets are often lookup tables, not the list: the sheet picker can say so. */
  hidden: boolean;
}

export interface WorkbookContents {
  format: WorkbookFormat;
  /** Which reader parsed the file (see `ReadOptions.engine`): for logs and tests. */
  engine: 'plain-xlsx' | 'sheetjs';
  /** Text encoding for CSV and HTML files. */
  encoding?: TextEncoding;
  sheets: SheetInfo[];
  /**
   * The sheet's rows from row 1 and column A, whatever the used range (so index + 1 is the row number Excel
   * shows, and a cell's index its column). Empty rows are empty arrays; cells after a row's last value are
   * absent. May be built on each call: keep the result rather than calling twice.
   */
  rows(sheetName: string): unknown[][];
}

export const DEFAULT_MAX_SHEETS = 100;

/** ReadOptions with every limit decided. */
type Limits = ReadOptions & { maxUnpackedBytes: number; maxSheets: number };

const MB = 1024 * 1024;
const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * The inflate budget of the zip being unpacked: what is left of `maxUnpackedBytes` for all its entries
 * together. Declared sizes cannot be trusted (a 3.7 MB file whose entries each claim 1,000 bytes inflated to
 * 3.6 GB), so the inflater counts the bytes it really produces. Unpacking is synchronous, so one budget per
 * thread at a time is all there is; each unpacking of a read (the plain reader, a check, SheetJS) gets the
 * whole budget, as each starts from the same bytes and drops what the one before produced.
 */
interface InflateBudget {
  remaining: number;
  readonly limit: number;
}
let inflateBudget: InflateBudget | null = null;

function unpackedTooLarge(limit: number, detail: string): ExchangeError {
  return new ExchangeError('too-large', 'file.unpacked-too-large', { limit: round1(limit / MB) }, detail);
}

/** Runs one unpacking of a zip with `limit` bytes for all its entries together. */
function withInflateBudget<T>(limit: number, unpack: () => T): T {
  const outer = inflateBudget;
  inflateBudget = { remaining: limit, limit };
  try {
    return unpack();
  } finally {
    inflateBudget = outer;
  }
}

type ChunkProcessor = { _processChunk(chunk: unknown, flushFlag: unknown, cb?: unknown): unknown };

/**
 * Lets Node's zlib (see write.ts `enableNativeZlib`) stop inflating, which SheetJS cannot: its native path
 * inflates a whole entry with `new InflateRaw()._processChunk(…)` whatever the header declared. Each inflater
 * gets as its `maxOutputLength` what is left of the unpacking's budget (see `withInflateBudget`), at most
 * `maxEntryBytes`, so a lying zip is stopped before it has buffered more than the budget, and the bytes each
 * entry really produced are taken off the budget. Pass the result instead of the zlib module:
 * `enableNativeZlib(limitInflate(zlib, 1 << 30))`.
 */
export function limitInflate<Z extends { InflateRaw: new (opts?: object) => object }>(zlib: Z, maxEntryBytes: number): Z {
  const Base = zlib.InflateRaw;
  class LimitedInflateRaw extends Base {
    constructor(opts?: object) {
      const budget = inflateBudget;
      // zlib refuses a maxOutputLength of 0; one byte over an exhausted budget is then caught below.
      super({ ...opts, maxOutputLength: budget ? Math.max(1, Math.min(maxEntryBytes, budget.remaining)) : maxEntryBytes });
      if (!budget) return;
      const self = this as unknown as ChunkProcessor;
      const processChunk = self._processChunk;
      self._processChunk = (chunk, flushFlag, cb) => {
        let out: unknown;
        try {
          out = processChunk.call(self, chunk, flushFlag, cb);
        } catch (e) {
          if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
            // The entry's own cap, when that was below what the budget had left, is the limit it hit.
            throw unpackedTooLarge(maxEntryBytes < budget.remaining ? maxEntryBytes : budget.limit, 'inflated past the budget');
          }
          throw e;
        }
        budget.remaining -= (out as { length?: number } | undefined)?.length ?? 0;
        if (budget.remaining < 0) throw unpackedTooLarge(budget.limit, 'inflated past the budget');
        return out;
      };
    }
  }
  return new Proxy(zlib, { get: (target, key) => (key === 'InflateRaw' ? LimitedInflateRaw : Reflect.get(target, key)) });
}

interface Cell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string;
}
type DenseSheet = XLSX.WorkSheet & { '!data'?: (Cell[] | undefined)[]; '!fullref'?: string };

/** Excel's error codes as BIFF and SheetJS number them. */
const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

type DateStyle = 'date' | 'datetime' | 'time' | null;
const dateStyles = new Map<string, DateStyle>();
/** Whether a number format shows a date, a date and time, or a time; cached, as a sheet uses a handful. */
function dateStyleOf(format: string): DateStyle {
  let style = dateStyles.get(format);
  if (style !== undefined) return style;
  style = null;
  if ((XLSX.SSF as { is_date(f: string): boolean }).is_date(format)) {
    // Without quoted literals, [colour]/[h] sections and escaped characters, time runs ('hh:mm', 'mm:ss',
    // 'h"时"mm"分"') become T; an m left over is a month.
    const tokens = format
      .replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')
      .toLowerCase()
      .replace(/am\/pm|a\/p|上午\/下午|上午|下午/g, 'T')
      .replace(/h+\s*[:.]?\s*m*|m*\s*[:.]?\s*s+(?:\.0+)?/g, 'T');
    const hasDate = /[ydmeb]|[年月日]/.test(tokens);
    const hasTime = tokens.includes('T');
    style = hasDate && hasTime ? 'datetime' : hasTime ? 'time' : 'date';
  }
  if (dateStyles.size < 1000) dateStyles.set(format, style);
  return style;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
function timeText(serial: number): string {
  const s = excelSerialSeconds(serial);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

/** A numeric cell with a date format, as the text a CSV export shows; the serial itself when it is no date. */
function dateCellText(serial: number, style: Exclude<DateStyle, null>, date1904: boolean): string | number {
  if (style === 'time') return serial >= 0 && serial < 1 ? timeText(serial) : serial;
  const day = excelSerialToIsoDate(serial, date1904);
  if (day === null) return serial;
  return style === 'datetime' ? `${day} ${timeText(serial)}` : day;
}

/** The formula guard that write.ts puts on CSV text ('=…' written as "'=…") is taken off again. */
const FORMULA_GUARDED = /^'[=+\-@\t\r]/;

function cellValue(cell: Cell | undefined, date1904: boolean, csv: boolean): unknown {
  if (cell === undefined) return undefined;
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (cell.z !== undefined && typeof v === 'number') {
        const style = dateStyleOf(cell.z);
        if (style) return dateCellText(v, style, date1904);
      }
      return v;
    }
    case 's': {
      const v = cell.v;
      if (csv && typeof v === 'string' && v.charCodeAt(0) === 39 && FORMULA_GUARDED.test(v)) return v.slice(1);
      return v;
    }
    case 'b':
      return cell.v;
    case 'e':
      return cell.w ?? ERROR_TEXT[cell.v as number] ?? '#VALUE!';
    case 'd': {
      const v = cell.v;
      return v instanceof Date ? v : typeof v === 'string' ? v : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * SheetJS's 'array' input copies the rest of the file for every zip entry it inflates; with 'buffer' it takes
 * views. Core cannot name Node's Buffer, so it is recognised by its methods.
 */
const isNodeBuffer = (b: Uint8Array): boolean =>
  typeof (b as Uint8Array & { utf8Slice?: unknown }).utf8Slice === 'function' && typeof (b as Uint8Array & { copy?: unknown }).copy === 'function';

function mapParseError(e: unknown, format: WorkbookFormat, bytes: Uint8Array, unpackedLimit: number): ExchangeError {
  const limit = { limit: round1(unpackedLimit / MB) };
  if (e instanceof ExchangeError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(message)) return new ExchangeError('needs-password', 'file.needs-password', {}, message);
  if (e instanceof RangeError && /string length|allocation|Array buffer|too large/i.test(message)) {
    return new ExchangeError('too-large', 'file.unpacked-too-large', limit, message);
  }
  if (/ERR_BUFFER_TOO_LARGE|Cannot create a Buffer larger|output length/i.test(message) || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
    return new ExchangeError('too-large', 'file.unpacked-too-large', limit, message);
  }
  // A compound file is a whole number of 512-byte sectors: anything else was cut off.
  if (format === 'xls' && startsWith(bytes, CFB_MAGIC) && bytes.length % 512 !== 0) {
    return new ExchangeError('truncated', 'file.truncated', {}, message);
  }
  return new ExchangeError('bad-file', 'file.corrupt', {}, message);
}

function checkZip(bytes: Uint8Array, maxUnpackedBytes: number): void {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    if (e instanceof ZipStructureError) {
      throw e.kind === 'truncated' ? new ExchangeError('truncated', 'file.truncated') : new ExchangeError('bad-file', 'file.corrupt', {}, 'zip directory');
    }
    throw e;
  }
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x0001) throw new ExchangeError('bad-file', 'file.corrupt', {}, `zip entry ${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw new ExchangeError('bad-file', 'file.corrupt', {}, `zip method ${e.method}`);
    // SheetJS's JavaScript inflater grows without bound when a compressed entry declares size 0.
    if (e.method === 8 && e.declaredSize === 0 && e.compressedSize > 2) {
      throw new ExchangeError('bad-file', 'file.corrupt', {}, `zip entry ${e.name} declares no size`);
    }
    total += e.declaredSize;
  }
  if (total > maxUnpackedBytes) {
    throw new ExchangeError('too-large', 'file.unpacked-too-large', { limit: round1(maxUnpackedBytes / MB) }, `declared ${total} bytes`);
  }
}

/**
 * The used size of a dense sheet: last row and column holding a value (cells with no value do not count), and
 * whether a value lies at or beyond `rowLimit`. SheetJS stops at its row limit, but a damaged reference can
 * still put a cell millions of rows down; the array is then sparse and only its present rows are visited.
 */
function usedSize(data: readonly (Cell[] | undefined)[], rowLimit: number): { rows: number; columns: number; beyond: boolean } {
  let rows = 0;
  let columns = 0;
  let beyond = false;
  const present = data.length > rowLimit ? Object.keys(data).map(Number).filter(Number.isInteger) : null;
  const count = present ? present.length : data.length;
  for (let k = 0; k < count; k++) {
    const r = present ? present[k]! : k;
    const row = data[r];
    if (!row) continue;
    // A cell far to the right makes a sparse row: walk only the cells it has.
    const cells = row.length > 20_000 ? Object.keys(row).map(Number).filter(Number.isInteger).sort((a, b) => a - b) : null;
    for (let j = (cells ? cells.length : row.length) - 1; j >= 0; j--) {
      const c = cells ? cells[j]! : j;
      const cell = row[c];
      if (cell !== undefined && cell.t !== 'z' && !(cell.t === 's' && cell.v === '')) {
        if (r >= rowLimit) {
          beyond = true;
          break;
        }
        if (r + 1 > rows) rows = r + 1;
        if (c + 1 > columns) columns = c + 1;
        break;
      }
    }
  }
  return { rows, columns, beyond };
}

/* ---------------------------------------------------------------------------------------------------------- */
/* The plain-xlsx reader                                                                                        */
/*                                                                                                              */
/* SheetJS spends about 3 µs per cell on its general XML handling: 12 s for a 100,000 × 47 work list, most of  */
/* an import. Work lists are plain sheets — shared strings, numbers, a few styles — and for those a scan with  */
/* indexOf over the sheet XML gives the same cells several times faster. It declines (returns null) anything  */
/* outside that: prefixed XML, rows out of order, ISO date cells, UTF-16 parts… and SheetJS reads those.        */
/* Unzipping is SheetJS's (CFB). tests/unit/exchange/read-engines.test.ts holds it to SheetJS's reading.      */

/**
 * The East Asian built-in number formats (ECMA-376 §18.8.30): Excel in Chinese writes date cells with these
 * ids and no format text. SheetJS's table lacks them (and resets it on every read, so they cannot be added),
 * so with SheetJS such dates read as bare serials — still right for date fields, whose normaliser takes
 * serials, but not for extra columns.
 */
const EAST_ASIAN_BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};
const ssf = XLSX.SSF as { get_table(): Record<number, string | undefined> };
/** Excel's built-in formats by id, as SheetJS knows them when nothing has been loaded, plus the East Asian ones. */
const builtinFormats: Readonly<Record<number, string | undefined>> = { ...ssf.get_table(), ...EAST_ASIAN_BUILTIN_FORMATS };

const XML_ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED_ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/** XML entities, then OOXML's _xHHHH_ escapes, and CRLF as LF — what SheetJS does, so both engines agree. */
function unescapeXml(s: string): string {
  let out = s;
  if (out.indexOf('&') >= 0) {
    out = out.replace(XML_ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return NAMED_ENTITY[name]!;
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }
  if (out.indexOf('_x') >= 0) out = out.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (out.indexOf('\r\n') >= 0) out = out.replace(/\r\n/g, '\n');
  return out;
}

const isXmlSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** The attributes of the tag that starts at `from` (just after its name), up to '>' — for the few tags read per file. */
function tagAttributes(xml: string, from: number): { attrs: Map<string, string>; end: number; selfClosing: boolean } | null {
  const end = xml.indexOf('>', from);
  if (end < 0) return null;
  const attrs = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const text = xml.slice(from, end);
  for (let m = re.exec(text); m; m = re.exec(text)) attrs.set(m[1]!, unescapeXml(m[2] ?? m[3] ?? ''));
  return { attrs, end, selfClosing: xml.charCodeAt(end - 1) === 47 };
}

/** Every `<name …>` start tag in `xml` (unprefixed), with its attributes. */
function* startTags(xml: string, name: string, from = 0, to = xml.length): Generator<Map<string, string>> {
  const open = `<${name}`;
  for (let p = xml.indexOf(open, from); p >= 0 && p < to; p = xml.indexOf(open, p + open.length)) {
    const next = xml.charCodeAt(p + open.length);
    if (!isXmlSpace(next) && next !== 62 && next !== 47) continue;
    const tag = tagAttributes(xml, p + open.length);
    if (!tag) return;
    yield tag.attrs;
  }
}

/** Joins a relationship target to the part that holds the relationship ('xl/workbook.xml'). */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The shared strings, or null for a table this reader does not handle. */
function parseSharedStrings(xml: string): string[] | null {
  if (xml.indexOf('<sst') < 0) return null;
  const phonetic = xml.indexOf('<rPh') >= 0;
  const out: string[] = [];
  let p = 0;
  for (;;) {
    const a = xml.indexOf('<si', p);
    if (a < 0) break;
    const after = xml.charCodeAt(a + 3);
    const tagEnd = xml.indexOf('>', a);
    if (tagEnd < 0) return null;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      out.push('');
      p = tagEnd + 1;
      continue;
    }
    if (after !== 62 && !isXmlSpace(after)) return null;
    const end = xml.indexOf('</si>', tagEnd);
    if (end < 0) return null;
    // Phonetic runs (<rPh>) carry readings, not the text; they are rare enough to take the slow way.
    const body = phonetic ? xml.slice(tagEnd + 1, end).replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
    const from = phonetic ? 0 : tagEnd + 1;
    const to = phonetic ? body.length : end;
    let text = '';
    let q = from;
    for (;;) {
      const t = body.indexOf('<t', q);
      if (t < 0 || t >= to) break;
      const c = body.charCodeAt(t + 2);
      const open = body.indexOf('>', t);
      if (open < 0 || open > to) return null;
      if (c === 47 || body.charCodeAt(open - 1) === 47) {
        q = open + 1; // <t/>
        continue;
      }
      if (c !== 62 && !isXmlSpace(c)) {
        q = t + 2; // another element starting with t
        continue;
      }
      const close = body.indexOf('</t>', open);
      if (close < 0 || close > to) return null;
      text += body.slice(open + 1, close);
      q = close + 4;
    }
    out.push(unescapeXml(text));
    p = end + 5;
  }
  return out;
}

/** The date style of each cell format (cellXfs index), from styles.xml. */
function parseCellDateStyles(xml: string): DateStyle[] {
  const formats = new Map<number, string>();
  for (const a of startTags(xml, 'numFmt')) {
    const id = Number(a.get('numFmtId'));
    const code = a.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) formats.set(id, code);
  }
  const from = xml.indexOf('<cellXfs');
  if (from < 0) return [];
  const to = xml.indexOf('</cellXfs>', from);
  const styles: DateStyle[] = [];
  for (const a of startTags(xml, 'xf', from, to < 0 ? xml.length : to)) {
    const id = Number(a.get('numFmtId') ?? 0);
    const code = formats.get(id) ?? builtinFormats[id];
    styles.push(code === undefined ? null : dateStyleOf(code));
  }
  return styles;
}

const decodeColumn = (xml: string, from: number, to: number): number => {
  let col = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col - 1;
};

const EXCEL_MAX_COLUMNS = 16_384;

/** The one-letter cell types, without slicing the attribute out each time. */
const CELL_TYPE_1: Record<number, string> = { 115: 's', 110: 'n', 98: 'b', 101: 'e', 100: 'd' };

/** Declines the sheet: SheetJS reads it instead. */
class Decline extends Error {}

interface SheetParseLimits {
  /** Stop after this many sheet rows (maxRows + 1, or the preview's rows). */
  rowLimit: number;
}

/**
 * The cells of one worksheet part. Values come out as `cellValue` gives them for SheetJS cells: numbers (date
 * formats as ISO text), shared and inline strings, booleans, error texts; a cell with no cached value is absent.
 */
function parsePlainWorksheet(
  xml: string,
  sst: readonly string[],
  dateStyles: readonly DateStyle[],
  date1904: boolean,
  limits: SheetParseLimits,
): { rows: unknown[][]; used: { rows: number; columns: number }; declaredRows: number } {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) throw new Decline();
  let declaredRows = 0;
  const dimension = xml.lastIndexOf('<dimension', dataStart);
  if (dimension >= 0) {
    const ref = tagAttributes(xml, dimension + 10)?.attrs.get('ref');
    const m = ref ? /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/i.exec(ref) : null;
    if (m) declaredRows = Number(m[2] ?? m[1]);
  }
  const rows: unknown[][] = [];
  let usedRows = 0;
  let usedColumns = 0;
  const dataOpen = xml.indexOf('>', dataStart);
  if (xml.charCodeAt(dataOpen - 1) === 47) return { rows, used: { rows: 0, columns: 0 }, declaredRows };
  const dataEnd = xml.indexOf('</sheetData>', dataOpen);
  if (dataEnd < 0) throw new Decline();

  let p = dataOpen + 1;
  let rowIndex = -1;
  for (;;) {
    const r = xml.indexOf('<row', p);
    if (r < 0 || r > dataEnd) break;
    const rowTagEnd = xml.indexOf('>', r);
    if (rowTagEnd < 0 || rowTagEnd > dataEnd) throw new Decline();
    const rAttr = /\sr\s*=\s*["'](\d+)["']/.exec(xml.slice(r + 4, rowTagEnd));
    const next = rAttr ? Number(rAttr[1]) - 1 : rowIndex + 1;
    if (next <= rowIndex) throw new Decline();
    rowIndex = next;
    if (rowIndex >= limits.rowLimit) break;
    if (xml.charCodeAt(rowTagEnd - 1) === 47) {
      p = rowTagEnd + 1;
      continue;
    }
    const rowEnd = xml.indexOf('</row>', rowTagEnd);
    if (rowEnd < 0 || rowEnd > dataEnd) throw new Decline();

    const values: unknown[] = [];
    let col = -1;
    let lastUsedCol = -1;
    let q = rowTagEnd + 1;
    for (;;) {
      const c = xml.indexOf('<c', q);
      if (c < 0 || c >= rowEnd) break;
      const after = xml.charCodeAt(c + 2);
      if (!isXmlSpace(after) && after !== 62 && after !== 47) throw new Decline();
      // The cell's attributes: r, t and s are all this reader needs. Read by character codes: this loop runs
      // once per cell, and slicing out every name and value was most of its time.
      let i = c + 2;
      let refStart = -1;
      let refEnd = -1;
      let typeStart = -1;
      let typeEnd = -1;
      let style = 0;
      for (;;) {
        while (isXmlSpace(xml.charCodeAt(i))) i++;
        const ch = xml.charCodeAt(i);
        if (ch === 62 || ch === 47) break;
        const eq = xml.indexOf('=', i);
        if (eq < 0 || eq > rowEnd) throw new Decline();
        let nameEnd = eq;
        while (isXmlSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
        const single = nameEnd - i === 1 ? ch : 0;
        let v = eq + 1;
        while (isXmlSpace(xml.charCodeAt(v))) v++;
        const quote = xml.charCodeAt(v);
        if (quote !== 34 && quote !== 39) throw new Decline();
        const close = xml.indexOf(quote === 34 ? '"' : "'", v + 1);
        if (close < 0) throw new Decline();
        if (single === 114 /* r */) {
          refStart = v + 1;
          refEnd = close;
        } else if (single === 116 /* t */) {
          typeStart = v + 1;
          typeEnd = close;
        } else if (single === 115 /* s */) {
          style = 0;
          for (let k = v + 1; k < close; k++) {
            const d = xml.charCodeAt(k) - 48;
            if (d < 0 || d > 9) throw new Decline();
            style = style * 10 + d;
          }
        }
        i = close + 1;
      }
      const type = typeStart < 0 ? '' : typeEnd - typeStart === 1 ? CELL_TYPE_1[xml.charCodeAt(typeStart)] ?? xml.slice(typeStart, typeEnd) : xml.slice(typeStart, typeEnd);
      const selfClosing = xml.charCodeAt(i) === 47;
      const tagEnd = xml.indexOf('>', i);
      col = refStart >= 0 ? decodeColumn(xml, refStart, refEnd) : col + 1;
      // Beyond Excel's last column (XFD) the reference is broken; padding the row up to it would not end.
      if (col < 0 || col >= EXCEL_MAX_COLUMNS) throw new Decline();
      if (selfClosing) {
        q = tagEnd + 1;
        continue;
      }
      const cellEnd = xml.indexOf('</c>', tagEnd);
      if (cellEnd < 0 || cellEnd > rowEnd) throw new Decline();
      q = cellEnd + 4;

      let value: unknown;
      if (type === 'inlineStr') {
        const is = xml.indexOf('<is', tagEnd);
        if (is < 0 || is > cellEnd) continue;
        const inner = parseSharedStrings(`<sst><si>${xml.slice(xml.indexOf('>', is) + 1, xml.lastIndexOf('</is>', cellEnd))}</si></sst>`);
        if (!inner) throw new Decline();
        value = inner[0];
      } else {
        const v = xml.indexOf('<v', tagEnd);
        if (v < 0 || v > cellEnd) continue;
        const vOpen = xml.indexOf('>', v);
        if (xml.charCodeAt(vOpen - 1) === 47) continue;
        const vClose = xml.indexOf('</v>', vOpen);
        if (vClose < 0 || vClose > cellEnd) throw new Decline();
        const raw = xml.slice(vOpen + 1, vClose);
        switch (type) {
          case '':
          case 'n': {
            if (raw === '') continue;
            const n = parseFloat(raw);
            const ds = dateStyles[style];
            value = ds && Number.isFinite(n) ? dateCellText(n, ds, date1904) : n;
            break;
          }
          case 's': {
            const s = sst[Number(raw)];
            if (s === undefined) throw new Decline();
            value = s;
            break;
          }
          case 'str':
            value = unescapeXml(raw);
            break;
          case 'b':
            value = raw === '1' || raw === 'true';
            break;
          case 'e':
            value = unescapeXml(raw);
            break;
          default:
            throw new Decline();
        }
      }
      while (values.length < col) values.push(undefined);
      values[col] = value;
      if (!(value === '' || value === undefined)) lastUsedCol = col;
    }
    while (rows.length < rowIndex) rows.push([]);
    rows[rowIndex] = values;
    if (lastUsedCol >= 0) {
      usedRows = rowIndex + 1;
      if (lastUsedCol + 1 > usedColumns) usedColumns = lastUsedCol + 1;
    }
    p = rowEnd + 6;
  }
  rows.length = usedRows;
  for (let r = 0; r < usedRows; r++) rows[r] ??= [];
  return { rows, used: { rows: usedRows, columns: usedColumns }, declaredRows: Math.max(declaredRows, usedRows) };
}

const utf8Decoder = new TextDecoder('utf-8');

/** Reads a plain xlsx file, or returns null for SheetJS to read it. */
function readPlainXlsx(bytes: Uint8Array, opts: Limits): ParsedBook | null {
  const parts = zipParts(bytes, opts.maxUnpackedBytes);
  if (!parts) return null;
  const text = (path: string): string | null => {
    const b = parts.get(path);
    if (!b) return null;
    // The unpacked bytes are not needed once decoded; a 100,000-row sheet is 150 MB of them.
    parts.delete(path);
    // UTF-16 parts exist in theory; SheetJS handles them.
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) throw new Decline();
    return utf8Decoder.decode(b);
  };

  const workbookXml = text('xl/workbook.xml');
  const relsXml = text('xl/_rels/workbook.xml.rels');
  if (!workbookXml || !relsXml || workbookXml.indexOf('<sheets') < 0) return null;
  const rels = new Map<string, { type: string; target: string }>();
  for (const a of startTags(relsXml, 'Relationship')) {
    if (a.get('TargetMode') === 'External') continue;
    rels.set(a.get('Id') ?? '', { type: a.get('Type') ?? '', target: resolvePart('xl/workbook.xml', a.get('Target') ?? '') });
  }
  const relOfType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix));
  // Checked before anything is parsed, and before this reader could decline the file and leave it to SheetJS.
  const sheetTags = [...startTags(workbookXml, 'sheet')];
  refuseSheetCount(sheetTags.length, opts.maxSheets);
  // Excel gives every sheet its own part; sheets sharing one would make any reader parse it again for each.
  const targets = sheetTags.map((a) => rels.get([...a.entries()].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? '')?.target);
  const shared = targets.find((t, i) => t !== undefined && targets.indexOf(t) !== i);
  if (shared !== undefined) throw new ExchangeError('bad-file', 'file.corrupt', {}, `several sheets point at ${shared}`);

  const sstPart = relOfType('/sharedStrings');
  const sstXml = sstPart ? text(sstPart.target) : null;
  const sst = sstXml === null ? [] : parseSharedStrings(sstXml);
  if (!sst) return null;
  const stylesPart = relOfType('/styles');
  const stylesXml = stylesPart ? text(stylesPart.target) : null;
  const dateStyles = stylesXml ? parseCellDateStyles(stylesXml) : [];
  const date1904 = [...startTags(workbookXml, 'workbookPr')].some((a) => /^(1|true)$/i.test(a.get('date1904') ?? ''));
  const preview = opts.previewRows !== undefined && opts.previewRows > 0;
  const limits: SheetParseLimits = { rowLimit: preview ? opts.previewRows! : opts.maxRows + 1 };

  const sheets: ParsedSheet[] = [];
  for (const a of sheetTags) {
    const name = a.get('name');
    const relId = [...a.entries()].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    if (name === undefined || relId === undefined) return null;
    const hidden = /^(hidden|veryHidden)$/.test(a.get('state') ?? '');
    const rel = rels.get(relId);
    if (!rel) return null;
    if (opts.sheet !== undefined && opts.sheet !== name) {
      sheets.push({ name, hidden, skipped: true, used: { rows: 0, columns: 0 }, declaredRows: 0, materialize: () => [] });
      continue;
    }
    if (!rel.type.endsWith('/worksheet')) {
      // Chart sheets and the like hold no cells.
      sheets.push({ name, hidden, skipped: false, used: { rows: 0, columns: 0 }, declaredRows: 0, materialize: () => [] });
      continue;
    }
    const xml = text(rel.target);
    if (xml === null) return null;
    let parsed: ReturnType<typeof parsePlainWorksheet>;
    try {
      parsed = parsePlainWorksheet(xml, sst, dateStyles, date1904, limits);
    } catch (e) {
      if (e instanceof Decline) return null;
      throw e;
    }
    const { rows, used, declaredRows } = parsed;
    sheets.push({ name, hidden, skipped: false, used, declaredRows, materialize: () => rows });
  }
  if (sheets.length === 0) return null;
  return { format: 'xlsx', engine: 'plain-xlsx', sheets, singleSheet: false };
}

/** A sheet as either engine parsed it, before the limits are applied. */
interface ParsedSheet {
  name: string;
  hidden: boolean;
  /** Not parsed because another sheet was asked for. */
  skipped: boolean;
  used: { rows: number; columns: number };
  /** Rows the file declares (xlsx dimension), when the reader stopped before the end. */
  declaredRows: number;
  materialize(): unknown[][];
}

interface ParsedBook {
  format: WorkbookFormat;
  engine: WorkbookContents['engine'];
  encoding?: TextEncoding;
  sheets: ParsedSheet[];
  /** CSV and HTML have one sheet named by the reader: any name reads it. */
  singleSheet: boolean;
}

export function readWorkbook(bytes: Uint8Array, opts: ReadOptions): WorkbookContents {
  if (bytes.length > opts.maxBytes) {
    throw new ExchangeError('too-large', 'file.too-large', { size: round1(bytes.length / MB), limit: round1(opts.maxBytes / MB) });
  }
  if (bytes.length === 0) throw new ExchangeError('empty', 'file.empty');
  const format = sniffFormat(bytes);
  if (format === 'unknown') throw new ExchangeError('bad-file', 'file.unknown-format');
  if (format === 'encrypted-office') throw new ExchangeError('needs-password', 'file.needs-password');
  const unpackedLimit = opts.maxUnpackedBytes ?? Math.min(64 * opts.maxBytes, 1536 * MB);
  const limits: Limits = { ...opts, maxUnpackedBytes: unpackedLimit, maxSheets: opts.maxSheets ?? DEFAULT_MAX_SHEETS };
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
  book ??= readWithSheetJs(bytes, format, limits);
  return assemble(book, limits);
}

const EXCEL_MAX_ROWS = 1_048_576;

/**
 * The entries of a zip read with SheetJS's CFB, by path, all of them together inflating to at most
 * `maxUnpackedBytes`; null when it cannot be read (SheetJS will say why).
 */
function zipParts(bytes: Uint8Array, maxUnpackedBytes: number): Map<string, Uint8Array> | null {
  let zip: CfbContainer & { FileIndex: { content?: Uint8Array; type: number }[] };
  try {
    zip = withInflateBudget(maxUnpackedBytes, () => cfbApi.read(bytes, { type: isNodeBuffer(bytes) ? 'buffer' : 'array' })) as typeof zip;
  } catch (e) {
    if (e instanceof ExchangeError) throw e;
    return null;
  }
  const parts = new Map<string, Uint8Array>();
  zip.FullPaths.forEach((path, i) => {
    const entry = zip.FileIndex[i];
    if (entry?.content && entry.type === 2) parts.set(path.replace(/^Root Entry\//, ''), entry.content);
  });
  return parts;
}

/**
 * ODF compresses runs of equal cells and rows into one element with a repeat count, and SheetJS expands them
 * before any row limit applies: a row of values "repeated" 100,000,000 times hangs it. So the sheet's size is
 * added up here from the counts, before SheetJS sees it. Runs without values are not counted: LibreOffice
 * writes a million empty rows and a thousand empty cells after the data, and SheetJS skips those quickly.
 */
function refuseRepeatedValues(bytes: Uint8Array, opts: Limits): void {
  const content = zipParts(bytes, opts.maxUnpackedBytes)?.get('content.xml');
  if (!content) return;
  const xml = utf8Decoder.decode(content);
  // Lookaheads, not \b: '<table:table' is also how '<table:table-row' begins.
  const tags = /<table:table(?=[\s/>])([^>]*)>|<table:table-row(?=[\s/>])([^>]*)>|<table:(?:covered-)?table-cell(?=[\s/>])([^>]*)>/g;
  const repeat = (attrs: string, name: string): number => {
    const m = new RegExp(`table:${name}="(\\d+)"`).exec(attrs);
    return m ? Number(m[1]) : 1;
  };
  refuseSheetCount(xml.match(/<table:table(?=[\s/>])/g)?.length ?? 0, opts.maxSheets);
  let sheet = '';
  let rows = 0;
  let rowRepeat = 0;
  let columns = 0;
  let rowHasValue = false;
  const endRow = (): void => {
    if (rowHasValue) rows += rowRepeat;
    if (rows > opts.maxRows + 1) throw new ExchangeError('too-large', 'file.too-many-rows', { sheet, limit: opts.maxRows });
    rowRepeat = 0;
  };
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[1] !== undefined) {
      endRow();
      sheet = unescapeXml(/table:name="([^"]*)"/.exec(m[1])?.[1] ?? '');
      rows = 0;
    } else if (m[2] !== undefined) {
      endRow();
      rowRepeat = repeat(m[2], 'number-rows-repeated');
      columns = 0;
      rowHasValue = false;
    } else {
      const attrs = m[3]!;
      const count = repeat(attrs, 'number-columns-repeated');
      // A cell with a value type, or with content (text cells of older writers), holds something.
      if (/office:value-type/.test(attrs) || !attrs.endsWith('/')) {
        rowHasValue = true;
        if (columns + count > opts.maxColumns) {
          throw new ExchangeError('too-large', 'file.too-many-columns', { sheet, columns: columns + count, limit: opts.maxColumns });
        }
      }
      columns += count;
    }
  }
  endRow();
}

function refuseSheetCount(count: number, maxSheets: number): void {
  if (count > maxSheets) throw new ExchangeError('too-large', 'file.too-many-sheets', { count, limit: maxSheets });
}

function refuseImpossibleReferences(bytes: Uint8Array, maxUnpackedBytes: number): void {
  const reference = /\sr\s*=\s*["']([A-Za-z]*)(\d+)["']/g;
  for (const [path, content] of zipParts(bytes, maxUnpackedBytes) ?? []) {
    if (!/\/worksheets\/[^/]+\.xml$/.test(path)) continue;
    const xml = utf8Decoder.decode(content);
    for (let m = reference.exec(xml); m; m = reference.exec(xml)) {
      if (Number(m[2]) > EXCEL_MAX_ROWS || m[1]!.length > 3) {
        throw new ExchangeError('bad-file', 'file.corrupt', {}, `cell reference ${m[1]}${m[2]} in ${path}`);
      }
    }
  }
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

function readWithSheetJs(bytes: Uint8Array, format: WorkbookFormat, opts: Limits): ParsedBook {
  const unpackedLimit = opts.maxUnpackedBytes;
  const preview = opts.previewRows !== undefined && opts.previewRows > 0;
  const rowLimit = preview ? opts.previewRows! : opts.maxRows + 1;
  const parseOpts: XLSX.ParsingOptions = {
    dense: true,
    cellFormula: false,
    cellHTML: false,
    cellText: false,
    cellDates: false,
    // Number formats tell dates from numbers; with cellText off they cost a reference per numeric cell.
    cellNF: true,
    cellStyles: false,
    sheetStubs: false,
    bookVBA: false,
    bookDeps: false,
    bookFiles: false,
    // One row more than allowed, to tell "exactly the limit" from "over it".
    sheetRows: rowLimit,
    WTF: false,
  };
  // SheetJS parses only the sheets asked for (xlsx): one more than allowed is enough to refuse the file.
  parseOpts.sheets = opts.sheet ?? Array.from({ length: opts.maxSheets + 1 }, (_, i) => i);

  let encoding: TextEncoding | undefined;
  let workbook: XLSX.WorkBook;
  try {
    if (format === 'csv' || format === 'html' || format === 'spreadsheetml') {
      const decoded = decodeTextWithEncoding(bytes);
      encoding = decoded.encoding;
      const text = decoded.text;
      if (text.trim() === '') throw new ExchangeError('empty', 'file.empty');
      // raw: CSV cells stay text; the normalisers parse them.
      workbook = XLSX.read(text, { ...parseOpts, type: 'string', raw: true, cellNF: false });
    } else {
      workbook = withInflateBudget(unpackedLimit, () => XLSX.read(bytes, { ...parseOpts, type: isNodeBuffer(bytes) ? 'buffer' : 'array' }));
    }
  } catch (e) {
    throw mapParseError(e, format, bytes, unpackedLimit);
  }

  const date1904 = Boolean((workbook.Workbook?.WBProps as { date1904?: boolean } | undefined)?.date1904);
  const hidden = new Map((workbook.Workbook?.Sheets ?? []).map((s) => [s.name, Boolean(s.Hidden)]));
  const csv = format === 'csv';
  const sheets = workbook.SheetNames.map((name): ParsedSheet => {
    const ws = workbook.Sheets[name] as DenseSheet | undefined;
    const isHidden = hidden.get(name) ?? false;
    if (!ws) return { name, hidden: isHidden, skipped: true, used: { rows: 0, columns: 0 }, declaredRows: 0, materialize: () => [] };
    const data = ws['!data'] ?? [];
    const { beyond, ...used } = usedSize(data, rowLimit);
    const full = ws['!fullref'] ? XLSX.utils.decode_range(ws['!fullref']) : null;
    return {
      name,
      hidden: isHidden,
      skipped: false,
      used,
      // A value past the row limit means more rows than allowed, whatever the range says.
      declaredRows: beyond ? rowLimit : full ? full.e.r + 1 : used.rows,
      materialize() {
        const out: unknown[][] = new Array(used.rows);
        for (let r = 0; r < used.rows; r++) {
          const row = data[r];
          if (!row) {
            out[r] = [];
            continue;
          }
          const values: unknown[] = new Array(row.length);
          for (let c = 0; c < row.length; c++) values[c] = cellValue(row[c], date1904, csv);
          out[r] = values;
        }
        return out;
      },
    };
  });
  return { format, engine: 'sheetjs', ...(encoding ? { encoding } : {}), sheets, singleSheet: csv || format === 'html' };
}
