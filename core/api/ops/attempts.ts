import { z } from 'zod';
import { channels, competitorRequired, competitors, dispositionRequires, dispositions, feedbackCategories, importances, noteRequired, reasons, unmetRequirement } from '../../contact/codes';
import { op } from '../operation';
import { agentDayView } from './agent-day';
import { attemptView, customerKeyShape, feedbackView, isoDate, isoDateTime, noteView, oneCustomer, taskStatus } from '../schemas';

/** What an agent records about one contact (docs/product.md §6): checked here so every transport refuses the same. */
export const attemptInput = z
  .object({
    /** A client-made UUID makes a retried save idempotent (the same attempt is never stored twice). */
    id: z.string().uuid().optional(),
    /** The customer: the number a person typed (hall), or the card's reference. */
    ...customerKeyShape,
    channel: z.enum(channels),
    disposition: z.enum(dispositions),
    reason: z.enum(reasons).nullable().default(null),
    competitor: z.enum(competitors).nullable().default(null),
    /**
     * What the competitor offered (issue 15 #6), with a churn or a decline for a competitor offer or the social
     * circle: free text and the monthly price in yuan. The handler words the limits (core/contact/codes.ts
     * competitorOfferProblem); the schema only bounds what is read.
     */
    competitorOffer: z.string().trim().max(2000).nullable().default(null),
    competitorAmount: z.number().nullable().default(null),
    offerCode: z.string().trim().min(1).max(40).nullable().default(null),
    /** The tariff plan the customer agreed to move to (the card's tariff preview): with an accepted outcome only. */
    planCode: z.string().trim().min(1).max(40).nullable().default(null),
    callbackAt: isoDateTime.nullable().default(null),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .superRefine((a, ctx) => {
    if (!oneCustomer.check(a)) ctx.addIssue({ code: 'custom', ...oneCustomer.message });
    const unmet = unmetRequirement(a.disposition, a);
    if (unmet === 'offer') ctx.addIssue({ code: 'custom', path: ['offerCode'], message: 'An accepted outcome needs the offer or the plan taken. / 成功需选择所接受的政策或所换的套餐。' });
    if (a.planCode && dispositionRequires[a.disposition] !== 'offer') ctx.addIssue({ code: 'custom', path: ['planCode'], message: 'A plan is recorded only with an accepted outcome. / 只有成功才记录所换的套餐。' });
    if (unmet === 'reason') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A decline needs a reason. / 拒绝需选择原因。' });
    // Who is poaching (issue 15 #6): a decline for a competitor's offer names the competitor ('other' when unknown).
    if (competitorRequired(a.disposition, a.reason) && !a.competitor) {
      ctx.addIssue({ code: 'custom', path: ['competitor'], message: 'A decline for a competitor offer needs the competitor. / 竞争对手优惠需选择哪家竞争对手。' });
    }
    if (unmet === 'callbackAt') ctx.addIssue({ code: 'custom', path: ['callbackAt'], message: 'A call-back needs a date and time. / 预约回访需填写时间。' });
    if (noteRequired(a.disposition) && !a.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'An escalated complaint needs what it is about, in the note. / 投诉升级需在备注中写明投诉内容。' });
  });

export const attemptOperations = {
  'attempt-log': op({
    summary: 'Record one contact; durable before it answers. The task status, the customer’s score and the learned acceptance follow at once.',
    role: 'agent',
    input: attemptInput,
    output: z.object({
      attempt: attemptView,
      /** False when the same id had been saved already (a retried save): nothing new was written. */
      created: z.boolean(),
      /**
       * The task's status after it; `endedBy` what ended a closed task where its status's word does not say it (a
       * request not to be contacted, a churn: 客户拒绝 is their status; 'attempt-limit' the attempts used up), as the
       * card's banner says it (core/contact/status.ts endedBy).
       */
      task: z.object({ id: z.number().int(), status: taskStatus, attempts: z.number().int(), endedBy: z.string().nullable() }).nullable(),
      /**
       * The follow-up task the accepted offer required (issue 17 #4): its id, the local date it falls due, and who has it
       * (whoever had the task the success closed; null when no one does).
       */
      followUp: z.object({ taskId: z.number().int(), on: isoDate, agentId: z.string().nullable() }).nullable(),
      /**
       * Why the follow-up the offer requires was not made, the success being saved all the same: 'customer-not-stored',
       * a walk-in on no list of this workspace (a task needs a stored customer; the saved line says to arrange it).
       */
      followUpNotMade: z.enum(['customer-not-stored']).nullable(),
      /**
       * The logging agent's 我的今日 after it, as `agent-day-get` answers it: the screen's figures follow from this
       * answer, not a call of their own (§11.6: a logged outcome costs at most 2 calls). Null for any other caller: a
       * supervisor's screen shows the workspace's counts instead, and the CLI has no screen.
       */
      agentDay: agentDayView.nullable(),
    }),
  }),

  'feedback-add': op({
    summary: 'What the customer said that the central side should hear: category, importance, text; about a customer (and an attempt) or general.',
    role: 'agent',
    input: z.object({
      id: z.string().uuid().optional(),
      /** About a customer (typed number or card reference, not both), or general when neither is given. */
      ...customerKeyShape,
      attemptId: z.string().max(64).optional(),
      category: z.enum(feedbackCategories),
      importance: z.enum(importances),
      text: z.string().trim().min(1).max(2000),
    })
      .refine((f) => f.msisdn === undefined || f.ref === undefined, oneCustomer.message),
    output: z.object({ feedback: feedbackView, created: z.boolean() }),
  }),

  'note-add': op({
    summary: 'An experience note (经验分享) on an offer or a reason; colleagues see it on the cards where it applies.',
    role: 'agent',
    input: z
      .object({
        id: z.string().uuid().optional(),
        offerCode: z.string().trim().min(1).max(40).nullable().default(null),
        reason: z.enum(reasons).nullable().default(null),
        text: z.string().trim().min(1).max(2000),
      })
      .refine((n) => n.offerCode !== null || n.reason !== null, { message: 'A note is about an offer or a reason. / 经验需关联政策或原因。', path: ['offerCode'] }),
    output: z.object({ note: noteView, created: z.boolean() }),
  }),
} as const;
