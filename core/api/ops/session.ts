import { z } from 'zod';
import { op } from '../operation';
import { agentIdInput as agentId, agentRole, pinSchema as pin } from '../schemas';

export const signedInAgent = z.object({
  id: z.string(),
  name: z.string(),
  role: agentRole,
});
export type SignedInAgent = z.infer<typeof signedInAgent>;

const signedIn = z.object({ token: z.string(), agent: signedInAgent, idleMinutes: z.number().int() });

export const sessionOperations = {
  'session-status': op({
    summary: 'Who is signed in with this session (if anyone), whether the workspace still needs its first supervisor, and the demo accounts in the demo workspace only.',
    role: 'public',
    input: z.object({}),
    output: z.object({
      agent: signedInAgent.nullable(),
      needsSetup: z.boolean(),
      demoAccounts: z.array(signedInAgent.extend({ pin: z.string() })).nullable(),
      /** Minutes without activity after which a session ends. */
      idleMinutes: z.number().int(),
    }),
  }),

  'session-sign-in': op({
    summary: 'Sign in with agent id and PIN; returns the session token the transport sends with every later call.',
    role: 'public',
    input: z.object({ agentId, pin: z.string().max(64) }),
    output: signedIn,
  }),

  'session-sign-out': op({
    summary: 'End this session.',
    role: 'public',
    input: z.object({}),
    output: z.object({}),
  }),

  'session-setup': op({
    summary: 'First run of a real workspace: create the supervisor account and sign in. Refused once any account exists.',
    role: 'public',
    input: z.object({ agentId, name: z.string().trim().min(1).max(40), pin }),
    output: signedIn,
  }),
} as const;
