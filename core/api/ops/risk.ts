import { z } from 'zod';
import { jobView } from '../exchange';
import { op } from '../operation';

export const riskOperations = {
  'risk-recompute': op({
    summary: 'Recompute every subscriber’s risk, tags and queue priority with the active configuration (a job).',
    role: 'supervisor',
    input: z.object({}),
    output: jobView,
  }),
} as const;
