/** What reading gives: the caller's `WorkbookContents`, and the `ParsedBook` each reader hands to `assemble`. */
import type { WorkbookFormat } from './sniff';
import type { TextEncoding } from './text';

export interface SheetInfo {
  name: string;
  /** Sheet rows up to the last one with a value (title and header rows included); -1 when not read. */
  rowCount: number;
  /** Columns up to the last one with a value; -1 when not read. */
  columnCount: number;
  /** Hidden sheets are often lookup tables, not the list: the sheet picker can say so. */
  hidden: boolean;
  /** Formula cells the file holds no value for (absent when none): they read as empty. */
  uncomputedFormulas?: UncomputedFormulas;
}

/**
 * Formulas a program wrote without computing them (openpyxl, scripts): the file holds no value for them, and nothing
 * evaluates formulas here, so they read as empty — which an import says (docs/import-memory.md "Formulas"). Counted
 * by the plain xlsx reader; SheetJS leaves such a cell out unseen.
 */
export interface UncomputedFormulas {
  count: number;
  /** The first, as Excel names it (C2), and its row (1-based, as shown) and column (0-based). */
  cell: string;
  row: number;
  column: number;
}

export interface WorkbookContents {
  format: WorkbookFormat;
  /** Which reader parsed the file (see `ReadOptions.engine`): for logs and tests. */
  engine: 'plain-xlsx' | 'plain-ods' | 'sheetjs';
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

/** What reading a sheet found: its used range, and the rows its xlsx dimension declares. */
export interface SheetScan {
  used: { rows: number; columns: number };
  /** Rows the file declares (xlsx dimension), when the reader stopped before the end. */
  declaredRows: number;
  uncomputedFormulas?: UncomputedFormulas;
}

/** A sheet as either engine parsed it, before the limits are applied. */
export interface ParsedSheet {
  name: string;
  hidden: boolean;
  /** Not parsed because another sheet was asked for. */
  skipped: boolean;
  used: { rows: number; columns: number };
  /** Rows the file declares (xlsx dimension), when the reader stopped before the end. */
  declaredRows: number;
  uncomputedFormulas?: UncomputedFormulas;
  materialize(): unknown[][];
}

export interface ParsedBook {
  format: WorkbookFormat;
  engine: WorkbookContents['engine'];
  encoding?: TextEncoding;
  sheets: ParsedSheet[];
  /** CSV and HTML have one sheet named by the reader: any name reads it. */
  singleSheet: boolean;
}
