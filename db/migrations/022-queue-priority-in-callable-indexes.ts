// 022: the task priority only in the indexes that order the queue (issue 19 #1; docs/scoring-storage.md "Limits").
// tasks_queue (closed_at, priority, id) and tasks_agent (agent_id, closed_at, priority) held the priority of every task
// ever closed, yet the queue reads its callable part through tasks_callable / tasks_agent_callable (open, unblocked
// only) and its blocked part by blocked_until (migration 010). Every priority a recompute or an import writes went
// through all four; now through the two partial ones. What the two were also used for — finding open or closed tasks,
// per agent or not — stays, without the priority.
export default /* sql */ `
DROP INDEX tasks_queue;
DROP INDEX tasks_agent;
CREATE INDEX tasks_closed ON tasks(closed_at);
CREATE INDEX tasks_agent_closed ON tasks(agent_id, closed_at);
`;
