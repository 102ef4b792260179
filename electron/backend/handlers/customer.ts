import { ApiFailure, type TaskStatus } from '../../../core/api';
import type { ListType } from '../../../core/worklist/fields';
import { maskMsisdn } from '../../../core/privacy/mask';
import { normalizeMsisdn } from '../../../core/worklist/msisdn';
import { reasons } from '../../../core/contact/codes';
import { recentAttemptsOfSubscriber } from '../../../db/attempts';
import { getSubscriber, linesOfSamePerson } from '../../../db/subscribers';
import { contactRefusedSince, currentTaskOf, getTask, liftContactRefusal, type TaskRow } from '../../../db/tasks';
import { listsOfSubscriber } from '../../../db/worklists';
import { openTaskId } from '../../../db/import';
import { writeAudit } from '../../../db/workspace';
import { customerNumber } from '../customer-ref';
import { limitTypedLookups } from '../lookup-limit';
import { attemptToView, feedbackToView, followUpOf, noteToView, revealedExtra, revealedTexts, subscriberToView } from '../views';
import { getOffer } from '../../../db/catalogue';
import { feedbackOfSubscriber, notesAbout } from '../../../db/outcomes';
import { compiled, type CompiledRiskConfig } from '../../../core/risk/config';
import { siblingReasons, siblingSignal } from '../../../core/risk/siblings';
import { scoreSubscriber, type SubscriberRecord } from '../../../core/risk/score';
import { segmentSubscriber } from '../../../core/risk/tags';
import { contactDecisions, refreshQueueBlocks } from '../contact';
import { localDate, type HandlerContext } from '../context';
import { plainFactors } from '../../../core/model/factors';
import { activeChurnModel } from '../model-cache';
import { cardSignal } from '../signal';
import { recommendOffers } from '../offers';
import { activeRiskConfig } from '../risk-config';
import type { HandlerMap } from './types';

/** A task the caller may open: any for a supervisor, their own for an agent. */
function taskOwnedBy(ctx: HandlerContext, taskId: number): TaskRow {
  const task = getTask(ctx.db, taskId);
  if (!task) throw new ApiFailure('not-found', 'api.no-task', { taskId: String(taskId) });
  if (ctx.caller.role === 'agent' && task.agent_id !== ctx.caller.agentId) {
    throw new ApiFailure('forbidden', 'api.not-your-task');
  }
  return task;
}


/** Lines of one person shown on a card (a person with more has them counted, not listed). */
const SIBLINGS_SHOWN = 20;

/** The other lines of the customer's person, scored with the active rules, and the reasons they give this line. */
function siblingsOf(ctx: HandlerContext, msisdn: string, cfg: CompiledRiskConfig, today: string) {
  const { total, rows } = linesOfSamePerson(ctx.db, Number(msisdn), SIBLINGS_SHOWN);
  const lines = rows.map((r) => {
    const risk = scoreSubscriber(r as unknown as SubscriberRecord, cfg, { today });
    return { msisdnMasked: maskMsisdn(r.msisdn) ?? '', level: risk.level, reasons: risk.reasons, churned: r.churned, churnDate: r.churn_date, status: r.status };
  });
  return {
    reasons: siblingReasons(lines, cfg),
    view: { total, lines: lines.map((l) => ({ msisdnMasked: l.msisdnMasked, level: l.level, signal: siblingSignal(l, cfg) })) },
  };
}

/** The row's extra columns; a hand-edited row whose JSON does not parse has none rather than failing the card. */
function parseExtra(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A customer with more contacts than this in the cache has the newest shown (years of weekly lists fit). */
const HISTORY_LIMIT = 500;

export const customerHandlers = {
  'customer-lookup': (ctx, { msisdn: typed, taskId, channel }) => {
    if (taskId === undefined) limitTypedLookups(ctx);
    const parsed = normalizeMsisdn(taskId === undefined ? (typed ?? '') : String(taskOwnedBy(ctx, taskId).msisdn));
    if (!parsed.ok) return { found: false as const, msisdnMasked: null, invalid: true };
    const row = getSubscriber(ctx.db, parsed.msisdn);
    if (!row) return { found: false as const, msisdnMasked: maskMsisdn(parsed.msisdn), invalid: false };
    const task = currentTaskOf(ctx.db, parsed.msisdn);
    const followOffer = task?.follow_up_offer ? getOffer(ctx.db, task.follow_up_offer) : null;
    const cfg = compiled(activeRiskConfig(ctx.db));
    const today = localDate(ctx.now());
    const record = row as unknown as SubscriberRecord;
    const risk = scoreSubscriber(record, cfg, { today });
    const siblings = siblingsOf(ctx, parsed.msisdn, cfg, today);
    // A churn signal on another line of the same person is a reason here (0 points), after the line's own risks.
    const firstNegative = risk.reasons.findIndex((r) => r.points < 0);
    risk.reasons.splice(firstNegative < 0 ? risk.reasons.length : firstNegative, 0, ...siblings.reasons);
    const segments = segmentSubscriber(record, cfg, { today });
    const active = activeChurnModel(ctx.db);
    const extra = parseExtra(row.extra);
    const { signal, prediction, counted } = cardSignal(risk, cfg.source, active, { ...row, extra }, today);
    const { offers, tariff } = recommendOffers(ctx.db, {
      row: record as unknown as Record<string, unknown>,
      extra,
      msisdn: parsed.msisdn,
      segments,
      score: risk.score,
      level: risk.level,
      pModel: counted,
      channel,
      now: ctx.now(),
      today,
    });
    const recent = recentAttemptsOfSubscriber(ctx.db, parsed.msisdn, 10);
    // Notes on reasons this customer gave before, and on the one their sensitivity points to (price, service).
    const givenReasons = new Set(recent.map((a) => a.reason).filter((r): r is string => !!r));
    if (segments.sensitivity && (reasons as readonly string[]).includes(segments.sensitivity)) givenReasons.add(segments.sensitivity);
    return {
      found: true as const,
      customer: subscriberToView(row),
      notes: notesAbout(ctx.db, { offerCodes: offers.ranked.map((o) => o.code), reasons: [...givenReasons] }).map(noteToView),
      feedback: feedbackOfSubscriber(ctx.db, parsed.msisdn, 20).map(feedbackToView),
      offers,
      tariff,
      model:
        active && prediction
          ? { version: active.version, p: prediction.p, contributions: plainFactors(prediction.contributions, { planName: (row.plan_name as string | null) || tariff.current?.name || null }) }
          : null,
      signal,
      risk: { ...risk, tier: segments.tier, midHighValue: segments.midHighValue, sensitivity: segments.sensitivity, tags: segments.tags },
      lists: listsOfSubscriber(ctx.db, parsed.msisdn).map((w) => ({
        id: w.id,
        name: w.name,
        type: w.list_type as ListType,
        dueDate: w.due_date,
      })),
      task: task
        ? { id: task.id, status: task.status as TaskStatus, agentId: task.agent_id, attempts: task.attempt_count, followUp: followUpOf({ ...task, follow_up_offer_name: followOffer?.name_zh ?? null, follow_up_offer_name_en: followOffer?.name_en ?? null }) }
        : null,
      recentAttempts: recent.map(attemptToView),
      contactRefusedAt: contactRefusedSince(ctx.db, Number(parsed.msisdn)),
      siblings: siblings.view,
      contact: contactDecisions(
        ctx.db,
        // The task's attempts even when it has ended: an ended task is not phoned (task-closed), and the card said
        // 现在可以外呼 right after the agent saved 拒绝 when they were left out. The hall still serves a walk-in.
        [{ taskId: task?.id ?? null, msisdn: Number(parsed.msisdn), dueDate: task?.due_date ?? null, followUpOn: task?.follow_up_on ?? null }],
        channel,
        ctx.now(),
      )[0]!,
    };
  },
  'customer-reveal': (ctx, input) => {
    if (input.msisdn !== undefined) limitTypedLookups(ctx);
    const msisdn = customerNumber(input)!;
    const row = getSubscriber(ctx.db, msisdn);
    if (!row) throw new ApiFailure('not-found', 'api.no-customer');
    // Audited with the masked number only: the log itself must not become a list of personal data.
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'customer-reveal', target: maskMsisdn(msisdn) });
    return {
      msisdn,
      name: (row.name as string | null) ?? null,
      extra: revealedExtra(row),
      texts: revealedTexts(recentAttemptsOfSubscriber(ctx.db, msisdn, HISTORY_LIMIT), feedbackOfSubscriber(ctx.db, msisdn, HISTORY_LIMIT)),
    };
  },
  'contact-refusal-lift': (ctx, input) => {
    const msisdn = customerNumber(input)!;
    if (!getSubscriber(ctx.db, msisdn)) throw new ApiFailure('not-found', 'api.no-customer');
    const now = ctx.now();
    const lifted = ctx.db.transaction(() => {
      if (contactRefusedSince(ctx.db, Number(msisdn)) === null) return false;
      liftContactRefusal(ctx.db, Number(msisdn), now.toISOString(), ctx.caller.agentId, input.reason);
      // The open task's queue block follows at once (the contact rules may still hold it: hours, spacing, …).
      const open = openTaskId(ctx.db, msisdn);
      if (open !== undefined) refreshQueueBlocks(ctx.db, [open], now);
      // Audited with the masked number only, as a reveal is.
      writeAudit(ctx.db, { at: now.toISOString(), agentId: ctx.caller.agentId, action: 'contact-refusal-lift', target: maskMsisdn(msisdn), detail: { reason: input.reason } });
      return true;
    })();
    if (lifted) ctx.emit('data-changed', { what: ['tasks'], at: now.toISOString() });
    return { lifted };
  },
  'customer-history': (ctx, input) => {
    if (input.msisdn !== undefined) limitTypedLookups(ctx);
    const msisdn = customerNumber(input)!;
    if (!getSubscriber(ctx.db, msisdn)) throw new ApiFailure('not-found', 'api.no-customer');
    const attempts = recentAttemptsOfSubscriber(ctx.db, msisdn, HISTORY_LIMIT + 1);
    return {
      attempts: attempts.slice(0, HISTORY_LIMIT).map(attemptToView),
      feedback: feedbackOfSubscriber(ctx.db, msisdn, HISTORY_LIMIT).map(feedbackToView),
      truncated: attempts.length > HISTORY_LIMIT,
    };
  },
} satisfies Partial<HandlerMap>;
