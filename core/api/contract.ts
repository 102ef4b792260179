import { z } from 'zod';
import { apiErrorView, isoDateTime } from './schemas';
import { agentDayOperations } from './ops/agent-day';
import { appOperations } from './ops/app';
import { assignOperations } from './ops/assign';
import { auditOperations } from './ops/audit';
import { attemptOperations } from './ops/attempts';
import { catalogueOperations } from './ops/catalogue';
import { contactPolicyOperations } from './ops/contact-policy';
import { customerOperations } from './ops/customer';
import { groupOperations } from './ops/groups';
import { jobsOperations } from './ops/jobs';
import { outcomeOperations } from './ops/outcomes';
import { queueOperations } from './ops/queue';
import { reportOperations } from './ops/reports';
import { riskOperations } from './ops/risk';
import { segmentOperations } from './ops/segments';
import { campaignOperations } from './ops/campaigns';
import { sessionOperations } from './ops/session';
import { worklistOperations } from './ops/worklist';

export type { Role } from './operation';

/**
 * THE contract between the UI and the backend (docs/architecture.md "One contract").
 * Each operation is named once, kebab-case noun-verb, with one object argument and zod schemas for both
 * directions, in one file per area under ops/, joined here. Both transports (Electron IPC and browser-mode
 * HTTP) move only these names and JSON. `role` is the least role allowed; the backend checks it on every call.
 */
export const operations = {
  ...appOperations,
  ...sessionOperations,
  ...customerOperations,
  ...queueOperations,
  ...jobsOperations,
  ...worklistOperations,
  ...riskOperations,
  ...contactPolicyOperations,
  ...attemptOperations,
  ...outcomeOperations,
  ...catalogueOperations,
  ...reportOperations,
  ...assignOperations,
  ...auditOperations,
  ...agentDayOperations,
  ...segmentOperations,
  ...campaignOperations,
  ...groupOperations,
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
    error: apiErrorView.optional(),
  }),
  'data-changed': z.object({ what: z.array(z.string()), at: isoDateTime }),
  /** A call-back the customer asked for has come due: told to its agent's sessions (and supervisors) at that minute. */
  'callback-due': z.object({
    taskId: z.number().int(),
    agentId: z.string().nullable(),
    msisdnMasked: z.string(),
    nameMasked: z.string().nullable(),
    callbackAt: isoDateTime,
  }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
export const eventNames = Object.keys(events) as EventName[];
