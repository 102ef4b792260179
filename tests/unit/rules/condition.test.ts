import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../core/i18n';
import { checkOfferRules, offerRules } from '../../../core/offers/catalogue';
import { checkConditions, compileCondition, dayOfDate, dayOfValue, maskOf, newBits, T, F, U, type Condition, type Facts } from '../../../core/rules/condition';

const today = dayOfDate('2026-11-20');

function evaluate(c: Condition, over: Partial<Facts> = {}, columns: string[] | null = null): 0 | 1 | 2 {
  const bits = newBits();
  const e = compileCondition(c, { bits, columns: columns ? new Set(columns) : null });
  const f: Facts = { s: {}, extra: {}, derived: null, tags: [], lists: [], tm: 0, lm: 0, today, ...over };
  f.tm = maskOf(bits.tags, f.tags);
  f.lm = maskOf(bits.lists, f.lists);
  return e(f);
}
const on = (s: Record<string, unknown>) => ({ s });
const withExtra = (extra: Record<string, unknown>) => ({ extra });

describe('types', () => {
  it('numbers: a canonical number field, text that reads as a number, a missing value is unknown', () => {
    const c: Condition = { field: 'arpu_avg3', op: '>=', value: 120 };
    expect(evaluate(c, on({ arpu_avg3: 120 }))).toBe(T);
    expect(evaluate(c, on({ arpu_avg3: ' 119.5 ' }))).toBe(F);
    expect(evaluate(c, on({ arpu_avg3: null }))).toBe(U);
    expect(evaluate(c, on({ arpu_avg3: 'abc' }))).toBe(U);
  });

  it('dates: a canonical date field compared with a date', () => {
    const c: Condition = { field: 'contract_end', op: '<', value: '2027-01-01' };
    expect(evaluate(c, on({ contract_end: '2026-12-31' }))).toBe(T);
    expect(evaluate(c, on({ contract_end: '2027-01-01' }))).toBe(F);
    expect(evaluate({ field: 'contract_end', op: '=', value: '2026-12-31' }, on({ contract_end: '2026-12-31' }))).toBe(T);
  });

  it('yes/no: a canonical bool with 1/0 or true/false; an extra column read from 是/否, Y/N, 1/0', () => {
    expect(evaluate({ field: 'broadband', op: '=', value: 1 }, on({ broadband: '是' }))).toBe(T);
    expect(evaluate({ field: 'broadband', op: '=', value: true }, on({ broadband: 0 }))).toBe(F);
    const car: Condition = { column: '有车一族', op: '=', value: true };
    for (const yes of ['是', 'Y', 'yes', '1', 1, '有']) expect(evaluate(car, withExtra({ 有车一族: yes })), String(yes)).toBe(T);
    for (const no of ['否', 'N', '0', 0, '无']) expect(evaluate(car, withExtra({ 有车一族: no })), String(no)).toBe(F);
    expect(evaluate(car, withExtra({ 有车一族: '不详' }))).toBe(U);
    expect(evaluate(car, withExtra({}))).toBe(U);
    expect(evaluate({ column: '有车一族', op: '!=', value: true }, withExtra({ 有车一族: '否' }))).toBe(T);
  });

  it('text and in-list, on a field and on an extra column', () => {
    expect(evaluate({ field: 'brand', op: '=', value: '全球通' }, on({ brand: ' 全球通 ' }))).toBe(T);
    expect(evaluate({ field: 'status', op: 'not-in', value: ['停机', '预销号'] }, on({ status: '正常' }))).toBe(T);
    expect(evaluate({ column: '入网渠道', op: 'in', value: ['营业厅', '网上营业厅'] }, withExtra({ 入网渠道: '营业厅' }))).toBe(T);
    expect(evaluate({ column: '积分', op: 'in', value: [100, 200] }, withExtra({ 积分: '200' }))).toBe(T);
  });

  it('an extra column compared as a number or a date by its value', () => {
    expect(evaluate({ column: '积分', op: '>=', value: 1000 }, withExtra({ 积分: 1200 }))).toBe(T);
    expect(evaluate({ column: '积分', op: '>=', value: 1000 }, withExtra({ 积分: '八百' }))).toBe(U);
    expect(evaluate({ column: '宽带到期日', op: '<', value: '2027-01-01' }, withExtra({ 宽带到期日: '2026/12/5' }))).toBe(T);
  });

  it('risk level, score and P(churn) as facts the app computed; unknown when not at hand', () => {
    const derived = { risk_level: 'high', risk_score: 23, p_churn: 0.62 };
    expect(evaluate({ field: 'risk_level', op: 'in', value: ['high', 'medium'] }, { derived })).toBe(T);
    expect(evaluate({ field: 'risk_score', op: '>', value: 20 }, { derived })).toBe(T);
    expect(evaluate({ field: 'p_churn', op: '<', value: 0.5 }, { derived })).toBe(F);
    expect(evaluate({ field: 'p_churn', op: '<', value: 0.5 }, { derived: null })).toBe(U);
  });

  it('present / empty test the missing value itself', () => {
    expect(evaluate({ field: 'contract_type', op: 'empty' }, on({ contract_type: '  ' }))).toBe(T);
    expect(evaluate({ column: '积分', op: 'present' }, withExtra({ 积分: 0 }))).toBe(T);
  });
});

describe('days-ago and days-until', () => {
  it('count calendar days from today, both ends included', () => {
    const marketed: Condition = { field: 'last_marketed', op: 'days-ago', value: [0, 90] };
    expect(evaluate(marketed, on({ last_marketed: '2026-11-20' }))).toBe(T); // today: 0 days ago
    expect(evaluate(marketed, on({ last_marketed: '2026-08-22' }))).toBe(T); // 90 days ago
    expect(evaluate(marketed, on({ last_marketed: '2026-08-21' }))).toBe(F); // 91
    expect(evaluate(marketed, on({ last_marketed: '2026-11-21' }))).toBe(F); // tomorrow is not "ago"
    expect(evaluate(marketed, on({ last_marketed: null }))).toBe(U);
    const ending: Condition = { field: 'contract_end', op: 'days-until', value: [0, 30] };
    expect(evaluate(ending, on({ contract_end: '2026-12-20' }))).toBe(T); // 30 days ahead
    expect(evaluate(ending, on({ contract_end: '2026-12-21' }))).toBe(F);
    expect(evaluate(ending, on({ contract_end: '2026-11-19' }))).toBe(F); // already past
  });

  it('read the dates extra columns carry in the file\'s own spelling', () => {
    const c: Condition = { column: '最近退订日期', op: 'days-ago', value: [0, 365] };
    for (const d of ['2026-03-05', '2026/3/5', '2026.03.05', '20260305', '2026年3月5日', '2026-03-05T08:00:00Z']) expect(evaluate(c, withExtra({ 最近退订日期: d })), d).toBe(T);
    expect(dayOfValue('2026-02-30')).toBeNaN();
    expect(dayOfValue('05/03/2026')).toBeNaN();
  });
});

describe('a tag the desk does not know', () => {
  it('is saved with a warning that names the place and says it selects nobody (dual_sm went without a word, and its offer reached 0; found by a supervisor’s pass)', () => {
    const r = checkOfferRules({ eligible: [{ tag: 'dual_sim' }, { any: [{ tag: 'dual_sm' }, { tag: 'family', present: false }] }] });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([{ code: 'rule.tag-unknown', params: { stage: 'eligible', n: '2 › 1', path: 'eligible[1].any[0]', value: 'dual_sm' }, at: ['eligible', 1, 'any', 0] }]);
    expect(formatMessage('zh-CN', r.warnings[0]!.code, r.warnings[0]!.params)).toBe('可推荐条件第 2 › 1 条（eligible[1].any[0]）：没有“dual_sm”这个客户标签，此条件不会选中任何客户');
    expect(formatMessage('en', r.warnings[0]!.code, r.warnings[0]!.params)).toBe('Eligible when, condition 2 › 1 (eligible[1].any[0]): there is no customer tag "dual_sm", so this condition selects no customer');
  });
});

describe('a column the workspace lacks', () => {
  it('is unknown, never true — even for empty — whatever the row holds', () => {
    expect(evaluate({ column: '有车一族', op: '=', value: true }, withExtra({ 有车一族: '是' }), ['积分'])).toBe(U);
    expect(evaluate({ column: '有车一族', op: 'empty' }, withExtra({}), ['积分'])).toBe(U);
    expect(evaluate({ any: [{ column: '有车一族', op: 'present' }, { tag: 'family' }] }, { ...withExtra({}), tags: ['family'] }, ['积分'])).toBe(T);
    expect(evaluate({ any: [{ column: '有车一族', op: 'present' }, { tag: 'family' }] }, withExtra({}), ['积分'])).toBe(U);
  });

  it('is saved with a warning that names the place, not refused', () => {
    const r = checkOfferRules({ eligible: [{ tag: 'family' }, { any: [{ list: 'family' }, { column: '有车一族', op: '=', value: true }] }] }, { columns: new Set(['积分']) });
    expect(r.errors).toEqual([]);
    expect(r.value).not.toBeNull();
    expect(r.warnings).toEqual([
      { code: 'rule.column-absent', params: { stage: 'eligible', n: '2 › 2', path: 'eligible[1].any[1]', field: '有车一族' }, at: ['eligible', 1, 'any', 1] },
    ]);
    expect(formatMessage('zh-CN', r.warnings[0]!.code, r.warnings[0]!.params)).toBe(
      '可推荐条件第 2 › 2 条（eligible[1].any[1]）：本工作区还没有导入过“有车一族”这一列，在导入前此条件按“未知”处理（不会成立）',
    );
    expect(checkOfferRules({ eligible: [{ column: '有车一族', op: 'present' }] }, { columns: new Set(['有车一族']) }).warnings).toEqual([]);
  });
});

describe('errors name the place', () => {
  const first = (json: unknown) => checkOfferRules(json).errors[0];

  it('a field that does not exist', () => {
    const e = first({ notIf: [{ tag: 'family' }, { field: '有车一族', op: '=', value: 1 }] })!;
    expect(e).toEqual({ code: 'rule.field-unknown', params: { stage: 'notIf', n: '2', path: 'notIf[1]', field: '有车一族' }, at: ['notIf', 1] });
    expect(formatMessage('zh-CN', e.code, e.params)).toBe('不适用条件第 2 条（notIf[1]）：没有“有车一族”这个字段（导入文件里的其他列请写 "column": "列名"）');
    expect(formatMessage('en', e.code, e.params)).toBe('Does not apply when, condition 2 (notIf[1]): there is no field "有车一族" (other columns of imported files: "column": "header")');
  });

  it.each([
    [{ field: 'arpu_avg3', op: '>=', value: '120' }, 'rule.want.number', 'ARPU'],
    [{ field: 'contract_end', op: '<', value: 30 }, 'rule.want.date', '合约到期日'],
    [{ field: 'contract_end', op: '=', value: '2026-02-30' }, 'rule.want.date', '合约到期日'],
    [{ field: 'broadband', op: '=', value: '是' }, 'rule.want.yes-no', '宽带融合'],
    [{ field: 'brand', op: '>', value: 1 }, 'rule.op-for-type', '品牌'],
    [{ field: 'arpu_avg3', op: 'days-ago', value: [0, 30] }, 'rule.op-for-type', 'ARPU'],
    [{ field: 'last_marketed', op: 'days-ago', value: [30, 0] }, 'rule.want.range', '最近营销日期'],
    [{ field: 'last_marketed', op: 'days-ago', value: 30 }, 'rule.want.range', '最近营销日期'],
    [{ field: 'arpu_avg3', op: 'in', value: ['a'] }, 'rule.want.number', 'ARPU'],
    [{ field: 'risk_level', op: '=', value: 'severe' }, 'rule.value-allowed', '规则等级'],
    [{ field: 'arpu_avg3', op: '=>', value: 1 }, 'rule.op', 'ARPU'],
    [{ field: 'arpu_avg3', op: 'present', value: 1 }, 'rule.value-unexpected', 'ARPU'],
    [{ field: 'arpu_avg3', op: '>' }, 'rule.value-missing', 'ARPU'],
    [{ column: '积分', op: '>', value: 'many' }, 'rule.want.number', '积分'],
    [{ column: '', op: 'present' }, 'rule.column', ''],
    [{ field: 'name', op: '>', value: 1 }, 'rule.op-for-type', '客户姓名'],
  ])('%j → %s', (cond, code, shown) => {
    const e = first({ unsuitableIf: [{ any: [{ tag: 'family' }, cond] }] })!;
    expect(e.code).toBe(code);
    expect(e.params).toMatchObject({ stage: 'unsuitableIf', n: '1 › 2', path: 'unsuitableIf[0].any[1]' });
    const words = formatMessage('zh-CN', e.code, e.params);
    expect(words).toContain('不宜推荐条件第 1 › 2 条（unsuitableIf[0].any[1]）');
    expect(words).toContain(shown);
    expect(words).not.toMatch(/\{\w+\}/);
  });

  it('shapes, stray keys, unknown stages and list types', () => {
    expect(first([])?.code).toBe('rule.not-object');
    expect(first({ eligble: [] })?.code).toBe('rule.stage-unknown');
    expect(first({ eligible: {} })?.code).toBe('rule.not-array');
    expect(first({ eligible: [42] })?.code).toBe('rule.shape');
    expect(first({ eligible: [{ tag: 'family', when: 1 }] })?.code).toBe('rule.unknown-key');
    expect(first({ eligible: [{ list: 'nope' }] })?.code).toBe('rule.list');
    expect(first({ eligible: [{ any: [] }] })?.code).toBe('rule.any-empty');
    expect(first({ eligible: [{ tag: 'Family!' }] })?.code).toBe('rule.tag');
  });

  it('hostile input stays bounded: deep nesting and long lists are refused, not walked', () => {
    let deep: unknown = { tag: 'family' };
    for (let i = 0; i < 10_000; i++) deep = { any: [deep] };
    expect(first({ eligible: [deep] })?.code).toBe('rule.too-deep');
    expect(first({ eligible: Array.from({ length: 31 }, () => ({ tag: 'family' })) })?.code).toBe('rule.too-many-in-stage');
    expect(first({ eligible: [{ field: 'status', op: 'in', value: Array.from({ length: 101 }, (_, i) => String(i)) }] })?.code).toBe('rule.too-many-values');
  });

  it('the schema refuses with the same problem, its code and place carried for the backend to word', () => {
    const r = offerRules.safeParse({ eligible: [{ field: 'arpu_avg3', op: '>', value: '1' }] });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['eligible', 0]);
    expect((issue as { params?: Record<string, unknown> }).params).toMatchObject({ messageKey: 'rule.want.number', stage: 'eligible', n: '1', field: 'arpu_avg3' });
  });

  it('a generic checker: other callers (contact filters, segments) name their own stages', () => {
    const r = checkConditions({ exclude: [{ column: '最近退订日期', op: 'days-ago', value: [0, 365] }] }, ['exclude'] as const);
    expect(r.errors).toEqual([]);
    expect(r.value?.exclude?.length).toBe(1);
  });
});
