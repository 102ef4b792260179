import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../core/api';
import type { RiskConfigPreviewResult } from '../../core/api/ops/risk';
import { defaultRiskConfig, type RiskConfig } from '../../core/risk/config';
import { riskConfigPreviewJob } from '../../electron/backend/jobs/risk-config-preview';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

type Level = 'high' | 'medium' | 'low' | 'stable';

/** Versioned risk rules: preview before saving, the versions list, and rolling back (docs/product.md §4.1). */
describe('risk configuration versions and preview', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const read = <T>(fn: (d: Database.Database) => T): T => {
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    try {
      return fn(d);
    } finally {
      d.close();
    }
  };
  /** Stored level per subscriber, and whether the subscriber holds an open task. */
  const storedLevels = () =>
    read((d) => new Map((d.prepare('SELECT sc.msisdn, sc.level FROM subscriber_scores sc').raw().all() as [number, Level][]).map(([m, l]) => [m, l])));
  const openTaskNumbers = () => read((d) => new Set(d.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL').pluck().all() as number[]));
  /** Everything a preview must leave alone, as one comparable value. */
  const writableState = () =>
    read((d) => ({
      scores: d.prepare('SELECT msisdn, score, level, config_version, computed_at FROM subscriber_scores ORDER BY msisdn').raw().all(),
      priorities: d.prepare('SELECT id, priority FROM tasks ORDER BY id').raw().all(),
      versions: d.prepare('SELECT * FROM config_versions ORDER BY id').all(),
      audit: d.prepare('SELECT count(*) FROM audit_log').pluck().get(),
    }));

  /** The high-risk bound lowered and the stable bound raised: customers move in both directions. */
  const candidate = (): RiskConfig => ({ ...structuredClone(defaultRiskConfig), levels: { ...defaultRiskConfig.levels, mediumMax: 15, stableMax: 10 } });

  const preview = async (config: RiskConfig): Promise<RiskConfigPreviewResult> => {
    const job = await t.waitJob(await t.call('risk-config-preview', { config }));
    expect(job.state).toBe('done');
    return job.result as RiskConfigPreviewResult;
  };

  let original: Map<number, Level>;
  let forecast: RiskConfigPreviewResult;

  it('a preview counts the moves between levels and writes nothing', async () => {
    original = storedLevels();
    const before = writableState();
    forecast = await preview(candidate());
    expect(writableState()).toEqual(before);

    expect(forecast.activeVersion).toBe(1);
    expect(forecast.subscribers).toBe(original.size);
    expect(forecast.transitions.reduce((s, x) => s + x.count, 0)).toBe(original.size);
    expect(forecast.changed).toBeGreaterThan(0);
    // The stored levels were computed with the active rules, so "before" is what is stored now.
    const stored = { high: 0, medium: 0, low: 0, stable: 0 };
    for (const l of original.values()) stored[l]++;
    expect(forecast.before).toEqual(stored);
    // Lowering the high bound only moves people up into high; raising the stable bound only moves people down into stable.
    expect(forecast.transitions.find((x) => x.from === 'medium' && x.to === 'high')?.count).toBeGreaterThan(0);
    expect(forecast.transitions.find((x) => x.from === 'low' && x.to === 'stable')?.count).toBeGreaterThan(0);
    expect(forecast.transitions.filter((x) => x.from === 'high' && x.to !== 'high')).toEqual([]);
  });

  it('the same rules previewed again give the same counts, and the active rules change nobody', async () => {
    expect(await preview(candidate())).toEqual(forecast);
    const same = await preview(defaultRiskConfig);
    expect(same.changed).toBe(0);
    expect(same.openTasksChanged).toBe(0);
    expect(same.after).toEqual(same.before);
  });

  it('saving the previewed rules and recomputing moves exactly the customers the preview counted', async () => {
    const open = openTaskNumbers();
    const job = await t.waitJob(await t.call('risk-config-save', { config: candidate() }));
    expect(job.state).toBe('done');
    const after = storedLevels();

    const moves = new Map<string, number>();
    const levelsAfter = { high: 0, medium: 0, low: 0, stable: 0 };
    const openBefore = { high: 0, medium: 0, low: 0, stable: 0 };
    const openAfter = { high: 0, medium: 0, low: 0, stable: 0 };
    let changed = 0;
    let openChanged = 0;
    for (const [msisdn, from] of original) {
      const to = after.get(msisdn)!;
      moves.set(`${from}>${to}`, (moves.get(`${from}>${to}`) ?? 0) + 1);
      levelsAfter[to]++;
      if (from !== to) changed++;
      if (open.has(msisdn)) {
        openBefore[from]++;
        openAfter[to]++;
        if (from !== to) openChanged++;
      }
    }
    expect(Object.fromEntries(forecast.transitions.map((x) => [`${x.from}>${x.to}`, x.count]))).toEqual(Object.fromEntries(moves));
    expect(forecast.after).toEqual(levelsAfter);
    expect(forecast.changed).toBe(changed);
    expect(forecast.openTasks).toBe(open.size);
    expect(forecast.openTasksChanged).toBe(openChanged);
    expect(forecast.openTasksChanged).toBeGreaterThan(0);
    expect(forecast.openTasksBefore).toEqual(openBefore);
    expect(forecast.openTasksAfter).toEqual(openAfter);
    // The queue agrees: its high-risk filter counts what the preview said the queue would hold.
    expect((await t.call('queue-list', { level: 'high', limit: 1 })).total).toBe(forecast.openTasksAfter.high);
    // Only the customers whose figures moved were written (issue 19 #1): a new bound moves a few levels, and a million
    // rows rewritten only to say which version computed them took a supervisor's save ~18 s at a million.
    const result = job.result as { scoresChanged: number };
    expect(result.scoresChanged).toBe(changed);
    expect(read((d) => d.prepare('SELECT count(*) FROM subscriber_scores WHERE config_version = 2').pluck().get())).toBe(changed);
  });

  it('the first change keeps the built-in defaults as version 1; the list says who saved what and what changed', async () => {
    const { items } = await t.call('risk-config-versions', {});
    expect(items.map((v) => [v.version, v.active, v.isDefaults])).toEqual([
      [2, true, false],
      [1, false, true],
    ]);
    // Each change with its value before and after: the panel says "高危：分数高于 20 → 15".
    expect([...items[0]!.changes].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'levels.mediumMax', before: defaultRiskConfig.levels.mediumMax, after: 15 },
      { path: 'levels.stableMax', before: defaultRiskConfig.levels.stableMax, after: 10 },
    ]);
    expect(items[0]!.config?.levels.mediumMax).toBe(15);
    expect(items[1]!.changes).toEqual([]);
    expect(items[1]!.config).toEqual(defaultRiskConfig);
    expect(items[0]!.savedAt).toBe('2026-11-23T03:00:00.000Z');
    expect((await t.call('risk-config-get', {})).version).toBe(2);
    const audit = read((d) => d.prepare("SELECT target, detail FROM audit_log WHERE action = 'risk-config-save'").all());
    expect(audit).toEqual([{ target: 'v2', detail: JSON.stringify({ changed: ['levels.stableMax', 'levels.mediumMax'] }) }]);
  });

  it('making version 1 active again restores every customer’s old level, audited', async () => {
    const job = await t.waitJob(await t.call('risk-config-activate', { version: 1 }));
    expect(job.state).toBe('done');
    expect(storedLevels()).toEqual(original);
    expect(read((d) => d.prepare('SELECT DISTINCT config_version FROM subscriber_scores').pluck().all())).toEqual([1]);
    const got = await t.call('risk-config-get', {});
    expect(got.version).toBe(1);
    expect(got.config.levels).toEqual(defaultRiskConfig.levels);
    const { items } = await t.call('risk-config-versions', {});
    expect(items.map((v) => [v.version, v.active])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(read((d) => d.prepare("SELECT target, detail FROM audit_log WHERE action = 'risk-config-activate'").all())).toEqual([
      { target: 'v1', detail: JSON.stringify({ previous: 'v2' }) },
    ]);
    // …and forward again to version 2: a preview of it now counts the same moves as the first time.
    expect(await preview(items[0]!.config!)).toEqual(forecast);
  });

  it('an unknown version is not found, and invalid rules are refused before anything is saved', async () => {
    await expect(t.call('risk-config-activate', { version: 99 })).rejects.toMatchObject({ code: 'not-found' });
    const bad = (levels: Partial<RiskConfig['levels']>) => ({ ...defaultRiskConfig, levels: { ...defaultRiskConfig.levels, ...levels } });
    for (const config of [bad({ stableMax: -1 }), bad({ lowMax: 25 }), bad({ mediumMax: Number.NaN })]) {
      await expect(t.call('risk-config-save', { config })).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(t.call('risk-config-preview', { config })).rejects.toMatchObject({ code: 'invalid-input' });
    }
    expect(read((d) => d.prepare('SELECT count(*) FROM config_versions').pluck().get())).toBe(2);
  });

  it('a preview can be cancelled', async () => {
    const started = await t.call('risk-config-preview', { config: candidate() });
    await t.call('job-cancel', { jobId: started.id });
    const job: JobView = await t.waitJob(started);
    expect(job.state).toBe('cancelled');
    expect(job.result).toBeUndefined();
  });

  it('a preview reads the packed rows of the last recompute, and a customer changed since as they are now', async () => {
    expect((await t.waitJob(await t.call('risk-recompute', {}))).state).toBe('done');
    expect(read((d) => d.prepare('SELECT count(*) FROM scoring_stale').pluck().get())).toBe(0);
    // A stable customer with an open task calls a competitor's service line 9 times this week: high at once under the
    // active rules — stored nowhere yet (no recompute since), noted stale for the next one.
    const msisdn = read(
      (d) =>
        d
          .prepare("SELECT sc.msisdn FROM subscriber_scores sc JOIN tasks t ON t.msisdn = sc.msisdn AND t.closed_at IS NULL WHERE sc.level = 'stable' LIMIT 1")
          .pluck()
          .get() as number,
    );
    const w = new Database(tmp.file('ws.sqlite'));
    w.prepare('UPDATE subscribers SET competitor_cs_calls_week = 9 WHERE msisdn = ?').run(msisdn);
    w.close();
    const stored = storedLevels();
    const storedHigh = [...stored.values()].filter((l) => l === 'high').length;
    const active = (await t.call('risk-config-get', {})).config as RiskConfig;
    const packed = await preview(active);
    expect(packed.before.high).toBe(storedHigh + 1);
    expect(packed.openTasksBefore.high).toBe(packed.openTasksAfter.high);
    expect(packed.changed).toBe(0);
    // The same counts from every wide row (the preview before the packed rows served it).
    const d = new Database(tmp.file('ws.sqlite'));
    try {
      const wide = riskConfigPreviewJob({ db: d, payload: { config: candidate(), today: '2026-11-23', wide: true }, progress: () => undefined, checkCancelled: () => undefined } as never);
      expect(await preview(candidate())).toEqual(wide);
    } finally {
      d.close();
    }
  });

  it('agents may not preview, list, save or roll back the rules', async () => {
    const agent = { agentId: 'A001', role: 'agent' as const };
    for (const [name, input] of [
      ['risk-config-preview', { config: candidate() }],
      ['risk-config-versions', {}],
      ['risk-config-activate', { version: 1 }],
      ['risk-config-save', { config: candidate() }],
    ] as const) {
      const r = await t.backend.dispatch(name, input, agent);
      expect([name, r.ok ? 'ok' : r.error.code]).toEqual([name, 'forbidden']);
    }
  });
});

describe('risk configuration versions in a workspace that has saved nothing', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('lists the built-in defaults as the active version 1, which can be "made active" (a recompute)', async () => {
    const { items } = await t.call('risk-config-versions', {});
    expect(items).toEqual([{ version: 1, savedAt: null, savedBy: null, savedByName: null, active: true, isDefaults: true, changes: [], config: defaultRiskConfig }]);
    const job = await t.waitJob(await t.call('risk-config-activate', { version: 1 }));
    expect(job.state).toBe('done');
    await expect(t.call('risk-config-activate', { version: 2 })).rejects.toMatchObject({ code: 'not-found' });
  });
});
