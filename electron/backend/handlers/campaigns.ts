import { ApiFailure } from '../../../core/api';
import type { CampaignView } from '../../../core/api/ops/campaigns';
import type { CampaignAssignment } from '../../../core/campaigns/campaign';
import { checkSegmentCondition } from '../../../core/segments/segment';
import { agentsWithLoad } from '../../../db/agents';
import { campaignResults, deleteCampaign, getCampaign, insertCampaign, listCampaigns, updateCampaign, type StoredCampaign } from '../../../db/campaigns';
import type { Db } from '../../../db/connection';
import { listExtraColumns } from '../../../db/extra-columns';
import { writeAudit } from '../../../db/workspace';
import { resolveAssignMode } from '../assign-mode';
import type { HandlerMap } from './types';

const noResults = { lists: 0, issued: 0, open: 0 };

function campaignView(c: StoredCampaign, results: ReturnType<typeof campaignResults>): CampaignView {
  const { lastRun, ...rest } = c;
  return {
    ...rest,
    lastRun: lastRun && {
      runDay: lastRun.runDay,
      at: lastRun.at,
      byAgent: lastRun.byAgent,
      trigger: lastRun.trigger,
      listId: lastRun.listId,
      customers: lastRun.customers,
      newTasks: lastRun.newTasks,
      joined: lastRun.joined,
      already: lastRun.already,
      excluded: lastRun.excluded,
    },
    results: results.get(c.id) ?? noResults,
  };
}

/** The agents or group an assignment names must exist, the agents active (as the assign dialog's, handlers/assign.ts). */
function checkAssignment(db: Db, a: CampaignAssignment): void {
  if (a.kind === 'none') return;
  resolveAssignMode(db, a, new Set(agentsWithLoad(db).filter((x) => x.active === 1).map((x) => x.id)), 'assignment');
}

/** Campaigns (issue 17 #2, docs/product.md §5.6); the run itself is electron/backend/campaigns.ts. */
export const campaignHandlers = {
  'campaign-list': (ctx) => {
    const results = campaignResults(ctx.db);
    return { items: listCampaigns(ctx.db).map((c) => campaignView(c, results)) };
  },

  'campaign-save': (ctx, { id, ...c }) => {
    const at = ctx.now().toISOString();
    const db = ctx.db;
    checkAssignment(db, c.assignment);
    const savedId = db.transaction(() => {
      let savedId: number;
      if (id === undefined) {
        const made = insertCampaign(db, { ...c, at, by: ctx.caller.agentId });
        if (made === null) throw new ApiFailure('conflict', 'api.campaign-name-taken', { name: c.name }, { field: 'name' });
        savedId = made;
      } else {
        if (!getCampaign(db, id)) throw new ApiFailure('not-found', 'api.no-such-campaign', { id: String(id) });
        if (!updateCampaign(db, id, { ...c, at })) throw new ApiFailure('conflict', 'api.campaign-name-taken', { name: c.name }, { field: 'name' });
        savedId = id;
      }
      writeAudit(db, {
        at,
        agentId: ctx.caller.agentId,
        action: 'campaign-save',
        target: c.name,
        detail: { id: savedId, schedule: c.schedule, enabled: c.enabled, listType: c.listType, condition: c.condition },
      });
      return savedId;
    })();
    ctx.emit('data-changed', { what: ['campaigns'], at });
    // Saved all the same: it is its run that is refused while a column is missing (electron/backend/campaigns.ts).
    const warnings = checkSegmentCondition(c.condition, { columns: new Set(listExtraColumns(db)) }).warnings.map((w) => ({ code: w.code, params: w.params }));
    return { campaign: campaignView(getCampaign(db, savedId)!, campaignResults(db)), warnings };
  },

  'campaign-delete': (ctx, { id }) => {
    const at = ctx.now().toISOString();
    const c = getCampaign(ctx.db, id);
    if (!c) throw new ApiFailure('not-found', 'api.no-such-campaign', { id: String(id) });
    ctx.db.transaction(() => {
      deleteCampaign(ctx.db, id);
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'campaign-delete', target: c.name, detail: { id } });
    })();
    ctx.emit('data-changed', { what: ['campaigns'], at });
    return { deleted: true };
  },

  'campaign-preview': (ctx, input) => ctx.jobs.start('campaign-preview', input),

  'campaign-run': (ctx, { id }) => {
    if (!getCampaign(ctx.db, id)) throw new ApiFailure('not-found', 'api.no-such-campaign', { id: String(id) });
    return ctx.jobs.start('campaign-run', { id, by: ctx.caller.agentId });
  },
} satisfies Partial<HandlerMap>;
