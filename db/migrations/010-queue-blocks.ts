// 010: callable first (issue 15 #2, docs/status-rule.md "Callable first"). An open task that cannot be phoned now for
// a reason of its own — do-not-disturb, retry spacing after 忙线/无人接听, a call-back set for later, the 60-day
// marketing gap, complaint care — goes after the callable ones, soonest-lifting first. Whether it can is the contact
// policy's answer (core/contact/policy.ts queueBlockedUntil), stored here because the queue must stay an index walk
// over a million tasks: NULL when callable, else the UTC instant its block lifts ('9999-…' when nothing lifts it).
// SQL cannot ask the policy, so the column starts NULL and the backend fills it for every open task on its first
// start on this version (workspace key 'queue-blocks', electron/backend/queue-blocks.ts).
export default /* sql */ `
ALTER TABLE tasks ADD COLUMN blocked_until TEXT;

-- The two parts of the open queue after the due call-backs, each walked in its own order: callable by priority,
-- blocked by when the block lifts. Per agent likewise (an agent's queue, a supervisor's agent filter; NULL = 未分配).
-- The trailing columns (NULL or constant here, so nearly free) make the page walk covering: a page deep in the queue
-- skips its OFFSET rows inside the index instead of reading each task row (db/tasks.ts queueQueries).
CREATE INDEX tasks_callable ON tasks(priority DESC, id, callback_at, closed_at, blocked_until) WHERE closed_at IS NULL AND blocked_until IS NULL;
CREATE INDEX tasks_blocked ON tasks(blocked_until, id, closed_at) WHERE closed_at IS NULL AND blocked_until IS NOT NULL;
CREATE INDEX tasks_agent_callable ON tasks(agent_id, priority DESC, id, callback_at, closed_at, blocked_until) WHERE closed_at IS NULL AND blocked_until IS NULL;
CREATE INDEX tasks_agent_blocked ON tasks(agent_id, blocked_until, id, closed_at) WHERE closed_at IS NULL AND blocked_until IS NOT NULL;

-- A task that closes leaves the open queue, and its block with it, whichever writer closed it (the status rule, the
-- expiry sweep, the retention purge).
CREATE TRIGGER tasks_closed_unblocked AFTER UPDATE OF closed_at ON tasks
  WHEN new.closed_at IS NOT NULL AND new.blocked_until IS NOT NULL
BEGIN
  UPDATE tasks SET blocked_until = NULL WHERE id = new.id;
END;
`;
