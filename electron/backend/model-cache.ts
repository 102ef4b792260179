import { createPredictor, parseModel, predictChurn, type SerializedModel } from '../../core/model/train';
import type { Db } from '../../db/connection';
import { activeModel, activeModelVersion } from '../../db/models';

const cache = new WeakMap<Db, { version: number; model: SerializedModel }>();

/** The active churn model, parsed once per version; null when none is active (the rule score stands alone). */
export function activeChurnModel(db: Db): { version: number; model: SerializedModel } | null {
  const version = activeModelVersion(db);
  if (version === undefined) return null;
  const hit = cache.get(db);
  if (hit?.version === version) return hit;
  const row = activeModel(db);
  if (!row) return null; // deactivated between the two reads
  const entry = { version: row.version, model: parseModel(row.model) };
  cache.set(db, entry);
  return entry;
}

export { createPredictor, predictChurn };
