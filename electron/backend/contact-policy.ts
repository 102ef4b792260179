import { contactPolicySchema, defaultContactPolicy, type ContactPolicy } from '../../core/contact/policy';
import { activeConfig } from '../../db/config';
import type { Db } from '../../db/connection';

/** The config_versions kind of the contact policy (issue 16 #3). */
export const CONTACT_POLICY_KIND = 'contact';

const cache = new WeakMap<Db, { version: number; policy: ContactPolicy }>();

/**
 * The active contact policy (versioned configuration, saved and rolled back like the risk rules) and its version
 * (1: the built-in defaults while nothing was saved). Every reader — the card's and the queue's decisions, the
 * stored queue blocks, the status rule's attempt limit, the call-back horizon — asks here. Parsed once per version.
 */
export function activeContactPolicyVersion(db: Db): { policy: ContactPolicy; version: number; isDefault: boolean } {
  const row = activeConfig(db, CONTACT_POLICY_KIND);
  if (!row) return { policy: defaultContactPolicy, version: 1, isDefault: true };
  const hit = cache.get(db);
  if (hit?.version === row.version) return { policy: hit.policy, version: row.version, isDefault: false };
  const parsed = contactPolicySchema.safeParse(JSON.parse(row.body));
  // A stored version this code cannot read (from a newer app) falls back to the defaults rather than stopping work.
  const policy = parsed.success ? parsed.data : defaultContactPolicy;
  cache.set(db, { version: row.version, policy });
  return { policy, version: row.version, isDefault: false };
}

export const activeContactPolicy = (db: Db): ContactPolicy => activeContactPolicyVersion(db).policy;
