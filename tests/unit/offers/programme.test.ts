/**
 * The programme's model → list → offer table (docs/product.md §5.3): for each row, a customer of that list or tag
 * gets the offer ranked on the card, or it is excluded with the reason the table states. The card's own steps
 * (electron/backend/offers.ts `recommendOffers`): match the default catalogue, rank the candidates by expected
 * value with the acceptance prior, list the negative-value ones as not offered.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../core/i18n';
import { emptyAcceptanceTable } from '../../../core/offers/acceptance';
import type { OfferChannel, RuleCondition } from '../../../core/offers/catalogue';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { compileCatalogue, type SubscriberValues } from '../../../core/offers/match';
import { negativeValueOffers, rankOffers } from '../../../core/offers/rank';
import { listTypeLabels, type ListType } from '../../../core/worklist/fields';

const today = '2026-11-20';
const now = '2026-11-20T03:00:00.000Z';

/** A customer no rule picks out by itself: under contract, in order, middling value, no tags. */
const neutral: SubscriberValues = {
  brand: '动感地带', plan_code: 'DGDD59', plan_name: '动感地带潮玩套餐59元', arpu_avg3: 90, arpu_cur: 88,
  data_mb_avg3: 8_000, status: '正常', arrears: 0, balance: 40, complaints_90d: 0, handset_months: 12,
  family_members: 2, broadband: 0, contract_type: '24个月合约', contract_end: '2027-09-30', dual_sim: '无',
};

interface Customer {
  tags?: string[];
  lists?: ListType[];
  subscriber?: Partial<Record<string, string | number | null>>;
  extra?: Record<string, string | number>;
  channel?: OfferChannel;
  columns?: string[];
}

function card(c: Customer) {
  const catalogue = compileCatalogue(defaultOffers, { columns: c.columns ? new Set(c.columns) : null });
  const tags = c.tags ?? [];
  const result = catalogue.match({
    subscriber: { ...neutral, ...c.subscriber },
    extra: c.extra ?? {},
    tags,
    listTypes: c.lists ?? [],
    history: [],
    budgetUsed: {},
    channel: c.channel ?? 'phone',
    today,
    now,
  });
  const arpu = Number(c.subscriber?.arpu_avg3 ?? neutral.arpu_avg3);
  const ctx = { pChurn: 0.8, arpu, segment: 'none', acceptance: emptyAcceptanceTable(), matched: result.matched };
  return {
    ranked: rankOffers(result.candidates, ctx).map((r) => r.code),
    candidates: result.candidates.map((o) => o.code),
    excluded: new Map(result.excluded.map((e) => [e.code, e])),
    negative: negativeValueOffers(result.candidates, ctx).map((x) => x.code),
    unknown: result.unknown,
  };
}

/** Rows of the table: who, and the offers they get ranked. */
const rows: { row: string; customer: Customer; ranked: string[]; notCandidate?: string[] }[] = [
  { row: '周异动 (under contract) → 合约/隐形回馈', customer: { lists: ['weekly_anomaly'] }, ranked: ['CONTRACT_REWARD'] },
  { row: '合约即将到期 list → 合约/隐形回馈', customer: { lists: ['contract_expiring'] }, ranked: ['CONTRACT_REWARD'] },
  { row: '合约即将到期 tag → 合约/隐形回馈', customer: { tags: ['contract_expiring'] }, ranked: ['CONTRACT_REWARD'] },
  { row: '无合约关怀 → 合约/隐形回馈, 打多少送多少', customer: { lists: ['no_contract_care'], subscriber: { contract_type: '无合约', contract_end: null } }, ranked: ['CONTRACT_REWARD', 'SPEND_GET_BACK'] },
  { row: '双卡 list → 彩号', customer: { lists: ['dual_sim'] }, ranked: ['LUCKY_NUMBER'] },
  { row: '双卡 tag → 彩号', customer: { tags: ['dual_sim'] }, ranked: ['LUCKY_NUMBER'] },
  { row: '套餐错位 → 品牌迁移 with a follow-up visit, not 套餐关怀', customer: { tags: ['plan_mismatch'] }, ranked: ['BRAND_MIGRATION'], notCandidate: ['PLAN_CARE'] },
  { row: '品牌迁移 list → 品牌迁移', customer: { lists: ['brand_migration'] }, ranked: ['BRAND_MIGRATION'] },
  { row: '中高端 → 品牌迁移, 车信通', customer: { tags: ['mid_high_value'] }, ranked: ['BRAND_MIGRATION', 'CAR_SERVICE'] },
  { row: '欠费即将停机 tag → 余额提醒/紧急开机', customer: { tags: ['arrears_before_suspension'] }, ranked: ['BALANCE_REMINDER'] },
  { row: '欠费即将停机 list → 余额提醒/紧急开机', customer: { lists: ['arrears_suspension'] }, ranked: ['BALANCE_REMINDER'] },
  { row: '欠费即将停机 in the hall → 余额提醒/紧急开机', customer: { tags: ['arrears_before_suspension'], channel: 'hall' }, ranked: ['BALANCE_REMINDER'] },
  { row: '话费激增 tag → 余额提醒, 套餐关怀', customer: { tags: ['bill_spike'] }, ranked: ['BALANCE_REMINDER', 'PLAN_CARE'] },
  { row: '话费激增 list → 余额提醒, 套餐关怀', customer: { lists: ['bill_spike'] }, ranked: ['BALANCE_REMINDER', 'PLAN_CARE'] },
  { row: '流量异常 tag → 套餐关怀, 流量包月', customer: { tags: ['data_anomaly'] }, ranked: ['PLAN_CARE', 'DATA_PACK'] },
  { row: '流量异常 list → 套餐关怀, 流量包月', customer: { lists: ['data_anomaly'] }, ranked: ['PLAN_CARE', 'DATA_PACK'] },
  { row: '上网一族 → 数据卡, 流量包月', customer: { tags: ['data_heavy'] }, ranked: ['DATA_SIM', 'DATA_PACK'] },
  { row: '家庭 tag → 家庭合帐', customer: { tags: ['family'] }, ranked: ['FAMILY_PLAN'] },
  { row: '家庭客户 list → 家庭合帐', customer: { lists: ['family'] }, ranked: ['FAMILY_PLAN'] },
  { row: '未首拜客户 (a visit) → 合约/隐形回馈', customer: { lists: ['first_visit_due'], channel: 'visit' }, ranked: ['CONTRACT_REWARD'] },
  { row: '无关怀无粘性 → 打多少送多少', customer: { tags: ['no_stickiness'] }, ranked: ['SPEND_GET_BACK'] },
  { row: '有车一族 (extra column) → 车信通/加油卡', customer: { extra: { 有车一族: '是' }, columns: ['有车一族'] }, ranked: ['CAR_SERVICE'] },
  { row: '换机, high value on 全球通 → 存话费送手机', customer: { tags: ['handset_change'], subscriber: { brand: '全球通', arpu_avg3: 300, plan_code: 'QQT288' } }, ranked: ['HANDSET_DEPOSIT'] },
];

describe("the programme's model → list → offer table", () => {
  it.each(rows)('$row', ({ customer, ranked, notCandidate }) => {
    const c = card(customer);
    for (const code of ranked) expect(c.ranked, `${code} ranked`).toContain(code);
    for (const code of notCandidate ?? []) expect(c.candidates, `${code} not offered`).not.toContain(code);
  });

  it('a 套餐错位 customer already on 全球通 is not offered 品牌迁移: it does not apply (the brand is 全球通)', () => {
    const c = card({ tags: ['plan_mismatch'], subscriber: { brand: '全球通' } });
    const e = c.excluded.get('BRAND_MIGRATION');
    expect(e?.stage).toBe('applicability');
    expect(e?.reason.conditions?.[0]).toMatchObject({ code: 'offer.cond.eq', params: { field: 'brand', value: '全球通' } });
  });

  it('换机 for a middling customer: 存话费送手机 costs more than it keeps, so it is listed as not offered (negative value)', () => {
    const c = card({ tags: ['handset_change'] });
    expect(c.candidates).toContain('HANDSET_DEPOSIT');
    expect(c.ranked).not.toContain('HANDSET_DEPOSIT');
    expect(c.negative).toContain('HANDSET_DEPOSIT');
  });

  it('换机 in arrears: 存话费送手机 is unsuitable', () => {
    const c = card({ tags: ['handset_change'], subscriber: { arrears: 35 } });
    expect(c.excluded.get('HANDSET_DEPOSIT')?.stage).toBe('suitability');
  });

  it('有车一族 in a workspace that never imported the column: unknown on the card, never offered for it', () => {
    // Even a row that somehow holds the value does not count: the workspace does not know the column.
    const c = card({ extra: { 有车一族: '是' }, columns: ['积分'] });
    expect(c.candidates).not.toContain('CAR_SERVICE');
    expect(c.unknown).toContainEqual({ code: 'CAR_SERVICE', field: '有车一族' });
    expect(c.excluded.get('CAR_SERVICE')?.reason.conditions).toContainEqual({ code: 'offer.cond.unknown', params: { field: '有车一族' } });
  });

  it('有车一族 = 否: not offered for it (a plain no, nothing unknown)', () => {
    const c = card({ extra: { 有车一族: '否' }, columns: ['有车一族'] });
    expect(c.candidates).not.toContain('CAR_SERVICE');
    expect(c.unknown.filter((u) => u.code === 'CAR_SERVICE')).toEqual([]);
  });
});

describe('each default offer states the lists and tags it serves', () => {
  const named = (conds: readonly RuleCondition[], out = { lists: new Set<string>(), tags: new Set<string>(), columns: new Set<string>() }) => {
    for (const c of conds) {
      if ('any' in c) named(c.any, out);
      else if ('list' in c) out.lists.add(c.list);
      else if ('tag' in c && c.present !== false) out.tags.add(c.tag);
      else if ('column' in c) out.columns.add(c.column);
    }
    return out;
  };
  it.each(defaultOffers.map((o) => [o.code, o] as const))('%s', (_code, o) => {
    const { lists, tags, columns } = named(o.rules.eligible ?? []);
    const text = o.description ?? '';
    expect(text.startsWith('适用：'), text).toBe(true);
    for (const l of lists) expect(text, l).toContain(listTypeLabels[l as ListType].zh);
    for (const t of tags) expect(text, t).toContain(formatMessage('zh-CN', `offer.cond.tag.${t}`));
    for (const h of columns) expect(text, h).toContain(h);
  });
});
