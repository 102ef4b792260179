import { readWorkbook } from '../../../core/exchange/read';
import { identityNumberOf } from '../../../core/privacy/identity';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { buildOutcomeSheets } from '../../../core/exchange/outcomes';
import { writeWorkbook, type SheetSpec } from '../../../core/exchange/write';
import { templateSheets } from '../../../core/exchange/catalogue';

/**
 * Issue 18 #4–#5: what a person opens is a spreadsheet, not text — local dates and times are date cells with a
 * date format, column widths follow the text as it shows (a rate under '0.0%' is "41.7%"), and every sheet
 * prints landscape, one page wide, with its header row on every page.
 */
const sheetXml = (bytes: Uint8Array, n = 1): string => {
  const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, `/xl/worksheets/sheet${n}.xml`);
  return Buffer.from(entry!.content as Uint8Array).toString('utf8');
};

const spec: SheetSpec = {
  name: '按清单汇总',
  header: ['清单', '截止日期', '时间', '接触率', '金额'],
  rows: [
    ['A', '2026-11-30', '2026-11-25 09:30:05', 0.41666666666666, 1234567.891],
    ['B', '2026-12-01', '2026-11-25 18:00', 1, 12],
  ],
  dateColumns: [1, 2],
  numberFormats: { 3: '0.0%', 4: '#,##0.00' },
};

describe('workbook layout', () => {
  it('writes local dates and date-times as date cells with date formats', () => {
    const wb = XLSX.read(writeWorkbook([spec], 'xlsx'), { type: 'buffer', cellNF: true, cellDates: false });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    expect(ws.B2).toMatchObject({ t: 'n', z: 'yyyy-mm-dd' });
    expect(XLSX.SSF.format('yyyy-mm-dd', ws.B2!.v as number)).toBe('2026-11-30');
    expect(ws.C2).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm:ss' });
    expect(XLSX.SSF.format('yyyy-mm-dd hh:mm:ss', ws.C2!.v as number)).toBe('2026-11-25 09:30:05');
    expect(XLSX.SSF.format('yyyy-mm-dd hh:mm:ss', ws.C3!.v as number)).toBe('2026-11-25 18:00:00');
  });

  it('sizes columns by the text as it shows, not by the stored digits', () => {
    const xml = sheetXml(writeWorkbook([spec], 'xlsx'));
    const widths = [...xml.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map((m) => Number(m[2]));
    // 接触率: the header (6) is wider than "41.7%" (5); the money column shows "1,234,567.89" (12).
    expect(widths[3]).toBe(8);
    expect(widths[4]).toBe(14);
    expect(widths[2]).toBe(21); // a date-time shows as 19 characters
  });

  it('prints landscape, one page wide, the header row on every page', () => {
    const bytes = writeWorkbook([spec, { ...spec, name: 'Second' }], 'xlsx');
    const xml = sheetXml(bytes);
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
    const workbook = Buffer.from(XLSX.CFB.find(XLSX.CFB.read(bytes, { type: 'buffer' }), '/xl/workbook.xml')!.content as Uint8Array).toString('utf8');
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'按清单汇总'!$1:$1</definedName>`);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Second'!$1:$1</definedName>`);
  });

  it("the outcome file's local times are date cells; its UTC columns stay exact text for the merge", () => {
    const sheets = buildOutcomeSheets(
      {
        tasks: [],
        attempts: [{ id: 'a1', msisdn: '13812346886', agentId: 'A001', channel: 'phone', at: '2026-11-25T01:30:05.123Z', disposition: 'no_answer', reason: null, competitor: null, offerCode: null, callbackAt: null, note: null }],
        feedback: [],
        notes: [],
      },
      'zh-CN',
      { timeZone: 'Asia/Shanghai' },
    );
    const wb = XLSX.read(writeWorkbook(sheets, 'xlsx'), { type: 'buffer', cellNF: true });
    const ws = wb.Sheets[wb.SheetNames[1]!]!;
    expect(ws.F2).toMatchObject({ t: 's', v: '2026-11-25T01:30:05.123Z' });
    expect(ws.G2).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm:ss' });
    expect(XLSX.SSF.format('yyyy-mm-dd hh:mm:ss', ws.G2!.v as number)).toBe('2026-11-25 09:30:05');
  });

  it('an explicit width never clips its header', () => {
    const xml = sheetXml(writeWorkbook([{ name: 'Plans', header: ['short', '套餐月费（元，含税）'], rows: [], widths: [14, 6] }], 'xlsx'));
    const widths = [...xml.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(widths).toEqual([16, 22]); // ten wide characters are 20 columns, plus the margin
  });

  it("the work-list template's phone and identity columns are text-formatted", () => {
    const [sheet] = templateSheets('worklist', 'zh-CN');
    const xml = sheetXml(writeWorkbook([sheet!], 'xlsx'));
    const header = sheet!.header;
    const styled = [...xml.matchAll(/<col min="(\d+)" max="\d+" width="[\d.]+" style="(\d+)"/g)].map((m) => header[Number(m[1]) - 1]);
    expect(styled).toEqual(['手机号码', '身份证号']);
    expect(styled).toHaveLength(2);
  });

  it('total rows come after the data in bold with the columns\' formats, outside the filter; footnotes follow in plain text', () => {
    const bytes = writeWorkbook([{ ...spec, autoFilter: true, totalRows: [['合计', null, null, 0.5, 1234579.891]], footnotes: ['注：合计按各行相加。'] }], 'xlsx');
    const xml = sheetXml(bytes);
    expect(xml).toContain('<autoFilter ref="A1:E3"/>');
    expect(xml).toContain('<dimension ref="A1:E5"/>');
    const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true, cellStyles: true });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    expect(ws.A4).toMatchObject({ t: 's', v: '合计' });
    expect(ws.D4).toMatchObject({ t: 'n', v: 0.5, z: '0.0%' });
    expect(ws.E4).toMatchObject({ t: 'n', z: '#,##0.00' });
    expect(ws.A5).toMatchObject({ t: 's', v: '注：合计按各行相加。' });
    // CSV has no bold: the totals and the note are plain rows after the data.
    const csv = Buffer.from(writeWorkbook([{ ...spec, totalRows: [['合计', null, null, 0.5, 3]], footnotes: ['注'] }], 'csv')).toString('utf8');
    expect(csv.split('\r\n').slice(-3)).toEqual(['合计,,,0.5,3', '注,,,,', '']);
  });

  // Another reader than ours and SheetJS: openpyxl (Debian's python3-openpyxl, which .ci/run installs; Debian's
  // own python3 first, since a python3 earlier on PATH may lack it).
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
  if (!python) console.warn('write-layout: skipping the openpyxl round trip (apt-get install python3-openpyxl to run it)');
  it.skipIf(!python)('openpyxl reads the dates as datetimes and the print set-up as written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-layout-'));
    try {
      const file = path.join(dir, 'layout.xlsx');
      fs.writeFileSync(file, writeWorkbook([{ ...spec, totalRows: [['合计', null, null, 0.5, 99]], footnotes: ['注'] }], 'xlsx'));
      fs.writeFileSync(path.join(dir, 'template.xlsx'), writeWorkbook(templateSheets('worklist', 'zh-CN'), 'xlsx'));
      const script = `
import openpyxl, json, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
print(json.dumps({
  "b2": ws["B2"].value.isoformat(), "c2": ws["C2"].value.isoformat(), "d2": ws["D2"].number_format,
  "orientation": ws.page_setup.orientation, "fitToWidth": ws.page_setup.fitToWidth, "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage,
  "titles": str(ws.print_title_rows),
  "totalBold": [ws.cell(4, c).font.b for c in (1, 4, 5)], "totalFormat": ws["D4"].number_format, "dataBold": ws["A2"].font.b, "noteBold": ws["A5"].font.b,
  "templatePhone": openpyxl.load_workbook(sys.argv[2]).active.column_dimensions["A"].number_format}))`;
      const r = spawnSync(python!, ['-c', script, file, path.join(dir, 'template.xlsx')], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({
        b2: '2026-11-30T00:00:00', c2: '2026-11-25T09:30:05', d2: '0.0%', orientation: 'landscape', fitToWidth: 1, fitToPage: true, titles: '$1:$1', templatePhone: '@',
        totalBold: [true, true, true], totalFormat: '0.0%', dataBold: false, noteBold: false,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('CSV keeps long digit strings as text in a spreadsheet: 12+ digits or a leading zero go after a tab, quoted (issue 18 #6)', () => {
    const csv = Buffer.from(writeWorkbook([{ name: 'S', header: ['身份证号', '号码', '编码', '金额'], rows: [['110105199001011232', '13812346886', '00123', 1.5]] }], 'csv')).toString('utf8');
    expect(csv.split('\r\n')[1]).toBe('"\t110105199001011232",13812346886,"\t00123",1.5');
    // what a spreadsheet opens as text, our reader hands back with the tab; the normalisers trim it
    const rows = readWorkbook(Buffer.from(csv, 'utf8'), { maxBytes: 1e6, maxRows: 10, maxColumns: 10 }).rows('S');
    expect(String(rows[1]![0]).trim()).toBe('110105199001011232');
    expect(identityNumberOf(String(rows[1]![0]))).toBe('110105199001011232');
  });
});
