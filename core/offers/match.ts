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
import { shanghaiDay } from '../calendar';
import { fieldByKey, listTypes as knownListTypes } from '../worklist/fields';
import { knownRuleTags, type FieldCondition, type Offer, type OfferChannel, type RuleCondition } from './catalogue';

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
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Values                                                                                                       */

const F = 0;
const T = 1;
const U = 2;
type Tri = 0 | 1 | 2;

const yesWords = new Set(['1', '是', '有', 'y', 'yes', 'true', 't']);
const noWords = new Set(['0', '否', '无', 'n', 'no', 'false', 'f']);

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && v !== v);
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v - v === 0 ? v : NaN;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return NaN;
    const n = Number(t);
    return n - n === 0 ? n : NaN;
  }
  return NaN;
}

/** Text form used for = / != / in comparisons; booleans as 1/0 so `{broadband = 1}` matches '是'. */
function toText(v: unknown, bool: boolean): string {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return '';
  const t = v.trim();
  if (bool) {
    const l = t.toLowerCase();
    if (yesWords.has(l)) return '1';
    if (noWords.has(l)) return '0';
  }
  return t;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date; NaN when it is not one. */
export function dayOfDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (!(y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** China-time day of an attempt's `at` (an ISO instant, or a local date). */
export function localDayOf(at: string): number {
  if (at.length === 10) return dayOfDate(at);
  return shanghaiDay(Date.parse(at));
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Compiling conditions                                                                                         */

/**
 * A compiled condition. Tags and list types the catalogue's rules name get a bit each (the first 31 of each);
 * `tm` / `lm` are the customer's masks over them, so a tag test is one AND. Names beyond 31 fall back to a
 * search of the arrays.
 */
type Eval = (s: SubscriberValues, tags: readonly string[], lists: readonly string[], tm: number, lm: number) => Tri;

interface Bits {
  tags: Map<string, number>;
  lists: Map<string, number>;
}

function bitOf(map: Map<string, number>, name: string): number {
  let b = map.get(name);
  if (b === undefined) {
    b = map.size < 31 ? 1 << map.size : 0;
    map.set(name, b);
  }
  return b;
}

function maskOf(map: ReadonlyMap<string, number>, names: readonly string[]): number {
  let m = 0;
  for (let i = 0; i < names.length; i++) m |= map.get(names[i]!) ?? 0;
  return m;
}

const opNames: Record<FieldCondition['op'], string> = {
  '>': 'gt',
  '>=': 'ge',
  '<': 'lt',
  '<=': 'le',
  '=': 'eq',
  '!=': 'ne',
  in: 'in',
  'not-in': 'not-in',
  present: 'present',
  empty: 'empty',
};

const knownTags: ReadonlySet<string> = new Set(knownRuleTags);
const knownLists: ReadonlySet<string> = new Set(knownListTypes);

function compileField(c: FieldCondition): Eval {
  const key = c.field;
  const bool = fieldByKey.get(key)?.kind === 'bool';
  switch (c.op) {
    case 'present':
      return (s) => (isMissing(s[key]) ? F : T);
    case 'empty':
      return (s) => (isMissing(s[key]) ? T : F);
    case '>': {
      const v = c.value;
      return (s) => {
        const raw = s[key];
        const x = typeof raw === 'number' ? raw : toNumber(raw);
        return x !== x ? U : x > v ? T : F;
      };
    }
    case '>=': {
      const v = c.value;
      return (s) => {
        const raw = s[key];
        const x = typeof raw === 'number' ? raw : toNumber(raw);
        return x !== x ? U : x >= v ? T : F;
      };
    }
    case '<': {
      const v = c.value;
      return (s) => {
        const raw = s[key];
        const x = typeof raw === 'number' ? raw : toNumber(raw);
        return x !== x ? U : x < v ? T : F;
      };
    }
    case '<=': {
      const v = c.value;
      return (s) => {
        const raw = s[key];
        const x = typeof raw === 'number' ? raw : toNumber(raw);
        return x !== x ? U : x <= v ? T : F;
      };
    }
    case '=':
    case '!=': {
      const eq = c.op === '=';
      const v = c.value;
      if (typeof v === 'number') {
        return (s) => {
          const raw = s[key];
          if (isMissing(raw)) return U;
          const x = bool ? toNumber(toText(raw, true)) : toNumber(raw);
          return (x === v) === eq ? T : F;
        };
      }
      const want = v.trim();
      return (s) => {
        const raw = s[key];
        if (isMissing(raw)) return U;
        return (toText(raw, bool) === want) === eq ? T : F;
      };
    }
    case 'in':
    case 'not-in': {
      const inside = c.op === 'in';
      const set = new Set(c.value.map((v) => (typeof v === 'number' ? String(v) : v.trim())));
      const nums = c.value.filter((v): v is number => typeof v === 'number');
      if (nums.length === 0 && !bool) {
        // Text values only (statuses, plan codes): a string cell is looked up as it is, then trimmed.
        return (s) => {
          const raw = s[key];
          if (typeof raw === 'string' && raw.length > 0 && set.has(raw)) return inside ? T : F;
          if (isMissing(raw)) return U;
          return set.has(toText(raw, false)) === inside ? T : F;
        };
      }
      return (s) => {
        const raw = s[key];
        if (isMissing(raw)) return U;
        let hit = set.has(toText(raw, bool));
        if (!hit && nums.length > 0) {
          const x = toNumber(toText(raw, bool));
          hit = x === x && nums.includes(x);
        }
        return hit === inside ? T : F;
      };
    }
  }
}

function compileCondition(c: RuleCondition, bits: Bits): Eval {
  if ('any' in c) {
    const parts = c.any.map((x) => compileCondition(x, bits));
    if (parts.length === 2) {
      const [a, b] = parts as [Eval, Eval];
      return (s, tags, lists, tm, lm) => {
        const x = a(s, tags, lists, tm, lm);
        if (x === T) return T;
        const y = b(s, tags, lists, tm, lm);
        return y === T ? T : x === U || y === U ? U : F;
      };
    }
    return (s, tags, lists, tm, lm) => {
      let r: Tri = F;
      for (let i = 0; i < parts.length; i++) {
        const v = parts[i]!(s, tags, lists, tm, lm);
        if (v === T) return T;
        if (v === U) r = U;
      }
      return r;
    };
  }
  if ('tag' in c) {
    const tag = c.tag;
    const bit = bitOf(bits.tags, tag);
    if (c.present !== false) return bit !== 0 ? (_s, _t, _l, tm) => ((tm & bit) !== 0 ? T : F) : (_s, tags) => (tags.includes(tag) ? T : F);
    return bit !== 0 ? (_s, _t, _l, tm) => ((tm & bit) === 0 ? T : F) : (_s, tags) => (tags.includes(tag) ? F : T);
  }
  if ('list' in c) {
    const list = c.list;
    const bit = bitOf(bits.lists, list);
    return bit !== 0 ? (_s, _t, _l, _tm, lm) => ((lm & bit) !== 0 ? T : F) : (_s, _t, lists) => (lists.includes(list) ? T : F);
  }
  return compileField(c);
}

function displayValue(v: unknown): MessageParamValue {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim();
  return '';
}

/** The words of one (non-`any`) condition, with the customer's figure for a field. */
function noteOf(c: Exclude<RuleCondition, { any: RuleCondition[] }>, s: SubscriberValues): ConditionNote {
  if ('tag' in c) {
    const neg = c.present === false ? 'no-tag' : 'tag';
    return knownTags.has(c.tag) ? { code: `offer.cond.${neg}.${c.tag}`, params: {} } : { code: `offer.cond.${neg}`, params: { tag: c.tag } };
  }
  if ('list' in c) {
    return knownLists.has(c.list) ? { code: `offer.cond.list.${c.list}`, params: {} } : { code: 'offer.cond.list', params: { list: c.list } };
  }
  const code = `offer.cond.${opNames[c.op]}`;
  if (!('value' in c)) return { code, params: { field: c.field } };
  const raw = s[c.field];
  if (isMissing(raw)) return { code: 'offer.cond.unknown', params: { field: c.field } };
  const value = Array.isArray(c.value) ? c.value.join('/') : c.value;
  return { code, params: { field: c.field, value, actual: displayValue(raw) } };
}

/** Evaluate a condition with explanation: its outcome, notes of the parts that decided it, and unknown fields. */
function explain(
  c: RuleCondition,
  s: SubscriberValues,
  tags: readonly string[],
  lists: readonly string[],
  tm: number,
  lm: number,
  evalOf: (c: RuleCondition) => Eval,
): { value: Tri; holding: ConditionNote[]; failing: ConditionNote[]; unknown: string[] } {
  if ('any' in c) {
    const holding: ConditionNote[] = [];
    const failing: ConditionNote[] = [];
    const unknown: string[] = [];
    let value: Tri = F;
    for (const part of c.any) {
      const r = explain(part, s, tags, lists, tm, lm, evalOf);
      if (r.value === T) {
        value = T;
        holding.push(...r.holding);
      } else {
        if (r.value === U && value === F) value = U;
        failing.push(...r.failing);
        unknown.push(...r.unknown);
      }
    }
    return value === T ? { value, holding, failing: [], unknown: [] } : { value, holding: [], failing, unknown };
  }
  const value = evalOf(c)(s, tags, lists, tm, lm);
  const note = noteOf(c, s);
  if (value === T) return { value, holding: [note], failing: [], unknown: [] };
  return { value, holding: [], failing: [note], unknown: value === U && 'field' in c ? [c.field] : [] };
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
}

interface PolicyFacts {
  lastDeclineDay: number;
  lastAcceptDay: number;
}

export function compileCatalogue(offers: readonly Offer[], options: MatchOptions = {}): CompiledCatalogue {
  const acceptedBlockDays = options.acceptedBlockDays ?? 365;
  const evals = new Map<RuleCondition, Eval>();
  const bits: Bits = { tags: new Map(), lists: new Map() };
  const evalOf = (c: RuleCondition): Eval => {
    let e = evals.get(c);
    if (!e) {
      e = compileCondition(c, bits);
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
  const passesRules = (c: CompiledOffer, s: SubscriberValues, tags: readonly string[], lists: readonly string[], tm: number, lm: number): boolean => {
    const el = c.eligible;
    for (let j = 0; j < el.length; j++) if (el[j]!(s, tags, lists, tm, lm) !== T) return false;
    const ni = c.notIf;
    for (let j = 0; j < ni.length; j++) if (ni[j]!(s, tags, lists, tm, lm) === T) return false;
    const un = c.unsuitable;
    for (let j = 0; j < un.length; j++) if (un[j]!(s, tags, lists, tm, lm) === T) return false;
    return true;
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
        return { code: 'offer.accepted-already', params: { days: today - acc } };
      const dec = facts.lastDeclineDay;
      const cooldown = c.offer.cooldown_days;
      if (dec !== -Infinity && today - dec < cooldown) return { code: 'offer.declined-recently', params: { days: today - dec, cooldown } };
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
    const s = input.subscriber;
    const tags = input.tags;
    const lists = input.listTypes;
    const tm = maskOf(bits.tags, tags);
    const lm = lists.length === 0 ? 0 : maskOf(bits.lists, lists);
    const hasHistory = input.history.length > 0;
    if (hasHistory) scanHistory(input, today, nowDayOf(input, today));
    const budgetUsed = input.budgetUsed;
    const ids = liveOffers(input.channel, today);
    let mask = 0;
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k]!;
      const c = compiledOffers[i]!;
      if (!passesRules(c, s, tags, lists, tm, lm)) continue;
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

  const match = (input: MatchInput): MatchResult => {
    const today = todayDay(input.today);
    const s = input.subscriber;
    const tags = input.tags;
    const lists = input.listTypes;
    const tm = maskOf(bits.tags, tags);
    const lm = maskOf(bits.lists, lists);
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
        const r = explain(cond, s, tags, lists, tm, lm, evalOf);
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
          const r = explain(cond, s, tags, lists, tm, lm, evalOf);
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

  return { offers, matchMask, match };
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
