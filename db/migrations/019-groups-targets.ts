// 019: agent groups and weekly targets (issue 17 #5).
//  - agent_groups: a named team (滨江营业厅外呼组); agent_group_members: who is in it (an agent may be in several).
//    Removing a group removes its memberships; an account is never deleted (accounts are turned off), so members
//    keep their foreign key.
//  - targets: a weekly target of contacts and successes for a scope — a work list, an agent, a group, or a
//    campaign (issue 17 #2; its id kept as text, the scope's own key) — for one ISO week, or '*' for every week
//    (the default a week without its own target takes). One row per scope and week; a null figure is "no target".
export default /* sql */ `
CREATE TABLE agent_groups (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  created_by  TEXT
);

CREATE TABLE agent_group_members (
  group_id  INTEGER NOT NULL REFERENCES agent_groups(id) ON DELETE CASCADE,
  agent_id  TEXT NOT NULL REFERENCES agents(id),
  PRIMARY KEY (group_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX agent_group_members_agent ON agent_group_members (agent_id);

CREATE TABLE targets (
  scope_kind  TEXT NOT NULL CHECK (scope_kind IN ('list', 'agent', 'group', 'campaign')),
  scope_id    TEXT NOT NULL,
  week        TEXT NOT NULL,                 -- an ISO week (2026-W48) or '*' for every week
  contacts    INTEGER CHECK (contacts IS NULL OR contacts >= 0),
  successes   INTEGER CHECK (successes IS NULL OR successes >= 0),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT,
  PRIMARY KEY (scope_kind, scope_id, week)
) WITHOUT ROWID;
`;
