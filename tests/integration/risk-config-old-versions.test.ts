import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRiskConfig } from '../../core/risk/config';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * Risk-rule versions stored before the sticky services and the own dual-SIM values existed (issue 16 #4): they
 * read with those settings at their defaults (an old "points each" kept for the three services it covered),
 * show nothing as changed that the supervisor did not change, and can be made active again.
 */
describe('risk rules versions saved by an older app', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  const oldBody = (pointsEach: number, mediumMax: number) => {
    const o = JSON.parse(JSON.stringify(defaultRiskConfig)) as Record<string, Record<string, unknown>>;
    o.sticky = { pointsEach, minPoints: -6 };
    delete o.dualSim!.ownValues;
    o.levels!.mediumMax = mediumMax;
    return JSON.stringify(o);
  };
  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date('2026-11-23T03:00:00Z') });
    await t.call('risk-config-get', {});
    const db = new Database(tmp.file('ws.sqlite'));
    const insert = db.prepare('INSERT INTO config_versions (kind, version, body, active, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('risk', 1, oldBody(-2, 20), 0, '2026-10-01T00:00:00Z', null);
    insert.run('risk', 2, oldBody(-3, 22), 1, '2026-10-02T00:00:00Z', null);
    db.close();
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('the active old version reads with the new settings at their defaults', async () => {
    const { config, version } = await t.call('risk-config-get', {});
    expect(version).toBe(2);
    expect(config.levels.mediumMax).toBe(22);
    expect(config.dualSim.ownValues).toEqual(defaultRiskConfig.dualSim.ownValues);
    expect(config.sticky.services.vnet.points).toBe(-3);
    expect(config.sticky.services.m_group).toEqual(defaultRiskConfig.sticky.services.m_group);
  });

  it('the versions list shows only what was changed, and the old defaults as defaults', async () => {
    const { items } = await t.call('risk-config-versions', {});
    const v1 = items.find((i) => i.version === 1)!;
    const v2 = items.find((i) => i.version === 2)!;
    expect(v1.isDefaults).toBe(true);
    expect(v1.changes).toEqual([]);
    expect(v2.changes.map((c) => c.path).sort()).toEqual(['levels.mediumMax', 'sticky.services.broadband.points', 'sticky.services.family_numbers.points', 'sticky.services.vnet.points']);
    expect(v1.config).not.toBeNull();
  });

  it('an old version can be made active again, and is', async () => {
    const job = await t.waitJob(await t.call('risk-config-activate', { version: 1 }));
    expect(job.state).toBe('done');
    const { config, version } = await t.call('risk-config-get', {});
    expect(version).toBe(1);
    expect({ ...config, version: 1 }).toEqual(defaultRiskConfig);
  });
});
