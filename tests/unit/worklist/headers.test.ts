import { describe, expect, it } from 'vitest';
import { canonicalFields } from '../../../core/worklist/fields';
import {
  aliasCollisions,
  columnLetter,
  fieldForHeader,
  findHeaderRow,
  headersAt,
  titleAbove,
  headerSignature,
  matchHeaders,
  normalizeHeader,
  profileFromMapping,
  type ColumnMapping,
} from '../../../core/worklist/headers';

const fieldOf = (m: ColumnMapping | undefined) => (m?.target.kind === 'field' ? m.target.field : m?.target.kind);

describe('normalizeHeader', () => {
  it.each([
    ['手机号码 ', '手机号码'],
    ['ＭＳＩＳＤＮ', 'msisdn'],
    ['用户 号码', '用户号码'],
    ['用户\u3000号码', '用户号码'],
    ['（近三月ARPU）', '(近三月arpu)'],
    ['【近三月ARPU】', '(近三月arpu)'],
    ['[近三月ARPU]', '(近三月arpu)'],
    ['Plan_Fee', 'planfee'],
    ['plan-fee', 'planfee'],
    ['近三月\nARPU', '近三月arpu'],
    ['\ufeff手机号码', '手机号码'],
    ['手机\u200b号码', '手机号码'],
    ['*手机号码', '手机号码'],
    ['网龄（月）', '网龄(月)'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});

describe('fieldForHeader', () => {
  it('matches every canonical key, label and alias to its own field, or to none when ambiguous', () => {
    const ambiguous = new Set(aliasCollisions().map((c) => c.split(':')[0]));
    for (const def of canonicalFields) {
      expect(fieldForHeader(def.key)?.field, def.key).toBe(def.key);
      for (const spelling of [def.zh, def.en, ...def.aliases]) {
        const expected = ambiguous.has(normalizeHeader(spelling)) && spelling !== def.key ? undefined : def.key;
        expect(fieldForHeader(spelling)?.field, spelling).toBe(expected);
      }
    }
  });

  it('no two fields share a spelling, and our own English labels read back', () => {
    expect(aliasCollisions()).toEqual([]);
    expect(fieldForHeader('ARPU last month')?.field).toBe('arpu_m3');
    expect(fieldForHeader('ARPU 3 months ago')?.field).toBe('arpu_m1');
    expect(fieldForHeader('arpu_m1')?.field).toBe('arpu_m1');
    expect(fieldForHeader('ARPU_M3')?.field).toBe('arpu_m3');
  });

  it.each([
    ['手机号码 ', 'msisdn', undefined],
    ['ＭＳＩＳＤＮ', 'msisdn', undefined],
    ['用户 号码', 'msisdn', undefined],
    ['（近三月ARPU）', 'arpu_avg3', undefined],
    ['套餐月费(元)', 'plan_fee', '元'],
    ['套餐月费（元）', 'plan_fee', '元'],
    ['网龄(月)', 'tenure_months', undefined],
    ['流量(MB)', 'data_mb_avg3', undefined],
    ['异网通话占比(%)', 'offnet_ratio_cur', '%'],
    ['近三月ARPU【元】', 'arpu_avg3', '元'],
    ['Phone Number', 'msisdn', undefined],
  ])('%j → %s', (header, field, unit) => {
    const found = fieldForHeader(header);
    expect(found?.field).toBe(field);
    expect(found?.unit).toBe(unit);
  });

  it.each([
    // A unit other than the field's own would make the value wrong by a factor: left to the user.
    '当月流量(GB)',
    '网龄(年)',
    '套餐月费(万元)',
    // A qualifier in brackets is not a unit: 'ARPU(上月)' must not become the current month's ARPU.
    'ARPU(上月)',
    '积分',
    '',
    '   ',
  ])('does not match %j', (header) => {
    expect(fieldForHeader(header)).toBeNull();
  });
});

describe('matchHeaders', () => {
  it('maps messy real headers and keeps unknown ones as extras', () => {
    const m = matchHeaders(['手机号码 ', '客户姓名', '（近三月ARPU）', '积分', '套餐月费(元)', '异网通话占比(%)']);
    expect(m.map(fieldOf)).toEqual(['msisdn', 'name', 'arpu_avg3', 'extra', 'plan_fee', 'offnet_ratio_cur']);
    expect(m[3]).toEqual({ index: 3, header: '积分', target: { kind: 'extra', name: '积分' }, how: 'unmatched' });
    expect(m[4]!.unit).toBe('元');
    expect(m[5]!.unit).toBe('%');
    expect(m.slice(0, 3).every((c) => c.how === 'alias')).toBe(true);
  });

  it('gives a field to the first of two columns and keeps the second as a flagged extra', () => {
    const m = matchHeaders(['ＭＳＩＳＤＮ', '姓名', '用户 号码', '备注', '备注']);
    expect(m[0]!.target).toEqual({ kind: 'field', field: 'msisdn' });
    expect(m[2]).toMatchObject({ target: { kind: 'extra', name: '用户 号码' }, how: 'alias', duplicateOf: 0 });
    // Two unknown columns of the same name both survive under distinct names.
    expect(m[3]!.target).toEqual({ kind: 'extra', name: '备注' });
    expect(m[4]!.target).toEqual({ kind: 'extra', name: '备注(2)' });
  });

  it('names blank headers after their column, or ignores them when the column is empty', () => {
    const headers = ['手机号码', '', '姓名', null];
    expect(matchHeaders(headers).map((c) => c.target)).toEqual([
      { kind: 'field', field: 'msisdn' },
      { kind: 'extra', name: '列B' },
      { kind: 'field', field: 'name' },
      { kind: 'extra', name: '列D' },
    ]);
    const dataRows = [['13812346886', '', '张三'], ['13812346887', '  ', '李四', 'x']];
    expect(matchHeaders(headers, undefined, { dataRows }).map((c) => c.target)).toEqual([
      { kind: 'field', field: 'msisdn' },
      { kind: 'ignore' },
      { kind: 'field', field: 'name' },
      { kind: 'extra', name: '列D' },
    ]);
  });

  it('maps columns the data reaches beyond the header', () => {
    const m = matchHeaders(['手机号码'], undefined, { columnCount: 3, dataRows: [['13812346886', null, 'x']] });
    expect(m.map((c) => c.target)).toEqual([{ kind: 'field', field: 'msisdn' }, { kind: 'ignore' }, { kind: 'extra', name: '列C' }]);
  });

  it('applies a saved profile before the aliases', () => {
    const headers = ['号码', 'ARPU(上月)', '客户经理', '说明'];
    const first = matchHeaders(headers);
    expect(first[1]!.target).toEqual({ kind: 'extra', name: 'ARPU(上月)' });
    // The user maps 'ARPU(上月)' to arpu_m3 and ignores 说明; the next file of that shape gets the same.
    const corrected = first.map((c) =>
      c.index === 1 ? { ...c, target: { kind: 'field' as const, field: 'arpu_m3' as const } } : c.index === 3 ? { ...c, target: { kind: 'ignore' as const } } : c,
    );
    const profile = profileFromMapping(headers, corrected);
    expect(profile.signature).toBe(headerSignature(headers));
    const next = matchHeaders(['号码 ', 'ARPU（上月）', '客户经理', '说明'], profile);
    expect(next.map((c) => [c.target, c.how])).toEqual([
      [{ kind: 'field', field: 'msisdn' }, 'profile'],
      [{ kind: 'field', field: 'arpu_m3' }, 'profile'],
      [{ kind: 'field', field: 'manager' }, 'profile'],
      [{ kind: 'ignore' }, 'profile'],
    ]);
  });
});

describe('headerSignature', () => {
  it('is the same for the same columns in another order, spelling or with blank columns added', () => {
    const a = headerSignature(['手机号码', '客户姓名', '积分']);
    expect(headerSignature(['积分', ' 手机号码', '客户 姓名', '', null])).toBe(a);
    expect(headerSignature(['ＭＳＩＳＤＮ'])).toBe(headerSignature(['msisdn']));
    expect(headerSignature(['手机号码', '客户姓名'])).not.toBe(a);
    expect(a).toMatch(/^h1-3-[0-9a-f]{16}$/);
  });
});

describe('findHeaderRow', () => {
  it('skips title rows above the header', () => {
    const rows = [
      ['临江市2026年11月合约到期维系清单'],
      ['导出日期：2026-11-23', null, '制表人：王'],
      [],
      ['序号', '手机号码', '客户姓名', '入网时间', '积分'],
      [1, '13812346886', '张三', 45029, 10],
    ];
    expect(findHeaderRow(rows)).toBe(3);
  });

  it('reads a header over two rows as one when together they name more fields than either row alone', () => {
    const rows = [
      ['滨江区 2026年12月 维系清单'],
      ['手机号码', '合约', null, '近三月', null, '客户信息', null],
      [null, '类型', '到期日', 'ARPU', '流量(MB)', '姓名', '积分'],
      ['13812346886', '合约机', 46402, 135.5, 5120, '张三', 10],
    ];
    expect(findHeaderRow(rows)).toBe(2);
    const headers = headersAt(rows, 2);
    expect(headers).toEqual(['手机号码', '合约 · 类型', '合约 · 到期日', '近三月 · ARPU', '近三月 · 流量(MB)', '客户信息 · 姓名', '客户信息 · 积分']);
    expect(matchHeaders(headers).map((m) => (m.target.kind === 'field' ? m.target.field : m.target.kind))).toEqual([
      'msisdn', 'contract_type', 'contract_end', 'arpu_avg3', 'data_mb_avg3', 'name', 'extra',
    ]);
  });

  it('a month under its figure (ARPU over 当月 | 上月 | 上上月) names the field either way round', () => {
    // A supervisor's own report: read as one row, 流量(MB) (this month's) became the 3-month field and the months were
    // lost; with the header row set by hand to the lower one, even the phone column was.
    const rows = [
      ['手机号码', '客户姓名', 'ARPU', null, null, '流量(MB)', null, '双卡'],
      [null, null, '当月', '上月', '上上月', '当月', '上月', null],
      [13800138021, '周五', 100, 110, 120, 2048, 3000, '是'],
    ];
    expect(findHeaderRow(rows)).toBe(1);
    const fields = matchHeaders(headersAt(rows, 1)).map((m) => (m.target.kind === 'field' ? m.target.field : `${m.target.kind}:${m.header}`));
    expect(fields).toEqual(['msisdn', 'name', 'arpu_cur', 'arpu_m3', 'arpu_m2', 'data_mb_cur', 'extra:流量(MB) · 上月', 'dual_sim']);
  });

  it('finds the title of the sheet above the header, not a label-and-value line', () => {
    expect(titleAbove([['数据日期：2026-12-01'], ['江城区 2026年12月 欠费停机预警清单'], ['手机号码']], 2)).toBe('江城区 2026年12月 欠费停机预警清单');
    expect(titleAbove([['数据日期：2026-12-01'], ['手机号码']], 1)).toBeNull();
    expect(titleAbove([['制表', '王'], ['手机号码']], 1)).toBeNull();
  });

  it('leaves a title or date line above a one-row header out of it, and never reads a data row as a header', () => {
    const header = ['序号', '手机号码', null, '入网时间', '积分'];
    const titled = [['导出日期：2026-11-23', null, '手机号码清单'], header, [1, '13812346886', '张三', 45029, 10]];
    expect(findHeaderRow(titled)).toBe(1);
    expect(headersAt(titled, 1)).toBe(header);
    // A first data row of text only, with a value that is also a header's name, is still data.
    const rows = [['手机号码', '合约类型', '姓名'], ['13812346886', '合约', null]];
    expect(findHeaderRow(rows)).toBe(0);
    expect(headersAt(rows, 1)).toBe(rows[1]);
  });

  it('takes the first non-blank row when nothing looks like a header, and 0 for no rows', () => {
    expect(findHeaderRow([[], ['a', 'b'], ['c', 'd']])).toBe(1);
    expect(findHeaderRow([])).toBe(0);
  });

  it('looks no further than maxScan rows', () => {
    const rows = [['x'], ['y'], ['手机号码', '姓名']];
    expect(findHeaderRow(rows, 2)).toBe(0);
    expect(findHeaderRow(rows, 3)).toBe(2);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (i, letter) => expect(columnLetter(i)).toBe(letter));
});
