/**
 * The contact policy's settings by name (issue 16 #3), for the two readers that need the same words: the contact
 * rules page and the audit log, which names the settings a saved version changed (as risk-setting-labels.ts does
 * for the risk rules). Keys are `contactPolicy.f.<setting>`.
 */
import type { ContactPolicy } from '../contact/policy';
import type { Placeholders } from './plural';

export const contactSettingLabelsZh = {
  'contactPolicy.f.phoneStartMinute': '外呼时段开始',
  'contactPolicy.f.phoneEndMinute': '外呼时段结束',
  'contactPolicy.f.hoursChannels': '受时段限制的渠道',
  'contactPolicy.f.maxAttempts': '最多接触次数（达到后任务结束为无法接通；客户约了回访则重新计数）',
  'contactPolicy.f.retryAfterMinutes': '未接通后再拨间隔',
  'contactPolicy.f.retryAfterDispositions': '需间隔再拨的结果',
  'contactPolicy.f.maxCallbackDays': '预约回访最远天数',
  'contactPolicy.f.dndChannels': '免打扰客户不接触的渠道',
  'contactPolicy.f.marketingGapDays': '营销间隔（不再营销的天数）',
  'contactPolicy.f.marketingGapChannels': '营销间隔适用的渠道',
  'contactPolicy.f.complaintCareDays': '投诉后先关怀的天数',
  'contactPolicy.f.cancelledAfterOpenDays': '开通后退订：不营销天数',
  'contactPolicy.f.trialNoOrderDays': '体验未订购：不营销天数',
  'contactPolicy.f.unsubscribedDays': '主动退订：不营销天数',
  'contactPolicy.f.marketedAnyChannelDays': '任一渠道营销过：不营销天数',
  'contactPolicy.f.portingAppliedDays': '携号转网申请后：不做维系营销的天数',
} as const;

export type ContactSettingLabelKey = keyof typeof contactSettingLabelsZh;

export const contactSettingLabelsEn = {
  'contactPolicy.f.phoneStartMinute': 'Calling hours from',
  'contactPolicy.f.phoneEndMinute': 'Calling hours until',
  'contactPolicy.f.hoursChannels': 'Channels bound by calling hours',
  'contactPolicy.f.maxAttempts': 'Attempt limit (then the task closes as unreachable; a call-back the customer asks for starts the count again)',
  'contactPolicy.f.retryAfterMinutes': 'Retry spacing after no answer',
  'contactPolicy.f.retryAfterDispositions': 'Outcomes that need the retry spacing',
  'contactPolicy.f.maxCallbackDays': 'Call-back at most this far ahead',
  'contactPolicy.f.dndChannels': 'Do-not-disturb: channels not used',
  'contactPolicy.f.marketingGapDays': 'Marketing gap (no marketing within)',
  'contactPolicy.f.marketingGapChannels': 'Channels the marketing gap applies to',
  'contactPolicy.f.complaintCareDays': 'Care first after a complaint, for',
  'contactPolicy.f.cancelledAfterOpenDays': 'Opened then cancelled: no marketing within',
  'contactPolicy.f.trialNoOrderDays': 'Trial without an order: no marketing within',
  'contactPolicy.f.unsubscribedDays': 'Voluntary unsubscribe: no marketing within',
  'contactPolicy.f.marketedAnyChannelDays': 'Marketed on any channel: no marketing within',
  'contactPolicy.f.portingAppliedDays': 'After a porting application: no retention sales within',
} as const satisfies Record<ContactSettingLabelKey, string>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const placeholdersAgree: {
  [K in ContactSettingLabelKey]: Same<Placeholders<(typeof contactSettingLabelsEn)[K]>, Placeholders<(typeof contactSettingLabelsZh)[K]>> extends true ? never : K;
}[ContactSettingLabelKey] extends never ? true : false = true;
void placeholdersAgree;

/** Every setting of the policy, in the order of the labels (the page's and the tests' list). */
export const contactPolicyPaths = Object.keys(contactSettingLabelsZh).map((k) => k.slice('contactPolicy.f.'.length)) as (keyof ContactPolicy)[];
// Every setting of the policy has a label, and every label a setting.
const everySettingNamed: Same<keyof ContactPolicy, (typeof contactPolicyPaths)[number]> = true;
void everySettingNamed;

const has = (key: string): key is ContactSettingLabelKey => Object.prototype.hasOwnProperty.call(contactSettingLabelsZh, key);

/** A setting's name as a supervisor reads it; a name this table does not know (a newer version's) is shown as itself. */
export function contactSettingLabel(locale: 'zh-CN' | 'en', path: string): string {
  const key = `contactPolicy.f.${path}`;
  if (!has(key)) return path;
  return (locale === 'en' ? contactSettingLabelsEn : contactSettingLabelsZh)[key];
}
