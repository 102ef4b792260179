import { describe, it, expect } from 'vitest';
import * as XLSX from 'xlsx';
import { canonicalFields, listTypeLabels } from '../../../core/worklist/fields';
import { demoExtraColumns, idCheckChar } from '../../../core/demo/generator';
import { demoSheetFields, demoWorkListSheet } from '../../../core/demo/workbook';
import { writeWorkbook, type CellValue } from '../../../core/exchange/write';

const today = '2026-11-23';
const zh = (key: string) => canonicalFields.find((f) => f.key === key)!.zh;
const serialToDate = (serial: number) => new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10);

function readBack(bytes: Uint8Array, sheetIndex = 0) {
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
  const ws = wb.Sheets[wb.SheetNames[sheetIndex]!]!;
  return { wb, ws, aoa: XLSX.utils.sheet_to_json<CellValue[]>(ws, { header: 1, raw: true, defval: null }) };
}

function zipEntry(bytes: Uint8Array, path: string): string {
  type Container = { FullPaths: string[]; FileIndex: { content: Uint8Array }[] };
  const zip = (XLSX.CFB as { read(d: Uint8Array, o: { type: 'array' }): Container }).read(bytes, { type: 'array' });
  const i = zip.FullPaths.findIndex((p) => p.endsWith('/' + path));
  return i < 0 ? '' : new TextDecoder().decode(zip.FileIndex[i]!.content);
}

describe('demoWorkListSheet', () => {
  const sheet = demoWorkListSheet({ seed: 3, count: 1500, today });
  const rows = [...sheet.rows];
  const col = (header: string) => sheet.header.indexOf(header);

  it('has the central system\'s Chinese headers', () => {
    expect(sheet.header.slice(0, 3)).toEqual(['手机号码', '客户姓名', '身份证号']);
    for (const f of demoSheetFields) expect(sheet.header).toContain(zh(f));
    for (const h of [zh('list_name'), zh('list_type'), zh('due_date'), ...demoExtraColumns]) expect(sheet.header).toContain(h);
    expect(sheet.header.length).toBeGreaterThanOrEqual(40);
    expect(new Set(sheet.header).size).toBe(sheet.header.length);
    expect(sheet.header).not.toContain(zh('churned'));
    const labelled = demoWorkListSheet({ seed: 3, count: 10, today, withLabels: true });
    expect(labelled.header.slice(-2)).toEqual([zh('churned'), zh('churn_date')]);
    expect(sheet.dateColumns.map((i) => sheet.header[i])).toEqual([zh('join_date'), zh('contract_end'), zh('last_marketed'), zh('due_date')]);
  });

  it('is re-iterable and deterministic', () => {
    expect([...sheet.rows]).toEqual(rows);
    expect([...demoWorkListSheet({ seed: 3, count: 1500, today }).rows]).toEqual(rows);
    for (const r of rows) expect(r.length).toBe(sheet.header.length);
  });

  it('carries well-formed identity numbers, shared by the lines of one holder', () => {
    const ids = rows.map((r) => r[2] as string);
    for (const id of ids) {
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(id[17]).toBe(idCheckChar(id.slice(0, 17)));
      const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
      expect(Number.isNaN(Date.parse(birth))).toBe(false);
      expect(birth >= '1950-01-01' && birth <= '2008-11-23').toBe(true);
    }
    const kind = col('主副卡');
    rows.forEach((r, i) => {
      if (r[kind] === '副卡') {
        expect(r[2]).toBe(rows[i - 1]![2]);
        expect(r[1]).toBe(rows[i - 1]![1]);
      }
    });
    const mains = rows.filter((r) => r[kind] === '主卡').map((r) => r[2]);
    expect(new Set(mains).size).toBe(mains.length);
    expect(rows.some((r) => r[kind] === '副卡')).toBe(true);
  });

  it('puts every row on a list, with Chinese list types', () => {
    const labels = new Set(Object.values(listTypeLabels).map((l) => l.zh));
    for (const r of rows) {
      expect(typeof r[col('清单名称')]).toBe('string');
      expect(labels.has(r[col('清单类型')] as string)).toBe(true);
      expect(r[col('截止日期')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(rows.map((r) => r[col('清单类型')])).size).toBeGreaterThanOrEqual(5);
  });
});

describe('writeWorkbook', () => {
  const sheet = demoWorkListSheet({ seed: 8, count: 400, today, withLabels: true });
  const rows = [...sheet.rows];

  it('writes an xlsx that SheetJS reads back to the same headers and values', () => {
    const bytes = writeWorkbook([{ name: '任务工作清单', ...sheet, rows }], 'xlsx');
    const { wb, ws, aoa } = readBack(bytes);
    expect(wb.SheetNames).toEqual(['任务工作清单']);
    expect(aoa[0]).toEqual(sheet.header);
    expect(aoa.length).toBe(rows.length + 1);
    const dates = new Set(sheet.dateColumns);
    rows.forEach((r, i) => {
      const back = aoa[i + 1]!;
      r.forEach((v, c) => {
        if (dates.has(c) && v !== null) {
          // A real date cell: SheetJS hands it back as a Date because of its date format.
          const d = back[c] as unknown;
          expect(d instanceof Date ? d.toISOString().slice(0, 10) : serialToDate(d as number)).toBe(v);
        } else expect(back[c]).toEqual(v);
      });
    });
    const dateCell = ws['!data']?.[1]?.[sheet.dateColumns[0]!] ?? ws[XLSX.utils.encode_cell({ r: 1, c: sheet.dateColumns[0]! })];
    expect(dateCell.z).toBe('yyyy-mm-dd');
    expect(zipEntry(bytes, 'xl/worksheets/sheet1.xml')).toContain('state="frozen"');
  });

  it('writes a UTF-8 CSV with BOM that reads back to the same text', () => {
    const bytes = writeWorkbook([{ name: 'x', ...sheet, rows }], 'csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const wb = XLSX.read(text, { type: 'string', raw: true });
    const aoa = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: false, defval: '' });
    expect(aoa[0]).toEqual(sheet.header);
    // Long digit strings come back after the tab that keeps a spreadsheet from making numbers of them (issue 18 #6).
    rows.forEach((r, i) => expect(aoa[i + 1]).toEqual(r.map((v) => (v === null ? '' : /^(?:\d{12,}|0\d+)$/.test(String(v)) ? `\t${v}` : String(v)))));
  });

  const tricky: CellValue[] = [
    '=HYPERLINK("http://x","y")', '+86 138', '-5', '@SUM(A1)', '\tTAB', '\rCR', 'a<b>&"c"', '_x0041_ stays', '  padded  ',
    'line1\nline2', 'ctl\u0001char', '😀 emoji', 'lone \ud800 surrogate', '', 12.5, -3, null,
  ];

  it('never writes a formula, and keeps awkward text intact', () => {
    const bytes = writeWorkbook([{ name: 'T', header: tricky.map((_, i) => `c${i}`), rows: [tricky] }], 'xlsx');
    const { ws, aoa } = readBack(bytes);
    const back = aoa[1]!;
    const expected = tricky.map((v) => (v === '' ? null : v === 'lone \ud800 surrogate' ? 'lone \ufffd surrogate' : v));
    expect(back).toEqual(expected);
    for (let c = 0; c < 6; c++) {
      const cell = ws['!data']?.[1]?.[c] ?? ws[XLSX.utils.encode_cell({ r: 1, c })];
      expect(cell.t).toBe('s');
      expect(cell.f).toBeUndefined();
    }
    expect(zipEntry(bytes, 'xl/worksheets/sheet1.xml')).not.toContain('<f>');
    // A conforming XML parser (Excel's) would turn a raw CR into LF and reject control characters.
    const strings = zipEntry(bytes, 'xl/sharedStrings.xml');
    expect(strings).toContain('_x000D_CR');
    expect(strings).toContain('ctl_x0001_char');
    expect(strings).toContain('_x005F_x0041_ stays');
    expect(strings).not.toMatch(/[\r\u0001]/);
  });

  it('guards formula-like text in CSV with an apostrophe and quotes what needs quoting', () => {
    const text = new TextDecoder().decode(writeWorkbook([{ name: 'T', header: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], rows: [tricky.slice(0, 7)] }], 'csv'));
    const line = text.split('\r\n')[1]!;
    expect(line).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+86 138,'-5,'@SUM(A1),'\tTAB,"'\rCR","a<b>&""c"""`);
  });

  it('writes several sheets with safe unique names, number formats and filters', () => {
    const bytes = writeWorkbook(
      [
        { name: 'Summary/汇总', header: ['清单', '成功率'], rows: [['A', 0.256], ['B', Number.NaN]], numberFormats: { 1: '0.0%' }, autoFilter: true },
        { name: 'summary/汇总', header: ['x'], rows: [[1]], freezeHeader: false },
      ],
      'xlsx',
    );
    const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
    expect(wb.SheetNames).toEqual(['Summary_汇总', 'summary_汇总_2']);
    const first = wb.Sheets[wb.SheetNames[0]!]!;
    const rate = first['!data']?.[1]?.[1] ?? first['B2'];
    expect(rate.v).toBe(0.256);
    expect(rate.z).toBe('0.0%');
    expect(rate.w).toBe('25.6%');
    expect(first['!data']?.[2]?.[1] ?? first['B3']).toBeUndefined();
    expect(first['!autofilter']?.ref).toBe('A1:B3');
    expect(zipEntry(bytes, 'xl/workbook.xml')).toContain('_xlnm._FilterDatabase');
    expect(zipEntry(bytes, 'xl/worksheets/sheet2.xml')).not.toContain('frozen');
  });

  it('refuses what it cannot write', () => {
    expect(() => writeWorkbook([], 'xlsx')).toThrow();
    expect(() => writeWorkbook([{ name: 'a', header: ['x'], rows: [] }, { name: 'b', header: ['x'], rows: [] }], 'csv')).toThrow(/one sheet/);
  });

  it('writes the same bytes for the same input', () => {
    const a = writeWorkbook([{ name: 'S', ...sheet, rows }], 'xlsx');
    const b = writeWorkbook([{ name: 'S', ...sheet, rows }], 'xlsx');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
