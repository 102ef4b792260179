/**
 * The SheetJS reader: xls, ods, CSV, HTML, SpreadsheetML, and any xlsx the plain reader declines. Dense
 * sheets, no formulas evaluated, one row more than the limit parsed; its errors mapped to `ExchangeError`.
 */
import * as XLSX from 'xlsx';
import { CFB_MAGIC, isNodeBuffer, startsWith } from './bytes';
import { dateCellText, dateStyleOf } from './cells';
import type { ParsedBook, ParsedSheet } from './contents';
import { ExchangeError, unpackedTooLarge } from './errors';
import { withInflateBudget } from './inflate';
import type { Limits } from './limits';
import type { WorkbookFormat } from './sniff';
import { decodeTextWithEncoding, type TextEncoding } from './text';

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

/** What a parser threw (SheetJS's errors are English text), as an `ExchangeError` with a message code. */
export function mapParseError(e: unknown, format: WorkbookFormat, bytes: Uint8Array, unpackedLimit: number): ExchangeError {
  if (e instanceof ExchangeError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(message)) return new ExchangeError('needs-password', 'file.needs-password', {}, message);
  if (e instanceof RangeError && /string length|allocation|Array buffer|too large/i.test(message)) {
    return unpackedTooLarge(unpackedLimit, message);
  }
  if (/ERR_BUFFER_TOO_LARGE|Cannot create a Buffer larger|output length/i.test(message) || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
    return unpackedTooLarge(unpackedLimit, message);
  }
  // A compound file is a whole number of 512-byte sectors: anything else was cut off.
  if (format === 'xls' && startsWith(bytes, CFB_MAGIC) && bytes.length % 512 !== 0) {
    return new ExchangeError('truncated', 'file.truncated', {}, message);
  }
  return new ExchangeError('bad-file', 'file.corrupt', {}, message);
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

export function readWithSheetJs(bytes: Uint8Array, format: WorkbookFormat, opts: Limits): ParsedBook {
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
