import { describe, expect, it } from 'vitest';
import {
  canonicalValue,
  cellNormalizerFor,
  displayValue,
  idCheckCharacter,
  maskIdNumber,
  normalizeBoolCell,
  normalizeExtraCell,
  normalizeIdNumberCell,
  normalizeIntCell,
  normalizeListTypeCell,
  normalizeMsisdnCell,
  normalizeNumberCell,
  normalizeTextCell,
  MAX_TEXT_LENGTH,
} from '../../../core/worklist/cells';

const value = (r: { ok: boolean; value?: unknown }) => (r.ok ? r.value : r);

describe('numbers', () => {
  it.each([
    [12.5, 12.5],
    ['12.5', 12.5],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    [' 12.5元 ', 12.5],
    ['¥88', 88],
    ['￥1,200.00', 1200],
    ['１２３', 123],
    ['１２３．５', 123.5],
    ['-3', -3],
    ['−3', -3],
    ['+7', 7],
    ['.5', 0.5],
    ['1.2万', 12000],
    ['1.2万元', 12000],
    ['300MB', 300],
    ['45 分钟', 45],
    ['3次', 3],
    ['1.5E+3', 1500],
    ["'128", 128],
  ])('%j → %j', (input, expected) => {
    expect(normalizeNumberCell(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '   ', '-', '—', '——', '--', 'NULL', 'null', '#N/A', 'N/A', '\\N', 'nan', 'None', '无', null, undefined])(
    '%j is empty',
    (input) => {
      expect(normalizeNumberCell(input)).toEqual({ ok: true, value: null });
    },
  );

  it.each([
    ['abc', 'number.invalid'],
    ['1,2', 'number.invalid'],
    ['12,34.5', 'number.invalid'],
    ['3 GB', 'number.invalid'],
    ['1.2.3', 'number.invalid'],
    [Number.NaN, 'number.invalid'],
    [Number.POSITIVE_INFINITY, 'number.invalid'],
    [true, 'number.invalid'],
    ['#DIV/0!', 'cell.excel-error'],
    ['#VALUE!', 'cell.excel-error'],
    ['12%', 'number.percent-not-expected'],
  ])('%j is refused as %s', (input, code) => {
    const r = normalizeNumberCell(input, { field: 'arpu_cur' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('reads shares as fractions and percentages, and refuses a bare number above 1', () => {
    const share = { field: 'offnet_ratio_cur', share: true };
    expect(value(normalizeNumberCell('12%', share))).toBe(0.12);
    expect(value(normalizeNumberCell(' ３５％ ', share))).toBe(0.35);
    expect(value(normalizeNumberCell(0.35, share))).toBe(0.35);
    expect(value(normalizeNumberCell('0', share))).toBe(0);
    expect(normalizeNumberCell(35, share)).toMatchObject({ ok: false, code: 'number.ratio-out-of-range', params: { field: 'offnet_ratio_cur', value: '35' } });
    expect(normalizeNumberCell('-0.1', share)).toMatchObject({ ok: false, code: 'number.ratio-out-of-range' });
    // A header that said (%) makes every number in the column percentage points.
    const points = { ...share, percentPoints: true };
    expect(value(normalizeNumberCell(35, points))).toBe(0.35);
    expect(value(normalizeNumberCell('35%', points))).toBe(0.35);
    expect(value(normalizeNumberCell(0.5, points))).toBe(0.005);
  });
});

describe('whole numbers', () => {
  it.each([
    [3, 3],
    ['3', 3],
    ['12.0', 12],
    [2.9999999999999996, 3],
    ['0', 0],
    ['1,000', 1000],
  ])('%j → %j', (input, expected) => expect(normalizeIntCell(input)).toEqual({ ok: true, value: expected }));

  it('refuses fractions and negative counts', () => {
    expect(normalizeIntCell(12.5, { field: 'complaints_90d' })).toMatchObject({
      ok: false,
      code: 'int.not-whole',
      params: { field: 'complaints_90d', value: '12.5' },
    });
    expect(normalizeIntCell('-2', { field: 'suspended_days' })).toMatchObject({ ok: false, code: 'int.negative' });
    expect(normalizeIntCell('两次')).toMatchObject({ ok: false, code: 'number.invalid' });
  });
});

describe('yes / no', () => {
  it.each(['是', '有', 'Y', 'y', 'yes', 'YES', 'true', 'TRUE', '1', '√', '✓', '开通', '已开通', '已办理', 1, true, ' 是 '])('%j → 1', (input) =>
    expect(normalizeBoolCell(input)).toEqual({ ok: true, value: 1 }),
  );
  it.each(['否', '无', 'N', 'no', 'false', 'FALSE', '0', '×', '未开通', '没有', 0, false])('%j → 0', (input) =>
    expect(normalizeBoolCell(input)).toEqual({ ok: true, value: 0 }),
  );
  it.each(['', null, '-', 'NULL'])('%j is empty', (input) => expect(normalizeBoolCell(input)).toEqual({ ok: true, value: null }));
  it.each(['maybe', '2', 2, '不详'])('%j is refused', (input) => expect(normalizeBoolCell(input)).toMatchObject({ ok: false, code: 'bool.invalid' }));
});

describe('text', () => {
  it.each([
    ['  张三  ', '张三'],
    ['Zhou  Qi', 'Zhou Qi'],
    ['江城\n人民路\t营业厅', '江城 人民路 营业厅'],
    ['张\u200b三', '张三'],
    ['\ufeff备注', '备注'],
    ['\u00a0A\u3000B\u00a0', 'A B'],
    ['00123', '00123'],
    [10001, '10001'],
    [202611, '202611'],
    [0.1 + 0.2, '0.3'],
    [true, 'TRUE'],
  ])('%j → %j', (input, expected) => expect(normalizeTextCell(input)).toEqual({ ok: true, value: expected }));

  it.each(['', '  ', '-', 'NULL', '\\N', '#N/A', null])('%j is empty', (input) => expect(normalizeTextCell(input)).toEqual({ ok: true, value: null }));

  it('keeps 无 as a value: it means "none" in 双卡标识', () => {
    expect(normalizeTextCell('无')).toEqual({ ok: true, value: '无' });
  });

  it('refuses a long number that Excel has already cut to 15 digits', () => {
    expect(normalizeTextCell(123456789012345680)).toMatchObject({ ok: false, code: 'cell.lost-digits', params: { value: '1.23457E+17' } });
  });

  it('cuts overlong text and says so', () => {
    const r = normalizeTextCell('啊'.repeat(MAX_TEXT_LENGTH + 5));
    expect(r).toMatchObject({ ok: false, code: 'text.truncated', params: { max: MAX_TEXT_LENGTH } });
    if (!r.ok) expect(r.fallback).toHaveLength(MAX_TEXT_LENGTH);
  });
});

describe('phone numbers', () => {
  it.each([
    ['13812346886', '13812346886'],
    [13812346886, '13812346886'],
    ['+86 138 1234 6886', '13812346886'],
    ['+8613812346886', '13812346886'],
    ['+0086 13812346886', '13812346886'],
    ['86-13812346886', '13812346886'],
    ['139-0000-3333', '13900003333'],
    ['１３８１２３４６８８６', '13812346886'],
    ["'13812346886", '13812346886'],
    ['\u200b13812346886 ', '13812346886'],
  ])('%j → %s', (input, expected) => expect(normalizeMsisdnCell(input)).toEqual({ ok: true, value: expected }));

  it.each([
    [null, 'msisdn.missing', {}],
    ['', 'msisdn.missing', {}],
    ['1.38888E+10', 'msisdn.lost-digits', { value: '1.38888E+10' }],
    ['1381234688', 'msisdn.wrong-length', { value: '1381234688', digits: 10 }],
    ['23812346886', 'msisdn.not-mobile', { value: '23812346886' }],
    ['张三', 'msisdn.not-a-number', { value: '张三' }],
    // Another country's number is not a mainland mobile, though its digits may read like one (found by a new agent).
    ['+1 415 555 0100', 'msisdn.not-mobile', { value: '+1 415 555 0100' }],
    ['+852 1381 2346', 'msisdn.not-mobile', { value: '+852 1381 2346' }],
  ])('%j is refused as %s', (input, code, params) => expect(normalizeMsisdnCell(input)).toEqual({ ok: false, code, params }));
});

describe('identity numbers', () => {
  const valid18 = (first17: string) => first17 + idCheckCharacter(first17);
  const id = valid18('11010519900101123');
  const withX = ['44030619780615000', '44030619780615001', '44030619780615002', '44030619780615003', '44030619780615004']
    .map(valid18)
    .find((n) => n.endsWith('X'))!;

  it('accepts 18-character numbers with a valid check character, in any case and spacing', () => {
    expect(normalizeIdNumberCell(id)).toEqual({ ok: true, value: id });
    expect(normalizeIdNumberCell(` ${withX.toLowerCase()} `)).toEqual({ ok: true, value: withX });
    expect(normalizeIdNumberCell(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`)).toEqual({ ok: true, value: id });
    expect(normalizeIdNumberCell('１１０１０５１９９００１０１１２３２')).toEqual({ ok: true, value: '110105199001011232' });
  });

  it('turns a 15-digit first-generation number into its 18-character form, so both hash alike', () => {
    expect(normalizeIdNumberCell('110105850304123')).toEqual({ ok: true, value: valid18('11010519850304123') });
    expect(normalizeIdNumberCell(110105850304123)).toEqual({ ok: true, value: valid18('11010519850304123') });
  });

  it('refuses bad numbers and never shows them whole', () => {
    const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const cases: [unknown, string][] = [
      [wrongCheck, 'id.checksum'],
      ['110105199013011234', 'id.invalid'], // month 13
      ['ABC123', 'id.invalid'],
      ['1.10105E+17', 'cell.lost-digits'],
      [110105199001011230, 'cell.lost-digits'],
    ];
    for (const [input, code] of cases) {
      const r = normalizeIdNumberCell(input);
      expect(r, String(input)).toMatchObject({ ok: false, code });
      if (!r.ok) {
        expect(String(r.params.value)).toContain('*');
        expect(String(r.params.value)).not.toContain(String(input).slice(3, -4) || '\u0000');
      }
    }
    expect(maskIdNumber(id)).toBe('110***********1232');
    expect(maskIdNumber('1234')).toBe('****');
  });
});

describe('list types', () => {
  it.each([
    ['合约即将到期', 'contract_expiring'],
    ['Contract expiring', 'contract_expiring'],
    ['contract_expiring', 'contract_expiring'],
    ['双卡', 'dual_sim'],
    ['双卡用户维系清单', 'dual_sim'],
    [' 周 异动 ', 'weekly_anomaly'],
    ['其他', 'other'],
    // Issue 16 #2: the central side's 家庭客户 and 未首拜客户 lists are types of their own, not 其他.
    ['家庭客户', 'family'],
    ['家庭用户', 'family'],
    ['2026年12月家庭客户维系清单', 'family'],
    ['Family customers', 'family'],
    ['未首拜客户', 'first_visit_due'],
    ['未首拜', 'first_visit_due'],
    ['未首次拜访客户', 'first_visit_due'],
    ['新入网未首拜用户清单', 'first_visit_due'],
  ])('%j → %s', (input, expected) => expect(normalizeListTypeCell(input)).toEqual({ ok: true, value: expected }));

  it('reads an unknown type as other, with a warning', () => {
    expect(normalizeListTypeCell('高价值关怀')).toEqual({ ok: false, code: 'list-type.unknown', params: { value: '高价值关怀' }, fallback: 'other' });
  });
});

describe('central-system vocabularies', () => {
  it.each([
    ['tier', '钻石', '钻石卡'],
    ['tier', '金卡', '金卡'],
    ['tier', 'Gold', '金卡'],
    ['tier', '普卡', '普通'],
    ['tier', '五星钻', '五星钻'],
    ['brand', 'GoTone', '全球通'],
    ['brand', '动感', '动感地带'],
    ['dual_sim', '联通', '移动+联通'],
    ['dual_sim', '移动＋电信', '移动+电信'],
    ['dual_sim', '否', '无'],
    ['status', '欠停', '欠费停机'],
    ['status', '在用', '正常'],
    ['status', '单停', '单停'],
    ['region_type', '市区', '城市'],
    ['name', '钻石', '钻石'],
  ] as const)('%s %j → %j', (field, input, expected) => {
    expect(canonicalValue(field, input)).toBe(expected);
    expect(cellNormalizerFor(field)(input)).toEqual({ ok: true, value: expected });
  });
});

describe('extra columns', () => {
  it.each([
    [12, 12],
    [' 主卡 ', '主卡'],
    ['', null],
    [true, 1],
    [false, 0],
    ['#N/A', null],
    ['#DIV/0!', null],
    [null, null],
  ])('%j → %j', (input, expected) => expect(normalizeExtraCell(input)).toBe(expected));
});

describe('displayValue', () => {
  it('shows numbers as Excel would and shortens long text', () => {
    expect(displayValue(13812346886)).toBe('13812346886');
    expect(displayValue(138123468860)).toBe('1.38123E+11');
    expect(displayValue(0.1 + 0.2)).toBe('0.3');
    expect(displayValue('x'.repeat(100))).toHaveLength(60);
  });
});
