import type { z } from 'zod';

export type Role = 'agent' | 'supervisor';

/** One operation of the contract: zod schemas for both directions, the least role allowed, a summary. */
export interface OperationDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  role: Role | 'public';
  summary: string;
}
export const op = <I extends z.ZodType, O extends z.ZodType>(d: OperationDef<I, O>) => d;
