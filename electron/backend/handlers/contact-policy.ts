import { ApiFailure } from '../../../core/api';
import { changedContactPolicyKeys, contactPolicySchema, defaultContactPolicy } from '../../../core/contact/policy';
import { activateConfigVersion, activeConfig, configVersion, listConfigVersions, saveConfigVersion } from '../../../db/config';
import { writeAudit } from '../../../db/workspace';
import { refuseSaveOnStaleVersion, storedConfigVersions } from '../config-versions';
import { activeContactPolicyVersion, CONTACT_POLICY_KIND as KIND } from '../contact-policy';
import type { HandlerMap } from './types';

/**
 * The contact policy as versioned configuration (issue 16 #3), the way the risk rules are (handlers/risk.ts): a save
 * is a new active version, audited with the settings it changed; any version can be made active again; both then
 * recompute every open task's queue block and status in a worker, and a preview says beforehand how many open tasks
 * would change callability.
 */
export const contactPolicyHandlers = {
  'contact-policy-get': (ctx) => activeContactPolicyVersion(ctx.db),

  'contact-policy-preview': (ctx, { policy }) => ctx.jobs.start('contact-policy-preview', { policy }),

  'contact-policy-save': (ctx, { policy, basedOn }) => {
    const at = ctx.now().toISOString();
    const db = ctx.db;
    const { policy: previous, version: active } = activeContactPolicyVersion(db);
    refuseSaveOnStaleVersion(basedOn, active);
    db.transaction(() => {
      // Version 1 is the built-in defaults the queue was derived with: the first change records them first, so that
      // "back to version 1" exists.
      if (listConfigVersions(db, KIND).length === 0 && changedContactPolicyKeys(policy, defaultContactPolicy).length > 0) {
        saveConfigVersion(db, KIND, JSON.stringify(defaultContactPolicy), at, null);
      }
      const next = saveConfigVersion(db, KIND, JSON.stringify(policy), at, ctx.caller.agentId);
      writeAudit(db, { at, agentId: ctx.caller.agentId, action: 'contact-policy-save', target: `v${next}`, detail: { changed: changedContactPolicyKeys(previous, policy) } });
    })();
    return ctx.jobs.start('contact-policy-recompute', {});
  },

  'contact-policy-versions': (ctx) => ({
    items: storedConfigVersions(ctx.db, KIND, { schema: contactPolicySchema, defaults: defaultContactPolicy, changedKeys: changedContactPolicyKeys }).map(
      ({ body, ...v }) => ({ ...v, policy: body }),
    ),
  }),

  'contact-policy-activate': (ctx, { version }) => {
    const db = ctx.db;
    const row = configVersion(db, KIND, version);
    // With nothing saved, version 1 (the built-in defaults) is already the active one: recompute only.
    if (!row && !(version === 1 && listConfigVersions(db, KIND).length === 0)) {
      throw new ApiFailure('not-found', 'api.no-contact-policy-version', { version: String(version) });
    }
    if (row && !contactPolicySchema.safeParse(JSON.parse(row.body)).success) {
      throw new ApiFailure('conflict', 'api.contact-policy-version-unreadable', { version: String(version) });
    }
    const previous = activeConfig(db, KIND)?.version ?? 1;
    if (row) activateConfigVersion(db, KIND, version);
    writeAudit(db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'contact-policy-activate', target: `v${version}`, detail: { previous: `v${previous}` } });
    return ctx.jobs.start('contact-policy-recompute', {});
  },
} satisfies Partial<HandlerMap>;
