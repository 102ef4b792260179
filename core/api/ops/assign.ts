import { z } from 'zod';
import { op } from '../operation';
import { agentIdInput, agentRole, isoDateTime, pinSchema } from '../schemas';

/** What to assign and how; `task-assign-preview` takes the same. */
const assignInput = z
  .object({
    listId: z.number().int().optional(),
    taskIds: z.array(z.number().int()).min(1).max(100_000).optional(),
    mode: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('evenly'), agentIds: z.array(z.string().min(1)).min(1).max(500) }),
      z.object({ kind: z.literal('by-column'), column: z.string().min(1).max(100) }),
      z.object({ kind: z.literal('to'), agentId: z.string().min(1) }),
      /** Evenly to the active members of an agent group (issue 17 #5), as they are when the tasks are given. */
      z.object({ kind: z.literal('group'), groupId: z.number().int() }),
    ]),
    /** Leave tasks that already have an agent as they are (the default); false reassigns them too. */
    onlyUnassigned: z.boolean().default(true),
  })
  .refine((i) => i.listId !== undefined || i.taskIds !== undefined, { message: 'Give a list or tasks. / 请指定清单或任务。' });

const assignResult = z.object({
  considered: z.number().int(),
  assigned: z.number().int(),
  perAgent: z.record(z.string(), z.number().int()),
  unmatched: z.array(z.object({ value: z.string(), tasks: z.number().int() })),
  blank: z.number().int(),
  /** Open tasks (every list) of each agent the assignment changes — and of every agent chosen — before and after. */
  loads: z.array(z.object({ agentId: z.string(), before: z.number().int(), after: z.number().int() })),
    });

export const agentView = z.object({
  id: z.string(),
  name: z.string(),
  role: agentRole,
  hall: z.string().nullable(),
  active: z.boolean(),
  openTasks: z.number().int(),
  /** Locked after too many wrong PINs until then (UTC ISO); null when the id may sign in. A PIN reset lifts it. */
  lockedUntil: isoDateTime.nullable(),
});

export const assignOperations = {
  'agent-list': op({
    summary: 'The workspace’s accounts with how many open tasks each holds.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({ items: z.array(agentView) }),
  }),

  'task-assign': op({
    summary: 'Give open tasks (of a list, or hand-picked) to agents: evenly, evenly to a group’s members, by a column naming the agent (客户经理, 营业厅, 执行人…), or all to one agent. Reports what matched nobody.',
    role: 'supervisor',
    input: assignInput,
    output: assignResult,
  }),

  'task-assign-preview': op({
    summary: 'What task-assign would do with the same input, without doing it: how many tasks each agent would get and their open load before and after.',
    role: 'supervisor',
    input: assignInput,
    output: assignResult,
  }),

  'agent-save': op({
    summary: 'Create an account or change its name, role, hall or whether it may sign in; a new account needs its first PIN. Audited.',
    role: 'supervisor',
    input: z.object({
      id: agentIdInput,
      name: z.string().trim().min(1).max(40),
      role: agentRole,
      hall: z.string().trim().max(60).nullable().default(null),
      active: z.boolean().default(true),
      /** Required for a new account; given for an id already taken, refused (a creation must not overwrite an account; a new PIN is agent-reset-pin). */
      pin: pinSchema.optional(),
    }),
    output: z.object({ agent: agentView, created: z.boolean() }),
  }),

  'agent-reset-pin': op({
    summary: 'Give an account a new PIN (the agent forgot it, or it leaked); its open sessions end and its lock is lifted. Audited.',
    role: 'supervisor',
    input: z.object({ id: z.string().min(1).max(32), pin: pinSchema }),
    output: z.object({}),
  }),
} as const;
