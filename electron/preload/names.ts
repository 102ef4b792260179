import type { EventName, OperationName } from '../../core/api';

/*
 * The contract's names, copied as literals for the preload. The preload runs sandboxed, where `require`
 * knows only a few built-ins, and the node bundle keeps zod external — so importing core/api at run time
 * would fail there. `satisfies Record<…, true>` makes tsc report any name added to or removed from the
 * contract until this list follows, and tests/unit/electron/preload.test.ts compares it at run time too.
 */
const operationTable = {
  'app-info': true,
  'customer-lookup': true,
  'queue-list': true,
  'worklist-list': true,
} as const satisfies Record<OperationName, true>;

const eventTable = {
  'job-progress': true,
  'data-changed': true,
} as const satisfies Record<EventName, true>;

export const preloadOperationNames = Object.keys(operationTable) as OperationName[];
export const preloadEventNames = Object.keys(eventTable) as EventName[];

/** IPC channels shared with electron/main (which re-exports them from security.ts). */
export const IPC_INVOKE_CHANNEL = 'rd:invoke';
export const IPC_EVENT_CHANNEL = 'rd:event';
