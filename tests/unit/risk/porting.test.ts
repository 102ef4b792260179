import { describe, expect, it } from 'vitest';
import { compiled, defaultRiskConfig, riskConfigSchema } from '../../../core/risk/config';
import { scoreOnly, scoreSubscriber, reasonCodesOf, type ScoreOnlyResult } from '../../../core/risk/score';
import { formatMessage } from '../../../core/i18n';
import { matchHeaders } from '../../../core/worklist/headers';
import { normalizeListTypeCell } from '../../../core/worklist/cells';

const today = '2026-11-23';

describe('number portability as a risk reason (issue 16 #6)', () => {
  it('a porting eligibility query within 30 days scores 8 points with the date; an older one or none scores nothing', () => {
    const r = scoreSubscriber({ porting_query_date: '2026-11-10' }, defaultRiskConfig, { today });
    expect(r.reasons).toContainEqual({ code: 'porting-query', points: 8, params: { date: '2026-11-10', days: 13 } });
    expect(r.score).toBe(8);
    expect(formatMessage('zh-CN', 'risk.porting-query', { date: '2026-11-10', days: 13 })).toBe('13 天前（2026-11-10）查询过携号转网资格');
    expect(scoreSubscriber({ porting_query_date: '2026-10-01' }, defaultRiskConfig, { today }).reasons.map((x) => x.code)).not.toContain('porting-query');
    // No date is no query, never "unknown": the card does not ask for a column most files lack.
    expect(scoreSubscriber({}, defaultRiskConfig, { today }).unjudged).toEqual(scoreSubscriber({ porting_query_date: null }, defaultRiskConfig, { today }).unjudged);
  });

  it('the bulk score agrees with the card', () => {
    const out: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity };
    const day = Math.floor(Date.parse(today + 'T00:00:00Z') / 86_400_000);
    scoreOnly({ porting_query_date: '2026-11-20' }, compiled(defaultRiskConfig), day, out);
    expect(out.score).toBe(8);
    expect(reasonCodesOf(out.reasons)).toEqual(['porting-query']);
  });

  it('a risk version saved before the rule existed still reads, with the default rule', () => {
    const { portingQuery: _omit, ...old } = defaultRiskConfig;
    const parsed = riskConfigSchema.parse(old);
    expect(parsed.portingQuery).toEqual({ days: 30, points: 8 });
  });

  it('the work-list columns are recognised by their names', () => {
    const m = matchHeaders(['手机号码', '携号转网资格查询日期', '携转申请日期', '最近退订日期', '体验开始日期', '体验后订购', '开通后退订日期']);
    expect(m.map((c) => (c.target as { field?: string }).field)).toEqual(['msisdn', 'porting_query_date', 'porting_apply_date', 'last_unsubscribed', 'trial_start', 'trial_ordered', 'cancelled_after_open']);
  });

  it('a 携号转网 list is its own list type', () => {
    expect(normalizeListTypeCell('携号转网')).toMatchObject({ ok: true, value: 'number_porting' });
    expect(normalizeListTypeCell('11月携号转网资格查询清单')).toMatchObject({ ok: true, value: 'number_porting' });
    expect(normalizeListTypeCell('Number portability')).toMatchObject({ ok: true, value: 'number_porting' });
  });
});
