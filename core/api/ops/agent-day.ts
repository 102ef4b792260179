import { z } from 'zod';
import { op } from '../operation';
import { isoDate, isoDateTime } from '../schemas';

/**
 * A figure of an agent's day or week, with the agent's target for it when one is set (docs/product.md §1
 * "我的今日"). Targets are weekly (issue 17 #5, docs/product.md §7.4): the week's contacts and successes carry the
 * agent's own weekly target; a day's figures, and reached, have none (`target` null) — never an invented one.
 */
const figure = z.object({ value: z.number().int(), target: z.number().nullable() });

/** Contacts (attempts logged), those that reached the customer, and successes (accepted), in one period. */
const periodFigures = z.object({ contacts: figure, reached: figure, successes: figure });

export const agentDayView = z.object({
  agentId: z.string(),
  /** The machine's local date the day figures are of. */
  today: isoDate,
  day: periodFigures,
  /** This local week, Monday–Sunday (as the weekly report): its label and UTC bounds. */
  week: z.object({ label: z.string(), start: isoDateTime, end: isoDateTime }),
  thisWeek: periodFigures,
  /** The agent's groups that have a target this week, with the group's progress (all its members' contacts). */
  groups: z.array(z.object({ id: z.number().int(), name: z.string(), contacts: figure, successes: figure })),
  /** The agent's open tasks with a promised call-back: due now (or overdue), and due later today. */
  callbacks: z.object({ dueNow: z.number().int(), laterToday: z.number().int(), nextAt: isoDateTime.nullable() }),
});
export type AgentDayView = z.infer<typeof agentDayView>;

export const agentDayOperations = {
  'agent-day-get': op({
    summary:
      "An agent's own day and week (我的今日): contacts, reached, successes and call-backs due, with targets where set. An agent reads only their own; a supervisor may name an agent.",
    role: 'agent',
    input: z.object({ agentId: z.string().trim().min(1).max(32).optional() }),
    output: agentDayView,
  }),
} as const;
