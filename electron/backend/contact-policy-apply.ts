import type { ContactPolicyEffect } from '../../core/api/ops/contact-policy';
import { queueBlockedUntil, type ContactAttemptFact, type ContactPolicy } from '../../core/contact/policy';
import { deriveTaskStatus } from '../../core/contact/status';
import type { Db } from '../../db/connection';
import { attemptsOfTasks, openTaskContacts, setBlockedUntilIfUnchanged, subscriberContactFields, type OpenTaskContacts, type SubscriberContactRow } from '../../db/tasks';
import { contactContext, groupAttempts, subscriberFacts } from './contact';
import { forEachStoredRecord } from './stored-records';
import { rederiveTask } from './task-status';

const CLOSES = Symbol('closes');
const WRITE_BATCH = 8192;

/**
 * What a contact policy does to the open queue (issue 16 #3): every open task's block and status under `policy`,
 * compared with what is stored now. A task's callability is whether it may be phoned now but for the clock of the
 * day (core/contact/policy.ts queueBlockedUntil): stored, a task is callable when it has no block or its block has
 * lapsed; under the policy, when it has no block and the attempt limit does not close it. The preview (`write`
 * false) and the recompute after a save or a roll-back (`write` true) are this one walk, so the preview's count is
 * what saving changes.
 *
 * The walk is one read transaction (docs/scoring-storage.md "The contact policy's sweep reads them too"): the open
 * tasks in the table's order, sorted by number (db/tasks.ts openTaskContacts); the customers' facts from the rows the
 * recompute packed where they are current (forEachStoredRecord), and each range's attempts beside them. Reading every
 * open task with its customer's wide row took 6 of the 10.7 s a preview took at a million. `wide`: every customer's
 * wide row instead (the equivalence test's other side). Saving, what changes is written after the walk, in task order,
 * WRITE_BATCH per short transaction (agents logging attempts are not held up): a task the attempt limit now closes
 * through the status rule's one writer (rederiveTask), the others' new block only where the task is as it was read.
 */
export function applyContactPolicy(
  db: Db,
  policy: ContactPolicy,
  now: Date,
  opts: { write: boolean; wide?: boolean; onBatch?: (done: number, total: number, step: 'reading' | 'writing') => void },
): ContactPolicyEffect {
  const nowIso = now.toISOString();
  const ctx = contactContext(now, policy);
  const effect: ContactPolicyEffect = { openTasks: 0, changed: 0, becomeCallable: 0, becomeBlocked: 0, closing: 0, blocksChanged: 0 };
  const attemptsOf = attemptsOfTasks(db);
  // What the decisions write, by place in the open tasks read: a task the attempt limit closes (CLOSES), or its new block.
  const writes = new Map<number, string | null | typeof CLOSES>();
  /**
   * Written after the walk, in task order, WRITE_BATCH per short transaction: a range of customers' tasks lie all over
   * the table, and written a range at a time (each transaction a few hundred blocks on as many pages) a save at a million
   * took 23 s; in task order neighbouring blocks share pages.
   */
  const write = (o: OpenTaskContacts) => {
    const order = Uint32Array.from(writes.keys()).sort((a, b) => o.id[a]! - o.id[b]!);
    for (let i = 0; i < order.length; i += WRITE_BATCH) {
      const end = Math.min(order.length, i + WRITE_BATCH);
      db.transaction(() => {
        for (let j = i; j < end; j++) {
          const k = order[j]!;
          const to = writes.get(k)!;
          if (to === CLOSES) rederiveTask(db, o.id[k]!, now);
          else setBlockedUntilIfUnchanged(db, o.id[k]!, to, { blockedUntil: o.blockedUntil[k] ?? null, attemptCount: o.attemptCount[k]! });
        }
      }).immediate();
      opts.onBatch?.(end, order.length, 'writing');
    }
  };
  /** Every open task decided, the stored customers walked a range of numbers at a time; returns the tasks read. */
  const walk = (): OpenTaskContacts => {
    const o = openTaskContacts(db);
    opts.onBatch?.(0, o.count, 'reading'); // the tasks read (1.5 s at a million): the bar can say how many there are
    /** The first place in `o` whose number is above `msisdn` (they are in number order). */
    const above = (msisdn: number): number => {
      let [lo, hi] = [0, o.count];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (o.msisdn[mid]! <= msisdn) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    // The open tasks of the range being walked (their customer's number → their place in `o`) and their attempts.
    let inRange = new Map<number, number>();
    let attempts = new Map<number, ContactAttemptFact[]>();
    forEachStoredRecord(
      db,
      subscriberContactFields,
      (record, _openTask, msisdn) => {
        const k = inRange.get(msisdn);
        if (k === undefined) return;
        const id = o.id[k]!;
        const stored = o.blockedUntil[k] ?? null;
        const dueDate = o.dueDate[k] ?? null;
        const own = attempts.get(id) ?? [];
        const wasCallable = stored === null || stored <= nowIso;
        const closes = deriveTaskStatus(own, { now: nowIso, today: ctx.today, dueDate, policy }).closed;
        record.last_contacted_by_us = o.lastContactedByUs[k] ?? null;
        record.contact_refused_at = o.contactRefusedAt[k] ?? null;
        const block = closes ? null : queueBlockedUntil({ attempts: own, dueDate, followUpOn: o.followUpOn[k] ?? null }, subscriberFacts(record as unknown as SubscriberContactRow), ctx);
        const callable = !closes && block === null;
        effect.openTasks++;
        // A task the limit closes is counted once, as closing (for good), not also among those blocked for now.
        if (closes) {
          effect.closing++;
          effect.changed++;
        } else if (callable !== wasCallable) {
          effect.changed++;
          if (callable) effect.becomeCallable++;
          else effect.becomeBlocked++;
        }
        if (!closes && block !== stored) effect.blocksChanged++;
        if (!opts.write) return;
        if (closes) writes.set(k, CLOSES);
        else if (block !== stored) writes.set(k, block);
      },
      // In tasks, as the page says it (the stored customers are walked, and those without an open task skipped).
      () => opts.onBatch?.(effect.openTasks, Math.max(effect.openTasks, o.count), 'reading'),
      {
        wide: opts.wide,
        onRange: (after, last) => {
          const [from, to] = [above(after), above(last)];
          inRange = new Map();
          const ids: number[] = [];
          for (let k = from; k < to; k++) {
            inRange.set(o.msisdn[k]!, k);
            ids.push(o.id[k]!);
          }
          attempts = groupAttempts(attemptsOf(ids));
        },
      },
    );
    return o;
  };
  // One moment even while agents log attempts (one read transaction; WAL readers never block writers). A save then
  // writes what it decided, each block only where the task is as it was read (another writer derived it since).
  const read = db.transaction(walk)();
  if (opts.write) write(read);
  return effect;
}
