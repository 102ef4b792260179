import type { ContactPolicyEffect } from '../../core/api/ops/contact-policy';
import { queueBlockedUntil, type ContactAttemptFact, type ContactPolicy } from '../../core/contact/policy';
import { deriveTaskStatus } from '../../core/contact/status';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/statements';
import { openTaskContactRowsAfter, setBlockedUntil } from '../../db/tasks';
import { contactContext, subscriberFacts } from './contact';
import { rederiveTask } from './task-status';

const BATCH = 5000;

/**
 * What a contact policy does to the open queue (issue 16 #3): every open task's block and status under `policy`,
 * compared with what is stored now. A task's callability is whether it may be phoned now but for the clock of the
 * day (core/contact/policy.ts queueBlockedUntil): stored, a task is callable when it has no block or its block has
 * lapsed; under the policy, when it has no block and the attempt limit does not close it. The preview (`write`
 * false) and the recompute after a save or a roll-back (`write` true) are this one walk, so the preview's count is
 * what saving changes. Writing, each batch is one short transaction (agents logging attempts are not held up), a
 * task the attempt limit now closes goes through the status rule's one writer (rederiveTask), and the others get
 * their new block. Open tasks are walked in id ranges, their attempts read per range.
 */
export function applyContactPolicy(
  db: Db,
  policy: ContactPolicy,
  now: Date,
  opts: { write: boolean; onBatch?: (done: number, total: number) => void },
): ContactPolicyEffect {
  const nowIso = now.toISOString();
  const ctx = contactContext(now, policy);
  const total = stmt(db, 'SELECT count(*) FROM tasks WHERE closed_at IS NULL').pluck().get() as number;
  const attemptsIn = stmt(db, 'SELECT task_id, at, disposition, callback_at, channel FROM attempts WHERE task_id > ? AND task_id <= ? ORDER BY task_id, at');
  const effect: ContactPolicyEffect = { openTasks: 0, changed: 0, becomeCallable: 0, becomeBlocked: 0, closing: 0, blocksChanged: 0 };
  const walk = () => {
    for (let after = 0; ; ) {
      const rows = openTaskContactRowsAfter(db, after, BATCH);
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!.id;
      const byTask = new Map<number, ContactAttemptFact[]>();
      for (const a of attemptsIn.all(after, last) as { task_id: number; at: string; disposition: string; callback_at: string | null; channel: string }[]) {
        const list = byTask.get(a.task_id) ?? [];
        list.push({ at: a.at, disposition: a.disposition, callbackAt: a.callback_at, channel: a.channel });
        byTask.set(a.task_id, list);
      }
      const batch = () => {
        for (const r of rows) {
          const attempts = byTask.get(r.id) ?? [];
          const wasCallable = r.blocked_until === null || r.blocked_until <= nowIso;
          const closes = deriveTaskStatus(attempts, { now: nowIso, today: ctx.today, dueDate: r.due_date, policy }).closed;
          const until = closes ? null : queueBlockedUntil({ attempts, dueDate: r.due_date, followUpOn: r.follow_up_on }, subscriberFacts(r), ctx);
          const callable = !closes && until === null;
          effect.openTasks++;
          if (closes) effect.closing++;
          if (callable !== wasCallable) {
            effect.changed++;
            if (callable) effect.becomeCallable++;
            else effect.becomeBlocked++;
          }
          if (!closes && until !== r.blocked_until) effect.blocksChanged++;
          if (!opts.write) continue;
          if (closes) rederiveTask(db, r.id, now);
          else if (until !== r.blocked_until) setBlockedUntil(db, r.id, until);
        }
      };
      if (opts.write) db.transaction(batch).immediate();
      else batch();
      after = last;
      opts.onBatch?.(effect.openTasks, total);
    }
  };
  // A preview reads one moment even while agents log attempts (one read transaction; WAL readers never block writers).
  if (opts.write) walk();
  else db.transaction(walk)();
  return effect;
}
