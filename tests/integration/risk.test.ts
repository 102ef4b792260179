import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';
import { openDatabase } from '../../db/connection';
import { saveConfigVersion } from '../../db/config';
import { scoreSubscribersCounted } from '../../electron/backend/scoring';
import { applyFiguresPriorities, clearCompletedUnder, figuresDay, figuresDue, queuePrioritiesPending } from '../../db/scores';
import { defaultRiskConfig } from '../../core/risk/config';
import { scoreSubscriber } from '../../core/risk/score';
import { segmentSubscriber } from '../../core/risk/tags';
import type { SubscriberRecord } from '../../core/risk/values';
import { TRIAL_MAX_LOSS } from '../../core/offers/explore';

/** Risk on the card and in the queue, with the demo workspace. */
describe('risk through the backend', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });
  const db = () => new Database(tmp.file('ws.sqlite'), { readonly: true });

  it('the demo workspace is scored on first start, and open tasks are ordered by it', () => {
    const d = db();
    const n = d.prepare('SELECT (SELECT count(*) FROM subscribers) s, (SELECT count(*) FROM subscriber_scores) c').get() as { s: number; c: number };
    expect(n.c).toBe(n.s);
    const levels = d.prepare('SELECT level, count(*) n FROM subscriber_scores GROUP BY level').all() as { level: string; n: number }[];
    expect(levels.map((l) => l.level).sort()).toEqual(['high', 'low', 'medium', 'stable']);
    const zero = d.prepare('SELECT count(*) n FROM tasks WHERE closed_at IS NULL AND priority = 0').get() as { n: number };
    expect(zero.n).toBe(0);
    d.close();
  });

  it('the card shows the level with every reason and what could not be judged', async () => {
    const d = db();
    const { msisdn } = d.prepare("SELECT msisdn FROM subscriber_scores WHERE level = 'high' ORDER BY score DESC LIMIT 1").get() as { msisdn: number };
    d.close();
    const card = await t.call('customer-lookup', { msisdn: String(msisdn) });
    if (!card.found) throw new Error('not found');
    expect(card.risk.level).toBe('high');
    expect(card.risk.reasons.length).toBeGreaterThan(0);
    const total = card.risk.reasons.reduce((s, r) => s + r.points, 0);
    expect(total).toBe(card.risk.score);
    expect(card.risk.tags.length).toBeGreaterThan(0);
  });

  it('the queue puts higher-risk, higher-value tasks first (after due callbacks)', async () => {
    const page = await t.call('queue-list', { limit: 100 });
    const ranked = page.items.filter((i) => i.status !== 'callback_due');
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.priority).toBeGreaterThanOrEqual(ranked[i]!.priority);
  });

  it('recompute is a job that rescores everyone in one go', async () => {
    const job = await t.waitJob(await t.call('risk-recompute', {}));
    expect(job.state).toBe('done');
    expect((job.result as { subscribers: number }).subscribers).toBeGreaterThanOrEqual(3000);
  });

  it('a recompute writes only what changed, and what it stores equals scoring the whole stored row', async () => {
    const d = new Database(tmp.file('ws.sqlite'));
    const idle = await t.waitJob(await t.call('risk-recompute', {}));
    expect(idle.result).toMatchObject({ scoresChanged: 0, prioritiesChanged: 0 });
    const { msisdn } = d.prepare("SELECT s.msisdn FROM subscribers s JOIN tasks t ON t.msisdn = s.msisdn AND t.closed_at IS NULL WHERE s.arpu_avg3 > 100 LIMIT 1").get() as { msisdn: number };
    d.prepare('UPDATE subscribers SET arpu_cur = 1, dual_sim = 1, competitor_cs_calls_week = 3 WHERE msisdn = ?').run(msisdn);
    const one = await t.waitJob(await t.call('risk-recompute', {}));
    expect(one.result).toMatchObject({ scoresChanged: 1, prioritiesChanged: 1 });
    const cfg = defaultRiskConfig;
    for (const row of d.prepare('SELECT * FROM subscribers ORDER BY msisdn LIMIT 300').all() as Record<string, unknown>[]) {
      const stored = d.prepare('SELECT score, level, tags FROM subscriber_scores WHERE msisdn = ?').get(row.msisdn) as { score: number; level: string; tags: string };
      const full = scoreSubscriber(row as SubscriberRecord, cfg, { today: '2026-11-23' });
      expect(stored.score).toBe(full.score);
      expect(stored.level).toBe(full.level);
      expect(stored.tags).toBe(segmentSubscriber(row as SubscriberRecord, cfg, { today: '2026-11-23' }).tags.map((x) => x.code).join(','));
    }
    d.close();
  });

  it('the card ranks at most three offers that passed every filter, and says why others are not offered', async () => {
    const d = new Database(tmp.file('ws.sqlite'));
    const { msisdn } = d.prepare("SELECT msisdn FROM subscriber_scores WHERE level IN ('high','medium') ORDER BY score DESC LIMIT 1").get() as { msisdn: number };
    const card = await t.call('customer-lookup', { msisdn: String(msisdn) });
    if (!card.found) throw new Error('not found');
    expect(card.offers.ranked.length).toBeLessThanOrEqual(3);
    const excluded = new Set(card.offers.excluded.map((e) => e.code));
    for (const r of card.offers.ranked) {
      expect(excluded.has(r.code)).toBe(false);
      expect(r.pAccept).toBeGreaterThan(0);
      // docs/product.md §5.2: a negative value is never ranked, except today's trial offer (never below −TRIAL_MAX_LOSS)
      expect(r.expectedValue).toBeGreaterThanOrEqual(r.trial ? -TRIAL_MAX_LOSS : 0);
    }
    for (const e of card.offers.excluded) expect(e.reason.code).toMatch(/^offer\./);
    for (const e of card.offers.excluded.filter((x) => x.stage === 'value')) expect(e.reason.params.ev).toBeLessThan(0);
    // docs/product.md §5.4: the tariff preview's headline is never a downgrade
    expect(card.tariff.options[0]?.downgrade ?? false).toBe(false);
    expect(card.offers.pChurnSource).toBe('level');
    // a decline today suppresses that offer for its cooldown
    const offered = card.offers.ranked[0] ?? null;
    if (offered) {
      d.prepare(
        "INSERT INTO attempts (id, msisdn, agent_id, channel, at, disposition, reason, offer_code, recorded_at) VALUES ('decline-1', ?, 'A001', 'hall', '2026-11-23T02:00:00.000Z', 'declined', 'price', ?, '2026-11-23T02:00:00.000Z')",
      ).run(msisdn, offered.code);
      const after = await t.call('customer-lookup', { msisdn: String(msisdn) });
      if (!after.found) throw new Error('not found');
      expect(after.offers.ranked.map((r) => r.code)).not.toContain(offered.code);
      expect(after.offers.excluded.find((e) => e.code === offered.code)?.reason.code).toBe('offer.declined-today');
    }
    d.close();
    expect(card.tariff.options.length).toBeGreaterThan(0);
  });

  it('a recompute that changes most priorities rebuilds the queue indexes and the priority check, identical to before, in the same transaction', () => {
    const d = openDatabase(tmp.file('ws.sqlite'));
    const indexSql = () => d.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'tasks' ORDER BY name").all();
    const before = indexSql();
    d.exec('UPDATE tasks SET priority = 0');
    const r = d.transaction(() => scoreSubscribersCounted(d, { today: '2026-11-23', at: '2026-11-23T03:00:00.000Z', batchSize: 300, massUpdateRows: 100 }))();
    const open = d.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL').pluck().get() as number;
    expect(r.prioritiesChanged).toBe(open);
    expect(r.queueOrderAtEnd).toBe(true);
    expect(d.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'tasks_callable'").pluck().get()).toBe(1);
    expect(indexSql()).toEqual(before);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    // The queue's order comes from the rebuilt index as the queue reads it (db/tasks.ts queueQueries): no sorting.
    const plan = d.prepare('EXPLAIN QUERY PLAN SELECT id FROM tasks INDEXED BY tasks_callable WHERE closed_at IS NULL AND blocked_until IS NULL ORDER BY priority DESC, id LIMIT 100').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('tasks_callable');
    expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
    d.close();
  });

  it('a recompute that moves a third of the priorities (a new day with a churn model) sets the queue order at the end; a twentieth goes task by task', () => {
    const d = openDatabase(tmp.file('ws.sqlite'));
    const run = (at: string) => scoreSubscribersCounted(d, { today: '2026-11-23', at, batchCommit: true, batchSize: 300, massUpdateRows: 100 });
    const orderedByFigures = () =>
      d.prepare('SELECT count(*) FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.closed_at IS NULL AND t.priority IS NOT sc.priority').pluck().get();
    d.exec('UPDATE tasks SET priority = 0 WHERE closed_at IS NULL AND id % 3 = 0');
    const third = run('2026-11-23T03:00:00.000Z');
    expect(third.queueOrderAtEnd).toBe(true);
    expect(orderedByFigures()).toBe(0);
    d.exec('UPDATE tasks SET priority = 0 WHERE closed_at IS NULL AND id % 20 = 0');
    const twentieth = run('2026-11-23T03:01:00.000Z');
    expect(twentieth.prioritiesChanged).toBeGreaterThan(0);
    expect(twentieth.queueOrderAtEnd).toBe(false);
    expect(orderedByFigures()).toBe(0);
    d.close();
  });

  /** A copy of the workspace as it is now, for a test that changes it on its own. */
  const copyOfWorkspace = async (name: string): Promise<string> => {
    const file = tmp.file(name);
    const d = openDatabase(tmp.file('ws.sqlite'));
    await d.backup(file);
    d.close();
    return file;
  };
  /** Waits (polling) until `done` holds, at most `ms`: a backend's own jobs run in the background. */
  const waitUntil = async (done: () => boolean, ms: number): Promise<void> => {
    for (const deadline = Date.now() + ms; !done() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  };
  /** The recompute job's options (risk-recompute.ts) over small batches, so that a run has several. */
  const asTheJob = { today: '2026-11-23', at: '2026-11-23T03:00:00.000Z', batchCommit: true, batchSize: 300 } as const;
  /** A score no rule gives: every stored figure set to it differs from what a recompute computes, as after new weights. */
  const STALE = -99_999;
  /** Every open task whose customer is scored, with its priority and the one its stored figures give. */
  const lagging = (d: Database.Database) =>
    d.prepare('SELECT count(*) FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.closed_at IS NULL AND t.priority IS NOT sc.priority').pluck().get() as number;

  it('figures written customer by customer, many to a transaction, leave the priority check in place and working', async () => {
    for (const batchCommit of [false, true]) {
      const d = openDatabase(await copyOfWorkspace(`keyed-${batchCommit}.sqlite`));
      const schema = () => d.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all();
      const before = schema();
      d.exec(`UPDATE subscriber_scores SET score = ${STALE}; UPDATE tasks SET priority = 0`);
      const open = d.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL').pluck().get() as number;
      expect(open).toBeGreaterThan(300); // enough to write without the check (db/scores.ts KEYED_WRITES_WITHOUT_CHECK)
      const version = d.pragma('schema_version', { simple: true }) as number;
      // Never a mass change: every task's priority is written with its customer's figures.
      const run = () => scoreSubscribersCounted(d, { ...asTheJob, batchCommit, batchSize: undefined, massUpdateRows: Number.MAX_SAFE_INTEGER });
      const r = batchCommit ? run() : d.transaction(run)();
      expect(r.queueOrderAtEnd).toBe(false);
      expect(r.prioritiesChanged).toBe(open);
      expect(lagging(d)).toBe(0);
      expect(schema()).toEqual(before);
      expect(d.pragma('schema_version', { simple: true })).toBeGreaterThan(version); // set aside, then restored
      expect(d.prepare('SELECT count(*) FROM subscriber_scores WHERE figures_key IS NULL').pluck().get()).toBe(0);
      // The check works afterwards: a task given another priority by hand clears its customer's key.
      const task = d.prepare('SELECT id, msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 1').get() as { id: number; msisdn: number };
      d.prepare('UPDATE tasks SET priority = priority + 1 WHERE id = ?').run(task.id);
      expect(d.prepare('SELECT figures_key FROM subscriber_scores WHERE msisdn = ?').pluck().get(task.msisdn)).toBeNull();
      d.close();
    }
  });

  it('the recompute job after a mass change writes the figures, then the queue order, in short transactions', () => {
    const d = openDatabase(tmp.file('ws.sqlite'));
    const indexSql = () => d.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'tasks' ORDER BY name").all();
    const before = indexSql();
    d.exec(`UPDATE subscriber_scores SET score = ${STALE}; UPDATE tasks SET priority = 0`);
    const open = d.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL').pluck().get() as number;
    const queueRanges: number[] = [];
    let lagAfterScoring = 0;
    const r = scoreSubscribersCounted(d, {
      ...asTheJob,
      massUpdateRows: 100,
      onBatch: (done, total) => {
        if (done === total) lagAfterScoring = lagging(d);
      },
      onQueueBatch: (done) => queueRanges.push(done),
    });
    expect(d.inTransaction).toBe(false);
    expect(r.queueOrderAtEnd).toBe(true);
    expect(r.prioritiesChanged).toBe(open);
    // The figures went first with the first batch's priorities only; the rest of the queue followed them at the end.
    expect(lagAfterScoring).toBeGreaterThan(open / 2);
    expect(queueRanges.at(-1)).toBe(open);
    expect(lagging(d)).toBe(0);
    expect(queuePrioritiesPending(d)).toBe(false);
    expect(indexSql()).toEqual(before);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    d.close();
  });

  it('gives the queue order in ranges of open tasks, each its own transaction, none missed at their edges', () => {
    const d = openDatabase(tmp.file('ws.sqlite'));
    // Closed tasks among the open ones, so the ranges count open tasks, not ids.
    d.exec("UPDATE tasks SET priority = 0; UPDATE tasks SET closed_at = '2026-11-20T00:00:00.000Z', status = 'closed_unreachable' WHERE id % 5 = 0 AND closed_at IS NULL");
    const open = d.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL').pluck().get() as number;
    const closedPriorities = d.prepare('SELECT sum(priority) FROM tasks WHERE closed_at IS NOT NULL').pluck().get();
    let transactions = 0;
    const changed = applyFiguresPriorities(d, (work) => {
      transactions++;
      d.transaction(work).immediate();
    }, undefined, 97);
    expect(changed).toBe(open);
    expect(transactions).toBe(Math.ceil(open / 97) + (open % 97 === 0 ? 1 : 0));
    expect(lagging(d)).toBe(0);
    expect(d.prepare('SELECT sum(priority) FROM tasks WHERE closed_at IS NOT NULL').pluck().get()).toBe(closedPriorities);
    d.close();
  });

  it('a recompute job cancelled part-way still gives the figures it wrote their queue order', () => {
    const d = openDatabase(tmp.file('ws.sqlite'));
    d.exec(`UPDATE subscriber_scores SET score = ${STALE}; UPDATE tasks SET priority = 0`);
    let batches = 0;
    const stop = () =>
      scoreSubscribersCounted(d, {
        ...asTheJob,
        massUpdateRows: 100,
        onBatch: () => {
          if (++batches === 4) throw new Error('cancelled');
        },
      });
    expect(stop).toThrow('cancelled');
    expect(d.inTransaction).toBe(false);
    const rescored = d.prepare(`SELECT count(*) FROM subscriber_scores WHERE score <> ${STALE}`).pluck().get() as number;
    expect(rescored).toBeGreaterThan(0);
    expect(d.prepare(`SELECT count(*) FROM subscriber_scores WHERE score = ${STALE}`).pluck().get()).toBeGreaterThan(0);
    // The rescored customers' open tasks have the priority their new figures give; the others keep theirs.
    expect(d.prepare(`SELECT count(*) FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.closed_at IS NULL AND sc.score <> ${STALE} AND t.priority IS NOT sc.priority`).pluck().get()).toBe(0);
    expect(queuePrioritiesPending(d)).toBe(false);
    d.close();
  });

  it('a recompute after one stopped between the figures and the queue order gives every open task its priority, read in many chunks', async () => {
    const d = openDatabase(await copyOfWorkspace('stopped-chunks.sqlite'));
    // What a crash leaves (kill.test.ts hit it at a million's fraction): the figures written, the pending note, the
    // open tasks not yet given their priorities. Nothing to compute, so the run keeps the few priorities it would move
    // for after its figures — and that step, finishing, cleared the crash's note before the queue order was set.
    // The figures' keys stay: the job set its priorities with the check that clears them set aside (db/scores.ts).
    const check = d.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'figures_key_task_changed'").pluck().get() as string;
    d.exec(`DROP TRIGGER figures_key_task_changed; UPDATE tasks SET priority = 0; ${check};
      INSERT INTO workspace (key, value) VALUES ('queue-priorities-pending', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`);
    clearCompletedUnder(d); // the stopped run did not complete: the next reads every customer again
    expect(lagging(d)).toBeGreaterThan(0);
    scoreSubscribersCounted(d, { today: '2026-11-23', at: '2026-11-23T03:05:00.000Z', batchCommit: true, batchSize: 300 });
    expect(lagging(d)).toBe(0);
    expect(queuePrioritiesPending(d)).toBe(false);
    d.close();
  });

  it('a backend started after a recompute stopped between the figures and the queue order finishes it', async () => {
    const file = await copyOfWorkspace('stopped.sqlite');
    const s = openDatabase(file);
    // What a crash leaves: the figures written, the pending note, the open tasks not yet given their priorities.
    s.exec("UPDATE tasks SET priority = 0; INSERT INTO workspace (key, value) VALUES ('queue-priorities-pending', '1') ON CONFLICT(key) DO UPDATE SET value = '1'");
    expect(queuePrioritiesPending(s)).toBe(true);
    expect(lagging(s)).toBeGreaterThan(0);
    s.close();
    const started = testBackend({ dbPath: file, dailyRecompute: true, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      const c = new Database(file, { readonly: true });
      await waitUntil(() => !queuePrioritiesPending(c), 25_000);
      expect(queuePrioritiesPending(c)).toBe(false);
      expect(lagging(c)).toBe(0);
      c.close();
    } finally {
      started.close();
    }
  });

  it('a backend that stays open recomputes the stored figures for a new day, once, then runs the daily campaigns', async () => {
    const file = await copyOfWorkspace('yesterday.sqlite');
    const s = openDatabase(file);
    expect(figuresDay(s)).toBe('2026-11-23');
    s.exec("UPDATE workspace SET value = '2026-11-22' WHERE key = 'figures-day'");
    expect(figuresDue(s, '2026-11-23')).toBe(true);
    // A daily campaign over every customer: it must read the figures of the day, so it runs after the recompute.
    s.exec("UPDATE campaigns SET enabled = 1, schedule = 'daily' WHERE id = (SELECT min(id) FROM campaigns)");
    s.close();
    const started = testBackend({ dbPath: file, dailyRecompute: true, scheduledCampaigns: true, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      const c = new Database(file, { readonly: true });
      const dailyRuns = () => c.prepare("SELECT count(*) FROM campaign_runs WHERE trigger = 'daily' AND run_day = '2026-11-23'").pluck().get() as number;
      await waitUntil(() => dailyRuns() > 0, 25_000);
      expect(dailyRuns()).toBe(1);
      // Started when the recompute ended: by then the figures are the day's.
      expect(figuresDay(c)).toBe('2026-11-23');
      expect(figuresDue(c, '2026-11-23')).toBe(false);
      c.close();
    } finally {
      started.close();
    }
  });

  it('a recompute job stops when a newer configuration is made active while it runs, writing nothing of the old one after', async () => {
    const d = openDatabase(await copyOfWorkspace('superseded.sqlite'));
    d.exec(`UPDATE subscriber_scores SET score = ${STALE}; UPDATE workspace SET value = '2026-11-22' WHERE key = 'figures-day'`);
    let batches = 0;
    let writtenBeforeSwitch = 0;
    const run = () =>
      scoreSubscribersCounted(d, {
        ...asTheJob,
        onBatch: () => {
          if (++batches !== 3) return;
          writtenBeforeSwitch = d.prepare(`SELECT count(*) FROM subscriber_scores WHERE score <> ${STALE}`).pluck().get() as number;
          // A supervisor saves a new version meanwhile (its own recompute then runs for it).
          saveConfigVersion(d, 'risk', JSON.stringify({ ...defaultRiskConfig, version: 2 }), '2026-11-23T03:00:01.000Z', null);
        },
      });
    expect(run).toThrow(expect.objectContaining({ code: 'cancelled', messageKey: 'api.recompute-superseded' }));
    expect(writtenBeforeSwitch).toBeGreaterThan(0);
    // Nothing computed with the old version after the switch, and no mark that the day's figures are complete.
    expect(d.prepare(`SELECT count(*) FROM subscriber_scores WHERE score <> ${STALE}`).pluck().get()).toBe(writtenBeforeSwitch);
    expect(figuresDay(d)).toBe('2026-11-22');
    d.close();
  });

  it('a new version of the risk configuration is saved, activated and recomputed', async () => {
    const before = await t.call('risk-config-get', {});
    expect(before.isDefault).toBe(true);
    const raised = JSON.parse(JSON.stringify(before.config));
    raised.version = before.version + 1;
    const job = await t.waitJob(await t.call('risk-config-save', { config: raised }));
    expect(job.state).toBe('done');
    const after = await t.call('risk-config-get', {});
    expect(after.isDefault).toBe(false);
    expect(after.version).toBe(1);
    const d = db();
    // Every row holds figures of version 1 (those a stopped run above left stale rewritten by this one).
    expect(d.prepare('SELECT DISTINCT config_version AS v FROM subscriber_scores').all()).toEqual([{ v: 1 }]);
    expect(d.prepare(`SELECT count(*) FROM subscriber_scores WHERE score = ${STALE}`).pluck().get()).toBe(0);
    expect(d.prepare("SELECT count(*) n FROM audit_log WHERE action = 'risk-config-save'").get()).toEqual({ n: 1 });
    d.close();
  });
});
