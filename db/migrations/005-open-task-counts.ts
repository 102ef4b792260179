// 005: open tasks counted per agent by triggers, so the queue's "N tasks" needs no count over a million rows
// on every page (docs/product.md §10: a queue page in ≤ 20 ms with 1,000,000 tasks). '' stands for unassigned.
export default /* sql */ `
CREATE TABLE open_task_counts (
  agent_id TEXT PRIMARY KEY,
  n        INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO open_task_counts (agent_id, n)
  SELECT ifnull(agent_id, ''), count(*) FROM tasks WHERE closed_at IS NULL GROUP BY ifnull(agent_id, '');

CREATE TRIGGER open_task_counts_insert AFTER INSERT ON tasks WHEN new.closed_at IS NULL
BEGIN
  INSERT INTO open_task_counts (agent_id, n) VALUES (ifnull(new.agent_id, ''), 1)
    ON CONFLICT(agent_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER open_task_counts_delete AFTER DELETE ON tasks WHEN old.closed_at IS NULL
BEGIN
  UPDATE open_task_counts SET n = n - 1 WHERE agent_id = ifnull(old.agent_id, '');
END;

CREATE TRIGGER open_task_counts_update AFTER UPDATE OF closed_at, agent_id ON tasks
  WHEN (old.closed_at IS NULL) OR (new.closed_at IS NULL)
BEGIN
  UPDATE open_task_counts SET n = n - 1 WHERE old.closed_at IS NULL AND agent_id = ifnull(old.agent_id, '');
  INSERT INTO open_task_counts (agent_id, n) SELECT ifnull(new.agent_id, ''), 1 WHERE new.closed_at IS NULL
    ON CONFLICT(agent_id) DO UPDATE SET n = n + 1;
END;
`;
