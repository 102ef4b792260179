/**
 * readWorkbook reads plain xlsx sheets with its own scanner and everything else with SheetJS. These tests hold
 * the scanner to SheetJS's reading of the same bytes, on files from LibreOffice, openpyxl, SheetJS, our writer
 * and hand-written XML with the constructs real files contain, and check it hands the rest to SheetJS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { allDemoSheetFields, demoWorkListSheet } from '../../../core/demo/workbook';
import { ExchangeError, openWorkbookRows, readWorkbook, type ReadOptions, type WorkbookContents } from '../../../core/exchange/read';
import { writeWorkbook } from '../../../core/exchange/write';

const fixtures = fileURLToPath(new URL('../../fixtures/worklists/', import.meta.url));
const limits: ReadOptions = { maxBytes: 20 * 1024 * 1024, maxRows: 5000, maxColumns: 200 };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

// SheetJS leaves a formula without a value out unseen: only the plain reader counts them (contents.ts UncomputedFormulas).
const everything = (wb: WorkbookContents) => ({ sheets: wb.sheets.map(({ uncomputedFormulas: _, ...info }) => info), rows: wb.sheets.filter((s) => s.rowCount > 0).map((s) => wb.rows(s.name)) });

function sameAsSheetJs(bytes: Uint8Array, opts: Partial<ReadOptions> = {}): WorkbookContents {
  const plain = readWorkbook(bytes, { ...limits, ...opts });
  const sheetjs = readWorkbook(bytes, { ...limits, ...opts, engine: 'sheetjs' });
  expect(plain.engine).toBe('plain-xlsx');
  expect(sheetjs.engine).toBe('sheetjs');
  // Holes and undefined are the same absent cell. One known difference: an escaped CR (_x000D_) before a line end
  // is a real CR to our reader and to Excel, while SheetJS folds it into the LF (issue 18 #8).
  const norm = (x: ReturnType<typeof everything>) =>
    JSON.parse(JSON.stringify(x, (_, v: unknown) => (v === undefined ? null : typeof v === 'string' ? v.replace(/\r\n/g, '\n') : v))) as unknown;
  expect(norm(everything(plain))).toEqual(norm(everything(sheetjs)));
  return plain;
}

/** A minimal xlsx package around hand-written parts. */
function xlsxOf(parts: { sheet: string; sst?: string; styles?: string; workbookPr?: string }): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const zip = XLSX.CFB.utils.cfb_new();
  const add = (p: string, s: string) => XLSX.CFB.utils.cfb_add(zip, p, enc(s));
  add(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  );
  add('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  add('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}">${parts.workbookPr ?? '<workbookPr/>'}<sheets><sheet name="清单" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
  );
  add('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${ns}">${parts.sst ?? ''}</sst>`);
  add(
    'xl/styles.xml',
    `<?xml version="1.0"?><styleSheet xmlns="${ns}">${parts.styles ?? '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'}</styleSheet>`,
  );
  add('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${ns}" xmlns:r="${rel}">${parts.sheet}</worksheet>`);
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }));
}

describe('the plain-xlsx reader agrees with SheetJS', () => {
  it.each(['libreoffice.xlsx', 'openpyxl.xlsx'])('on %s', (name) => {
    sameAsSheetJs(new Uint8Array(fs.readFileSync(path.join(fixtures, name))));
    sameAsSheetJs(new Uint8Array(fs.readFileSync(path.join(fixtures, name))), { previewRows: 4 });
    sameAsSheetJs(new Uint8Array(fs.readFileSync(path.join(fixtures, name))), { sheet: '参数' });
  });

  it('on our own writer’s work list with every field', () => {
    const sheet = demoWorkListSheet({ seed: 5, count: 400, today: '2026-11-23', fields: allDemoSheetFields, withLabels: true, msisdnAsNumber: true });
    sameAsSheetJs(writeWorkbook([{ name: '清单', header: sheet.header, rows: sheet.rows, dateColumns: sheet.dateColumns, numberFormats: { 5: '0.0%' } }], 'xlsx'));
  });

  it('on a SheetJS-written book with every kind of cell, with and without shared strings, in both date systems', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['text', 'a & b < c > "d"', '_x0041_ literal', 'line\r\nbreak', '', '  padded  '],
      [1, -2.5, 1e-7, 123456789012, 0, 46349.5],
      [true, false],
    ]);
    ws['A4'] = { t: 'n', v: 46349, z: 'yyyy-mm-dd' };
    ws['B4'] = { t: 'n', v: 46349.4375, z: 'yyyy-mm-dd hh:mm:ss' };
    ws['C4'] = { t: 'n', v: 0.4375, z: 'h:mm' };
    ws['D4'] = { t: 'e', v: 0x07 };
    ws['E4'] = { t: 'n', v: 4, f: 'A2*4' };
    ws['F4'] = { t: 's', v: 'VIP客户', f: '"VIP"&"客户"' };
    ws['G4'] = { t: 'n', v: 0.35, z: '0%' };
    ws['!ref'] = 'A1:G4';
    for (const date1904 of [false, true]) {
      for (const bookSST of [true, false]) {
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, ws, '清单');
        wb.Workbook = { WBProps: { date1904 } };
        const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST }));
        const read = sameAsSheetJs(bytes);
        expect(read.rows('清单').flat()).toContain('line\r\nbreak');
        expect(read.rows('清单')[3]!.slice(0, 4)).toEqual(date1904 ? ['2030-11-24', '2030-11-24 10:30:00', '10:30:00', '#DIV/0!'] : ['2026-11-23', '2026-11-23 10:30:00', '10:30:00', '#DIV/0!']);
      }
    }
  });

  it('on hand-written XML: rich text, phonetic runs, entities, inline strings, missing references, Chinese built-in dates', () => {
    const bytes = xlsxOf({
      sst:
        '<si><t>手机号码</t></si>' +
        '<si><r><rPr><b/></rPr><t>客户</t></r><r><t xml:space="preserve"> 姓名 </t></r></si>' +
        '<si><t>王五</t><rPh sb="0" eb="2"><t>ワンウー</t></rPh><phoneticPr fontId="1"/></si>' +
        '<si><t/></si>' +
        '<si><t>&lt;&amp;&gt;&#x4E2D;&#25991;_x000D_</t></si>',
      styles:
        '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="31" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="14"><alignment/></xf></cellXfs>',
      sheet:
        '<dimension ref="A1:E5"/><sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c t="inlineStr"><is><t>内联</t></is></c><c s="1"><v>46349</v></c><c r="E2" s="2"><v>46349</v></c></row>' +
        '<row r="4" spans="1:3"><c r="A4" s="3"><v>46349</v></c><c r="B4" t="str"><f>A4&amp;""</f><v>46349</v></c><c r="C4" t="b"><v>1</v></c><c r="D4"/><c r="E4" t="n"><v></v></c></row>' +
        '<row r="5"/>' +
        '</sheetData>',
    });
    const read = readWorkbook(bytes, limits);
    expect(read.engine).toBe('plain-xlsx');
    const rows = read.rows('清单');
    expect(rows).toEqual([
      ['手机号码', '客户 姓名 ', '王五', '', '<&>中文\r'],
      ['手机号码', '内联', '2026-11-23', undefined, '2026-11-23'],
      [],
      ['2026-11-23', '46349', true],
    ]);
    // SheetJS does not know Excel's Chinese built-in date format 31 (yyyy"年"m"月"d"日") and gives the serial;
    // everything else is read alike.
    const bySheetJs = readWorkbook(bytes, { ...limits, engine: 'sheetjs' }).rows('清单');
    expect(bySheetJs[1]![2]).toBe(46349);
    bySheetJs[1]![2] = '2026-11-23';
    expect(bySheetJs).toEqual(rows);
  });
});

describe('the plain-xlsx reader hands over what it does not handle', () => {
  it('to SheetJS, for prefixed XML, ISO date cells and rows out of order', () => {
    const prefixed = xlsxOf({ sheet: '<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>' });
    const isoDate = xlsxOf({ sheet: '<sheetData><row r="1"><c r="A1" t="d"><v>2026-11-23T00:00:00</v></c></row></sheetData>' });
    const unordered = xlsxOf({ sheet: '<sheetData><row r="2"><c r="A2"><v>2</v></c></row><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' });
    for (const bytes of [prefixed, isoDate, unordered]) {
      expect(readWorkbook(bytes, limits).engine).toBe('sheetjs');
    }
    expect(readWorkbook(unordered, limits).rows('清单')).toEqual([[1], [2]]);
  });

  it('and applies the same limits', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const bytes = xlsxOf({ sheet: `<dimension ref="A1:A30"/><sheetData>${rows}</sheetData>` });
    for (const engine of ['auto', 'sheetjs'] as const) {
      expect(() => readWorkbook(bytes, { ...limits, maxRows: 29, engine })).toThrow(expect.objectContaining({ messageCode: 'file.too-many-rows' }));
      expect(readWorkbook(bytes, { ...limits, maxRows: 30, engine }).sheets[0]!.rowCount).toBe(30);
      expect(readWorkbook(bytes, { ...limits, maxRows: 5, previewRows: 3, engine }).sheets[0]!.rowCount).toBe(30);
    }
  });
});

describe('formulas without a cached value', () => {
  // openpyxl and other programs write formulas without computing them: such a cell reads as empty (nothing else can
  // be read), and the sheet says how many there were and where the first is, for an import to warn about.
  const sheet =
    '<dimension ref="A1:C4"/><sheetData>' +
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
    '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>5</v></c><c r="C2"><f>B2*2</f><v /></c></row>' +
    '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3"><v>7</v></c><c r="C3"><f>B3*2</f></c></row>' +
    // A formula that gave empty text has its value (Excel writes it so), and one with its value is read as ever.
    '<row r="4"><c r="A4" t="str"><f>""</f><v></v></c><c r="B4"><f>1+1</f><v>2</v></c><c r="C4" t="n"><f>B4*2</f><v></v></c></row>' +
    '</sheetData>';
  const sst = '<si><t>手机号码</t></si><si><t>成本</t></si><si><t>小计</t></si><si><t>13800000001</t></si><si><t>13800000002</t></si>';
  const bytes = xlsxOf({ sheet, sst });

  it('reads them as empty and counts them, the first by its cell', () => {
    const whole = readWorkbook(bytes, limits);
    expect(whole.engine).toBe('plain-xlsx');
    expect(whole.rows('清单')).toEqual([['手机号码', '成本', '小计'], ['13800000001', 5], ['13800000002', 7], ['', 2]]);
    expect(whole.sheets[0]!.uncomputedFormulas).toEqual({ count: 3, cell: 'C2', row: 2, column: 2 });
    // Handed out row by row as well (the stream itself: read-stream.test.ts).
    expect(openWorkbookRows(bytes, limits).scan('清单').uncomputedFormulas).toEqual({ count: 3, cell: 'C2', row: 2, column: 2 });
  });

  it('counts none where every formula has its value (LibreOffice), and the openpyxl fixture’s three', () => {
    expect(readWorkbook(new Uint8Array(fs.readFileSync(path.join(fixtures, 'libreoffice.xlsx'))), limits).sheets.every((s) => s.uncomputedFormulas === undefined)).toBe(true);
    const openpyxl = readWorkbook(new Uint8Array(fs.readFileSync(path.join(fixtures, 'openpyxl.xlsx'))), limits).sheets[0]!.uncomputedFormulas;
    expect(openpyxl?.count).toBe(3);
  });
});

describe('the plain-xlsx reader on broken XML', () => {
  const sheet =
    '<dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>内联</t></is></c><c r="C1" s="1"><v>46349</v></c></row>' +
    '<row r="2" spans="1:3"><c r="A2" t="str"><f>1</f><v>x&amp;y</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c></row><row r="3"><c r="A3"><v>1.5</v></c></row></sheetData>';
  const sst = '<si><t>手机号码</t></si><si><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></si>';
  const styles = '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>';
  const damaged = (s: string) =>
    fc
      .array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('<', '>', '/', '"', ' ', '=', '<c ', '</c>', '<row>', '</row>', '<v>', '</v>', '&', '_x00', '99999999', ''), fc.string({ maxLength: 3 })), fc.nat(5)), { maxLength: 6 })
      .map((edits) => edits.reduce((out, [at, insert, remove]) => out.slice(0, at % (out.length + 1)) + insert + out.slice((at % (out.length + 1)) + remove), s));

  it('reads it, hands it to SheetJS or refuses it, and never fails otherwise', () => {
    fc.assert(
      fc.property(damaged(sheet), damaged(sst), (sheetXml, sstXml) => {
        try {
          const wb = readWorkbook(xlsxOf({ sheet: sheetXml, sst: sstXml, styles }), limits);
          for (const s of wb.sheets) if (s.rowCount > 0) wb.rows(s.name);
        } catch (e) {
          expect(e).toBeInstanceOf(ExchangeError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * ODS is read by our own reader (ods-scanner.ts): SheetJS reads ODF text through its OOXML unescaper and prints
 * warnings on stderr for LibreOffice's conditional number formats (issue 18 #8). It gives the cells SheetJS gives,
 * but text as written.
 */
describe('the ODS reader', () => {
  const odsOf = (content: string): Uint8Array => {
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, 'mimetype', enc('application/vnd.oasis.opendocument.spreadsheet'));
    XLSX.CFB.utils.cfb_add(zip, 'content.xml', enc(content));
    XLSX.CFB.utils.cfb_add(zip, 'styles.xml', enc('<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'));
    XLSX.CFB.utils.cfb_add(zip, 'META-INF/manifest.xml', enc('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'));
    return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as ArrayLike<number>);
  };
  const NS =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"';

  it('reads LibreOffice’s ODS fixture to the cells SheetJS reads', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, 'libreoffice.ods')));
    const ours = readWorkbook(bytes, limits);
    const theirs = readWorkbook(bytes, { ...limits, engine: 'sheetjs' });
    expect(ours.engine).toBe('plain-ods');
    expect(theirs.engine).toBe('sheetjs');
    const norm = (wb: WorkbookContents) => JSON.parse(JSON.stringify({ sheets: wb.sheets.map((s) => ({ ...s, hidden: null })), rows: wb.sheets.map((s) => wb.rows(s.name)) }, (_, v: unknown) => (v === undefined ? null : v))) as unknown;
    expect(norm(ours)).toEqual(norm(theirs));
  });

  it('keeps "_x0041_" as written, and reads dates, times, repeats, comments and white space as ODF says', () => {
    const bytes = odsOf(`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}>
<office:automatic-styles>
<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month/></number:date-style>
<number:date-style style:name="N2"><number:year/><number:hours/><number:minutes/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="清单"><table:table-column table:number-columns-repeated="3"/><table:table-column table:default-cell-style-name="ce2"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>_x0041_</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>a  &amp;<text:s text:c="2"/>b<text:tab/>c</text:p><text:p>😀 𠮷</text:p><office:annotation><text:p>comment</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-11-23" table:style-name="ce1"><text:p>2026-11</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-11-23T00:00:00"><text:p>x</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="0.25" table:number-columns-repeated="2"><text:p>25%</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="time" office:time-value="PT09H07M09S"><text:p>09:07:09</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="参数" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>_x005F_x0041_</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`);
    const wb = readWorkbook(bytes, limits);
    expect(wb.engine).toBe('plain-ods');
    expect(wb.sheets).toEqual([
      { name: '清单', rowCount: 6, columnCount: 7, hidden: false },
      { name: '参数', rowCount: 1, columnCount: 1, hidden: true },
    ]);
    const rows = wb.rows('清单').map((r) => Array.from(r, (v) => v ?? null));
    expect(rows).toEqual([
      ['_x0041_', 'a &  b\tc\n😀 𠮷', '2026-11-23', '2026-11-23 00:00:00'],
      [], [], [],
      [0.25, 0.25, null, null, '09:07:09', '#DIV/0!', true],
      [0.25, 0.25, null, null, '09:07:09', '#DIV/0!', true],
    ]);
    expect(wb.rows('参数')).toEqual([['_x005F_x0041_']]);
    // SheetJS turns the literal into the character it would escape in OOXML.
    expect(readWorkbook(bytes, { ...limits, engine: 'sheetjs' }).rows('清单')[0]![0]).toBe('A');
    // The limits hold as with SheetJS: rows counted after the repeats, the preview stops early.
    expect(() => readWorkbook(bytes, { ...limits, maxRows: 5 })).toThrow(expect.objectContaining({ messageCode: 'file.too-many-rows' }));
    expect(() => readWorkbook(bytes, { ...limits, maxColumns: 6 })).toThrow(expect.objectContaining({ messageCode: 'file.too-many-columns' }));
    expect(readWorkbook(bytes, { ...limits, maxRows: 5, previewRows: 2 }).rows('清单')).toHaveLength(1);
    expect(readWorkbook(bytes, { ...limits, sheet: '参数' }).rows('参数')).toEqual([['_x005F_x0041_']]);
  });

  it('refuses runs of spaces that would blow a few bytes up into gigabytes of text', () => {
    const cell = `<table:table-cell office:value-type="string"><text:p>${'<text:s text:c="9999999"/>'.repeat(200)}</text:p></table:table-cell>`;
    const bytes = odsOf(`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet><table:table table:name="s"><table:table-row>${cell}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`);
    expect(() => readWorkbook(bytes, limits)).toThrow(expect.objectContaining({ code: 'too-large', messageCode: 'file.unpacked-too-large' }));
  });
});
