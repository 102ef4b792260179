/*
 * The contract's names for the preload's allow-list. The preload is bundled on its own with zod inside
 * (scripts/build-node.mjs), because the sandboxed preload's `require` knows only a few built-ins.
 */
export { eventNames as preloadEventNames, operationNames as preloadOperationNames } from '../../core/api';

/** IPC channels shared with electron/main (which re-exports them from security.ts). */
export const IPC_INVOKE_CHANNEL = 'rd:invoke';
export const IPC_EVENT_CHANNEL = 'rd:event';
