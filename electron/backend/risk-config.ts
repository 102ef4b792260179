import { changedRiskKeys, defaultRiskConfig, riskConfigSchema, type RiskConfig } from '../../core/risk/config';
import { activeConfig, listConfigVersions, saveConfigVersion } from '../../db/config';
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
  const stored = storedRiskConfig(row.body);
  // A stored version this code cannot read (edited by hand, or from a newer app) falls back to the defaults
  // rather than leaving the hall without a card.
  const cfg = stored ? { ...stored, version: row.version } : defaultRiskConfig;
  cache.set(db, { version: row.version, cfg });
  return cfg;
}

/** A stored version's rules as this app reads them (older versions' missing settings at their defaults); null when it cannot. */
export function storedRiskConfig(body: string): RiskConfig | null {
  const parsed = riskConfigSchema.safeParse(JSON.parse(body));
  return parsed.success ? parsed.data : null;
}

/**
 * Saves `config` as the next version of the risk rules, made active, and returns its number (the caller owns the
 * transaction and starts the recompute). Version 1 is the built-in defaults the workspace has been scored with (their
 * `version` is 1 and the stored scores say so): the first change records them first, so that "back to version 1"
 * exists — and the new rules get a number of their own, which the recompute's stamp tells them apart by.
 */
export function saveRiskConfig(db: Db, config: RiskConfig, at: string, by: string | null): number {
  if (listConfigVersions(db, 'risk').length === 0 && changedRiskKeys(config, defaultRiskConfig).length > 0) {
    saveConfigVersion(db, 'risk', JSON.stringify(defaultRiskConfig), at, null);
  }
  return saveConfigVersion(db, 'risk', JSON.stringify(config), at, by);
}
