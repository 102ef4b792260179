import { latestSchemaVersion } from '../../../db/migrations';
import { getWorkspaceValue, workspaceCounts } from '../../../db/workspace';
import { appVersion } from '../version';
import type { HandlerMap } from './types';

export const appHandlers = {
  'app-info': (ctx) => ({
    version: appVersion,
    schemaVersion: latestSchemaVersion,
    demo: getWorkspaceValue(ctx.db, 'demo') === '1',
    counts: workspaceCounts(ctx.db),
  }),
} satisfies Partial<HandlerMap>;
