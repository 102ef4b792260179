import { defaultRiskConfig, riskConfigSchema, type RiskConfig } from '../../core/risk/config';
import { activeConfig } from '../../db/config';
import type { Db } from '../../db/connection';

const cache = new WeakMap<Db, { version: number; cfg: RiskConfig }>();

/**
 * The active risk configuration (docs/product.md §4.1: every weight and bound is versioned configuration). Parsed
 * once per version, so the hall look-up reuses the same (compiled) object.
 */
export function activeRiskConfig(db: Db): RiskConfig {
  const row = activeConfig(db, 'risk');
  if (!row) return defaultRiskConfig;
  const hit = cache.get(db);
  if (hit?.version === row.version) return hit.cfg;
  const parsed = riskConfigSchema.safeParse(JSON.parse(row.body));
  // A stored version this code cannot read (edited by hand, or from a newer app) falls back to the defaults
  // rather than leaving the hall without a card.
  const cfg = parsed.success ? { ...parsed.data, version: row.version } : defaultRiskConfig;
  cache.set(db, { version: row.version, cfg });
  return cfg;
}
