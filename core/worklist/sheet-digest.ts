/**
 * What the column mapping needs from a sheet, gathered in one pass over its rows without keeping them
 * (docs/import-memory.md): the first rows (to find the header row and the column count), and for each column its
 * first values — as many as the identity-column rule reads (core/privacy/identity `identityColumnRule`), which also
 * says whether a column without a header holds data, and the first few for the preview's samples. `digestRows` lays
 * the collected values out as rows for `matchHeaders` and `protectIdentityColumns`, which read each column on its own:
 * they decide from them exactly what they decide from all the sheet's rows.
 */
import { identityColumnRule } from '../privacy/identity';
import { findHeaderRow, headersAt, titleAbove } from './headers';

/** Rows findHeaderRow looks at, and data rows the column count is taken from (as the importer always did). */
const HEADER_SCAN = 20;
const COLUMN_COUNT_ROWS = 50;

/** The header row among a sheet's first rows (the first when none looks like one). */
const headerRowOf = (rows: readonly (readonly unknown[] | undefined)[]): number => Math.max(0, findHeaderRow(rows, HEADER_SCAN));

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
/** What the preview shows as a sample: anything but an absent or empty cell. */
const isSample = (v: unknown): boolean => !(v === null || v === undefined || v === '');

interface ColumnValues {
  /** First non-blank values, at most identityColumnRule.sample. */
  values: unknown[];
  /** First sample values, at most `samples`. */
  samples: unknown[];
}

export interface SheetDigestResult {
  headerRow: number;
  headers: readonly unknown[];
  /** The sheet's title above the header, if it has one (headers.ts `titleAbove`). */
  title: string | null;
  /** The widest of the header and the first 50 data rows. */
  columnCount: number;
  /** Each column's first non-blank values under the header, laid out as rows (see the file comment). */
  digestRows: readonly (readonly unknown[])[];
  /** Each column's first `samples` non-empty values under the header, by column index. */
  samples: readonly (readonly unknown[])[];
}

export class SheetDigest {
  private readonly head: (unknown[] | undefined)[] = [];
  private readonly headLimit: number;
  /** Columns of the rows below the head (the header row is not known while they are read). */
  private readonly below: ColumnValues[] = [];

  constructor(
    private readonly fixedHeaderRow: number | undefined,
    private readonly samples: number,
  ) {
    this.headLimit = (fixedHeaderRow ?? HEADER_SCAN - 1) + 1 + COLUMN_COUNT_ROWS;
  }

  /** Rows kept whole from the top (the header search and the column count read them); the rest is kept per column. */
  get headRows(): number {
    return this.headLimit;
  }

  /** A sheet row (0-based index, in order). */
  add(values: readonly unknown[], index: number): void {
    if (index < this.headLimit) {
      this.head[index] = values as unknown[];
      return;
    }
    collect(this.below, values, this.samples);
  }

  /** The header and the columns' values; `usedRows` is the sheet's row count (rows after it are not data). */
  result(usedRows: number): SheetDigestResult {
    const rows = this.head.slice(0, usedRows);
    const headerRow = this.fixedHeaderRow ?? headerRowOf(rows);
    const headers = headersAt(rows, headerRow);
    let columnCount = headers.length;
    for (let r = headerRow + 1; r <= headerRow + COLUMN_COUNT_ROWS && r < rows.length; r++) columnCount = Math.max(columnCount, rows[r]?.length ?? 0);
    const columns: ColumnValues[] = [];
    for (let r = headerRow + 1; r < rows.length; r++) {
      const row = rows[r];
      if (row) collect(columns, row, this.samples);
    }
    this.below.forEach((b, c) => {
      const col = (columns[c] ??= { values: [], samples: [] });
      for (const v of b.values) if (col.values.length < identityColumnRule.sample) col.values.push(v);
      for (const v of b.samples) if (col.samples.length < this.samples) col.samples.push(v);
    });
    const depth = columns.reduce((n, c) => Math.max(n, c?.values.length ?? 0), 0);
    const digestRows: unknown[][] = [];
    for (let k = 0; k < depth; k++) digestRows.push(Array.from({ length: columns.length }, (_, c) => columns[c]?.values[k]));
    return { headerRow, headers, title: titleAbove(rows, headerRow), columnCount, digestRows, samples: Array.from({ length: columns.length }, (_, c) => columns[c]?.samples ?? []) };
  }
}

function collect(columns: ColumnValues[], values: readonly unknown[], samples: number): void {
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (!isSample(v)) continue;
    const col = (columns[c] ??= { values: [], samples: [] });
    if (col.samples.length < samples) col.samples.push(v);
    if (!isBlank(v) && col.values.length < identityColumnRule.sample) col.values.push(v);
  }
}

/**
 * The first rows of a sheet that is not being mapped, enough to find its header row: the sheet picker counts each
 * sheet's rows under its header, as the preview counts the chosen one's.
 */
export class SheetHead {
  private readonly head: (readonly unknown[] | undefined)[] = [];

  add(values: readonly unknown[], index: number): void {
    if (index < HEADER_SCAN) this.head[index] = values;
  }

  /** Rows under the header of a sheet of `usedRows` rows. */
  rowsUnderHeader(usedRows: number): number {
    return Math.max(0, usedRows - headerRowOf(this.head.slice(0, usedRows)) - 1);
  }
}
