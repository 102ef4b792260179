import type { Db } from './connection';
import { stmt } from './statements';

export interface ModelRow {
  version: number;
  method: string;
  trained_at: string;
  trained_by: string | null;
  source_file: string | null;
  rows: number;
  metrics: string;
  importance: string;
  model: string;
  active: number;
}

export function insertModel(db: Db, m: { method: string; trainedAt: string; trainedBy: string | null; sourceFile: string | null; rows: number; metrics: unknown; importance: unknown; model: unknown }): number {
  const info = stmt(
    db,
    'INSERT INTO churn_models (method, trained_at, trained_by, source_file, rows, metrics, importance, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(m.method, m.trainedAt, m.trainedBy, m.sourceFile, m.rows, JSON.stringify(m.metrics), JSON.stringify(m.importance), JSON.stringify(m.model));
  return Number(info.lastInsertRowid);
}

/** The versions, newest first, each with the name of the account that trained it (null: the CLI, or an account since removed). */
export function listModels(db: Db): (Omit<ModelRow, 'model'> & { trained_by_name: string | null })[] {
  return stmt(
    db,
    `SELECT m.version, m.method, m.trained_at, m.trained_by, a.name AS trained_by_name, m.source_file, m.rows, m.metrics, m.importance, m.active
       FROM churn_models m LEFT JOIN agents a ON a.id = m.trained_by ORDER BY m.version DESC`,
  ).all() as (Omit<ModelRow, 'model'> & { trained_by_name: string | null })[];
}

export function activeModel(db: Db): ModelRow | undefined {
  return stmt(db, 'SELECT * FROM churn_models WHERE active = 1').get() as ModelRow | undefined;
}

/**
 * The active model's version alone: the hall look-up asks on every card, and the serialized model (megabytes for
 * boosted trees) is read only when the version moved (electron/backend/model-cache.ts).
 */
export function activeModelVersion(db: Db): number | undefined {
  return stmt(db, 'SELECT version FROM churn_models WHERE active = 1').pluck().get() as number | undefined;
}

/** Makes `version` the active model, or none (back to the rule score alone) when null. */
export function activateModel(db: Db, version: number | null): boolean {
  return db.transaction(() => {
    if (version !== null && !stmt(db, 'SELECT 1 FROM churn_models WHERE version = ?').get(version)) return false;
    stmt(db, 'UPDATE churn_models SET active = 0 WHERE active = 1').run();
    if (version !== null) stmt(db, 'UPDATE churn_models SET active = 1 WHERE version = ?').run(version);
    return true;
  })();
}
