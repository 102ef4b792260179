/**
 * The contact policy of docs/product.md §6 as pure functions: may this customer be contacted now, on this channel, and
 * if not, why and from when; and where a task stands in the phone queue.
 *
 * Decisions where the spec is terse:
 *  - Calling hours apply to `hoursChannels` (phone by default); the end is exclusive (a call may start at 20:29).
 *  - Do-not-disturb blocks `dndChannels` (phone, SMS and unsolicited visits) for every purpose.
 *  - The attempt limit is status.ts `attemptsTowardLimit`: outbound attempts (a walk-in in the hall is the
 *    customer's own initiative) since the customer last asked to be called back; the request itself is not a
 *    failed attempt and is honoured at its time.
 *  - Retry spacing applies after every not-reached outcome in `retryAfterDispositions` (no answer, busy, hung up,
 *    powered off): calling a busy line again a minute later is as unwelcome as after no answer.
 *  - The 60-day marketing gap counts from the last marketing contact: `lastMarketed` (the central system's) or our own
 *    accepted or declined contact on an earlier task, whichever is later; it blocks phone and SMS marketing while days
 *    since ≤ gap, and never a hall walk-in or care.
 *  - A complaint within 14 days (the subscriber's last complaint date, or an escalated-complaint attempt on this
 *    task) blocks any sale on every channel, the hall included, and sets `routeToCare`; a care contact
 *    (`purpose: 'care'`) is allowed.
 *  - A closed or expired task is not contacted again on outbound channels; a hall walk-in can always be served.
 *  - One person is contacted once a day: an outbound attempt today on another line with the same identity hash
 *    blocks outbound channels on this one until the next local day (a walk-in in the hall is always served).
 *  - Every blocking rule is reported (not only the first), so the card can say all of it; `nextAllowedAt` is
 *    given only when every blocking rule lifts with time, and is the latest of their lift times.
 *  - The VAS programme's marketing-history filters (issue 16 #3) block marketing on outbound channels within their
 *    window of the work list's dates (opened then cancelled, a trial without an order, a voluntary unsubscribe) or
 *    of a marketing contact on any channel — the central system's last-marketed date or our own accepted/declined
 *    contact on an earlier task, whichever is later. A walk-in and care are not limited; 0 switches a filter off.
 *  - After a porting application (携号转网申请日期, issue 16 #6) no sale on any channel, the hall included, within
 *    `portingAppliedDays`: the porting rules forbid interfering with the customer's choice. Care is allowed.
 *  - Every rule lifts with time or never, none starts blocking as time passes: the queue's stored block relies on it.
 */
import { z } from 'zod';
import { type Channel } from './codes';
import { attemptsTowardLimit, deriveTaskStatus, latestWordIsCallback, type AttemptFact, type DerivedTaskStatus } from './status';

const channelList = z.array(z.enum(['phone', 'sms', 'hall', 'visit'])).max(4);
/** A look-back window in days; 0 switches its filter off. */
const windowDays = z.number().int().min(0).max(3660);

/**
 * The contact policy is versioned configuration (issue 16 #3), saved and rolled back like the risk rules; the
 * backend reads the active version (electron/backend/contact-policy.ts). `maxAttempts` is also the status rule's
 * limit (status.ts StatusPolicy): one number for "may be called" and "closed as unreachable".
 */
export const contactPolicySchema = z
  .strictObject({
    /** Local minute of day, [start, end): 09:00 → 540, 20:30 → 1230. */
    phoneStartMinute: z.number().int().min(0).max(1440),
    phoneEndMinute: z.number().int().min(0).max(1440),
    hoursChannels: channelList,
    maxAttempts: z.number().int().min(1).max(50),
    retryAfterMinutes: z.number().int().min(0).max(10_080),
    retryAfterDispositions: z.array(z.string().max(40)).max(20),
    maxCallbackDays: z.number().int().min(1).max(365),
    dndChannels: channelList,
    marketingGapDays: z.number().int().min(0).max(365),
    marketingGapChannels: channelList,
    complaintCareDays: z.number().int().min(0).max(365),
    /** The VAS programme's marketing-history filters (outbound marketing only; 0 = off). */
    cancelledAfterOpenDays: windowDays,
    trialNoOrderDays: windowDays,
    unsubscribedDays: windowDays,
    marketedAnyChannelDays: windowDays,
    /** No retention sale for this many days after a porting application (携号转网申请); the rules forbid switching it off. */
    portingAppliedDays: z.number().int().min(1).max(3660),
  })
  .superRefine((p, ctx) => {
    if (!(p.phoneStartMinute < p.phoneEndMinute)) ctx.addIssue({ code: 'custom', path: ['phoneEndMinute'], message: 'phoneEndMinute must be above phoneStartMinute' });
  });
export type ContactPolicy = z.infer<typeof contactPolicySchema>;

/**
 * The defaults (docs/product.md §6 and the VAS programme): the VAS filters' windows are the programme's 3 months,
 * 6 months and 1 year. "Marketed on any channel within 3 months" is off by default: the retention programme's own
 * rule is the 60-day phone/SMS gap above, and that filter would override it for every channel but the hall.
 */
export const defaultContactPolicy: ContactPolicy = {
  phoneStartMinute: 9 * 60,
  phoneEndMinute: 20 * 60 + 30,
  hoursChannels: ['phone'],
  maxAttempts: 3,
  retryAfterMinutes: 120,
  retryAfterDispositions: ['no_answer', 'busy', 'hung_up', 'powered_off'],
  maxCallbackDays: 30,
  dndChannels: ['phone', 'sms', 'visit'],
  marketingGapDays: 60,
  marketingGapChannels: ['phone', 'sms'],
  complaintCareDays: 14,
  cancelledAfterOpenDays: 90,
  trialNoOrderDays: 180,
  unsubscribedDays: 365,
  marketedAnyChannelDays: 0,
  portingAppliedDays: 30,
};

/** The settings in which two policies differ (a channel list is one setting), for a version's "what changed" and the audit. */
export function changedContactPolicyKeys(a: ContactPolicy, b: ContactPolicy): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ContactPolicy>;
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export interface ContactAttemptFact extends AttemptFact {
  channel?: Channel | string | null;
}

export interface TaskFacts {
  attempts: readonly ContactAttemptFact[];
  dueDate?: string | null;
  /**
   * A follow-up task (an accepted offer's 回访, core/offers/follow-up.ts): the local date it falls due. Before that
   * day it is not to be phoned; it is after-sales care, not a sale, so the marketing filters do not hold it back.
   */
  followUpOn?: string | null;
}

export interface SubscriberContactFacts {
  doNotDisturb?: boolean | number | null;
  /** 'YYYY-MM-DD' of the last marketing contact before this task (last_marketed). */
  lastMarketed?: string | null;
  /** 'YYYY-MM-DD' (or an ISO instant) of the customer's last complaint, if known. */
  lastComplaint?: string | null;
  /**
   * An outbound attempt today on another line of the same person (same identity hash, docs/product.md §4.5): the
   * masked number of that line and the attempt's UTC instant. Absent or null: none, or the line has no identity hash.
   */
  samePersonContactedToday?: { msisdnMasked: string; at: string } | null;
  /** 开通后退订日期: a service opened and then cancelled on this date. */
  cancelledAfterOpen?: string | null;
  /** 体验开始日期 and whether the trial led to an order (体验后订购). */
  trialStart?: string | null;
  trialOrdered?: boolean | number | null;
  /** 最近退订日期: the customer's last voluntary unsubscribe. */
  lastUnsubscribed?: string | null;
  /** Our own last contact with the customer on an earlier task (any channel), an ISO instant. */
  lastContactedByUs?: string | null;
  /**
   * When the customer asked us not to contact them again (an attempt logged 要求勿扰, on any task and channel, here or in
   * a merged outcome file), an ISO instant: like do-not-disturb, but theirs to us, so no file's 免打扰 = 否 lifts it.
   */
  contactRefusedAt?: string | null;
  /** 携号转网申请日期: the customer applied to port the number out. */
  portingApplied?: string | null;
  /** 是否离网 / 离网日期 of the customer's row: a file says they have left. */
  churned?: boolean | number | null;
  churnDate?: string | null;
  /** When an agent logged them 已离网 after their row was last imported (an ISO instant). */
  churnLoggedAt?: string | null;
}

export interface ContactContext {
  /** UTC ISO instant. */
  now: string;
  /** Minutes since local midnight at `now`. */
  localMinuteOfDay: number;
  /** Local calendar date of `now`. */
  today: string;
  /** A sale (the default) or a care contact (allowed after a complaint, not subject to the marketing gap). */
  purpose?: 'marketing' | 'care';
  policy?: ContactPolicy;
}

export type ContactReasonCode =
  | 'do-not-disturb'
  | 'asked-not-to-be-contacted'
  | 'outside-hours'
  | 'attempts-exhausted'
  | 'retry-too-soon'
  | 'callback-scheduled'
  | 'marketing-gap'
  | 'complaint-care-first'
  | 'task-closed'
  | 'same-person-contacted-today'

  | 'recently-cancelled'
  | 'trial-not-ordered'
  | 'recently-unsubscribed'
  | 'marketed-recently'
  | 'porting-applied'
  | 'follow-up-not-yet'
  | 'churned';

export interface ContactReason {
  code: ContactReasonCode;
  params: Record<string, number | string>;
}

export interface ContactDecision {
  allowed: boolean;
  reasons: ContactReason[];
  /** UTC ISO instant when every blocking rule will have lifted, if they all lift with time. */
  nextAllowedAt?: string;
  /** A recent complaint: the task goes to care before any sale. */
  routeToCare?: boolean;
  status: DerivedTaskStatus;
  /**
   * Outbound attempts left before the task closes as unreachable (the attempt limit, status.ts `attemptsTowardLimit`:
   * a call-back the customer asks for starts the count again); absent in the hall, which does not count, and for a
   * closed task.
   */
  attemptsLeft?: number;
  /** The outbound attempts counted toward the limit (since the last call-back the customer asked for); with attemptsLeft. */
  attemptsCounted?: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A local minute of the day as the contact rules show it: 540 → "09:00". */
export const minuteOfDayText = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const isoDay = (s: string): number => {
  const ms = Date.parse(s.length >= 10 ? s.slice(0, 10) + 'T00:00:00Z' : s);
  return Number.isFinite(ms) ? Math.floor(ms / DAY) : NaN;
};
/** A yes/no column's yes (stored 1, or true). */
const isYes = (v: boolean | number | null | undefined): boolean => v === true || v === 1;

/** May the customer be contacted on `channel` now? All blocking rules, and when contact becomes possible. */
export function canContactNow(
  task: TaskFacts,
  subscriber: SubscriberContactFacts,
  channel: Channel,
  ctx: ContactContext,
): ContactDecision {
  const policy = ctx.policy ?? defaultContactPolicy;
  const purpose = task.followUpOn ? 'care' : (ctx.purpose ?? 'marketing');
  const nowMs = Date.parse(ctx.now);
  if (!Number.isFinite(nowMs)) throw new Error(`now must be an ISO instant, got "${ctx.now}"`);
  const today = isoDay(ctx.today);
  const localMidnightMs = localMidnightOf(nowMs, ctx.localMinuteOfDay);
  const localInstant = (day: number, minute: number): number => localMidnightMs + (day - today) * DAY + minute * MINUTE;
  /** The local calendar date ('YYYY-MM-DD') of an instant. */
  const localDayOf = (ms: number): string | null => (Number.isFinite(ms) ? new Date(Math.floor((ms - localMidnightMs) / DAY) * DAY + today * DAY).toISOString().slice(0, 10) : null);

  const reasons: ContactReason[] = [];
  let permanent = false;
  let liftMs = -Infinity;
  const block = (code: ContactReasonCode, params: Record<string, number | string>, until: number | null): void => {
    reasons.push({ code, params });
    if (until === null) permanent = true;
    else if (until > liftMs) liftMs = until;
  };

  const outbound = channel !== 'hall';
  const sorted = task.attempts.length < 2 ? task.attempts : [...task.attempts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const last = sorted[sorted.length - 1];
  const derived = deriveTaskStatus(sorted, { now: ctx.now, today: ctx.today, dueDate: task.dueDate ?? null, policy: { maxAttempts: policy.maxAttempts } });
  const callbackDue = derived.status === 'callback_due';

  // How it ended, where the status's word (客户拒绝, 无法接通) does not say it: 已离网, 要求勿扰, the attempts used up.
  const endedBy: Record<string, string | number> =
    derived.endedBy === 'attempt-limit' ? { limit: policy.maxAttempts } : derived.endedBy !== null && derived.endedBy !== 'declined' ? { by: derived.endedBy } : {};
  if (outbound && derived.closed) block('task-closed', { status: derived.status, ...endedBy }, null);

  if (isYes(subscriber.doNotDisturb) && policy.dndChannels.includes(channel)) block('do-not-disturb', {}, null);
  if (subscriber.contactRefusedAt && policy.dndChannels.includes(channel)) block('asked-not-to-be-contacted', { date: localDayOf(Date.parse(subscriber.contactRefusedAt)) ?? subscriber.contactRefusedAt.slice(0, 10) }, null);
  // A customer who has left is not phoned, texted or visited to be retained (at the counter they are served): a
  // campaign gave new tasks to customers logged 已离网 (found by a new supervisor).
  if (outbound && (isYes(subscriber.churned) || subscriber.churnDate || subscriber.churnLoggedAt)) {
    const when = subscriber.churnLoggedAt ? localDayOf(Date.parse(subscriber.churnLoggedAt)) : subscriber.churnDate ? String(subscriber.churnDate).slice(0, 10) : null;
    block('churned', when ? { date: when } : {}, null);
  }

  // A follow-up waits for its day (a walk-in before it is the customer's own visit).
  if (outbound && task.followUpOn && ctx.today < task.followUpOn) block('follow-up-not-yet', { date: task.followUpOn }, localInstant(isoDay(task.followUpOn), 0));

  // Complaint first: from the subscriber's record or an escalated complaint on this task.
  let complaintDay = subscriber.lastComplaint ? isoDay(subscriber.lastComplaint) : NaN;
  for (const a of sorted) {
    if (a.disposition !== 'complaint') continue;
    const d = Math.floor((Date.parse(a.at) + today * DAY - localMidnightMs) / DAY); // its local day
    if (!(d <= complaintDay)) complaintDay = d;
  }
  let routeToCare = false;
  if (complaintDay === complaintDay && today - complaintDay <= policy.complaintCareDays && today - complaintDay >= 0) {
    routeToCare = true;
    if (purpose === 'marketing') block('complaint-care-first', { days: today - complaintDay }, localInstant(complaintDay + policy.complaintCareDays + 1, 0));
  }

  // The same count as the status rule's (a call-back request restarts it and is honoured at its time).
  const counted = outbound ? attemptsTowardLimit(sorted) : null;
  if (counted !== null && counted >= policy.maxAttempts) block('attempts-exhausted', { count: counted, max: policy.maxAttempts }, null);

  if (outbound && last) {
    const lastMs = Date.parse(last.at);
    if (last.disposition === 'callback' && last.callbackAt && !callbackDue) {
      const cbMs = Date.parse(last.callbackAt);
      if (cbMs > nowMs) block('callback-scheduled', { at: last.callbackAt }, cbMs);
    } else if (policy.retryAfterDispositions.includes(last.disposition)) {
      const okMs = lastMs + policy.retryAfterMinutes * MINUTE;
      if (okMs > nowMs) block('retry-too-soon', { at: last.at, minutes: Math.ceil((okMs - nowMs) / MINUTE) }, okMs);
    }
  }

  // A call-back the customer asked for is their own request: the filters that keep us from marketing to people who did
  // not ask (the marketing interval, our own recent contact, the VAS history, another line called today) do not hold
  // it back — the 60-day interval held one for weeks. It waits for its time (callback-scheduled, so the queue's stored
  // block lifts then); do-not-disturb and a porting application still hold it.
  const customerAsked = !derived.closed && latestWordIsCallback(sorted);
  const sibling = subscriber.samePersonContactedToday;
  if (outbound && sibling && !customerAsked) block('same-person-contacted-today', { number: sibling.msisdnMasked, at: sibling.at }, localInstant(today + 1, 0));

  // The central system's last marketing date or this desk's own sale or decline on an earlier task, whichever is
  // later: the central date learns of our contacts only from the outcome file, and a campaign run an hour after a
  // customer accepted an offer made them a task callable at once (found by a supervisor's first campaign).
  const lastMarketing = latestMarketing(subscriber, localDayOf);
  if (purpose === 'marketing' && !customerAsked && policy.marketingGapChannels.includes(channel) && lastMarketing) {
    const lm = isoDay(lastMarketing);
    const days = today - lm;
    if (lm === lm && days >= 0 && days <= policy.marketingGapDays)
      block('marketing-gap', { days, last: lastMarketing, gap: policy.marketingGapDays }, localInstant(lm + policy.marketingGapDays + 1, 0));
  }

  // After a porting application the rules forbid interfering with the customer's choice: no sale on any channel
  // (the hall included), care allowed — like a complaint, without routing to care.
  if (purpose === 'marketing' && subscriber.portingApplied) {
    const day = isoDay(subscriber.portingApplied);
    const days = today - day;
    if (day === day && days >= 0 && days <= policy.portingAppliedDays)
      block('porting-applied', { date: subscriber.portingApplied.slice(0, 10), days }, localInstant(day + policy.portingAppliedDays + 1, 0));
  }

  // The VAS programme's marketing-history filters: outbound marketing only (a walk-in is the customer's own visit).
  if (purpose === 'marketing' && outbound && !customerAsked) {
    const recent = (code: ContactReasonCode, date: string | null | undefined, window: number): void => {
      if (!date || window <= 0) return;
      const day = isoDay(date);
      const days = today - day;
      if (day === day && days >= 0 && days <= window) block(code, { date: date.slice(0, 10), days, window }, localInstant(day + window + 1, 0));
    };
    recent('recently-cancelled', subscriber.cancelledAfterOpen, policy.cancelledAfterOpenDays);
    if (!isYes(subscriber.trialOrdered)) recent('trial-not-ordered', subscriber.trialStart, policy.trialNoOrderDays);
    recent('recently-unsubscribed', subscriber.lastUnsubscribed, policy.unsubscribedDays);
    recent('marketed-recently', lastMarketing, policy.marketedAnyChannelDays);
  }

  if (policy.hoursChannels.includes(channel)) {
    const m = ctx.localMinuteOfDay;
    if (!inCallingHours(m, m, policy)) {
      const day = m < policy.phoneStartMinute ? today : today + 1;
      block('outside-hours', callingHoursText(policy), localInstant(day, policy.phoneStartMinute));
    }
  }

  const decision: ContactDecision = { allowed: reasons.length === 0, reasons, status: derived.status };
  if (routeToCare) decision.routeToCare = true;
  if (counted !== null && !derived.closed) {
    decision.attemptsLeft = Math.max(0, policy.maxAttempts - counted);
    decision.attemptsCounted = counted;
  }
  if (reasons.length > 0 && !permanent) {
    let at = liftMs;
    // A lift time outside calling hours moves to the next opening.
    if (policy.hoursChannels.includes(channel)) at = nextOpening(at, localMidnightMs, policy);
    decision.nextAllowedAt = new Date(at).toISOString();
  }
  return decision;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Where an open task stands in the phone queue: callable, or blocked until when                              */

/** The stored block of a task that no passing of time lifts (do-not-disturb, attempts used up, closed): sorts last. */
export const PERMANENT_BLOCK = '9999-12-31T23:59:59.999Z';

/**
 * The queue's stored block of an open task (tasks.blocked_until, docs/status-rule.md "Callable first"): null when the
 * customer may be phoned now as far as everything but the clock of the day goes, else the instant every blocking rule
 * will have lifted (PERMANENT_BLOCK when one never lifts by itself). It is `canContactNow` itself on the phone
 * channel with calling hours left out: calling hours are the same for every task, so they block all of the queue
 * at once and must not reorder it. No rule starts blocking as time passes, so at that instant the task is callable
 * and the queue may clear the block without asking again.
 */
export function queueBlockedUntil(task: TaskFacts, subscriber: SubscriberContactFacts, ctx: ContactContext): string | null {
  const d = queueDecision(task, subscriber, ctx);
  if (d.allowed) return null;
  return d.nextAllowedAt ?? PERMANENT_BLOCK;
}

/**
 * The decision behind the queue's block, with its reasons: `canContactNow` for a sale on the phone with calling hours
 * left out. A campaign asks it of the task it would create (core/campaigns/campaign.ts `campaignFate`).
 */
export function queueDecision(task: TaskFacts, subscriber: SubscriberContactFacts, ctx: ContactContext): ContactDecision {
  let queueCtx = queueContexts.get(ctx);
  if (!queueCtx) queueContexts.set(ctx, (queueCtx = { ...ctx, purpose: 'marketing', policy: withoutPhoneHours(ctx.policy ?? defaultContactPolicy) }));
  return canContactNow(task, subscriber, 'phone', queueCtx);
}

/** The queue's context for each context asked with (one copy: a sweep asks for every open task with one context). */
const queueContexts = new WeakMap<ContactContext, ContactContext>();

const phoneHoursLeftOut = new WeakMap<ContactPolicy, ContactPolicy>();
/** The policy with calling hours left out for the phone (one copy per policy: a first start asks for every open task). */
function withoutPhoneHours(policy: ContactPolicy): ContactPolicy {
  let p = phoneHoursLeftOut.get(policy);
  if (!p) phoneHoursLeftOut.set(policy, (p = { ...policy, hoursChannels: policy.hoursChannels.filter((c) => c !== 'phone') }));
  return p;
}

/**
 * The day of the customer's last marketing contact (YYYY-MM-DD, local): the central system's 最近营销日期 or this desk's
 * own sale or decline on an earlier task, whichever is later; null when neither is known.
 */
function latestMarketing(subscriber: SubscriberContactFacts, localDayOf: (ms: number) => string | null): string | null {
  const ours = subscriber.lastContactedByUs ? localDayOf(Date.parse(subscriber.lastContactedByUs)) : null;
  const theirs = subscriber.lastMarketed ? subscriber.lastMarketed.slice(0, 10) : null;
  return ours && (!theirs || ours > theirs) ? ours : theirs;
}

/** The first instant ≥ ms inside calling hours (local days are DAY long: no daylight saving in China). */
function nextOpening(ms: number, localMidnightMs: number, policy: ContactPolicy): number {
  const since = ms - localMidnightMs;
  const dayIndex = Math.floor(since / DAY);
  const minute = (since - dayIndex * DAY) / MINUTE;
  if (inCallingHours(minute, minute, policy)) return ms;
  const day = minute < policy.phoneStartMinute ? dayIndex : dayIndex + 1;
  return localMidnightMs + day * DAY + policy.phoneStartMinute * MINUTE;
}

/**
 * Is a call-back time acceptable when logging an attempt? After now, at most maxCallbackDays ahead, and — when phone
 * calls have calling hours — inside them: a call-back is a phone call, and one promised for 23:00 is one nobody may
 * make (the queue would hold it until the next morning while the customer waits for the phone). `localMinuteOfNow`
 * places the call-back on the local clock (local days are DAY long: no daylight saving in China). The attempt
 * handler and the outcome form both ask here.
 */
export function validateCallback(
  callbackAt: string,
  now: string,
  policy: ContactPolicy,
  localMinuteOfNow: number,
): { ok: true } | { ok: false; reason: { code: 'callback-in-past' | 'callback-too-far' | 'callback-outside-hours'; params: Record<string, number | string> } } {
  const cb = Date.parse(callbackAt);
  const n = Date.parse(now);
  if (!(cb > n)) return { ok: false, reason: { code: 'callback-in-past', params: {} } };
  if (cb - n > policy.maxCallbackDays * DAY) return { ok: false, reason: { code: 'callback-too-far', params: { max: policy.maxCallbackDays } } };
  const minute = Math.floor((((cb - localMidnightOf(n, localMinuteOfNow)) % DAY) + DAY) % DAY / MINUTE);
  if (!phoneCallableWithin(minute, minute, policy)) return { ok: false, reason: { code: 'callback-outside-hours', params: callingHoursText(policy) } };
  return { ok: true };
}

/**
 * Whether a phone call may start at some local minute of the day from `first` to `last` (both included): calling hours
 * are [phoneStartMinute, phoneEndMinute) when phone calls have them, else any minute. The call-back check asks for one
 * minute, the call-back picker for an hour at a time.
 */
export function phoneCallableWithin(first: number, last: number, policy: ContactPolicy): boolean {
  return !policy.hoursChannels.includes('phone') || inCallingHours(first, last, policy);
}

/** Whether some local minute from `first` to `last` (both included) lies in calling hours, [phoneStartMinute, phoneEndMinute). */
const inCallingHours = (first: number, last: number, policy: ContactPolicy): boolean => last >= policy.phoneStartMinute && first < policy.phoneEndMinute;

/** The calling hours as the contact rules show them: { from: "09:00", to: "20:30" }. */
export const callingHoursText = (policy: ContactPolicy): { from: string; to: string } => ({ from: minuteOfDayText(policy.phoneStartMinute), to: minuteOfDayText(policy.phoneEndMinute) });

/** Local midnight of today as a UTC instant: the offset is implied by now and the local minute of the day. */
const localMidnightOf = (nowMs: number, localMinuteOfDay: number): number => nowMs - (nowMs % MINUTE) - localMinuteOfDay * MINUTE;

/* ---------------------------------------------------------------------------------------------------------- */
/* Queue priority                                                                                              */

/** A customer's P(churn) and which source set it (core/risk/signal.ts `customerChurnP`, the one rule for it). */
export interface ChurnP {
  p: number;
  from: 'model' | 'level';
}

export interface PriorityFacts {
  /** The customer's P(churn) (core/risk/signal.ts `customerChurnP`); without it, the level's weight nudged by the score. */
  churn?: ChurnP | null;
  /** Days until the task's due date (0 = today); tasks about to expire go a little earlier. */
  daysToDue?: number | null;
  /** Outbound attempts already made: among equals, fresh tasks first. */
  attempts?: number;
}

/** Rough churn likelihood of each rule level, used when no model probability is given. */
export const levelChurnWeight: Record<'high' | 'medium' | 'low' | 'stable', number> = { high: 0.6, medium: 0.35, low: 0.18, stable: 0.06 };

/**
 * P(churn) of a rule level and score without a model: the level's weight nudged by the score (≤ ±10 % of the weight,
 * so a higher score never ranks lower within a level and never leaves the level's band of `modelLevelCutoffs`).
 */
export function levelChurnP(score: number, level: 'high' | 'medium' | 'low' | 'stable'): number {
  const base = levelChurnWeight[level];
  return base + Math.max(-1, Math.min(1, score / 40)) * 0.1 * base;
}

/**
 * Phone-queue priority, higher first: the value at stake, P(churn) × value, where P(churn) is the model's
 * probability or the level's weight nudged by the score (≤ ±10 % of the level's weight, so a higher score never
 * ranks lower within a level and never jumps a level), and value is what the customer is worth (yuan, e.g.
 * ARPU × 12; at least 1 so a zero-ARPU line still ranks by risk). Small boosts: due within 2 days ×1.15,
 * ×(1 − 0.05 per attempt already made). Due callbacks are not ranked here: the queue puts them first at their time.
 */
export function queuePriority(score: number, level: 'high' | 'medium' | 'low' | 'stable', value: number, facts: PriorityFacts = {}): number {
  return queuePriorityTerms(score, level, value, facts).priority;
}

/** The figures queuePriority multiplies, so a queue row can say why it sits where it does (issue 15 #4). */
export interface PriorityTerms {
  /** P(churn) used: the customer's (`PriorityFacts.churn`), or the level's weight nudged by the score. */
  pChurn: number;
  pChurnFrom: 'model' | 'level';
  /** Value at stake in yuan, at least 1. */
  value: number;
  /** ×1.15 when due within 2 days, else 1. */
  dueFactor: number;
  /** ×(1 − 0.05 per attempt), at least 0.5. */
  attemptsFactor: number;
  priority: number;
}

export function queuePriorityTerms(score: number, level: 'high' | 'medium' | 'low' | 'stable', value: number, facts: PriorityFacts = {}): PriorityTerms {
  const churn = facts.churn && Number.isFinite(facts.churn.p) ? facts.churn : { p: levelChurnP(score, level), from: 'level' as const };
  const v = Number.isFinite(value) && value > 1 ? value : 1;
  const dueFactor = facts.daysToDue !== null && facts.daysToDue !== undefined && facts.daysToDue <= 2 ? 1.15 : 1;
  const attemptsFactor = facts.attempts ? Math.max(0.5, 1 - 0.05 * facts.attempts) : 1;
  return { pChurn: churn.p, pChurnFrom: churn.from, value: v, dueFactor, attemptsFactor, priority: churn.p * v * dueFactor * attemptsFactor };
}
