/**
 * Weekly targets (issue 17 #5, docs/product.md §7.4): a number of contacts and of successes a work list, an agent or
 * a group of agents should reach in a week, and how far they have got. Pure: the dashboard, the result workbook
 * and 我的今日 compute progress here (or, for one agent's own figures, with the same definition in SQL:
 * db/agent-day.ts `contactCounts`), so "12 / 40" means the same everywhere.
 *
 * Definitions:
 *  - A target is for one ISO week (2026-W48) or for every week (`week: null`); a week takes its own target where
 *    one is set and the every-week one otherwise, figure by figure (a week may set only its successes and keep
 *    the default contacts).
 *  - Contacts = contacts logged in the week (attempts, one per call or visit, as 我的今日 counts them); successes =
 *    those with the outcome accepted. An agent's are their own; a group's are its members' (an attempt counts
 *    once for the group, whoever of them made it); a list's are the attempts on its tasks, by anyone.
 *  - Campaign targets (issue 17 #2): a campaign's contacts are those on the tasks of the lists it made (each attempt
 *    once per campaign). Counted when the caller says which campaign made a list (`campaignOfList`); until the
 *    workspace records that (work_lists.campaign_id, with the campaigns), campaign targets are stored and listed
 *    but have no progress row.
 */

export const targetScopeKinds = ['list', 'agent', 'group', 'campaign'] as const;
export type TargetScopeKind = (typeof targetScopeKinds)[number];

export interface TargetScope {
  kind: TargetScopeKind;
  /** The list's or group's id as text, the agent's id, the campaign's id. */
  id: string;
}

export interface StoredTarget {
  scope: TargetScope;
  /** An ISO week label, or null for every week. */
  week: string | null;
  /**
   * An every-week target's weeks: from `fromWeek` (null: from the first) until before `untilWeek` (null: on). Changing
   * or removing an every-week target keeps the old figures for the weeks before the week of the change, as a target
   * until that week (db/targets.ts putTarget): a change rewrote last week's achievement (found by a new supervisor).
   */
  fromWeek?: string | null;
  untilWeek?: string | null;
  contacts: number | null;
  successes: number | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** A figure against its target: "12 / 40". */
export interface TargetFigure {
  value: number;
  target: number | null;
}

export interface TargetProgressRow {
  scope: TargetScope;
  contacts: TargetFigure;
  successes: TargetFigure;
  /** Which stored targets set the figures: this week's own, the every-week default, or both (one each). */
  from: 'week' | 'every-week' | 'both';
}

/** Whether an every-week target holds in `week` (ISO week labels compare as text). */
const everyWeekHolds = (t: StoredTarget, week: string): boolean =>
  t.week === null && (t.fromWeek == null || week >= t.fromWeek) && (t.untilWeek == null || week < t.untilWeek);

/** The target of a scope in a week: its own week's figures, each falling back to the every-week one. */
export function targetFor(targets: readonly StoredTarget[], scope: TargetScope, week: string): { contacts: number | null; successes: number | null; from: TargetProgressRow['from'] } | null {
  let own: StoredTarget | undefined, every: StoredTarget | undefined;
  for (const t of targets) {
    if (t.scope.kind !== scope.kind || t.scope.id !== scope.id) continue;
    if (t.week === week) own = t;
    else if (everyWeekHolds(t, week)) every = t;
  }
  if (!own && !every) return null;
  const contacts = own?.contacts ?? every?.contacts ?? null;
  const successes = own?.successes ?? every?.successes ?? null;
  const usesOwn = own !== undefined && (own.contacts !== null || own.successes !== null);
  const usesEvery = every !== undefined && (((own?.contacts ?? null) === null && every.contacts !== null) || ((own?.successes ?? null) === null && every.successes !== null));
  return { contacts, successes, from: usesOwn && usesEvery ? 'both' : usesOwn ? 'week' : 'every-week' };
}

/** Attempts as progress reads them. */
export interface ProgressAttempt {
  taskId: number | null;
  agentId: string;
  at: string;
  disposition: string;
}

export interface ProgressInput {
  week: { label: string; start: string; end: string };
  /** Attempts (any range: those outside the week are passed over). */
  attempts: Iterable<ProgressAttempt>;
  /** The lists each task is on. */
  listsOfTask: (taskId: number) => readonly number[];
  groups: readonly { id: number; agentIds: readonly string[] }[];
  targets: readonly StoredTarget[];
  /** The campaign that made a list (its id as text), or null; without it campaign targets get no row. */
  campaignOfList?: (listId: number) => string | null;
}

/**
 * Progress of every list, agent and group (and campaign, given `campaignOfList`) with a target this week, in the
 * order kind (list, agent, group, campaign) then id.
 */
export function targetProgress(input: ProgressInput): TargetProgressRow[] {
  const { label, start, end } = input.week;
  const campaignOf = input.campaignOfList;
  const scopes = new Map<string, TargetScope>();
  for (const t of input.targets) {
    if ((t.scope.kind !== 'campaign' || campaignOf) && (everyWeekHolds(t, label) || t.week === label)) scopes.set(`${t.scope.kind}\u0000${t.scope.id}`, t.scope);
  }
  if (scopes.size === 0) return [];
  const counts = new Map<string, { contacts: number; successes: number }>();
  const add = (key: string, accepted: boolean) => {
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { contacts: 0, successes: 0 }));
    c.contacts++;
    if (accepted) c.successes++;
  };
  const groupsOfAgent = new Map<string, number[]>();
  for (const g of input.groups) for (const a of g.agentIds) groupsOfAgent.set(a, [...(groupsOfAgent.get(a) ?? []), g.id]);
  for (const a of input.attempts) {
    if (a.at < start || a.at >= end) continue;
    const accepted = a.disposition === 'accepted';
    add(`agent\u0000${a.agentId}`, accepted);
    for (const g of groupsOfAgent.get(a.agentId) ?? []) add(`group\u0000${g}`, accepted);
    if (a.taskId === null) continue;
    const lists = new Set(input.listsOfTask(a.taskId));
    for (const l of lists) add(`list\u0000${l}`, accepted);
    if (campaignOf) {
      const campaigns = new Set<string>();
      for (const l of lists) {
        const c = campaignOf(l);
        if (c !== null) campaigns.add(c);
      }
      for (const c of campaigns) add(`campaign\u0000${c}`, accepted);
    }
  }
  const order: Record<TargetScopeKind, number> = { list: 0, agent: 1, group: 2, campaign: 3 };
  return [...scopes]
    .map(([key, scope]) => {
      const target = targetFor(input.targets, scope, label)!;
      const c = counts.get(key) ?? { contacts: 0, successes: 0 };
      return { scope, contacts: { value: c.contacts, target: target.contacts }, successes: { value: c.successes, target: target.successes }, from: target.from };
    })
    .sort((a, b) => order[a.scope.kind] - order[b.scope.kind] || compareIds(a.scope.id, b.scope.id));
}

/** Numeric ids (lists, groups) in number order, agent ids as text. */
const compareIds = (a: string, b: string): number => {
  const x = Number(a), y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a < b ? -1 : a > b ? 1 : 0;
};

/** The share of a target reached (null without a target, or with a target of 0). */
export const targetShare = (f: TargetFigure): number | null => (f.target === null || f.target === 0 ? null : f.value / f.target);

/** Progress of the targets set for a week, over the weekly report's own input (every attempt before its end). */
export function reportTargetProgress(
  input: { attempts: readonly ProgressAttempt[]; tasks: readonly { id: number; listIds: readonly number[] }[]; groups?: readonly { id: number; agentIds: readonly string[] }[] },
  week: ProgressInput['week'],
  targets: readonly StoredTarget[],
  campaignOfList?: ProgressInput['campaignOfList'],
): TargetProgressRow[] {
  const lists = new Map(input.tasks.map((t) => [t.id, t.listIds]));
  const none: readonly number[] = [];
  return targetProgress({ week, attempts: input.attempts, listsOfTask: (id) => lists.get(id) ?? none, groups: input.groups ?? [], targets, ...(campaignOfList ? { campaignOfList } : {}) });
}
