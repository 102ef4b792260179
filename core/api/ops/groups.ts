import { z } from 'zod';
import { targetScopeKinds } from '../../report/targets';
import { op } from '../operation';
import { isoDateTime, isoWeek } from '../schemas';

/** A group's name as a supervisor types it: 滨江营业厅外呼组. */
export const groupName = z.string().trim().min(1).max(60);

export const groupView = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Member agent ids, sorted; an agent may be in several groups. */
  agentIds: z.array(z.string()),
  createdAt: isoDateTime,
  createdBy: z.string().nullable(),
});
export type GroupView = z.infer<typeof groupView>;

export const targetScope = z.object({ kind: z.enum(targetScopeKinds), id: z.string().trim().min(1).max(64) });

/** A weekly figure's target: a whole number of contacts or successes, or null for none. */
const targetNumber = z.number().int().min(0).max(1_000_000).nullable();

export const targetView = z.object({
  scope: targetScope,
  /** The list's, agent's or group's name now (null when it is gone, e.g. a purged list). */
  name: z.string().nullable(),
  /** An ISO week (2026-W48), or null for every week. */
  week: z.string().nullable(),
  /** An every-week target's first week, where it replaced an earlier one (whose figures the weeks before keep). */
  fromWeek: z.string().nullable(),
  contacts: targetNumber,
  successes: targetNumber,
  updatedAt: isoDateTime,
  updatedBy: z.string().nullable(),
});

/** A figure against its target: 12 / 40 (target null: none set). */
export const targetFigure = z.object({ value: z.number().int(), target: z.number().int().nullable() });

/** A list's, agent's or group's progress this week against its weekly target (core/report/targets.ts). */
export const targetProgressView = z.object({
  scope: targetScope,
  name: z.string().nullable(),
  contacts: targetFigure,
  successes: targetFigure,
  /** Which targets apply: this week's own, the every-week one, or some of each. */
  from: z.enum(['week', 'every-week', 'both']),
});
export type TargetProgressView = z.infer<typeof targetProgressView>;

/**
 * Agent groups and weekly targets (issue 17 #5, docs/product.md §7.4): supervisors name teams of agents (an agent may
 * be in several), assign a list evenly to a group's members, and see each group in the reports; they set weekly
 * targets of contacts and successes per work list, agent, group or campaign, for one week or every week.
 * Every change is audited.
 */
export const groupOperations = {
  'group-list': op({
    summary: 'Every agent group with its members, by name.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({ items: z.array(groupView) }),
  }),

  'group-save': op({
    summary: 'Create a group (no id) or rename it and set its members; a name taken by another group is refused (conflict), so is an unknown agent. Audited.',
    role: 'supervisor',
    input: z.object({
      id: z.number().int().optional(),
      name: groupName,
      agentIds: z.array(z.string().trim().min(1).max(32)).max(500),
    }),
    output: z.object({ group: groupView, created: z.boolean() }),
  }),

  'group-delete': op({
    summary: 'Delete a group and its targets; its members and their tasks are untouched. Audited.',
    role: 'supervisor',
    input: z.object({ id: z.number().int() }),
    output: z.object({}),
  }),

  'target-list': op({
    summary: 'Every weekly target set, with the name of what it is for.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({ items: z.array(targetView) }),
  }),

  'target-save': op({
    summary:
      'Set the weekly contacts and successes target of a work list, agent, group or campaign, for one ISO week or (week null) every week; both figures null removes it. An unknown list, agent, group or campaign is refused. Audited.',
    role: 'supervisor',
    input: z.object({ scope: targetScope, week: isoWeek.nullable(), contacts: targetNumber, successes: targetNumber }),
    output: z.object({ target: targetView.nullable() }),
  }),
} as const;
