import { z } from 'zod';
import { channels, competitors, dispositionRequires, dispositions, reasons } from '../../contact/codes';
import { op } from '../operation';
import { attemptView, isoDateTime, msisdnInput, taskStatus } from '../schemas';

/** What an agent records about one contact (PRODUCT §6): checked here so every transport refuses the same. */
export const attemptInput = z
  .object({
    /** A client-made UUID makes a retried save idempotent (the same attempt is never stored twice). */
    id: z.string().uuid().optional(),
    msisdn: msisdnInput,
    channel: z.enum(channels),
    disposition: z.enum(dispositions),
    reason: z.enum(reasons).nullable().default(null),
    competitor: z.enum(competitors).nullable().default(null),
    offerCode: z.string().trim().min(1).max(40).nullable().default(null),
    callbackAt: isoDateTime.nullable().default(null),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .superRefine((a, ctx) => {
    const need = dispositionRequires[a.disposition];
    if (need === 'offer' && !a.offerCode) ctx.addIssue({ code: 'custom', path: ['offerCode'], message: 'An accepted offer needs the offer. / 成功需选择所接受的政策。' });
    if (need === 'reason' && !a.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A decline needs a reason. / 拒绝需选择原因。' });
    if (need === 'callbackAt' && !a.callbackAt) ctx.addIssue({ code: 'custom', path: ['callbackAt'], message: 'A call-back needs a date and time. / 预约回访需填写时间。' });
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
      task: z.object({ id: z.number().int(), status: taskStatus, attempts: z.number().int() }).nullable(),
    }),
  }),
} as const;
