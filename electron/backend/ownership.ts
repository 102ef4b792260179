import type { Caller } from './types';

/**
 * Who may use what a session started — a staged file, a job, its progress events (issue 12 #5): a supervisor (and the
 * local CLI, a supervisor without an id) everything; an agent only what their own sessions started.
 */
export function mayAccess(owner: string | null, caller: Caller): boolean {
  if (caller.role === 'supervisor') return true;
  return caller.role === 'agent' && caller.agentId !== null && owner === caller.agentId;
}
