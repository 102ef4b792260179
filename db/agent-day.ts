import type { Db } from './connection';
import { stmt } from './statements';

export interface ContactCounts {
  contacts: number;
  reached: number;
  successes: number;
}

/**
 * The counts below, on the `attempts_agent` index (agent, time, outcome), reading no attempt row: the agents' own attempts only. On `attempts_at` it read
 * every attempt of the desk's week — 25–70 ms at 30,000 a week — on the save's path since `attempt-log` answers with
 * the agent's day (migration 035).
 */
export const contactCountsSql = `SELECT count(*) AS contacts,
            ifnull(sum(disposition IN (SELECT value FROM json_each(@reached))), 0) AS reached,
            ifnull(sum(disposition = 'accepted'), 0) AS successes
       FROM attempts WHERE at >= @from AND at < @to AND agent_id IN (SELECT value FROM json_each(@agents))`;

/**
 * An agent's (or a group's members', issue 17 #5) attempts in [from, to) (UTC instants): how many, how many reached the customer (a disposition in
 * `reached`: the caller passes core/contact/codes.ts's reached group), how many were accepted. Counted as
 * contacts, one per attempt (docs/product.md §1 "我的今日"; the weekly targets count alike, core/report/targets.ts),
 * on the `attempts_agent` index.
 */
export function contactCounts(db: Db, agentId: string | readonly string[], fromIso: string, toIso: string, reached: readonly string[]): ContactCounts {
  const row = stmt(db, contactCountsSql).get({ reached: JSON.stringify(reached), from: fromIso, to: toIso, agents: JSON.stringify(typeof agentId === 'string' ? [agentId] : agentId) }) as ContactCounts;
  return { contacts: row.contacts, reached: row.reached, successes: row.successes };
}

/**
 * The agent's open tasks with a promised call-back: due at `nowIso` or before (overdue ones too), and due after
 * it but before `dayEndIso`, with the soonest of those.
 */
export function callbackCounts(db: Db, agentId: string, nowIso: string, dayEndIso: string): { dueNow: number; laterToday: number; nextAt: string | null } {
  const row = stmt(
    db,
    `SELECT ifnull(sum(callback_at <= @now), 0) AS dueNow,
            ifnull(sum(callback_at > @now AND callback_at < @end), 0) AS laterToday,
            min(CASE WHEN callback_at > @now AND callback_at < @end THEN callback_at END) AS nextAt
       FROM tasks WHERE agent_id = @agent AND closed_at IS NULL AND callback_at IS NOT NULL`,
  ).get({ now: nowIso, end: dayEndIso, agent: agentId }) as { dueNow: number; laterToday: number; nextAt: string | null };
  return { dueNow: row.dueNow, laterToday: row.laterToday, nextAt: row.nextAt };
}
