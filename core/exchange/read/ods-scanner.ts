/**
 * The OpenDocument spreadsheet reader (content.xml), in place of SheetJS's for .ods (issue 18 #8).
 *
 * SheetJS reads ODS text through its OOXML unescaper, so a literal "_x0041_" in a cell came back as "A" — ODF has no
 * such escape, and LibreOffice writes the text as it is — and it prints "ODS number format may be incorrect" on
 * stderr for the conditional number formats LibreOffice writes. Here the text is the XML text with its entities, and
 * nothing is printed.
 *
 * What a cell gives, as the SheetJS reader gave it (index.ts): float, percentage and currency cells their number;
 * date cells the text 'YYYY-MM-DD', or 'YYYY-MM-DD HH:MM:SS' when their data style shows a time (or, with no style
 * found, when the value has one); time cells 'HH:MM:SS' (a duration of a day or more: its days as a number);
 * boolean cells true/false; text cells their paragraphs joined by LF, white space as ODF 1.2 §6.1.2 says (runs
 * collapse to one space, <text:s text:c="N"/> is N spaces, <text:tab/> a tab, <text:line-break/> a line end);
 * comments (office:annotation) are not the cell's text. Runs of repeated rows and cells are expanded only up to the
 * limits (limits.ts has refused a file whose repeats go beyond them before this runs). Returns null for a
 * content.xml it does not understand (none, or encrypted), which SheetJS then reads or refuses.
 */
import type { ParsedBook, ParsedSheet } from './contents';
import { unpackedTooLarge } from './errors';
import type { Limits } from './limits';
import { utf8Decoder } from './text';
import { unescapeEntities } from './xml';
import { zipParts } from './zip';

type TimeShown = 'date' | 'datetime' | 'time';

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) out.set(m[1]!, unescapeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/**
 * What the data styles of content.xml and styles.xml show: cell style name → date, date and time, or time. A cell
 * style names its data style (style:data-style-name) or inherits one from its parent. One pass over the tags (no
 * search for an element's end per element: a file of unclosed elements would make that quadratic).
 */
function cellStyleTimes(xmls: readonly string[]): { shown: (style: string | undefined) => TimeShown | undefined; hiddenTables: Set<string> } {
  const dataStyles = new Map<string, TimeShown>();
  const parents = new Map<string, { parent?: string; data?: string }>();
  const hiddenTables = new Set<string>();
  const tags = /<(\/?)(number:date-style|number:time-style|number:hours|number:minutes|number:seconds|style:style|style:table-properties)(?=[\s/>])([^>]*?)(\/?)>/g;
  for (const xml of xmls) {
    let dateStyle: string | null = null;
    let tableStyle: string | null = null;
    for (const m of xml.matchAll(tags)) {
      const [, closing, name, attrText, selfClosing] = m;
      if (closing) {
        if (name === 'number:date-style' || name === 'number:time-style') dateStyle = null;
        else if (name === 'style:style') tableStyle = null;
        continue;
      }
      const a = attributes(attrText!);
      switch (name) {
        case 'number:date-style':
        case 'number:time-style': {
          const styleName = a.get('style:name');
          if (!styleName) break;
          dataStyles.set(styleName, name === 'number:time-style' ? 'time' : 'date');
          dateStyle = name === 'number:date-style' && !selfClosing ? styleName : null;
          break;
        }
        case 'style:style': {
          const styleName = a.get('style:name');
          tableStyle = null;
          if (!styleName) break;
          const family = a.get('style:family');
          if (family === 'table-cell') parents.set(styleName, { parent: a.get('style:parent-style-name'), data: a.get('style:data-style-name') });
          else if (family === 'table' && !selfClosing) tableStyle = styleName;
          break;
        }
        case 'style:table-properties':
          if (tableStyle !== null && a.get('table:display') === 'false') hiddenTables.add(tableStyle);
          break;
        default:
          // hours, minutes, seconds: the date style shows a time.
          if (dateStyle !== null) dataStyles.set(dateStyle, 'datetime');
      }
    }
  }
  const shown = (style: string | undefined): TimeShown | undefined => {
    for (let s = style, depth = 0; s !== undefined && depth < 20; depth++) {
      const p = parents.get(s);
      if (!p) return undefined;
      if (p.data !== undefined) return dataStyles.get(p.data);
      s = p.parent;
    }
    return undefined;
  };
  return { shown, hiddenTables };
}

/** Makes the runs of spaces <text:s text:c="N"/> asks for, within a budget for the whole file. */
type Spaces = (count: number) => string;

/** A paragraph's text (ODF 1.2 §6.1.2): raw white space collapses; <text:s>, <text:tab>, <text:line-break> are kept. */
function paragraphText(inner: string, spaces: Spaces): string {
  const collapsed = inner.replace(/[\t\r\n ]+/g, ' ').trim();
  const spaced = collapsed
    .replace(/<text:s\s*\/>/g, ' ')
    .replace(/<text:s\s+text:c\s*=\s*"(\d+)"\s*\/>/g, (_, n: string) => spaces(Number(n)))
    .replace(/<text:tab\b[^>]*\/>/g, '\t')
    .replace(/<text:line-break\s*\/>/g, '\n');
  return unescapeEntities(spaced.replace(/<[^<>]*>/g, ''));
}

/** A cell's XML without its comments (<office:annotation>…</office:annotation>), in one pass. */
function withoutComments(inner: string): string {
  let out = '';
  let from = 0;
  for (let at = inner.indexOf('<office:annotation', from); at >= 0; at = inner.indexOf('<office:annotation', from)) {
    out += inner.slice(from, at);
    const tagEnd = inner.indexOf('>', at);
    if (tagEnd < 0) return out;
    // <office:annotation-end/> marks where a comment's range ends, and an empty comment has no end tag: just the tag goes.
    if (inner.charCodeAt(at + '<office:annotation'.length) === 45 || inner.charCodeAt(tagEnd - 1) === 47) {
      from = tagEnd + 1;
      continue;
    }
    const end = inner.indexOf('</office:annotation>', at);
    if (end < 0) return out;
    from = end + '</office:annotation>'.length;
  }
  return out + inner.slice(from);
}

/** A cell's text: its paragraphs, comments left out; one pass, each paragraph searched for its end once. */
function cellText(inner: string, spaces: Spaces): string {
  const body = inner.indexOf('<office:annotation') >= 0 ? withoutComments(inner) : inner;
  const paragraphs: string[] = [];
  const open = /<text:(p|h)\b[^>]*?(\/?)>/g;
  for (let m = open.exec(body); m; m = open.exec(body)) {
    if (m[2] === '/') {
      paragraphs.push('');
      continue;
    }
    const from = m.index + m[0].length;
    const end = body.indexOf(`</text:${m[1]}>`, from);
    if (end < 0) {
      paragraphs.push(paragraphText(body.slice(from), spaces));
      break;
    }
    paragraphs.push(paragraphText(body.slice(from, end), spaces));
    open.lastIndex = end;
  }
  return paragraphs.join('\n');
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** office:date-value ('2026-11-01', '2026-11-01T09:07:09.5') as the text a date cell gives; null when it is no date. */
function dateText(value: string, shown: TimeShown | undefined): string | null {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(value);
  if (!m) return null;
  // Whole seconds, rounded as the serial's reading rounds them (cells.ts); Date carries a day over.
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), 0) + Math.round(Number(m[6] ?? 0)) * 1000;
  const d = new Date(ms);
  if (Number.isNaN(ms)) return null;
  const iso = d.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (shown === 'time') return time;
  if (shown === 'datetime' || (shown === undefined && time !== '00:00:00')) return `${day} ${time}`;
  return day;
}

/** office:time-value ('PT09H07M09S'): 'HH:MM:SS' within a day, else the duration in days. */
function timeText(value: string): string | number | null {
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m) return null;
  const seconds = Math.round(Number(m[2] ?? 0) * 86_400 + Number(m[3] ?? 0) * 3600 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0));
  if (m[1] || seconds >= 86_400) return (m[1] ? -seconds : seconds) / 86_400;
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
}

function cellValue(attrs: Map<string, string>, inner: string, shown: () => TimeShown | undefined, spaces: Spaces): unknown {
  // A formula's error: LibreOffice writes a float 0 with the error's text (#DIV/0!) as the paragraph.
  if (attrs.get('calcext:value-type') === 'error') return cellText(inner, spaces) || undefined;
  const type = attrs.get('office:value-type');
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const v = Number(attrs.get('office:value'));
      return Number.isFinite(v) ? v : cellText(inner, spaces);
    }
    case 'date':
      return dateText(attrs.get('office:date-value') ?? '', shown()) ?? cellText(inner, spaces);
    case 'time':
      return timeText(attrs.get('office:time-value') ?? '') ?? cellText(inner, spaces);
    case 'boolean': {
      const v = attrs.get('office:boolean-value');
      return v === 'true' || v === '1';
    }
    default: {
      const text = attrs.get('office:string-value') ?? cellText(inner, spaces);
      return text === '' ? undefined : text;
    }
  }
}

/** Runs of a column attribute (default cell styles), as the table's columns declare them. */
class ColumnRuns {
  private ends: number[] = [];
  private values: (string | undefined)[] = [];
  add(count: number, value: string | undefined): void {
    this.ends.push((this.ends.at(-1) ?? 0) + count);
    this.values.push(value);
  }
  at(column: number): string | undefined {
    // Few runs per table: a linear walk.
    for (let i = 0; i < this.ends.length; i++) if (column < this.ends[i]!) return this.values[i];
    return undefined;
  }
}

const TAG = /<(\/?)(table:table|table:table-column|table:table-row|table:table-cell|table:covered-table-cell)(?=[\s/>])([^>]*?)(\/?)>/g;

export function readPlainOds(bytes: Uint8Array, opts: Limits): ParsedBook | null {
  const parts = zipParts(bytes, opts.maxUnpackedBytes);
  const contentBytes = parts?.get('content.xml');
  if (!contentBytes) return null;
  const xml = utf8Decoder.decode(contentBytes);
  const body = xml.indexOf('<office:spreadsheet');
  if (body < 0) return null;
  const stylesBytes = parts!.get('styles.xml');
  const { shown, hiddenTables } = cellStyleTimes(stylesBytes ? [xml.slice(0, body), utf8Decoder.decode(stylesBytes)] : [xml.slice(0, body)]);

  const preview = opts.previewRows !== undefined && opts.previewRows > 0;
  const rowLimit = preview ? opts.previewRows! : opts.maxRows + 1;
  const columnLimit = opts.maxColumns + 1;
  const sheets: ParsedSheet[] = [];
  // A few bytes ask for any number of spaces (<text:s text:c="1000000"/>): all of them together may add at most
  // twice the XML's own length and a megabyte, far beyond what real files do; past that the file is refused.
  let spacesLeft = 2 * xml.length + 1_000_000;
  const spaces: Spaces = (count) => {
    spacesLeft -= count;
    if (spacesLeft < 0) throw unpackedTooLarge(opts.maxUnpackedBytes, 'ODF text:s runs of spaces beyond the budget');
    return ' '.repeat(count);
  };

  let sheet: { name: string; hidden: boolean; rows: unknown[][]; columns: number; beyond: boolean; pendingRows: number; styles: ColumnRuns } | null = null;
  let row: unknown[] | null = null;
  let rowRepeat = 1;
  let column = 0;
  let lastValued = 0;
  const finishSheet = (): void => {
    if (!sheet) return;
    const s = sheet;
    const rows = s.rows;
    sheets.push({
      name: s.name,
      hidden: s.hidden,
      skipped: false,
      used: { rows: rows.length, columns: s.columns },
      declaredRows: s.beyond ? rowLimit : rows.length,
      materialize: () => rows,
    });
    sheet = null;
  };

  TAG.lastIndex = body;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    const [, closing, name, attrText, selfClosing] = m;
    if (name === 'table:table') {
      if (closing) {
        finishSheet();
        continue;
      }
      const a = attributes(attrText!);
      const sheetName = a.get('table:name') ?? `Sheet${sheets.length + 1}`;
      const hidden = hiddenTables.has(a.get('table:style-name') ?? '');
      if (opts.sheet !== undefined && opts.sheet !== sheetName) {
        sheets.push({ name: sheetName, hidden, skipped: true, used: { rows: 0, columns: 0 }, declaredRows: 0, materialize: () => [] });
        const end = xml.indexOf('</table:table>', TAG.lastIndex);
        if (end < 0) break;
        TAG.lastIndex = end + '</table:table>'.length;
        continue;
      }
      sheet = { name: sheetName, hidden, rows: [], columns: 0, beyond: false, pendingRows: 0, styles: new ColumnRuns() };
      continue;
    }
    if (!sheet) continue;
    if (name === 'table:table-column') {
      if (closing) continue;
      const a = attributes(attrText!);
      sheet.styles.add(Math.min(Number(a.get('table:number-columns-repeated') ?? 1) || 1, 1 << 20), a.get('table:default-cell-style-name'));
      continue;
    }
    if (name === 'table:table-row') {
      if (!closing) {
        const a = attributes(attrText!);
        rowRepeat = Math.max(1, Number(a.get('table:number-rows-repeated') ?? 1) || 1);
        row = [];
        column = 0;
        lastValued = 0;
        if (!selfClosing) continue;
      }
      // The row's end: empty rows are counted and written only when a row with values follows them.
      if (row && !sheet.beyond) {
        if (lastValued === 0) sheet.pendingRows += rowRepeat;
        else {
          row.length = lastValued;
          // Empty cells between values are undefined, not holes, as the other readers give them.
          for (let c = 0; c < lastValued; c++) if (!(c in row)) row[c] = undefined;
          const room = rowLimit - sheet.rows.length;
          if (sheet.pendingRows >= room) sheet.beyond = true;
          else {
            for (let i = 0; i < sheet.pendingRows; i++) sheet.rows.push([]);
            const copies = Math.min(rowRepeat, rowLimit - sheet.rows.length);
            if (copies < rowRepeat) sheet.beyond = true;
            for (let i = 0; i < copies; i++) sheet.rows.push(i === 0 ? row : [...row]);
            if (lastValued > sheet.columns) sheet.columns = lastValued;
          }
          sheet.pendingRows = 0;
        }
      }
      row = null;
      continue;
    }
    // A cell (or one covered by a merged cell).
    if (closing || !row) continue;
    const a = attributes(attrText!);
    const count = Math.max(1, Number(a.get('table:number-columns-repeated') ?? 1) || 1);
    let inner = '';
    if (!selfClosing) {
      const close = `</${name}>`;
      const end = xml.indexOf(close, TAG.lastIndex);
      if (end < 0) return null;
      inner = xml.slice(TAG.lastIndex, end);
      TAG.lastIndex = end + close.length;
    }
    if (column < columnLimit && !sheet.beyond) {
      const styles = sheet.styles;
      const at = column;
      const value = cellValue(a, inner, () => shown(a.get('table:style-name') ?? styles.at(at)), spaces);
      if (value !== undefined) {
        const to = Math.min(column + count, columnLimit);
        for (let c = column; c < to; c++) row[c] = value;
        lastValued = to;
      }
    }
    column += count;
  }
  finishSheet();
  if (sheets.length === 0) return null;
  return { format: 'ods', engine: 'plain-ods', sheets, singleSheet: false };
}
