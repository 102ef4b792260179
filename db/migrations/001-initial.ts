// 001: the first schema, covering the product's entities (docs/product.md §2–§8).
// Kept as a TypeScript string so the migration is bundled with the code (no files to find at run time).
export default /* sql */ `
-- Dates are UTC ISO-8601 text (date-times) or YYYY-MM-DD (calendar dates); booleans are 0/1.

CREATE TABLE workspace (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per mobile line. msisdn is the INTEGER primary key (an alias of the rowid): mainland numbers are
-- 11 digits starting with 1, so the integer is lossless, and the hall look-up becomes a rowid seek.
CREATE TABLE subscribers (
  msisdn                   INTEGER PRIMARY KEY,
  name                     TEXT,
  id_hash                  TEXT,            -- salted hash of the identity number; the number itself is never stored
  brand                    TEXT,
  tier                     TEXT,
  plan_code                TEXT,
  plan_name                TEXT,
  plan_fee                 REAL,
  join_date                TEXT,
  tenure_months            INTEGER,
  region_type              TEXT,
  county                   TEXT,
  hall                     TEXT,
  manager                  TEXT,
  arpu_m1                  REAL,
  arpu_m2                  REAL,
  arpu_m3                  REAL,
  arpu_avg3                REAL,
  arpu_cur                 REAL,
  mou_avg3                 REAL,
  mou_cur                  REAL,
  data_mb_avg3             REAL,
  data_mb_cur              REAL,
  local_min                REAL,
  long_distance_min        REAL,
  roaming_min              REAL,
  roaming_mb               REAL,
  offnet_ratio_prev        REAL,
  offnet_ratio_cur         REAL,
  competitor_cs_calls_week INTEGER,
  competitor_contacts      INTEGER,
  dual_sim                 TEXT,
  forward_offnet           INTEGER,
  status                   TEXT,
  suspended_days           INTEGER,
  balance                  REAL,
  arrears                  REAL,
  contract_end             TEXT,
  contract_type            TEXT,
  complaints_90d           INTEGER,
  handset_model            TEXT,
  handset_months           INTEGER,
  handset_smart            INTEGER,
  family_members           INTEGER,
  family_numbers           INTEGER,
  vnet                     INTEGER,
  broadband                INTEGER,
  channel_pref             TEXT,
  contact_pref             TEXT,
  do_not_disturb           INTEGER,
  last_marketed            TEXT,
  churned                  INTEGER,
  churn_date               TEXT,
  extra                    TEXT NOT NULL DEFAULT '{}',   -- JSON object: columns of the source file we have no field for
  updated_at               TEXT NOT NULL
);
CREATE INDEX subscribers_id_hash ON subscribers(id_hash) WHERE id_hash IS NOT NULL;

CREATE TABLE agents (
  id         TEXT PRIMARY KEY,              -- 工号
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
  hall       TEXT,
  pin_hash   TEXT,                          -- scrypt, with its salt and parameters encoded in the value
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE work_lists (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  list_type   TEXT NOT NULL,
  period      TEXT,
  due_date    TEXT,
  source_file TEXT,
  source_hash TEXT,                         -- content hash of the imported sheet: re-importing it changes nothing
  imported_at TEXT NOT NULL,
  closed_at   TEXT,
  demo        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX work_lists_name_period ON work_lists(name, ifnull(period, ''));

CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY,
  msisdn      INTEGER NOT NULL REFERENCES subscribers(msisdn),
  agent_id    TEXT REFERENCES agents(id),
  status      TEXT NOT NULL DEFAULT 'pending', -- derived from the task's attempts (core/contact/status.ts)
  priority    REAL NOT NULL DEFAULT 0,      -- larger first; recomputed from risk and value
  due_date    TEXT,
  -- caches derived from the attempts, so the queue page needs no aggregate over a million rows
  attempt_count   INTEGER NOT NULL DEFAULT 0,
  last_attempt_at TEXT,
  callback_at     TEXT,
  created_at  TEXT NOT NULL,
  closed_at   TEXT
);
-- "A subscriber on several lists gets one open task": at most one task per subscriber that is not closed.
CREATE UNIQUE INDEX tasks_one_open_per_subscriber ON tasks(msisdn) WHERE closed_at IS NULL;
CREATE INDEX tasks_msisdn ON tasks(msisdn, created_at);
CREATE INDEX tasks_queue ON tasks(closed_at, priority DESC, id);
CREATE INDEX tasks_callbacks ON tasks(callback_at) WHERE callback_at IS NOT NULL AND closed_at IS NULL;
CREATE INDEX tasks_agent ON tasks(agent_id, closed_at, priority DESC);

-- A subscriber's membership of a work list, with the reason that list gives; links the list to the task.
CREATE TABLE list_members (
  list_id  INTEGER NOT NULL REFERENCES work_lists(id) ON DELETE CASCADE,
  msisdn   INTEGER NOT NULL REFERENCES subscribers(msisdn),
  task_id  INTEGER REFERENCES tasks(id),
  reason   TEXT,
  row_no   INTEGER,
  PRIMARY KEY (list_id, msisdn)
) WITHOUT ROWID;
CREATE INDEX list_members_msisdn ON list_members(msisdn);
CREATE INDEX list_members_task ON list_members(task_id);

-- Contacts are append-only events with globally unique ids, so merging outcome files is a set union.
CREATE TABLE attempts (
  id           TEXT PRIMARY KEY,
  task_id      INTEGER REFERENCES tasks(id),
  msisdn       INTEGER NOT NULL,
  agent_id     TEXT NOT NULL,
  channel      TEXT NOT NULL,
  at           TEXT NOT NULL,
  disposition  TEXT NOT NULL,
  reason       TEXT,
  competitor   TEXT,
  offer_code   TEXT,
  callback_at  TEXT,
  note         TEXT,
  recorded_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX attempts_task ON attempts(task_id, at);
CREATE INDEX attempts_msisdn ON attempts(msisdn, at);
CREATE INDEX attempts_at ON attempts(at);
CREATE TRIGGER attempts_append_only_update BEFORE UPDATE ON attempts
  BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
CREATE TRIGGER attempts_append_only_delete BEFORE DELETE ON attempts
  BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;

CREATE TABLE feedback (
  id          TEXT PRIMARY KEY,
  attempt_id  TEXT,
  msisdn      INTEGER,
  agent_id    TEXT NOT NULL,
  category    TEXT,
  importance  TEXT CHECK (importance IN ('high', 'medium', 'low')),
  text        TEXT NOT NULL,
  at          TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE experience_notes (
  id          TEXT PRIMARY KEY,
  agent_id    TEXT NOT NULL,
  offer_code  TEXT,
  reason      TEXT,
  text        TEXT NOT NULL,
  at          TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE offers (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  category      TEXT,
  description   TEXT,
  script        TEXT,
  cost          REAL NOT NULL DEFAULT 0,
  channels      TEXT NOT NULL DEFAULT '[]',   -- JSON array
  valid_from    TEXT,
  valid_to      TEXT,
  rules         TEXT NOT NULL DEFAULT '{}',   -- JSON: eligibility / applicability / suitability rules
  cooldown_days INTEGER NOT NULL DEFAULT 30,
  weekly_budget INTEGER,
  active        INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE plans (
  code              TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  monthly_fee       REAL NOT NULL,
  incl_local_min    REAL NOT NULL DEFAULT 0,
  incl_ld_min       REAL NOT NULL DEFAULT 0,
  incl_roaming_min  REAL NOT NULL DEFAULT 0,
  incl_data_mb      REAL NOT NULL DEFAULT 0,
  price_local_min   REAL NOT NULL DEFAULT 0,
  price_ld_min      REAL NOT NULL DEFAULT 0,
  price_roaming_min REAL NOT NULL DEFAULT 0,
  price_data_mb     REAL NOT NULL DEFAULT 0,
  active            INTEGER NOT NULL DEFAULT 1,
  updated_at        TEXT NOT NULL
) WITHOUT ROWID;

-- Versioned configuration (risk weights, level bounds, contact policy, …): one row per saved version.
CREATE TABLE config_versions (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  body        TEXT NOT NULL,                -- JSON
  active      INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  UNIQUE (kind, version)
);
CREATE UNIQUE INDEX config_versions_one_active ON config_versions(kind) WHERE active = 1;

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  agent_id  TEXT,
  action    TEXT NOT NULL,
  target    TEXT,
  detail    TEXT                            -- JSON; never clear personal data
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
