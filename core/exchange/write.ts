/**
 * Writes workbooks (outcome files, weekly reports, demo work lists) from plain rows.
 *
 * The sheet XML is generated here and SheetJS packages it (its zip writer; with Node's zlib once the Node
 * side has called `enableNativeZlib`). Building SheetJS cell objects and calling XLSX.write took about eight
 * times as long and twice the memory for a 100,000 × 47 work list, and the weekly workbook (docs/product.md §10:
 * 100,000 tasks and 300,000 attempts in ≤ 5 s) could not have met its target that way. Writing the XML here
 * also puts the formula-injection rule of docs/product.md §8 in one obvious place: every string becomes a
 * shared-string cell, so text is never a formula whatever it starts with.
 */
import * as XLSX from 'xlsx';

export type CellValue = string | number | null;

export interface SheetSpec {
  name: string;
  header: readonly string[];
  rows: Iterable<readonly (CellValue | undefined)[]>;
  /**
   * Columns whose 'YYYY-MM-DD' and local 'YYYY-MM-DD HH:MM[:SS]' strings become real date (and time) cells in
   * xlsx, formatted 'yyyy-mm-dd' and 'yyyy-mm-dd hh:mm:ss' unless `numberFormats` names another (CSV keeps the
   * text). Give local wall-clock text: a spreadsheet's dates have no time zone.
   */
  dateColumns?: readonly number[];
  /** Excel number formats per column index, e.g. '0.0%' for rates, '#,##0.00' for money (xlsx only). */
  numberFormats?: Readonly<Record<number, string>>;
  /** Column widths in characters (never narrower than the header); by default estimated from the header and the first rows. */
  widths?: readonly number[];
  /**
   * Columns formatted as text (xlsx only), so that a long digit string someone types or pastes into a blank
   * template — a phone or identity number — stays text instead of becoming 1.38E+10 (issue 18 #6).
   */
  textColumns?: readonly number[];
  /**
   * Columns whose text wraps within the column's width, aligned to the top (xlsx only): long definitions on a notes
   * sheet read as a paragraph in a column of bounded width instead of one line running off the page.
   */
  wrapColumns?: readonly number[];
  /** Keep the header row in view while scrolling (xlsx only). Default true. */
  freezeHeader?: boolean;
  /** Put filter buttons on the header row (xlsx only). Default false. */
  autoFilter?: boolean;
  /**
   * Print set-up (xlsx only): landscape, one page wide (as many pages down as it takes), the header row repeated
   * on every page. Default true; a sheet of a few notes may turn it off.
   */
  print?: boolean;
  /**
   * Total rows (合计, issue 18 #1) written after the data in bold, outside the filter's range so that sorting or
   * filtering the data leaves them last and whole (xlsx; CSV writes them as plain rows).
   */
  totalRows?: readonly (readonly (CellValue | undefined)[])[];
  /**
   * Lines of text after the totals, each in column A, in a plain style and not measured for the column's width (a
   * note overflows into the empty cells beside it). CSV writes them as one-cell rows.
   */
  footnotes?: readonly string[];
}

export type BookType = 'xlsx' | 'csv';

/** The part of Node's zlib module SheetJS uses (typed here because core cannot see Node's types). */
export interface ZlibModule {
  InflateRaw: new () => object;
  deflateRawSync(data: Uint8Array, options?: { level?: number }): Uint8Array;
}

/**
 * Lets SheetJS use Node's zlib for zip deflate and inflate, for writing and reading alike. Without it SheetJS
 * falls back to JavaScript: reading is slower and written files are 2–3× bigger (its deflate is basic).
 * Core cannot import node:zlib, so the Node side passes the module in once at start-up.
 *
 * Level 1 by default: on a 150 MB sheet it takes half the time of the default level 6 for files ~25% larger,
 * and these files are written while someone waits.
 */
export function enableNativeZlib(zlib: ZlibModule, opts: { level?: number } = {}): void {
  const level = opts.level ?? 1;
  // SheetJS reads `bytesRead`, which Node deprecated (with a warning on every start) in favour of the
  // identical `bytesWritten`.
  class InflateRaw extends zlib.InflateRaw {
    get bytesRead(): number {
      return (this as unknown as { bytesWritten: number }).bytesWritten;
    }
  }
  const adapted = { InflateRaw, deflateRawSync: (data: Uint8Array) => zlib.deflateRawSync(data, { level }) };
  (XLSX.CFB as { utils: { use_zlib(z: unknown): void } }).utils.use_zlib(adapted);
}

/** Excel's limits; SheetJS and Excel refuse or truncate beyond them, so fail (rows) or trim (text) here. */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const MAX_CELL_TEXT = 32_767;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Excel serial of 1970-01-01 in the 1900 date system (valid for every date after February 1900). */
const EXCEL_EPOCH_OFFSET = 25_569;

/**
 * Characters that make a spreadsheet treat text as a formula. In xlsx a text cell is inert whatever it starts
 * with; CSV has no types, so such text gets the apostrophe prefix that Excel and WPS read as "this is text"
 * (OWASP's CSV-injection advice). An importer reading our own CSV files should drop an apostrophe that
 * stands in front of one of these characters.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
export const needsFormulaGuard = (text: string): boolean => text.length > 0 && FORMULA_TRIGGERS.has(text[0]!);

const clampText = (text: string): string => (text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT - 1) + '…' : text);

export function writeWorkbook(sheets: readonly SheetSpec[], bookType: BookType): Uint8Array {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  for (const s of sheets) if (s.header.length > MAX_COLS) throw new Error(`sheet "${s.name}" has more than ${MAX_COLS} columns`);
  if (bookType === 'csv') {
    if (sheets.length > 1) throw new Error('a CSV file holds one sheet; write the others as separate files or use xlsx');
    return writeCsv(sheets[0]!);
  }
  return writeXlsx(sheets);
}

/* ------------------------------------------------------------------------------------------------ */
/* Byte output                                                                                       */

/** UTF-8 output built in one growing buffer: a single JS string for a 100,000-row sheet would be ~300 MB. */
class ByteSink {
  private buffer = new Uint8Array(1 << 20);
  private length = 0;
  private readonly encoder = new TextEncoder();

  /** Encodes straight into a growing buffer: no intermediate joined strings for the collector to chase. */
  push(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.length + s.length * 3 > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + s.length * 3));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.length += this.encoder.encodeInto(s, this.buffer.subarray(this.length)).written;
  }

  get size(): number {
    return this.length;
  }

  /** Replaces ASCII text written earlier with ASCII text of the same length. */
  overwrite(at: number, ascii: string): void {
    for (let i = 0; i < ascii.length; i++) this.buffer[at + i] = ascii.charCodeAt(i);
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* CSV                                                                                               */

/**
 * Digit strings a spreadsheet would turn into a number and damage: 12 digits or more (an 18-digit identity number
 * becomes 3.6E+17 and loses its last three digits; Excel keeps 15 significant digits) and any with a leading zero
 * (an area code, a customer code).
 */
const DAMAGED_AS_NUMBER = /^(?:\d{12,}|0\d+)$/;

/**
 * A CSV field. Formula-looking text gets an apostrophe (docs/product.md §8). Long digit strings are written after a
 * tab, quoted ("\t110105199001011232"): Excel, WPS and LibreOffice then keep the cell as text, showing the digits
 * whole, and our reader and every normaliser trim the tab. A formula (="…") would also keep them but is never
 * written (issue 18 #6; docs/reports.md "Long digit strings in CSV").
 */
function csvField(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let text = clampText(v);
  if (needsFormulaGuard(text)) text = `'${text}`;
  else if (DAMAGED_AS_NUMBER.test(text)) return `"\t${text}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with BOM (without it Excel on Chinese Windows reads the bytes as GBK) and CRLF, as Excel writes. */
function writeCsv(spec: SheetSpec): Uint8Array {
  const out = new ByteSink();
  const cols = spec.header.length;
  out.push('\ufeff' + spec.header.map(csvField).join(',') + '\r\n');
  const line = (values: readonly (CellValue | undefined)[]) => {
    let text = '';
    for (let c = 0; c < cols; c++) text += (c === 0 ? '' : ',') + csvField(values[c]);
    out.push(text + '\r\n');
  };
  for (const values of spec.rows) line(values);
  for (const values of spec.totalRows ?? []) line(values);
  for (const note of spec.footnotes ?? []) line([note]);
  return out.bytes().slice(); // a copy of the exact size, so the spare capacity can be collected
}

/* ------------------------------------------------------------------------------------------------ */
/* XLSX                                                                                              */

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * XML 1.0 cannot carry most control characters or lone surrogates at all, and a parser turns CR into LF;
 * OOXML writes such characters as _xHHHH_ (Excel writes CR as _x000D_), so a literal "_x0041_" in the data
 * must itself be escaped (as _x005F_x0041_) to survive.
 */
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b-\u001f\ud800-\udfff]|_x[0-9a-fA-F]{4}_/;
function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * How wide a number shows under its format, in characters: a rate 0.41666 under '0.0%' shows as "41.7%", not
 * as its 16 digits (issue 18: a percentage column was 22 characters wide). Formats other than the few the
 * writers use fall back to Excel's General, which shows at most 11 characters.
 */
function numberDisplayWidth(v: number, format: string | undefined): number {
  if (format === undefined || format === 'General') {
    const text = String(v);
    return Number.isInteger(v) ? text.length : Math.min(text.length, 11);
  }
  if (format === DATE_FORMAT) return 10;
  if (format === DATE_TIME_FORMAT) return 19;
  const decimals = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
  const percent = format.includes('%');
  let text = (percent ? v * 100 : v).toFixed(decimals);
  if (format.includes('#,##')) text = text.replace(/^(-?\d+)/, (d) => d.replace(/\B(?=(\d{3})+$)/g, ','));
  return text.length + (percent ? 1 : 0);
}

/** Display width in "characters": CJK and other wide glyphs count double, as they render. */
function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += text.charCodeAt(i) >= 0x2e80 ? 2 : 1;
  return w;
}

function sheetNames(specs: readonly SheetSpec[]): string[] {
  const taken = new Set<string>();
  return specs.map((s) => {
    // Excel forbids these characters and names over 31 characters; names are unique ignoring case.
    const base = s.name.replace(/[\\/?*:[\]\u0000-\u001f]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Marks a bold style's key in `WorkbookParts.styles` (no number format starts with a control character). */
const BOLD = '\u0001';
/** The key of the wrapped-text style (general format, text wrapped, aligned to the top). */
const WRAP = '\u0002';

/** Shared strings and number formats are workbook-wide; both are collected while the sheets are written. */
class WorkbookParts {
  readonly strings = new Map<string, number>();
  stringRefs = 0;
  /**
   * Style index per number format (key: the format) and per bold number format (key: BOLD + the format), and the
   * wrapped-text style (key: WRAP); style 0 is the default, 1 the bold header (and bold text).
   */
  readonly styles = new Map<string, number>();

  stringIndex(text: string): number {
    this.stringRefs++;
    let i = this.strings.get(text);
    if (i === undefined) {
      i = this.strings.size;
      this.strings.set(text, i);
    }
    return i;
  }

  styleFor(format: string, bold = false): number {
    const key = bold ? BOLD + format : format;
    let s = this.styles.get(key);
    if (s === undefined) {
      s = this.styles.size + 2;
      this.styles.set(key, s);
    }
    return s;
  }

  sharedStringsXml(): Uint8Array {
    const out = new ByteSink();
    out.push(`${XML_DECL}<sst xmlns="${NS_MAIN}" count="${this.stringRefs}" uniqueCount="${this.strings.size}">`);
    for (const text of this.strings.keys()) {
      // Without xml:space="preserve" readers drop leading and trailing blanks.
      out.push(/^\s|\s$/.test(text) ? `<si><t xml:space="preserve">${escapeXml(text)}</t></si>` : `<si><t>${escapeXml(text)}</t></si>`);
    }
    out.push('</sst>');
    return out.bytes();
  }

  stylesXml(): string {
    const keys = [...this.styles.keys()];
    // One numFmt per distinct format, shared by its plain and bold styles.
    const formatIds = new Map<string, number>();
    for (const k of keys) {
      if (k === WRAP) continue;
      const f = k.startsWith(BOLD) ? k.slice(BOLD.length) : k;
      if (!formatIds.has(f)) formatIds.set(f, 164 + formatIds.size);
    }
    const numFmts = formatIds.size
      ? `<numFmts count="${formatIds.size}">${[...formatIds].map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(f)}"/>`).join('')}</numFmts>`
      : '';
    const xfs = [
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
      ...keys.map((k) => {
        if (k === WRAP) return '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>';
        const bold = k.startsWith(BOLD);
        const id = formatIds.get(bold ? k.slice(BOLD.length) : k)!;
        return `<xf numFmtId="${id}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${bold ? ' applyFont="1"' : ''}/>`;
      }),
    ];
    return (
      `${XML_DECL}<styleSheet xmlns="${NS_MAIN}">${numFmts}` +
      '<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>' +
      '<font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    );
  }
}

interface WrittenSheet {
  xml: Uint8Array;
  /** A1 range of the header and data (not the totals below them), for the filter's defined name. */
  ref: string;
}

/** Room for the longest range ("A1:XFD1048576"); the dimension is patched in once the row count is known. */
const DIMENSION_SLOT = '<dimension ref="A1:A1"/>'.padEnd(40, ' ');
const WIDTH_SAMPLE_ROWS = 200;

function writeSheetXml(spec: SheetSpec, parts: WorkbookParts, selected: boolean): WrittenSheet {
  const cols = spec.header.length;
  const colNames = Array.from({ length: Math.max(cols, 1) }, (_, i) => columnName(i));
  const isDate = new Uint8Array(cols);
  for (const c of spec.dateColumns ?? []) if (c >= 0 && c < cols) isDate[c] = 1;
  const numberStyle: string[] = new Array(cols).fill('');
  const dateStyle: string[] = new Array(cols).fill('');
  const dateTimeStyle: string[] = new Array(cols).fill('');
  for (let c = 0; c < cols; c++) {
    const z = spec.numberFormats?.[c];
    if (z !== undefined) numberStyle[c] = ` s="${parts.styleFor(z)}"`;
    if (isDate[c] === 1) {
      dateStyle[c] = ` s="${parts.styleFor(z ?? DATE_FORMAT)}"`;
      dateTimeStyle[c] = ` s="${parts.styleFor(z ?? DATE_TIME_FORMAT)}"`;
    }
  }

  const textStyle = new Map((spec.textColumns ?? []).filter((c) => c >= 0 && c < cols).map((c) => [c, parts.styleFor('@')]));
  const wrapped = new Uint8Array(cols);
  for (const c of spec.wrapColumns ?? []) if (c >= 0 && c < cols) wrapped[c] = 1;
  const wrapStyle = spec.wrapColumns?.length ? ` s="${parts.styleFor(WRAP)}"` : '';
  // Total rows: the same formats in bold; a cell with no format is bold general (style 1, as the header).
  const totalRows = spec.totalRows ?? [];
  const boldNumberStyle: string[] = new Array(cols).fill(' s="1"');
  const boldDateStyle: string[] = new Array(cols).fill(' s="1"');
  const boldDateTimeStyle: string[] = new Array(cols).fill(' s="1"');
  if (totalRows.length > 0) {
    for (let c = 0; c < cols; c++) {
      const z = spec.numberFormats?.[c];
      if (z !== undefined) boldNumberStyle[c] = ` s="${parts.styleFor(z, true)}"`;
      if (isDate[c] === 1) {
        boldDateStyle[c] = ` s="${parts.styleFor(z ?? DATE_FORMAT, true)}"`;
        boldDateTimeStyle[c] = ` s="${parts.styleFor(z ?? DATE_TIME_FORMAT, true)}"`;
      }
    }
  }

  // Column widths come before the data in the XML, so the first rows are read ahead to measure them
  // (copied, in case the caller's iterator reuses its row array).
  const rowIterator = spec.rows[Symbol.iterator]();
  const firstRows: (CellValue | undefined)[][] = [];
  while (firstRows.length < WIDTH_SAMPLE_ROWS) {
    const next = rowIterator.next();
    if (next.done) break;
    firstRows.push([...next.value]);
  }
  // An explicit width never clips its header (issue 18: the plans catalogue's headers were cut); with a filter, its
  // button sits over the header's right end and takes about three characters (停机 in a column of 6 was hidden).
  const headerWidth = (h: string) => displayWidth(h) + (spec.autoFilter ? 3 : 0);
  let widths = spec.widths?.slice(0, cols).map((w, c) => Math.max(w, headerWidth(spec.header[c] ?? '')));
  if (!widths) {
    widths = spec.header.map(headerWidth);
    for (const values of [...firstRows, ...totalRows]) {
      for (let c = 0; c < cols; c++) {
        const v = values[c];
        if (v === null || v === undefined) continue;
        let w: number;
        if (typeof v === 'number') w = numberDisplayWidth(v, spec.numberFormats?.[c]);
        else if (isDate[c] === 1 && DATE_RE.test(v)) w = v.length > 10 ? 19 : 10;
        else w = displayWidth(v);
        widths[c] = Math.max(widths[c]!, w);
      }
    }
  }

  const out = new ByteSink();
  out.push(`${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  const print = spec.print !== false;
  if (print) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  const dimensionAt = out.size;
  out.push(DIMENSION_SLOT);
  out.push(
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
      (spec.freezeHeader !== false
        ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        : '') +
      '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
      (widths.length
        ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(60, Math.max(6, w + 2))}"${textStyle.has(i) ? ` style="${textStyle.get(i)}"` : ''} customWidth="1"/>`).join('')}</cols>`
        : '') +
      '<sheetData>',
  );

  let headerXml = '<row r="1">';
  for (let c = 0; c < cols; c++) headerXml += `<c r="${colNames[c]}1" s="1" t="s"><v>${parts.stringIndex(clampText(spec.header[c]!))}</v></c>`;
  out.push(headerXml + '</row>');

  let r = 1;
  const writeRow = (values: readonly (CellValue | undefined)[], bold = false): void => {
    r++;
    const numberStyles = bold ? boldNumberStyle : numberStyle;
    if (r > MAX_ROWS) throw new Error(`sheet "${spec.name}" has more rows than Excel allows (${MAX_ROWS - 1} plus the header)`);
    let xml = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) {
      const v = values[c];
      // An empty string is written as a blank cell, which is what Excel's own "is blank" checks expect.
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'number') {
        // NaN and ∞ would be #NUM!/#DIV/0! in Excel: an empty cell is the honest value.
        if (Number.isFinite(v)) xml += `<c r="${colNames[c]}${r}"${numberStyles[c]}><v>${v}</v></c>`;
        continue;
      }
      if (isDate[c] === 1) {
        const m = DATE_RE.exec(v);
        if (m) {
          const day = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / 86_400_000 + EXCEL_EPOCH_OFFSET;
          if (m[4] === undefined) {
            xml += `<c r="${colNames[c]}${r}"${(bold ? boldDateStyle : dateStyle)[c]}><v>${day}</v></c>`;
          } else {
            const serial = day + (+m[4] * 3600 + +m[5]! * 60 + +(m[6] ?? 0)) / 86_400;
            xml += `<c r="${colNames[c]}${r}"${(bold ? boldDateTimeStyle : dateTimeStyle)[c]}><v>${serial}</v></c>`;
          }
          continue;
        }
      }
      xml += `<c r="${colNames[c]}${r}"${bold ? ' s="1"' : wrapped[c] === 1 ? wrapStyle : ''} t="s"><v>${parts.stringIndex(clampText(v))}</v></c>`;
    }
    out.push(xml + '</row>');
  };
  for (const values of firstRows) writeRow(values);
  if (firstRows.length === WIDTH_SAMPLE_ROWS) for (let next = rowIterator.next(); !next.done; next = rowIterator.next()) writeRow(next.value);
  // The filter covers the header and the data; the totals and notes below stay put when the data is sorted.
  const ref = `A1:${colNames[Math.max(cols - 1, 0)]}${r}`;
  for (const values of totalRows) writeRow(values, true);
  for (const note of spec.footnotes ?? []) writeRow([note]);
  out.push(
    '</sheetData>' + (spec.autoFilter && cols > 0 ? `<autoFilter ref="${ref}"/>` : '') +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      (print ? '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' : '') +
      '</worksheet>',
  );
  out.overwrite(dimensionAt, `<dimension ref="A1:${colNames[Math.max(cols - 1, 0)]}${r}"/>`.padEnd(DIMENSION_SLOT.length, ' '));
  return { xml: out.bytes(), ref };
}

const CT_BASE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

interface Cfb {
  utils: { cfb_new(): unknown; cfb_add(container: unknown, path: string, content: Uint8Array): void };
  write(container: unknown, opts: { fileType: 'zip'; type: 'buffer'; compression: boolean }): unknown;
}

function writeXlsx(specs: readonly SheetSpec[]): Uint8Array {
  const parts = new WorkbookParts();
  const names = sheetNames(specs);
  const sheets = specs.map((spec, i) => writeSheetXml(spec, parts, i === 0));
  const n = specs.length;
  const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;
  const absolute = (ref: string): string => ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  // The header row is repeated on every printed page (Excel's "rows to repeat at top").
  const filters = specs
    .map(
      (s, i) =>
        (s.autoFilter && s.header.length > 0 ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quoted(names[i]!))}!${absolute(sheets[i]!.ref)}</definedName>` : '') +
        (s.print !== false ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoted(names[i]!))}!$1:$1</definedName>` : ''),
    )
    .join('');

  const contentTypes =
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT_BASE}.sheet.main+xml"/>` +
    specs.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_BASE}.worksheet+xml"/>`).join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${CT_BASE}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT_BASE}.sharedStrings+xml"/></Types>`;
  const rootRels =
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>` +
    names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets>' + (filters ? `<definedNames>${filters}</definedNames>` : '') + '</workbook>';
  const workbookRels =
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    specs.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

  const cfb = XLSX.CFB as Cfb;
  const zip = cfb.utils.cfb_new();
  const encoder = new TextEncoder();
  const add = (path: string, content: string | Uint8Array): void =>
    cfb.utils.cfb_add(zip, path, typeof content === 'string' ? encoder.encode(content) : content);
  add('[Content_Types].xml', contentTypes);
  add('_rels/.rels', rootRels);
  add('xl/workbook.xml', workbook);
  add('xl/_rels/workbook.xml.rels', workbookRels);
  sheets.forEach((s, i) => add(`xl/worksheets/sheet${i + 1}.xml`, s.xml));
  add('xl/styles.xml', parts.stylesXml());
  add('xl/sharedStrings.xml', parts.sharedStringsXml());
  // 'buffer' is a Node Buffer under Node and a Uint8Array in the browser; 'array' goes through a binary
  // string, which fails on large files.
  const out = cfb.write(zip, { fileType: 'zip', type: 'buffer', compression: true });
  if (out instanceof Uint8Array) return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  throw new Error('unexpected output from the zip writer');
}
