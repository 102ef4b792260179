import { ApiFailure } from '../../../core/api';
import { checkSegmentCondition } from '../../../core/segments/segment';
import { listExtraColumns } from '../../../db/extra-columns';
import { insertSegment, listSegments } from '../../../db/segments';
import { writeAudit } from '../../../db/workspace';
import { localDate } from '../context';
import { previewSegment } from '../segments';
import type { HandlerMap } from './types';

export const segmentHandlers = {
  'segment-preview': (ctx, { condition }) => previewSegment(ctx.db, condition, localDate(ctx.now())),

  'segment-save': (ctx, { name, condition }) => {
    const at = ctx.now().toISOString();
    const id = ctx.db.transaction(() => {
      const id = insertSegment(ctx.db, { name, condition, at, by: ctx.caller.agentId });
      if (id === null) throw new ApiFailure('conflict', 'api.segment-name-taken', { name }, { field: 'name' });
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'segment-save', target: name, detail: { condition } });
      return id;
    })();
    ctx.emit('data-changed', { what: ['segments'], at });
    // Saved all the same: a segment may be written before the file that brings its column (condition.ts, "Unknown").
    const warnings = checkSegmentCondition(condition, { columns: new Set(listExtraColumns(ctx.db)) }).warnings.map((w) => ({ code: w.code, params: w.params }));
    return { segment: { id, name, condition, createdAt: at, createdBy: ctx.caller.agentId }, warnings };
  },

  'segment-list': (ctx) => ({ items: listSegments(ctx.db) }),
} satisfies Partial<HandlerMap>;
