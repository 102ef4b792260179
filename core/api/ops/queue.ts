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
    }),
    output: z.object({ total: z.number().int(), items: z.array(queueItem) }),
  }),

  'worklist-list': op({
    summary: 'All work lists with their counts.',
    role: 'agent',
    input: z.object({}),
    output: z.object({ items: z.array(workListSummary) }),
  }),
} as const;
