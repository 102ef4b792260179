/**
 * Which offers may be made to one customer now (docs/product.md §5.1), and why every other one may not.
 *
 * The filters run in this order; an offer is reported at the first stage that stops it, with one reason:
 *   1. inactive       — switched off in the catalogue, or `today` is outside its validity window;
 *   2. eligibility    — every `eligible` condition must hold; an unknown field counts as "not eligible";
 *   3. applicability  — no `notIf` condition may hold (already has it / already on that plan);
 *   4. suitability    — no `unsuitableIf` condition may hold (in arrears, frozen line …);
 *   5. contact-policy — the offer is made on this channel; not accepted already (within `acceptedBlockDays`);
 *                       not declined within its `cooldown_days`; its weekly budget is not used up.
 * In `notIf` / `unsuitableIf` an unknown field does not exclude, but is listed in `unknown` so the card can say
 * what could not be judged (catalogue.ts header). `unknown` lists the fields that made an eligibility fail as
 * unknown and the unjudged exclusion conditions of the offers that remain candidates.
 *
 * Days are calendar days in China time (UTC+8, no daylight saving): an attempt logged at 2026-11-08T02:00Z is on
 * 2026-11-08 local, and on `today` 2026-11-20 it was declined 12 days ago. A decline is suppressed while
 * days < cooldown_days (declined 29 days ago with a 30-day cooldown: suppressed; 30 days: offered again).
 * An attempt stamped after `now` (a skewed clock) counts as made today.
 *
 * Speed: `compileCatalogue` turns every rule into closures once per catalogue; `matchMask` evaluates them
 * without allocating (a bit per offer in catalogue order, for ≤ 31 offers) for the bulk recompute, and
 * `match` builds the full result with reasons for the card. `matchOffers(input, offers)` caches the compiled
 * catalogue per offers array.
 */
import {
  compileCondition,
  conditionOpNames,
  dayOfDate,
  isMissing,
  localDayOf,
  maskOf,
  newBits,
  subjectOf,
  T,
  U,
  valueOf,
  type Eval,
  type Facts,
  type Tri,
  type Values,
} from '../rules/condition';
import { maskContactValue, maskMsisdn, maskName } from '../privacy/mask';
import { formatMessage, type Locale } from '../i18n';
import { valueWord } from '../worklist/value-words';
import { listTypes as knownListTypes } from '../worklist/fields';
import { knownRuleTags, type FieldCondition, type Offer, type OfferChannel, type RuleCondition } from './catalogue';

export { dayOfDate, localDayOf };

/* ---------------------------------------------------------------------------------------------------------- */
/* Types                                                                                                        */

export type SubscriberValues = Readonly<Record<string, string | number | null | undefined>>;

export interface HistoryEntry {
  offerCode: string | null;
  disposition: string;
  /** When the attempt was made: an ISO instant (2026-11-08T02:00:00.000Z) or a local date (2026-11-08). */
  at: string;
}

export interface MatchInput {
  subscriber: SubscriberValues;
  /** The subscriber's extra columns by header (subscribers.extra, parsed); absent: rules on columns are unknown. */
  extra?: Values | null;
  /** Facts the app computed: risk_level, risk_score, p_churn (core/rules/condition.ts `derivedFields`). */
  derived?: Values | null;
  /** Tag codes on the customer (core/risk/tags.ts; the same keys as catalogue.ts `knownRuleTags`). */
  tags: readonly string[];
  /** Types of the work lists the customer's open task came on (core/worklist/fields.ts `listTypes`). */
  listTypes: readonly string[];
  /** This subscriber's past attempts, any order. */
  history: readonly HistoryEntry[];
  /** Acceptances per offer code this week, across the workspace. */
  budgetUsed: Readonly<Record<string, number>>;
  channel: OfferChannel;
  /** Local date, YYYY-MM-DD. */
  today: string;
  /** ISO instant. */
  now: string;
}

export type MessageParamValue = string | number;

/** One condition of a rule in words: a message code of core/i18n/offer-messages.ts and its figures. */
export interface ConditionNote {
  code: string;
  params: Record<string, MessageParamValue>;
}

export interface OfferReason {
  code: string;
  params: Record<string, MessageParamValue>;
  /**
   * For 'offer.not-eligible' the conditions not met (alternatives of an `any`: none of them holds — the card
   * joins them with "or"); for 'offer.not-applicable' / 'offer.unsuitable' the condition that holds.
   */
  conditions?: ConditionNote[];
}

export type ExclusionStage = 'eligibility' | 'applicability' | 'suitability' | 'contact-policy' | 'inactive';

export interface Exclusion {
  code: string;
  stage: ExclusionStage;
  reason: OfferReason;
}

export interface MatchResult {
  candidates: Offer[];
  excluded: Exclusion[];
  unknown: { code: string; field: string }[];
  /** Per candidate offer code: the eligibility conditions that held, with the customer's figures ("why it fits"). */
  matched: Record<string, ConditionNote[]>;
}

export interface MatchOptions {
  /** An offer accepted this many days ago or less is not made again (0 = never blocks). Default 365. */
  acceptedBlockDays?: number;
  /** Extra-column headers the workspace has: a rule on any other column is unknown. Absent: every column is known. */
  columns?: ReadonlySet<string> | null;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Words                                                                                                        */

const knownTags: ReadonlySet<string> = new Set(knownRuleTags);
const knownLists: ReadonlySet<string> = new Set(knownListTypes);

function displayValue(v: unknown): MessageParamValue {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return '';
}

/** The words of a tag or list-type condition ('双卡用户', '来自“周异动”清单'): the card's why and a condition in words. */
export function tagOrListNote(c: { tag: string; present?: boolean } | { list: string }): ConditionNote {
  if ('tag' in c) {
    const neg = c.present === false ? 'no-tag' : 'tag';
    return knownTags.has(c.tag) ? { code: `offer.cond.${neg}.${c.tag}`, params: {} } : { code: `offer.cond.${neg}`, params: { tag: c.tag } };
  }
  return knownLists.has(c.list) ? { code: `offer.cond.list.${c.list}`, params: {} } : { code: 'offer.cond.list', params: { list: c.list } };
}

/** Between the values of a condition "one of" several (noteOf joins them, conditionNoteText reads them apart). */
const VALUE_SEPARATOR = '/';

/**
 * A condition note in the reader's language: its canonical column values too (a status, a dual SIM: the file's own
 * words, stored as they came; core/worklist/value-words.ts) — "Dual SIM is one of 移动+联通/移动+电信 (now 移动+联通)" on
 * an English card.
 */
export function conditionNoteText(locale: Locale, note: ConditionNote): string {
  const { field, value, actual } = note.params;
  if (locale === 'zh-CN' || typeof field !== 'string') return formatMessage(locale, note.code, note.params);
  const words = (v: MessageParamValue | undefined) => (typeof v === 'string' ? v.split(VALUE_SEPARATOR).map((x) => valueWord(locale, field, x)).join(VALUE_SEPARATOR) : v);
  return formatMessage(locale, note.code, { ...note.params, ...(value !== undefined ? { value: words(value)! } : {}), ...(actual !== undefined ? { actual: words(actual)! } : {}) });
}

/** The words of one (non-`any`) condition, with the customer's figure for a field or column. */
function noteOf(c: Exclude<RuleCondition, { any: RuleCondition[] }>, f: Facts): ConditionNote {
  if ('tag' in c || 'list' in c) return tagOrListNote(c);
  const field = subjectOf(c);
  if (!('value' in c)) return { code: `offer.cond.${conditionOpNames[c.op]}`, params: { field } };
  const raw = valueOf(c, f);
  if (isMissing(raw)) return { code: 'offer.cond.unknown', params: { field } };
  const actual = displayValue(raw);
  if (c.op === 'days-ago' || c.op === 'days-until') return { code: `offer.cond.${c.op}`, params: { field, min: c.value[0], max: c.value[1], actual } };
  if (typeof c.value === 'boolean') {
    const yes = c.value === (c.op === '=');
    return { code: yes ? 'offer.cond.yes' : 'offer.cond.no', params: { field, actual } };
  }
  const value = Array.isArray(c.value) ? c.value.map(maskedConditionValue(c)).join(VALUE_SEPARATOR) : maskedConditionValue(c)(c.value);
  return { code: `offer.cond.${conditionOpNames[c.op]}`, params: { field, value, actual: maskedConditionValue(c)(actual) } };
}

/**
 * How a rule's value and the customer's figure are shown: the number and the name masked as everywhere else
 * (docs/security.md) — a rule may name them ("for this number only"), the card must not paint them in clear.
 */
export function maskedConditionValue(c: FieldCondition): (v: MessageParamValue) => MessageParamValue {
  if ('field' in c && c.field === 'msisdn') return (v) => maskMsisdn(v) ?? '';
  if ('field' in c && (c.field === 'name' || c.field === 'id_no')) return (v) => maskName(String(v)) ?? '';
  // An extra column's contact number or name, as the card's other attributes show it.
  if ('column' in c) return (v) => maskContactValue(c.column, v);
  return (v) => v;
}

/** Evaluate a condition with explanation: its outcome, notes of the parts that decided it, and unknown fields. */
function explain(c: RuleCondition, f: Facts, evalOf: (c: RuleCondition) => Eval): { value: Tri; holding: ConditionNote[]; failing: ConditionNote[]; unknown: string[] } {
  if ('any' in c) {
    const holding: ConditionNote[] = [];
    const failing: ConditionNote[] = [];
    const unknown: string[] = [];
    let value: Tri = 0;
    for (const part of c.any) {
      const r = explain(part, f, evalOf);
      if (r.value === T) {
        value = T;
        holding.push(...r.holding);
      } else {
        if (r.value === U && value === 0) value = U;
        failing.push(...r.failing);
        unknown.push(...r.unknown);
      }
    }
    return value === T ? { value, holding, failing: [], unknown: [] } : { value, holding: [], failing, unknown };
  }
  const value = evalOf(c)(f);
  if (value === T) return { value, holding: [noteOf(c, f)], failing: [], unknown: [] };
  const isValue = !('tag' in c) && !('list' in c);
  // A condition on a column the workspace lacks is unknown whatever the customer's row holds: say so.
  const note = value === U && isValue ? { code: 'offer.cond.unknown', params: { field: subjectOf(c) } } : noteOf(c, f);
  return { value, holding: [], failing: [note], unknown: value === U && isValue ? [subjectOf(c)] : [] };
}

/* ---------------------------------------------------------------------------------------------------------- */
/* The compiled catalogue                                                                                       */

interface CompiledOffer {
  offer: Offer;
  eligible: Eval[];
  notIf: Eval[];
  unsuitable: Eval[];
  channels: readonly OfferChannel[];
  fromDay: number;
  toDay: number;
}

export interface CompiledCatalogue {
  readonly offers: readonly Offer[];
  /**
   * Bulk path: bit i set ⇔ offers[i] is a candidate (catalogue order; for ≤ 31 offers — use `match` above that).
   * Allocates nothing; reasons are not built.
   */
  matchMask(input: MatchInput): number;
  /** The full result for the card: candidates, every exclusion with its reason, unknowns, and why each fits. */
  match(input: MatchInput): MatchResult;
  /**
   * Bit i set ⇔ offers[i] may be made today by the catalogue alone: switched on, within its validity window, and
   * passing eligibility, applicability and suitability. The channel, the customer's own history and the weekly
   * budget are not asked: what an offer's change does to whom it reaches (electron/backend/offer-reach.ts).
   */
  reachMask(input: ReachInput): number;
}

/** What `reachMask` reads of a customer: their facts, without the contact history or the channel. */
export type ReachInput = Pick<MatchInput, 'subscriber' | 'extra' | 'derived' | 'tags' | 'listTypes' | 'today'>;

interface PolicyFacts {
  lastDeclineDay: number;
  lastAcceptDay: number;
}

export function compileCatalogue(offers: readonly Offer[], options: MatchOptions = {}): CompiledCatalogue {
  const acceptedBlockDays = options.acceptedBlockDays ?? 365;
  const evals = new Map<RuleCondition, Eval>();
  const bits = newBits();
  const compileOptions = { bits, columns: options.columns ?? null };
  const evalOf = (c: RuleCondition): Eval => {
    let e = evals.get(c);
    if (!e) {
      e = compileCondition(c, compileOptions);
      evals.set(c, e);
    }
    return e;
  };
  const compiledOffers: CompiledOffer[] = offers.map((offer) => ({
    offer,
    eligible: (offer.rules.eligible ?? []).map(evalOf),
    notIf: (offer.rules.notIf ?? []).map(evalOf),
    unsuitable: (offer.rules.unsuitableIf ?? []).map(evalOf),
    channels: offer.channels,
    fromDay: offer.valid_from === null ? -Infinity : dayOfDate(offer.valid_from),
    toDay: offer.valid_to === null ? Infinity : dayOfDate(offer.valid_to),
  }));
  const codeIndex = new Map<string, number>();
  compiledOffers.forEach((c, i) => {
    if (!codeIndex.has(c.offer.code)) codeIndex.set(c.offer.code, i);
  });

  let cachedToday = '';
  let cachedDay = NaN;
  const todayDay = (today: string): number => {
    if (today !== cachedToday) {
      cachedDay = dayOfDate(today);
      if (cachedDay !== cachedDay) throw new Error(`today must be a date as YYYY-MM-DD, got "${today}"`);
      cachedToday = today;
    }
    return cachedDay;
  };

  // Reused scratch for the history scan (one entry per offer).
  const lastDecline = new Float64Array(compiledOffers.length);
  const lastAccept = new Float64Array(compiledOffers.length);

  const scanHistory = (input: MatchInput, today: number, nowDay: number): void => {
    lastDecline.fill(-Infinity);
    lastAccept.fill(-Infinity);
    const h = input.history;
    for (let k = 0; k < h.length; k++) {
      const a = h[k]!;
      if (!a.offerCode) continue;
      const isDecline = a.disposition === 'declined';
      if (!isDecline && a.disposition !== 'accepted') continue;
      const i = codeIndex.get(a.offerCode);
      if (i === undefined) continue;
      let day = localDayOf(a.at);
      if (day !== day) continue;
      if (day > nowDay) day = nowDay;
      if (day > today) day = today;
      if (isDecline) {
        if (day > lastDecline[i]!) lastDecline[i] = day;
      } else if (day > lastAccept[i]!) lastAccept[i] = day;
    }
  };

  const nowDayOf = (input: MatchInput, today: number): number => {
    const d = input.now ? localDayOf(input.now) : NaN;
    return d === d ? d : today;
  };

  /** True when the offer passes eligibility, applicability and suitability. */
  const passesRules = (c: CompiledOffer, f: Facts): boolean => {
    const el = c.eligible;
    for (let j = 0; j < el.length; j++) if (el[j]!(f) !== T) return false;
    const ni = c.notIf;
    for (let j = 0; j < ni.length; j++) if (ni[j]!(f) === T) return false;
    const un = c.unsuitable;
    for (let j = 0; j < un.length; j++) if (un[j]!(f) === T) return false;
    return true;
  };

  // The one Facts object of this catalogue, overwritten per customer (the bulk path allocates nothing).
  const facts: Facts = { s: {}, extra: null, derived: null, tags: [], lists: [], tm: 0, lm: 0, today: 0 };
  const factsOf = (input: ReachInput, today: number, lm: number): Facts => {
    facts.s = input.subscriber;
    facts.extra = input.extra ?? null;
    facts.derived = input.derived ?? null;
    facts.tags = input.tags;
    facts.lists = input.listTypes;
    facts.tm = maskOf(bits.tags, input.tags);
    facts.lm = lm;
    facts.today = today;
    return facts;
  };

  // Offers in force on a day and made on a channel: the same for every customer of a bulk run.
  let liveChannel = '';
  let liveDay = NaN;
  let live: number[] = [];
  const liveOffers = (channel: OfferChannel, today: number): number[] => {
    if (channel !== liveChannel || today !== liveDay) {
      live = [];
      for (let i = 0; i < compiledOffers.length && i < 31; i++) {
        const c = compiledOffers[i]!;
        if (c.offer.active && today >= c.fromDay && today <= c.toDay && c.channels.includes(channel)) live.push(i);
      }
      liveChannel = channel;
      liveDay = today;
    }
    return live;
  };

  /** null when the contact policy allows the offer, else the reason. */
  const policyReason = (c: CompiledOffer, input: MatchInput, today: number, facts: PolicyFacts | null): OfferReason | null => {
    if (!c.channels.includes(input.channel)) return { code: `offer.channel-not-offered.${input.channel}`, params: {} };
    if (facts) {
      const acc = facts.lastAcceptDay;
      if (acc !== -Infinity && acceptedBlockDays > 0 && today - acc <= acceptedBlockDays)
        // The day itself says "today", not "0 days ago" (found by a new user).
        return today === acc ? { code: 'offer.accepted-today', params: {} } : { code: 'offer.accepted-already', params: { days: today - acc } };
      const dec = facts.lastDeclineDay;
      const cooldown = c.offer.cooldown_days;
      if (dec !== -Infinity && today - dec < cooldown)
        return today === dec ? { code: 'offer.declined-today', params: { cooldown } } : { code: 'offer.declined-recently', params: { days: today - dec, cooldown } };
    }
    const budget = c.offer.weekly_budget;
    if (budget !== null) {
      const used = input.budgetUsed[c.offer.code] ?? 0;
      if (used >= budget) return { code: 'offer.budget-used-up', params: { used, budget } };
    }
    return null;
  };

  const matchMask = (input: MatchInput): number => {
    const today = todayDay(input.today);
    const lists = input.listTypes;
    const f = factsOf(input, today, lists.length === 0 ? 0 : maskOf(bits.lists, lists));
    const hasHistory = input.history.length > 0;
    if (hasHistory) scanHistory(input, today, nowDayOf(input, today));
    const budgetUsed = input.budgetUsed;
    const ids = liveOffers(input.channel, today);
    let mask = 0;
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k]!;
      const c = compiledOffers[i]!;
      if (!passesRules(c, f)) continue;
      if (hasHistory) {
        const acc = lastAccept[i]!;
        if (acc !== -Infinity && acceptedBlockDays > 0 && today - acc <= acceptedBlockDays) continue;
        const dec = lastDecline[i]!;
        if (dec !== -Infinity && today - dec < c.offer.cooldown_days) continue;
      }
      const budget = c.offer.weekly_budget;
      if (budget !== null && (budgetUsed[c.offer.code] ?? 0) >= budget) continue;
      mask |= 1 << i;
    }
    return mask;
  };

  const reachMask = (input: ReachInput): number => {
    const today = todayDay(input.today);
    const lists = input.listTypes;
    const f = factsOf(input, today, lists.length === 0 ? 0 : maskOf(bits.lists, lists));
    let mask = 0;
    for (let i = 0; i < compiledOffers.length && i < 31; i++) {
      const c = compiledOffers[i]!;
      if (c.offer.active && today >= c.fromDay && today <= c.toDay && passesRules(c, f)) mask |= 1 << i;
    }
    return mask;
  };

  const match = (input: MatchInput): MatchResult => {
    const today = todayDay(input.today);
    const s = input.subscriber;
    const f = factsOf(input, today, maskOf(bits.lists, input.listTypes));
    const hasHistory = input.history.length > 0;
    if (hasHistory) scanHistory(input, today, nowDayOf(input, today));
    const result: MatchResult = { candidates: [], excluded: [], unknown: [], matched: {} };
    const seenUnknown = new Set<string>();
    const addUnknown = (code: string, fields: readonly string[]): void => {
      for (const field of fields) {
        const k = `${code}\u0000${field}`;
        if (seenUnknown.has(k)) continue;
        seenUnknown.add(k);
        result.unknown.push({ code, field });
      }
    };
    for (let i = 0; i < compiledOffers.length; i++) {
      const c = compiledOffers[i]!;
      const o = c.offer;
      const exclude = (stage: ExclusionStage, reason: OfferReason): void => {
        result.excluded.push({ code: o.code, stage, reason });
      };
      if (!o.active) {
        exclude('inactive', { code: 'offer.inactive', params: {} });
        continue;
      }
      if (today < c.fromDay) {
        exclude('inactive', { code: 'offer.not-yet-valid', params: { from: o.valid_from ?? '' } });
        continue;
      }
      if (today > c.toDay) {
        exclude('inactive', { code: 'offer.expired', params: { to: o.valid_to ?? '' } });
        continue;
      }
      // Eligibility: every condition must hold.
      const holding: ConditionNote[] = [];
      let failed: ReturnType<typeof explain> | null = null;
      for (const cond of o.rules.eligible ?? []) {
        const r = explain(cond, f, evalOf);
        if (r.value !== T) {
          failed = r;
          break;
        }
        holding.push(...r.holding);
      }
      if (failed) {
        addUnknown(o.code, failed.unknown);
        exclude('eligibility', { code: 'offer.not-eligible', params: {}, conditions: failed.failing });
        continue;
      }
      // Applicability and suitability: any holding condition excludes; unknowns are noted.
      const unknownHere: string[] = [];
      const firstHolding = (list: readonly RuleCondition[] | undefined): ConditionNote[] | null => {
        for (const cond of list ?? []) {
          const r = explain(cond, f, evalOf);
          if (r.value === T) return r.holding;
          if (r.value === U) unknownHere.push(...r.unknown);
        }
        return null;
      };
      const notApplicable = firstHolding(o.rules.notIf);
      if (notApplicable) {
        const planHit = notApplicable.some((n) => n.params.field === 'plan_code');
        exclude(
          'applicability',
          planHit
            ? { code: 'offer.already-on-plan', params: { plan: displayValue(s.plan_name) || displayValue(s.plan_code) }, conditions: notApplicable }
            : { code: 'offer.not-applicable', params: {}, conditions: notApplicable },
        );
        continue;
      }
      const unsuitable = firstHolding(o.rules.unsuitableIf);
      if (unsuitable) {
        exclude('suitability', { code: 'offer.unsuitable', params: {}, conditions: unsuitable });
        continue;
      }
      const facts: PolicyFacts | null = hasHistory ? { lastDeclineDay: lastDecline[i]!, lastAcceptDay: lastAccept[i]! } : null;
      const policy = policyReason(c, input, today, facts);
      if (policy) {
        exclude('contact-policy', policy);
        continue;
      }
      addUnknown(o.code, unknownHere);
      result.candidates.push(o);
      result.matched[o.code] = holding;
    }
    return result;
  };

  return { offers, matchMask, match, reachMask };
}

const compiledCache = new WeakMap<readonly Offer[], CompiledCatalogue>();

/** Match with a catalogue compiled once per offers array (kept while the array lives). */
export function matchOffers(input: MatchInput, offers: readonly Offer[] | CompiledCatalogue): MatchResult {
  if (!Array.isArray(offers)) return (offers as CompiledCatalogue).match(input);
  const list = offers as readonly Offer[];
  let c = compiledCache.get(list);
  if (!c) {
    c = compileCatalogue(list);
    compiledCache.set(list, c);
  }
  return c.match(input);
}

/** The offers of a `matchMask` result. */
export function offersOfMask(catalogue: CompiledCatalogue, mask: number): Offer[] {
  const out: Offer[] = [];
  for (let i = 0; i < catalogue.offers.length && i < 31; i++) if ((mask & (1 << i)) !== 0) out.push(catalogue.offers[i]!);
  return out;
}
