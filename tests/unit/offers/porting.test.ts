import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../core/i18n';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { otherOperatorsNamed, portingOnlyCondition } from '../../../core/offers/porting';

describe('offers and the number-portability rules (issue 16 #6)', () => {
  it('refuses an offer whose eligible conditions single out porting customers, naming the place', () => {
    expect(portingOnlyCondition({ eligible: [{ field: 'arpu_avg3', op: '>=', value: 50 }, { field: 'porting_apply_date', op: 'present' }] })).toEqual({
      code: 'offer.porting-only',
      params: { place: '2', field: 'porting_apply_date' },
    });
    const nested = portingOnlyCondition({ eligible: [{ any: [{ tag: 'family' }, { list: 'number_porting' }] }] });
    expect(nested?.params).toEqual({ place: '1.2', field: 'list_type' });
    expect(formatMessage('zh-CN', nested!.code, nested!.params)).toContain('第 1.2 条只针对携号转网客户（清单类型）');
    expect(formatMessage('en', 'offer.porting-only', { place: '2', field: 'porting_query_date' })).toContain('Condition 2');
  });

  it('lets rules exclude porting customers, and the default catalogue passes', () => {
    expect(portingOnlyCondition({ eligible: [{ field: 'porting_apply_date', op: 'empty' }], notIf: [{ field: 'porting_query_date', op: 'present' }], unsuitableIf: [{ list: 'number_porting' }] })).toBeNull();
    for (const o of defaultOffers) expect([o.code, portingOnlyCondition(o.rules)]).toEqual([o.code, null]);
  });

  it('finds other operators named in a script, full-width text included', () => {
    expect(otherOperatorsNamed('比电信便宜，联通也没有这个价')).toEqual(['中国电信', '中国联通']);
    expect(otherOperatorsNamed('中国广电的套餐')).toEqual(['中国广电']);
    expect(otherOperatorsNamed('您好，我是中国移动的客户经理')).toEqual([]);
    expect(otherOperatorsNamed(null)).toEqual([]);
    for (const o of defaultOffers) expect([o.code, otherOperatorsNamed(o.script)]).toEqual([o.code, []]);
  });
});

describe('the catalogue import applies the same checks', () => {
  it('refuses a porting-only row at its rules cell and warns about a script naming another operator', async () => {
    const { offerSheet, parseOfferRows } = await import('../../../core/exchange/catalogue');
    const [a, b] = defaultOffers;
    const sheet = offerSheet([
      { ...a!, rules: { eligible: [{ field: 'porting_query_date', op: 'present' }] } },
      { ...b!, script: '我们比联通更划算' },
    ]);
    const parsed = parseOfferRows([sheet.header, ...sheet.rows]);
    expect(parsed.items.map((o) => o.code)).toEqual([b!.code]);
    const refused = parsed.issues.find((i) => i.code === 'offer.porting-only')!;
    expect([refused.row, refused.severity, refused.params]).toEqual([2, 'error', { place: '1', field: 'porting_query_date' }]);
    const warned = parsed.issues.find((i) => i.code === 'offer.script-names-operator')!;
    expect([warned.row, warned.severity, warned.field, warned.params]).toEqual([3, 'warning', 'script', { names: '中国联通' }]);
  });
});
