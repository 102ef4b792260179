import type { ContactPolicyEffect, ContactPolicyPreviewResult } from '../../../core/api/ops/contact-policy';
import type { ContactPolicy } from '../../../core/contact/policy';
import { applyContactPolicy } from '../contact-policy-apply';
import { activeContactPolicyVersion } from '../contact-policy';
import type { JobContext } from './kinds';

/** What a candidate contact policy would do to the open queue, against what is stored; nothing is written. */
export function contactPolicyPreviewJob(ctx: JobContext<{ policy: ContactPolicy }>): ContactPolicyPreviewResult {
  const effect = applyContactPolicy(ctx.db, ctx.payload.policy, new Date(ctx.startedAt), {
    write: false,
    onBatch: (done, total, step) => {
      ctx.progress(step, done, total);
      ctx.checkCancelled();
    },
  });
  return { ...effect, activeVersion: activeContactPolicyVersion(ctx.db).version };
}

/**
 * After a contact policy was saved or rolled back: every open task's block and status under the now active policy,
 * a batch per short write transaction. A cancel leaves the batches done so far written; the rest keep their old
 * block until the next save, activation or their own next write (each is then as right as the policy it was last
 * derived with, and the next recompute finishes the job).
 */
export function contactPolicyRecomputeJob(ctx: JobContext<Record<string, never>>): ContactPolicyEffect {
  return applyContactPolicy(ctx.db, activeContactPolicyVersion(ctx.db).policy, new Date(ctx.startedAt), {
    write: true,
    onBatch: (done, total, step) => {
      ctx.progress(step, done, total);
      ctx.checkCancelled();
    },
  });
}
