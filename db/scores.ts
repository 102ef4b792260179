import type { Db } from './connection';
import { stmt } from './statements';

export interface ScoreRow {
  msisdn: number;
  score: number;
  level: string;
  reasons: number;
  unjudged: number;
  pChurn: number | null;
  tier: string | null;
  sensitivity: string | null;
  tags: string;
  configVersion: number;
  modelVersion: number | null;
  computedAt: string;
}

export function scoreWriter(db: Db) {
  const upsert = stmt(
    db,
    `INSERT INTO subscriber_scores (msisdn, score, level, reasons, unjudged, p_churn, tier, sensitivity, tags, config_version, model_version, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(msisdn) DO UPDATE SET score = excluded.score, level = excluded.level, reasons = excluded.reasons,
       unjudged = excluded.unjudged, p_churn = excluded.p_churn, tier = excluded.tier, sensitivity = excluded.sensitivity,
       tags = excluded.tags, config_version = excluded.config_version, model_version = excluded.model_version,
       computed_at = excluded.computed_at`,
  );
  const priority = stmt(db, 'UPDATE tasks SET priority = ? WHERE msisdn = ? AND closed_at IS NULL');
  return (r: ScoreRow, taskPriority: number): void => {
    upsert.run(r.msisdn, r.score, r.level, r.reasons, r.unjudged, r.pChurn, r.tier, r.sensitivity, r.tags, r.configVersion, r.modelVersion, r.computedAt);
    priority.run(taskPriority, r.msisdn);
  };
}

/** Subscribers in msisdn order after `after`, a batch at a time (keyset paging: cheap at any depth). */
export function subscriberBatch(db: Db, after: number, limit: number): Record<string, unknown>[] {
  return stmt(db, 'SELECT * FROM subscribers WHERE msisdn > ? ORDER BY msisdn LIMIT ?').all(after, limit) as Record<string, unknown>[];
}

export function subscribersByNumber(db: Db, msisdns: readonly number[]): Record<string, unknown>[] {
  const get = stmt(db, 'SELECT * FROM subscribers WHERE msisdn = ?');
  const out: Record<string, unknown>[] = [];
  for (const n of msisdns) {
    const row = get.get(n) as Record<string, unknown> | undefined;
    if (row) out.push(row);
  }
  return out;
}

export function subscriberCount(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM subscribers').get() as { n: number }).n;
}
