import { z } from 'zod';
import { contactPolicySchema } from '../../contact/policy';
import { jobOf } from '../exchange';
import { op } from '../operation';
import { configVersionMeta, savedOnVersion } from '../schemas';

/**
 * What a contact policy does to the open queue against what is stored now (electron/backend/contact-policy-apply.ts):
 * the preview's answer, and the recompute's after a save or a roll-back — one walk, so the preview's `changed` is
 * what saving changes. Callable: may be phoned now but for the clock of the day (calling hours block everyone alike).
 */
export const contactPolicyEffect = z.object({
  openTasks: z.number().int(),
  /** Open tasks whose callability changes: becomeCallable + becomeBlocked + closing. */
  changed: z.number().int(),
  becomeCallable: z.number().int(),
  /** Open tasks callable now that stay open but may not be phoned for now (a task that closes is in `closing`). */
  becomeBlocked: z.number().int(),
  /** Open tasks the attempt limit closes as unreachable (or past their due date and not yet swept). */
  closing: z.number().int(),
  /** Stored blocks that change (the lift time included), of tasks that stay open. */
  blocksChanged: z.number().int(),
});
export type ContactPolicyEffect = z.infer<typeof contactPolicyEffect>;

export const contactPolicyPreviewResult = contactPolicyEffect.extend({ activeVersion: z.number().int() });
export type ContactPolicyPreviewResult = z.infer<typeof contactPolicyPreviewResult>;

export const contactPolicyVersionView = configVersionMeta.extend({
  /** Null when this app cannot read the version (saved by a newer app). */
  policy: contactPolicySchema.nullable(),
});
export type ContactPolicyVersionView = z.infer<typeof contactPolicyVersionView>;

export const contactPolicyOperations = {
  'contact-policy-get': op({
    summary: 'The active contact policy (calling hours, attempt limit, spacing, gaps, marketing-history filters, porting) and its version.',
    role: 'agent',
    input: z.object({}),
    output: z.object({ policy: contactPolicySchema, version: z.number().int(), isDefault: z.boolean() }),
  }),

  'contact-policy-preview': op({
    summary: 'How many open queue tasks would change callability under a candidate contact policy, against what is stored (a read-only job).',
    role: 'supervisor',
    input: z.object({ policy: contactPolicySchema }),
    output: jobOf(contactPolicyPreviewResult),
  }),

  'contact-policy-save': op({
    summary: 'Save a new version of the contact policy, make it active (audited) and recompute every open task’s block and status (a job). The first change also records the built-in defaults as version 1.',
    role: 'supervisor',
    input: z.object({ policy: contactPolicySchema, basedOn: savedOnVersion }),
    output: jobOf(contactPolicyEffect),
  }),

  'contact-policy-versions': op({
    summary: 'Saved versions of the contact policy, newest first: when, by whom, which is active and what each changed.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({ items: z.array(contactPolicyVersionView) }),
  }),

  'contact-policy-activate': op({
    summary: 'Make an earlier version of the contact policy active again (roll back, audited) and recompute every open task (a job).',
    role: 'supervisor',
    input: z.object({ version: z.number().int().min(1) }),
    output: jobOf(contactPolicyEffect),
  }),
} as const;
