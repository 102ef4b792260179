/**
 * The limits of a read (`ReadOptions`), and the checks that refuse a file before SheetJS would spend unbounded
 * time or memory on it: the sheet count, ODF repeat counts, and xlsx cell references far beyond Excel's grid.
 */
import { ExchangeError, MB } from './errors';
import { utf8Decoder } from './text';
import { unescapeXml } from './xml';
import { zipParts } from './zip';

export interface ReadOptions {
  /** Largest file accepted, in bytes; for a plain xlsx read as a stream, `maxStreamedBytes` when that is larger. */
  maxBytes: number;
  /**
   * Largest plain xlsx read as a stream (`openWorkbookRows`), whose rows are never held: a county's million customers in
   * one 47-column file is ~285 MB (docs/import-memory.md "Limits"). A file only the whole readers can read (xls, ods,
   * csv, an xlsx the scanner gives up on) keeps `maxBytes`, and is refused before it is read whole. Default: maxBytes.
   */
  maxStreamedBytes?: number;
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
   * 'auto' (default) reads plain xlsx sheets and ods with our own readers (xlsx-scanner.ts, ods-scanner.ts) and
   * everything else with SheetJS; 'sheetjs' always uses SheetJS (for comparison, or should ours ever misread a file).
   */
  engine?: 'auto' | 'sheetjs';
}

export const DEFAULT_MAX_SHEETS = 100;

/** ReadOptions with every limit decided. */
export type Limits = ReadOptions & { maxUnpackedBytes: number; maxSheets: number };

/** The limits `opts` leaves open, decided. */
export function decideLimits(opts: ReadOptions): Limits {
  return { ...opts, maxUnpackedBytes: opts.maxUnpackedBytes ?? Math.min(64 * opts.maxBytes, 1536 * MB), maxSheets: opts.maxSheets ?? DEFAULT_MAX_SHEETS };
}

/**
 * The limits of a plain xlsx read as a stream: the file up to `maxStreamedBytes`, and its unpacked size up to 64 × that,
 * at most `STREAMED_UNPACKED_CAP`. Streamed, the unpacked bytes are inflated a chunk at a time and dropped, so they bound
 * the time a read takes, not its memory (the shared strings, held, are within it and counted by `memoryToRead`).
 */
export function decideStreamedLimits(opts: ReadOptions): Limits {
  const maxBytes = Math.max(opts.maxBytes, opts.maxStreamedBytes ?? 0);
  if (maxBytes === opts.maxBytes) return decideLimits(opts);
  return decideLimits({ ...opts, maxBytes, maxUnpackedBytes: opts.maxUnpackedBytes ?? Math.min(64 * maxBytes, STREAMED_UNPACKED_CAP) });
}
/** A million rows × 47 columns is 1.5 GB of sheet XML; 6 GB leaves room for wider sheets and takes ~1 minute to scan. */
const STREAMED_UNPACKED_CAP = 6 * 1024 * MB;

const EXCEL_MAX_ROWS = 1_048_576;

/**
 * ODF compresses runs of equal cells and rows into one element with a repeat count, and SheetJS expands them
 * before any row limit applies: a row of values "repeated" 100,000,000 times hangs it. So the sheet's size is
 * added up here from the counts, before SheetJS sees it. Runs without values are not counted: LibreOffice
 * writes a million empty rows and a thousand empty cells after the data, and SheetJS skips those quickly.
 */
export function refuseRepeatedValues(bytes: Uint8Array, opts: Limits): void {
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

export function refuseSheetCount(count: number, maxSheets: number): void {
  if (count > maxSheets) throw new ExchangeError('too-large', 'file.too-many-sheets', { count, limit: maxSheets });
}

export function refuseImpossibleReferences(bytes: Uint8Array, maxUnpackedBytes: number): void {
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
