import type { CampaignAssignment, CampaignSchedule } from '../core/campaigns/campaign';
import type { Db } from './connection';
import { stmt } from './statements';

/** A campaign as stored (migration 017): what a supervisor sets (CampaignFields), and what the desk keeps of it. */
export interface StoredCampaign extends CampaignFields {
  id: number;
  builtin: string | null;
  source: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  lastRun: CampaignRunRow | null;
}

export interface CampaignRunRow {
  id: number;
  campaignId: number;
  runDay: string;
  at: string;
  byAgent: string | null;
  trigger: string;
  listId: number | null;
  customers: number;
  newTasks: number;
  joined: number;
  already: number;
  excluded: number;
  detail: unknown;
}

type CampaignLine = {
  id: number;
  name: string;
  builtin: string | null;
  source: string | null;
  segment_id: number | null;
  condition: string;
  list_type: string;
  offer_family: string | null;
  due_days: number;
  assignment: string;
  schedule: CampaignSchedule;
  enabled: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
};
type RunLine = {
  id: number;
  campaign_id: number;
  run_day: string;
  at: string;
  by_agent: string | null;
  trigger: string;
  list_id: number | null;
  customers: number;
  new_tasks: number;
  joined: number;
  already: number;
  excluded: number;
  detail: string;
};

const runOf = (r: RunLine): CampaignRunRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  runDay: r.run_day,
  at: r.at,
  byAgent: r.by_agent,
  trigger: r.trigger,
  listId: r.list_id,
  customers: r.customers,
  newTasks: r.new_tasks,
  joined: r.joined,
  already: r.already,
  excluded: r.excluded,
  detail: JSON.parse(r.detail) as unknown,
});

function campaignOf(db: Db, r: CampaignLine): StoredCampaign {
  const last = stmt(db, 'SELECT * FROM campaign_runs WHERE campaign_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(r.id) as RunLine | undefined;
  return {
    id: r.id,
    name: r.name,
    builtin: r.builtin,
    source: r.source,
    segmentId: r.segment_id,
    condition: JSON.parse(r.condition) as unknown,
    listType: r.list_type,
    offerFamily: r.offer_family,
    dueDays: r.due_days,
    assignment: JSON.parse(r.assignment) as CampaignAssignment,
    schedule: r.schedule,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    lastRun: last ? runOf(last) : null,
  };
}

export function listCampaigns(db: Db): StoredCampaign[] {
  return (stmt(db, 'SELECT * FROM campaigns ORDER BY builtin IS NOT NULL, name').all() as CampaignLine[]).map((r) => campaignOf(db, r));
}

export function getCampaign(db: Db, id: number): StoredCampaign | undefined {
  const r = stmt(db, 'SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignLine | undefined;
  return r ? campaignOf(db, r) : undefined;
}

export interface CampaignFields {
  name: string;
  segmentId: number | null;
  condition: unknown;
  listType: string;
  offerFamily: string | null;
  dueDays: number;
  assignment: CampaignAssignment;
  schedule: CampaignSchedule;
  enabled: boolean;
}

/** A new campaign; null when the name is taken. */
export function insertCampaign(db: Db, c: CampaignFields & { builtin?: string | null; source?: string | null; at: string; by: string | null }): number | null {
  const r = stmt(
    db,
    `INSERT INTO campaigns (name, builtin, source, segment_id, condition, list_type, offer_family, due_days, assignment, schedule, enabled, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(
    c.name,
    c.builtin ?? null,
    c.source ?? null,
    c.segmentId,
    JSON.stringify(c.condition),
    c.listType,
    c.offerFamily,
    c.dueDays,
    JSON.stringify(c.assignment),
    c.schedule,
    c.enabled ? 1 : 0,
    c.at,
    c.by,
    c.at,
  );
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

/** Changes a campaign; false when the new name belongs to another campaign. */
export function updateCampaign(db: Db, id: number, c: CampaignFields & { at: string }): boolean {
  const clash = stmt(db, 'SELECT 1 FROM campaigns WHERE name = ? AND id <> ?').pluck().get(c.name, id);
  if (clash !== undefined) return false;
  stmt(
    db,
    `UPDATE campaigns SET name = ?, segment_id = ?, condition = ?, list_type = ?, offer_family = ?, due_days = ?, assignment = ?, schedule = ?, enabled = ?, updated_at = ?
      WHERE id = ?`,
  ).run(c.name, c.segmentId, JSON.stringify(c.condition), c.listType, c.offerFamily, c.dueDays, JSON.stringify(c.assignment), c.schedule, c.enabled ? 1 : 0, c.at, id);
  return true;
}

/** Deletes a campaign and its run records; its lists and their tasks stay (they are work done), no longer marked as its. */
export function deleteCampaign(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM campaigns WHERE id = ?').run(id).changes === 1;
}

/** The campaign's list for a run day, if a run that day made one. */
export function campaignListOf(db: Db, campaignId: number, runDay: string): number | undefined {
  return stmt(db, 'SELECT id FROM work_lists WHERE campaign_id = ? AND period = ?').pluck().get(campaignId, runDay) as number | undefined;
}

export function insertCampaignList(
  db: Db,
  l: { campaignId: number; name: string; type: string; runDay: string; dueDate: string; offerFamily: string | null; at: string },
): number {
  const r = stmt(
    db,
    `INSERT INTO work_lists (name, list_type, period, due_date, source_file, source_hash, imported_at, demo, campaign_id, offer_family)
     VALUES (?, ?, ?, ?, NULL, NULL, ?, 0, ?, ?)`,
  ).run(l.name, l.type, l.runDay, l.dueDate, l.at, l.campaignId, l.offerFamily);
  return Number(r.lastInsertRowid);
}

/** Is a list name taken for the period (work_lists_name_period)? A campaign's list then gets a distinguishing suffix. */
export function workListNameTaken(db: Db, name: string, period: string): boolean {
  return stmt(db, "SELECT 1 FROM work_lists WHERE name = ? AND ifnull(period, '') = ?").pluck().get(name, period) !== undefined;
}

/**
 * The customers on a current list of this campaign (its due date today or later), whatever their task's state:
 * the "already" of core/campaigns/campaign.ts.
 */
export function customersOnCurrentLists(db: Db, campaignId: number, today: string): Set<number> {
  const rows = stmt(
    db,
    'SELECT m.msisdn FROM work_lists w JOIN list_members m ON m.list_id = w.id WHERE w.campaign_id = ? AND w.closed_at IS NULL AND w.due_date >= ?',
  )
    .pluck()
    .all(campaignId, today) as number[];
  return new Set(rows);
}

/** The open task of each of these customers (at most one each). */
export function openTasksOf(db: Db, msisdns: readonly number[]): Map<number, number> {
  if (msisdns.length === 0) return new Map();
  const rows = stmt(db, 'SELECT t.msisdn, t.id FROM json_each(?) j CROSS JOIN tasks t ON t.msisdn = j.value WHERE t.closed_at IS NULL')
    .raw()
    .all(JSON.stringify(msisdns)) as [number, number][];
  return new Map(rows);
}

export function insertCampaignRun(
  db: Db,
  r: { campaignId: number; runDay: string; at: string; by: string | null; trigger: string; listId: number | null; customers: number; newTasks: number; joined: number; already: number; excluded: number; detail: unknown },
): number {
  const info = stmt(
    db,
    `INSERT INTO campaign_runs (campaign_id, run_day, at, by_agent, trigger, list_id, customers, new_tasks, joined, already, excluded, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.campaignId, r.runDay, r.at, r.by, r.trigger, r.listId, r.customers, r.newTasks, r.joined, r.already, r.excluded, JSON.stringify(r.detail));
  return Number(info.lastInsertRowid);
}

/** Each campaign's lists, customers issued and tasks still open — counted as `listWorkLists` counts a list. */
export function campaignResults(db: Db): Map<number, { lists: number; issued: number; open: number }> {
  const rows = stmt(
    db,
    `SELECT w.campaign_id AS id, count(DISTINCT w.id) AS lists, count(m.msisdn) AS issued,
            count(CASE WHEN t.closed_at IS NULL AND m.task_id IS NOT NULL THEN 1 END) AS open
       FROM work_lists w
       LEFT JOIN list_members m ON m.list_id = w.id
       LEFT JOIN tasks t ON t.id = m.task_id
      WHERE w.campaign_id IS NOT NULL
      GROUP BY w.campaign_id`,
  ).all() as { id: number; lists: number; issued: number; open: number }[];
  return new Map(rows.map((r) => [r.id, { lists: r.lists, issued: r.issued, open: r.open }]));
}

/** The last day a campaign ran on its own once-a-day schedule (null: never). */
export function lastDailyRunDay(db: Db, campaignId: number): string | null {
  return (stmt(db, "SELECT max(run_day) FROM campaign_runs WHERE campaign_id = ? AND trigger = 'daily'").pluck().get(campaignId) as string | null) ?? null;
}

/** Campaign names by id. */
export function campaignNames(db: Db): Map<number, string> {
  return new Map(stmt(db, 'SELECT id, name FROM campaigns').raw().all() as [number, string][]);
}
