import { z } from 'zod';
import { op } from '../operation';
import { listTypeSchema, queueItem, riskLevelSchema, taskStatus, workListSummary } from '../schemas';

export const queueOperations = {
  'queue-list': op({
    summary: 'A page of tasks in priority order, optionally filtered.',
    role: 'agent',
    input: z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      listId: z.number().int().optional(),
      listType: listTypeSchema.optional(),
      level: riskLevelSchema.optional(),
      status: taskStatus.optional(),
      /** Supervisors: one agent's tasks, or null for the unassigned ones (未分配). Agents always see their own. */
      agentId: z.string().trim().min(1).max(64).nullable().optional(),
      /** The default is the queue's own order (due call-backs, callable by priority, then blocked by when they lift). */
      sort: z.enum(['default', 'priority', 'dueDate', 'level', 'attempts']).default('default'),
      descending: z.boolean().default(false),
    }),
    output: z.object({
      total: z.number().int(),
      items: z.array(queueItem),
      /** Open tasks nobody is assigned (supervisors; null for an agent). */
      unassigned: z.number().int().nullable(),
    }),
  }),

  'worklist-list': op({
    summary: 'All work lists with their counts.',
    role: 'agent',
    input: z.object({}),
    output: z.object({ items: z.array(workListSummary) }),
  }),
} as const;
