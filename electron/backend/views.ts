import type { AttemptView, FeedbackView, FollowUpView, NoteView, OperationOutput, QueueItem, SubscriberView, TaskStatus, WorkListSummary } from '../../core/api';
import type { ListType } from '../../core/worklist/fields';
import { maskIdentityValues } from '../../core/privacy/identity';
import { maskContactValues, maskMsisdn, maskName, maskPhonesInText } from '../../core/privacy/mask';
import { PERMANENT_BLOCK, queuePriorityTerms } from '../../core/contact/policy';
import { customerChurnP } from '../../core/risk/signal';
import type { RiskLevel } from '../../core/risk/score';
import { queueValue } from './scoring';
import { sealCustomer } from './customer-ref';
import type { AgentRow } from '../../db/agents';
import type { AttemptRow } from '../../db/attempts';
import type { FeedbackRow, NoteRow } from '../../db/outcomes';
import type { StoredSubscriber } from '../../db/subscribers';
import type { QueueRow, TaskRow } from '../../db/tasks';
import type { WorkListWithCounts } from '../../db/worklists';

/** Row → contract shapes. Personal data leaves here masked; the clear values only through a reveal. */

export function subscriberToView(row: StoredSubscriber): SubscriberView {
  const { msisdn, extra, updated_at, id_hash: _idHash, ...fields } = row;
  const number = String(msisdn);
  return {
    ...fields,
    // The clear number stays here: the card has its masked form and a sealed reference (customer-ref.ts).
    ref: sealCustomer(number),
    msisdnMasked: maskMsisdn(number)!,
    // The clear name leaves the backend only through the audited `customer-reveal`.
    name: null,
    nameMasked: maskName(fields.name as string | null),
    // Imports keep no identity number in extra attributes (core/worklist/headers.ts protectIdentityColumns); masked
    // here as well, for whatever a file slipped past that or an older workspace still holds. Contact numbers and
    // names in them are masked as the customer's own are, until revealed (`revealedExtra`).
    extra: maskContactValues(maskIdentityValues(JSON.parse(extra) as Record<string, string | number | null>)),
    updatedAt: updated_at,
  };
}

/**
 * The extra columns the card shows masked for their contact numbers or names (`maskContactValues`), in clear: what
 * the audited reveal gives besides the number and the name. Identity numbers are never given back.
 */
export function revealedExtra(row: StoredSubscriber): Record<string, string | number | null> {
  const stored = maskIdentityValues(JSON.parse(row.extra) as Record<string, string | number | null>);
  const shown = maskContactValues(stored);
  return Object.fromEntries(Object.keys(stored).flatMap((k) => (shown[k] !== stored[k] ? [[k, stored[k]!]] : [])));
}

/** The customer's notes and feedback whose phone numbers screens mask, in clear by record id: what the reveal gives. */
export function revealedTexts(attempts: readonly AttemptRow[], feedback: readonly FeedbackRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of attempts) if (a.note !== null && maskPhonesInText(a.note) !== a.note) out[a.id] = a.note;
  for (const f of feedback) if (maskPhonesInText(f.text) !== f.text) out[f.id] = f.text;
  return out;
}

export function attemptToView(a: AttemptRow): AttemptView {
  return {
    id: a.id,
    taskId: a.task_id,
    agentId: a.agent_id,
    channel: a.channel,
    at: a.at,
    disposition: a.disposition,
    reason: a.reason,
    competitor: a.competitor,
    competitorOffer: a.competitor_offer,
    competitorAmount: a.competitor_amount,
    offerCode: a.offer_code,
    planCode: a.plan_code,
    callbackAt: a.callback_at,
    // Phone numbers in it masked until revealed (`revealedTexts`), as the customer's own.
    note: a.note === null ? null : maskPhonesInText(a.note),
  };
}

export function workListToSummary(w: WorkListWithCounts): WorkListSummary {
  return {
    id: w.id,
    name: w.name,
    type: w.list_type as ListType,
    period: w.period,
    dueDate: w.due_date,
    importedAt: w.imported_at,
    closedAt: w.closed_at,
    issued: w.issued,
    open: w.open,
    mine: w.mine,
    demo: w.demo === 1,
  };
}

export function queueRowToItem(r: QueueRow, contact: QueueItem['contact'], signal: QueueItem['signal']): QueueItem {
  return {
    taskId: r.id,
    msisdnMasked: maskMsisdn(r.msisdn)!,
    nameMasked: maskName(r.name),
    tier: r.tier,
    planName: r.plan_name,
    lists: JSON.parse(r.lists ?? '[]') as QueueItem['lists'],
    status: r.live_status as TaskStatus,
    priority: r.priority,
    level: r.level as QueueItem['level'],
    score: r.score,
    signal,
    agentId: r.agent_id,
    dueDate: r.due_date,
    attempts: r.attempt_count,
    lastAttemptAt: r.last_attempt_at,
    followUp: followUpOf(r),
    contact,
    order: {
      part: r.queue_part,
      callbackAt: r.queue_part === 'callback-due' ? r.callback_at : null,
      blockedUntil: r.blocked_until === null || r.blocked_until === PERMANENT_BLOCK ? null : r.blocked_until,
      priority: priorityFactors(r),
    },
  };
}

/** A task's follow-up subject (migration 018), with the offer's names when the row carries them. */
export function followUpOf(r: Pick<TaskRow, 'follow_up_kind' | 'follow_up_offer' | 'follow_up_on'> & { follow_up_offer_name?: string | null; follow_up_offer_name_en?: string | null }): FollowUpView {
  if (r.follow_up_kind === null || r.follow_up_offer === null || r.follow_up_on === null) return null;
  return {
    kind: r.follow_up_kind as NonNullable<FollowUpView>['kind'],
    offerCode: r.follow_up_offer,
    offerName: r.follow_up_offer_name ?? null,
    offerNameEn: r.follow_up_offer_name_en ?? null,
    on: r.follow_up_on,
  };
}

/** The factors of the row's priority: the same call scoring makes (scoring.ts scoreRow), on the stored figures. */
function priorityFactors(r: QueueRow): QueueItem['order']['priority'] {
  if (r.level === null || r.score === null) return null;
  const t = queuePriorityTerms(r.score, r.level as RiskLevel, queueValue(r), { churn: customerChurnP(r.score, r.level as RiskLevel, r.p_churn) });
  return { pChurn: t.pChurn, pChurnFrom: t.pChurnFrom, value: t.value, dueFactor: t.dueFactor, attemptsFactor: t.attemptsFactor };
}

export function feedbackToView(r: FeedbackRow): FeedbackView {
  return {
    id: r.id,
    attemptId: r.attempt_id,
    msisdnMasked: r.msisdn === null ? null : maskMsisdn(r.msisdn),
    agentId: r.agent_id,
    category: r.category,
    importance: r.importance,
    text: maskPhonesInText(r.text),
    at: r.at,
  };
}

export function noteToView(r: NoteRow): NoteView {
  return { id: r.id, agentId: r.agent_id, offerCode: r.offer_code, reason: r.reason, text: maskPhonesInText(r.text), at: r.at };
}

export function agentToView(a: AgentRow & { open_tasks: number }, lockedUntil: string | null): OperationOutput<'agent-list'>['items'][number] {
  return { id: a.id, name: a.name, role: a.role, hall: a.hall, active: a.active === 1, openTasks: a.open_tasks, lockedUntil };
}
