import { campaignNames } from '../../db/campaigns';
import type { TargetProgressView } from '../../core/api';
import { reportTargetProgress, type TargetScope } from '../../core/report/targets';
import type { ReportInput } from '../../core/report/weekly';
import type { Db } from '../../db/connection';
import { listAgents } from '../../db/agents';
import { listGroups } from '../../db/groups';
import { listTargets } from '../../db/targets';
import { workListNames } from '../../db/worklists';

/**
 * Progress against this week's targets (core/report/targets.ts) over the weekly report's input — the dashboard's
 * and the result workbook's — named as the screens name lists, agents and groups.
 */
export function weekTargets(db: Db, input: ReportInput, week: { label: string; start: string; end: string }): TargetProgressView[] {
  const targets = listTargets(db);
  if (targets.length === 0) return [];
  const name = scopeNames({ db });
  // Which campaign made each list: the report's input says it already.
  const campaignOf = new Map(input.lists.map((l) => [l.id, l.campaignId ?? null]));
  return reportTargetProgress(input, { label: week.label, start: week.start, end: week.end }, targets, (listId) => {
    const c = campaignOf.get(listId);
    return c === undefined || c === null ? null : String(c);
  }).map((r) => ({ ...r, name: name(r.scope) }));
}

/** The name of each list, agent, group and campaign a target may be for, as the screens show them. */
export function scopeNames(ctx: { db: Db }): (scope: TargetScope) => string | null {
  // Names only: not the lists' counts, which read every membership.
  const lists = new Map([...workListNames(ctx.db)].map(([id, n]) => [String(id), n]));
  const agents = new Map(listAgents(ctx.db).map((a) => [a.id, a.name]));
  const groups = new Map(listGroups(ctx.db).map((g) => [String(g.id), g.name]));
  const campaigns = campaignNames(ctx.db);
  return (s) => (s.kind === 'list' ? lists.get(s.id) : s.kind === 'agent' ? agents.get(s.id) : s.kind === 'group' ? groups.get(s.id) : campaigns.get(Number(s.id))) ?? null;
}
