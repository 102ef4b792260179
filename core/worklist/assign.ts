/**
 * Turning a list's tasks into agents' tasks (docs/product.md §1 supervisors): pure planning, the backend applies it.
 *  - evenly: each task in turn to whichever chosen agent then has the fewest open tasks in total (every list),
 *    so repeated assignments keep the load level. Tasks being handed on again count for nobody while they are
 *    planned: reassigning a list evens the total load rather than adding to the load it already counts;
 *  - by column: the value of a column (客户经理 manager, 营业厅 hall, or any column kept from the file) names the
 *    agent — by agent id, by agent name, or for the hall column by the agent's hall (several agents of one hall
 *    share its tasks evenly); values that name nobody are reported with their counts and left unassigned;
 *  - to one agent (a hand-picked selection).
 */
export interface AssignableTask {
  id: number;
  agentId: string | null;
  /** The subscriber's columns that may name an agent: manager, hall and the file's extra columns. */
  values: Readonly<Record<string, string | number | null | undefined>>;
}

export interface AssignableAgent {
  id: string;
  name: string;
  hall: string | null;
  openTasks: number;
}

export type AssignMode = { kind: 'evenly'; agentIds: readonly string[] } | { kind: 'by-column'; column: string } | { kind: 'to'; agentId: string };

export interface AssignmentPlan {
  assignments: { taskId: number; agentId: string }[];
  /** Column values that matched no agent, most frequent first. */
  unmatched: { value: string; tasks: number }[];
  /** Tasks without a value in the column. */
  blank: number;
}

/** How many of a plan's tasks each agent gets (the 分配 preview's per-agent figures, a campaign's 每位坐席的新任务). */
export function tasksPerAgent(assignments: readonly { agentId: string }[]): Record<string, number> {
  const per: Record<string, number> = {};
  for (const a of assignments) per[a.agentId] = (per[a.agentId] ?? 0) + 1;
  return per;
}

const norm = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

export function planAssignment(tasks: readonly AssignableTask[], agents: readonly AssignableAgent[], mode: AssignMode): AssignmentPlan {
  const assignments: { taskId: number; agentId: string }[] = [];
  if (mode.kind === 'to') {
    for (const t of tasks) assignments.push({ taskId: t.id, agentId: mode.agentId });
    return { assignments, unmatched: [], blank: 0 };
  }
  const load = new Map(agents.map((a) => [a.id, a.openTasks]));
  // A task being reassigned leaves its agent's load first (it is counted in openTasks).
  for (const t of tasks) if (t.agentId !== null && load.has(t.agentId)) load.set(t.agentId, load.get(t.agentId)! - 1);
  /** The least-loaded of these agents (ties by id), counted as it goes. */
  const next = (ids: readonly string[]): string => {
    let best = ids[0]!;
    for (const id of ids) if ((load.get(id) ?? 0) < (load.get(best) ?? 0) || ((load.get(id) ?? 0) === (load.get(best) ?? 0) && id < best)) best = id;
    load.set(best, (load.get(best) ?? 0) + 1);
    return best;
  };
  if (mode.kind === 'evenly') {
    const ids = mode.agentIds.filter((id) => load.has(id));
    if (ids.length) for (const t of tasks) assignments.push({ taskId: t.id, agentId: next(ids) });
    return { assignments, unmatched: [], blank: 0 };
  }
  const byId = new Map(agents.map((a) => [a.id.toLowerCase(), [a.id]]));
  const byName = new Map<string, string[]>();
  for (const a of agents) byName.set(a.name.trim(), [...(byName.get(a.name.trim()) ?? []), a.id]);
  const byHall = new Map<string, string[]>();
  for (const a of agents) if (a.hall) byHall.set(a.hall.trim(), [...(byHall.get(a.hall.trim()) ?? []), a.id]);
  const unmatched = new Map<string, number>();
  let blank = 0;
  for (const t of tasks) {
    const value = norm(t.values[mode.column]);
    if (!value) {
      blank++;
      continue;
    }
    const ids = byId.get(value.toLowerCase()) ?? byName.get(value) ?? (mode.column === 'hall' ? byHall.get(value) : undefined);
    if (!ids) {
      unmatched.set(value, (unmatched.get(value) ?? 0) + 1);
      continue;
    }
    assignments.push({ taskId: t.id, agentId: ids.length === 1 ? ids[0]! : next(ids) });
  }
  return {
    assignments,
    unmatched: [...unmatched.entries()].map(([value, n]) => ({ value, tasks: n })).sort((a, b) => b.tasks - a.tasks || (a.value < b.value ? -1 : 1)),
    blank,
  };
}

export interface AgentLoad {
  agentId: string;
  /** Open tasks now, every list. */
  before: number;
  /** Open tasks once the plan is applied. */
  after: number;
}

/**
 * Every agent's open load before and after a plan (the assign dialog's preview): the tasks given gain, the agents
 * they leave lose. Agents whose load does not change are left out unless named in `always`.
 */
export function loadsAfter(tasks: readonly AssignableTask[], agents: readonly AssignableAgent[], plan: AssignmentPlan, always: readonly string[] = []): AgentLoad[] {
  const owner = new Map(tasks.map((t) => [t.id, t.agentId]));
  const delta = new Map<string, number>();
  for (const a of plan.assignments) {
    const from = owner.get(a.taskId) ?? null;
    if (from === a.agentId) continue;
    delta.set(a.agentId, (delta.get(a.agentId) ?? 0) + 1);
    if (from !== null) delta.set(from, (delta.get(from) ?? 0) - 1);
  }
  const shown = new Set([...always, ...[...delta].filter(([, d]) => d !== 0).map(([id]) => id)]);
  return agents.filter((a) => shown.has(a.id)).map((a) => ({ agentId: a.id, before: a.openTasks, after: a.openTasks + (delta.get(a.id) ?? 0) }));
}
