import type { ContactView } from '../../core/api';
import { canContactNow, queueBlockedUntil, type ContactAttemptFact, type ContactContext, type ContactPolicy, type SubscriberContactFacts } from '../../core/contact/policy';
import type { Channel } from '../../core/contact/codes';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/statements';
import { attemptsOfTasks, openTaskContactRows, openTaskContactRowsAfter, openTasksAfterOwnSaleIds, openTasksWithCallbackIds, setBlockedUntil, subscriberContactRows, type OpenTaskContactRow, type SubscriberContactRow, type TaskAttemptRow } from '../../db/tasks';
import { getWorkspaceValue, setWorkspaceValue } from '../../db/workspace';
import { activeContactPolicy } from './contact-policy';
import { localDate } from './context';
import { maskMsisdn } from '../../core/privacy/mask';

/** The task (null: none open) and customer a contact decision is asked for. */
export interface ContactFacts {
  taskId: number | null;
  msisdn: number;
  dueDate: string | null;
  /** A follow-up task's local date (tasks.follow_up_on). */
  followUpOn?: string | null;
}

/**
 * Contact decisions (docs/product.md §6) for tasks, with the active contact policy, in the machine's local time:
 * calling hours and "today" are the hall's. The attempts of all the given tasks and their customers' contact facts
 * are read in one query each, so a queue page of 100 costs two extra reads.
 */
export function contactDecisions(db: Db, facts: readonly ContactFacts[], channel: Channel, now: Date): ContactView[] {
  const byTask = attemptsByTask(db, facts.map((f) => f.taskId).filter((id): id is number => id !== null));
  const subscribers = subscriberContactRows(db, facts.map((f) => ({ msisdn: f.msisdn, taskId: f.taskId })));
  const ctx = contactContext(now, activeContactPolicy(db));
  const samePerson = samePersonContactedToday(db, facts, now);
  return facts.map((f) => {
    const s = subscribers.get(f.msisdn);
    const d = canContactNow(
      { attempts: f.taskId === null ? [] : (byTask.get(f.taskId) ?? []), dueDate: f.dueDate, followUpOn: f.taskId === null ? null : (f.followUpOn ?? null) },
      { ...(s ? subscriberFacts(s) : {}), samePersonContactedToday: samePerson.get(f.msisdn) ?? null },
      channel,
      ctx,
    );
    return { allowed: d.allowed, reasons: d.reasons, nextAllowedAt: d.nextAllowedAt ?? null, routeToCare: d.routeToCare ?? false, attemptsLeft: d.attemptsLeft ?? null, attemptsCounted: d.attemptsCounted ?? null };
  });
}

/** A stored row's contact facts as the policy reads them. */
export function subscriberFacts(r: SubscriberContactRow): SubscriberContactFacts {
  return {
    doNotDisturb: r.do_not_disturb,
    lastMarketed: r.last_marketed,
    cancelledAfterOpen: r.cancelled_after_open,
    trialStart: r.trial_start,
    trialOrdered: r.trial_ordered,
    lastUnsubscribed: r.last_unsubscribed,
    portingApplied: r.porting_apply_date,
    lastContactedByUs: r.last_contacted_by_us,
    contactRefusedAt: r.contact_refused_at,
    churned: r.churned,
    churnDate: r.churn_date,
    churnLoggedAt: r.churn_logged_at,
  };
}

/** Calling hours and "today" are the hall's: the machine's local time. */
export function contactContext(now: Date, policy: ContactPolicy): ContactContext {
  return { now: now.toISOString(), localMinuteOfDay: now.getHours() * 60 + now.getMinutes(), today: localDate(now), policy };
}

/** The attempts of the given tasks, read in one query, oldest first. */
function attemptsByTask(db: Db, ids: readonly number[]): Map<number, ContactAttemptFact[]> {
  return groupAttempts(attemptsOfTasks(db)(ids));
}

export function groupAttempts(rows: readonly TaskAttemptRow[]): Map<number, ContactAttemptFact[]> {
  const byTask = new Map<number, ContactAttemptFact[]>();
  for (const r of rows) {
    const list = byTask.get(r.task_id) ?? [];
    list.push({ at: r.at, disposition: r.disposition, callbackAt: r.callback_at, channel: r.channel });
    byTask.set(r.task_id, list);
  }
  return byTask;
}

const BLOCK_BATCH = 500;

/**
 * Stores each open task's queue block (tasks.blocked_until, docs/status-rule.md "Callable first") as the contact policy
 * decides it now (core/contact/policy.ts queueBlockedUntil) — called wherever its inputs change: an attempt logged or
 * merged and a due date moved (rederiveTask), a work-list import (new tasks, do-not-disturb or last-marketed changed),
 * the demo. Closed tasks are skipped. Returns how many blocks changed. The caller owns the transaction.
 */
export function refreshQueueBlocks(db: Db, taskIds: readonly number[], now: Date): number {
  const ctx = contactContext(now, activeContactPolicy(db));
  let changed = 0;
  for (let i = 0; i < taskIds.length; i += BLOCK_BATCH) {
    const rows = openTaskContactRows(db, taskIds.slice(i, i + BLOCK_BATCH));
    changed += storeBlocks(db, rows, attemptsByTask(db, rows.map((r) => r.id)), ctx);
  }
  return changed;
}

function storeBlocks(db: Db, rows: readonly OpenTaskContactRow[], byTask: Map<number, ContactAttemptFact[]>, ctx: ContactContext): number {
  let changed = 0;
  for (const r of rows) {
    const until = queueBlockedUntil({ attempts: byTask.get(r.id) ?? [], dueDate: r.due_date, followUpOn: r.follow_up_on }, subscriberFacts(r), ctx);
    if (until !== r.blocked_until) {
      setBlockedUntil(db, r.id, until);
      changed++;
    }
  }
  return changed;
}

/** Workspace key: the queue blocks of every open task have been derived by this version (migration 010 adds them empty). */
const QUEUE_BLOCKS_KEY = 'queue-blocks';

/**
 * On the first start after migration 010 (or on a workspace that never had them), derive every open task's queue block,
 * walking the open tasks and their attempts in id ranges, one short write transaction per range (another process — the
 * CLI, a worker — is not held up by one long one). Returns how many tasks were looked at (0 when already done).
 */
export function ensureQueueBlocks(db: Db, now: Date): number {
  if (getWorkspaceValue(db, QUEUE_BLOCKS_KEY) === '1') return 0;
  const ctx = contactContext(now, activeContactPolicy(db));
  const attemptsIn = stmt(db, 'SELECT task_id, at, disposition, callback_at, channel FROM attempts WHERE task_id > ? AND task_id <= ? ORDER BY task_id, at');
  let seen = 0;
  for (let after = 0; ; ) {
    const rows = openTaskContactRowsAfter(db, after, 5000);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]!.id;
    db.transaction(() => storeBlocks(db, rows, groupAttempts(attemptsIn.all(after, last) as TaskAttemptRow[]), ctx)).immediate();
    seen += rows.length;
    after = last;
  }
  setWorkspaceValue(db, QUEUE_BLOCKS_KEY, '1');
  setWorkspaceValue(db, CALLBACK_BLOCKS_KEY, CALLBACK_BLOCKS_REVISION);
  setWorkspaceValue(db, OWN_SALE_BLOCKS_KEY, OWN_SALE_BLOCKS_REVISION);
  return seen;
}

/**
 * Workspace key: the stored blocks of open tasks with a call-back asked for follow the rule of this revision. 2: a
 * call-back the customer asked for is not held by the marketing filters (core/contact/policy.ts `canContactNow`,
 * 2026-12-06); 3: nor after a call at its time that did not reach them (the request is still their latest word).
 * Blocks stored before could hold one until the marketing interval ended, weeks past its time.
 */
const CALLBACK_BLOCKS_KEY = 'queue-blocks-callbacks';
const CALLBACK_BLOCKS_REVISION = '3';

/** Once per revision, at start: the blocks of the open tasks with a call-back asked for derived again. */
export function ensureCallbackBlocks(db: Db, now: Date): number {
  if (getWorkspaceValue(db, CALLBACK_BLOCKS_KEY) === CALLBACK_BLOCKS_REVISION) return 0;
  const ids = openTasksWithCallbackIds(db);
  const changed = db.transaction(() => refreshQueueBlocks(db, ids, now)).immediate();
  setWorkspaceValue(db, CALLBACK_BLOCKS_KEY, CALLBACK_BLOCKS_REVISION);
  return changed;
}

/**
 * Workspace key: the stored blocks of open tasks follow the marketing gap counted from this desk's own sale or decline
 * on an earlier task too (revision 1, core/contact/policy.ts `canContactNow`, 2026-12-06). Blocks stored before held
 * only to the central system's date: a campaign's task for a customer retained an hour earlier was callable at once.
 */
const OWN_SALE_BLOCKS_KEY = 'queue-blocks-own-sale-gap';
const OWN_SALE_BLOCKS_REVISION = '1';

/** Once per revision, at start: the blocks of the open tasks whose customer we sold to or were declined by within the gap. */
export function ensureOwnSaleGapBlocks(db: Db, now: Date): number {
  if (getWorkspaceValue(db, OWN_SALE_BLOCKS_KEY) === OWN_SALE_BLOCKS_REVISION) return 0;
  // A day of margin on the gap: the policy counts whole local days.
  const since = new Date(now.getTime() - (activeContactPolicy(db).marketingGapDays + 2) * 86_400_000).toISOString();
  const ids = openTasksAfterOwnSaleIds(db, since);
  const changed = ids.length ? db.transaction(() => refreshQueueBlocks(db, ids, now)).immediate() : 0;
  setWorkspaceValue(db, OWN_SALE_BLOCKS_KEY, OWN_SALE_BLOCKS_REVISION);
  return changed;
}

/**
 * For each given number whose person (identity hash) has another line with an outbound attempt today (local day):
 * that line, masked, and the first such attempt. One query for the whole page, each step an index seek
 * (subscribers' primary key, subscribers_id_hash, attempts_msisdn on (msisdn, at)).
 */
function samePersonContactedToday(db: Db, facts: readonly ContactFacts[], now: Date): Map<number, { msisdnMasked: string; at: string }> {
  const out = new Map<number, { msisdnMasked: string; at: string }>();
  const msisdns = facts.map((f) => f.msisdn).filter((m): m is number => typeof m === 'number' && m > 0);
  if (msisdns.length === 0) return out;
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const dayEnd = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const rows = stmt(
    db,
    `SELECT s.msisdn AS msisdn, o.msisdn AS other, min(a.at) AS at
       FROM subscribers s
       JOIN subscribers o ON o.id_hash = s.id_hash AND o.msisdn <> s.msisdn
       JOIN attempts a ON a.msisdn = o.msisdn AND a.at >= ? AND a.at < ? AND a.channel <> 'hall'
      WHERE s.msisdn IN (SELECT value FROM json_each(?)) AND s.id_hash IS NOT NULL
      GROUP BY s.msisdn`,
  ).all(dayStart.toISOString(), dayEnd.toISOString(), JSON.stringify(msisdns)) as { msisdn: number; other: number; at: string }[];
  for (const r of rows) out.set(r.msisdn, { msisdnMasked: maskMsisdn(r.other) ?? '', at: r.at });
  return out;
}
