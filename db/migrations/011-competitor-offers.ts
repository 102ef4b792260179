// 011: what a competitor offered (issue 15 #6). A churn, or a decline for a competitor's offer or the social circle,
// records which competitor (already a column) and now what it offered: the agent's words and the monthly price in
// yuan (optional). Both are nullable: older attempts and merged files without them stay as they were.
//
// The append-only trigger of migration 008 lists every column so a "redaction" can change nothing else; the two new
// columns join it. The offer text is free text an agent typed, so the retention purge clears it like the note; the
// price is a figure about the competitor, not the customer, and stays for the reports.
export default /* sql */ `
ALTER TABLE attempts ADD COLUMN competitor_offer TEXT;
ALTER TABLE attempts ADD COLUMN competitor_amount REAL;

DROP TRIGGER attempts_append_only_update;
CREATE TRIGGER attempts_append_only_update BEFORE UPDATE ON attempts
  WHEN NOT (
    old.msisdn >= 0 AND typeof(new.msisdn) = 'integer' AND new.msisdn < 0 AND new.note IS NULL AND new.competitor_offer IS NULL
    AND new.id IS old.id AND new.task_id IS old.task_id AND new.agent_id IS old.agent_id
    AND new.channel IS old.channel AND new.at IS old.at AND new.disposition IS old.disposition
    AND new.reason IS old.reason AND new.competitor IS old.competitor AND new.offer_code IS old.offer_code
    AND new.callback_at IS old.callback_at AND new.recorded_at IS old.recorded_at
    AND new.competitor_amount IS old.competitor_amount
  )
  BEGIN SELECT RAISE(ABORT, 'attempts are append-only (the retention purge may only redact a number, note and competitor offer text once)'); END;
`;
