// 021: scoring-friendly storage (issue 19 #1; docs/scoring-storage.md).
//
// 1. `scoring_inputs`: per customer, the fields scoring can read packed into one small blob (db/scoring-inputs.ts
//    packs and reads it). A full recompute reads these and not the wide subscribers rows (~530 bytes and 70 columns
//    each at a million: 8.5 s of reading alone). It is a cache of the stored row: packed from what SQLite returns for
//    the row, so scoring it gives exactly what scoring the row gives, and dropped by a trigger whenever the row
//    changes or goes, however it changes, and the customer noted in `scoring_stale` — a recompute packs those before
//    it scores. Texts are packed as numbers into `scoring_words` (decoding a text per field per row cost more than
//    the scoring).
// 2. `subscriber_scores.figures_key`: a hash of the figures last written and of the queue priority they give
//    (`subscriber_scores.priority`, new here too). A recompute compares the key it computes with this one instead of
//    reading twelve columns and the open task. The score writer writes the key with the figures, then the open task's
//    priority; triggers clear the key whenever anything else touches what it covers: a score row updated without a
//    new key, or a task opened, reopened or given a priority other than the one the figures give (a new task starts
//    at 0), or the customer's row changed. NULL = "write again".
// 3. So a key still set after a full recompute that completed under what applies now (the configuration and model
//    versions, the day: db/scores.ts completedUnder) means nothing can have changed for that customer: a second
//    recompute the same day does not even read its packed row.
export default /* sql */ `
CREATE TABLE scoring_inputs (
  msisdn  INTEGER PRIMARY KEY,
  packed  BLOB NOT NULL
);
-- The texts packed rows refer to by number (a status, a tier, a county: a few thousand words in all).
CREATE TABLE scoring_words (
  id    INTEGER PRIMARY KEY,
  word  TEXT NOT NULL UNIQUE
);
-- The customers to pack before the next recompute: new, changed or (here) every one.
CREATE TABLE scoring_stale (msisdn INTEGER PRIMARY KEY);
INSERT INTO scoring_stale (msisdn) SELECT msisdn FROM subscribers;

-- Not INSERT OR IGNORE: an outer statement's conflict policy (an import's upsert) would replace the trigger's own.
CREATE TRIGGER scoring_inputs_row_added AFTER INSERT ON subscribers BEGIN
  INSERT INTO scoring_stale (msisdn) SELECT new.msisdn WHERE NOT EXISTS (SELECT 1 FROM scoring_stale WHERE msisdn = new.msisdn);
END;
CREATE TRIGGER scoring_inputs_row_updated AFTER UPDATE ON subscribers BEGIN
  DELETE FROM scoring_inputs WHERE msisdn = old.msisdn;
  UPDATE subscriber_scores SET figures_key = NULL WHERE msisdn = old.msisdn AND figures_key IS NOT NULL;
  INSERT INTO scoring_stale (msisdn) SELECT new.msisdn WHERE NOT EXISTS (SELECT 1 FROM scoring_stale WHERE msisdn = new.msisdn);
END;
CREATE TRIGGER scoring_inputs_row_deleted AFTER DELETE ON subscribers BEGIN
  DELETE FROM scoring_inputs WHERE msisdn = old.msisdn;
  DELETE FROM scoring_stale WHERE msisdn = old.msisdn;
END;

ALTER TABLE subscriber_scores ADD COLUMN figures_key INTEGER;
ALTER TABLE subscriber_scores ADD COLUMN priority REAL;

CREATE TRIGGER figures_key_score_edited AFTER UPDATE ON subscriber_scores
  WHEN new.figures_key IS old.figures_key AND new.figures_key IS NOT NULL BEGIN
  UPDATE subscriber_scores SET figures_key = NULL WHERE msisdn = new.msisdn;
END;
CREATE TRIGGER figures_key_task_opened AFTER INSERT ON tasks
  WHEN new.closed_at IS NULL AND new.priority IS NOT (SELECT priority FROM subscriber_scores WHERE msisdn = new.msisdn) BEGIN
  UPDATE subscriber_scores SET figures_key = NULL WHERE msisdn = new.msisdn AND figures_key IS NOT NULL;
END;
CREATE TRIGGER figures_key_task_changed AFTER UPDATE OF priority, closed_at, msisdn ON tasks
  WHEN new.closed_at IS NULL AND new.priority IS NOT (SELECT priority FROM subscriber_scores WHERE msisdn = new.msisdn) BEGIN
  UPDATE subscriber_scores SET figures_key = NULL WHERE msisdn = new.msisdn AND figures_key IS NOT NULL;
END;
`;
