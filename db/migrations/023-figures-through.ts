// 023: the day through which a customer's stored figures hold (issue 19 #1; docs/scoring-storage.md "A new day
// computes the customers due").
//
// `subscriber_scores.figures_through`: a day number (days since 1970-01-01), the last day on which the figures the row
// holds are still what scoring gives — the day before the first on which a rule, a tag or the model that reads the
// day could answer otherwise (core/risk/score.ts, core/risk/tags.ts, core/model/horizon.ts). The score writer writes it
// with every figures key, from the same computation. A new day's recompute then reads only the customers without a
// key or whose day has passed, instead of every customer. NULL: not known (written before this migration) — due.
//
// The check that clears the key of a score row edited without a new one (migration 021) now names the columns it
// covers: every column but this one, so that the writer can move a customer's day on without touching the figures.
export default /* sql */ `
ALTER TABLE subscriber_scores ADD COLUMN figures_through INTEGER;
DROP TRIGGER figures_key_score_edited;
CREATE TRIGGER figures_key_score_edited AFTER UPDATE OF msisdn, score, level, reasons, unjudged, p_churn, tier, sensitivity,
  tags, config_version, model_version, computed_at, priority, figures_key ON subscriber_scores
  WHEN new.figures_key IS old.figures_key AND new.figures_key IS NOT NULL BEGIN
  UPDATE subscriber_scores SET figures_key = NULL WHERE msisdn = new.msisdn;
END;
`;
