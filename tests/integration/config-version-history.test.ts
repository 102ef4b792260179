import { afterAll, describe, expect, it } from 'vitest';
import { defaultContactPolicy } from '../../core/contact/policy';
import { defaultRiskConfig } from '../../core/risk/config';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * The version history says what each save changed against the version it was made on, as the audit log does. It
 * compared each with the version numbered before it: a save made after going back to an older version was shown
 * undoing the changes of the version in between, credited to someone who never made them (found by a new supervisor).
 */
describe('the rules’ version history', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('names what each save changed from the version then active, after a switch back too', async () => {
    const t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      const levels = defaultRiskConfig.levels;
      // v2: 中危 lowered by S001; back to v1; v3 from v1: 低危 lowered.
      await t.waitJob(await t.call('risk-config-save', { config: { ...defaultRiskConfig, levels: { ...levels, mediumMax: levels.mediumMax - 5 } } }));
      await t.waitJob(await t.call('risk-config-activate', { version: 1 }));
      await t.waitJob(await t.call('risk-config-save', { config: { ...defaultRiskConfig, levels: { ...levels, lowMax: levels.lowMax - 1 } } }));
      const { items } = await t.call('risk-config-versions', {});
      expect(items.map((v) => [v.version, v.changes])).toEqual([
        [3, [{ path: 'levels.lowMax', before: levels.lowMax, after: levels.lowMax - 1 }]],
        [2, [{ path: 'levels.mediumMax', before: levels.mediumMax, after: levels.mediumMax - 5 }]],
        [1, []],
      ]);
    } finally {
      t.close();
    }
  });
  it('a save made on a version no longer active is refused, saving nothing, for both rules (another supervisor saved meanwhile)', async () => {
    const t = testBackend({ dbPath: tmp.file('stale.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      const levels = defaultRiskConfig.levels;
      // Two pages open on version 1; the first saves version 2.
      await t.waitJob(await t.call('risk-config-save', { config: { ...defaultRiskConfig, levels: { ...levels, mediumMax: levels.mediumMax - 5 } }, basedOn: 1 }));
      // The second, still on version 1 (its change event lost), would undo that change without a word.
      await expect(t.call('risk-config-save', { config: { ...defaultRiskConfig, levels: { ...levels, lowMax: levels.lowMax - 1 } }, basedOn: 1 })).rejects.toMatchObject({
        code: 'conflict',
        messageKey: 'api.config-saved-elsewhere',
        params: { version: '2' },
      });
      expect((await t.call('risk-config-get', {})).version).toBe(2);
      expect((await t.call('risk-config-versions', {})).items).toHaveLength(2);
      // Made on the version active now, it is saved.
      await t.waitJob(await t.call('risk-config-save', { config: { ...defaultRiskConfig, levels: { ...levels, lowMax: levels.lowMax - 1 } }, basedOn: 2 }));
      expect((await t.call('risk-config-get', {})).version).toBe(3);

      await t.waitJob(await t.call('contact-policy-save', { policy: { ...defaultContactPolicy, maxAttempts: 4 }, basedOn: 1 }));
      await expect(t.call('contact-policy-save', { policy: { ...defaultContactPolicy, retryAfterMinutes: 240 }, basedOn: 1 })).rejects.toMatchObject({
        code: 'conflict',
        messageKey: 'api.config-saved-elsewhere',
        params: { version: '2' },
      });
      expect(await t.call('contact-policy-get', {})).toMatchObject({ version: 2, policy: { maxAttempts: 4, retryAfterMinutes: defaultContactPolicy.retryAfterMinutes } });
    } finally {
      t.close();
    }
  });
});
