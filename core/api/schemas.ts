import { z } from 'zod';
import { canonicalFields, listTypes, type FieldKind } from '../worklist/fields';
import { followUpKinds } from '../offers/catalogue';
import { errorCodes } from './errors';

/** Shared building blocks of the contract's schemas. */

export const msisdnInput = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .describe('a phone number as the agent typed or pasted it; normalised by the handler');

/**
 * The card's reference to its customer: opaque, sealed by the backend for this run. The card carries it instead
 * of the clear number (issue 12 #6: a queue's numbers were harvested from its cards with no audit); logging,
 * history and the audited reveal take it back. A person who typed a number may use the number instead.
 */
export const customerRef = z
  .string()
  .regex(/^c1\.[A-Za-z0-9_-]{20,200}$/u)
  .describe("a customer card's opaque reference (subscriberView.ref)");

/** Either the number a person typed, or a card's reference: one of the two (`oneCustomer`). */
export const customerKeyShape = { msisdn: msisdnInput.optional(), ref: customerRef.optional() };
/** Which customer a call is about, as the renderer holds it: a typed number, or a card's reference. */
export type CustomerKey = { msisdn: string; ref?: undefined } | { ref: string; msisdn?: undefined };
export const oneCustomer = {
  check: (i: { msisdn?: string; ref?: string }) => (i.msisdn === undefined) !== (i.ref === undefined),
  message: { message: 'Give either the number or the card’s reference. / 请给出号码或客户卡片之一。', path: ['msisdn'] },
};

export const isoDateTime = z.string().describe('UTC ISO-8601 date-time');
/** An ISO week, Monday–Sunday in local time: 2026-W47. */
export const isoWeek = z.string().regex(/^\d{4}-?W\d{2}$/u, 'an ISO week such as 2026-W47');
/** A date on the calendar: 2026-02-30 matched the pattern and was stored as a due date (found by the second security pass). */
const onTheCalendar = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const isoDate = z
  .string()
  // One check and one message for text that is not a date and a date not on the calendar ("x", "2026-02-30").
  .superRefine((s, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || !onTheCalendar(s)) ctx.addIssue({ code: 'custom', message: `Not a date: ${s}`, params: { messageKey: 'api.period-not-a-date', date: s } });
  })
  .describe('calendar date YYYY-MM-DD');

export const listTypeSchema = z.enum(listTypes);

/** The two interface languages; workbooks are written in either. */
export const localeSchema = z.enum(['zh-CN', 'en']);

/** A customer's risk level (core/risk/score's `riskLevels`). */
export const riskLevelSchema = z.enum(['high', 'medium', 'low', 'stable']);

export const agentRole = z.enum(['agent', 'supervisor']);

/** An agent id as typed when signing in or creating an account. */
export const agentIdInput = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_.-]+$/u, 'letters, digits, _ . -');

/** docs/product.md §8: a PIN of 6–12 digits (checked again, with the weak-PIN rules, when one is set). */
export const pinSchema = z.string().regex(/^\d{6,12}$/u, '6–12 digits');

const cellValue = z.union([z.string(), z.number(), z.null()]);

const kindSchema: Record<FieldKind, z.ZodType<string | number | null>> = {
  msisdn: z.string().nullable(),
  text: z.string().nullable(),
  int: z.number().int().nullable(),
  number: z.number().nullable(),
  date: isoDate.nullable(),
  bool: z.number().int().min(0).max(1).nullable(),
  'id-number': z.string().nullable(),
};

/**
 * A stored subscriber as the card sees it: every canonical column (null when the source file lacked it)
 * plus the extra attributes that came with unknown headers. Name and number arrive masked; the clear
 * values need an explicit, audited reveal.
 */
export const subscriberView = z.object({
  ...Object.fromEntries(
    canonicalFields
      .filter((d) => d.scope === 'subscriber' && d.kind !== 'id-number')
      .map((d) => [d.key, kindSchema[d.kind].optional()]),
  ),
  /** The number stays in the backend: the card has its masked form and this reference (see customerRef). */
  ref: customerRef,
  msisdnMasked: z.string(),
  name: z.string().nullable(),
  nameMasked: z.string().nullable(),
  extra: z.record(z.string(), cellValue),
  updatedAt: isoDateTime,
});
export type SubscriberView = z.infer<typeof subscriberView> & Record<string, string | number | null | undefined | Record<string, unknown>>;

export const taskStatus = z.enum([
  'pending',
  'in_progress',
  'callback_due',
  'closed_success',
  'closed_declined',
  'closed_unreachable',
  'expired',
]);
export type TaskStatus = z.infer<typeof taskStatus>;

export const workListSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  type: listTypeSchema,
  period: z.string().nullable(),
  dueDate: isoDate.nullable(),
  importedAt: isoDateTime,
  /** When a supervisor closed the list; null while it is worked. */
  closedAt: isoDateTime.nullable(),
  issued: z.number().int(),
  open: z.number().int(),
  /** The open tasks of the agent asking (what their queue shows of the list); null for a supervisor. */
  mine: z.number().int().nullable(),
  demo: z.boolean(),
});
export type WorkListSummary = z.infer<typeof workListSummary>;

export const attemptView = z.object({
  id: z.string(),
  taskId: z.number().int().nullable(),
  agentId: z.string(),
  channel: z.string(),
  at: isoDateTime,
  disposition: z.string(),
  reason: z.string().nullable(),
  /** Who is poaching and with what (issue 15 #6): the competitor code, its offer in words, its monthly price (yuan). */
  competitor: z.string().nullable(),
  competitorOffer: z.string().nullable(),
  competitorAmount: z.number().nullable(),
  offerCode: z.string().nullable(),
  /** The tariff plan an accepted outcome moved the customer to (the card's tariff preview), null otherwise. */
  planCode: z.string().nullable(),
  callbackAt: isoDateTime.nullable(),
  note: z.string().nullable(),
});
export type AttemptView = z.infer<typeof attemptView>;

export const feedbackView = z.object({
  id: z.string(),
  attemptId: z.string().nullable(),
  msisdnMasked: z.string().nullable(),
  agentId: z.string(),
  category: z.string().nullable(),
  importance: z.string().nullable(),
  text: z.string(),
  at: isoDateTime,
});
export type FeedbackView = z.infer<typeof feedbackView>;

export const noteView = z.object({
  id: z.string(),
  agentId: z.string(),
  offerCode: z.string().nullable(),
  reason: z.string().nullable(),
  text: z.string(),
  at: isoDateTime,
});
export type NoteView = z.infer<typeof noteView>;

/** May this task's customer be contacted now on the channel asked for (docs/product.md §6), every reason if not. */
export const contactView = z.object({
  allowed: z.boolean(),
  /** Message codes under `contact.` in core/i18n, with their figures. */
  reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
  nextAllowedAt: isoDateTime.nullable(),
  routeToCare: z.boolean(),
  /** Outbound attempts left before the task closes as unreachable (core/contact/policy.ts); null in the hall and for a closed task. */
  attemptsLeft: z.number().int().nullable(),
  /**
   * The attempts counted toward the limit, with attemptsLeft: fewer than the task's attempts once the customer asked
   * for a call-back, which starts the count again ("3 次 · 还可 3 次" read as more than the limit; the queue says
   * 回访后还可 3 次 then).
   */
  attemptsCounted: z.number().int().nullable(),
});
export type ContactView = z.infer<typeof contactView>;

/**
 * The one risk level agents see (core/risk/signal.ts, docs/product.md §4.4): the rule level and the model's
 * P(churn) reconciled (the higher of the two), or 'insufficient' (数据不足), with both sources beside it.
 */
export const riskSignalView = z.object({
  level: z.enum(['high', 'medium', 'low', 'stable', 'insufficient']),
  by: z.enum(['rule', 'model', 'both', 'none']),
  rule: z.object({ level: riskLevelSchema, score: z.number(), coverage: z.number() }),
  /** null when no model is active; p and level null when the model abstained (most of its inputs missing). */
  model: z.object({ p: z.number().nullable(), level: riskLevelSchema.nullable() }).nullable(),
});
export type RiskSignalView = z.infer<typeof riskSignalView>;

/**
 * A queue row's place: due call-backs first (by their time), then callable tasks by priority, then those that cannot
 * be called yet for a reason of their own, the soonest to lift first (`blockedUntil`; null: nothing but a change lifts
 * it, e.g. do-not-disturb). `priority` holds the factors of core/contact/policy.ts queuePriority (null until scored).
 */
export const queueOrderView = z.object({
  part: z.enum(['callback-due', 'callable', 'blocked']),
  callbackAt: isoDateTime.nullable(),
  blockedUntil: isoDateTime.nullable(),
  priority: z
    .object({
      pChurn: z.number(),
      pChurnFrom: z.enum(['model', 'level']),
      value: z.number(),
      dueFactor: z.number(),
      attemptsFactor: z.number(),
    })
    .nullable(),
});

/**
 * A follow-up task's subject (issue 17 #4): the 回访 an accepted offer required — its kind, the offer (code and names)
 * and the local date from which it may be worked. Null on every other task.
 */
export const followUpView = z
  .object({ kind: z.enum(followUpKinds), offerCode: z.string(), offerName: z.string().nullable(), offerNameEn: z.string().nullable(), on: isoDate })
  .nullable();
export type FollowUpView = z.infer<typeof followUpView>;

export const queueItem = z.object({
  taskId: z.number().int(),
  msisdnMasked: z.string(),
  nameMasked: z.string().nullable(),
  /** The customer's tier as scoring gives it (core/risk/tags.ts `tiers`: the file's tier or by ARPU), as on the card. */
  tier: z.string().nullable(),
  planName: z.string().nullable(),
  lists: z.array(z.object({ id: z.number().int(), name: z.string(), type: listTypeSchema })),
  status: taskStatus,
  priority: z.number(),
  /** The stored rule level and score (null until the subscriber is scored). */
  level: riskLevelSchema.nullable(),
  score: z.number().nullable(),
  /** The level to show (rule and model reconciled, as on the card); null until the subscriber is scored. */
  signal: riskSignalView.nullable(),
  agentId: z.string().nullable(),
  dueDate: isoDate.nullable(),
  attempts: z.number().int(),
  lastAttemptAt: isoDateTime.nullable(),
  /** A follow-up task: what it follows up (its lists are empty: it came from a success, not a list). */
  followUp: followUpView,
  /** Whether a phone call is allowed now, and why not. */
  contact: contactView,
  /** Why the row sits where it does (issue 15 #4), from the figures that set the order (docs/status-rule.md "Callable first"). */
  order: queueOrderView,
});
export type QueueItem = z.infer<typeof queueItem>;

const codeWithParams = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

/** The card's risk block: the rule score with its reasons, what could not be judged, segments and tags. */
export const riskView = z.object({
  score: z.number(),
  level: riskLevelSchema,
  levelBy: z.enum(['score', 'competitor-cs-calls']),
  reasons: z.array(codeWithParams.extend({ points: z.number() })),
  unjudged: z.array(z.string()),
  configVersion: z.number().int(),
  tier: z.string().nullable(),
  midHighValue: z.boolean().nullable(),
  sensitivity: z.string().nullable(),
  tags: z.array(codeWithParams),
});
export type RiskView = z.infer<typeof riskView>;

const note = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

/** What to offer (docs/product.md §5): the top ranked offers with why and the script, what must not be offered and why. */
export const offersView = z.object({
  channel: z.enum(['phone', 'sms', 'hall', 'visit']),
  pChurn: z.number(),
  /** Which source set pChurn (core/risk/signal.ts customerChurnP): the model's P, or the rule level's weight. */
  pChurnSource: z.enum(['model', 'level']),
  ranked: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      category: z.string().nullable(),
      cost: z.number(),
      expectedValue: z.number(),
      pAccept: z.number(),
      why: z.array(note),
      script: z.string().nullable(),
      /** A trial offer (试推, docs/product.md §5.2 "Trial offers"): first to learn its acceptance, its why says so. */
      trial: z.boolean(),
    }),
  ),
  excluded: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** The offer's English name, when the catalogue has one (shown in English, as the ranked offers' are). */
      nameEn: z.string().nullable(),
      stage: z.string(),
      reason: note.extend({ conditions: z.array(note).optional() }),
    }),
  ),
  unknown: z.array(z.object({ code: z.string(), field: z.string() })),
});
export type OffersView = z.infer<typeof offersView>;

/**
 * The tariff preview (docs/product.md §5.4): the first option is never a downgrade; a downgrade (another brand,
 * cheaper than today's bill) says the monthly revenue it loses.
 */
export const tariffView = z.object({
  current: z.object({ code: z.string(), name: z.string(), bill: z.number() }).nullable(),
  /** The customer's brand (work list 品牌, else today's plan's), null when unknown. */
  brand: z.string().nullable(),
  options: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      bill: z.number(),
      saving: z.number().nullable(),
      fits: z.boolean(),
      brand: z.string().nullable(),
      downgrade: z.boolean(),
      revenueLost: z.number().nullable(),
      why: z.array(note),
    }),
  ),
  usageKnown: z.boolean(),
  unknown: z.array(z.string()),
  notes: z.array(note),
});
export type TariffView = z.infer<typeof tariffView>;

/**
 * A failure as data where it is part of an answer or an event (a job's error): the code, the message key and
 * its parameters (core/api/errors.ts ApiError), the English wording, and what it applies to.
 */
export const apiErrorView = z.object({
  code: z.enum(errorCodes),
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
  details: z.unknown().optional(),
});

/** One setting or field changed, with its value before and after (core/setting-changes.ts SettingChange). */
export const settingChangeView = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });

/**
 * The version a save of rules was made on (the one active when its page or dialog read it): a save made on a version
 * no longer active is refused (`api.config-saved-elsewhere`) — it would undo another supervisor's change without a
 * word where the page missed that change's event. Optional: the CLI and older callers save over whatever is active.
 */
export const savedOnVersion = z.number().int().min(1).optional();

/** A stored version of a versioned configuration (risk rules, contact policy), without its settings. */
export const configVersionMeta = z.object({
  version: z.number().int(),
  /** Null for the built-in defaults while the workspace has saved nothing. */
  savedAt: isoDateTime.nullable(),
  savedBy: z.string().nullable(),
  savedByName: z.string().nullable(),
  active: z.boolean(),
  /** The same settings as the app's built-in defaults. */
  isDefaults: z.boolean(),
  /**
   * Settings changed against the previous version (version 1: against the built-in defaults): each a dotted path with
   * its value before and after (core/setting-changes.ts).
   */
  changes: z.array(settingChangeView),
});
export type ConfigVersionMeta = z.infer<typeof configVersionMeta>;
