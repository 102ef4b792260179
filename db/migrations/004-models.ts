// 004: trained churn models (docs/product.md §4.2), versioned; one may be active. The model itself is JSON from
// core/model/train.ts; metrics are the holdout figures shown on the model page.
export default /* sql */ `
CREATE TABLE churn_models (
  version      INTEGER PRIMARY KEY,
  method       TEXT NOT NULL,
  trained_at   TEXT NOT NULL,
  trained_by   TEXT,
  source_file  TEXT,
  rows         INTEGER NOT NULL,
  metrics      TEXT NOT NULL,
  importance   TEXT NOT NULL,
  model        TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX churn_models_one_active ON churn_models(active) WHERE active = 1;
`;
