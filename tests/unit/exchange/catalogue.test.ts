import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import {
  offerSheet,
  parseOfferRows,
  parsePlanRows,
  planSheet,
  readCatalogueFile,
  templateSheets,
  type CatalogueKind,
} from '../../../core/exchange/catalogue';
import { writeWorkbook, type SheetSpec } from '../../../core/exchange/write';
import { formatMessage } from '../../../core/i18n';
import type { Offer } from '../../../core/offers/catalogue';
import { defaultOffers, defaultPlans } from '../../../core/offers/default-catalogue';
import { canonicalFields } from '../../../core/worklist/fields';

function roundTrip(sheet: SheetSpec, kind: CatalogueKind, book: 'xlsx' | 'csv' = 'xlsx') {
  const read = readCatalogueFile(writeWorkbook([sheet], book), kind);
  if (!read.ok) throw new Error(read.code);
  return read;
}

describe('catalogue workbooks', () => {
  it('round-trips the default offers and plans with Chinese headers', () => {
    const offers = roundTrip(offerSheet(defaultOffers), 'offers');
    const parsed = parseOfferRows(offers.rows);
    expect(parsed.issues).toEqual([]);
    expect(parsed.items).toEqual(defaultOffers);
    const plans = roundTrip(planSheet(defaultPlans), 'plans');
    expect(parsePlanRows(plans.rows).items).toEqual(defaultPlans);
  });

  it('names the weekly budget as the screen does (每周名额), and still reads a file exported under 每周预算(次)', () => {
    const sheet = offerSheet(defaultOffers);
    expect(sheet.header).toContain('每周名额(个)');
    const old: SheetSpec = { ...sheet, header: sheet.header.map((h) => (h === '每周名额(个)' ? '每周预算(次)' : h)) };
    expect(parseOfferRows(roundTrip(old, 'offers').rows).items).toEqual(defaultOffers);
    // The screen shows an empty budget as 不限; typed so in the file it is read as empty (it refused the row).
    const col = sheet.header.indexOf('每周名额(个)');
    const rows = [...sheet.rows].map((r) => r.map((v, i) => (i === col ? '不限' : v)));
    const read = parseOfferRows(roundTrip({ ...sheet, rows }, 'offers').rows);
    expect(read.issues).toEqual([]);
    expect(read.items.every((o) => o.weekly_budget === null)).toBe(true);
  });

  it('a negative whole number is refused as out of range, not as "not a whole number" (found by a new supervisor)', () => {
    const sheet = offerSheet(defaultOffers.slice(0, 1));
    const col = sheet.header.indexOf('每周名额(个)');
    const rows = [...sheet.rows].map((r) => r.map((v, i) => (i === col ? -3 : v)));
    const read = parseOfferRows(roundTrip({ ...sheet, rows }, 'offers').rows);
    expect(read.issues.map((i) => i.code)).toEqual(['catalogue.range']);
    expect(formatMessage('zh-CN', read.issues[0]!.code, read.issues[0]!.params)).toMatch(/应在 0 到 .+ 之间，这里是 -3/u);
  });

  it('round-trips with English headers, and as CSV', () => {
    const offers = roundTrip(offerSheet(defaultOffers, 'en'), 'offers');
    expect(offers.rows[0]![0]).toBe('Offer code');
    expect(parseOfferRows(offers.rows).items).toEqual(defaultOffers);
    const plans = roundTrip(planSheet(defaultPlans, 'en'), 'plans', 'csv');
    // The reader took the CSV writer's formula guards off already.
    expect(parsePlanRows(plans.rows).items).toEqual(defaultPlans);
  });

  it('keeps formula-looking scripts as text, in xlsx and CSV, with line breaks and validity dates', () => {
    const tricky: Offer = {
      ...defaultOffers[0]!,
      code: 'TRICKY',
      script: '=HYPERLINK("http://x","点我")\n第二段：+86 客服',
      description: '@SUM(A1:A2)',
      valid_from: '2026-01-01',
      valid_to: '2026-12-31',
      weekly_budget: null,
      active: false,
    };
    for (const book of ['xlsx', 'csv'] as const) {
      const read = roundTrip(offerSheet([tricky]), 'offers', book);
      const parsed = parseOfferRows(read.rows);
      expect(parsed.issues).toEqual([]);
      expect(parsed.items).toEqual([tricky]);
    }
  });

  it('reads a follow-up (回访方式 + 回访天数, issue 17 #4); one without the other, or an unknown kind, is refused at its cell', () => {
    const rows = [
      ['政策编码', '政策名称', '类别', '渠道', '回访方式', '回访天数'],
      ['VISIT_7', '迁移', '迁移类', '外呼', '上门回访', '7'],
      ['CALL_3', '试用', '流量类', '外呼', '回访电话', '3'],
      ['NO_FOLLOW_UP', '无回访', '流量类', '外呼', '', ''],
      ['NO_DAYS', '缺天数', '流量类', '外呼', '回访电话', ''],
      ['BAD_KIND', '坏方式', '流量类', '外呼', '飞鸽', '3'],
    ];
    const r = parseOfferRows(rows);
    expect(r.items.map((o) => [o.code, o.follow_up_kind, o.follow_up_days])).toEqual([['VISIT_7', 'visit', 7], ['CALL_3', 'call', 3], ['NO_FOLLOW_UP', null, null]]);
    expect(r.issues.map((i) => [i.row, i.columnLetter, i.code])).toEqual([[5, 'F', 'catalogue.follow-up-incomplete'], [6, 'E', 'catalogue.follow-up-kind']]);
  });

  it('a code that reads like a null word (NONE, NA, NULL) is a code, and a dash in the code column is refused, never a row dropped in silence', () => {
    const rows = [
      ['政策编码', '政策名称', '类别', '渠道'],
      ['NONE', '无优惠', '其他', '外呼'],
      ['NA', '北美', '其他', '外呼'],
      ['-', '横线', '其他', '外呼'],
    ];
    const r = parseOfferRows(rows);
    expect(r.items.map((o) => o.code)).toEqual(['NONE', 'NA']);
    expect(r.issues.map((i) => [i.row, i.columnLetter, i.code])).toEqual([[4, 'A', 'catalogue.code']]);
    expect(parsePlanRows([['套餐编码', '套餐名称', '月费(元)'], ['NULL', '空号套餐', '18']]).items.map((p) => p.code)).toEqual(['NULL']);
  });

  it('reports bad rows with row, column and a reason, imports the good ones', () => {
    const rows = [
      ['维系政策目录 2026'],
      ['政策编码', '政策名称', '类别', '渠道', '成本(元)', '规则(JSON)', '生效日期', '失效日期', '备注'],
      ['OK_1', '好政策', '合约类', '外呼、短信', '12.5', '', '', '', 'x'],
      ['BAD COST', '坏成本', '合约', '外呼', 'abc', '', '', '', ''],
      ['BAD_COST', '坏成本', '合约', '外呼', 'abc', '', '', '', ''],
      ['BAD_CH', '坏渠道', '合约', '飞鸽传书', '1', '', '', '', ''],
      ['BAD_RULE', '坏规则', '合约', '外呼', '1', '{"eligible":[{"field":"arpu_avg3","op":"=>","value":1}]}', '', '', ''],
      ['BAD_JSON', '坏JSON', '合约', '外呼', '1', '{eligible', '', '', ''],
      ['BAD_DATES', '日期反了', '合约', '外呼', '1', '', '2026-12-01', '2026-01-01', ''],
      ['OK_1', '重复', '合约', '外呼', '1', '', '', '', ''],
      [],
      ['', '没有编码', '合约', '外呼', '1', '', '', '', ''],
    ];
    const r = parseOfferRows(rows);
    expect(r.headerOk).toBe(true);
    expect(r.items.map((o) => o.code)).toEqual(['OK_1']);
    expect(r.items[0]).toMatchObject({ cost: 12.5, channels: ['phone', 'sms'], category: 'contract', cooldown_days: 30, active: true, rules: {} });
    expect(r.read).toBe(9);
    expect(r.rejected).toBe(8);
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.columnLetter, i.code]);
    expect(errors).toEqual([
      [4, 'A', 'catalogue.code'],
      [4, 'E', 'catalogue.number'],
      [5, 'E', 'catalogue.number'],
      [6, 'D', 'catalogue.channel'],
      [7, 'F', 'rule.op'],
      [8, 'F', 'catalogue.rules-json'],
      [9, 'H', 'catalogue.dates-order'],
      [10, 'A', 'catalogue.code-repeated'],
      [12, 'A', 'catalogue.required'],
    ]);
    expect(r.issues.find((i) => i.code === 'catalogue.header.unknown')).toMatchObject({ row: 2, columnLetter: 'I', severity: 'warning' });
    // The condition language's own words, with the place inside the rule.
    const rule = r.issues.find((i) => i.code === 'rule.op')!;
    expect(formatMessage('zh-CN', rule.code, rule.params)).toBe('可推荐条件第 1 条（eligible[0]）：近三月ARPU的比较方式“=>”无效（可用：> >= < <= = != in not-in present empty days-ago days-until）');
    // Bad JSON is said in the reader's language, with where it goes wrong (not the JavaScript engine's English).
    const json = r.issues.find((i) => i.code === 'catalogue.rules-json')!;
    expect(formatMessage('zh-CN', json.code, json.params)).toBe('“规则(JSON)”不是合法的 JSON：第 2 个字符处有误，这一行未导入');
    expect(formatMessage('en', json.code, json.params)).toBe('"Rules (JSON)" is not valid JSON: wrong at character 2; the row was not imported');
    const cut = parseOfferRows([rows[1]!, ['CUT', '断了', '合约', '外呼', '1', '{"eligible":[', '', '', '']]).issues.find((i) => i.code === 'catalogue.rules-json-cut')!;
    expect(formatMessage('zh-CN', cut.code, cut.params)).toBe('“规则(JSON)”不是合法的 JSON：内容不完整（结尾缺少括号或引号），这一行未导入');
    const cost = r.issues.find((i) => i.row === 5)!;
    expect(formatMessage('en', cost.code, cost.params)).toBe('"Cost (yuan)" (成本(元)) must be a number; here it is "abc". The row was not imported');
  });

  it('imports a rule on an extra column the workspace lacks, with a warning on its row and cell', () => {
    const rows = [
      ['政策编码', '政策名称', '类别', '渠道', '成本(元)', '规则(JSON)'],
      ['CAR', '车主关怀', '业务类', '营业厅', '10', '{"eligible":[{"column":"有车一族","op":"=","value":true}]}'],
      ['POINTS', '积分回馈', '回馈类', '营业厅', '10', '{"eligible":[{"column":"积分","op":">=","value":1000}]}'],
    ];
    const r = parseOfferRows(rows, { columns: new Set(['积分']) });
    expect(r.items.map((o) => o.code)).toEqual(['CAR', 'POINTS']);
    expect(r.issues).toEqual([
      { row: 2, column: '规则(JSON)', columnLetter: 'F', field: 'rules', code: 'rule.column-absent', params: { stage: 'eligible', n: '1', path: 'eligible[0]', field: '有车一族' }, value: '', severity: 'warning' },
    ]);
  });

  it('refuses the whole file on header problems', () => {
    const missing = parsePlanRows([['套餐编码', '套餐名称'], ['A1', '甲']]);
    expect(missing.headerOk).toBe(false);
    expect(missing.items).toEqual([]);
    expect(missing.issues.map((i) => [i.code, i.params.zh])).toEqual([['catalogue.header.missing', '月费(元)']]);
    const dup = parsePlanRows([['Plan code', 'Plan name', 'Monthly fee (yuan)', '月费'], ['A1', '甲', 1, 2]]);
    expect(dup.headerOk).toBe(false);
    expect(dup.issues[0]).toMatchObject({ code: 'catalogue.header.duplicate', columnLetter: 'D' });
    const none = parseOfferRows([['foo', 'bar'], [1, 2]]);
    expect(none.issues.map((i) => i.code)).toEqual(['catalogue.header.none-offers']);
  });

  it('refuses files that are not spreadsheets, and empty ones', () => {
    expect(readCatalogueFile(new Uint8Array(), 'offers')).toMatchObject({ ok: false, code: 'file.empty' });
    expect(readCatalogueFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'offers')).toMatchObject({ ok: false });
  });

  it('refuses a catalogue whose formulas the file holds no value for, naming the sheet and the first cell: a fee read as empty was 0 (found by the CLI pass)', () => {
    const sheet = planSheet(defaultPlans.slice(0, 3));
    const ws = XLSX.utils.aoa_to_sheet([[...sheet.header], ...[...sheet.rows].map((r) => [...r])]);
    // A program's formula, never computed (SheetJS, like openpyxl, writes no value for it).
    ws['C3'] = { t: 'n', f: 'C2+10' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '资费');
    const read = readCatalogueFile(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), 'plans');
    expect(read).toEqual({ ok: false, code: 'file.formula-without-value', params: { sheet: '资费', count: 1, cell: 'C3' } });
    if (!read.ok) expect(formatMessage('zh-CN', read.code, read.params)).toMatch(/^工作表“资费”有 1 个公式没有计算结果（第一个在 C3），没有导入/);
  });

  it('the English offers template gives its examples in English, and a row of them reads as an offer (found by a new supervisor)', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const [sheet, notes] = templateSheets('offers', locale);
      const examples = [...notes!.rows].map((r) => r[4]);
      // The words the reader reads in either language are given in the template's (a name or a script is the operator's text).
      const coded = [...notes!.rows].filter((r) => ['category', 'channels', 'active', 'follow_up_kind'].includes(String(r[1])));
      expect(coded).toHaveLength(4);
      if (locale === 'en') for (const r of coded) expect(String(r[4])).not.toMatch(/[\u4e00-\u9fff]/u);
      const read = parseOfferRows(roundTrip({ ...sheet!, rows: [examples as (string | number | null)[]] }, 'offers').rows);
      expect(read.issues).toEqual([]);
      expect(read.items[0]).toMatchObject({ category: 'contract', channels: ['phone', 'hall'], active: true, follow_up_kind: 'visit' });
    }
  });

  it('a work-list template’s 执行人 example is an agent id of the workspace, else one shaped as the accounts are (A0001 was no account: every row copied from it was unassigned; found by a new supervisor)', () => {
    const example = (sheets: ReturnType<typeof templateSheets>) => [...sheets[1]!.rows].find((r) => r[1] === 'agent')![4];
    expect(example(templateSheets('worklist', 'zh-CN', { agentExample: 'K007' }))).toBe('K007');
    expect(example(templateSheets('worklist', 'en'))).toBe('A001');
  });

  it('writes templates with just the headers and a notes sheet', () => {
    const offers = templateSheets('offers');
    expect(offers.map((s) => s.name)).toEqual(['维系政策', '说明']);
    expect([...offers[0]!.rows]).toEqual([]);
    expect(offers[0]!.header[0]).toBe('政策编码');
    const worklist = templateSheets('worklist', 'en');
    expect(worklist[1]!.name).toBe('Notes');
    expect(worklist[0]!.header).toContain('MSISDN');
    expect(worklist[0]!.header).toContain('List name');
    expect(worklist[0]!.header).not.toContain('Churned');
    const history = templateSheets('history');
    expect(history[0]!.header.slice(-2)).toEqual(['是否离网', '离网日期']);
    expect(history[0]!.header).toHaveLength(canonicalFields.length);
    // every column is explained, with an example
    for (const row of history[1]!.rows) expect(row[4]).not.toBe('');
  });
});
