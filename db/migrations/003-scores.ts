// 003: the computed risk of each subscriber, kept for the queue order, reports and dashboards. The card
// recomputes its own at look-up time, so these are a cache the recompute job rebuilds, never a source.
export default /* sql */ `
CREATE TABLE subscriber_scores (
  msisdn          INTEGER PRIMARY KEY REFERENCES subscribers(msisdn) ON DELETE CASCADE,
  score           REAL NOT NULL,
  level           TEXT NOT NULL,
  reasons         INTEGER NOT NULL,           -- bit i ⇔ core/risk/score.ts reasonCodes[i] contributed
  unjudged        INTEGER NOT NULL,           -- bit i ⇔ unjudgedGroups[i] could not be judged
  p_churn         REAL,                       -- the active model's probability, when one is active
  tier            TEXT,
  sensitivity     TEXT,
  tags            TEXT NOT NULL DEFAULT '',   -- tag codes, comma-separated
  config_version  INTEGER NOT NULL,
  model_version   INTEGER,
  computed_at     TEXT NOT NULL
);
CREATE INDEX subscriber_scores_level ON subscriber_scores(level);
`;
