import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoWorkListSheet } from '../../../core/demo/workbook';
import { formatMessage } from '../../../core/i18n';
import { idCheckCharacter } from '../../../core/worklist/cells';
import { matchHeaders } from '../../../core/worklist/headers';
import { createRowNormalizer, defaultTierThresholds, mappingIssues, normalizeRow, type RowContext } from '../../../core/worklist/rows';

/** A stand-in for the caller's keyed hash: visibly not the number. */
const hashId = (id: string): string => `hash(${id.length}:${[...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16)})`;
const ctx: RowContext = { hashId, today: '2026-11-23' };

const ID = '11010519900101123' + idCheckCharacter('11010519900101123');

const headers = ['手机号码', '客户姓名', '身份证号', '入网时间', '（近三月ARPU）', '上月ARPU', '套餐月费(元)', '免打扰', '清单名称', '清单类型', '截止日期', '工号', '积分', '备注'];
const mapping = matchHeaders(headers);
const normalize = createRowNormalizer(mapping, ctx);

describe('normalizeRow', () => {
  it('turns a clean row into a record', () => {
    const r = normalize(['13812346886', '张三', ID, 45028, '128.5', 130, '88元', '否', '2026年11月合约到期清单', '合约即将到期', '2026-12-15', 10023, 1200, ''], 2);
    expect(r.issues).toEqual([]);
    expect(r.empty).toBe(false);
    expect(r.record).toEqual({
      msisdn: '13812346886',
      fields: {
        name: '张三',
        join_date: '2023-04-12',
        arpu_avg3: 128.5,
        arpu_m3: 130,
        plan_fee: 88,
        do_not_disturb: 0,
        tenure_months: 43,
        tier: '银卡',
      },
      idHash: hashId(ID),
      extra: { 积分: 1200 },
      list: { name: '2026年11月合约到期清单', type: 'contract_expiring', dueDate: '2026-12-15', agent: '10023' },
      derived: ['tenure_months', 'tier'],
    });
  });

  it('refuses a lost-digit number with its row, column and letter, in words an agent understands', () => {
    const r = normalize(['1.38888E+10', '张三'], 7);
    expect(r.record).toBeNull();
    expect(r.issues).toEqual([
      {
        row: 7,
        column: '手机号码',
        columnLetter: 'A',
        field: 'msisdn',
        code: 'msisdn.lost-digits',
        params: { value: '1.38888E+10' },
        value: '1.38888E+10',
        severity: 'error',
      },
    ]);
    expect(formatMessage('zh-CN', r.issues[0]!.code, r.issues[0]!.params)).toBe(
      '号码被 Excel 转成了科学计数法（1.38888E+10），后几位已丢失，请把该列设为文本后重新导出',
    );
    expect(formatMessage('en', r.issues[0]!.code, r.issues[0]!.params)).toBe(
      'Excel turned the number into scientific notation (1.38888E+10); digits are lost — set the column to text and export again',
    );
  });

  it('finds the phone number wherever its column is, with the right letter', () => {
    const m = matchHeaders(['序号', '姓名', '备注', '服务号码']);
    const r = normalizeRow([1, '张三', 'x', '1381234688'], m, { ...ctx, rowNumber: 12 });
    expect(r.issues[0]).toMatchObject({ row: 12, column: '服务号码', columnLetter: 'D', code: 'msisdn.wrong-length', params: { digits: 10 } });
  });

  it('rejects a row without a phone number, and skips a row without anything', () => {
    expect(normalize([null, '张三'], 3)).toMatchObject({ record: null, empty: false, issues: [{ code: 'msisdn.missing', severity: 'error' }] });
    expect(normalize([], 4)).toEqual({ record: null, issues: [], empty: true });
    expect(normalize([null, '', '  ', undefined], 5)).toEqual({ record: null, issues: [], empty: true });
  });

  it('keeps the row when an optional cell is bad: the field is null and a warning says why', () => {
    const r = normalize(['13812346886', '张三', ID, '下周', 'abc', 130, '12%', '也许', '', '', '2026-02-30'], 9);
    expect(r.record?.fields).toMatchObject({ join_date: null, arpu_avg3: null, plan_fee: null, do_not_disturb: null });
    expect(r.record?.list).toEqual({});
    expect(r.issues.map((i) => [i.columnLetter, i.code, i.severity])).toEqual([
      ['D', 'date.invalid', 'warning'],
      ['E', 'number.invalid', 'warning'],
      ['G', 'number.percent-not-expected', 'warning'],
      ['H', 'bool.invalid', 'warning'],
      ['K', 'date.not-a-day', 'warning'],
    ]);
    // Nothing is derived from figures that were refused: no tier without an ARPU, no tenure without a join date.
    expect(r.record?.fields.tier).toBeUndefined();
    expect(r.record?.fields.tenure_months).toBeUndefined();
    expect(r.record?.derived).toEqual([]);
  });

  it('never lets an identity number out: only its hash, and masked in issues', () => {
    const wrongCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    for (const id of [ID, wrongCheck, `${ID.slice(0, 6)} ${ID.slice(6)}`, Number(ID), ID.slice(0, 15)]) {
      const r = normalize(['13812346886', '张三', id], 2);
      const text = JSON.stringify(r);
      expect(text).not.toContain(ID.slice(0, 15));
      expect(text).not.toContain(ID.slice(3, 14));
      expect(text).not.toContain(wrongCheck.slice(3, 14));
    }
    const bad = normalize(['13812346886', '张三', wrongCheck], 2);
    expect(bad.record?.idHash).toBeNull();
    expect(bad.issues[0]).toMatchObject({ code: 'id.checksum', value: '110***********1231'.slice(0, 3) + '*'.repeat(11) + wrongCheck.slice(-4) });
  });

  it('hashes both forms of one card alike', () => {
    const old15 = '110105850304123';
    const new18 = '11010519850304123' + idCheckCharacter('11010519850304123');
    expect(normalize(['13812346886', '', old15], 2).record?.idHash).toBe(normalize(['13812346887', '', new18], 3).record?.idHash);
  });

  it('derives what the file lacks, and nothing the file has', () => {
    const m = matchHeaders(['手机号码', 'arpu_m1', 'arpu_m2', 'arpu_m3', '当月ARPU', '入网时间', '网龄', '客户级别']);
    const n = createRowNormalizer(m, ctx);
    expect(n(['13812346886', 100, 200, 301, 50, '2020-11-24', null, null], 2).record).toMatchObject({
      fields: { arpu_avg3: 200.33, tenure_months: 71, tier: '金卡' },
      derived: ['arpu_avg3', 'tenure_months', 'tier'],
    });
    expect(n(['13812346886', 100, 200, 301, 50, '2020-11-23', 12, '钻石'], 2).record).toMatchObject({
      fields: { arpu_avg3: 200.33, tenure_months: 12, tier: '钻石卡' },
      derived: ['arpu_avg3'],
    });
    // Without all three months there is no average; the tier then follows the current month.
    const partial = n(['13812346886', 100, null, 301, 50, '2027-01-01', null, null], 2).record;
    expect(partial).toMatchObject({ fields: { tenure_months: null, tier: '普通' }, derived: ['tier'] });
    expect(partial && 'arpu_avg3' in partial.fields).toBe(false);
    // Without today, no tenure.
    const noToday = createRowNormalizer(m, { hashId });
    expect(noToday(['13812346886', null, null, null, null, '2020-11-24', null, null], 2).record?.fields.tenure_months).toBeNull();
  });

  it('uses configured tier thresholds', () => {
    const m = matchHeaders(['手机号码', '近三月ARPU']);
    const n = createRowNormalizer(m, { hashId, tierThresholds: [{ tier: 'A', minArpu: 100 }, { tier: 'B', minArpu: 0 }] });
    expect(n(['13812346886', 150], 2).record?.fields.tier).toBe('A');
    expect(n(['13812346886', -5], 2).record?.fields.tier).toBe('B');
    expect(defaultTierThresholds.map((t) => t.tier)).toEqual(['钻石卡', '金卡', '银卡', '普通']);
  });

  it('keeps duplicate and unknown columns as extras, and blank extras out', () => {
    const m = matchHeaders(['手机号码', 'ＭＳＩＳＤＮ', '主副卡', '']);
    const r = createRowNormalizer(m, ctx)(['13812346886', '13900000000', '', 'x'], 2);
    // Text that is exactly a number's printed form is that number, as it would be from an xlsx number cell.
    expect(r.record?.extra).toEqual({ ＭＳＩＳＤＮ: 13900000000, 列D: 'x' });
    expect(mappingIssues(m)).toEqual([
      { code: 'header.duplicate-field', params: { column: 'ＭＳＩＳＤＮ', other: '手机号码', field: 'msisdn' }, index: 1 },
      { code: 'header.blank', params: { letter: 'D', name: '列D' }, index: 3 },
    ]);
    expect(formatMessage('zh-CN', 'header.duplicate-field', mappingIssues(m)[0]!.params)).toBe(
      '“ＭＳＩＳＤＮ”列和“手机号码”列都对应“手机号码”，只用前一列；这一列作为附加信息保留',
    );
  });

  it('rejects every row when no column holds the phone number, and says so for the mapping', () => {
    const m = matchHeaders(['姓名', '备注']);
    expect(mappingIssues(m)).toEqual([{ code: 'header.no-msisdn', params: {} }]);
    expect(createRowNormalizer(m, ctx)(['张三', 'x'], 2)).toMatchObject({ record: null, issues: [{ code: 'msisdn.missing', columnLetter: '' }] });
  });

  it('reads the demo work list without a single issue', () => {
    const sheet = demoWorkListSheet({ seed: 3, count: 500, today: '2026-11-23' });
    const m = matchHeaders(sheet.header);
    expect(mappingIssues(m)).toEqual([]);
    const n = createRowNormalizer(m, ctx);
    let row = 1;
    for (const cells of sheet.rows) {
      const r = n(cells, ++row);
      expect(r.issues).toEqual([]);
      expect(r.record?.idHash).toMatch(/^hash\(18:/);
      expect(r.record?.list.type).toBeDefined();
    }
  });
});

describe('normalizeRow, property-based', () => {
  const anyCell = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
    fc.constantFrom('#N/A', '#DIV/0!', '1.38888E+10', '—', '是', '2026/1/5', '１２３', '12%', '\u200b', '2026-02-30', '\\N'),
    fc.object({ maxDepth: 1 }),
    fc.array(fc.string(), { maxLength: 2 }),
  );
  const allHeaders = matchHeaders([
    '手机号码', '身份证号', '入网时间', '网龄', '近三月ARPU', 'arpu_m1', 'arpu_m2', 'arpu_m3', '当月ARPU', '异网通话占比', '异网通话占比(%)',
    '免打扰', '客户级别', '双卡标识', '清单类型', '截止日期', '工号', '积分', '',
  ]);
  const n = createRowNormalizer(allHeaders, ctx);

  it('never throws, whatever the cells hold', () => {
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: 25 }), fc.integer({ min: 1, max: 1_048_576 }), (cells, row) => {
        const r = n(cells, row);
        expect(r.record === null || typeof r.record.msisdn === 'string').toBe(true);
        for (const i of r.issues) expect(i.row).toBe(row);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a valid phone number whatever junk surrounds it', () => {
    const phone = fc.tuple(fc.constantFrom('13', '15', '18', '19'), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => a + b);
    const written = fc.tuple(phone, fc.constantFrom('plain', 'number', 'spaced', '+86', 'dashes', 'fullwidth')).map(([p, form]) => {
      const cell =
        form === 'number' ? Number(p)
        : form === 'spaced' ? ` ${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)} `
        : form === '+86' ? `+86${p}`
        : form === 'dashes' ? `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`
        : form === 'fullwidth' ? [...p].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')
        : p;
      return [p, cell] as const;
    });
    fc.assert(
      fc.property(written, fc.array(anyCell, { minLength: 18, maxLength: 18 }), ([p, cell], rest) => {
        const r = n([cell, ...rest], 2);
        expect(r.record?.msisdn).toBe(p);
        expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
