/**
 * The weekly result figures of docs/product.md §7.2, as pure functions over plain rows: the workbook (report-weekly), the
 * dashboard and the tests all compute them here, so a figure means the same everywhere.
 *
 * Definitions (where the spec is terse):
 *  - A week is [start, end) in UTC instants of local Monday 00:00 (the caller converts); "as of" a week means
 *    everything that happened before its end.
 *  - Reached = an attempt in the reached group (accepted, declined, call back, churned, complaint, wrong person);
 *    success = an accepted attempt. A task counts once however many attempts it had.
 *  - By work list (progress of each list, cumulative): issued = the list's tasks created before the end; reached /
 *    success = those tasks with a reached / accepted attempt before the end. The week before is the same as of
 *    this week's start; changes are this week minus the week before (counts, and rates in percentage points).
 *    Lists shown are those active in the week: created before its end and not due before its start.
 *  - By agent (the week's work): assigned = the agent's tasks open at some time in the week; attempted / reached /
 *    success = distinct tasks with such an attempt by the agent in the week (the workbook's rates: agentCells); average attempts
 *    per attempted task; call-backs pending = the agent's open tasks whose latest attempt by the end (now, for the
 *    period under way) is a call-back, not yet made, due or not; of them overdue, those whose time has passed. A call
 *    made at its time that did not reach the customer is the call-back made: a retry since, 处理中 in the queue.
 *  - By group (issue 17 #5): a group's members' work, as one: assigned and call-backs pending add up (a task has one
 *    agent); contacts add up (an attempt has one agent); attempted / reached / success count distinct tasks, so a
 *    task two members worked counts once for the group. An agent in two groups counts in both.
 *  - Two reach rates, never one for both (issue 15 #13): the week's reach = tasks reached in the week ÷ tasks
 *    attempted in the week — how this week's calls and visits went, untouched by a list arriving mid-week; the
 *    lists' cumulative reach = tasks reached so far ÷ tasks issued so far — how far the lists have got, which
 *    falls when a new list adds its tasks and is shown per list beside it (`weekReachRate`, `cumulativeReachRate`).
 *  - By reason / by offer / feedback: the week's attempts, feedback and notes. Competitors ("who is poaching") count
 *    the week's declines and churns naming one, with the median monthly price heard and the latest offers. Offered = an attempt in the week
 *    naming the offer (accepted or declined); cost = accepted × the offer's unit cost.
 */
import { isReachedCode } from '../contact/codes';
import { deriveTaskStatus, pendingCallbackIn } from '../contact/status';
import { keptBy, noKept, type KeptFigures, type ReportSuccess } from './kept';

export interface ReportList {
  id: number;
  name: string;
  type: string;
  period: string | null;
  dueDate: string | null;
  createdAt: string;
  /** The campaign that made the list (docs/product.md §5.6), if one did. */
  campaignId?: number | null;
}

/** A campaign, for its results beside the lists'. */
export interface ReportCampaign {
  id: number;
  name: string;
}

export interface ReportTask {
  id: number;
  msisdn: number;
  agentId: string | null;
  createdAt: string;
  closedAt: string | null;
  status: string;
  level: string | null;
  listIds: readonly number[];
}

export interface ReportAttempt {
  id: string;
  taskId: number | null;
  agentId: string;
  at: string;
  disposition: string;
  reason: string | null;
  competitor: string | null;
  /** What the competitor offered and its monthly price (yuan); read for the week's attempts only. */
  competitorOffer?: string | null;
  competitorAmount?: number | null;
  offerCode: string | null;
  /** The tariff plan an accepted outcome moved the customer to (migration 034); absent or null: none. */
  planCode?: string | null;
  callbackAt: string | null;
}

export interface ReportOffer {
  code: string;
  name: string;
  nameEn: string | null;
  cost: number;
  /**
   * The offer as it was before each change since (offer_versions): each until the instant it was replaced, oldest
   * first. A past period's figures use the offer as it was then — a cost raised today re-costed last week's
   * acceptances, and a rename renamed them, in a report already handed up (found by a new supervisor).
   */
  earlier?: readonly { until: string; name: string; nameEn: string | null; cost: number }[];
  /** When the offer as it is now was saved: from then on it is the one (a version an upgrade recorded may say a later "until"). */
  since?: string;
}

/** The offer as it was at `at` (an ISO instant): the earlier version in force then, or the offer as it is now. */
export function offerAt(o: ReportOffer, at: string): ReportOffer {
  if (o.since !== undefined && at >= o.since) return o;
  const was = o.earlier?.find((e) => at < e.until);
  return was ? { code: o.code, name: was.name, nameEn: was.nameEn, cost: was.cost } : o;
}

export interface ReportFeedback {
  kind: 'feedback' | 'note';
  id: string;
  at: string;
  agentId: string;
  msisdn: number | null;
  category: string | null;
  importance: string | null;
  offerCode: string | null;
  reason: string | null;
  text: string;
}

/** A named group of agents (issue 17 #5). */
export interface ReportGroup {
  id: number;
  name: string;
  agentIds: readonly string[];
}

export interface ReportInput {
  week: { start: string; end: string };
  /** The agent groups; none when absent. */
  groups?: readonly ReportGroup[];
  /** The campaigns; none when absent. */
  campaigns?: readonly ReportCampaign[];
  lists: readonly ReportList[];
  /** Every task on any list (the function picks what each figure needs). */
  tasks: readonly ReportTask[];
  /** Every attempt before the week's end. */
  attempts: readonly ReportAttempt[];
  offers: readonly ReportOffer[];
  /** The tariff plans' names by code, for the plan changes (absent: named by their codes). */
  plans?: readonly { code: string; name: string }[];
  /** The week's feedback and experience notes. */
  feedback: readonly ReportFeedback[];
  /** Every success before the week's end with what later imports said about it (absent: none known). */
  successes?: readonly ReportSuccess[];
  /** When the report is made: call-backs pending are those not yet due then while the period is under way (absent: its end). */
  now?: string;
}

/** Narrows every figure to some tasks (the dashboard's filters); attempts without a task count for no list. */
export interface ReportFilter {
  listType?: string | null;
  agentId?: string | null;
  level?: string | null;
}

/** A week's work: contacts made, and the distinct tasks attempted, reached and won in it. */
export interface WeekCounts {
  attempts: number;
  attempted: number;
  reached: number;
  success: number;
}

export interface Progress {
  issued: number;
  reached: number;
  success: number;
}

export interface ListRow {
  list: ReportList;
  now: Progress;
  before: Progress;
  /** The list's successes so far: kept three months, ARPU before and after (cumulative, like `now`). */
  kept: KeptFigures;
}

/**
 * A campaign's results (issue 17 #6): the lists it made that the period shows, as one — a task on two of its lists
 * (a customer issued again after the first list's due date) counted once, so its rates are those of its customers.
 */
export interface CampaignRow {
  campaign: ReportCampaign;
  lists: number;
  now: Progress;
  before: Progress;
  /** What its successes kept (core/report/kept.ts), each success once. */
  kept: KeptFigures;
}

export interface AgentRow {
  agentId: string;
  assigned: number;
  attempted: number;
  attempts: number;
  reached: number;
  success: number;
  /**
   * 待回访: the agent's open tasks whose latest word is a call-back not yet made — at the period's end, or now for the
   * period under way — and of them 逾期, those whose time has passed (docs/reports.md).
   */
  callbacksPending: number;
  callbacksOverdue: number;
  /** The agent's successes before the period's end (not only the period's: a verdict comes three months later). */
  kept: KeptFigures;
}

export interface GroupRow extends Omit<AgentRow, 'agentId'> {
  group: ReportGroup;
}

export interface CountRow {
  kind: 'decline' | 'churn' | 'competitor';
  code: string;
  count: number;
}

/**
 * Who is poaching (issue 15 #6, "被谁挖抢"): per competitor, the week's declines and churns naming it, the median
 * monthly price agents heard (null when none was given) and the latest distinct offers in the agents' words.
 */
export interface CompetitorRow {
  code: string;
  declines: number;
  churns: number;
  count: number;
  medianAmount: number | null;
  amounts: number;
  latestOffers: string[];
}

/** How many of a competitor's latest offer texts the report shows. */
const COMPETITOR_OFFERS_SHOWN = 3;

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
};

export interface OfferRow {
  offer: ReportOffer;
  offered: number;
  accepted: number;
  cost: number;
  /** The offer's successes before the period's end. */
  kept: KeptFigures;
}

/** The period's successes that moved a customer to a plan, by plan (docs/product.md §6 "A plan change is a success"). */
export interface PlanChangeRow {
  plan: { code: string; name: string };
  /** Successes in the period that moved the customer to this plan, and how many of them also took an offer. */
  accepted: number;
  withOffer: number;
  /** The plan's successes before the period's end. */
  kept: KeptFigures;
}

export interface DetailRow {
  task: ReportTask;
  attempts: number;
  last: ReportAttempt | null;
  /** The task's status as the queue shows it when the report is made: a call-back whose time has come is 待回访. */
  status: string;
}

export interface WeeklyReport {
  week: { start: string; end: string };
  lists: ListRow[];
  /** Campaigns with a list in `lists`. */
  campaigns: CampaignRow[];
  agents: AgentRow[];
  groups: GroupRow[];
  reasons: CountRow[];
  competitors: CompetitorRow[];
  offers: OfferRow[];
  /** Plan changes taken, most first; empty when none (the workbook then has no such sheet). */
  planChanges: PlanChangeRow[];
  /** The period's feedback and notes; a note's offer with its names as at the period's end (`offer`), null if none. */
  feedback: (ReportFeedback & { offer: { name: string; nameEn: string | null } | null })[];
  detail: DetailRow[];
  totals: { now: Progress; before: Progress; week: WeekCounts; kept: KeptFigures };
}

/** Adds one set of counts into another, field by field (a total row: agents', groups', an analysis's cells). */
export function addCounts<T extends { [K in keyof T]: number }>(into: T, from: T): void {
  for (const k of Object.keys(into) as (keyof T)[]) (into as Record<keyof T, number>)[k] += (from as Record<keyof T, number>)[k];
}

/** rate = part / whole, or null when the whole is 0 (shown as empty, never as 0 %). */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * When a task joined a list (docs/reports.md "By work list"): the list's making — its import, or the campaign run that
 * made it — or the task's own when the task came after (never before it). A task counts for a list from then, with
 * what happened to it since; what happened before stays with the list it was on.
 */
function listJoining(lists: readonly ReportList[]) {
  const listCreated = new Map(lists.map((l) => [l.id, l.createdAt]));
  return (listId: number) =>
    (t: ReportTask): string => {
      const made = listCreated.get(listId) ?? t.createdAt;
      return t.createdAt > made ? t.createdAt : made;
    };
}

/**
 * When a task joined the first of some lists — a campaign's, or those of a type for the dashboard's list-type filter —
 * by `joinedList`; none when it is on none of them.
 */
function firstJoining(joinedList: ReturnType<typeof listJoining>, listIds: ReadonlySet<number>) {
  return (t: ReportTask): string | undefined => {
    let first: string | undefined;
    for (const id of t.listIds) {
      if (!listIds.has(id)) continue;
      const at = joinedList(id)(t);
      if (first === undefined || at < first) first = at;
    }
    return first;
  };
}

/**
 * From when a task counts under the dashboard's filter (docs/reports.md "Filters"): with a list type, from when it
 * joined the first of its lists of that type, as those lists count it; without one, undefined (from the first).
 */
function filterJoining(filter: ReportFilter, lists: readonly ReportList[]): ((t: ReportTask) => string) | undefined {
  const type = filter.listType;
  if (!type) return undefined;
  const joined = firstJoining(listJoining(lists), new Set(lists.filter((l) => l.type === type).map((l) => l.id)));
  // A task the filter keeps is on a list of that type; one on none would count from never.
  return (t) => joined(t) ?? '\uffff';
}

function taskFilter(f: ReportFilter, listTypes: Map<number, string>) {
  return (t: ReportTask): boolean =>
    (!f.agentId || t.agentId === f.agentId) &&
    (!f.level || t.level === f.level) &&
    (!f.listType || t.listIds.some((id) => listTypes.get(id) === f.listType));
}

export function weeklyReport(input: ReportInput, filter: ReportFilter = {}): WeeklyReport {
  const { start, end } = input.week;
  const startDate = start.slice(0, 10);
  const listTypes = new Map(input.lists.map((l) => [l.id, l.type]));
  const tasks = input.tasks.filter(taskFilter(filter, listTypes));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const attempts = input.attempts.filter((a) => a.at < end && (a.taskId === null ? !filter.agentId && !filter.level && !filter.listType : taskById.has(a.taskId)));
  // With a list type, a task's work counts from when it joined a list of that type, as the lists count it; its
  // attempts before then stay in its history (call-backs owed, the detail) but in no figure.
  const joinedFilter = filterJoining(filter, input.lists);
  const countsFrom = new Map(joinedFilter ? tasks.map((t) => [t.id, joinedFilter(t)]) : []);
  // Each task's joining as worked out once above (the totals ask for it twice more: now and the period before).
  const joinedAt = joinedFilter && ((t: ReportTask) => countsFrom.get(t.id)!);
  const counted = (x: { taskId: number | null; at: string }) => x.taskId === null || !(x.at < (countsFrom.get(x.taskId) ?? ''));

  // First reached / accepted instant of each task, and its attempts in time order.
  const firstReached = new Map<number, string>();
  const firstSuccess = new Map<number, string>();
  const byTask = new Map<number, ReportAttempt[]>();
  for (const a of attempts) {
    if (a.taskId === null) continue;
    const list = byTask.get(a.taskId) ?? [];
    list.push(a);
    byTask.set(a.taskId, list);
    if (isReachedCode(a.disposition) && !(firstReached.get(a.taskId)! <= a.at)) firstReached.set(a.taskId, a.at);
    if (a.disposition === 'accepted' && !(firstSuccess.get(a.taskId)! <= a.at)) firstSuccess.set(a.taskId, a.at);
  }
  for (const l of byTask.values()) l.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));

  /** The first reached / accepted instant of a task at or after `since` (its first of all when that is later). */
  const firstFrom = (first: Map<number, string>, taskId: number, since: string, is: (d: string) => boolean): string | undefined => {
    const at = first.get(taskId);
    if (at === undefined || at >= since) return at;
    return byTask.get(taskId)!.find((a) => a.at >= since && is(a.disposition))?.at;
  };
  /**
   * Tasks issued, reached and won before `until`. `joined`: when a task joined the rows' list (or campaign) — a
   * task an existing list gave a new one counts for it from then, with what happened to it since: a campaign run
   * on Wednesday took over tasks reached the week before, and showed 上周接通率 32 % for a list that did not exist.
   */
  const progressAsOf = (ts: readonly ReportTask[], until: string, joined: (t: ReportTask) => string = (t) => t.createdAt): Progress => {
    let issued = 0, r = 0, s = 0;
    for (const t of ts) {
      const since = joined(t);
      if (since >= until) continue;
      issued++;
      if ((firstFrom(firstReached, t.id, since, isReachedCode) ?? '\uffff') < until) r++;
      if ((firstFrom(firstSuccess, t.id, since, (d) => d === 'accepted') ?? '\uffff') < until) s++;
    }
    return { issued, reached: r, success: s };
  };
  const joinedList = listJoining(input.lists);

  // What the successes kept (core/report/kept.ts): those before the end, narrowed like the attempts.
  const successes = (input.successes ?? []).filter((x) => x.at < end && (x.taskId === null ? !filter.agentId && !filter.level && !filter.listType : taskById.has(x.taskId)) && counted(x));
  // A list's (and a campaign's) successes: those made once the task was on it, as its progress counts them.
  const listsAtSuccess = (x: ReportSuccess): number[] => {
    if (x.taskId === null) return [];
    const t = taskById.get(x.taskId)!;
    return t.listIds.filter((id) => x.at >= joinedList(id)(t));
  };
  const keptOfList = keptBy(successes, listsAtSuccess);
  const keptOfAgent = keptBy(successes, (x) => [x.agentId]);
  const keptOfOffer = keptBy(successes, (x) => (x.offerCode ? [x.offerCode] : []));
  const keptOfPlan = keptBy(successes, (x) => (x.planCode ? [x.planCode] : []));
  // A group's and a campaign's: each success once, whichever of its members or lists it came through.
  const groupsOfAgent = new Map<string, Set<number>>();
  for (const g of input.groups ?? []) for (const a of g.agentIds) groupsOfAgent.set(a, (groupsOfAgent.get(a) ?? new Set()).add(g.id));
  const keptOfGroup = keptBy(successes, (x) => groupsOfAgent.get(x.agentId) ?? []);
  const campaignOfList = new Map(input.lists.map((l) => [l.id, l.campaignId ?? null]));
  const keptOfCampaign = keptBy(successes, (x) => new Set(listsAtSuccess(x).map((id) => campaignOfList.get(id)).filter((c): c is number => c !== null && c !== undefined)));
  const keptTotal = keptBy(successes, () => [0]).get(0) ?? noKept();

  // By work list.
  const tasksOfList = new Map<number, ReportTask[]>();
  for (const t of tasks) {
    for (const id of t.listIds) {
      const ts = tasksOfList.get(id);
      if (ts) ts.push(t);
      else tasksOfList.set(id, [t]);
    }
  }
  const lists: ListRow[] = input.lists
    .filter((l) => l.createdAt < end && (!l.dueDate || l.dueDate >= startDate) && (!filter.listType || l.type === filter.listType))
    .map((l) => {
      const ts = tasksOfList.get(l.id) ?? [];
      return { list: l, now: progressAsOf(ts, end, joinedList(l.id)), before: progressAsOf(ts, start, joinedList(l.id)), kept: keptOfList.get(l.id) ?? noKept() };
    })
    .filter((r) => r.now.issued > 0 || !filter.agentId);

  // By campaign: the lists above that a campaign made, their tasks as one.
  const campaignRows: CampaignRow[] = [];
  for (const c of input.campaigns ?? []) {
    const mine = lists.filter((l) => l.list.campaignId === c.id);
    if (mine.length === 0) continue;
    // A task on several of its lists joined the campaign with the first of them.
    const joined = firstJoining(joinedList, new Set(mine.map((l) => l.list.id)));
    const ts = [...new Set(mine.flatMap((l) => tasksOfList.get(l.list.id) ?? []))];
    const joinedCampaign = (t: ReportTask) => joined(t)!;
    campaignRows.push({ campaign: c, lists: mine.length, now: progressAsOf(ts, end, joinedCampaign), before: progressAsOf(ts, start, joinedCampaign), kept: keptOfCampaign.get(c.id) ?? noKept() });
  }

  // By agent.
  const agents = new Map<string, AgentRow>();
  const agentRow = (id: string) => {
    let r = agents.get(id);
    if (!r) agents.set(id, (r = { agentId: id, assigned: 0, attempted: 0, attempts: 0, reached: 0, success: 0, callbacksPending: 0, callbacksOverdue: 0, kept: keptOfAgent.get(id) ?? noKept() }));
    return r;
  };
  // Call-backs owed at the period's end, or now for the period under way: an open task whose latest attempt by then
  // is a call-back, due or not (an overdue one is the one to chase: the queue's 待回访 status).
  const pendingAt = input.now !== undefined && input.now < end ? input.now : end;
  for (const t of tasks) {
    // With a list type, a task is the agent's for it once it joined a list of that type (filterJoining).
    if (!t.agentId || (countsFrom.get(t.id) ?? t.createdAt) >= end || (t.closedAt !== null && t.closedAt < start)) continue;
    const row = agentRow(t.agentId);
    row.assigned++;
    if (t.closedAt !== null && t.closedAt < pendingAt) continue;
    const history = byTask.get(t.id) ?? [];
    let k = history.length;
    while (k > 0 && history[k - 1]!.at >= pendingAt) k--;
    // The call-back not yet made by then (the queue's 待回访, status.ts pendingCallbackIn).
    const callback = pendingCallbackIn(history, k);
    if (!callback) continue;
    row.callbacksPending++;
    if (callback.callbackAt! < pendingAt) row.callbacksOverdue++;
  }
  const weekAttempts = attempts.filter((a) => a.at >= start && counted(a));
  const seen = { attempted: new Set<string>(), reached: new Set<string>(), success: new Set<string>() };
  // The week's totals count tasks (an attempt without a task on its own), whichever agent reached them.
  const weekAttempted = new Set<number | string>(), weekReached = new Set<number | string>(), weekSuccess = new Set<number | string>();
  for (const a of weekAttempts) {
    const r = agentRow(a.agentId);
    r.attempts++;
    weekAttempted.add(a.taskId ?? a.id);
    const key = `${a.agentId}\u0000${a.taskId ?? a.id}`;
    const first = (set: Set<string>) => !set.has(key) && Boolean(set.add(key));
    if (first(seen.attempted)) r.attempted++;
    if (isReachedCode(a.disposition)) {
      weekReached.add(a.taskId ?? a.id);
      if (first(seen.reached)) r.reached++;
    }
    if (a.disposition === 'accepted') {
      weekSuccess.add(a.taskId ?? a.id);
      if (first(seen.success)) r.success++;
    }
  }

  // By group: the members' rows, with distinct tasks for attempted / reached / success.
  const groupSets = new Map((input.groups ?? []).map((g) => [g.id, { attempted: new Set<number | string>(), reached: new Set<number | string>(), success: new Set<number | string>() }]));
  for (const a of weekAttempts) {
    for (const g of groupsOfAgent.get(a.agentId) ?? []) {
      const sets = groupSets.get(g)!;
      const key = a.taskId ?? a.id;
      sets.attempted.add(key);
      if (isReachedCode(a.disposition)) sets.reached.add(key);
      if (a.disposition === 'accepted') sets.success.add(key);
    }
  }
  const groups: GroupRow[] = (input.groups ?? []).map((g) => {
    const row: GroupRow = { group: g, assigned: 0, attempted: 0, attempts: 0, reached: 0, success: 0, callbacksPending: 0, callbacksOverdue: 0, kept: keptOfGroup.get(g.id) ?? noKept() };
    for (const id of new Set(g.agentIds)) {
      const a = agents.get(id);
      if (!a) continue;
      row.assigned += a.assigned;
      row.attempts += a.attempts;
      row.callbacksPending += a.callbacksPending;
      row.callbacksOverdue += a.callbacksOverdue;
    }
    const sets = groupSets.get(g.id)!;
    return { ...row, attempted: sets.attempted.size, reached: sets.reached.size, success: sets.success.size };
  });

  // By reason.
  const counts = new Map<string, CountRow>();
  const count = (kind: CountRow['kind'], code: string) => {
    const k = `${kind}:${code}`;
    const row = counts.get(k) ?? { kind, code, count: 0 };
    row.count++;
    counts.set(k, row);
  };
  // Who is poaching: competitors named on declines as on churns (issue 15 #6).
  for (const a of weekAttempts) {
    if (a.disposition === 'declined' && a.reason) count('decline', a.reason);
    if (a.disposition === 'churned' && a.reason) count('churn', a.reason);
    if ((a.disposition === 'declined' || a.disposition === 'churned') && a.competitor) count('competitor', a.competitor);
  }
  const kindOrder = { decline: 0, churn: 1, competitor: 2 } as const;

  // Who is poaching, with what: the same attempts as the competitor counts above, newest first for the offers.
  const poaching = new Map<string, CompetitorRow & { amountList: number[] }>();
  for (const a of [...weekAttempts].sort((x, y) => (x.at > y.at ? -1 : x.at < y.at ? 1 : x.id < y.id ? 1 : -1))) {
    if ((a.disposition !== 'declined' && a.disposition !== 'churned') || !a.competitor) continue;
    let row = poaching.get(a.competitor);
    if (!row) poaching.set(a.competitor, (row = { code: a.competitor, declines: 0, churns: 0, count: 0, medianAmount: null, amounts: 0, latestOffers: [], amountList: [] }));
    row.count++;
    if (a.disposition === 'declined') row.declines++;
    else row.churns++;
    if (typeof a.competitorAmount === 'number') row.amountList.push(a.competitorAmount);
    const text = a.competitorOffer?.trim();
    if (text && row.latestOffers.length < COMPETITOR_OFFERS_SHOWN && !row.latestOffers.includes(text)) row.latestOffers.push(text);
  }
  const competitors: CompetitorRow[] = [...poaching.values()]
    .map(({ amountList, ...row }) => ({ ...row, medianAmount: median(amountList), amounts: amountList.length }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));

  // By offer.
  // Named as at the period's end; each acceptance costed as the offer was when it was accepted.
  const catalogue = new Map(input.offers.map((o) => [o.code, o]));
  const offerRows = new Map(input.offers.map((o) => [o.code, { offer: offerAt(o, end), offered: 0, accepted: 0, cost: 0, kept: keptOfOffer.get(o.code) ?? noKept() } as OfferRow]));
  for (const a of weekAttempts) {
    if (!a.offerCode || (a.disposition !== 'accepted' && a.disposition !== 'declined')) continue;
    let row = offerRows.get(a.offerCode);
    // An offer since removed from the catalogue still counts, under its code.
    if (!row) offerRows.set(a.offerCode, (row = { offer: { code: a.offerCode, name: a.offerCode, nameEn: null, cost: 0 }, offered: 0, accepted: 0, cost: 0, kept: keptOfOffer.get(a.offerCode) ?? noKept() }));
    row.offered++;
    if (a.disposition === 'accepted') {
      row.accepted++;
      const offer = catalogue.get(a.offerCode);
      row.cost += offer ? offerAt(offer, a.at).cost : 0;
    }
  }

  // Plan changes: a success that moved the customer to a plan (with an offer or not). No "offered" count: a plan
  // proposed and refused is not recorded, so there is no acceptance rate to give.
  const planName = new Map((input.plans ?? []).map((p) => [p.code, p.name]));
  const planRows = new Map<string, PlanChangeRow>();
  for (const a of weekAttempts) {
    if (a.disposition !== 'accepted' || !a.planCode) continue;
    let row = planRows.get(a.planCode);
    if (!row) planRows.set(a.planCode, (row = { plan: { code: a.planCode, name: planName.get(a.planCode) ?? a.planCode }, accepted: 0, withOffer: 0, kept: keptOfPlan.get(a.planCode) ?? noKept() }));
    row.accepted++;
    if (a.offerCode) row.withOffer++;
  }

  const detail: DetailRow[] = tasks
    .filter((t) => t.createdAt < end)
    .map((t) => {
      const h = byTask.get(t.id) ?? [];
      const last = h[h.length - 1] ?? null;
      if (pendingAt === end && !(t.closedAt !== null && t.closedAt < end)) return { task: t, attempts: h.length, last, status: statusAtEnd(h, end) };
      const callback = t.closedAt === null ? pendingCallbackIn(h, h.length) : null;
      const due = callback !== null && callback.callbackAt! <= pendingAt;
      return { task: t, attempts: h.length, last, status: due ? 'callback_due' : t.status };
    })
    .sort((a, b) => a.task.id - b.task.id);

  return {
    week: input.week,
    lists,
    campaigns: campaignRows,
    agents: [...agents.values()].sort((a, b) => (a.agentId < b.agentId ? -1 : 1)),
    groups,
    reasons: [...counts.values()].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || b.count - a.count || (a.code < b.code ? -1 : 1)),
    competitors,
    // An offer not made this period still shows when its earlier successes were judged or their ARPU is known.
    offers: [...offerRows.values()].filter((r) => r.offered > 0 || r.kept.judged > 0 || r.kept.arpuCount > 0).sort((a, b) => b.accepted - a.accepted || b.offered - a.offered || (a.offer.code < b.offer.code ? -1 : 1)),
    planChanges: [...planRows.values()].sort((a, b) => b.accepted - a.accepted || (a.plan.code < b.plan.code ? -1 : 1)),
    // A note's offer by its name as 按政策 names it (its code read as nothing; found by a new agent); one since removed
    // from the catalogue, by its code.
    feedback: input.feedback
      .filter((f) => f.at >= start && f.at < end && (!filter.agentId || f.agentId === filter.agentId))
      .map((f) => {
        const known = f.offerCode ? catalogue.get(f.offerCode) : undefined;
        const o = known ? offerAt(known, end) : null;
        return { ...f, offer: f.offerCode ? (o ? { name: o.name, nameEn: o.nameEn } : { name: f.offerCode, nameEn: null }) : null };
      }),
    detail,
    totals: {
      now: progressAsOf(tasks, end, joinedAt),
      before: progressAsOf(tasks, start, joinedAt),
      week: { attempts: weekAttempts.length, attempted: weekAttempted.size, reached: weekReached.size, success: weekSuccess.size },
      kept: keptTotal,
    },
  };
}

/**
 * A task open at a past period's end, as it stood then (the detail sheet; it showed today's status, so a success of
 * the week after was counted in last week's sheet — found by a new supervisor): from its attempts before the end, by
 * the status rule, the outcomes that close a task (accepted, declined, churned…) closing it. The attempt limit and an
 * expired due date close a task when they happen, so a task still open at the end had reached neither.
 */
function statusAtEnd(attempts: readonly ReportAttempt[], end: string): string {
  return deriveTaskStatus(attempts, { now: end, today: end.slice(0, 10), dueDate: null, policy: { maxAttempts: Number.MAX_SAFE_INTEGER } }).status;
}

/**
 * Contacts, reached tasks and successes in each of the given weeks (the dashboard's trend), from the same inputs
 * and filter as weeklyReport.
 */
export function weeklyTrend(
  input: Pick<ReportInput, 'lists' | 'tasks' | 'attempts'>,
  weeks: readonly { label: string; start: string; end: string }[],
  filter: ReportFilter = {},
): ({ label: string } & WeekCounts)[] {
  const listTypes = new Map(input.lists.map((l) => [l.id, l.type]));
  // The tasks kept, each with the instant its attempts count from (filterJoining; without a list type, the first).
  const joinedFilter = filterJoining(filter, input.lists);
  const countsFrom = new Map(input.tasks.filter(taskFilter(filter, listTypes)).map((t) => [t.id, joinedFilter?.(t) ?? '']));
  const any = !filter.agentId && !filter.level && !filter.listType;
  const counts = weeks.map(() => ({ attempts: 0, attempted: new Set<number | string>(), reached: new Set<number | string>(), success: new Set<number | string>() }));
  let first = '\uffff', last = '';
  for (const w of weeks) {
    if (w.start < first) first = w.start;
    if (w.end > last) last = w.end;
  }
  // One pass over every attempt, not one per week: most are older than the first week and are passed over at once.
  for (const a of input.attempts) {
    if (a.at < first || a.at >= last || (a.taskId === null ? !any : !(a.at >= (countsFrom.get(a.taskId) ?? '\uffff')))) continue;
    const key = a.taskId ?? a.id;
    for (let i = 0; i < weeks.length; i++) {
      if (a.at < weeks[i]!.start || a.at >= weeks[i]!.end) continue;
      const c = counts[i]!;
      c.attempts++;
      c.attempted.add(key);
      if (isReachedCode(a.disposition)) c.reached.add(key);
      if (a.disposition === 'accepted') c.success.add(key);
    }
  }
  return weeks.map((w, i) => ({ label: w.label, attempts: counts[i]!.attempts, attempted: counts[i]!.attempted.size, reached: counts[i]!.reached.size, success: counts[i]!.success.size }));
}

/** The week's reach: tasks reached in the week ÷ tasks attempted in it (null when nothing was attempted). */
export const weekReachRate = (w: Pick<WeekCounts, 'attempted' | 'reached'>): number | null => (w.attempted > 0 ? w.reached / w.attempted : null);

/** The lists' cumulative reach: tasks reached so far ÷ tasks issued so far (null before any task is issued). */
export const cumulativeReachRate = (p: Progress): number | null => (p.issued > 0 ? p.reached / p.issued : null);
