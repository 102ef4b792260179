import crypto from 'node:crypto';
import { ApiFailure, type TaskStatus } from '../../../core/api';
import { asksCompetitor, competitorOfferProblem, dispositionAllowed } from '../../../core/contact/codes';
import { customerNumber } from '../customer-ref';
import { limitTypedLookups } from '../lookup-limit';
import { attemptInserter, type AttemptRow } from '../../../db/attempts';
import { attemptsStamp } from '../../../db/offer-facts';
import { getOffer, getPlan } from '../../../db/catalogue';
import { withDurableWrite } from '../../../db/connection';
import { stmt } from '../../../db/statements';
import { contactRefusedSince, currentTaskOf, getTask, insertCallbackTask, insertFollowUpTask, subscriberStored } from '../../../db/tasks';
import { storedAgentId } from '../../../db/agents';
import { openTaskId } from '../../../db/import';
import { applyAssignments } from '../../../db/assign';
import { writeAudit } from '../../../db/workspace';
import { recordSuccess } from '../../../db/successes';
import type { Db } from '../../../db/connection';
import { arpuBefore, followUpPlan } from '../../../core/offers/follow-up';
import { validateCallback } from '../../../core/contact/policy';
import { contactContext, refreshQueueBlocks } from '../contact';
import { agentDayOf } from '../agent-day';
import { localDate } from '../context';
import { rederiveTask } from '../task-status';
import { noteLoggedAttempt } from '../offers';
import { scoreSubscribers } from '../scoring';
import { attemptToView, feedbackToView, noteToView } from '../views';
import { feedbackInserter, getFeedback, getNote, noteInserter } from '../../../db/outcomes';
import { activeContactPolicy } from '../contact-policy';
import type { HandlerMap } from './types';

/** The CLI (no signed-in agent) logs as the local user. */
const LOCAL_AGENT = 'LOCAL';

/**
 * What a success starts (issue 17 #4, issue 18 #3): the snapshot of what the customer brought in (ARPU before), and
 * the follow-up task its offer requires — on the same customer, due at the offer's offset, assigned to whoever had
 * the task (else the agent who logged it). The success closed the open task first; if one is still open (the success
 * was logged before a follow-up's day) no second one is made: one open task per customer.
 */
function afterSuccess(
  db: Db,
  s: { attemptId: string; msisdn: string; offerCode: string | null; agentId: string | null; now: Date },
): { made: { taskId: number; on: string; agentId: string | null } | null; notMade: 'customer-not-stored' | null } {
  const stored = stmt(db, 'SELECT arpu_avg3, arpu_cur FROM subscribers WHERE msisdn = ?').get(Number(s.msisdn)) as { arpu_avg3: number | null; arpu_cur: number | null } | undefined;
  recordSuccess(db, s.attemptId, stored ? arpuBefore(stored) : null);
  const offer = s.offerCode ? getOffer(db, s.offerCode) : null;
  const plan = offer ? followUpPlan(offer, localDate(s.now)) : null;
  if (!plan || !offer || openTaskId(db, s.msisdn) !== undefined) return { made: null, notMade: null };
  // A walk-in on no list: a task needs a stored customer. The success stands; the answer says the visit is to arrange
  // (it failed whole with "FOREIGN KEY constraint failed", found by a helper's pass at the counter).
  if (!stored) return { made: null, notMade: 'customer-not-stored' };
  const agentId = s.agentId !== null ? (storedAgentId(db, s.agentId) ?? null) : null;
  const taskId = insertFollowUpTask(db, {
    msisdn: s.msisdn, agentId, dueDate: plan.dueDate, createdAt: s.now.toISOString(), followUpOf: s.attemptId, kind: plan.kind, offerCode: offer.code, on: plan.on,
  });
  return { made: { taskId, on: plan.on, agentId }, notMade: null };
}

/**
 * A record id given with a save makes a retry idempotent: the record stored under it is answered again. Only the same
 * agent's: another agent's id is refused, not answered with their record, note and task (found by a security review).
 */
function refuseIdOfAnother(ctx: { db: Db; caller: { agentId: string | null } }, table: 'attempts' | 'feedback' | 'experience_notes', id: string | undefined): void {
  if (id === undefined) return;
  const owner = stmt(ctx.db, `SELECT agent_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | null | undefined;
  if (owner !== undefined && owner !== (ctx.caller.agentId ?? LOCAL_AGENT)) throw new ApiFailure('conflict', 'api.record-id-taken', {}, { field: 'id' });
}

export const attemptHandlers = {
  'attempt-log': (ctx, input) => {
    // A typed number's answer says whether it has an open task: it uses the agent's look-up allowance (customer.ts).
    if (input.msisdn !== undefined) limitTypedLookups(ctx);
    const parsed = { msisdn: customerNumber(input)! };
    // An outcome names an offer of this desk's catalogue (issue 12 #8): a made-up code would count in no report
    // and teach the learned acceptance nothing. Merged outcome files are not checked here: another desk's
    // catalogue may differ.
    if (input.offerCode !== null && !getOffer(ctx.db, input.offerCode)) {
      throw new ApiFailure('invalid-input', 'api.offer-not-in-catalogue', { offer: input.offerCode }, { field: 'offerCode' });
    }
    // The plan taken is one of this desk's tariff catalogue, as the offer is.
    if (input.planCode !== null && !getPlan(ctx.db, input.planCode)) {
      throw new ApiFailure('invalid-input', 'api.plan-not-in-catalogue', { plan: input.planCode }, { field: 'planCode' });
    }
    // At the counter the customer is present: "busy" or "no answer" there is a mis-key (issue 15 #7).
    if (!dispositionAllowed(input.channel, input.disposition)) {
      throw new ApiFailure('invalid-input', 'api.disposition-not-for-channel', { disposition: input.disposition, channel: input.channel }, { field: 'disposition' });
    }
    // What the competitor offered (issue 15 #6): only where the form asks for it, within the shared limits.
    const competitorOffer = input.competitorOffer || null;
    const competitorAmount = input.competitorAmount;
    if ((competitorOffer !== null || competitorAmount !== null) && !asksCompetitor(input.disposition, input.reason)) {
      throw new ApiFailure('invalid-input', 'api.competitor-offer-not-asked', {}, { field: competitorOffer !== null ? 'competitorOffer' : 'competitorAmount' });
    }
    const offerProblem = competitorOfferProblem({ text: competitorOffer, amount: competitorAmount });
    if (offerProblem) throw new ApiFailure('invalid-input', offerProblem.code, offerProblem.params, { field: offerProblem.field });
    const now = ctx.now();
    if (input.callbackAt) {
      // The call-back horizon and calling hours are the contact policy's (issue 16 #3).
      const policy = activeContactPolicy(ctx.db);
      const verdict = validateCallback(input.callbackAt, now.toISOString(), policy, contactContext(now, policy).localMinuteOfDay);
      if (!verdict.ok && verdict.reason.code === 'callback-outside-hours') throw new ApiFailure('invalid-input', 'api.callback-outside-hours', verdict.reason.params, { field: 'callbackAt' });
      if (!verdict.ok) throw new ApiFailure('invalid-input', 'api.callback-too-far', { days: policy.maxCallbackDays }, { field: 'callbackAt' });
    }
    refuseIdOfAnother(ctx, 'attempts', input.id);
    const id = input.id ?? crypto.randomUUID();
    const nowIso = now.toISOString();
    // Durable (synchronous=FULL) before the screen says "saved": an agent's word must survive a power cut.
    const stampBefore = attemptsStamp(ctx.db);
    const outcome = withDurableWrite(ctx.db, () => {
      const task = currentTaskOf(ctx.db, parsed.msisdn);
      // An agent phones, texts or visits their own customers; the customer at the counter is served whoever holds their
      // task (a walk-in). A phone do_not_call on a colleague's customer closed their task (found by a security review).
      if (ctx.caller.role === 'agent' && input.channel !== 'hall' && task && task.closed_at === null && task.agent_id !== null && task.agent_id !== ctx.caller.agentId) {
        throw new ApiFailure('forbidden', 'api.not-your-task');
      }
      // A follow-up not yet due is not what this contact is about: a word with the customer before its day (a
      // call-back asked for right after the success, a walk-in) is stored with no task and leaves it as it is.
      // The caller's account as stored (null: the CLI, or an id with no account): who a task opened or claimed here is for.
      const callerAccount = ctx.caller.agentId ? (storedAgentId(ctx.db, ctx.caller.agentId) ?? null) : null;
      let openTask = task && task.closed_at === null && !(task.follow_up_on !== null && localDate(now) < task.follow_up_on) ? task : null;
      let opened = false;
      if (input.callbackAt && input.disposition === 'callback') {
        // A customer who asked not to be contacted is not called back until a supervisor lifts that (their request
        // stands over this one; docs/product.md §7.1), and the queue would hold the call-back for ever.
        const refused = contactRefusedSince(ctx.db, Number(parsed.msisdn));
        if (refused) throw new ApiFailure('conflict', 'api.callback-contact-refused', { date: localDate(new Date(refused)) }, { field: 'disposition' });
        // A call-back for a customer with no open task (theirs closed, a declined customer who changed their mind at
        // the counter) opens one for it, the booking agent's: stored with no task it never came back (found by a new
        // agent). One open task per customer: a follow-up not yet due stays the one.
        if (!task || task.closed_at !== null) {
          if (!subscriberStored(ctx.db, parsed.msisdn)) throw new ApiFailure('conflict', 'api.callback-needs-customer', {}, { field: 'disposition' });
          const taskId = insertCallbackTask(ctx.db, { msisdn: parsed.msisdn, agentId: callerAccount, createdAt: nowIso });
          openTask = getTask(ctx.db, taskId)!;
          opened = true;
        }
      }
      const created = attemptInserter(ctx.db)(
        {
          id,
          taskId: openTask?.id ?? null,
          msisdn: parsed.msisdn,
          agentId: ctx.caller.agentId ?? LOCAL_AGENT,
          channel: input.channel,
          at: nowIso,
          disposition: input.disposition,
          reason: input.reason,
          competitor: input.competitor,
          competitorOffer,
          competitorAmount,
          offerCode: input.offerCode,
          planCode: input.planCode,
          callbackAt: input.callbackAt,
          note: input.note,
        },
        nowIso,
      );
      // A call-back booked on a task nobody holds is the booking agent's promise: the task becomes theirs — in their
      // queue, and told to them at its minute (a due call-back is told to its task's agent) — as a success's
      // follow-up goes to whoever logged it. A task another agent holds stays theirs.
      if (created && openTask && openTask.agent_id === null && input.callbackAt && callerAccount !== null) {
        const assigned = applyAssignments(ctx.db, [{ taskId: openTask.id, agentId: callerAccount }]);
        writeAudit(ctx.db, { at: nowIso, agentId: ctx.caller.agentId, action: 'task-assign', target: `task ${openTask.id}`, detail: { mode: 'callback', assigned } });
      }
      let taskView: { id: number; status: TaskStatus; attempts: number; endedBy: string | null } | null = null;
      if (openTask) {
        const derived = rederiveTask(ctx.db, openTask.id, now)!;
        taskView = { id: openTask.id, status: derived.status, attempts: derived.attemptCount, endedBy: derived.closed && derived.endedBy !== 'declined' ? derived.endedBy : null };
      }
      if (opened && openTask) {
        refreshQueueBlocks(ctx.db, [openTask.id], now);
        writeAudit(ctx.db, { at: nowIso, agentId: ctx.caller.agentId, action: 'task-open-callback', target: `task ${openTask.id}`, detail: { callbackAt: input.callbackAt } });
      }
      let followUp: ReturnType<typeof afterSuccess> = { made: null, notMade: null };
      // A success on a follow-up (the visit confirms the offer) closes it and starts nothing more: no follow-up of a
      // follow-up, and the success the retention figures judge is the first one.
      if (created && input.disposition === 'accepted' && openTask?.follow_up_of == null) {
        followUp = afterSuccess(ctx.db, { attemptId: id, msisdn: parsed.msisdn, offerCode: input.offerCode, agentId: openTask?.agent_id ?? ctx.caller.agentId ?? null, now });
      }
      // The customer's ranking follows at once (queue priority, stored level).
      scoreSubscribers(ctx.db, { today: localDate(now), at: nowIso, msisdns: [Number(parsed.msisdn)] });
      const row = stmt(ctx.db, 'SELECT * FROM attempts WHERE id = ?').get(id) as AttemptRow;
      if (followUp.made) refreshQueueBlocks(ctx.db, [followUp.made.taskId], now);
      return { created, attempt: attemptToView(row), task: taskView, followUp: followUp.made, followUpNotMade: followUp.notMade };
    });
    if (outcome.created) {
      const seg = stmt(ctx.db, 'SELECT sensitivity, tags FROM subscriber_scores WHERE msisdn = ?').get(Number(parsed.msisdn)) as
        | { sensitivity: string | null; tags: string | null }
        | undefined;
      noteLoggedAttempt(ctx.db, stampBefore, { offerCode: input.offerCode, disposition: input.disposition, sensitivity: seg?.sensitivity ?? null, tags: seg?.tags ?? null, at: outcome.attempt.at });
    }
    ctx.emit('data-changed', { what: ['attempts', 'tasks'], at: nowIso });
    // An agent's screen shows 我的今日 (a supervisor's shows the workspace's counts): it follows from this answer.
    return { ...outcome, agentDay: ctx.caller.role === 'agent' && ctx.caller.agentId ? agentDayOf(ctx, ctx.caller.agentId) : null };
  },

  'feedback-add': (ctx, input) => {
    const msisdn = customerNumber(input);
    refuseIdOfAnother(ctx, 'feedback', input.id);
    const id = input.id ?? crypto.randomUUID();
    const created = withDurableWrite(ctx.db, () =>
      feedbackInserter(ctx.db)({
        id,
        attemptId: input.attemptId ?? null,
        msisdn,
        agentId: ctx.caller.agentId ?? LOCAL_AGENT,
        category: input.category,
        importance: input.importance,
        text: input.text,
        at: ctx.now().toISOString(),
      }),
    );
    return { feedback: feedbackToView(getFeedback(ctx.db, id)!), created };
  },

  'note-add': (ctx, input) => {
    refuseIdOfAnother(ctx, 'experience_notes', input.id);
    const id = input.id ?? crypto.randomUUID();
    const created = withDurableWrite(ctx.db, () =>
      noteInserter(ctx.db)({ id, agentId: ctx.caller.agentId ?? LOCAL_AGENT, offerCode: input.offerCode, reason: input.reason, text: input.text, at: ctx.now().toISOString() }),
    );
    return { note: noteToView(getNote(ctx.db, id)!), created };
  },
} satisfies Partial<HandlerMap>;
