import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { openDatabase, type Db } from '../../db/connection';
import { subscriberUpserter } from '../../db/subscribers';
import { insertTask } from '../../db/tasks';
import { activateModel, insertModel } from '../../db/models';
import { generateSubscribers } from '../../core/demo/generator';
import { packedFields } from '../../core/risk/packed-inputs';
import { trainChurnModel } from '../../core/model/train';
import { activateConfigVersion, saveConfigVersion } from '../../db/config';
import { defaultRiskConfig, riskConfigSchema } from '../../core/risk/config';
import { scoreSubscribers, scoreSubscribersCounted } from '../../electron/backend/scoring';
import { queuePrioritiesPending } from '../../db/scores';

/**
 * Issue 19 #1 (docs/scoring-storage.md): the full recompute reads packed rows (`scoring_inputs`) and compares figures
 * keys; it must give exactly what scoring the stored rows gives — scores, levels, reasons, tags, P(churn), priorities —
 * and notice every change made behind its back.
 */
const TODAY = '2026-11-23';
const AT = '2026-11-23T02:00:00.000Z';

/** A seeded generator of knock-outs and odd values, so a failure names the seed that made it. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

/** The stored figures of every customer and the open tasks' priorities, in number order. */
function stored(db: Db) {
  return {
    scores: db
      .prepare('SELECT msisdn, score, level, reasons, unjudged, p_churn, tier, sensitivity, tags, config_version, model_version FROM subscriber_scores ORDER BY msisdn')
      .all(),
    priorities: db.prepare('SELECT msisdn, priority FROM tasks WHERE closed_at IS NULL ORDER BY msisdn').all(),
  };
}

const run = (db: Db, extra: { wide?: boolean; batchCommit?: boolean; at?: string } = {}) =>
  extra.batchCommit
    ? scoreSubscribersCounted(db, { today: TODAY, at: extra.at ?? AT, ...extra })
    : db.transaction(() => scoreSubscribersCounted(db, { today: TODAY, at: extra.at ?? AT, ...extra }))();

/** The recompute job over batches of 100, cancelled once 300 customers are done. */
const stoppedAfter300 = (db: Db, today: string, at: string) =>
  scoreSubscribersCounted(db, {
    today,
    at,
    batchCommit: true,
    batchSize: 100,
    onBatch: (done) => {
      if (done >= 300) throw new Error('cancelled');
    },
  });

/** Stored score rows without the configuration version each was last found different under (not one of the figures). */
const figuresOnly = (rows: unknown[]) => rows.map((r) => Object.fromEntries(Object.entries(r as Record<string, unknown>).filter(([k]) => k !== 'config_version')));

/** Forget every stored figure, as a workspace never scored. */
function forget(db: Db): void {
  db.exec('DELETE FROM subscriber_scores; UPDATE tasks SET priority = 0');
}

describe('scoring-friendly storage', () => {
  const tmp = tempDir();
  let db: Db;
  beforeEach(() => {
    db = openDatabase(tmp.file(`ws-${Math.random().toString(36).slice(2)}.sqlite`));
  });
  afterEach(() => {
    db.close();
  });

  /**
   * 800 generated customers with random fields knocked out and odd values put in, half with an open task. The extra
   * attributes (积分, 主副卡, 入网渠道) too: missing, null or odd, as files from elsewhere bring them.
   */
  function seed(seedNo: number, into: Db = db): void {
    const random = rng(seedNo);
    const upsert = subscriberUpserter(into);
    const odd: unknown[] = ['', ' ', '是', '否', '𠮷野家 😀', 'x'.repeat(300), '2026-1-5', '2026-02-30', '2026-11-23T08:00:00Z', -0, 0.1 + 0.2, 2 ** 40 + 0.5, -7, 1e-300, '12', 'NaN'];
    const oddExtra: unknown[] = [...odd, true, false, '2026-11-23', { nested: [1, '二'] }, [3, 4], '8000'];
    into.transaction(() => {
      let i = 0;
      for (const r of generateSubscribers({ seed: seedNo, count: 800, today: TODAY })) {
        const rec: Record<string, unknown> = { ...r };
        for (const f of packedFields) {
          const p = random();
          if (p < 0.15) rec[f] = null;
          else if (p < 0.18) rec[f] = odd[Math.floor(random() * odd.length)];
        }
        const extra: Record<string, unknown> = { ...r.extra };
        for (const k of Object.keys(extra)) {
          const p = random();
          if (p < 0.1) delete extra[k];
          else if (p < 0.15) extra[k] = null;
          else if (p < 0.2) extra[k] = oddExtra[Math.floor(random() * oddExtra.length)];
        }
        rec.extra = extra;
        upsert(rec as Parameters<typeof upsert>[0], AT);
        if (i++ % 2 === 0) insertTask(into, { msisdn: r.msisdn, agentId: null, dueDate: null, createdAt: AT });
      }
    })();
  }

  it.each([1, 2, 3])('gives exactly the figures of the stored rows, fields knocked out at random (seed %i)', (seedNo) => {
    seed(seedNo);
    const wide = run(db, { wide: true });
    const expected = stored(db);
    expect(wide.subscribers).toBe(800);
    forget(db);
    const packed = run(db);
    expect(packed.subscribers).toBe(800);
    expect(packed.scoresChanged).toBe(800);
    expect(stored(db)).toEqual(expected);
    // And nothing changes the second time, by either path; the packed path does not even compute anyone again.
    expect(run(db)).toMatchObject({ subscribers: 800, evaluated: 0, scoresChanged: 0, prioritiesChanged: 0 });
    expect(run(db, { wide: true })).toMatchObject({ scoresChanged: 0, prioritiesChanged: 0 });
    expect(db.prepare('SELECT count(*) FROM scoring_inputs').pluck().get()).toBe(800);
  });

  it('notices a change to a customer however it is made, and only rescores what changed', () => {
    seed(5);
    run(db);
    const [a, b] = db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY msisdn LIMIT 2').pluck().all() as number[];
    // An import's upsert and a bare SQL edit of the stored row.
    subscriberUpserter(db)({ msisdn: String(a), arpu_cur: 1, arpu_avg3: 500, status: '预销号', suspended_days: 30 }, AT);
    db.prepare("UPDATE subscribers SET competitor_cs_calls_week = 5, dual_sim = '联通' WHERE msisdn = ?").run(b);
    expect(db.prepare('SELECT count(*) FROM scoring_stale').pluck().get()).toBe(2);
    const counted = run(db, { at: '2026-11-23T03:00:00.000Z' });
    expect(counted).toMatchObject({ subscribers: 800, evaluated: 2, scoresChanged: 2 });
    expect(db.prepare('SELECT count(*) FROM scoring_stale').pluck().get()).toBe(0);
    const packedFigures = stored(db);
    forget(db);
    run(db, { wide: true });
    expect(stored(db)).toEqual(packedFigures);
    expect(db.prepare('SELECT level FROM subscriber_scores WHERE msisdn = ?').pluck().get(b)).toBe('high');
  });

  it('puts right a priority or a figure changed behind its back', () => {
    seed(6);
    run(db);
    const expected = stored(db);
    const open = db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY msisdn LIMIT 3').pluck().all() as number[];
    const closed = db.prepare('SELECT s.msisdn FROM subscribers s WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.msisdn = s.msisdn) ORDER BY msisdn LIMIT 1').pluck().get() as number;
    db.prepare('UPDATE tasks SET priority = 0 WHERE msisdn = ?').run(open[0]); // a priority set by hand
    db.prepare('UPDATE subscriber_scores SET score = score + 100 WHERE msisdn = ?').run(open[1]); // a figure edited
    insertTask(db, { msisdn: String(closed), agentId: null, dueDate: null, createdAt: AT }); // a new task starts at 0
    const counted = run(db, { at: '2026-11-23T04:00:00.000Z' });
    expect(counted.evaluated).toBe(3);
    expect(counted.scoresChanged).toBe(1);
    expect(counted.prioritiesChanged).toBe(2);
    const now = stored(db);
    expect(now.scores).toEqual(expected.scores);
    const newTask = now.priorities.find((p) => (p as { msisdn: number }).msisdn === closed) as { priority: number };
    expect(newTask.priority).toBeGreaterThan(0);
    expect(now.priorities.filter((p) => (p as { msisdn: number }).msisdn !== closed)).toEqual(expected.priorities);
  });

  it('computes those due on another day, everyone under another configuration or model, and the rest after a recompute that stopped', () => {
    seed(9);
    expect(run(db)).toMatchObject({ evaluated: 800 });
    expect(run(db)).toMatchObject({ evaluated: 0 });
    // The next day: only those whose figures' day has passed (contract days left, a tenure, a porting query's window
    // reached a bound: docs/scoring-storage.md "A new day computes the customers due"), and the figures are those of
    // computing everyone from the stored rows.
    const nextDay = db.transaction(() => scoreSubscribersCounted(db, { today: '2026-11-24', at: '2026-11-24T02:00:00.000Z' }))();
    expect(nextDay.evaluated).toBeGreaterThan(0);
    expect(nextDay.evaluated).toBeLessThan(80);
    const nextDayFigures = stored(db);
    forget(db);
    db.transaction(() => scoreSubscribersCounted(db, { today: '2026-11-24', at: '2026-11-24T02:00:00.000Z', wide: true }))();
    expect(stored(db)).toEqual(nextDayFigures);
    // Back to the 23rd: everyone again (the mark is the 24th's), then no one.
    expect(run(db)).toMatchObject({ evaluated: 800 });
    expect(run(db)).toMatchObject({ evaluated: 0 });
    // A new version of the configuration with the same weights: no one is computed again, and no row is written —
    // no setting differs (core/risk/config.ts levelBoundBands), and the version a row was written under is not one of
    // its figures (db/scores.ts sameFigures).
    const version = saveConfigVersion(db, 'risk', JSON.stringify(defaultRiskConfig), AT, null);
    if (version === defaultRiskConfig.version) saveConfigVersion(db, 'risk', JSON.stringify(defaultRiskConfig), AT, null);
    expect(run(db)).toMatchObject({ evaluated: 0, scoresChanged: 0, prioritiesChanged: 0 });
    // Another weight: everyone.
    saveConfigVersion(db, 'risk', JSON.stringify({ ...defaultRiskConfig, arrears: { points: 3 } }), AT, null);
    expect(run(db)).toMatchObject({ evaluated: 800 });
    expect(run(db)).toMatchObject({ evaluated: 0 });
    // A recompute under other rules that stops half-way (a cancelled job) leaves no mark: not its own, nor the last
    // complete one's — everyone is computed after it.
    saveConfigVersion(db, 'risk', JSON.stringify({ ...defaultRiskConfig, arrears: { points: 4 } }), AT, null);
    expect(() => stoppedAfter300(db, '2026-11-25', '2026-11-25T02:00:00.000Z')).toThrow('cancelled');
    const after = scoreSubscribersCounted(db, { today: '2026-11-25', at: '2026-11-25T03:00:00.000Z', batchCommit: true });
    expect(after.evaluated).toBe(800);
    expect(scoreSubscribersCounted(db, { today: '2026-11-25', at: '2026-11-25T04:00:00.000Z', batchCommit: true }).evaluated).toBe(0);
    // A new day's recompute that stops half-way leaves the mark: the next computes those it had not reached yet.
    const dueThen = db.prepare(`SELECT count(*) FROM subscriber_scores WHERE figures_through < ${Date.UTC(2027, 0, 26) / 86_400_000}`).pluck().get() as number;
    expect(() => stoppedAfter300(db, '2027-01-26', '2027-01-26T02:00:00.000Z')).toThrow('cancelled');
    const rest = scoreSubscribersCounted(db, { today: '2027-01-26', at: '2027-01-26T03:00:00.000Z', batchCommit: true });
    expect(dueThen).toBeGreaterThan(20);
    expect(rest.evaluated).toBeLessThan(dueThen);
    expect(scoreSubscribersCounted(db, { today: '2027-01-26', at: '2027-01-26T04:00:00.000Z', batchCommit: true }).evaluated).toBe(0);
    const thatDay = stored(db);
    forget(db);
    scoreSubscribersCounted(db, { today: '2027-01-26', at: '2027-01-26T05:00:00.000Z', wide: true });
    expect(stored(db).priorities).toEqual(thatDay.priorities);
    expect(figuresOnly(stored(db).scores)).toEqual(figuresOnly(thatDay.scores));
  });

  it('figures written under other rules are not trusted when the rules of the last complete recompute come back', () => {
    // A supervisor saves new rules, stops the recompute part-way (or it fails), then goes back to the rules before: the
    // customers the stopped run wrote hold the new rules' figures with keys set, and the last complete recompute was
    // under the old rules — trusting those keys left them so, and the queue ordered by rules no longer active.
    seed(12);
    run(db);
    const expected = stored(db);
    const v1 = saveConfigVersion(db, 'risk', JSON.stringify(defaultRiskConfig), AT, null);
    const moved = { ...defaultRiskConfig, levels: { ...defaultRiskConfig.levels, mediumMax: 6, lowMax: 4, stableMax: 2 } };
    saveConfigVersion(db, 'risk', JSON.stringify(moved), AT, null);
    expect(() => stoppedAfter300(db, TODAY, '2026-11-23T05:00:00.000Z')).toThrow('cancelled');
    expect(stored(db).scores).not.toEqual(expected.scores);
    activateConfigVersion(db, 'risk', v1);
    run(db, { at: '2026-11-23T06:00:00.000Z' });
    const now = stored(db);
    // The same figures as before the change (the rows carry the version they were last written under: not compared).
    const figures = (rows: unknown[]) => rows.map((r) => ({ ...(r as Record<string, unknown>), config_version: undefined }));
    expect(figures(now.scores)).toEqual(figures(expected.scores));
    expect(now.priorities).toEqual(expected.priorities);
  });

  it('a level bound moved computes only the customers scored between the old and the new bound, with exactly the figures of computing everyone', () => {
    seed(13);
    // The figures without the version each row was last written under (rows the new rules leave as they were keep it).
    const figures = () => {
      const now = stored(db);
      return { scores: now.scores.map((r) => ({ ...(r as Record<string, unknown>), config_version: undefined })), priorities: now.priorities };
    };
    const scoresOf = () => db.prepare('SELECT score FROM subscriber_scores').pluck().all() as number[];
    const v1 = saveConfigVersion(db, 'risk', JSON.stringify(defaultRiskConfig), AT, null);
    expect(run(db)).toMatchObject({ evaluated: 800 });
    const random = rng(13);
    const { stableMax, lowMax, mediumMax } = defaultRiskConfig.levels;
    const moves = [
      { mediumMax: mediumMax - 4 }, // the usual save: the high bound lowered
      { stableMax: stableMax + 2, lowMax: lowMax - 2 },
      { stableMax: 0, lowMax: 30, mediumMax: 40 },
      ...Array.from({ length: 3 }, () => {
        const s = Math.floor(random() * 10);
        const l = s + 1 + Math.floor(random() * 10);
        return { stableMax: s, lowMax: l, mediumMax: l + 1 + Math.floor(random() * 10) };
      }),
    ];
    for (const [i, move] of moves.entries()) {
      const before = scoresOf();
      const rules = riskConfigSchema.parse({ ...defaultRiskConfig, levels: { ...defaultRiskConfig.levels, ...move } });
      const previous = db.prepare("SELECT body FROM config_versions WHERE kind = 'risk' AND active = 1").pluck().get() as string;
      const previousLevels = (JSON.parse(previous) as typeof defaultRiskConfig).levels;
      saveConfigVersion(db, 'risk', JSON.stringify(rules), `2026-11-23T0${3 + (i % 6)}:00:00.000Z`, null);
      const between = (s: number) =>
        (['stableMax', 'lowMax', 'mediumMax'] as const).some((b) => s > Math.min(previousLevels[b], rules.levels[b]) && s <= Math.max(previousLevels[b], rules.levels[b]));
      const counted = run(db, { at: `2026-11-23T0${3 + (i % 6)}:00:01.000Z` });
      expect(counted.evaluated).toBe(before.filter(between).length);
      expect(counted.evaluated).toBeLessThan(800);
      const banded = figures();
      // Everyone computed from nothing under the same rules gives the same figures and queue order.
      forget(db);
      expect(run(db, { at: `2026-11-23T0${3 + (i % 6)}:00:01.000Z` })).toMatchObject({ evaluated: 800 });
      expect(figures()).toEqual(banded);
    }
    // Back to version 1 by making it active: again only the customers between the bounds.
    const before = scoresOf();
    const last = { ...defaultRiskConfig.levels, ...moves.at(-1)! };
    activateConfigVersion(db, 'risk', v1);
    const back = run(db, { at: '2026-11-23T09:00:00.000Z' });
    expect(back.evaluated).toBe(before.filter((s) => (['stableMax', 'lowMax', 'mediumMax'] as const).some((b) => s > Math.min(last[b], defaultRiskConfig.levels[b]) && s <= Math.max(last[b], defaultRiskConfig.levels[b]))).length);
    const banded = figures();
    forget(db);
    run(db, { at: '2026-11-23T09:00:00.000Z' });
    expect(figures()).toEqual(banded);
  });

  it('a customer changed by another connection while the job runs is computed by the next recompute, not skipped', () => {
    seed(10);
    run(db);
    const numbers = db.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn').pluck().all() as number[];
    const late = numbers[700]!;
    const other = openDatabase(db.name);
    let changed = false;
    // The next day, so that the job computes everyone: after its first batch, another connection (an import) changes
    // a customer further on.
    const first = scoreSubscribersCounted(db, {
      today: '2026-11-24',
      at: '2026-11-24T02:00:00.000Z',
      batchCommit: true,
      batchSize: 100,
      onBatch: () => {
        if (changed) return;
        changed = true;
        other.prepare("UPDATE subscribers SET competitor_cs_calls_week = 9, status = '预销号' WHERE msisdn = ?").run(late);
      },
    });
    other.close();
    expect(first.subscribers).toBe(799); // its packed row went with the change: not read this time
    const second = scoreSubscribersCounted(db, { today: '2026-11-24', at: '2026-11-24T03:00:00.000Z', batchCommit: true });
    expect(second.evaluated).toBe(1);
    expect(db.prepare('SELECT level FROM subscriber_scores WHERE msisdn = ?').pluck().get(late)).toBe('high');
    const figures = stored(db);
    forget(db);
    db.transaction(() => scoreSubscribersCounted(db, { today: '2026-11-24', at: '2026-11-24T04:00:00.000Z', wide: true }))();
    expect(stored(db)).toEqual(figures);
  });

  it('a customer changed by another connection after their figures were computed and before they were written is not written over', () => {
    seed(10);
    run(db);
    const numbers = db.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn').pluck().all() as number[];
    const late = numbers[150]!; // in the job's second chunk of 100
    // Their stored figure edited behind the job's back: the next run computes them, and writes them with a later chunk.
    db.prepare('UPDATE subscriber_scores SET score = -99999 WHERE msisdn = ?').run(late);
    const other = openDatabase(db.name);
    const first = scoreSubscribersCounted(db, {
      today: TODAY,
      at: '2026-11-23T05:00:00.000Z',
      batchCommit: true,
      batchSize: 100,
      onBatch: (done) => {
        // Their chunk has been read and computed, not yet written: an import changes them now.
        if (done === 200) other.prepare("UPDATE subscribers SET competitor_cs_calls_week = 9, status = '预销号' WHERE msisdn = ?").run(late);
      },
    });
    other.close();
    expect(first.evaluated).toBe(1);
    // Not written with figures of their old row: the next recompute computes them as they are now.
    expect(scoreSubscribersCounted(db, { today: TODAY, at: '2026-11-23T06:00:00.000Z', batchCommit: true }).evaluated).toBe(1);
    expect(db.prepare('SELECT level FROM subscriber_scores WHERE msisdn = ?').pluck().get(late)).toBe('high');
  });

  it('commits batch by batch for the job, and a customer removed meanwhile is no trouble', () => {
    seed(7);
    const first = db.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 1').pluck().get() as number;
    db.prepare('DELETE FROM tasks WHERE msisdn = ?').run(first);
    db.prepare('DELETE FROM subscribers WHERE msisdn = ?').run(first);
    const counted = run(db, { batchCommit: true, batchSize: 100 } as { batchCommit: true });
    expect(counted.subscribers).toBe(799);
    expect(db.prepare('SELECT count(*) FROM scoring_stale').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM scoring_inputs').pluck().get()).toBe(799);
    const expected = stored(db);
    forget(db);
    run(db, { wide: true });
    expect(stored(db)).toEqual(expected);
  });

  it.each(['logistic', 'gbdt'] as const)('a %s model over extra columns reads them packed, and gives the figures of the wide rows exactly', (method) => {
    seed(8);
    run(db); // packed without extras first: making the model active packs every row again
    // Labelled rows carry the demo files' extra attributes: the model learns from 积分, 主副卡 and 入网渠道, with the
    // canonical fields.
    const labelled = [...generateSubscribers({ seed: 9, count: 1500, today: TODAY, withLabels: true })];
    const grid = method === 'gbdt' ? { grid: [{ maxDepth: 3, learningRate: 0.2, rounds: 20 }] } : {};
    const trained = trainChurnModel(labelled as Iterable<Record<string, unknown>>, { seed: 1, today: TODAY, method, folds: 2, ...grid });
    expect(JSON.stringify(trained.model.features)).toContain('积分');
    expect(JSON.stringify(trained.model.features)).toContain('主副卡');
    expect(JSON.stringify(trained.model.features)).toContain('arpu_avg3');
    const version = insertModel(db, { method: trained.model.method, trainedAt: AT, trainedBy: null, sourceFile: null, rows: 1500, metrics: trained.metrics, importance: trained.importance, model: trained.model });
    activateModel(db, version);
    run(db, { wide: true });
    const expected = stored(db);
    const churnPs = expected.scores.map((s) => (s as { p_churn: number | null }).p_churn).filter((p): p is number => p !== null);
    expect(churnPs.length).toBeGreaterThan(100);
    // Given to 0.1 % (core/risk/signal.ts givenChurnP): a day's drift below that is not a new figure to write.
    for (const p of churnPs) expect(Math.abs(p * 1_000 - Math.round(p * 1_000))).toBeLessThan(1e-6);
    forget(db);
    // Every row packed again, with the model's extra columns: the job says how far (a million takes ~15 s).
    const packing: [number, number][] = [];
    const packedRun = scoreSubscribersCounted(db, { today: TODAY, at: AT, batchCommit: true, onPackBatch: (done, total) => packing.push([done, total]) });
    expect(packedRun).toMatchObject({ subscribers: 800, evaluated: 800, scoresChanged: 800 });
    expect(packing.at(-1)).toEqual([800, 800]);
    expect(packing.length).toBeGreaterThan(0);
    expect(stored(db)).toEqual(expected);
    // Packed, the model's extra columns with them.
    expect(db.prepare('SELECT count(*) FROM scoring_inputs').pluck().get()).toBe(800);
    expect(db.prepare("SELECT value FROM workspace WHERE key = 'scoring-inputs-format'").pluck().get()).toContain('积分');

    // A change to an extra attribute alone is noticed, and computed as the wide row gives it.
    const one = db.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 1 OFFSET 17').pluck().get() as number;
    db.prepare(`UPDATE subscribers SET extra = json_set(extra, '$.主副卡', '副卡', '$.积分', 123456) WHERE msisdn = ?`).run(one);
    expect(run(db)).toMatchObject({ evaluated: 1 });
    const afterChange = stored(db);
    forget(db);
    run(db, { wide: true });
    expect(stored(db)).toEqual(afterChange);

    // Back to the rule score: the extras stay packed (no packing again), and the figures are the wide rows' again.
    activateModel(db, null);
    run(db);
    expect(db.prepare('SELECT count(*) FROM scoring_stale').pluck().get()).toBe(0);
    const rulesOnly = stored(db);
    forget(db);
    run(db, { wide: true });
    expect(stored(db)).toEqual(rulesOnly);
  });
  it.each(['no model', 'blend'] as const)(
    'a new day computes only the customers due, and day after day gives the figures of computing everyone (%s)',
    (kind) => {
      // Two workspaces with the same customers: one recomputes day after day as the app does, the other scores
      // everyone from the stored rows each day, from nothing. Steps of one to four days (a weekend without the app).
      const fresh = openDatabase(tmp.file(`fresh-${Math.random().toString(36).slice(2)}.sqlite`));
      try {
        seed(31);
        seed(31, fresh);
        if (kind === 'blend') {
          const labelled = [...generateSubscribers({ seed: 9, count: 1500, today: TODAY, withLabels: true })];
          const trained = trainChurnModel(labelled as Iterable<Record<string, unknown>>, { seed: 1, today: TODAY, method: 'blend', folds: 2, grid: [{ maxDepth: 3, learningRate: 0.2, rounds: 20 }] });
          for (const target of [db, fresh]) {
            const version = insertModel(target, { method: trained.model.method, trainedAt: AT, trainedBy: null, sourceFile: null, rows: 1500, metrics: trained.metrics, importance: trained.importance, model: trained.model });
            activateModel(target, version);
          }
        }
        run(db);
        let day = Date.UTC(2026, 10, 23) / 86_400_000;
        let computed = 0;
        const steps = [1, 1, 2, 1, 3, 1, 1, 4, 1, 2, 1, 1, 1, 3, 1, 2, 1, 1, 1, 1];
        for (const [i, step] of steps.entries()) {
          day += step;
          const today = new Date(day * 86_400_000).toISOString().slice(0, 10);
          const at = `${today}T02:00:00.000Z`;
          // Every other day as the job, in short transactions.
          const counted = i % 2 === 0 ? scoreSubscribersCounted(db, { today, at, batchCommit: true, batchSize: 100 }) : db.transaction(() => scoreSubscribersCounted(db, { today, at }))();
          expect(counted.evaluated).toBeLessThan(800);
          computed += counted.evaluated;
          forget(fresh);
          fresh.transaction(() => scoreSubscribersCounted(fresh, { today, at, wide: true }))();
          const got = stored(db);
          const want = stored(fresh);
          expect(got.priorities, today).toEqual(want.priorities);
          expect(figuresOnly(got.scores), today).toEqual(figuresOnly(want.scores));
        }
        // Far fewer than everyone each day; with the model most of them are those whose P(churn) moves.
        console.log(`[scoring] ${kind}: ${computed} customers computed over ${steps.length} days (${steps.length * 800} for everyone)`);
        expect(computed).toBeLessThan(steps.length * 800 * (kind === 'blend' ? 0.5 : 0.1));
      } finally {
        fresh.close();
      }
    },
    120_000,
  );
  it("a new day's job gives the open tasks their priorities after the figures, from the score rows as they are then, even when stopped", () => {
    seed(41);
    run(db);
    const mismatched = () =>
      db.prepare('SELECT count(*) FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.closed_at IS NULL AND t.priority IS NOT sc.priority').pluck().get();
    // Weeks later many are due. Part-way through, an agent's action changes a customer whose figures the job has
    // written already, and rescores them, before the job sets the tasks' priorities: the task follows the figures that
    // stand, not the ones the job computed.
    let rescored: number | undefined;
    const counted = scoreSubscribersCounted(db, {
      today: '2027-02-10',
      at: '2027-02-10T02:00:00.000Z',
      batchCommit: true,
      batchSize: 20,
      onBatch: (done) => {
        if (rescored !== undefined || done < 700) return;
        rescored = db
          .prepare("SELECT t.msisdn FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.closed_at IS NULL AND sc.computed_at = '2027-02-10T02:00:00.000Z' AND sc.level <> 'high' ORDER BY t.msisdn DESC LIMIT 1")
          .pluck()
          .get() as number;
        db.prepare('UPDATE subscribers SET competitor_cs_calls_week = 9 WHERE msisdn = ?').run(rescored);
        db.transaction(() => scoreSubscribers(db, { today: '2027-02-10', at: '2027-02-10T02:00:05.000Z', msisdns: [rescored!] }))();
      },
    });
    expect(rescored).toBeDefined();
    // (written after the first chunk: its task's priority waited for the end)
    expect(rescored).toBeGreaterThan(db.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 1 OFFSET 19').pluck().get() as number);
    expect(counted.prioritiesChanged).toBeGreaterThan(0);
    expect(mismatched()).toBe(0);
    expect(db.prepare('SELECT level FROM subscriber_scores WHERE msisdn = ?').pluck().get(rescored)).toBe('high');
    expect(queuePrioritiesPending(db)).toBe(false);
    // Stopped part-way (a cancel): the figures written so far have their tasks' priorities too, and nothing is left pending.
    expect(() =>
      scoreSubscribersCounted(db, {
        today: '2027-06-20',
        at: '2027-06-20T02:00:00.000Z',
        batchCommit: true,
        batchSize: 20,
        onBatch: (done) => {
          if (done >= 700) throw new Error('cancelled');
        },
      }),
    ).toThrow('cancelled');
    expect(db.prepare("SELECT count(*) FROM subscriber_scores WHERE computed_at = '2027-06-20T02:00:00.000Z'").pluck().get()).toBeGreaterThan(0);
    expect(mismatched()).toBe(0);
    expect(queuePrioritiesPending(db)).toBe(false);
  });
});
