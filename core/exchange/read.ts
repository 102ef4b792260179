/**
 * Reads work-list workbooks from bytes: .xlsx, .xls (BIFF8, and the BIFF5/2–4 files old tools still write),
 * .ods, CSV in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, and the HTML tables and SpreadsheetML
 * 2003 XML that report tools save under an .xls name. Every failure is an `ExchangeError` with a message
 * code; nothing a file contains can crash the caller or make it hang on a structure we can check first.
 *
 * What is checked before SheetJS sees the bytes:
 *  - the file size (`maxBytes`);
 *  - for zip-based files (xlsx, ods), the central directory: a file cut short has none (→ 'truncated'),
 *    entries must lie inside the file, and the declared unpacked sizes (central and local headers, the larger
 *    of the two) must add up to at most `maxUnpackedBytes` (→ 'too-large'). SheetJS's JavaScript inflater
 *    stops at the declared size, so a lying zip cannot fill memory that way; with Node's zlib, use
 *    `limitInflate` so a stream that unpacks past the limit is cut off too;
 *  - encrypted Office files (→ 'needs-password').
 * After parsing, the sheet's range is checked against `maxRows` and `maxColumns` before any row is
 * materialised, and SheetJS itself stops reading a sheet after maxRows + 1 rows (`sheetRows`).
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

function zipKind(b: Uint8Array, names: readonly string[]): WorkbookFormat {
  if (names.includes('mimetype')) {
    // ODF stores 'mimetype' first and uncompressed, so its text follows its local header.
    const nameLen = u16(b, 26);
    const extraLen = u16(b, 28);
    const mime = ascii(b, 30 + nameLen + extraLen, 30 + nameLen + extraLen + 80);
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
    let names: string[];
    try {
      names = readZipDirectory(bytes).map((e) => e.name);
    } catch {
      names = localEntryNames(bytes);
    }
    return zipKind(bytes, names);
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
export function detectTextEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function decodeText(bytes: Uint8Array): string {
  const encoding = detectTextEncoding(bytes);
  // The decoder drops a BOM of its own encoding (ignoreBOM is false by default).
  return new TextDecoder(encoding).decode(bytes);
}

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
  /** Largest total unpacked size of a zip-based file. Default: 64 × maxBytes, at most 1.5 GB. */
  maxUnpackedBytes?: number;
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
  /** Text encoding for CSV and HTML files. */
  encoding?: TextEncoding;
  sheets: SheetInfo[];
  /**
   * The sheet's rows from row 1 and column A, whatever the used range (so index + 1 is the row number Excel
   * shows, and a cell's index its column). Empty rows are empty arrays; cells after a row's last value are
   * absent. Built on each call: keep the result rather than calling twice.
   */
  rows(sheetName: string): unknown[][];
}

const MB = 1024 * 1024;
const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Lets Node's zlib (see write.ts `enableNativeZlib`) stop inflating any single zip entry at `maxOutputBytes`,
 * which SheetJS cannot: its native path inflates a whole entry whatever the header declared. Pass the result
 * instead of the zlib module: `enableNativeZlib(limitInflate(zlib, 1 << 30))`.
 */
export function limitInflate<Z extends { InflateRaw: new (opts?: object) => object }>(zlib: Z, maxOutputBytes: number): Z {
  const Base = zlib.InflateRaw;
  class LimitedInflateRaw extends Base {
    constructor(opts?: object) {
      super({ ...opts, maxOutputLength: maxOutputBytes });
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
    // Drop quoted literals, [colour]/[locale] sections and escaped characters before looking for tokens.
    const tokens = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
    const hasDate = /[yd]|m{3,}|(?<![hs:]\s*)m(?!\s*:)|[年月日]|e/.test(tokens);
    const hasTime = /[hs]|am\/pm|a\/p|上午|下午/.test(tokens);
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

/** The used size of a dense sheet: last row and column holding a value (cells with no value do not count). */
function usedSize(data: readonly (Cell[] | undefined)[]): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= 0; c--) {
      const cell = row[c];
      if (cell !== undefined && cell.t !== 'z' && !(cell.t === 's' && cell.v === '')) {
        rows = r + 1;
        if (c + 1 > columns) columns = c + 1;
        break;
      }
    }
  }
  return { rows, columns };
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
  if (format === 'xlsx' || format === 'ods') checkZip(bytes, unpackedLimit);

  const preview = opts.previewRows !== undefined && opts.previewRows > 0;
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
    sheetRows: preview ? opts.previewRows! : opts.maxRows + 1,
    WTF: false,
  };
  if (opts.sheet !== undefined) parseOpts.sheets = opts.sheet;

  let encoding: TextEncoding | undefined;
  let workbook: XLSX.WorkBook;
  try {
    if (format === 'csv' || format === 'html' || format === 'spreadsheetml') {
      encoding = detectTextEncoding(bytes);
      const text = new TextDecoder(encoding).decode(bytes);
      if (text.trim() === '') throw new ExchangeError('empty', 'file.empty');
      // raw: CSV cells stay text; the normalisers parse them.
      workbook = XLSX.read(text, { ...parseOpts, type: 'string', raw: true, cellNF: false });
    } else {
      workbook = XLSX.read(bytes, { ...parseOpts, type: isNodeBuffer(bytes) ? 'buffer' : 'array' });
    }
  } catch (e) {
    throw mapParseError(e, format, bytes, unpackedLimit);
  }

  const date1904 = Boolean((workbook.Workbook?.WBProps as { date1904?: boolean } | undefined)?.date1904);
  const hidden = new Map((workbook.Workbook?.Sheets ?? []).map((s) => [s.name, Boolean(s.Hidden)]));
  const csv = format === 'csv';

  const sheets: SheetInfo[] = [];
  const sizes = new Map<string, { rows: number; columns: number }>();
  for (const name of workbook.SheetNames) {
    const ws = workbook.Sheets[name] as DenseSheet | undefined;
    if (!ws) {
      sheets.push({ name, rowCount: -1, columnCount: -1, hidden: hidden.get(name) ?? false });
      continue;
    }
    const data = ws['!data'] ?? [];
    const used = usedSize(data);
    // The declared range of the whole sheet, when SheetJS stopped early (sheetRows) and the format says it.
    const full = ws['!fullref'] ? XLSX.utils.decode_range(ws['!fullref']) : null;
    const declaredRows = full ? full.e.r + 1 : used.rows;
    // SheetJS stopped after maxRows + 1 rows: the declared range is all that tells of rows further down, and
    // refusing is the only way not to drop them silently.
    if (!preview && (used.rows > opts.maxRows || declaredRows > opts.maxRows)) {
      throw new ExchangeError('too-large', 'file.too-many-rows', { sheet: name, limit: opts.maxRows });
    }
    if (used.columns > opts.maxColumns) {
      throw new ExchangeError('too-large', 'file.too-many-columns', { sheet: name, columns: used.columns, limit: opts.maxColumns });
    }
    sizes.set(name, used);
    sheets.push({
      name,
      rowCount: preview ? Math.max(used.rows, declaredRows) : used.rows,
      columnCount: used.columns,
      hidden: hidden.get(name) ?? false,
    });
  }

  if (opts.sheet !== undefined && !workbook.SheetNames.includes(opts.sheet)) {
    throw new ExchangeError('bad-file', 'file.sheet-missing', { sheet: opts.sheet });
  }
  const readable = sheets.filter((s) => s.rowCount > 0);
  if (readable.length === 0) {
    throw opts.sheet !== undefined ? new ExchangeError('empty', 'file.sheet-empty', { sheet: opts.sheet }) : new ExchangeError('empty', 'file.empty');
  }

  return {
    format,
    ...(encoding ? { encoding } : {}),
    sheets,
    rows(sheetName: string): unknown[][] {
      // CSV and HTML have a single sheet; its name is SheetJS's, so any name reads it.
      const name = workbook.SheetNames.length === 1 && (csv || format === 'html') ? workbook.SheetNames[0]! : sheetName;
      const ws = workbook.Sheets[name] as DenseSheet | undefined;
      if (!ws) throw new ExchangeError('bad-file', 'file.sheet-missing', { sheet: sheetName });
      const data = ws['!data'] ?? [];
      const rowCount = sizes.get(name)?.rows ?? 0;
      const out: unknown[][] = new Array(rowCount);
      for (let r = 0; r < rowCount; r++) {
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
}
