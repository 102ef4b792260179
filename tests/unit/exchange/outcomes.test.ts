import { outcomeMessagesEn, outcomeMessagesZh } from '../../../core/i18n/outcome-messages';
import { formatMessage } from '../../../core/i18n';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  buildOutcomeSheets,
  OutcomeFileError,
  parseOutcomeWorkbook,
  readOutcomeSheets,
  type OutcomeData,
} from '../../../core/exchange/outcomes';
import { writeWorkbook } from '../../../core/exchange/write';
import { labelsFor } from '../../../renderer/src/i18n/labels';

const tricky = ['=SUM(A1:A9)', '+86 138', '-1', '@cmd', '\tindented', '\rcarriage', "'already quoted", '  spaced  ', '_x0041_ literal'];

const data: OutcomeData = {
  tasks: [
    { msisdn: '13800138000', agentId: 'A001', status: 'closed_success', dueDate: '2026-11-30', attemptCount: 2, lastAttemptAt: '2026-11-20T02:00:00.000Z', callbackAt: null, lists: ['11月高危', '合约到期'] },
  ],
  attempts: [
    { id: 'att-1', msisdn: '13800138000', agentId: 'A001', channel: 'phone', at: '2026-11-19T01:30:00.000Z', disposition: 'callback', reason: null, competitor: null, competitorOffer: null, competitorAmount: null, offerCode: null, planCode: null, callbackAt: '2026-11-20T02:00:00.000Z', note: '客户在开会' },
    { id: 'att-2', msisdn: '13800138000', agentId: 'A001', channel: 'phone', at: '2026-11-20T02:00:00.000Z', disposition: 'accepted', reason: null, competitor: null, competitorOffer: null, competitorAmount: null, offerCode: 'OFF-10', planCode: null, callbackAt: null, note: null },
    // A plan change the customer took, with no offer (migration 034).
    { id: 'att-3', msisdn: '13800138001', agentId: 'A001', channel: 'hall', at: '2026-11-20T04:00:00.000Z', disposition: 'accepted', reason: null, competitor: null, competitorOffer: null, competitorAmount: null, offerCode: null, planCode: 'QQT128', callbackAt: null, note: null },
    ...tricky.map((note, i) => ({
      id: `att-t${i}`,
      msisdn: '13900139000',
      agentId: 'A002',
      channel: 'sms',
      at: `2026-11-21T0${i}:00:00.000Z`,
      disposition: 'declined',
      reason: 'competitor_offer',
      competitor: 'unicom',
      competitorOffer: i % 2 ? '=送宽带+副卡' : null,
      competitorAmount: i % 3 ? 59.5 : null,
      offerCode: null,
      planCode: null,
      callbackAt: null,
      note,
    })),
  ],
  feedback: [{ id: 'fb-1', attemptId: 'att-2', msisdn: '13800138000', agentId: 'A001', category: 'network', importance: 'high', text: '=地下室没信号', at: '2026-11-20T02:05:00.000Z' }],
  notes: [{ id: 'nt-1', agentId: 'A001', offerCode: 'OFF-10', reason: 'price', text: '-先说流量再说价格', at: '2026-11-20T03:00:00.000Z' }],
  planNames: new Map([['QQT128', { zh: '全球通畅享套餐128元', en: null }]]),
};

function roundTrip(locale: 'zh-CN' | 'en') {
  const bytes = writeWorkbook(buildOutcomeSheets(data, locale, { from: '2026-11-19', to: '2026-11-21', agentId: 'A001' }), 'xlsx');
  const { sheets } = readOutcomeSheets(bytes);
  return { sheets, parsed: parseOutcomeWorkbook(sheets) };
}

describe('outcome workbook codec', () => {
  it('round-trips attempts, feedback and notes with Chinese headers, formula-looking text intact', () => {
    const { sheets, parsed } = roundTrip('zh-CN');
    expect(sheets.map((s) => s.name)).toEqual(['任务', '接触记录', '反馈', '经验分享', '说明']);
    expect(sheets[1]!.rows[0]).toContain('接触记录ID');
    expect(parsed.issues).toEqual([]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...parsed.attempts].sort(byId)).toEqual([...data.attempts].sort(byId));
    expect(parsed.feedback).toEqual(data.feedback);
    expect(parsed.notes).toEqual(data.notes);
  });

  it('round-trips with English headers and sheet names', () => {
    const { sheets, parsed } = roundTrip('en');
    expect(sheets.map((s) => s.name)).toEqual(['Tasks', 'Attempts', 'Feedback', 'Notes', 'About']);
    expect(sheets[1]!.rows[0]).toContain('Attempt ID');
    expect(parsed.issues).toEqual([]);
    expect(parsed.attempts).toHaveLength(data.attempts.length);
    expect(parsed.attempts.find((a) => a.id === 'att-t0')!.note).toBe('=SUM(A1:A9)');
    // A task's lists are joined as English joins them (they were joined with 、 in either language).
    const tasks = sheets[0]!.rows;
    expect(tasks[1]![tasks[0]!.indexOf('Work lists')]).toBe('11月高危, 合约到期');
    const zh = roundTrip('zh-CN').sheets[0]!.rows;
    expect(zh[1]![zh[0]!.indexOf('所属清单')]).toBe('11月高危、合约到期');
  });

  it('writes a local-time column beside the UTC one and labels beside codes', () => {
    const { sheets } = roundTrip('zh-CN');
    const [header, first] = sheets[1]!.rows as unknown[][];
    const at = header!.indexOf('接触时间(UTC)');
    expect(first![at]).toBe('2026-11-19T01:30:00.000Z');
    // The local time is a date cell (issue 18) showing the wall clock; the UTC column is the exact text.
    expect(XLSX.SSF.format('yyyy-mm-dd hh:mm:ss', first![header!.indexOf('接触时间(本地时间)')] as number)).toBe('2026-11-19 09:30:00');
    expect(first![header!.indexOf('接触结果')]).toBe('预约回访');
    // A plan taken is written with its name beside its code, as an offer is.
    const planRow = (sheets[1]!.rows as unknown[][]).find((r) => r[0] === 'att-3')!;
    expect([planRow[header!.indexOf('所换套餐编码')], planRow[header!.indexOf('所换套餐')]]).toEqual(['QQT128', '全球通畅享套餐128元']);
    expect(sheets[4]!.rows[1]).toEqual(['格式 / format', 'retention-desk-outcomes/1']);
  });

  it('says each task status in the words the app shows it in, in both languages', () => {
    // The app said 处理中 / 客户拒绝, the files 跟进中 / 维系失败 (and "Closed: declined") for the same task.
    const statuses = ['pending', 'in_progress', 'callback_due', 'closed_success', 'closed_declined', 'closed_unreachable', 'expired'] as const;
    const tasks = statuses.map((status, i) => ({ ...data.tasks[0]!, msisdn: `1380013800${i}`, status }));
    for (const locale of ['zh-CN', 'en'] as const) {
      const [sheet] = buildOutcomeSheets({ ...data, tasks }, locale);
      const rows = [...sheet!.rows] as unknown[][];
      const col = sheet!.header.indexOf(locale === 'en' ? 'Status' : '状态');
      expect(rows.map((r) => r[col])).toEqual(statuses.map((s) => labelsFor(locale).status(s)));
    }
  });

  it('reads the attempts sheet saved as CSV: formula guards stripped, numbers and times kept as text', () => {
    const [, attempts] = buildOutcomeSheets(data, 'zh-CN');
    const bytes = writeWorkbook([attempts!], 'csv');
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("'=SUM(A1:A9)");
    const { sheets, format } = readOutcomeSheets(bytes);
    expect(format).toBe('csv');
    const parsed = parseOutcomeWorkbook(sheets);
    expect(parsed.issues).toEqual([]);
    const notes = new Map(parsed.attempts.map((a) => [a.id, a.note]));
    tricky.forEach((t, i) => expect(notes.get(`att-t${i}`)).toBe(t.replace(/\r/g, '\r')));
    expect(parsed.attempts.find((a) => a.id === 'att-1')!.msisdn).toBe('13800138000');
  });

  it('reports bad rows with row and column, and keeps the good ones', () => {
    const header = ['接触记录ID', '手机号码', '坐席工号', '渠道代码', '接触时间(UTC)', '结果代码', '原因代码', '优惠编码'];
    const rows = [
      header,
      ['ok-1', '13800138000', 'A001', 'phone', '2026-11-19T01:30:00Z', 'no_answer', null, null],
      [null, '13800138000', 'A001', 'phone', '2026-11-19T01:30:00Z', 'busy', null, null],
      ['bad-time', '13800138000', 'A001', 'phone', '19/11/2026', 'busy', null, null],
      ['bad-disp', '13800138000', 'A001', 'phone', '2026-11-19T01:30:00Z', 'maybe', null, null],
      ['bad-number', '1.38888E+10', 'A001', 'phone', '2026-11-19T01:30:00Z', 'busy', null, null],
      ['warn-reason', '13800138000', 'A001', 'phone', '2026-11-19T01:31:00+08:00', '拒绝', 'weather', null],
      [],
    ];
    const parsed = parseOutcomeWorkbook([{ name: 'Sheet1', rows }]);
    expect(parsed.attempts.map((a) => a.id)).toEqual(['ok-1', 'warn-reason']);
    const warn = parsed.attempts[1]!;
    expect(warn.disposition).toBe('declined');
    expect(warn.at).toBe('2026-11-18T17:31:00.000Z');
    expect(warn.reason).toBeNull();
    const errors = parsed.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.columnLetter, i.code]);
    expect(errors).toEqual([
      [3, 'A', 'outcome.id-missing'],
      [4, 'E', 'outcome.time-invalid'],
      [5, 'F', 'outcome.disposition-unknown'],
      [6, 'B', 'msisdn.lost-digits'],
    ]);
    expect(parsed.issues.filter((i) => i.severity === 'warning').map((i) => i.code).sort()).toEqual(['outcome.needs-reason', 'outcome.reason-unknown']);
    expect(parsed.rowsRead.attempts).toBe(6);
  });

  it('refuses a record dated later than now (the exporting PC’s clock ahead), naming its row and column; a few minutes ahead are a clock’s drift', () => {
    // Merged as they were, contacts "in 2027" kept the customers' cooldowns and 最近接触 in the future.
    const now = '2026-12-07T08:00:00.000Z';
    const rows = [
      ['接触记录ID', '手机号码', '坐席工号', '渠道代码', '接触时间(UTC)', '结果代码', '预约回访时间(UTC)'],
      ['ahead', '13800138000', 'A001', 'phone', '2027-03-01T02:00:00.000Z', 'no_answer', null],
      ['drift', '13800138000', 'A001', 'phone', '2026-12-07T08:20:00.000Z', 'no_answer', null],
      ['callback', '13800138000', 'A001', 'phone', '2026-12-07T07:00:00.000Z', 'callback', '2026-12-09T02:00:00.000Z'],
    ];
    const feedback = [
      ['反馈ID', '接触记录ID', '手机号码', '坐席工号', '时间(UTC)', '类别代码', '重要程度代码', '反馈内容'],
      ['fb-ahead', null, '13800138000', 'A001', '2026-12-08T09:00:00.000Z', 'network', 'high', '信号差'],
    ];
    const parsed = parseOutcomeWorkbook([{ name: '接触记录', rows }, { name: '反馈', rows: feedback }], { now });
    expect(parsed.attempts.map((a) => a.id)).toEqual(['drift', 'callback']);
    expect(parsed.feedback).toEqual([]);
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.columnLetter, i.code])).toEqual([
      [2, 'E', 'outcome.time-in-future'],
      [2, 'E', 'outcome.time-in-future'],
    ]);
    expect(formatMessage('zh-CN', errors[0]!.code, errors[0]!.params)).toContain('晚于现在');
  });

  it('says where a local-time cell was changed: the merge reads the UTC column, and the change is not lost without a word', () => {
    // A supervisor who corrected 接触时间(本地时间) in Excel merged the file and the old time stood, silently (found by a
    // new supervisor). The row is still merged with its UTC time; the warning names the cell and the column to change.
    const bytes = writeWorkbook(buildOutcomeSheets(data, 'zh-CN', { timeZone: 'Asia/Shanghai' }), 'xlsx');
    const { sheets } = readOutcomeSheets(bytes);
    const attempts = sheets[1]!.rows.map((r) => [...r!]);
    const feedback = sheets[2]!.rows.map((r) => [...r!]);
    const col = (rows: unknown[][], name: string) => rows[0]!.indexOf(name);
    const row = (rows: unknown[][], id: string) => rows.findIndex((r) => r[0] === id);
    const at1 = row(attempts, 'att-1');
    attempts[at1]![col(attempts, '接触时间(本地时间)')] = '2026-11-19 10:45:00'; // was 09:30
    attempts[at1]![col(attempts, '预约回访时间(本地时间)')] = '2026/11/20 11:00'; // was 10:00
    // Re-saved by a spreadsheet that drops the seconds and writes its own date style: the same minute, not a change.
    attempts[row(attempts, 'att-2')]![col(attempts, '接触时间(本地时间)')] = '2026/11/20 10:00';
    feedback[1]![col(feedback, '时间(本地时间)')] = '明天上午';
    const parsed = parseOutcomeWorkbook(
      [{ name: '接触记录', rows: attempts }, { name: '反馈', rows: feedback }],
      { timeZone: 'Asia/Shanghai' },
    );
    expect(parsed.attempts.find((a) => a.id === 'att-1')!.at).toBe('2026-11-19T01:30:00.000Z');
    expect(parsed.feedback).toHaveLength(1);
    const warned = parsed.issues.map((i) => [i.row, i.columnLetter, i.code, i.params.utcColumn, i.params.local]);
    expect(warned).toEqual([
      [at1 + 1, 'G', 'outcome.local-time-ignored', '接触时间(UTC)', '2026-11-19 09:30:00'],
      [at1 + 1, 'U', 'outcome.local-time-ignored', '预约回访时间(UTC)', '2026-11-20 10:00:00'],
      [2, 'F', 'outcome.local-time-ignored', '时间(UTC)', '2026-11-20 10:05:00'],
    ]);
    const first = parsed.issues[0]!;
    expect(formatMessage('zh-CN', first.code, first.params)).toContain('接触时间(UTC)');
    // Unchanged, the file reads without a word.
    expect(parseOutcomeWorkbook(sheets, { timeZone: 'Asia/Shanghai' }).issues).toEqual([]);
    // A PC set to another zone wrote its local times in it, and its About sheet says which: checked in that zone, not
    // the merging PC's (every row would have looked changed); an edit there is still found.
    const london = readOutcomeSheets(writeWorkbook(buildOutcomeSheets(data, 'en', { timeZone: 'Europe/London' }), 'xlsx')).sheets;
    expect(parseOutcomeWorkbook(london, { timeZone: 'Asia/Shanghai' }).issues).toEqual([]);
    const londonAttempts = london[1]!.rows.map((r) => [...r!]);
    londonAttempts[row(londonAttempts, 'att-2')]![col(londonAttempts, 'Time (local time)')] = '2026-11-20 10:00'; // 02:00 in London
    const edited = parseOutcomeWorkbook([london[0]!, { name: 'Attempts', rows: londonAttempts }, ...london.slice(2)], { timeZone: 'Asia/Shanghai' });
    expect(edited.issues.map((i) => [i.code, i.params.utcColumn, i.params.local])).toEqual([['outcome.local-time-ignored', 'Time (UTC)', '2026-11-20 02:00:00']]);
  });

  it('reads what the competitor offered; a file without those columns leaves them absent; a bad price is a warning (issue 15 #6)', () => {
    const old = ['接触记录ID', '手机号码', '坐席工号', '渠道代码', '接触时间(UTC)', '结果代码', '原因代码', '竞争对手代码'];
    const before = parseOutcomeWorkbook([{ name: 'Sheet1', rows: [old, ['o-1', '13800138000', 'A001', 'phone', '2026-11-19T01:30:00Z', 'churned', null, 'telecom']] }]);
    expect(before.attempts[0]).not.toHaveProperty('competitorOffer');
    expect(before.attempts[0]).not.toHaveProperty('competitorAmount');
    const header = [...old, '竞争对手优惠内容', '竞争对手优惠月费(元)'];
    const rows = [
      header,
      ['n-1', '13800138000', 'A001', 'phone', '2026-11-19T01:30:00Z', 'churned', null, 'telecom', ' 送宽带 ', '59'],
      ['n-2', '13800138000', 'A001', 'phone', '2026-11-19T01:31:00Z', 'churned', null, 'telecom', '长'.repeat(250), '59元'],
      ['n-3', '13800138000', 'A001', 'phone', '2026-11-19T01:32:00Z', 'churned', null, 'telecom', null, '-3'],
    ];
    const parsed = parseOutcomeWorkbook([{ name: 'Sheet1', rows }]);
    expect(parsed.attempts.map((a) => [a.competitorOffer, a.competitorAmount])).toEqual([
      ['送宽带', 59],
      ['长'.repeat(200), null],
      [null, null],
    ]);
    expect(parsed.issues.map((i) => [i.row, i.columnLetter, i.code, i.severity])).toEqual([
      [3, 'I', 'text.truncated', 'warning'],
      [3, 'J', 'outcome.competitor-amount-invalid', 'warning'],
      [4, 'J', 'outcome.competitor-amount-invalid', 'warning'],
    ]);
    expect(formatMessage('zh-CN', parsed.issues[1]!.code, parsed.issues[1]!.params)).toBe('竞争对手优惠月费“59元”无效：应为 0 至 10,000 元之间的数字，最多两位小数');
  });

  it('carries the supervisor’s lifts of 要求勿扰 on a sheet of their own, read back exactly; a file without any has no such sheet', () => {
    const lifts = [
      { msisdn: '13800138000', at: '2026-11-20T06:00:00.000Z', agentId: 'S001', reason: '客户来厅表示同意再联系' },
      { msisdn: '13900139000', at: '2026-11-19T01:00:00.123Z', agentId: 'S002', reason: null },
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      const bytes = writeWorkbook(buildOutcomeSheets({ ...data, lifts }, locale, {}), 'xlsx');
      const { sheets } = readOutcomeSheets(bytes);
      expect(sheets.map((s) => s.name)).toContain(locale === 'en' ? 'Do-not-call lifted' : '撤销勿扰');
      const parsed = parseOutcomeWorkbook(sheets);
      expect(parsed.issues).toEqual([]);
      // In time order, whoever lifted each and why (a lift made before reasons were kept has none).
      expect(parsed.lifts).toEqual([lifts[1], lifts[0]]);
      expect(parsed.rowsRead.lifts).toBe(2);
    }
    expect(roundTrip('zh-CN').sheets.map((s) => s.name)).not.toContain('撤销勿扰');
    expect(roundTrip('zh-CN').parsed.lifts).toEqual([]);
  });

  it('tells a lifts sheet by its header alone, and rejects a lift row without a number or a time, naming the row', () => {
    const parsed = parseOutcomeWorkbook([
      { name: 'Sheet1', rows: [['接触记录ID', '手机号码', '坐席工号', '接触时间(UTC)', '结果代码'], ['att-1', '13800138000', 'A001', '2026-11-20T02:00:00.000Z', 'do_not_call']] },
      {
        name: 'Sheet2',
        rows: [
          ['手机号码', '撤销时间(UTC)', '撤销人工号'],
          ['13800138000', '2026-11-20T06:00:00.000Z', 'S001'],
          ['1380013', '2026-11-20T06:00:00.000Z', 'S001'],
          ['13800138000', '昨天下午', 'S001'],
        ],
      },
    ]);
    // A file from before the reason column: the lift is read without one.
    expect(parsed.lifts).toEqual([{ msisdn: '13800138000', at: '2026-11-20T06:00:00.000Z', agentId: 'S001', reason: null }]);
    expect(parsed.issues.filter((i) => i.params.sheet === 'Sheet2').map((i) => [i.row, i.field, i.severity])).toEqual([
      [3, 'msisdn', 'error'],
      [4, 'liftedAt', 'error'],
    ]);
  });

  it('refuses a work list and a newer format as a whole', () => {
    const worklist = [{ name: '清单', rows: [['手机号码', '姓名'], ['13800138000', '张三']] }];
    expect(() => parseOutcomeWorkbook(worklist)).toThrow(OutcomeFileError);
    const newer = [{ name: '说明', rows: [['项目', '内容'], ['格式 / format', 'retention-desk-outcomes/9']] }];
    expect(() => parseOutcomeWorkbook(newer)).toThrow(/newer/);
  });

  it('has the same message keys and placeholders in both languages', () => {
    expect(Object.keys(outcomeMessagesEn).sort()).toEqual(Object.keys(outcomeMessagesZh).sort());
    for (const k of Object.keys(outcomeMessagesZh) as (keyof typeof outcomeMessagesZh)[]) {
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(outcomeMessagesEn[k])).toEqual(ph(outcomeMessagesZh[k]));
    }
    expect(formatMessage('zh-CN', 'outcome.needs-offer')).toContain('优惠编码');
  });

  it('never writes formulas in xlsx', () => {
    const bytes = writeWorkbook(buildOutcomeSheets(data, 'zh-CN'), 'xlsx');
    const wb = XLSX.read(bytes, { type: 'array', cellFormula: true });
    for (const name of wb.SheetNames) {
      for (const [ref, cell] of Object.entries(wb.Sheets[name]!)) if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f).toBeUndefined();
    }
  });
});
