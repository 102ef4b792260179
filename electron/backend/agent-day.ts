import type { AgentDayView } from '../../core/api';
import { isoWeekOf } from '../../core/calendar';
import { dispositions, isReached } from '../../core/contact/codes';
import { targetFor } from '../../core/report/targets';
import { callbackCounts, contactCounts, type ContactCounts } from '../../db/agent-day';
import { groupsOfAgent } from '../../db/groups';
import { listTargets } from '../../db/targets';
import { localDate, localDayStart, localTimeOn, type HandlerContext } from './context';
import { activeContactPolicy } from './contact-policy';
import { weekRange } from './weeks';

const reachedDispositions = dispositions.filter(isReached);

/** A day's figures: targets are weekly, so none (docs/product.md §7.4). */
const withoutTargets = (c: ContactCounts) => ({
  contacts: { value: c.contacts, target: null },
  reached: { value: c.reached, target: null },
  successes: { value: c.successes, target: null },
});

/** The week's figures against a weekly target (contacts and successes; reached has none). */
const withTarget = (c: ContactCounts, t: { contacts: number | null; successes: number | null } | null) => ({
  contacts: { value: c.contacts, target: t?.contacts ?? null },
  reached: { value: c.reached, target: null },
  successes: { value: c.successes, target: t?.successes ?? null },
});

/**
 * Until when a call-back counts as "later today": the end of today's calling hours for the phone (a call-back
 * promised for 21:44 is called tomorrow at 09:00, as the queue says; the count said 今天稍后 1（最早 21:44）), else
 * midnight.
 */
function callbacksEnd(ctx: HandlerContext, today: string, dayEnd: string): string {
  const policy = activeContactPolicy(ctx.db);
  if (!policy.hoursChannels.includes('phone')) return dayEnd;
  const closing = localTimeOn(today, policy.phoneEndMinute);
  return closing < dayEnd ? closing : dayEnd;
}

/**
 * An agent's 我的今日 now (docs/product.md §1): what `agent-day-get` answers, and what `attempt-log` answers with for
 * the agent who logged, so the figures follow a save without a call of their own (§11.6: a logged outcome costs at
 * most 2 calls).
 */
export function agentDayOf(ctx: HandlerContext, agentId: string): AgentDayView {
  const now = ctx.now();
  // Days and weeks are the machine's local ones, as everywhere (context.ts localDate, weeks.ts).
  const today = localDate(now);
  const dayStart = localDayStart(today);
  const dayEnd = localDayStart(today, 1);
  const week = weekRange(isoWeekOf(today));
  const targets = listTargets(ctx.db);
  return {
    agentId,
    today,
    day: withoutTargets(contactCounts(ctx.db, agentId, dayStart, dayEnd, reachedDispositions)),
    week,
    thisWeek: withTarget(contactCounts(ctx.db, agentId, week.start, week.end, reachedDispositions), targetFor(targets, { kind: 'agent', id: agentId }, week.label)),
    // The agent's groups with a target this week, each with all its members' contacts (core/report/targets.ts).
    groups: groupsOfAgent(ctx.db, agentId).flatMap((g) => {
      const target = targetFor(targets, { kind: 'group', id: String(g.id) }, week.label);
      if (!target) return [];
      const c = withTarget(contactCounts(ctx.db, g.agentIds, week.start, week.end, reachedDispositions), target);
      return [{ id: g.id, name: g.name, contacts: c.contacts, successes: c.successes }];
    }),
    callbacks: callbackCounts(ctx.db, agentId, now.toISOString(), callbacksEnd(ctx, today, dayEnd)),
  };
}
