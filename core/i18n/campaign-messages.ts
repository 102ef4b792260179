/**
 * Campaign words that core produces as codes (core/campaigns/defaults.ts): where a built-in campaign comes from.
 * The programmes are the operator's (docs/product.md §5.3, §5.6).
 */
export const campaignMessagesZh = {
  'campaign-source.antipoach.weekly-anomaly': '防携转挽留方案 · 周异动模型：本机风险评分为高危的客户',
  'campaign-source.antipoach.dual-sim': '防携转挽留方案 · 双卡模型：有他网副卡的客户',
  'campaign-source.antipoach.handset-change': '防携转挽留方案 · 换机模型：手机用满 24 个月或非智能机',
  'campaign-source.antipoach.plan-mismatch': '防携转挽留方案 · 套餐错位模型：品牌迁移并上门回访',
  'campaign-source.antipoach.family': '防携转挽留方案 · 家庭客户模型：家庭成员 3 人以上',
  'campaign-source.antipoach.data-heavy': '防携转挽留方案 · 上网一族模型：月均流量 40 GB 以上',
  'campaign-source.antipoach.data-anomaly': '防携转挽留方案 · 流量异常模型：当月流量达均值两倍',
  'campaign-source.antipoach.bill-spike': '防携转挽留方案 · 话费激增模型：当月话费达均值 1.5 倍',
  'campaign-source.antipoach.no-care': '防携转挽留方案 · 无关怀无粘性模型：无粘性业务、无合约',
  'campaign-source.antipoach.car-owner': '防携转挽留方案 · 有车一族模型：清单“有车一族”列为“是”',
  'campaign-source.vas.trial-selection': '增值业务外呼策略 · 体验用户甄选：中高端、用得上、半年内未体验',
  'campaign-source.vas.trial-follow-up': '增值业务外呼策略 · 体验期回访：体验第 7–9 天且未订购',
  'campaign-source.vas.direct': '增值业务外呼策略 · 直接推荐：产品敏感型且低风险',
  'campaign-source.vas.annual-expiring': '增值业务外呼策略 · 包年到期：清单“包年到期日期”在 30 天内',
  'campaign-source.vas.monthly-to-annual': '增值业务外呼策略 · 包月转包年：清单“包月订购月数”满 6 个月',
} as const;

export type CampaignMessageCode = keyof typeof campaignMessagesZh;

export const campaignMessagesEn: Record<CampaignMessageCode, string> = {
  'campaign-source.antipoach.weekly-anomaly': 'Anti-poaching programme · weekly anomaly model: customers the desk scores high risk',
  'campaign-source.antipoach.dual-sim': 'Anti-poaching programme · dual SIM model: a second SIM with a competitor',
  'campaign-source.antipoach.handset-change': 'Anti-poaching programme · handset change model: a handset 24 months old or not a smartphone',
  'campaign-source.antipoach.plan-mismatch': 'Anti-poaching programme · plan mismatch model: brand migration with a follow-up visit',
  'campaign-source.antipoach.family': 'Anti-poaching programme · family model: three or more family members',
  'campaign-source.antipoach.data-heavy': 'Anti-poaching programme · heavy data model: 40 GB a month or more on average',
  'campaign-source.antipoach.data-anomaly': 'Anti-poaching programme · data anomaly model: this month’s data twice the average',
  'campaign-source.antipoach.bill-spike': 'Anti-poaching programme · bill spike model: this month’s bill 1.5 times the average',
  'campaign-source.antipoach.no-care': 'Anti-poaching programme · no care, no stickiness model: no sticky service, no contract',
  'campaign-source.antipoach.car-owner': 'Anti-poaching programme · car owner model: the work list’s “有车一族” column says yes',
  'campaign-source.vas.trial-selection': 'VAS outbound strategies · trial-user selection: mid/high value, a use for it, no trial in six months',
  'campaign-source.vas.trial-follow-up': 'VAS outbound strategies · trial follow-up: days 7–9 of a trial with no order',
  'campaign-source.vas.direct': 'VAS outbound strategies · direct recommendation: product-sensitive and low risk',
  'campaign-source.vas.annual-expiring': 'VAS outbound strategies · annual package expiring: the list’s “包年到期日期” within 30 days',
  'campaign-source.vas.monthly-to-annual': 'VAS outbound strategies · monthly to annual: the list’s “包月订购月数” 6 months or more',
};
