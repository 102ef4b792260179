import type { SubscriberView } from '../../../../core/api';
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
        rows: [r('family_members', 'people'), r('family_numbers', 'count'), r('vnet', 'bool'), r('broadband', 'bool')],
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

/**
 * The judgements the card cannot make for lack of data, named the way an agent thinks of them
 * (PRODUCT §3.1: "the card says what could not be judged").
 */
const judgements: { label: PlainMessageKey; keys: string[] }[] = [
  { label: 'card.missing.usage', keys: usageTableKeys },
  { label: 'card.missing.tenure', keys: ['join_date', 'tenure_months'] },
  { label: 'card.missing.contract', keys: ['contract_end', 'contract_type'] },
  { label: 'card.missing.handset', keys: ['handset_model', 'handset_months'] },
  {
    label: 'card.missing.competitor',
    keys: ['dual_sim', 'forward_offnet', 'competitor_cs_calls_week', 'competitor_contacts', 'offnet_ratio_prev', 'offnet_ratio_cur'],
  },
  { label: 'card.missing.billing', keys: ['balance', 'arrears'] },
  { label: 'card.missing.complaints', keys: ['complaints_90d'] },
];

export const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';

export function missingJudgements(customer: SubscriberView): PlainMessageKey[] {
  return judgements.filter((j) => j.keys.every((k) => isBlank(customer[k]))).map((j) => j.label);
}

export const fieldValue = (customer: SubscriberView, key: string): Value => {
  const v = customer[key];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
};
