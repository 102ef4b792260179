import { ApiFailure, type OperationOutput } from '../../../core/api';
import { checkSegmentCondition } from '../../../core/segments/segment';
import { listExtraColumns } from '../../../db/extra-columns';
import { moreSubscribersThan } from '../../../db/scores';
import { deleteSegment, insertSegment, listSegments, renameSegment } from '../../../db/segments';
import { writeAudit } from '../../../db/workspace';
import { localDate } from '../context';
import type { SegmentPreviewPayload } from '../jobs/segment-preview';
import { previewSegment } from '../segments';
import type { HandlerMap } from './types';

/** Customers up to which a segment is previewed on the backend's thread (one scan, ~100 ms at most). */
export const SEGMENT_INLINE_SUBSCRIBERS = 50_000;

export const segmentHandlers = {
  'segment-preview': async (ctx, { condition }) => {
    const payload: SegmentPreviewPayload = { condition, today: localDate(ctx.now()) };
    // At a million customers the scan takes a second or two: in a worker, so every other call (an agent's hall
    // look-up) is still answered meanwhile. A small workspace is scanned here: a worker costs more to start.
    return moreSubscribersThan(ctx.db, SEGMENT_INLINE_SUBSCRIBERS)
      ? ((await ctx.jobs.compute('segment-preview', payload)) as OperationOutput<'segment-preview'>)
      : previewSegment(ctx.db, payload.condition, payload.today);
  },

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

  'segment-rename': (ctx, { id, name }) => {
    const at = ctx.now().toISOString();
    const renamed = ctx.db.transaction(() => {
      const before = renameSegment(ctx.db, id, name);
      if (before === null) throw new ApiFailure('not-found', 'api.no-such-segment', { id: String(id) });
      if (before === 'taken') throw new ApiFailure('conflict', 'api.segment-name-taken', { name }, { field: 'name' });
      if (before === name) return false;
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'segment-rename', target: name, detail: { id, formerName: before } });
      return true;
    })();
    if (renamed) ctx.emit('data-changed', { what: ['segments'], at });
    return { renamed };
  },

  'segment-delete': (ctx, { id }) => {
    const at = ctx.now().toISOString();
    ctx.db.transaction(() => {
      const name = deleteSegment(ctx.db, id);
      if (name === null) throw new ApiFailure('not-found', 'api.no-such-segment', { id: String(id) });
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'segment-delete', target: name, detail: { id } });
    })();
    ctx.emit('data-changed', { what: ['segments'], at });
    return { deleted: true };
  },

  'segment-list': (ctx) => ({ items: listSegments(ctx.db) }),
} satisfies Partial<HandlerMap>;
