/**
 * The outcome form of the hall and the phone queue (docs/product.md §1/§6/§9) as data: its state, every transition
 * (`reduce`) and what a key press means (`keyToAction`). Pure — no React, no DOM, no clock (the caller passes `now`),
 * so the keyboard workflow is unit-tested without a browser; LogPanel.tsx only renders this state and dispatches.
 */
import type { Dayjs } from 'dayjs';
import type { CustomerKey, OperationInput } from '../../../../core/api';
import {
  asksCompetitor as asksCompetitorFor,
  competitorOfferProblem,
  competitorRequired as competitorRequiredFor,
  competitors,
  dispositionAllowed,
  dispositionLabels,
  dispositionRequires,
  noteRequired,
  reasons,
  unmetRequirement,
  type Competitor,
  type Disposition,
  type FeedbackCategory,
  type Importance,
  type Reason,
} from '../../../../core/contact/codes';
import type { PlainMessageKey } from '../../i18n/catalogue';
import { defaultContactPolicy, validateCallback, type ContactPolicy } from '../../../../core/contact/policy';

/**
 * One key per disposition (docs/product.md §9). The reached outcomes an agent at the counter logs most come first;
 * 0 is the last digit, C (complaint) and D (要求勿扰) the letters. Kept in this one table: buttons, help and keys read it.
 */
export const dispositionKeys: readonly { key: string; code: Disposition }[] = [
  { key: '1', code: 'accepted' },
  { key: '2', code: 'declined' },
  { key: '3', code: 'callback' },
  { key: '4', code: 'no_answer' },
  { key: '5', code: 'busy' },
  { key: '6', code: 'powered_off' },
  { key: '7', code: 'invalid_number' },
  { key: '8', code: 'hung_up' },
  { key: '9', code: 'churned' },
  { key: '0', code: 'wrong_person' },
  { key: 'C', code: 'complaint' },
  // D for 勿扰 (do not disturb): the customer asks not to be contacted again.
  { key: 'D', code: 'do_not_call' },
];

/** The call-back time offered before the agent picks one: tomorrow at 10:00 local time. */
export const defaultCallback = (now: Dayjs): Dayjs => now.add(1, 'day').hour(10).minute(0).second(0).millisecond(0);

export type LogDialog = 'feedback' | 'note';

/** Feedback being written in its dialog (F): no category until the agent picks one (FeedbackDialogs.tsx). */
export interface FeedbackDraft {
  category: FeedbackCategory | '';
  importance: Importance;
  text: string;
}

/** What an experience note (E) is about: an offer on the card, or a reason. */
export type NoteAbout = { kind: 'offer'; code: string } | { kind: 'reason'; code: Reason };

/** An experience note being written in its dialog; `about` null: what the card suggests (the outcome just saved). */
export interface NoteDraft {
  about: NoteAbout | null;
  text: string;
}

const noFeedback: FeedbackDraft = { category: '', importance: 'medium', text: '' };
const noNote: NoteDraft = { about: null, text: '' };

/** The channels the form logs for: the counter (hall) or the phone queue. */
export type LogChannel = 'hall' | 'phone';

/** The keys of the channel's dispositions: the hall shows only face-to-face outcomes, under their usual keys. */
export const dispositionKeysFor = (channel: LogChannel) => dispositionKeys.filter((d) => dispositionAllowed(channel, d.code));

/** What the last save stored, shown as "saved" until the agent's next step in the form. */
export interface LastSaved {
  disposition: Disposition;
  /** The backend's time of the attempt (UTC ISO). */
  at: string;
  offerCode: string | null;
  /** The plan the customer moved to, with a success. */
  planCode?: string | null;
  reason: Reason | null;
  competitor: Competitor | null;
  /** The call-back time promised (UTC ISO), if one was. */
  callbackAt?: string | null;
  taskStatus: string | null;
  /** What ended the task where its status's word does not say it (要求勿扰, 已离网, the attempts used up). */
  taskEndedBy?: string | null;
  /** The local date of the follow-up task the accepted offer required (issue 17 #4), if one was made. */
  followUpOn?: string | null;
  /** Who has the follow-up task (null: no one yet). */
  followUpAgent?: string | null;
  /** Why the follow-up the offer requires was not made (a walk-in on no list): the agent arranges the visit. */
  followUpNotMade?: 'customer-not-stored' | null;
}

export interface LogFormState {
  disposition: Disposition | null;
  offerCode: string | null;
  /**
   * The tariff plan a success moved the customer to (the card's tariff preview, or any plan of the catalogue): a
   * success is an offer taken, a plan taken, or both.
   */
  planCode: string | null;
  reason: Reason | null;
  competitor: Competitor | null;
  /** What the competitor offered, as typed, and its monthly price as typed (checked by competitorOfferProblem). */
  competitorOffer: string;
  competitorAmount: string;
  callbackAt: Dayjs | null;
  note: string;
  /** The agent tried to save: from then on every step shows what it lacks. */
  tried: boolean;
  saving: boolean;
  /** The last save's failure (kept with the input for a retry), or null. */
  error: unknown;
  dialog: LogDialog | null;
  /**
   * What the open dialog holds, kept with the form so that it lasts as long as the form does: a session that ended
   * by itself while the agent wrote feedback dropped it with the dialog (app/keptWork.ts). Emptied when the dialog
   * closes (saved, or cancelled: the agent let it go).
   */
  feedbackDraft: FeedbackDraft;
  noteDraft: NoteDraft;
  /** The attempt just saved; cleared by the next change to the form. */
  lastSaved: LastSaved | null;
  /**
   * The agent tried to save a call the contact rules say should not be made now (`mustConfirmBlocked`) and was asked
   * whether it really happened: the next save stores it. Cleared by any change to the form.
   */
  blockedAsked: boolean;
}

/** No outcome chosen and nothing asked about one: the start, and where "back" returns to. */
const noOutcome = {
  disposition: null,
  offerCode: null,
  planCode: null,
  reason: null,
  competitor: null,
  competitorOffer: '',
  competitorAmount: '',
} as const satisfies Partial<LogFormState>;

export const initialLogForm = (now: Dayjs): LogFormState => ({
  ...noOutcome,
  callbackAt: defaultCallback(now),
  note: '',
  tried: false,
  saving: false,
  error: null,
  dialog: null,
  feedbackDraft: noFeedback,
  noteDraft: noNote,
  lastSaved: null,
  blockedAsked: false,
});

/**
 * The form as it comes back after the session ended with it unsaved (app/keptWork.ts): what the agent put in, with no
 * save under way, no failure showing, and the blocked-call question to be asked again (it was answered for a moment
 * now past). A dialog with words typed in it opens again as it was; any other dialog is gone.
 */
export function resumedLogForm(state: LogFormState): LogFormState {
  const dialog = draftTyped(state) ? state.dialog : null;
  const drafts = dialog ? {} : { feedbackDraft: noFeedback, noteDraft: noNote };
  return { ...state, ...drafts, saving: false, error: null, dialog, lastSaved: null, blockedAsked: false };
}

/** The words typed in the open dialog (feedback or an experience note), or null with none open. */
export function openDraftText(state: LogFormState): string | null {
  if (state.dialog === 'feedback') return state.feedbackDraft.text;
  if (state.dialog === 'note') return state.noteDraft.text;
  return null;
}

/** The open dialog's words typed and not saved (feedback or an experience note). */
export const draftTyped = (state: LogFormState): boolean => (openDraftText(state)?.trim() ?? '') !== '';

/**
 * A kept form on the card it comes back to: a declined offer the card no longer shows among its top offers is dropped
 * — the card's offers may have changed meanwhile (a churn logged from another desk), and Enter saved "拒绝的政策：…" for
 * an offer that was nowhere on screen (found by the second helper). The agent picks again, or saves the decline without.
 */
export function resumedOnCard(form: LogFormState, topOffers: readonly string[]): LogFormState {
  return form.disposition === 'declined' && form.offerCode !== null && !topOffers.includes(form.offerCode) ? { ...form, offerCode: null } : form;
}

/** What the form's state can do; each is handled by `reduce`. */
export type LogFormAction =
  /** A disposition is chosen; a decline starts with the top offer (`topOffer`) as the one declined. */
  | { type: 'choose'; disposition: Disposition; topOffer: string | null }
  /** Back to "no disposition": the details and the call-back time (to `callbackAt`) reset; the note stays. */
  | { type: 'back'; callbackAt: Dayjs }
  | { type: 'offer'; code: string | null }
  /** A click on the declined offer: the chosen one is cleared, another one chosen. */
  | { type: 'toggleOffer'; code: string }
  /** The plan a success moved the customer to (P, or the list of every plan); null: none. */
  | { type: 'plan'; code: string | null }
  /** A click on a plan of the tariff preview: the chosen one is cleared, another one chosen. */
  | { type: 'togglePlan'; code: string }
  | { type: 'reason'; reason: Reason }
  /** A click on a churn's reason, which is optional: the chosen one is cleared, another one chosen. */
  | { type: 'toggleReason'; reason: Reason }
  | { type: 'competitor'; competitor: Competitor }
  /** A click on a competitor: the chosen one is cleared, another one chosen. */
  | { type: 'toggleCompetitor'; competitor: Competitor }
  | { type: 'competitorOffer'; text: string }
  | { type: 'competitorAmount'; text: string }
  | { type: 'callbackAt'; at: Dayjs | null }
  | { type: 'note'; note: string }
  /** A dialog opens, or closes (saved or cancelled: what it held goes). */
  | { type: 'dialog'; dialog: LogDialog | null }
  | { type: 'feedbackDraft'; patch: Partial<FeedbackDraft> }
  | { type: 'noteDraft'; patch: Partial<NoteDraft> }
  /** The agent asked to save (Enter or the button): required-field messages show from now on. */
  | { type: 'submit' }
  /** The save was of a call the contact rules block now: asked to confirm it happened (`mustConfirmBlocked`). */
  | { type: 'askBlocked' }
  | { type: 'saveStarted' }
  | { type: 'saveFailed'; error: unknown }
  /** Saved: the form starts afresh for the next contact (call-back time from `now`), saying what was saved. */
  | { type: 'saveDone'; saved: LastSaved; now: Dayjs };

/**
 * What a key press asks for: a change of the form, or one of the effects only the component can perform
 * (send the save, leave the panel, put the cursor in the note field).
 */
export type LogKeyAction = LogFormAction | { type: 'save' } | { type: 'exit' } | { type: 'focusNote' } | { type: 'focusCallback' };

/** Actions that are the agent's next step: they end the "saved" confirmation. */
const editing = new Set<LogFormAction['type']>(['choose', 'offer', 'toggleOffer', 'plan', 'togglePlan', 'reason', 'toggleReason', 'competitor', 'toggleCompetitor', 'competitorOffer', 'competitorAmount', 'callbackAt', 'note']);

export function reduce(state: LogFormState, action: LogFormAction): LogFormState {
  const next = transition(state, action);
  const edited = editing.has(action.type) || action.type === 'back';
  return edited && (next.lastSaved || next.blockedAsked) ? { ...next, lastSaved: null, blockedAsked: false } : next;
}

function transition(state: LogFormState, action: LogFormAction): LogFormState {
  switch (action.type) {
    case 'choose':
      // A decline is usually of the offer just presented: the top one, shown and changeable (or cleared).
      return {
        ...state,
        disposition: action.disposition,
        offerCode: action.disposition === 'declined' ? action.topOffer : state.offerCode,
        tried: false,
        error: null,
      };
    case 'back':
      return {
        ...state,
        ...noOutcome,
        callbackAt: action.callbackAt,
        tried: false,
        error: null,
      };
    case 'offer':
      return { ...state, offerCode: action.code };
    case 'toggleOffer':
      return { ...state, offerCode: state.offerCode === action.code ? null : action.code };
    case 'plan':
      return { ...state, planCode: action.code };
    case 'togglePlan':
      return { ...state, planCode: state.planCode === action.code ? null : action.code };
    case 'reason':
      return { ...state, reason: action.reason };
    case 'toggleReason':
      return { ...state, reason: state.reason === action.reason ? null : action.reason };
    case 'competitor':
      return { ...state, competitor: action.competitor };
    case 'toggleCompetitor':
      return { ...state, competitor: state.competitor === action.competitor ? null : action.competitor };
    case 'competitorOffer':
      return { ...state, competitorOffer: action.text };
    case 'competitorAmount':
      return { ...state, competitorAmount: action.text };
    case 'callbackAt':
      return { ...state, callbackAt: action.at };
    case 'note':
      return { ...state, note: action.note };
    case 'dialog':
      return action.dialog ? { ...state, dialog: action.dialog } : { ...state, dialog: null, feedbackDraft: noFeedback, noteDraft: noNote };
    case 'feedbackDraft':
      return { ...state, feedbackDraft: { ...state.feedbackDraft, ...action.patch } };
    case 'noteDraft':
      return { ...state, noteDraft: { ...state.noteDraft, ...action.patch } };
    case 'submit':
      return state.saving || !state.disposition ? state : { ...state, tried: true };
    case 'askBlocked':
      return { ...state, blockedAsked: true };
    case 'saveStarted':
      return { ...state, saving: true, error: null };
    case 'saveFailed':
      return { ...state, saving: false, error: action.error };
    case 'saveDone':
      // Feedback being written meanwhile (F during the save) stays with its dialog.
      return { ...initialLogForm(action.now), dialog: state.dialog, feedbackDraft: state.feedbackDraft, noteDraft: state.noteDraft, lastSaved: action.saved };
  }
}

/**
 * Whether the form holds what the agent put in and has not saved — an outcome chosen, or a note typed: leaving the
 * task (J for the next one, 返回) would drop it, so the queue asks first. An agent pressed J after 拒绝 · 资费 and a
 * note, and the decline was never stored. Words typed in an open dialog count too (nothing leaves the form while a
 * dialog is open but the session ending by itself, which keeps them).
 */
export function holdsUnsaved(state: LogFormState): boolean {
  return holdsOutcome(state) || draftTyped(state);
}

/** An outcome chosen or its note typed (not only a dialog's words): what the sign-in screen says is kept. */
export function holdsOutcome(state: LogFormState): boolean {
  return state.disposition !== null || state.note.trim() !== '';
}

/**
 * Must the agent confirm this save? A phone call that did not reach the customer (无人接听, 忙线 …), made while the
 * contact rules say the customer should not be phoned now (a retry too soon after 忙线, outside calling hours,
 * do-not-disturb, a task that has ended …): the call happened, so it is recorded, but not without a word — three
 * redials in a minute used up the attempt limit and closed the task as 无法接通 while the card said 现在不可外呼
 * (found by an agent). A reached outcome is not asked about: the customer may have rung us. Asked once per outcome;
 * the second save stores it.
 */
export function mustConfirmBlocked(state: LogFormState, contact: { allowed: boolean } | null | undefined, channel: LogChannel): boolean {
  if (channel !== 'phone' || state.disposition === null || !contact || contact.allowed || state.blockedAsked) return false;
  return dispositionLabels[state.disposition].group === 'not_reached';
}

/** The detail the chosen disposition requires (an offer, a reason, a call-back time), or null. */
/**
 * Whether the form asks why: a decline must say it; a churn may (the report's 离网原因 by reason, docs/product.md §7),
 * once the competitor is chosen by its digit — the digits then choose the reason (clicks work at any time).
 */
export const asksReason = (state: LogFormState): boolean => state.disposition === 'declined' || state.disposition === 'churned';

export const requirement = (state: LogFormState) => (state.disposition ? dispositionRequires[state.disposition] : null);

/**
 * Who is poaching (issue 15 #6): a churn, and a decline for a competitor's offer or the social circle, ask which
 * competitor and what it offered (core/contact/codes.ts, the backend's rule).
 */
export const asksCompetitor = (state: LogFormState): boolean => asksCompetitorFor(state.disposition, state.reason);

/** For a competitor's offer the competitor is required (the backend refuses it without). */
export const competitorRequired = (state: LogFormState): boolean => competitorRequiredFor(state.disposition, state.reason);

/**
 * The competitor's monthly price as typed: empty → null; a number (a comma or the full-width digits of a Chinese
 * input method are read too, and the yuan an agent types with it: ¥39, 39元, 39块, 59.9 元/月) → that number; anything
 * else → NaN, which competitorOfferProblem refuses.
 */
export function parseAmount(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，]/g, '')
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*(元|块)(\s*[/每]\s*月)?$/, '');
  if (t === '') return null;
  return /^\d+(\.\d*)?$|^\.\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** Why the competitor's offer as typed cannot be saved ('log.invalid.competitorAmount' / 'log.invalid.competitorOffer'), or null. */
export type CompetitorOfferInvalid = 'log.invalid.competitorAmount' | 'log.invalid.competitorOffer';
export function competitorOfferInvalid(state: LogFormState): CompetitorOfferInvalid | null {
  if (!asksCompetitor(state)) return null;
  const problem = competitorOfferProblem({ text: state.competitorOffer.trim() || null, amount: parseAmount(state.competitorAmount) });
  if (!problem) return null;
  return problem.field === 'competitorAmount' ? 'log.invalid.competitorAmount' : 'log.invalid.competitorOffer';
}

/**
 * Why the call-back time cannot be saved, or null: none; past or beyond the contact rules' horizon; outside their
 * calling hours (a call-back is a phone call) — core/contact/policy.ts validateCallback, the rule the backend applies.
 * `policy` is the active contact policy (contact-policy-get), the defaults until it is known.
 */
export function callbackProblem(state: LogFormState, now: Dayjs, policy: ContactPolicy = defaultContactPolicy): PlainMessageKey | CallbackInvalid | null {
  if (state.disposition !== 'callback') return null;
  if (!state.callbackAt || !state.callbackAt.isValid()) return 'log.required.callback';
  const verdict = validateCallback(state.callbackAt.toISOString(), now.toISOString(), policy, now.hour() * 60 + now.minute());
  if (verdict.ok) return null;
  return verdict.reason.code === 'callback-outside-hours' ? 'log.invalid.callbackHours' : 'log.invalid.callback';
}

/** The call-back messages that take the contact rules' figures: the horizon in days, the calling hours. */
export type CallbackInvalid = 'log.invalid.callback' | 'log.invalid.callbackHours';

/** The first thing the form lacks before it can be saved, as a message; null when complete or nothing is chosen. */
export function missing(state: LogFormState, now: Dayjs, policy: ContactPolicy = defaultContactPolicy): PlainMessageKey | CompetitorOfferInvalid | CallbackInvalid | null {
  if (state.disposition === null) return null;
  const unmet = unmetRequirement(state.disposition, state);
  if (unmet === 'offer') return 'log.required.offer';
  if (unmet === 'reason') return 'log.required.reason';
  if (competitorRequired(state) && !state.competitor) return 'log.required.competitor';
  if (noteRequired(state.disposition) && !state.note.trim()) return 'log.required.complaintNote';
  return competitorOfferInvalid(state) ?? callbackProblem(state, now, policy);
}

/**
 * Whether Enter on the 其他政策 list, with nothing chosen in it, opens it: only while the outcome still lacks its offer
 * (a walk-in not on any list chooses there first, the cursor put on it). Once the success is whole without it (a plan
 * taken with P), Enter saves there as from every field of the form: it opened the list and nothing was saved (a
 * customer with no offer on the card, found by CI on 2026-12-08).
 */
export const enterOpensOfferList = (state: LogFormState): boolean => state.disposition !== null && unmetRequirement(state.disposition, state) === 'offer';

export const isComplete = (state: LogFormState, now: Dayjs, policy: ContactPolicy = defaultContactPolicy): boolean => state.disposition !== null && missing(state, now, policy) === null;

/**
 * The attempt to send (its id is added by the caller), or null while the form is incomplete. Only the details the disposition
 * asks for are sent, whatever else the agent clicked on the way.
 */
export function attemptPayload(
  state: LogFormState,
  now: Dayjs,
  customer: CustomerKey,
  channel: LogChannel,
  policy: ContactPolicy = defaultContactPolicy,
): OperationInput<'attempt-log'> | null {
  if (!state.disposition || !dispositionAllowed(channel, state.disposition) || !isComplete(state, now, policy)) return null;
  const need = requirement(state);
  const asks = asksCompetitor(state);
  return {
    ...customer,
    channel,
    disposition: state.disposition,
    reason: asksReason(state) ? state.reason : null,
    competitor: asks ? state.competitor : null,
    competitorOffer: asks ? state.competitorOffer.trim() || null : null,
    competitorAmount: asks ? parseAmount(state.competitorAmount) : null,
    // A declined offer is recorded so that it is not offered again during its cooldown (docs/product.md §5).
    offerCode: need === 'offer' || state.disposition === 'declined' ? state.offerCode : null,
    planCode: need === 'offer' ? state.planCode : null,
    callbackAt: need === 'callbackAt' && state.callbackAt ? state.callbackAt.toISOString() : null,
    note: state.note.trim() || null,
  };
}

/** What the form's keys need besides its state: the offer codes shown as 1–3, best first, and the time. */
export interface KeyContext {
  top: readonly string[];
  /** The plans of the card's tariff preview, in its order: P moves a success's plan through them. */
  plans?: readonly string[];
  now: Dayjs;
  /** The channel logged for: its dispositions are the ones the keys choose (the hall has no "busy"). */
  channel: LogChannel;
}

/** A click on a disposition button: chooses it, or — when it is the chosen one — goes back. */
export const clickDisposition = (state: LogFormState, code: Disposition, ctx: KeyContext): LogFormAction =>
  state.disposition === code ? { type: 'back', callbackAt: defaultCallback(ctx.now) } : { type: 'choose', disposition: code, topOffer: ctx.top[0] ?? null };

/**
 * What a key press (KeyboardEvent.key, without Ctrl/Alt/Meta, outside a text field) does, or null when the form does
 * not use it. F/E open feedback/note at any time — before, during and after logging. No disposition: its key chooses
 * it (only the channel's), Esc leaves. With one: digits choose the offer, the reason, or — once a reason that asks
 * for one is chosen, or after a churn — the competitor; N goes to the note; Enter saves (for a required offer with
 * none chosen, it first takes the top one); Esc goes back.
 */
/** The choice after `current` (the card's top offers, its plans); after the last, none; after none (or one gone), the first. */
function nextChoice(current: string | null, top: readonly string[]): string | null {
  const at = current === null ? -1 : top.indexOf(current);
  if (current !== null && at === -1) return top[0] ?? null;
  return at === top.length - 1 ? null : top[at + 1]!;
}

export function keyToAction(state: LogFormState, rawKey: string, ctx: KeyContext): LogKeyAction | null {
  if (state.dialog) return null;
  const key = rawKey.length === 1 ? rawKey.toUpperCase() : rawKey;
  const { disposition } = state;
  const need = requirement(state);
  if (key === 'F') return { type: 'dialog', dialog: 'feedback' };
  if (key === 'E') return { type: 'dialog', dialog: 'note' };
  if (key === 'Enter') {
    if (!disposition) return null;
    if (unmetRequirement(disposition, state) === 'offer' && ctx.top[0]) return { type: 'offer', code: ctx.top[0] };
    return { type: 'save' };
  }
  if (key === 'Escape') return disposition ? { type: 'back', callbackAt: defaultCallback(ctx.now) } : { type: 'exit' };
  if (!disposition) {
    const d = dispositionKeysFor(ctx.channel).find((x) => x.key === key);
    return d ? { type: 'choose', disposition: d.code, topOffer: ctx.top[0] ?? null } : null;
  }
  if (key === 'N') return { type: 'focusNote' };
  // The call-back's time by keyboard: T goes to its day (→ to the hour), as N to the note (only a click reached it).
  if (key === 'T') return need === 'callbackAt' ? { type: 'focusCallback' } : null;
  // The declined offer by keyboard: the digits are the reason's (and then the competitor's), so O moves it to the next
  // offer on the card, then to none, then round again (only a click could change it; found by two new agents).
  if (key === 'O') return disposition === 'declined' && ctx.top.length > 0 ? { type: 'offer', code: nextChoice(state.offerCode, ctx.top) } : null;
  // A success's plan by keyboard: P moves it through the tariff preview's plans, then to none, as O the declined offer.
  if (key === 'P') return need === 'offer' && ctx.plans?.length ? { type: 'plan', code: nextChoice(state.planCode, ctx.plans) } : null;
  if (!/^[0-9]$/.test(key)) return null;
  const n = Number(key);
  if (need === 'offer' && n >= 1 && n <= ctx.top.length) return { type: 'offer', code: ctx.top[n - 1]! };
  // After a churn, or once a reason that asks for the competitor is chosen (asksCompetitor needs both), the digits
  // choose the competitor; a click changes the reason.
  const churnReason = disposition === 'churned' && state.competitor !== null;
  if (asksCompetitor(state) && !churnReason && n >= 1 && n <= competitors.length) {
    return { type: 'competitor', competitor: competitors[n - 1]! };
  }
  if ((need === 'reason' || churnReason) && n >= 1 && n <= reasons.length) return { type: 'reason', reason: reasons[n - 1]! };
  return null;
}
