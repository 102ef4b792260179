// 008: trust (issue 7, docs/product.md §8) — the audit log searchable at scale, the retention purge's one permitted change
// to an attempt, and sign-in lockouts that survive a restart.
export default /* sql */ `
-- The audit page lists newest first within a date range, by agent and by action (docs/product.md §8: a supervisor can
-- read and export it). With a million entries these are index walks, not scans. (rowid is the last column of
-- every index, so "newest first" needs no sort.)
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_action ON audit_log(action, at);
CREATE INDEX audit_log_agent ON audit_log(agent_id, at);
-- Text anywhere within the target (a masked number, a list or file name): a trigram index, so "contains" is an
-- index look-up for three characters or more instead of reading every entry. Kept by a trigger; the log is
-- append-only, so entries never change or go.
CREATE VIRTUAL TABLE audit_target_search USING fts5(target, content = 'audit_log', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO audit_target_search (rowid, target) SELECT id, target FROM audit_log WHERE target IS NOT NULL;
CREATE TRIGGER audit_log_target_search AFTER INSERT ON audit_log WHEN new.target IS NOT NULL
  BEGIN INSERT INTO audit_target_search (rowid, target) VALUES (new.id, new.target); END;

-- Attempts stay append-only, with exactly one exception: the retention purge (electron/backend/retention.ts)
-- redacts the attempts of a customer whose lists have passed their due date plus the retention period. The
-- attempt itself must survive — the weekly figures and every agent's history count it, and merging outcome
-- files is a set union on its id — so the purge replaces the number with a random negative tombstone (no real
-- number is negative, and a random value cannot be turned back into the number) and clears the free-text note.
-- Anything else, a second redaction included, is refused as before. Every other column is listed: a column added
-- to attempts later must be added here too, or it would become changeable by a "redaction".
DROP TRIGGER attempts_append_only_update;
CREATE TRIGGER attempts_append_only_update BEFORE UPDATE ON attempts
  WHEN NOT (
    old.msisdn >= 0 AND typeof(new.msisdn) = 'integer' AND new.msisdn < 0 AND new.note IS NULL
    AND new.id IS old.id AND new.task_id IS old.task_id AND new.agent_id IS old.agent_id
    AND new.channel IS old.channel AND new.at IS old.at AND new.disposition IS old.disposition
    AND new.reason IS old.reason AND new.competitor IS old.competitor AND new.offer_code IS old.offer_code
    AND new.callback_at IS old.callback_at AND new.recorded_at IS old.recorded_at
  )
  BEGIN SELECT RAISE(ABORT, 'attempts are append-only (the retention purge may only redact a number and note once)'); END;

-- Wrong PINs in a row and the lock they caused, per agent id (electron/backend/sessions.ts). Kept in the database
-- rather than in memory so that restarting the app (or browser mode) does not lift a lock (docs/product.md §8).
CREATE TABLE sign_in_failures (
  agent_id     TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until TEXT                          -- UTC ISO instant; null when not locked
) WITHOUT ROWID;
`;
