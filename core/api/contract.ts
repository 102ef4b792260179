import { z } from 'zod';
import {
  attemptView,
  isoDateTime,
  msisdnInput,
  queueItem,
  subscriberView,
  taskStatus,
  workListSummary,
} from './schemas';

/**
 * THE contract between the UI and the backend (ARCHITECTURE "One contract, two transports").
 * Each operation is named once, kebab-case noun-verb, with one object argument and zod schemas for both
 * directions. Both transports (Electron IPC and browser-mode HTTP) move only these names and JSON.
 *
 * `role` is the least role allowed to call it; the backend checks it on every call.
 */
export type Role = 'agent' | 'supervisor';

interface OperationDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  role: Role | 'public';
  summary: string;
}
const op = <I extends z.ZodType, O extends z.ZodType>(d: OperationDef<I, O>) => d;

export const operations = {
  'app-info': op({
    summary: 'What this workspace is: version, schema, whether it is the demo, and how much it holds.',
    role: 'public',
    input: z.object({}),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      demo: z.boolean(),
      counts: z.object({
        subscribers: z.number().int(),
        lists: z.number().int(),
        tasks: z.number().int(),
        attempts: z.number().int(),
      }),
    }),
  }),

  'customer-lookup': op({
    summary: 'Hall look-up: a typed or pasted number to the stored customer card.',
    role: 'agent',
    input: z.object({ msisdn: msisdnInput }),
    output: z.discriminatedUnion('found', [
      z.object({ found: z.literal(false), msisdnMasked: z.string().nullable(), invalid: z.boolean() }),
      z.object({
        found: z.literal(true),
        customer: subscriberView,
        lists: z.array(workListSummary.pick({ id: true, name: true, type: true, dueDate: true })),
        task: z
          .object({ id: z.number().int(), status: taskStatus, agentId: z.string().nullable(), attempts: z.number().int() })
          .nullable(),
        recentAttempts: z.array(attemptView),
      }),
    ]),
  }),

  'queue-list': op({
    summary: 'A page of tasks in priority order, optionally filtered.',
    role: 'agent',
    input: z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      listId: z.number().int().optional(),
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

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

export const isOperationName = (name: unknown): name is OperationName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);

/** Events the backend pushes to the UI (progress of long jobs, data changes). */
export const events = {
  'job-progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    phase: z.string(),
    done: z.number(),
    total: z.number().nullable(),
    finished: z.boolean(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  'data-changed': z.object({ what: z.array(z.string()), at: isoDateTime }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
export const eventNames = Object.keys(events) as EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
