import { ApiFailure } from '../../core/api';
import { builtinCampaigns, CAMPAIGN_LIST_SUFFIX } from '../../core/campaigns/defaults';
import { addDays, addFate, campaignFate, finishTally, scheduledFor, type CampaignTally } from '../../core/campaigns/campaign';
import type { ContactReasonCode } from '../../core/contact/policy';
import { checkSegmentCondition, type SegmentCondition } from '../../core/segments/segment';
import { planAssignment, tasksPerAgent, type AssignableTask } from '../../core/worklist/assign';
import { listTypeLabels, type ListType } from '../../core/worklist/fields';
import { agentsWithLoad } from '../../db/agents';
import { applyAssignments, assignableTasks } from '../../db/assign';
import {
  campaignListOf,
  customersOnCurrentLists,
  getCampaign,
  insertCampaignList,
  insertCampaign,
  insertCampaignRun,
  lastDailyRunDay,
  listCampaigns,
  openTasksOf,
  workListNameTaken,
  type StoredCampaign,
} from '../../db/campaigns';
import type { Db } from '../../db/connection';
import { listExtraColumns } from '../../db/extra-columns';
import { subscriberContactRows, insertTask } from '../../db/tasks';
import { getWorkspaceValue, setWorkspaceValue, writeAudit } from '../../db/workspace';
import { listMemberInserter } from '../../db/worklists';
import { resolveAssignMode } from './assign-mode';
import { contactContext, refreshQueueBlocks, subscriberFacts } from './contact';
import { activeContactPolicy } from './contact-policy';
import { localDate } from './context';
import { scoreSubscribers } from './scoring';
import { scanSegment } from './segments';

/** A campaign as a run reads it: a saved one, or a definition being previewed before it is saved (id null). */
export type CampaignToRun = Pick<StoredCampaign, 'name' | 'condition' | 'listType' | 'offerFamily' | 'dueDays' | 'assignment'> & { id: number | null };

/** The saved campaign to run, or not-found. */
export function campaignToRun(db: Db, id: number): StoredCampaign {
  const c = getCampaign(db, id);
  if (!c) throw new ApiFailure('not-found', 'api.no-such-campaign', { id: String(id) });
  return c;
}

/** What a campaign run did, or a preview says it would do (the same code: docs/product.md §5.6). */
export interface CampaignRunOutcome extends CampaignTally {
  campaignId: number | null;
  name: string;
  runDay: string;
  dueDate: string;
  /** The list the run created or added to (null for a preview, or when nobody was added). */
  listId: number | null;
  listName: string;
  /** New tasks given to an agent by the campaign's assignment rule. */
  assigned: number;
  /** The new tasks each agent gets, most first: planned for a preview (not by column), given by a run. */
  byAgent: { agentId: string; tasks: number }[];
  /** Column values of a by-column assignment that named nobody (their tasks stay unassigned). */
  unmatched: { value: string; tasks: number }[];
  /** The customers stored (what the condition was judged over). */
  stored: number;
}

export interface CampaignRunOptions {
  now: Date;
  /** false: a preview — nothing is written, the counts are those a run would give. */
  write: boolean;
  by: string | null;
  trigger: 'manual' | 'import' | 'daily';
  onBatch?: (done: number, total: number) => void;
}

const BATCH = 500;

/**
 * A campaign's condition must be judgeable now: a column no file has brought would make it select nobody in
 * silence, so a run (and its preview) is refused naming the column (issue 17, "Bad input").
 */
function checkRunnable(db: Db, c: CampaignToRun): SegmentCondition {
  const columns = new Set(listExtraColumns(db));
  const check = checkSegmentCondition(c.condition, { columns });
  if (check.errors.length > 0) throw new ApiFailure('conflict', 'api.campaign-condition-unreadable', { name: c.name });
  const absent = check.warnings.find((w) => w.code === 'rule.column-absent');
  if (absent) throw new ApiFailure('invalid-input', 'api.campaign-column-absent', { name: c.name, column: String(absent.params.field ?? '') });
  return check.value!;
}

/**
 * Runs a campaign (or previews the run): the customers its condition selects now, each given its fate
 * (core/campaigns/campaign.ts `campaignFate`); with `write`, the list of the day is created or added to, new tasks
 * inserted, assigned, scored (their queue priority) and given their queue block, the run recorded and audited.
 * The caller owns the transaction: a run is all-or-nothing.
 */
export function runCampaign(db: Db, c: CampaignToRun, o: CampaignRunOptions): CampaignRunOutcome {
  if (o.write && c.id === null) throw new Error('a campaign is saved before it runs');
  const condition = checkRunnable(db, c);
  const at = o.now.toISOString();
  const runDay = localDate(o.now);
  const dueDate = addDays(runDay, c.dueDays);
  const ctx = contactContext(o.now, activeContactPolicy(db));
  const onList = c.id === null ? new Set<number>() : customersOnCurrentLists(db, c.id, runDay);

  const selected: number[] = [];
  const { total } = scanSegment(db, condition, runDay, (row) => selected.push(row.msisdn));

  let listId = o.write && c.id !== null ? (campaignListOf(db, c.id, runDay) ?? null) : null;
  let listName = c.name;
  if (listId === null && workListNameTaken(db, c.name, runDay)) listName = `${c.name}${CAMPAIGN_LIST_SUFFIX}`;
  const reason = listTypeLabels[c.listType as ListType]?.zh ?? c.listType;
  const addMember = o.write ? listMemberInserter(db) : null;
  const tally: CampaignTally = { customers: 0, newTasks: 0, joined: 0, already: 0, excluded: 0, excludedBy: [] };
  const by = new Map<ContactReasonCode, number>();
  const newTaskIds: number[] = [];
  const touchedTasks: number[] = [];
  const newCustomers: number[] = [];

  for (let i = 0; i < selected.length; i += BATCH) {
    const batch = selected.slice(i, i + BATCH);
    const open = openTasksOf(db, batch);
    const facts = subscriberContactRows(db, batch.map((m) => ({ msisdn: m, taskId: open.get(m) ?? null })));
    for (const msisdn of batch) {
      const taskId = open.get(msisdn);
      const row = facts.get(msisdn);
      const fate = campaignFate({ onCurrentList: onList.has(msisdn), hasOpenTask: taskId !== undefined, contact: row ? subscriberFacts(row) : {} }, ctx, dueDate);
      addFate(tally, by, fate);
      if (!addMember || (fate.kind !== 'new' && fate.kind !== 'join')) continue;
      if (listId === null) {
        listId = insertCampaignList(db, { campaignId: c.id!, name: listName, type: c.listType, runDay, dueDate, offerFamily: c.offerFamily, at });
      }
      let id = taskId;
      if (id === undefined) {
        id = insertTask(db, { msisdn: String(msisdn), agentId: null, dueDate, createdAt: at });
        newTaskIds.push(id);
        newCustomers.push(msisdn);
      }
      touchedTasks.push(id);
      addMember({ listId, msisdn: String(msisdn), taskId: id, reason, rowNo: null });
    }
    o.onBatch?.(Math.min(i + BATCH, selected.length), selected.length);
  }
  finishTally(tally, by);

  let assigned = 0;
  let unmatched: CampaignRunOutcome['unmatched'] = [];
  let byAgent: CampaignRunOutcome['byAgent'] = [];
  /** The rule's plan for these tasks (planAssignment, as the work lists' 分配 plans: one rule). */
  const planFor = (tasks: readonly AssignableTask[], assignment: Exclude<typeof c.assignment, { kind: 'none' }>) => {
    const agents = agentsWithLoad(db)
      .filter((a) => a.active === 1)
      .map((a) => ({ id: a.id, name: a.name, hall: a.hall, openTasks: a.open_tasks }));
    // A group is its members as they are at this run; agents named were checked when the campaign was saved.
    const mode = assignment.kind === 'group' ? resolveAssignMode(db, assignment, new Set(agents.map((a) => a.id))) : assignment;
    const plan = planAssignment(tasks, agents, mode);
    byAgent = Object.entries(tasksPerAgent(plan.assignments))
      .map(([agentId, n]) => ({ agentId, tasks: n }))
      .sort((a, b) => b.tasks - a.tasks || (a.agentId < b.agentId ? -1 : 1));
    return plan;
  };
  // A preview plans the new tasks it counts (evenly levels each agent's open tasks, so the numbers differ: a supervisor
  // promised an even split; found by a new one). A by-column rule reads the tasks' columns: only a run can say.
  if (!o.write && tally.newTasks > 0 && c.assignment.kind !== 'none' && c.assignment.kind !== 'by-column') {
    planFor(Array.from({ length: tally.newTasks }, (_, i) => ({ id: -1 - i, agentId: null, values: {} })), c.assignment);
  }
  if (o.write && newTaskIds.length > 0) {
    if (c.assignment.kind !== 'none') {
      const plan = planFor(assignableTasks(db, { taskIds: newTaskIds, onlyUnassigned: true }), c.assignment);
      assigned = applyAssignments(db, plan.assignments);
      unmatched = plan.unmatched;
    }
    // A new task's queue priority comes from its customer's score (electron/backend/scoring.ts).
    scoreSubscribers(db, { today: runDay, at, msisdns: newCustomers });
  }
  if (o.write && touchedTasks.length > 0) refreshQueueBlocks(db, touchedTasks, o.now);

  const outcome: CampaignRunOutcome = { ...tally, campaignId: c.id, name: c.name, runDay, dueDate, listId, listName, assigned, byAgent, unmatched, stored: total };
  if (o.write) {
    insertCampaignRun(db, {
      campaignId: c.id!,
      runDay,
      at,
      by: o.by,
      trigger: o.trigger,
      listId,
      customers: tally.customers,
      newTasks: tally.newTasks,
      joined: tally.joined,
      already: tally.already,
      excluded: tally.excluded,
      detail: { excludedBy: tally.excludedBy, assigned, unmatched },
    });
    writeAudit(db, {
      at,
      agentId: o.by,
      action: 'campaign-run',
      target: c.name,
      detail: { trigger: o.trigger, listId, customers: tally.customers, newTasks: tally.newTasks, joined: tally.joined, excluded: tally.excluded },
    });
  }
  return outcome;
}

/**
 * The enabled campaigns a trigger runs (core/campaigns/campaign.ts `scheduledFor`): after every work-list import,
 * or once a day. Each runs in its own transaction: one whose condition cannot run now (a column not yet imported)
 * is skipped and said, not allowed to stop the others.
 */
export function runScheduledCampaigns(
  db: Db,
  trigger: 'import' | 'daily',
  now: Date,
): { ran: CampaignRunOutcome[]; skipped: { name: string; code: string; params: Record<string, string> }[] } {
  const today = localDate(now);
  const ran: CampaignRunOutcome[] = [];
  const skipped: { name: string; code: string; params: Record<string, string> }[] = [];
  for (const c of listCampaigns(db)) {
    if (!scheduledFor({ schedule: c.schedule, enabled: c.enabled, lastRunDay: lastDailyRunDay(db, c.id) }, trigger, today)) continue;
    try {
      ran.push(db.transaction(() => runCampaign(db, c, { now, write: true, by: null, trigger }))());
    } catch (e) {
      if (!(e instanceof ApiFailure)) throw e;
      skipped.push({ name: c.name, code: e.messageKey, params: e.params as Record<string, string> });
    }
  }
  return { ran, skipped };
}

/** Is any campaign due to run on its own for this trigger today (the backend's hourly look, before starting a worker)? */
export function scheduledCampaignsDue(db: Db, trigger: 'import' | 'daily', now: Date): boolean {
  const today = localDate(now);
  return listCampaigns(db).some((c) => scheduledFor({ schedule: c.schedule, enabled: c.enabled, lastRunDay: lastDailyRunDay(db, c.id) }, trigger, today));
}

/** Workspace key: the built-in campaigns already offered to this workspace (their keys), so a deleted one stays deleted. */
const BUILTIN_KEY = 'campaigns-builtin';

/**
 * Adds the built-in campaigns this workspace has not been given yet (core/campaigns/defaults.ts), off; a later version
 * that brings a new one adds just that one. A supervisor's campaign of the same name keeps its name: the built-in one
 * is then skipped. Returns how many were added.
 */
export function ensureBuiltinCampaigns(db: Db, now: Date): number {
  const given = new Set(JSON.parse(getWorkspaceValue(db, BUILTIN_KEY) ?? '[]') as string[]);
  const missing = builtinCampaigns.filter((b) => !given.has(b.key));
  if (missing.length === 0) return 0;
  const at = now.toISOString();
  let added = 0;
  db.transaction(() => {
    for (const b of missing) {
      const id = insertCampaign(db, {
        name: b.name,
        builtin: b.key,
        source: b.source,
        segmentId: null,
        condition: b.condition,
        listType: b.listType,
        offerFamily: b.offerFamily,
        dueDays: b.dueDays,
        assignment: { kind: 'none' },
        schedule: b.schedule,
        enabled: false,
        at,
        by: null,
      });
      if (id !== null) added++;
      given.add(b.key);
    }
    setWorkspaceValue(db, BUILTIN_KEY, JSON.stringify([...given]));
  })();
  return added;
}
