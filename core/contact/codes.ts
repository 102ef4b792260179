/**
 * The code tables of docs/product.md §6. Codes are what is stored and exchanged in outcome files; the labels are
 * for the screen and for Chinese report headers. Order matters: it is the order of keys and menus.
 */

type Label = { zh: string; en: string };

export const channels = ['phone', 'sms', 'hall', 'visit'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, Label> = {
  phone: { zh: '外呼', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  hall: { zh: '营业厅', en: 'Hall' },
  visit: { zh: '上门', en: 'Visit' },
};

export const dispositionGroups = ['not_reached', 'reached'] as const;
export type DispositionGroup = (typeof dispositionGroups)[number];

export const dispositions = [
  'no_answer',
  'busy',
  'powered_off',
  'invalid_number',
  'hung_up',
  'accepted',
  'declined',
  'callback',
  'churned',
  'complaint',
  'wrong_person',
  'do_not_call',
] as const;
export type Disposition = (typeof dispositions)[number];
export const dispositionLabels: Record<Disposition, Label & { group: DispositionGroup }> = {
  no_answer: { zh: '无人接听', en: 'No answer', group: 'not_reached' },
  busy: { zh: '忙线', en: 'Busy', group: 'not_reached' },
  powered_off: { zh: '关机停机', en: 'Powered off / suspended', group: 'not_reached' },
  invalid_number: { zh: '空号错号', en: 'Invalid number', group: 'not_reached' },
  hung_up: { zh: '拒接', en: 'Hung up', group: 'not_reached' },
  accepted: { zh: '成功', en: 'Accepted', group: 'reached' },
  declined: { zh: '拒绝', en: 'Declined', group: 'reached' },
  callback: { zh: '预约回访', en: 'Call back', group: 'reached' },
  churned: { zh: '已离网', en: 'Already churned', group: 'reached' },
  complaint: { zh: '投诉升级', en: 'Escalated complaint', group: 'reached' },
  wrong_person: { zh: '非本人', en: 'Wrong person / not convenient', group: 'reached' },
  // The customer asks not to be called again (the call-service rules: no commercial call to a user who has refused,
  // docs/product.md §6): the task ends, and no later task of theirs is phoned, texted or visited.
  do_not_call: { zh: '要求勿扰', en: 'Asked not to be contacted', group: 'reached' },
};

/**
 * What an attempt with this disposition must carry (docs/product.md §6), so the logging form, the outcome-file
 * importer and the demo generator enforce the same rule. A churned line may name a competitor but need not:
 * agents often do not learn where the customer went.
 */
export const dispositionRequires: Record<Disposition, 'offer' | 'reason' | 'callbackAt' | null> = {
  no_answer: null,
  busy: null,
  powered_off: null,
  invalid_number: null,
  hung_up: null,
  accepted: 'offer',
  declined: 'reason',
  callback: 'callbackAt',
  churned: null,
  complaint: null,
  wrong_person: null,
  do_not_call: null,
};

/** What an outcome carries towards what its disposition requires (`dispositionRequires`). */
export interface OutcomeParts {
  offerCode?: string | null;
  planCode?: string | null;
  reason?: unknown;
  callbackAt?: unknown;
}

/**
 * What an outcome with this disposition lacks of what it requires, or null: a decline its reason, a call-back its time,
 * and a success the offer taken, the plan moved to (the card's tariff preview), or both. The one rule the API, the
 * logging form and the outcome-file merge apply.
 */
export function unmetRequirement(disposition: Disposition, o: OutcomeParts): 'offer' | 'reason' | 'callbackAt' | null {
  const need = dispositionRequires[disposition];
  const met = need === 'offer' ? Boolean(o.offerCode || o.planCode) : need === 'reason' ? Boolean(o.reason) : need === 'callbackAt' ? Boolean(o.callbackAt) : true;
  return met ? null : need;
}

/**
 * An escalated complaint says what it is about, in its note: it goes to the care team, and one saved with nothing had
 * nothing to act on (found by a new agent). Outcome files merged from elsewhere are not checked (docs/product.md §6).
 */
export const noteRequired = (disposition: Disposition | null): boolean => disposition === 'complaint';

export const isReached = (d: Disposition): boolean => dispositionLabels[d].group === 'reached';

/** isReached for a stored code, which may be one this build does not know (a newer outcome file's): not reached then. */
export const isReachedCode = (d: string): boolean => Object.prototype.hasOwnProperty.call(dispositionLabels, d) && isReached(d as Disposition);

/**
 * The dispositions an agent can log on a channel. At the counter (hall) the customer stands in front of the agent,
 * so "no answer", "busy", "powered off", "invalid number" and "hung up" cannot happen (issue 15 #7): the hall logs
 * the reached outcomes only. The form shows these, and attempt-log refuses the others for the channel. Outcome
 * files merged from elsewhere are not checked: they record what happened.
 */
function dispositionsFor(channel: Channel): readonly Disposition[] {
  return channel === 'hall' ? dispositions.filter(isReached) : dispositions;
}
export const dispositionAllowed = (channel: Channel, d: Disposition): boolean => dispositionsFor(channel).includes(d);

export const reasons = [
  'price',
  'competitor_offer',
  'network',
  'service',
  'handset',
  'moving',
  'not_understand',
  'social_circle',
  'other',
] as const;
export type Reason = (typeof reasons)[number];
export const reasonLabels: Record<Reason, Label> = {
  price: { zh: '资费', en: 'Price' },
  competitor_offer: { zh: '竞争对手优惠', en: 'Competitor offer' },
  network: { zh: '网络信号', en: 'Network coverage' },
  service: { zh: '服务不满', en: 'Unhappy with service' },
  handset: { zh: '终端', en: 'Handset' },
  moving: { zh: '离开本地', en: 'Moving away' },
  not_understand: { zh: '不了解业务', en: 'Does not understand the service' },
  social_circle: { zh: '交往圈', en: 'Family/friends on another network' },
  other: { zh: '其他', en: 'Other' },
};

export const competitors = ['telecom', 'unicom', 'broadnet', 'other'] as const;
export type Competitor = (typeof competitors)[number];
export const competitorLabels: Record<Competitor, Label> = {
  telecom: { zh: '电信', en: 'China Telecom' },
  unicom: { zh: '联通', en: 'China Unicom' },
  broadnet: { zh: '广电', en: 'China Broadnet' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Who is poaching (issue 15 #6): a churn, and a decline for a competitor's offer or the social circle (the customer's
 * family and friends are on another network), ask which competitor and what it offered. For a competitor's offer
 * the competitor is required ('other' when unknown); elsewhere agents often do not learn it.
 */
export const asksCompetitor = (disposition: Disposition | null, reason: Reason | null): boolean =>
  disposition === 'churned' || (disposition === 'declined' && (reason === 'competitor_offer' || reason === 'social_circle'));
export const competitorRequired = (disposition: Disposition | null, reason: Reason | null): boolean =>
  disposition === 'declined' && reason === 'competitor_offer';

/** What the competitor offered, in the agent's words: one line, e.g. "送200M宽带+副卡，月费59". */
export const COMPETITOR_OFFER_MAX_CHARS = 200;
/** The competitor's monthly price in yuan: no mobile plan costs more than this; a larger figure is a typing slip. */
export const COMPETITOR_AMOUNT_MAX = 10_000;

/**
 * Why the competitor's offer cannot be stored as given (a message code with its parameters), or null. The form,
 * attempt-log and the outcome-file reader use this one rule. The amount is optional; when given it is yuan per
 * month, 0 ≤ amount ≤ COMPETITOR_AMOUNT_MAX, at most two decimals (fen).
 */
export function competitorOfferProblem(offer: { text: string | null; amount: number | null }):
  | { code: 'outcome.competitor-offer-too-long'; field: 'competitorOffer'; params: { max: number; length: number } }
  | { code: 'outcome.competitor-amount-invalid'; field: 'competitorAmount'; params: { max: number; value: string } }
  | null {
  if (offer.text !== null && offer.text.length > COMPETITOR_OFFER_MAX_CHARS) {
    return { code: 'outcome.competitor-offer-too-long', field: 'competitorOffer', params: { max: COMPETITOR_OFFER_MAX_CHARS, length: offer.text.length } };
  }
  const a = offer.amount;
  if (a !== null && !(Number.isFinite(a) && a >= 0 && a <= COMPETITOR_AMOUNT_MAX && Math.abs(Math.round(a * 100) - a * 100) < 1e-6)) {
    return { code: 'outcome.competitor-amount-invalid', field: 'competitorAmount', params: { max: COMPETITOR_AMOUNT_MAX, value: String(a) } };
  }
  return null;
}

/** Feedback is what agents hear that the central side should act on, grouped the way it is escalated. */
export const feedbackCategories = [
  'network',
  'tariff',
  'offer',
  'service',
  'handset',
  'competitor',
  'billing',
  'system',
  'other',
] as const;
export type FeedbackCategory = (typeof feedbackCategories)[number];
export const feedbackCategoryLabels: Record<FeedbackCategory, Label> = {
  network: { zh: '网络质量', en: 'Network quality' },
  tariff: { zh: '资费套餐', en: 'Tariffs and plans' },
  offer: { zh: '维系政策', en: 'Retention offers' },
  service: { zh: '服务质量', en: 'Service quality' },
  handset: { zh: '终端', en: 'Handsets' },
  competitor: { zh: '竞争对手动态', en: 'Competitor activity' },
  billing: { zh: '计费账务', en: 'Billing' },
  system: { zh: '系统流程', en: 'Systems and processes' },
  other: { zh: '其他', en: 'Other' },
};

export const importances = ['high', 'medium', 'low'] as const;
export type Importance = (typeof importances)[number];
export const importanceLabels: Record<Importance, Label> = {
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
};
