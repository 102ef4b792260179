import { z } from 'zod';
import { op } from '../operation';

export const appOperations = {
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
} as const;
