import type { AttemptView, RiskView, SubscriberView } from '../../../../core/api';
import { isReachedCode } from '../../../../core/contact/codes';
import { callbackRequestIn } from '../../../../core/contact/status';
import { fieldByKey } from '../../../../core/worklist/fields';
import type { Formatter, Value } from '../../format';
import type { PlainMessageKey } from '../../i18n';

/**
 * How the customer card arranges the canonical fields. Which field goes where is a product decision kept in
 * one table; anything not placed here (a field added to core later, a churn label from a history file) still
 * shows under "Other attributes" so no imported figure is ever silently hidden.
 */
export type Display = keyof Pick<
  Formatter,
  'text' | 'date' | 'count' | 'yuan' | 'minutes' | 'mb' | 'days' | 'times' | 'people' | 'share' | 'bool'
>;

export interface FieldRow {
  key: string;
  display: Display;
}
export interface FieldGroup {
  /** An optional sub-heading inside a section. */
  heading?: PlainMessageKey;
  rows: FieldRow[];
}
export type SectionId = 'profile' | 'usage' | 'contract' | 'signals' | 'other';
export interface SectionDef {
  id: Exclude<SectionId, 'other'>;
  title: PlainMessageKey;
  groups: FieldGroup[];
}

/**
 * Where each section sits. Fixed rather than flowing, so an agent finds a figure in the same place on every
 * customer's card; the wide arrangement only spreads the same order over three columns.
 */
export const sectionColumns: Record<'narrow' | 'wide', SectionId[][]> = {
  narrow: [
    ['profile', 'contract'],
    ['signals', 'usage', 'other'],
  ],
  wide: [['profile'], ['signals', 'contract'], ['usage', 'other']],
};

const r = (key: string, display: Display = 'text'): FieldRow => ({ key, display });

/** The usage figures that form the small period table at the top of the Usage section. */
export const usageTable = {
  periods: [
    { key: 'm1', label: 'card.usage.col.m1' },
    { key: 'm2', label: 'card.usage.col.m2' },
    { key: 'm3', label: 'card.usage.col.m3' },
    { key: 'avg3', label: 'card.usage.col.avg3' },
    { key: 'cur', label: 'card.usage.col.cur' },
  ] as const satisfies readonly { key: string; label: PlainMessageKey }[],
  metrics: [
    { id: 'arpu', label: 'card.usage.row.arpu', fields: { m1: 'arpu_m1', m2: 'arpu_m2', m3: 'arpu_m3', avg3: 'arpu_avg3', cur: 'arpu_cur' } },
    { id: 'mou', label: 'card.usage.row.mou', fields: { avg3: 'mou_avg3', cur: 'mou_cur' } },
    { id: 'data', label: 'card.usage.row.data', fields: { avg3: 'data_mb_avg3', cur: 'data_mb_cur' } },
  ] as const satisfies readonly { id: string; label: PlainMessageKey; fields: Partial<Record<'m1' | 'm2' | 'm3' | 'avg3' | 'cur', string>> }[],
};
const usageTableKeys = usageTable.metrics.flatMap((m) => Object.values(m.fields) as string[]);

export const sections: SectionDef[] = [
  {
    id: 'profile',
    title: 'card.section.profile',
    groups: [
      {
        rows: [
          r('brand'),
          r('tier'),
          r('plan_name'),
          r('plan_code'),
          r('plan_fee', 'yuan'),
          r('status'),
          r('join_date', 'date'),
          r('tenure_months', 'count'),
          r('region_type'),
          r('county'),
          r('hall'),
          r('manager'),
          r('channel_pref'),
          r('contact_pref'),
          r('do_not_disturb', 'bool'),
          r('last_marketed', 'date'),
        ],
      },
    ],
  },
  {
    id: 'usage',
    title: 'card.section.usage',
    groups: [{ rows: [r('local_min', 'minutes'), r('long_distance_min', 'minutes'), r('roaming_min', 'minutes'), r('roaming_mb', 'mb')] }],
  },
  {
    id: 'contract',
    title: 'card.section.contract',
    groups: [
      {
        rows: [r('contract_type'), r('contract_end', 'date'), r('handset_model'), r('handset_months', 'count'), r('handset_smart', 'bool')],
      },
      {
        heading: 'card.sticky',
        rows: [
          r('family_members', 'people'),
          r('family_numbers', 'count'),
          r('vnet', 'bool'),
          r('broadband', 'bool'),
          // The stability programme's other sticky services (docs/product.md §4.1).
          r('shred_list', 'bool'),
          r('address_book', 'bool'),
          r('message_manager', 'bool'),
          r('m_group', 'bool'),
          r('group_apps', 'bool'),
          r('mobile_mail', 'bool'),
        ],
      },
    ],
  },
  {
    id: 'signals',
    title: 'card.section.signals',
    groups: [
      {
        rows: [
          r('dual_sim'),
          r('forward_offnet', 'bool'),
          r('competitor_cs_calls_week', 'times'),
          r('competitor_contacts', 'times'),
          r('offnet_ratio_prev', 'share'),
          r('offnet_ratio_cur', 'share'),
          r('complaints_90d', 'times'),
          r('suspended_days', 'days'),
          r('balance', 'yuan'),
          r('arrears', 'yuan'),
        ],
      },
    ],
  },
];

/** Shown elsewhere on the card (header) or never shown as a plain value (the clear number and name). */
const notAttributes = new Set(['msisdn', 'name', 'msisdnMasked', 'nameMasked', 'extra', 'updatedAt']);
const placed = new Set([...usageTableKeys, ...sections.flatMap((s) => s.groups.flatMap((g) => g.rows.map((row) => row.key)))]);

export interface OtherAttribute {
  key: string;
  /** A canonical field's key (labelled from core) or an extra column's header as it came in the file. */
  canonical: boolean;
  value: Value;
}

export function otherAttributes(customer: SubscriberView): OtherAttribute[] {
  const leftovers: OtherAttribute[] = [];
  for (const [key, value] of Object.entries(customer)) {
    if (notAttributes.has(key) || placed.has(key) || !fieldByKey.has(key)) continue;
    if (value === null || value === undefined) continue;
    leftovers.push({ key, canonical: true, value: value as Value });
  }
  for (const [key, value] of Object.entries(customer.extra ?? {})) leftovers.push({ key, canonical: false, value });
  return leftovers;
}

export const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';

/**
 * How the risk block arranges the backend's segments and tags (docs/product.md §4.3). The mid/high-value flag and the
 * sensitivity type sit as chips in the block's header next to the level; their tags (which carry the figures)
 * become those chips' tooltips, so the tag list below shows only the need tags and nothing appears twice.
 * What could not be judged comes from the backend's `unjudged` groups alone: one note, one source.
 */
type CodeWithParams = RiskView['tags'][number];
export interface RiskLayout {
  /** The mid/high-value tag when the flag is set (a bare one if the backend sent the flag without the tag). */
  midHighValue: CodeWithParams | null;
  sensitivity: CodeWithParams | null;
  tags: CodeWithParams[];
}

export function riskLayout(risk: RiskView): RiskLayout {
  const sensitivityCode = risk.sensitivity ? `${risk.sensitivity}_sensitive` : null;
  const find = (code: string) => risk.tags.find((t) => t.code === code) ?? { code, params: {} };
  return {
    midHighValue: risk.midHighValue ? find('mid_high_value') : null,
    sensitivity: sensitivityCode ? find(sensitivityCode) : null,
    tags: risk.tags.filter((t) => t.code !== 'mid_high_value' && t.code !== sensitivityCode),
  };
}

/** Display width in Latin-letter units: a CJK character counts twice. */
const displayWidth = (text: string): number => [...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/u.test(ch) ? 2 : 1), 0);
const LONG_TAG = 30;

/**
 * A tag as a chip: short texts are shown whole; a long one (or any, when `short`) shows its name — the words
 * before the figures in brackets — and keeps the whole text, figures included, for the tooltip. A text with
 * an unfilled `{placeholder}` (a flag sent without its tag) shows its name only.
 */
export function tagChipText(full: string, short = false): { label: string; detail: string | null } {
  const cut = full.search(/（| \(/u);
  const name = cut > 0 ? full.slice(0, cut) : full;
  if (full.includes('{')) return { label: name, detail: null };
  if (!short && displayWidth(full) <= LONG_TAG) return { label: full, detail: null };
  return { label: name, detail: name === full ? null : full };
}

/**
 * What a risk reason leads with on the card: its points, or the level it makes by itself — ≥ 2 competitor
 * customer-service calls this week make the level high for no points (core/risk/score.ts), and that reason is there
 * only when they do. It read "0" where the score made the level high too, which an agent reads as "does not matter".
 */
export function reasonLead(r: { code: string; points: number }): { level: 'high' } | { points: number } {
  return r.code === 'competitor-cs-calls' ? { level: 'high' } : { points: r.points };
}

/** Points as an agent reads them: +9, −2 (a true minus sign). */
export function pointsText(points: number, format: (n: number) => string): string {
  if (points > 0) return `+${format(points)}`;
  if (points < 0) return `\u2212${format(-points)}`;
  return format(0);
}

export const fieldValue = (customer: SubscriberView, key: string): Value => {
  const v = customer[key];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
};

/**
 * The customer's own call-back request (issue 15 #3): when the customer's latest word on the open task is "call me
 * back" — the newest reached attempt of that task is a call-back, whatever unanswered calls followed it — the card
 * puts the request first: when they asked to be called, their words, who took it and when. Null otherwise (no
 * open task, or the customer has said something since, e.g. declined).
 */
export function callbackRequest(
  task: { id: number; status: string } | null,
  recentAttempts: readonly AttemptView[],
): AttemptView | null {
  if (!task || task.status.startsWith('closed') || task.status === 'expired') return null;
  // recentAttempts are newest first; the rule reads them in time order (core/contact/status.ts, as the contact rules and
  // the reports' 待回访 do).
  const ofTask = recentAttempts.filter((a) => a.taskId === task.id).reverse();
  return callbackRequestIn(ofTask, ofTask.length);
}

/** The calls made on the request's task since the customer asked (none reached them, or the request would not stand). */
export function callbackTriesSince(request: AttemptView, recentAttempts: readonly AttemptView[]): number {
  return recentAttempts.filter((a) => a.taskId === request.taskId && a.at > request.at && a.channel !== 'hall').length;
}

/**
 * The offers' P(churn) line (docs/product.md §4.4 point 5): the model's P, or the churn weight of the level shown when
 * no model counted or when that weight is higher than the model's P (`modelP`: the model's counted P, null when none).
 * Then it says the figure is at least the model's: "离网概率 6%（按风险等级估算）" under "模型离网概率 5%" read as two
 * answers to one question (found driving the app at a million).
 */
export function offersChurnLine(
  offers: { pChurn: number; pChurnSource: 'model' | 'level' },
  modelP: number | null,
): { key: 'card.offers.pChurn.model' | 'card.offers.pChurn.level'; params: { pct: number } } | { key: 'card.offers.pChurn.levelOverModel'; params: { pct: number; model: number } } {
  if (offers.pChurnSource === 'model') return { key: 'card.offers.pChurn.model', params: { pct: offers.pChurn } };
  if (modelP === null) return { key: 'card.offers.pChurn.level', params: { pct: offers.pChurn } };
  return { key: 'card.offers.pChurn.levelOverModel', params: { pct: offers.pChurn, model: modelP } };
}

/** How long a success is said first on the card: the three months after which it counts as retained (在网率). */
export const RECENT_SUCCESS_DAYS = 90;

/**
 * The customer's recent success (an accepted offer within RECENT_SUCCESS_DAYS) while it is still their latest word:
 * the newest attempt that reached them is that acceptance. A hall agent looking up a customer an agent had retained by
 * phone minutes before saw 高危 and three fresh offers, the success only at the foot of the card (found by a new phone
 * agent). Null once they have said something since (a decline, a churn), or with no such success.
 */
export function recentSuccess(recentAttempts: readonly AttemptView[], nowMs: number): AttemptView | null {
  return latestWordIf('accepted', recentAttempts, nowMs);
}

/**
 * The customer's churn logged by an agent within RECENT_SUCCESS_DAYS while it is still their latest word: the card
 * said 用户状态：正常 and offered two offers with scripts to a customer a colleague had logged 已离网 (found by a new
 * supervisor).
 */
export function recentChurn(recentAttempts: readonly AttemptView[], nowMs: number): AttemptView | null {
  return latestWordIf('churned', recentAttempts, nowMs);
}

/** The newest attempt that reached the customer, when it has this disposition and is recent enough. */
function latestWordIf(disposition: string, recentAttempts: readonly AttemptView[], nowMs: number): AttemptView | null {
  const latest = recentAttempts.find((a) => isReachedCode(a.disposition));
  if (!latest || latest.disposition !== disposition) return null;
  return nowMs - Date.parse(latest.at) <= RECENT_SUCCESS_DAYS * 86_400_000 ? latest : null;
}
