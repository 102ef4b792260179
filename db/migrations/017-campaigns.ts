// 017: campaigns (issue 17 #2): a condition over the stored customers (a segment's, copied when the campaign is made
// from one) with the list type, offer family, due days, assignment and schedule of the work it creates. Each run is
// recorded per campaign and local day; the work list a run creates says which campaign made it (work_lists.campaign_id).
// A built-in campaign (core/campaigns/defaults.ts) keeps its key in `builtin`, so a later version can add new ones
// without doubling those a supervisor already changed.
export default /* sql */ `
CREATE TABLE campaigns (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  builtin      TEXT UNIQUE,
  source       TEXT,
  segment_id   INTEGER REFERENCES segments(id) ON DELETE SET NULL,
  condition    TEXT NOT NULL,
  list_type    TEXT NOT NULL,
  offer_family TEXT,
  due_days     INTEGER NOT NULL,
  assignment   TEXT NOT NULL,
  schedule     TEXT NOT NULL CHECK (schedule IN ('once', 'after-import', 'daily')),
  enabled      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  created_by   TEXT,
  updated_at   TEXT NOT NULL
);

CREATE TABLE campaign_runs (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  run_day      TEXT NOT NULL,
  at           TEXT NOT NULL,
  by_agent     TEXT,
  trigger      TEXT NOT NULL,
  list_id      INTEGER REFERENCES work_lists(id) ON DELETE SET NULL,
  customers    INTEGER NOT NULL,
  new_tasks    INTEGER NOT NULL,
  joined       INTEGER NOT NULL,
  already      INTEGER NOT NULL,
  excluded     INTEGER NOT NULL,
  detail       TEXT NOT NULL
);
CREATE INDEX campaign_runs_campaign ON campaign_runs(campaign_id, run_day);

ALTER TABLE work_lists ADD COLUMN campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL;
-- The offer family (core/offers/catalogue.ts offerCategories) a campaign's list leads with on the card.
ALTER TABLE work_lists ADD COLUMN offer_family TEXT;
CREATE INDEX work_lists_campaign ON work_lists(campaign_id) WHERE campaign_id IS NOT NULL;
`;
