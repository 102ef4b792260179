/**
 * Offers and tariff plans (docs/product.md §5.3, §5.4): their types, zod schemas, and the small declarative rule
 * language an offer uses to say whom it is for.
 *
 * ## Offer rules
 * Stored as JSON in `offers.rules`, written by hand in the catalogue workbook, evaluated by the matcher
 * (docs/product.md §5.1: eligibility → applicability → suitability; the contact policy — cooldown after a decline,
 * weekly budget — lives in the offer's own fields, not in the rules). Three lists, one per stage:
 *
 *   {
 *     "eligible":     [ …conditions ],   // ALL must hold: who may get the offer at all ([] or absent: everyone)
 *     "notIf":        [ …conditions ],   // applicability: ANY holds → the offer does not apply (already has it)
 *     "unsuitableIf": [ …conditions ]    // suitability: ANY holds → it would be wrong to offer it (in arrears …)
 *   }
 *
 * A condition is written in the one condition language of core/rules/condition.ts (its header has every form):
 * a canonical field, a fact the app computes (risk level, score, P(churn)) or an extra column compared by type;
 * a tag; a list type; or `any` of several. Examples:
 *   { "field": "arpu_avg3", "op": ">=", "value": 120 }   { "column": "有车一族", "op": "=", "value": true }
 *   { "field": "contract_end", "op": "days-until", "value": [0, 60] }   { "tag": "dual_sim" }   { "list": "contract_expiring" }
 *
 * A condition on a customer whose value is missing is *unknown*, not false: the matcher treats an unknown in
 * `eligible` as "not eligible" and in `notIf` / `unsuitableIf` as "does not exclude", and says on the card what
 * could not be judged (docs/product.md §3.1: every computation degrades gracefully). `empty` / `present` are the
 * way to test for the missing value itself. A column the workspace has never imported is always unknown.
 */
import { z } from 'zod';
import { formatMessage } from '../i18n';
import { checkConditions, conditionOps, type CheckOptions, type CheckResult, type Condition, type ConditionOp, type ValueCondition } from '../rules/condition';

/* ---------------------------------------------------------------------------------------------------------- */
/* Rules                                                                                                        */

export const ruleOps = conditionOps;
export type RuleOp = ConditionOp;

/**
 * Tags the default catalogue's rules use (docs/product.md §4.3 segments and need tags). The risk module names its tags
 * with these keys; a tag a customer never carries simply never holds, so an unknown key is accepted (a central
 * catalogue may use tags of a newer version) as long as it is a plain key.
 */
export const knownRuleTags = [
  'mid_high_value', 'price_sensitive', 'service_sensitive', 'reward_sensitive', 'product_sensitive',
  'family', 'handset_change', 'plan_mismatch', 'data_heavy', 'contract_expiring', 'arrears_before_suspension',
  'bill_spike', 'data_anomaly', 'no_stickiness', 'dual_sim', 'own_dual_sim', 'roaming_heavy',
] as const;

export type FieldCondition = ValueCondition;
export type RuleCondition = Condition;

/** The stages of an offer's rules, in the matcher's order. */
export const ruleStages = ['eligible', 'notIf', 'unsuitableIf'] as const;
export type RuleStage = (typeof ruleStages)[number];
export type OfferRules = Partial<Record<RuleStage, RuleCondition[]>>;

/** An offer's rules checked with the condition language; errors and warnings name their place. */
export function checkOfferRules(json: unknown, options: CheckOptions = {}): CheckResult<OfferRules> {
  return checkConditions(json, ruleStages, options);
}

/**
 * The schema of `rules`: the condition language's own check, so a rule refused anywhere (the contract, a
 * catalogue file, the editor) is refused for the same reason. Each issue carries its message code and
 * parameters (`params.messageKey`), which the backend's failure turns into words in the user's language.
 */
export const offerRules = z.custom<OfferRules>().superRefine((value, ctx) => {
  for (const e of checkOfferRules(value).errors) {
    ctx.addIssue({ code: 'custom', path: e.at, message: formatMessage('en', e.code, e.params), params: { messageKey: e.code, ...e.params } });
  }
});

/* ---------------------------------------------------------------------------------------------------------- */
/* Offers                                                                                                       */

export const offerChannels = ['phone', 'sms', 'hall', 'visit'] as const;
export type OfferChannel = (typeof offerChannels)[number];
/** The words agents and central files use for each channel (docs/product.md §3.1 接触偏好). */
export const channelLabels: Record<OfferChannel, { zh: string; en: string; aliases: readonly string[] }> = {
  phone: { zh: '外呼', en: 'Phone', aliases: ['电话', '外呼', 'phone', 'call', 'outbound'] },
  sms: { zh: '短信', en: 'SMS', aliases: ['短信', 'sms', 'text'] },
  hall: { zh: '营业厅', en: 'Hall', aliases: ['营业厅', '厅店', '厅', 'hall', 'store'] },
  visit: { zh: '上门', en: 'Visit', aliases: ['上门', '走访', 'visit'] },
};

export const offerCategories = ['contract', 'number', 'migration', 'care', 'handset', 'family', 'service', 'data', 'reward', 'other'] as const;
export type OfferCategory = (typeof offerCategories)[number];
export const categoryLabels: Record<OfferCategory, { zh: string; en: string }> = {
  contract: { zh: '合约类', en: 'Contract' },
  number: { zh: '号码类', en: 'Number' },
  migration: { zh: '迁移类', en: 'Migration' },
  care: { zh: '关怀类', en: 'Care' },
  handset: { zh: '终端类', en: 'Handset' },
  family: { zh: '家庭类', en: 'Family' },
  service: { zh: '业务类', en: 'Service' },
  data: { zh: '流量类', en: 'Data' },
  reward: { zh: '回馈类', en: 'Reward' },
  other: { zh: '其他', en: 'Other' },
};

/** The follow-ups an offer may require (issue 17 #4): a visit or a call, N days after the acceptance. */
export const followUpKinds = ['visit', 'call'] as const;
export type FollowUpKind = (typeof followUpKinds)[number];
export const followUpLabels: Record<FollowUpKind, { zh: string; en: string; aliases: readonly string[] }> = {
  visit: { zh: '回访上门', en: 'Follow-up visit', aliases: ['回访上门', '上门回访', '上门', 'visit'] },
  call: { zh: '回访电话', en: 'Follow-up call', aliases: ['回访电话', '电话回访', '电话', '外呼', 'call', 'phone'] },
};

/** Codes are what outcome files and attempts refer to: plain, so they survive every spreadsheet and CSV. */
export const catalogueCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const offerSchema = z
  .object({
    code: catalogueCode,
    name_zh: z.string().trim().min(1).max(100),
    name_en: z.string().trim().max(100).nullable(),
    category: z.enum(offerCategories),
    description: z.string().max(2000).nullable(),
    /** 话术: what the agent says, in the agent's words. */
    script: z.string().max(4000).nullable(),
    /** What one accepted offer costs the operator, in yuan (the ranking subtracts it, docs/product.md §5.2). */
    cost: z.number().min(0).max(100_000),
    channels: z.array(z.enum(offerChannels)).min(1).max(4),
    valid_from: isoDate.nullable(),
    valid_to: isoDate.nullable(),
    rules: offerRules,
    /** Days after a decline before the offer is made to the same customer again (contact policy, docs/product.md §5.1). */
    cooldown_days: z.number().int().min(0).max(3650).default(30),
    /** How many times it may be made in a week across the workspace; null = no limit. */
    weekly_budget: z.number().int().min(0).max(1_000_000).nullable(),
    active: z.boolean().default(true),
    /**
     * A follow-up the offer requires after it is accepted (issue 17 #4; docs/product.md §5.5): a visit (回访上门) or a
     * call (回访电话) this many days after the acceptance. Both null: none.
     */
    follow_up_kind: z.enum(followUpKinds).nullable().default(null),
    follow_up_days: z.number().int().min(1).max(365).nullable().default(null),
  })
  .refine((o) => (o.follow_up_kind === null) === (o.follow_up_days === null), {
    message: 'a follow-up needs both its kind and its days',
    path: ['follow_up_days'],
  })
  .refine((o) => o.valid_from === null || o.valid_to === null || o.valid_from <= o.valid_to, {
    message: 'valid_to is before valid_from',
    path: ['valid_to'],
  })
  .refine((o) => new Set(o.channels).size === o.channels.length, { message: 'a channel is listed twice', path: ['channels'] });
export type Offer = z.output<typeof offerSchema>;
export type OfferInput = z.input<typeof offerSchema>;

/* ---------------------------------------------------------------------------------------------------------- */
/* Plans                                                                                                        */

const minutes = z.number().min(0).max(1_000_000);
const price = z.number().min(0).max(1000);

/**
 * A tariff plan for the preview (docs/product.md §5.4): a monthly fee with included minutes and data, and what each
 * minute or MB beyond them costs. A plan with one domestic pool for local and long-distance calls carries the
 * pool in `incl_local_min` and `incl_ld_min` both; the preview treats calls as drawing from each bucket.
 */
export const planSchema = z.object({
  code: catalogueCode,
  name: z.string().trim().min(1).max(100),
  monthly_fee: z.number().min(0).max(100_000),
  incl_local_min: minutes.default(0),
  incl_ld_min: minutes.default(0),
  incl_roaming_min: minutes.default(0),
  incl_data_mb: z.number().min(0).max(100_000_000).default(0),
  price_local_min: price.default(0),
  price_ld_min: price.default(0),
  price_roaming_min: price.default(0),
  price_data_mb: price.default(0),
  active: z.boolean().default(true),
});
export type Plan = z.output<typeof planSchema>;
