import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorklistImportResult, WorklistPreview } from '../../core/api';
import { writeWorkbook } from '../../core/exchange/write';
import { weeklyReport } from '../../core/report/weekly';
import { weeklyReportInput } from '../../db/report';
import { dashboardView } from '../../electron/backend/jobs/dashboard';
import { nodeComputeProcess, type StartComputeProcess } from '../../electron/backend/jobs/compute-process';
import { JobRunner } from '../../electron/backend/jobs/runner';
import { periodRange, weekRange } from '../../electron/backend/weeks';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** The dashboard is computed in a worker and kept until the workspace changes, by the backend or anyone else. */
describe('dashboard', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  const now = new Date('2026-11-23T03:00:00Z'); // Monday of 2026-W48
  let clock = now;
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath, demoIfEmpty: true, now: () => clock });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('gives the weekly report’s own figures for the week', async () => {
    const dash = await t.call('dashboard-get', { week: '2026-W47' });
    const db = new Database(dbPath, { readonly: true });
    try {
      const r = weeklyReport(weeklyReportInput(db, weekRange('2026-W47')), {});
      expect(dash.totals).toEqual(r.totals);
      expect(dash.agents).toEqual(r.agents);
      expect(dash.trend).toHaveLength(8);
      expect(dash.trend.at(-1)!.label).toBe('2026-W47');
    } finally {
      db.close();
    }
  });

  it('a month, a quarter or a range: the same figures over its local dates, compared with the period before, with a trend of eight like it (issue 18 #1)', async () => {
    const month = await t.call('dashboard-get', { period: { kind: 'month', from: '2026-11-05' } });
    expect(month.period).toEqual({ kind: 'month', label: '2026-11', from: '2026-11-01', to: '2026-11-30', start: new Date(2026, 10, 1).toISOString(), end: new Date(2026, 11, 1).toISOString() });
    const db = new Database(dbPath, { readonly: true });
    try {
      const r = weeklyReport(weeklyReportInput(db, { start: new Date(2026, 10, 1).toISOString(), end: new Date(2026, 11, 1).toISOString() }), {});
      expect(month.totals).toEqual(r.totals);
      // "Before" is as of the month's start: the end of October.
      const october = weeklyReport(weeklyReportInput(db, { start: new Date(2026, 9, 1).toISOString(), end: new Date(2026, 10, 1).toISOString() }), {});
      expect(month.totals.before).toEqual(october.totals.now);
      expect(month.trend.at(-2)).toMatchObject({ label: '2026-10', from: '2026-10-01', to: '2026-10-31', ...october.totals.week });
      // The demo's attempts fall in recent weeks: the month holds more of them than its last week alone.
      expect(month.totals.week.attempts).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(month.trend.map((p) => p.label)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const quarter = await t.call('dashboard-get', { period: { kind: 'quarter', from: '2026-10-01' } });
    expect(quarter.trend.map((p) => p.label).slice(-3)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(quarter.totals.week.attempts).toBeGreaterThanOrEqual(month.totals.week.attempts);
    const range = await t.call('dashboard-get', { period: { kind: 'range', from: '2026-11-01', to: '2026-11-20' } });
    expect(range.trend.at(-2)).toMatchObject({ label: '2026-10-12~2026-10-31', from: '2026-10-12', to: '2026-10-31' });
    const day = await t.call('dashboard-get', { period: { kind: 'day', from: '2026-11-18' } });
    expect(day.trend.map((p) => p.label)).toEqual(['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18']);
    expect(day.period).toMatchObject({ label: '2026-11-18', start: new Date(2026, 10, 18).toISOString(), end: new Date(2026, 10, 19).toISOString() });
    // A week asked as a period is the week asked by its label.
    const asPeriod = await t.call('dashboard-get', { period: { kind: 'week', from: '2026-11-18' } });
    const asWeek = await t.call('dashboard-get', { week: '2026-W47' });
    expect(asPeriod).toEqual(asWeek);
    await expect(t.call('dashboard-get', { period: { kind: 'range', from: '2026-11-20', to: '2026-11-01' } })).rejects.toThrow(/start date 2026-11-20 is after the end date 2026-11-01/);
    await expect(t.call('dashboard-get', {})).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('counts an attempt logged a moment ago, and a change written by another connection', async () => {
    const week = '2026-W48';
    const attemptsOf = async (agent: string) => (await t.call('dashboard-get', { week })).agents.find((a) => a.agentId === agent)?.attempts ?? 0;
    const before = await attemptsOf('LOCAL');
    expect(await attemptsOf('LOCAL')).toBe(before); // asked again: the same answer (kept); the local supervisor's calls are logged as LOCAL
    const msisdn = String(
      new Database(dbPath, { readonly: true }).prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL LIMIT 1').pluck().get() as number,
    );
    await t.call('attempt-log', { msisdn, channel: 'phone', disposition: 'busy' });
    expect(await attemptsOf('LOCAL')).toBe(before + 1);

    // Another writer (a job's worker, another process): the dashboard notices without being told.
    const assigned = async () => (await t.call('dashboard-get', { week })).agentIds;
    expect(await assigned()).not.toContain('Z999');
    const other = new Database(dbPath);
    try {
      other.prepare("INSERT INTO agents (id, name, role, pin_hash, active, created_at) VALUES ('Z999', 'Z', 'agent', 'x', 1, ?)").run(now.toISOString());
      other.prepare("UPDATE tasks SET agent_id = 'Z999' WHERE id = (SELECT min(id) FROM tasks WHERE closed_at IS NULL)").run();
    } finally {
      other.close();
    }
    expect(await assigned()).toContain('Z999');
  });

  it('a call-back of the week under way that comes due is counted overdue at once, with nothing written meanwhile', async () => {
    const week = '2026-W48';
    const pending = async () => {
      const agents = (await t.call('dashboard-get', { week })).agents;
      return { pending: agents.reduce((n, a) => n + a.callbacksPending, 0), overdue: agents.reduce((n, a) => n + a.callbacksOverdue, 0) };
    };
    const db = new Database(dbPath, { readonly: true });
    const next = db
      .prepare('SELECT callback_at, agent_id FROM tasks WHERE closed_at IS NULL AND agent_id IS NOT NULL AND callback_at > ? ORDER BY callback_at LIMIT 1')
      .get(clock.toISOString()) as { callback_at: string; agent_id: string } | undefined;
    db.close();
    expect(next).toBeDefined();
    const before = await pending();
    expect(before.pending).toBeGreaterThan(0);
    try {
      // A minute after it came due, in an idle workspace: still owed, now overdue — the kept answer is not the one from before.
      clock = new Date(Date.parse(next!.callback_at) + 60_000);
      const after = await pending();
      expect(after.pending).toBe(before.pending);
      expect(after.overdue).toBeGreaterThan(before.overdue);
    } finally {
      clock = now;
    }
  });

  it('filtered by level, it counts that level’s tasks: the four levels add up to the whole', async () => {
    const whole = await t.call('dashboard-get', { week: '2026-W47' });
    expect(whole.totals.now.issued).toBeGreaterThan(0);
    const byLevel = await Promise.all((['high', 'medium', 'low', 'stable'] as const).map((level) => t.call('dashboard-get', { week: '2026-W47', level })));
    // Not all in one level, and each level its own share (the levels are read for the filter).
    expect(byLevel.filter((d) => d.totals.now.issued > 0).length).toBeGreaterThan(1);
    expect(byLevel.reduce((n, d) => n + d.totals.now.issued, 0)).toBe(whole.totals.now.issued);
    expect(byLevel.reduce((n, d) => n + d.totals.week.attempts, 0)).toBe(whole.totals.week.attempts);
  });

  it('computed in a worker (as for a big workspace) it is the same answer; a failure there comes back as an error', async () => {
    const runner = new JobRunner(dbPath, () => undefined, () => now);
    const db = new Database(dbPath, { readonly: true });
    try {
      const payload = { period: periodRange({ week: '2026-W46' }), filter: { level: 'high' }, now: now.toISOString() };
      expect(await runner.compute('dashboard', payload)).toEqual(dashboardView(db, payload));
      await expect(runner.compute('no-such-kind', {})).rejects.toMatchObject({ name: 'ApiFailure' });
    } finally {
      db.close();
      await runner.closeAll();
    }
  });

  it('computed in a process of its own (the app and browser mode, docs/product.md §10) it is the same answer; a failure there comes back with its code', async () => {
    let started = 0;
    const counted: StartComputeProcess = (file) => {
      started++;
      return nodeComputeProcess(file);
    };
    const runner = new JobRunner(dbPath, () => undefined, () => now, undefined, undefined, undefined, counted);
    const db = new Database(dbPath, { readonly: true });
    try {
      const payload = { period: periodRange({ week: '2026-W46' }), filter: { level: 'high' }, now: now.toISOString() };
      expect(await runner.compute('dashboard', payload)).toEqual(dashboardView(db, payload));
      expect(started).toBe(1);
      // A period the workspace cannot read (a week that is no week) fails in the process; its error code comes back.
      await expect(runner.compute('dashboard', { ...payload, period: { ...payload.period, start: null } })).rejects.toMatchObject({ name: 'ApiFailure' });
      expect(started).toBe(2);
      // It answered its failure (the process did not die): the next computation has a process again.
      expect(await runner.compute('dashboard', payload)).toEqual(dashboardView(db, payload));
      expect(started).toBe(3);
      // Only the computations that take seconds get a process; a segment's preview is quicker in a thread.
      await runner.compute('segment-preview', { rules: [] }).catch(() => undefined);
      expect(started).toBe(3);
    } finally {
      db.close();
      await runner.closeAll();
    }
  });

  it('computes in a worker thread when its process cannot start, and goes on so (a desktop packaged without Node mode)', async () => {
    let started = 0;
    const refused: StartComputeProcess = () => {
      started++;
      const exits: ((code: number | null) => void)[] = [];
      setTimeout(() => exits.forEach((l) => l(1)), 5);
      return { post: () => undefined, onMessage: () => undefined, onExit: (l) => exits.push(l), kill: () => undefined };
    };
    const runner = new JobRunner(dbPath, () => undefined, () => now, undefined, undefined, undefined, refused);
    const db = new Database(dbPath, { readonly: true });
    try {
      const payload = { period: periodRange({ week: '2026-W47' }), filter: {}, now: now.toISOString() };
      expect(await runner.compute('dashboard', payload)).toEqual(dashboardView(db, payload));
      expect(await runner.compute('dashboard', payload)).toEqual(dashboardView(db, payload));
      expect(started).toBe(1);
    } finally {
      db.close();
      await runner.closeAll();
    }
  });
});

/**
 * Filtered by list type, the trend counts a task's contacts from when it joined a list of that type, as the lists
 * count them (docs/reports.md "By work list"): what happened before stays with the list it was on.
 */
describe('dashboard trend filtered by list type', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  let clock = new Date(2026, 10, 3, 9); // Tuesday of 2026-W45, local time
  let t: ReturnType<typeof testBackend>;
  const [A, B, C] = ['13900000001', '13900000002', '13900000003'];

  async function importList(name: string, type: string, msisdns: string[]): Promise<WorklistImportResult> {
    const token = t.upload(writeWorkbook([{ name: '清单', header: ['手机号码'], rows: msisdns.map((n) => [n]) }], 'xlsx'), `${name}.xlsx`);
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: token }))).result as WorklistPreview;
    const job = await t.waitJob(
      await t.call('worklist-import', {
        file: token, sheet: p.sheet, headerRow: p.headerRow, mapping: p.columns.map((c) => c.target),
        list: { name, type, period: null, dueDate: '2026-11-30' }, onRejected: 'import-valid',
      }),
    );
    expect(job.error).toBeUndefined();
    return job.result as WorklistImportResult;
  }
  async function log(at: Date, msisdn: string, disposition: string, more: Record<string, unknown> = {}) {
    clock = at;
    const r = await t.backend.dispatch('attempt-log', { msisdn, channel: 'phone', disposition, ...more }, { agentId: 'A001', role: 'agent' });
    if (!r.ok) throw new Error(r.error.message);
  }
  /** The week's counts straight from the tables: attempts on a task of a list of `type` made once it joined one. */
  function weekInSql(from: Date, to: Date, type: string) {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare(
          `SELECT count(*) AS attempts, count(DISTINCT a.task_id) AS attempted,
                  count(DISTINCT CASE WHEN a.disposition IN ('accepted','declined','callback','churned','complaint','wrong_person') THEN a.task_id END) AS reached,
                  count(DISTINCT CASE WHEN a.disposition = 'accepted' THEN a.task_id END) AS success
             FROM attempts a JOIN tasks t ON t.id = a.task_id
            WHERE a.at >= ? AND a.at < ?
              AND EXISTS (SELECT 1 FROM list_members m JOIN work_lists w ON w.id = m.list_id
                           WHERE m.task_id = a.task_id AND w.list_type = ? AND a.at >= max(w.imported_at, t.created_at))`,
        )
        .get(from.toISOString(), to.toISOString(), type) as Record<string, number>;
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    t = testBackend({ dbPath, demoIfEmpty: false, now: () => clock });
    await t.call('agent-save', { id: 'A001', name: '王芳', role: 'agent', hall: null, active: true, pin: '582914' });
    const care = await importList('十一月关怀', 'other', [A, B]);
    await t.call('task-assign', { listId: care.lists[0]!.id, mode: { kind: 'to', agentId: 'A001' } });
    // A asks to be called back (reached, the task stays open): in W45 on 十一月关怀 only, and on W46's Tuesday.
    await log(new Date(2026, 10, 4, 10), A, 'callback', { callbackAt: new Date(2026, 10, 10, 10).toISOString() });
    await log(new Date(2026, 10, 4, 11), B, 'busy');
    await log(new Date(2026, 10, 10, 10), A, 'callback', { callbackAt: new Date(2026, 10, 12, 10).toISOString() });
    clock = new Date(2026, 10, 11, 9); // W46 Wednesday: A's open task joins the anomaly list, C is new
    const anomaly = await importList('异动周清单', 'weekly_anomaly', [A, C]);
    expect(anomaly).toMatchObject({ newTasks: 1, joinedOpenTasks: 1 });
    await t.call('task-assign', { listId: anomaly.lists[0]!.id, mode: { kind: 'to', agentId: 'A001' } });
    await log(new Date(2026, 10, 12, 10), A, 'busy');
    await log(new Date(2026, 10, 12, 11), C, 'accepted', { offerCode: 'BRAND_MIGRATION' });
    clock = new Date(2026, 10, 16, 9);
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('counts only the contacts made once the task was on a list of that type (A reached on Tuesday, joined on Wednesday)', async () => {
    const byWeek = (d: { trend: { label: string; attempts: number; attempted: number; reached: number; success: number }[] }) =>
      Object.fromEntries(d.trend.slice(-2).map(({ label, attempts, attempted, reached, success }) => [label, { attempts, attempted, reached, success }]));
    const anomaly = await t.call('dashboard-get', { week: '2026-W46', listType: 'weekly_anomaly' });
    expect(byWeek(anomaly)).toEqual({
      '2026-W45': { attempts: 0, attempted: 0, reached: 0, success: 0 },
      '2026-W46': { attempts: 2, attempted: 2, reached: 1, success: 1 },
    });
    expect(anomaly.trend.at(-2)).toMatchObject(weekInSql(new Date(2026, 10, 2), new Date(2026, 10, 9), 'weekly_anomaly'));
    expect(anomaly.trend.at(-1)).toMatchObject(weekInSql(new Date(2026, 10, 9), new Date(2026, 10, 16), 'weekly_anomaly'));
    // The list A was on all along keeps all of A's contacts, before and after A joined the other list too.
    const other = await t.call('dashboard-get', { week: '2026-W46', listType: 'other' });
    expect(byWeek(other)).toEqual({
      '2026-W45': { attempts: 2, attempted: 2, reached: 1, success: 0 },
      '2026-W46': { attempts: 2, attempted: 1, reached: 1, success: 0 },
    });
    // Unfiltered, every contact, as before.
    expect(byWeek(await t.call('dashboard-get', { week: '2026-W46' }))).toEqual({
      '2026-W45': { attempts: 2, attempted: 2, reached: 1, success: 0 },
      '2026-W46': { attempts: 3, attempted: 2, reached: 2, success: 1 },
    });
  });

  it('the period’s figures filtered by list type follow the same rule: 本周 as the trend’s last point, nothing 上周 before a list of that type existed', async () => {
    const anomaly = await t.call('dashboard-get', { week: '2026-W46', listType: 'weekly_anomaly' });
    // The page compares this week's reach with the trend's week before: both count from the same instant.
    expect(anomaly.totals.week).toEqual({ attempts: 2, attempted: 2, reached: 1, success: 1 });
    expect(anomaly.trend.at(-1)).toMatchObject(anomaly.totals.week);
    // The one list of that type, and the totals over it, as the lists count: A joined on Wednesday, reached before.
    expect(anomaly.lists.map((l) => l.name)).toEqual(['异动周清单']);
    expect(anomaly.lists[0]).toMatchObject({ now: { issued: 2, reached: 1, success: 1 }, before: { issued: 0, reached: 0, success: 0 } });
    expect(anomaly.totals.now).toEqual(anomaly.lists[0]!.now);
    expect(anomaly.totals.before).toEqual(anomaly.lists[0]!.before);
    expect(anomaly.agents.find((a) => a.agentId === 'A001')).toMatchObject({ assigned: 2, attempts: 2, attempted: 2, reached: 1, success: 1 });
    // The week before, no list of that type existed: nothing issued, assigned or done for it.
    const weekBefore = await t.call('dashboard-get', { week: '2026-W45', listType: 'weekly_anomaly' });
    expect(weekBefore.totals).toMatchObject({ now: { issued: 0, reached: 0, success: 0 }, week: { attempts: 0, attempted: 0, reached: 0, success: 0 } });
    expect(weekBefore.agents).toEqual([]);
    // Unfiltered, every contact and task (C's success left the follow-up task its offer requires, on no list).
    const all = await t.call('dashboard-get', { week: '2026-W46' });
    expect(all.totals).toMatchObject({ week: { attempts: 3, attempted: 2, reached: 2, success: 1 }, now: { issued: 4, reached: 2, success: 1 }, before: { issued: 2, reached: 1, success: 0 } });
  });
});
