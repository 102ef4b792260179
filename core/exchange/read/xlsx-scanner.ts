/**
 * The plain-xlsx reader.
 *
 * SheetJS spends about 3 µs per cell on its general XML handling: 12 s for a 100,000 × 47 work list, most of
 * an import. Work lists are plain sheets — shared strings, numbers, a few styles — and for those a scan with
 * indexOf over the sheet XML gives the same cells several times faster. It declines (returns null) anything
 * outside that: prefixed XML, rows out of order, ISO date cells, UTF-16 parts… and SheetJS reads those.
 * Unzipping is SheetJS's (CFB). tests/unit/exchange/read-engines.test.ts holds it to SheetJS's reading.
 */
import * as XLSX from 'xlsx';
import { dateCellText, dateStyleOf, type DateStyle } from './cells';
import type { ByteSource } from './bytes';
import type { ParsedBook, ParsedSheet, SheetScan, UncomputedFormulas } from './contents';
import { columnLetter } from '../../worklist/headers';
import { ExchangeError } from './errors';
import { refuseSheetCount, type Limits } from './limits';
import { utf8Decoder } from './text';
import { isXmlSpace, startTags, tagAttributes, unescapeXml } from './xml';
import { withInflateBudget } from './inflate';
import { entryBytes, entryChunks, inflateAllCounted, zipEntriesByName, zipParts } from './zip';

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
  return sharedStringItems(xml, xml.indexOf('<rPh') >= 0);
}

/**
 * The items of a shared strings table. Its own function, with `phonetic` handed in: computed inside it, a process that
 * had been given one work list cut short then took 7 s instead of 20 ms over the next list's 435,000 characters, every
 * `indexOf` in the loop slow, with V8's optimising compilers on or off (2026-12-08, under vitest, whose read-ahead test
 * took 18 s for it). The cause inside V8 was not found; the app's own bundle, run the same way by hand, did not show it.
 */
function sharedStringItems(xml: string, phonetic: boolean): string[] | null {
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

/** Where a worksheet's scan stands: the last row read and the used range so far. */
interface RowScanState {
  rowIndex: number;
  usedRows: number;
  usedColumns: number;
  /** The row limit was reached: nothing further down is read. */
  stopped: boolean;
  /** Formula cells without a cached value (contents.ts UncomputedFormulas), and where the first is. */
  uncomputed: number;
  firstUncomputed: { row: number; column: number } | null;
}

const scanState = (): RowScanState => ({ rowIndex: -1, usedRows: 0, usedColumns: 0, stopped: false, uncomputed: 0, firstUncomputed: null });

/**
 * A cell with no value (xml[tagEnd, cellEnd) is its content): when it holds a formula, a program wrote it without
 * computing it. It stays empty, and is counted. Called only for cells without a value, off the common path.
 */
function noteUncomputed(xml: string, tagEnd: number, cellEnd: number, state: RowScanState, column: number): void {
  const f = xml.indexOf('<f', tagEnd);
  if (f < 0 || f > cellEnd) return;
  state.uncomputed++;
  state.firstUncomputed ??= { row: state.rowIndex, column };
}

/** What the scan found of formulas without a value, for the sheet's info. */
function uncomputedOf(state: RowScanState): { uncomputedFormulas?: UncomputedFormulas } {
  const first = state.firstUncomputed;
  if (first === null) return {};
  return { uncomputedFormulas: { count: state.uncomputed, cell: `${columnLetter(first.column)}${first.row + 1}`, row: first.row + 1, column: first.column } };
}

/** What a worksheet's cells are read with: shared strings, the date style of each cell format, the date system. */
interface CellContext {
  sst: readonly string[];
  dateStyles: readonly DateStyle[];
  date1904: boolean;
  limits: SheetParseLimits;
}

/** The rows a worksheet declares (its dimension, which stands before sheetData), or 0. */
function declaredRowsOf(xml: string, dataStart: number): number {
  const dimension = xml.lastIndexOf('<dimension', dataStart);
  if (dimension < 0) return 0;
  const ref = tagAttributes(xml, dimension + 10)?.attrs.get('ref');
  const m = ref ? /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/i.exec(ref) : null;
  return m ? Number(m[2] ?? m[1]) : 0;
}

/**
 * The rows that start in xml[from, to), each complete before `to`, handed to `onRow` with their 0-based index. Values
 * come out as the SheetJS reader gives them (sheetjs.ts `cellValue`): numbers (date formats as ISO text), shared and
 * inline strings, booleans, error texts; a cell with no cached value is absent. The one row parser of both ways of
 * reading a sheet: whole (`parsePlainWorksheet`) and streamed (`PlainSheetStream`).
 */
function parseRows(xml: string, from: number, to: number, cx: CellContext, state: RowScanState, onRow: (values: unknown[], index: number) => void): void {
  const { sst, dateStyles, date1904, limits } = cx;
  let p = from;
  for (;;) {
    const r = xml.indexOf('<row', p);
    if (r < 0 || r >= to) break;
    const rowTagEnd = xml.indexOf('>', r);
    if (rowTagEnd < 0 || rowTagEnd > to) throw new Decline();
    const rAttr = /\sr\s*=\s*["'](\d+)["']/.exec(xml.slice(r + 4, rowTagEnd));
    const next = rAttr ? Number(rAttr[1]) - 1 : state.rowIndex + 1;
    if (next <= state.rowIndex) throw new Decline();
    state.rowIndex = next;
    if (state.rowIndex >= limits.rowLimit) {
      state.stopped = true;
      break;
    }
    if (xml.charCodeAt(rowTagEnd - 1) === 47) {
      p = rowTagEnd + 1;
      continue;
    }
    const rowEnd = xml.indexOf('</row>', rowTagEnd);
    if (rowEnd < 0 || rowEnd > to) throw new Decline();

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
        if (v < 0 || v > cellEnd) {
          noteUncomputed(xml, tagEnd, cellEnd, state, col);
          continue;
        }
        const vOpen = xml.indexOf('>', v);
        if (xml.charCodeAt(vOpen - 1) === 47) {
          noteUncomputed(xml, tagEnd, cellEnd, state, col);
          continue;
        }
        const vClose = xml.indexOf('</v>', vOpen);
        if (vClose < 0 || vClose > cellEnd) throw new Decline();
        const raw = xml.slice(vOpen + 1, vClose);
        switch (type) {
          case '':
          case 'n': {
            if (raw === '') {
              noteUncomputed(xml, tagEnd, cellEnd, state, col);
              continue;
            }
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
    if (lastUsedCol >= 0) {
      state.usedRows = state.rowIndex + 1;
      if (lastUsedCol + 1 > state.usedColumns) state.usedColumns = lastUsedCol + 1;
    }
    onRow(values, state.rowIndex);
    p = rowEnd + 6;
  }
}

/** The cells of one worksheet part, read whole. */
function parsePlainWorksheet(xml: string, cx: CellContext): SheetScan & { rows: unknown[][] } {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) throw new Decline();
  const declaredRows = declaredRowsOf(xml, dataStart);
  const rows: unknown[][] = [];
  const dataOpen = xml.indexOf('>', dataStart);
  if (xml.charCodeAt(dataOpen - 1) === 47) return { rows, used: { rows: 0, columns: 0 }, declaredRows };
  const dataEnd = xml.indexOf('</sheetData>', dataOpen);
  if (dataEnd < 0) throw new Decline();
  const state = scanState();
  parseRows(xml, dataOpen + 1, dataEnd, cx, state, (values, index) => {
    while (rows.length < index) rows.push([]);
    rows[index] = values;
  });
  const usedRows = state.usedRows;
  rows.length = usedRows;
  for (let r = 0; r < usedRows; r++) rows[r] ??= [];
  return { rows, used: { rows: usedRows, columns: state.usedColumns }, declaredRows: Math.max(declaredRows, usedRows), ...uncomputedOf(state) };
}

/**
 * A worksheet read as its text arrives (`push`), rows handed out as soon as they are complete, so that only one
 * chunk of the sheet's XML and one row are held at a time (docs/import-memory.md). Throws `Decline` as the whole
 * reader would, possibly after some rows were handed out: the caller starts again with the whole reader.
 */
class PlainSheetStream {
  private buf = '';
  private phase: 'prolog' | 'data' | 'done' = 'prolog';
  private declared = 0;
  private readonly state = scanState();
  constructor(
    private readonly cx: CellContext,
    private readonly onRow: (values: unknown[], index: number) => void,
  ) {}

  /** Whether more text is wanted: false once sheetData has ended or the row limit was reached. */
  get wantsMore(): boolean {
    return this.phase !== 'done' && !this.state.stopped;
  }

  push(text: string, final: boolean): void {
    this.buf = this.buf === '' ? text : this.buf + text;
    if (this.phase === 'prolog') {
      const dataStart = this.buf.indexOf('<sheetData');
      const dataOpen = dataStart < 0 ? -1 : this.buf.indexOf('>', dataStart);
      if (dataOpen < 0) {
        if (final) throw new Decline();
        return;
      }
      this.declared = declaredRowsOf(this.buf, dataStart);
      if (this.buf.charCodeAt(dataOpen - 1) === 47) {
        this.phase = 'done';
        this.buf = '';
        return;
      }
      this.phase = 'data';
      this.buf = this.buf.slice(dataOpen + 1);
    }
    if (this.phase !== 'data') return;
    const dataEnd = this.buf.indexOf('</sheetData>');
    if (dataEnd >= 0) {
      parseRows(this.buf, 0, dataEnd, this.cx, this.state, this.onRow);
      this.phase = 'done';
      this.buf = '';
      return;
    }
    if (final) throw new Decline();
    // Every row that starts before the last '<row' is complete: read those, keep the rest for the next chunk.
    const cut = this.buf.lastIndexOf('<row');
    if (cut <= 0) return;
    parseRows(this.buf, 0, cut, this.cx, this.state, this.onRow);
    this.buf = this.state.stopped ? '' : this.buf.slice(cut);
  }

  result(): SheetScan {
    const usedRows = this.state.usedRows;
    return { used: { rows: usedRows, columns: this.state.usedColumns }, declaredRows: Math.max(this.declared, usedRows), ...uncomputedOf(this.state) };
  }
}

/** A plain workbook's sheets (part: the worksheet part, null for chart sheets and the like) and how its cells read. */
interface PlainBook {
  sheets: { name: string; hidden: boolean; part: string | null }[];
  cx: CellContext;
}

/**
 * The workbook, relationships, shared strings and styles of a plain xlsx file, read through `text` (a part's text by
 * path, null when missing); null for a file this reader leaves to SheetJS. Throws `Decline` likewise.
 */
function openPlainBook(text: (path: string) => string | null, opts: Limits): PlainBook | null {
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

  const sheets: PlainBook['sheets'] = [];
  for (const a of sheetTags) {
    const name = a.get('name');
    const relId = [...a.entries()].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    if (name === undefined || relId === undefined) return null;
    const rel = rels.get(relId);
    if (!rel) return null;
    // Chart sheets and the like hold no cells.
    sheets.push({ name, hidden: /^(hidden|veryHidden)$/.test(a.get('state') ?? ''), part: rel.type.endsWith('/worksheet') ? rel.target : null });
  }
  if (sheets.length === 0) return null;
  return { sheets, cx: { sst, dateStyles, date1904, limits } };
}

const isUtf16 = (b: Uint8Array): boolean => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

/** Reads a plain xlsx file, or returns null for SheetJS to read it. */
export function readPlainXlsx(bytes: Uint8Array, opts: Limits): ParsedBook | null {
  const parts = zipParts(bytes, opts.maxUnpackedBytes);
  if (!parts) return null;
  const text = (path: string): string | null => {
    const b = parts.get(path);
    if (!b) return null;
    // The unpacked bytes are not needed once decoded; a 100,000-row sheet is 150 MB of them.
    parts.delete(path);
    // UTF-16 parts exist in theory; SheetJS handles them.
    if (isUtf16(b)) throw new Decline();
    return utf8Decoder.decode(b);
  };
  const book = openPlainBook(text, opts);
  if (!book) return null;
  const sheets: ParsedSheet[] = [];
  for (const { name, hidden, part } of book.sheets) {
    if (opts.sheet !== undefined && opts.sheet !== name) {
      sheets.push({ name, hidden, skipped: true, used: { rows: 0, columns: 0 }, declaredRows: 0, materialize: () => [] });
      continue;
    }
    if (part === null) {
      sheets.push({ name, hidden, skipped: false, used: { rows: 0, columns: 0 }, declaredRows: 0, materialize: () => [] });
      continue;
    }
    const xml = text(part);
    if (xml === null) return null;
    let parsed: ReturnType<typeof parsePlainWorksheet>;
    try {
      parsed = parsePlainWorksheet(xml, book.cx);
    } catch (e) {
      if (e instanceof Decline) return null;
      throw e;
    }
    const { rows, ...scan } = parsed;
    sheets.push({ name, hidden, skipped: false, ...scan, materialize: () => rows });
  }
  return { format: 'xlsx', engine: 'plain-xlsx', sheets, singleSheet: false };
}

/** A plain xlsx file opened for streaming: its sheets, each read row by row on demand (`scan`). */
export interface PlainXlsxStream {
  sheets: { name: string; hidden: boolean }[];
  /**
   * Reads one sheet from the start, handing each row to `onRow` as it is read (rows the file leaves out are not
   * handed out); null when the sheet turns out to be one this reader leaves to SheetJS (rows may have been handed
   * out by then). At most maxRows + 1 rows are read, as by the whole reader.
   */
  scan(name: string, onRow: (values: unknown[], index: number) => void): SheetScan | null;
}

/**
 * Opens a plain xlsx file for streaming, or returns null for the whole reader (and SheetJS) to read it. The small
 * parts (workbook, relationships, shared strings, styles) are read whole; a worksheet is inflated a chunk at a
 * time as `scan` reads it (`entryChunks`), so its XML is never held whole.
 */
export function openPlainXlsxStream(bytes: ByteSource, opts: Limits): PlainXlsxStream | null {
  const entries = zipEntriesByName(bytes);
  if (!entries) return null;
  try {
    inflateAllCounted(bytes, entries.values(), opts.maxUnpackedBytes);
  } catch (e) {
    if (e instanceof ExchangeError) throw e;
    return null;
  }
  const text = (path: string): string | null => {
    const entry = entries.get(path);
    if (!entry) return null;
    const b = withInflateBudget(opts.maxUnpackedBytes, () => entryBytes(bytes, entry));
    if (isUtf16(b)) throw new Decline();
    return utf8Decoder.decode(b);
  };
  let book: PlainBook | null;
  try {
    book = openPlainBook(text, opts);
  } catch (e) {
    if (e instanceof Decline) return null;
    throw e;
  }
  if (!book) return null;
  const { cx } = book;
  const parts = new Map(book.sheets.map((s) => [s.name, s.part]));
  // Every worksheet part must be there before anything is streamed, as the whole reader checks it up front.
  if (book.sheets.some((s) => s.part !== null && (opts.sheet === undefined || opts.sheet === s.name) && !entries.has(s.part))) return null;
  return {
    sheets: book.sheets.map(({ name, hidden }) => ({ name, hidden })),
    scan(name, onRow) {
      const part = parts.get(name);
      if (part === undefined) return null;
      if (part === null) return { used: { rows: 0, columns: 0 }, declaredRows: 0 };
      const entry = entries.get(part)!;
      const stream = new PlainSheetStream(cx, onRow);
      try {
        withInflateBudget(opts.maxUnpackedBytes, () => {
          const decoder = new TextDecoder('utf-8');
          let first = true;
          for (const chunk of entryChunks(bytes, entry)) {
            if (first && chunk.length > 0) {
              if (isUtf16(chunk)) throw new Decline();
              first = false;
            }
            stream.push(decoder.decode(chunk, { stream: true }), false);
            if (!stream.wantsMore) return;
          }
          stream.push(decoder.decode(), true);
        });
      } catch (e) {
        if (e instanceof Decline) return null;
        throw e;
      }
      return stream.result();
    },
  };
}
