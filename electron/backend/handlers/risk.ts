import { localDate } from '../context';
import type { HandlerMap } from './types';

export const riskHandlers = {
  'risk-recompute': (ctx) => ctx.jobs.start('risk-recompute', { today: localDate(ctx.now()) }),
} satisfies Partial<HandlerMap>;
