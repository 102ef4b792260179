import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { demoWorkListSheet } from '../../../core/demo/workbook';
import { decodeText, detectTextEncoding, ExchangeError, readWorkbook, readZipDirectory, sniffFormat, type ReadOptions } from '../../../core/exchange/read';
import { writeWorkbook } from '../../../core/exchange/write';
import { findHeaderRow, matchHeaders } from '../../../core/worklist/headers';
import { createRowNormalizer, type RowResult } from '../../../core/worklist/rows';
import { lyingSizeZip } from '../../support/hostile-files';

const fixtures = fileURLToPath(new URL('../../fixtures/worklists/', import.meta.url));
const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
const limits: ReadOptions = { maxBytes: 10 * 1024 * 1024, maxRows: 1000, maxColumns: 200 };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function exchangeError(f: () => unknown): ExchangeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ExchangeError);
    return e as ExchangeError;
  }
  throw new Error('expected an ExchangeError');
}

/** The raw rows of the fixture sheet (tests/fixtures/worklists/make-fixtures.py) as every reader should give them. */
const ID1 = '110105199001011232';
const expectedRows: unknown[][] = [
  ['临江市2026年11月合约到期维系清单'],
  ['导出日期：2026-11-23'],
  ['手机号码 ', '客户姓名', '身份证号', '入网时间', '（近三月ARPU）', '套餐月费(元)', '异网通话占比', '双卡标识', '免打扰', '合约到期日', '积分', '备注', '最近营销日期', '宽带融合', 'ＭＳＩＳＤＮ'],
  ['13812346886', '张三', ID1, '2023-04-12', 128.5, 88, 0.35, '移动+联通', '是', '2027-01-31', 1200, '00123', '2026-10-08 10:30:00', 1, '13812346886'],
  [13900001111, '李四', '110105850304123', '2019-12-31', 1234.56, 128, 0.12, '无', '否', null, 0, 'abc  def', '2026-11-01 09:00:00', 0],
  ['1.38888E+10', '王五', 'ABC123', '1900-03-01', null, 18, 0, '电信', 'N', '2026-12-15', 35],
  [],
  ['+86 139 0000 2222', '赵六', null, '2026/1/5', '1,234.5', 256, '35%', '是', 'Y', '2026年12月31日', '#DIV/0!', 'VIP客户', null, 1],
  ['139-0000-3333', 'Zhou  Qi', '44030619780615004x', 46349, 99, 58, 0.2, '无', '否', '2099-12-31', 1.5, '=SUM(A1)', null, 0],
];

/** Empty cells inside a row come back as null or undefined depending on the format; compare them alike. */
const tidy = (rows: unknown[][]): unknown[][] =>
  rows.map((r) => {
    const out = r.map((v) => (v === undefined ? null : typeof v === 'boolean' ? Number(v) : v));
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  });

describe('sniffFormat', () => {
  it.each([
    ['libreoffice.xlsx', 'xlsx'],
    ['openpyxl.xlsx', 'xlsx'],
    ['libreoffice.xls', 'xls'],
    ['libreoffice.ods', 'ods'],
    ['excel-export-gbk.csv', 'csv'],
  ])('%s is %s', (name, format) => expect(sniffFormat(fixture(name))).toBe(format));

  it('tells other files apart by content, not name', () => {
    expect(sniffFormat(new Uint8Array(0))).toBe('unknown');
    expect(sniffFormat(utf8('<html><body><table><tr><td>手机号码</td></tr></table></body></html>'))).toBe('html');
    expect(sniffFormat(utf8('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'))).toBe('spreadsheetml');
    expect(sniffFormat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe('unknown');
    expect(sniffFormat(Uint8Array.from([0x09, 0x00, 0x04, 0x00, 0x02, 0x00, 0x10, 0x00]))).toBe('xls');
    // A Word document is a zip too.
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '[Content_Types].xml', utf8('<Types/>'));
    XLSX.CFB.utils.cfb_add(cfb, 'word/document.xml', utf8('<w:document/>'));
    expect(sniffFormat(new Uint8Array(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer' })))).toBe('unknown');
  });

  it('recognises an encrypted Office file, which is a compound file holding the encrypted package', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', new Uint8Array(64));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { fileType: 'cfb', type: 'buffer' }));
    expect(sniffFormat(bytes)).toBe('encrypted-office');
    expect(exchangeError(() => readWorkbook(bytes, limits))).toMatchObject({ code: 'needs-password', messageCode: 'file.needs-password' });
  });
});

describe('decodeText', () => {
  const text = '手机号码,客户姓名\r\n13812346886,张三\r\n';
  it('reads UTF-8 with and without BOM, UTF-16 with BOM, and GBK', () => {
    expect(decodeText(utf8(text))).toBe(text);
    expect(decodeText(utf8('\ufeff' + text))).toBe(text);
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(detectTextEncoding(le)).toBe('utf-16le');
    expect(decodeText(le)).toBe(text);
    const be = le.slice();
    be.set([0xfe, 0xff]);
    for (let i = 2; i < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    expect(decodeText(be)).toBe(text);
    const gbk = fixture('excel-export-gbk.csv');
    expect(detectTextEncoding(gbk)).toBe('gb18030');
    expect(decodeText(gbk)).toContain('临江市2026年11月合约到期维系清单');
    expect(decodeText(gbk)).toContain('（近三月ARPU）');
    expect(detectTextEncoding(utf8('plain ascii'))).toBe('utf-8');
  });
});

describe('readWorkbook on files written by other programs', () => {
  it.each(['libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods', 'openpyxl.xlsx'])('%s reads to the expected cells', (name) => {
    const wb = readWorkbook(fixture(name), limits);
    expect(wb.sheets.map((s) => [s.name, s.rowCount, s.columnCount])).toEqual([
      ['维系清单', 9, 15],
      ['参数', 3, 2],
    ]);
    // The second sheet is hidden in each (ODS says so with its table style's table:display, which our ODS reader reads).
    expect(wb.sheets[1]!.hidden).toBe(true);
    const rows = tidy(wb.rows('维系清单'));
    const expected = tidy(structuredClone(expectedRows));
    // ODF keeps no trailing space in a cell's text.
    if (name.endsWith('.ods')) expected[2]![0] = '手机号码';
    // Formulas are never calculated: openpyxl stores none of their results; LibreOffice's .xls export keeps
    // no cached result for a text formula, which SheetJS then reads as 0.
    if (name === 'openpyxl.xlsx') {
      expected[7] = ['+86 139 0000 2222', '赵六', null, '2026/1/5', '1,234.5', null, '35%', '是', 'Y', '2026年12月31日', null, null, null, 1];
    }
    if (name === 'libreoffice.xls') expected[7]![11] = 0;
    expect(rows).toEqual(expected);
  });

  it('reads an Excel CSV export in GBK to the same cells as text', () => {
    const wb = readWorkbook(fixture('excel-export-gbk.csv'), limits);
    expect(wb.format).toBe('csv');
    expect(wb.encoding).toBe('gb18030');
    const rows = wb.rows('anything');
    expect(rows[3]).toEqual(['13812346886', '张三', ID1, '2023/4/12', '128.5', '88', '35%', '移动+联通', '是', '2027/1/31', '1200', '00123', '2026/10/8 10:30', 'TRUE', '13812346886']);
    expect(rows[4]![0]).toBe('13900001111');
    expect(rows[5]![0]).toBe('1.38888E+10');
    expect(rows[8]![11]).toBe('=SUM(A1)');
  });

  it('reads the same CSV alike in GBK, UTF-8 without BOM, UTF-8 with BOM and UTF-16', () => {
    const gbk = readWorkbook(fixture('excel-export-gbk.csv'), limits).rows('x');
    const text = decodeText(fixture('excel-export-gbk.csv'));
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    for (const [bytes, encoding] of [[utf8(text), 'utf-8'], [utf8('\ufeff' + text), 'utf-8'], [utf16, 'utf-16le']] as const) {
      const wb = readWorkbook(bytes, limits);
      expect(wb.encoding).toBe(encoding);
      expect(wb.rows('x')).toEqual(gbk);
    }
    expect(gbk[2]![0]).toBe('手机号码 ');
  });

  it('gives the same records from every format once normalised', () => {
    const records = (name: string): RowResult[] => {
      const wb = readWorkbook(fixture(name), limits);
      const rows = wb.rows(wb.sheets[0]!.name);
      const h = findHeaderRow(rows);
      expect(h).toBe(2);
      const n = createRowNormalizer(matchHeaders(rows[h]!, undefined, { dataRows: rows.slice(h + 1) }), { hashId: (id) => `#${id.length}`, today: '2026-11-23' });
      return rows.slice(h + 1).map((cells, i) => {
        const r = n(cells, h + 2 + i);
        // Formula columns differ by writer (see above); everything else must not.
        if (r.record) {
          delete r.record.fields.plan_fee;
          delete r.record.extra['积分'];
          delete r.record.extra['备注'];
        }
        return { ...r, issues: r.issues.filter((x) => x.column !== '积分' && x.column !== '套餐月费(元)') };
      });
    };
    const reference = records('libreoffice.xlsx');
    expect(reference.map((r) => r.record?.msisdn ?? r.issues[0]?.code ?? 'empty')).toEqual([
      '13812346886', '13900001111', 'msisdn.lost-digits', 'empty', '13900002222', '13900003333',
    ]);
    expect(reference[0]!.record?.fields).toMatchObject({ join_date: '2023-04-12', arpu_avg3: 128.5, offnet_ratio_cur: 0.35, dual_sim: '移动+联通', do_not_disturb: 1, contract_end: '2027-01-31', last_marketed: '2026-10-08', broadband: 1 });
    expect(reference[4]!.record?.fields).toMatchObject({ join_date: '2026-01-05', arpu_avg3: 1234.5, offnet_ratio_cur: 0.35, contract_end: '2026-12-31' });
    for (const name of ['libreoffice.xls', 'libreoffice.ods', 'openpyxl.xlsx', 'excel-export-gbk.csv']) {
      const other = records(name);
      expect(other, name).toEqual(reference);
    }
  });

  it('reads HTML tables saved as .xls, keeping cells as text', () => {
    const html = '<html><head><meta charset="utf-8"></head><body><table><tr><td>手机号码</td><td>编号</td></tr><tr><td>13812346886</td><td>00123</td></tr></table></body></html>';
    const wb = readWorkbook(utf8(html), limits);
    expect(wb.format).toBe('html');
    expect(tidy(wb.rows(wb.sheets[0]!.name))).toEqual([['手机号码', '编号'], ['13812346886', '00123']]);
  });
});

describe('readWorkbook on our own files', () => {
  const sheet = demoWorkListSheet({ seed: 11, count: 300, today: '2026-11-23' });
  const spec = { name: '清单', header: sheet.header, rows: sheet.rows, dateColumns: sheet.dateColumns };

  it.each(['xlsx', 'csv'] as const)('round-trips a demo work list through %s', (bookType) => {
    const wb = readWorkbook(writeWorkbook([spec], bookType), { ...limits, maxRows: 400 });
    const rows = wb.rows('清单');
    expect(rows[0]).toEqual(sheet.header);
    const normalizeFile = createRowNormalizer(matchHeaders(rows[0]!), { hashId: (id) => id.slice(-4), today: '2026-11-23' });
    const normalizeSource = createRowNormalizer(matchHeaders(sheet.header), { hashId: (id) => id.slice(-4), today: '2026-11-23' });
    let i = 0;
    for (const source of sheet.rows) {
      i++;
      expect(normalizeFile(rows[i]!, i + 1)).toEqual(normalizeSource(source, i + 1));
    }
    expect(i).toBe(300);
  });

  it('takes the formula guard off CSV text again', () => {
    const texts = ['=SUM(A1)', '+86 138 1234 6886', '-3', '@x', "'quoted", '普通'];
    const bytes = writeWorkbook([{ name: 's', header: ['备注'], rows: texts.map((t) => [t]) }], 'csv');
    expect(decodeText(bytes)).toContain("'=SUM(A1)");
    expect(readWorkbook(bytes, limits).rows('s').slice(1).map((r) => r[0])).toEqual(texts);
  });
});

describe('readWorkbook limits', () => {
  it('refuses a file over maxBytes before reading it', () => {
    expect(exchangeError(() => readWorkbook(fixture('libreoffice.xlsx'), { ...limits, maxBytes: 1000 }))).toMatchObject({
      code: 'too-large',
      messageCode: 'file.too-large',
    });
  });

  it.each(['libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods', 'excel-export-gbk.csv'])('refuses %s with more rows or columns than allowed', (name) => {
    expect(exchangeError(() => readWorkbook(fixture(name), { ...limits, maxRows: 8 }))).toMatchObject({
      code: 'too-large',
      messageCode: 'file.too-many-rows',
      params: { sheet: expect.any(String), limit: 8 },
    });
    expect(readWorkbook(fixture(name), { ...limits, maxRows: 9 }).sheets[0]!.rowCount).toBe(9);
    expect(exchangeError(() => readWorkbook(fixture(name), { ...limits, maxColumns: 14 }))).toMatchObject({
      code: 'too-large',
      messageCode: 'file.too-many-columns',
      params: { columns: 15, limit: 14 },
    });
  });

  it('reads a preview of the first rows without a row limit', () => {
    const wb = readWorkbook(fixture('libreoffice.xlsx'), { ...limits, maxRows: 2, previewRows: 4 });
    expect(wb.rows('维系清单')).toHaveLength(4);
    expect(wb.sheets[0]!.rowCount).toBe(9);
  });

  it('reads one chosen sheet, and says which sheet is missing', () => {
    const wb = readWorkbook(fixture('libreoffice.xlsx'), { ...limits, sheet: '参数' });
    expect(wb.sheets.map((s) => s.rowCount)).toEqual([-1, 3]);
    expect(wb.rows('参数')[1]).toEqual(['钻石卡', 300]);
    expect(exchangeError(() => readWorkbook(fixture('libreoffice.xlsx'), { ...limits, sheet: '清单' }))).toMatchObject({
      code: 'bad-file',
      messageCode: 'file.sheet-missing',
      params: { sheet: '清单' },
    });
  });

  it('calls an empty file empty', () => {
    expect(exchangeError(() => readWorkbook(new Uint8Array(0), limits)).code).toBe('empty');
    expect(exchangeError(() => readWorkbook(utf8('\ufeff  \r\n'), limits)).code).toBe('empty');
    const blank = writeWorkbook([{ name: 'x', header: [], rows: [] }], 'xlsx');
    expect(exchangeError(() => readWorkbook(blank, limits))).toMatchObject({ code: 'empty', messageCode: 'file.empty' });
  });

  it('refuses a zip whose declared unpacked size is over the limit', () => {
    const bytes = fixture('libreoffice.xlsx').slice();
    const entries = readZipDirectory(bytes);
    expect(entries.some((e) => e.name === 'xl/worksheets/sheet1.xml')).toBe(true);
    expect(exchangeError(() => readWorkbook(bytes, { ...limits, maxUnpackedBytes: 10_000 }))).toMatchObject({
      code: 'too-large',
      messageCode: 'file.unpacked-too-large',
      params: { limit: 0 },
    });
    // A central directory that claims 2 GB for the sheet.
    const view = new DataView(bytes.buffer);
    let p = bytes.length - 22;
    const cd = view.getUint32(p + 16, true);
    for (p = cd; view.getUint32(p, true) === 0x02014b50; p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)) {
      const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + view.getUint16(p + 28, true)));
      if (name === 'xl/worksheets/sheet1.xml') view.setUint32(p + 24, 0x7fffffff, true);
    }
    expect(exchangeError(() => readWorkbook(bytes, limits))).toMatchObject({ code: 'too-large', messageCode: 'file.unpacked-too-large' });
  });
});

describe('readWorkbook on files built to exhaust the reader', () => {
  const odsWith = (row: string): Uint8Array => {
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, 'mimetype', utf8('application/vnd.oasis.opendocument.spreadsheet'));
    XLSX.CFB.utils.cfb_add(
      zip,
      'content.xml',
      utf8(
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">' +
          `<office:body><office:spreadsheet><table:table table:name="清单">${row}</table:table></office:spreadsheet></office:body></office:document-content>`,
      ),
    );
    XLSX.CFB.utils.cfb_add(zip, 'styles.xml', utf8('<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'));
    XLSX.CFB.utils.cfb_add(zip, 'META-INF/manifest.xml', utf8('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'));
    return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer' }));
  };
  const value = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>';

  it('refuses ODF rows and cells repeated past the limits before SheetJS expands them', () => {
    const rows = odsWith(`<table:table-row table:number-rows-repeated="100000000">${value}</table:table-row>`);
    expect(exchangeError(() => readWorkbook(rows, limits))).toMatchObject({ code: 'too-large', messageCode: 'file.too-many-rows', params: { sheet: '清单' } });
    const cells = odsWith(`<table:table-row>${value.replace('<table:table-cell ', '<table:table-cell table:number-columns-repeated="100000000" ')}</table:table-row>`);
    expect(exchangeError(() => readWorkbook(cells, limits))).toMatchObject({ code: 'too-large', messageCode: 'file.too-many-columns' });
    const many = odsWith(`<table:table-row table:number-rows-repeated="600">${value}</table:table-row>`.repeat(2));
    expect(exchangeError(() => readWorkbook(many, limits)).messageCode).toBe('file.too-many-rows');
  });

  it('reads ODF files with LibreOffice’s long runs of empty rows and cells', () => {
    const bytes = odsWith(
      `<table:table-row>${value}<table:table-cell table:number-columns-repeated="16383"/></table:table-row>` +
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
    );
    const wb = readWorkbook(bytes, limits);
    expect(wb.sheets).toEqual([{ name: '清单', rowCount: 1, columnCount: 1, hidden: false }]);
  });

  it('refuses an xlsx cell reference beyond Excel’s last row instead of letting SheetJS allocate to it', () => {
    const zip = XLSX.CFB.read(fixture('libreoffice.xlsx'), { type: 'buffer' });
    const index = zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'));
    // An ISO date cell makes the plain reader hand the sheet to SheetJS; the reference would then cost gigabytes.
    const xml = new TextDecoder().decode(zip.FileIndex[index].content).replace(/<c r="A4"([^>]*?) t="s"/, '<c r="A299999999"$1 t="d"');
    expect(xml).toContain('A299999999');
    zip.FileIndex[index].content = utf8(xml);
    const bytes = new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer' }));
    expect(exchangeError(() => readWorkbook(bytes, limits))).toMatchObject({ code: 'bad-file', messageCode: 'file.corrupt' });
  });
});

describe('readWorkbook on damaged files', () => {
  it.each(['libreoffice.xlsx', 'openpyxl.xlsx', 'libreoffice.ods'])('calls %s cut in half truncated', (name) => {
    const bytes = fixture(name);
    expect(exchangeError(() => readWorkbook(bytes.slice(0, bytes.length >> 1), limits))).toMatchObject({ code: 'truncated', messageCode: 'file.truncated' });
    expect(exchangeError(() => readWorkbook(bytes.slice(0, bytes.length - 10), limits)).code).toBe('truncated');
  });

  it('refuses libreoffice.xls cut short', () => {
    const bytes = fixture('libreoffice.xls');
    expect(exchangeError(() => readWorkbook(bytes.slice(0, bytes.length >> 1), limits)).code).toMatch(/^(truncated|bad-file)$/);
    expect(exchangeError(() => readWorkbook(bytes.slice(0, 1000), limits)).code).toBe('truncated');
  });

  it('refuses random bytes, with or without a zip or compound-file header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.constantFrom([], [0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), (body, head) => {
        const bytes = new Uint8Array(head.length + body.length);
        bytes.set(head);
        bytes.set(body, head.length);
        try {
          readWorkbook(bytes, limits);
        } catch (e) {
          expect(e).toBeInstanceOf(ExchangeError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses random bytes as a file of unknown kind', () => {
    const noise = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) % 251);
    expect(exchangeError(() => readWorkbook(noise, limits))).toMatchObject({ code: 'bad-file', messageCode: 'file.unknown-format' });
  });
});

describe('lying zip sizes without Node\'s zlib', () => {
  it('are bounded by the declared sizes: SheetJS\'s own inflater writes no entry past what it declared', () => {
    // This file does not set up Node's zlib (tests/unit/exchange/read-hostile.test.ts does, as the backend).
    const book = writeWorkbook([{ name: '清单', header: ['手机号码'], rows: [['13800138000']] }], 'xlsx');
    const bytes = lyingSizeZip(book, { entries: 4, inflatedBytes: 8 * 1024 * 1024 });
    const read = readWorkbook(bytes, { ...limits, maxUnpackedBytes: 1024 * 1024 });
    expect(read.sheets).toEqual([{ name: '清单', rowCount: 2, columnCount: 1, hidden: false }]);
  });
});

describe('zlib limit', () => {
  it('stops Node inflating an entry past the limit, as SheetJS calls it', async () => {
    const { limitInflate } = await import('../../../core/exchange/read');
    const limited = limitInflate(zlib, 1024 * 1024);
    const bomb = zlib.deflateRawSync(new Uint8Array(8 * 1024 * 1024));
    const ok = new limited.InflateRaw() as unknown as { _processChunk(b: Uint8Array, flag: number): Uint8Array; _finishFlushFlag: number };
    expect(() => ok._processChunk(bomb, ok._finishFlushFlag)).toThrow(RangeError);
    const small = zlib.deflateRawSync(new Uint8Array(1000));
    const again = new limited.InflateRaw() as unknown as typeof ok;
    expect(again._processChunk(small, again._finishFlushFlag)).toHaveLength(1000);
    expect(limited.deflateRawSync).toBe(zlib.deflateRawSync);
  });
});
