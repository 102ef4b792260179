import { z } from 'zod';
import { op } from '../operation';
import { attemptView, contactView, customerKeyShape, feedbackView, followUpView, isoDateTime, msisdnInput, oneCustomer, noteView, offersView, riskLevelSchema, riskSignalView, riskView, subscriberView, tariffView, taskStatus, workListSummary } from '../schemas';

export const customerOperations = {
  'customer-lookup': op({
    summary: 'The customer card: by a typed or pasted number (hall look-up) or by a task of the queue (phone preview).',
    role: 'agent',
    input: z
      .object({
        msisdn: msisdnInput.optional(),
        /** A queue task: its customer's card (an agent may open only their own tasks). */
        taskId: z.number().int().optional(),
        channel: z.enum(['phone', 'sms', 'hall', 'visit']).default('hall'),
      })
      .refine((i) => (i.msisdn === undefined) !== (i.taskId === undefined), { message: 'Give either msisdn or taskId. / 请给出号码或任务之一。' }),
    output: z.discriminatedUnion('found', [
      z.object({ found: z.literal(false), msisdnMasked: z.string().nullable(), invalid: z.boolean() }),
      z.object({
        found: z.literal(true),
        customer: subscriberView,
        /** Computed at look-up time from the stored figures with the active configuration. */
        risk: riskView,
        /** The level to show: the rule level and the model's P(churn) reconciled (docs/product.md §4.4). */
        signal: riskSignalView,
        offers: offersView,
        tariff: tariffView,
        /** The active learned model's probability and its largest contributions; null when no model is active. */
        model: z
          .object({
            version: z.number().int(),
            p: z.number(),
            contributions: z.array(z.object({ feature: z.string(), label: z.string(), labelZh: z.string(), value: z.union([z.string(), z.number(), z.null()]), contribution: z.number() })),
          })
          .nullable(),
        lists: z.array(workListSummary.pick({ id: true, name: true, type: true, dueDate: true })),
        task: z
          .object({ id: z.number().int(), status: taskStatus, agentId: z.string().nullable(), attempts: z.number().int(), followUp: followUpView })
          .nullable(),
        recentAttempts: z.array(attemptView),
        /** May the customer be contacted now on the channel asked for, and why not (docs/product.md §6). */
        contact: contactView,
        /**
         * When the customer asked not to be contacted again (要求勿扰, docs/product.md §6), null if no request stands: on
         * every channel's card, the counter's too, where it blocks nothing and so is in no reason of `contact`.
         */
        contactRefusedAt: isoDateTime.nullable(),
        /**
         * One person, several lines (docs/product.md §4.5): the other lines with the same identity hash, masked,
         * each with its level and churn signal (core/risk/siblings.ts); `total` counts them all, `lines` shows
         * at most 20. Never the identity number.
         */
        siblings: z.object({
          total: z.number().int(),
          lines: z.array(z.object({ msisdnMasked: z.string(), level: riskLevelSchema, signal: z.enum(['churned', 'terminal', 'high']).nullable() })),
        }),
        /** Colleagues' experience notes on the ranked offers and on the reasons this customer gave before. */
        notes: z.array(noteView),
        /** Feedback recorded about this customer, newest first. */
        feedback: z.array(feedbackView),
      }),
    ]),
  }),

  'customer-reveal': op({
    summary:
      'Show a customer’s clear name and number (masked everywhere else), and the extra columns the card masks for a ' +
      'contact number or name in them; every reveal is written to the audit log.',
    role: 'agent',
    input: z.object(customerKeyShape).refine(oneCustomer.check, oneCustomer.message),
    output: z.object({
      msisdn: z.string(),
      name: z.string().nullable(),
      extra: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      /** Notes and feedback on the customer whose phone numbers screens mask, in clear, by attempt or feedback id. */
      texts: z.record(z.string(), z.string()),
    }),
  }),

  'contact-refusal-lift': op({
    summary:
      'Lift a customer’s request not to be contacted (要求勿扰, docs/product.md §6): they consent again, or it was logged by mistake. Their open task becomes callable as the contact rules allow; audited with the masked number and the reason.',
    role: 'supervisor',
    input: z
      .object({
        ...customerKeyShape,
        /** Why, in the supervisor's words (kept in the audit log): the customer's consent, or the mis-key. */
        reason: z.string().trim().min(1).max(200),
      })
      .refine(oneCustomer.check, oneCustomer.message),
    output: z.object({
      /** False when no request stood (lifted already, or never made): nothing was written. */
      lifted: z.boolean(),
    }),
  }),

  'customer-history': op({
    summary: 'Customer 360: every attempt and every piece of feedback recorded about this customer, newest first.',
    role: 'agent',
    input: z.object(customerKeyShape).refine(oneCustomer.check, oneCustomer.message),
    output: z.object({
      attempts: z.array(attemptView),
      feedback: z.array(feedbackView),
      /** True when there were more than the limit (the oldest are left out). */
      truncated: z.boolean(),
    }),
  }),
} as const;
