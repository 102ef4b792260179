import { describe, expect, it } from 'vitest';
import { defaultRiskConfig } from '../../../core/risk/config';
import { segmentSubscriber, tagCodes, type TagCode } from '../../../core/risk/tags';
import { levelText, reasonText, tagText, unjudgedText } from '../../../core/risk/messages';
import { reasonCodes, riskLevels, unjudgedGroups } from '../../../core/risk/score';
import { riskMessagesEn, riskMessagesZh } from '../../../core/i18n/risk-messages';
import { isMessageCode } from '../../../core/i18n';
import type { SubscriberRecord } from '../../../core/risk/values';

const ctx = { today: '2026-11-20' };
const seg = (s: SubscriberRecord, declineReasons?: string[]) => segmentSubscriber(s, defaultRiskConfig, ctx, { declineReasons });
const codes = (s: SubscriberRecord, d?: string[]): TagCode[] => seg(s, d).tags.map((t) => t.code);

describe('segments and tags', () => {
  it('tier from the file, else by ARPU; mid/high value at 120', () => {
    expect(seg({ tier: '金卡', arpu_avg3: 50 })).toMatchObject({ tier: 'gold', tierSource: 'file', midHighValue: false });
    expect(seg({ arpu_avg3: 320 })).toMatchObject({ tier: 'diamond', tierSource: 'arpu', midHighValue: true });
    expect(seg({ arpu_m1: 100, arpu_m2: 120, arpu_m3: 140 })).toMatchObject({ tier: 'silver', midHighValue: true });
    expect(seg({})).toMatchObject({ tier: null, tierSource: null, midHighValue: null, sensitivity: null, tags: [] });
    expect(seg({ tier: 'constructor' }).tier).toBe(null);
  });

  const table: [string, SubscriberRecord, TagCode, Record<string, number | string>][] = [
    ['family', { family_members: 4, family_numbers: 1 }, 'family', { members: 4, familyNumbers: 1 }],
    ['handset old', { handset_months: 30 }, 'handset_change', { months: 30 }],
    ['not a smartphone', { handset_months: 10, handset_smart: 0 }, 'handset_change', { smart: 0 }],
    ['plan too small', { plan_fee: 58, arpu_avg3: 90 }, 'plan_mismatch', { direction: 'under', fee: 58, avg: 90 }],
    ['plan too big', { plan_fee: 128, arpu_avg3: 128, mou_avg3: 40, data_mb_avg3: 500 }, 'plan_mismatch', { direction: 'over', fee: 128, mou: 40, data: 500 }],
    ['data heavy', { data_mb_avg3: 50000 }, 'data_heavy', { avg: 50000 }],
    ['contract expiring', { contract_type: '购机合约', contract_end: '2026-12-30' }, 'contract_expiring', { days: 40, date: '2026-12-30' }],
    ['arrears before suspension', { arrears: 30, status: '正常' }, 'arrears_before_suspension', { arrears: 30, status: '正常' }],
    ['bill spike', { arpu_avg3: 100, arpu_cur: 150 }, 'bill_spike', { pct: 150, cur: 150, avg: 100 }],
    ['data anomaly', { data_mb_avg3: 1000, data_mb_cur: 2500 }, 'data_anomaly', { pct: 250, cur: 2500, avg: 1000 }],
    ['no stickiness', { family_numbers: 0, vnet: 0, broadband: 0, contract_type: '无合约' }, 'no_stickiness', {}],
    ['dual SIM', { dual_sim: '移动+广电' }, 'dual_sim', { value: '移动+广电' }],
    ['roaming heavy', { roaming_min: 60, mou_cur: 200 }, 'roaming_heavy', { pct: 30, minutes: 60 }],
  ];
  it.each(table)('%s', (_n, s, code, params) => {
    const tag = seg(s).tags.find((t) => t.code === code);
    expect(tag?.params).toEqual(params);
  });

  it('near misses carry no tag', () => {
    expect(codes({ family_members: 2 })).not.toContain('family');
    expect(codes({ arpu_avg3: 100, arpu_cur: 149 })).not.toContain('bill_spike');
    expect(codes({ contract_type: '购机合约', contract_end: '2027-02-20' })).not.toContain('contract_expiring');
    expect(codes({ arrears: 30, status: '预销号' })).not.toContain('arrears_before_suspension');
    expect(codes({ family_numbers: 0, vnet: 1, broadband: 0, contract_type: '无合约' })).not.toContain('no_stickiness');
    expect(codes({ family_numbers: 0, vnet: 0, broadband: 0 })).not.toContain('no_stickiness');
  });

  it('sensitivity from signals and past outcomes', () => {
    expect(seg({ arpu_avg3: 100, arpu_cur: 160 }).sensitivity).toBe('price');
    expect(seg({ complaints_90d: 2 }).sensitivity).toBe('service');
    expect(seg({ tenure_months: 80, arpu_avg3: 200 }).sensitivity).toBe('reward');
    expect(seg({ data_mb_avg3: 50000 }).sensitivity).toBe('product');
    // What the customer said outweighs a single signal.
    expect(seg({ data_mb_avg3: 50000 }, ['price']).sensitivity).toBe('price');
    const s = seg({ complaints_90d: 1, arpu_avg3: 130, arpu_cur: 130 });
    expect(s.tags.map((t) => t.code)).toEqual(['mid_high_value', 'service_sensitive']);
    expect(s.tags[1]!.params).toEqual({ evidence: 'complaints', weight: 1 });
  });

  it('tags come in the declared order', () => {
    const s = seg({ arpu_avg3: 130, arpu_cur: 200, family_members: 3, handset_months: 40, dual_sim: '是', roaming_min: 100, mou_cur: 100 });
    const idx = s.tags.map((t) => tagCodes.indexOf(t.code));
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });
});

describe('risk messages', () => {
  it('exist in both languages with the same placeholders, for every code', () => {
    const ph = (t: string): string[] => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    expect(Object.keys(riskMessagesEn).sort()).toEqual(Object.keys(riskMessagesZh).sort());
    for (const [k, zh] of Object.entries(riskMessagesZh)) expect(ph(riskMessagesEn[k as keyof typeof riskMessagesEn]), k).toEqual(ph(zh));
    for (const c of reasonCodes) expect(isMessageCode(`risk.${c}`), c).toBe(true);
    for (const l of riskLevels) expect(isMessageCode(`risk.level.${l}`)).toBe(true);
    for (const g of unjudgedGroups) expect(isMessageCode(`risk.unjudged.${g}`), g).toBe(true);
    for (const t of tagCodes) expect(isMessageCode(`tag.${t}`), t).toBe(true);
  });

  it('read plainly with the figures', () => {
    expect(reasonText('zh-CN', { code: 'arpu-drop', params: { pct: 52, cur: 48, avg: 100 } })).toBe('ARPU 较近三月均值下降 52%（48 元 vs 100 元）');
    expect(reasonText('en', { code: 'arpu-drop', params: { pct: 52, cur: 48, avg: 100 } })).toBe('ARPU down 52% against the 3-month average (48 vs 100 yuan)');
    expect(levelText('zh-CN', 'high')).toBe('高危');
    expect(unjudgedText('zh-CN', 'usage-history')).toBe('无使用历史，无法判断用量变化');
    expect(unjudgedText('en', 'usage-history')).toContain('No usage history');
    const tag = seg({ complaints_90d: 1 }, ['service']).tags[0]!;
    expect(tagText('zh-CN', tag)).toBe('服务敏感（依据：近期投诉、曾因服务或网络拒绝）');
    expect(tagText('en', seg({ plan_fee: 58, arpu_avg3: 90 }).tags.find((t) => t.code === 'plan_mismatch')!)).toBe('Plan too small (fee 58 yuan, 3-month ARPU 90 yuan)');
  });
});
