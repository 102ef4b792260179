/**
 * The built-in campaigns (issue 17 #3, docs/product.md §5.6): off until a supervisor turns them on, each saying where
 * it comes from. Two programmes give them:
 *  - the anti-poaching programme's model lists (docs/product.md §5.3, the model → list → offer table): each model's
 *    customers become a list of that type, so the default offers that serve the list rank for them, led by the
 *    offer family the table names. They run after every import, when the scores they read are new;
 *  - the VAS programme's five outbound strategies, from work-list columns: 体验开始日期 / 体验后订购 (canonical,
 *    core/worklist/fields.ts) and two extra columns this product defines by their headers, 包年到期日期 (the annual
 *    package's end date) and 包月订购月数 (months on the monthly package). A campaign over a column no file has brought
 *    is refused by name when it runs, so turning one on before the central side sends the column says what is missing.
 *    The date-window strategies run daily (a trial's 7th day comes whether or not a file arrives).
 * Names are the operator's words (Chinese): they are stored, are what the CLI and the files know a campaign by, and a
 * supervisor may rename them; `nameEn` is how an English reader sees one not renamed (`campaignNameFor`), as the default
 * offers carry their English name. `source` is a message code.
 */
import type { Locale } from '../i18n';
import type { OfferCategory } from '../offers/catalogue';
import type { Condition } from '../rules/condition';
import type { SegmentCondition } from '../segments/segment';
import type { ListType } from '../worklist/fields';
import type { CampaignSchedule } from './campaign';

export interface BuiltinCampaign {
  key: string;
  name: string;
  /** The name an English reader sees while the campaign keeps `name`. */
  nameEn: string;
  /** A message code (core/i18n): the programme and the model or strategy it comes from. */
  source: string;
  condition: SegmentCondition;
  listType: ListType;
  offerFamily: OfferCategory | null;
  dueDays: number;
  schedule: CampaignSchedule;
}

const model = (key: string, name: string, nameEn: string, condition: SegmentCondition, listType: ListType, offerFamily: OfferCategory): BuiltinCampaign => ({
  key: `antipoach.${key}`,
  name,
  nameEn,
  source: `campaign-source.antipoach.${key}`,
  condition,
  listType,
  offerFamily,
  dueDays: 7,
  schedule: 'after-import',
});

/** No order made after the trial: the column says no, or says nothing. */
const trialNotOrdered: Condition = { any: [{ field: 'trial_ordered', op: '=', value: false }, { field: 'trial_ordered', op: 'empty' }] };

export const builtinCampaigns: readonly BuiltinCampaign[] = [
  model('weekly-anomaly', '周异动客户挽留', 'Weekly anomaly retention', { all: [{ field: 'risk_level', op: 'in', value: ['high'] }] }, 'weekly_anomaly', 'contract'),
  model('dual-sim', '双卡客户挽留', 'Dual-SIM retention', { all: [{ tag: 'dual_sim' }] }, 'dual_sim', 'number'),
  model('handset-change', '换机客户挽留', 'Handset change retention', { all: [{ tag: 'handset_change' }] }, 'handset_change', 'handset'),
  model('plan-mismatch', '套餐错位客户迁移', 'Plan mismatch migration', { all: [{ tag: 'plan_mismatch' }] }, 'brand_migration', 'migration'),
  model('family', '家庭客户合帐', 'Family account merge', { all: [{ tag: 'family' }] }, 'family', 'family'),
  model('data-heavy', '上网一族流量维系', 'Heavy data users’ data care', { all: [{ tag: 'data_heavy' }] }, 'other', 'data'),
  model('data-anomaly', '流量异常关怀', 'Data anomaly care', { all: [{ tag: 'data_anomaly' }] }, 'data_anomaly', 'care'),
  model('bill-spike', '话费激增提醒', 'Bill spike reminder', { all: [{ tag: 'bill_spike' }] }, 'bill_spike', 'care'),
  model('no-care', '无关怀无粘性客户关怀', 'Care for customers with no care or stickiness', { all: [{ tag: 'no_stickiness' }] }, 'no_contract_care', 'reward'),
  model('car-owner', '有车一族关怀', 'Car owner care', { all: [{ column: '有车一族', op: '=', value: true }] }, 'other', 'service'),
  {
    key: 'vas.trial-selection',
    name: '增值业务体验用户甄选',
    nameEn: 'VAS trial-user selection',
    source: 'campaign-source.vas.trial-selection',
    // Mid/high-value customers who use what a trial would show them, with no trial in the last six months.
    condition: {
      all: [{ tag: 'mid_high_value' }, { any: [{ tag: 'product_sensitive' }, { tag: 'data_heavy' }] }, { any: [{ field: 'trial_start', op: 'empty' }, { field: 'trial_start', op: 'days-ago', value: [181, 36500] }] }],
    },
    listType: 'other',
    offerFamily: 'service',
    dueDays: 7,
    schedule: 'after-import',
  },
  {
    key: 'vas.trial-follow-up',
    name: '体验期回访',
    nameEn: 'Trial follow-up',
    source: 'campaign-source.vas.trial-follow-up',
    // The 7th to 9th day of a trial without an order: a call while the trial is fresh (each customer once a trial:
    // the list stays current for the 3 days of the window).
    condition: { all: [{ field: 'trial_start', op: 'days-ago', value: [7, 9] }, trialNotOrdered] },
    listType: 'other',
    offerFamily: 'service',
    dueDays: 3,
    schedule: 'daily',
  },
  {
    key: 'vas.direct',
    name: '增值业务直接推荐',
    nameEn: 'VAS direct recommendation',
    source: 'campaign-source.vas.direct',
    condition: { all: [{ tag: 'product_sensitive' }, { field: 'risk_level', op: 'in', value: ['stable', 'low'] }] },
    listType: 'other',
    offerFamily: 'service',
    dueDays: 7,
    schedule: 'after-import',
  },
  {
    key: 'vas.annual-expiring',
    name: '包年业务到期续订',
    nameEn: 'Annual package renewal',
    source: 'campaign-source.vas.annual-expiring',
    condition: { all: [{ column: '包年到期日期', op: 'days-until', value: [0, 30] }] },
    listType: 'contract_expiring',
    offerFamily: 'service',
    dueDays: 14,
    schedule: 'daily',
  },
  {
    key: 'vas.monthly-to-annual',
    name: '包月转包年',
    nameEn: 'Monthly to annual package',
    source: 'campaign-source.vas.monthly-to-annual',
    condition: { all: [{ column: '包月订购月数', op: '>=', value: 6 }] },
    listType: 'other',
    offerFamily: 'service',
    dueDays: 7,
    schedule: 'after-import',
  },
];

/**
 * A campaign's name for its reader: a built-in one still under its own name reads in the reader's language; a name a
 * supervisor gave is theirs and shown as typed. What is stored stays the operator's name (the CLI, files and audit).
 */
export function campaignNameFor(locale: Locale, c: { name: string; builtin: string | null }): string {
  if (locale !== 'en' || c.builtin === null) return c.name;
  const b = builtinCampaigns.find((x) => x.key === c.builtin);
  return b && b.name === c.name ? b.nameEn : c.name;
}

/** What a campaign run adds to its list's name when a list of that name and day exists already (backend/campaigns.ts). */
export const CAMPAIGN_LIST_SUFFIX = '（活动）';

/**
 * A work list's name for its reader: the list a built-in campaign made under its own name (with the suffix a run adds
 * when the name was taken that day) reads in the reader's language, as the campaign does (campaignNameFor); any other
 * name, the central system's or a supervisor's, is shown as it is stored.
 */
export function workListNameFor(locale: Locale, name: string): string {
  if (locale !== 'en') return name;
  const suffixed = name.endsWith(CAMPAIGN_LIST_SUFFIX);
  const base = suffixed ? name.slice(0, -CAMPAIGN_LIST_SUFFIX.length) : name;
  const b = builtinCampaigns.find((x) => x.name === base);
  return b ? (suffixed ? `${b.nameEn} (campaign)` : b.nameEn) : name;
}
