import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardView, WorklistImportResult, WorklistPreview } from '../../core/api';
import type { PurgeView } from '../../core/api/ops/audit';
import { writeWorkbook } from '../../core/exchange/write';
import { listBackups } from '../../electron/backend/backups';
import { openBackend } from '../../electron/backend';
import { openDatabase } from '../../db/connection';
import { seedDemoWorkspace } from '../../electron/backend/demo';
import { runCli } from '../../electron/cli';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * docs/product.md §8: lists past their due date plus the retention period are purged — the list, its members, and the
 * personal data of customers no other list holds — in one transaction; attempts and tasks stay (the agents' figures
 * count them) without number or note; deleted values do not linger in the file.
 */
describe('retention purge', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  let clock = new Date('2026-11-23T03:00:00Z');
  let t: ReturnType<typeof testBackend>;

  // A customer only the purged list holds, with a name and number found nowhere else in the workspace.
  const GONE = '13912345678';
  const GONE_NAME = '禤珂璇';
  // A customer on the purged list and on a list that stays.
  const KEPT = '13987654321';

  const asA001 = async (name: string, input: unknown) => {
    const r = await t.backend.dispatch(name, input, { agentId: 'A001', role: 'agent' });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.data;
  };

  async function importList(name: string, due: string, rows: (string | null)[][]): Promise<WorklistImportResult> {
    const bytes = writeWorkbook([{ name: '清单', header: ['手机号码', '客户姓名', '执行人', '备注'], rows }], 'xlsx');
    const token = t.upload(bytes, `${name}.xlsx`);
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: token }))).result as WorklistPreview;
    const job = await t.waitJob(
      await t.call('worklist-import', {
        file: token,
        sheet: p.sheet,
        headerRow: p.headerRow,
        mapping: p.columns.map((c) => c.target),
        list: { name, type: 'weekly_anomaly', period: null, dueDate: due },
        onRejected: 'import-valid',
      }),
    );
    expect(job.error).toBeUndefined();
    return job.result as WorklistImportResult;
  }

  const raw = () => new Database(dbPath, { readonly: true });
  let weekBefore: DashboardView;
  let listId: number;

  beforeAll(async () => {
    t = testBackend({ dbPath, demoIfEmpty: true, now: () => clock });
    await importList('春季维系-长期', '2027-06-30', [[KEPT, '甘露', 'A001', null]]);
    const r = await importList('流失预警-保留期测试', '2026-11-25', [
      [GONE, GONE_NAME, 'A001', `${GONE_NAME}说家里人都用电信`],
      [KEPT, '甘露', 'A001', null],
    ]);
    listId = r.lists[0]!.id;
    await asA001('attempt-log', { msisdn: GONE, channel: 'hall', disposition: 'callback', callbackAt: new Date(2026, 10, 24, 14, 0).toISOString() /* local: inside calling hours */, note: `${GONE_NAME}明天再来` });
    await asA001('attempt-log', {
      msisdn: GONE, channel: 'hall', disposition: 'declined', reason: 'social_circle', note: `${GONE_NAME} ${GONE} 嫌贵`,
      competitor: 'telecom', competitorOffer: `${GONE_NAME}的家人在电信，送宽带`, competitorAmount: 39,
    });
    await asA001('feedback-add', { msisdn: GONE, category: 'tariff', importance: 'high', text: `${GONE_NAME}：套餐太贵` });
    await asA001('attempt-log', { msisdn: KEPT, channel: 'phone', disposition: 'no_answer', note: '留着' });
    // Read as it will be read after the purge, once the week is over (its call-backs pending are then those not yet
    // due at its end; while it is under way, those not yet due now).
    const at = clock;
    clock = new Date('2026-12-26T03:00:00Z');
    weekBefore = await t.call('dashboard-get', { week: '2026-W48' });
    clock = at;
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('is 30 days by default; a change is a new configuration version, audited', async () => {
    expect(await t.call('retention-get', {})).toMatchObject({ days: 30, isDefault: true, lastPurgeAt: null });
    expect(await t.call('retention-save', { days: 45 })).toMatchObject({ days: 45, isDefault: false });
    expect(await t.call('retention-save', { days: 30 })).toMatchObject({ days: 30, isDefault: false });
    await expect(t.call('retention-save', { days: 0 })).rejects.toMatchObject({ code: 'invalid-input' });
    const db = raw();
    const saved = db.prepare("SELECT detail FROM audit_log WHERE action = 'retention-save' ORDER BY id").pluck().all() as string[];
    db.close();
    expect(saved.map((d) => JSON.parse(d))).toEqual([
      { days: 45, before: 30 },
      { days: 30, before: 45 },
    ]);
  });

  it('keeps a list until its due date plus the retention period has passed', async () => {
    clock = new Date('2026-12-25T03:00:00Z'); // due 25 Nov + 30 days = 25 Dec: not yet before today
    const p = await t.call('purge-preview', {});
    expect(p.cutoff).toBe('2026-11-25');
    expect(p.lists.map((l) => l.id)).not.toContain(listId);
  });

  let preview: PurgeView;
  it('previews what would go: the list, the customer only it holds, and their tasks, attempts and feedback', async () => {
    clock = new Date('2026-12-26T03:00:00Z');
    preview = await t.call('purge-preview', {});
    const ours = preview.lists.find((l) => l.id === listId);
    expect(ours).toMatchObject({ name: '流失预警-保留期测试', dueDate: '2026-11-25', members: 2 });
    expect(preview.kept).toBeGreaterThanOrEqual(1);
    expect(preview.subscribers).toBeGreaterThanOrEqual(1);
    expect(preview.attempts).toBeGreaterThanOrEqual(2);
    expect(preview.feedback).toBeGreaterThanOrEqual(1);
    // a preview changes nothing
    expect((await t.call('customer-lookup', { msisdn: GONE })).found).toBe(true);
  });

  it('refuses a confirmation made against another day’s preview', async () => {
    await expect(t.call('purge-run', { cutoff: '2026-11-20' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await t.call('customer-lookup', { msisdn: GONE })).found).toBe(true);
  });

  it('is all or nothing: a purge that fails half-way changes nothing', async () => {
    const rw = new Database(dbPath);
    const snapshot = () =>
      rw.prepare('SELECT (SELECT count(*) FROM work_lists) AS l, (SELECT count(*) FROM subscribers) AS s, (SELECT count(*) FROM attempts WHERE msisdn < 0) AS redacted, (SELECT count(*) FROM list_members) AS m').get();
    const before = snapshot();
    // The last step of a purge deletes subscribers: make it fail there, after everything else has been done.
    rw.exec("CREATE TRIGGER test_fail_purge BEFORE DELETE ON subscribers BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    try {
      await expect(t.call('purge-run', { cutoff: preview.cutoff })).rejects.toThrow(/disk on fire/);
      expect(snapshot()).toEqual(before);
    } finally {
      rw.exec('DROP TRIGGER test_fail_purge');
      rw.close();
    }
    expect((await t.call('customer-lookup', { msisdn: GONE })).found).toBe(true);
  });

  it('purges in one go: the list and the customer go, attempts and tasks stay without number or note', async () => {
    const db0 = raw();
    const attemptsBefore = db0.prepare('SELECT id, task_id, agent_id, channel, at, disposition, reason, recorded_at FROM attempts WHERE msisdn = ? ORDER BY id').all(Number(GONE));
    const taskIds = db0.prepare('SELECT id FROM tasks WHERE msisdn = ?').pluck().all(Number(GONE)) as number[];
    const totalAttempts = db0.prepare('SELECT count(*) FROM attempts').pluck().get();
    db0.close();
    // A supervisor once lifted the customer's request not to be contacted (migration 026): the number is in that row.
    const writer = new Database(dbPath);
    writer.prepare('INSERT INTO contact_refusal_lifts (msisdn, at, agent_id) VALUES (?, ?, ?)').run(Number(GONE), '2026-11-01T00:00:00.000Z', 'S001');
    writer.close();
    expect(attemptsBefore).toHaveLength(2);

    // Weekly targets (issue 17 #5): the purged list's go with it; the kept list's stay.
    const keptListId = (await t.call('worklist-list', {})).items.find((l) => l.name === '春季维系-长期')!.id;
    await t.call('target-save', { scope: { kind: 'list', id: String(listId) }, week: null, contacts: 10, successes: 1 });
    await t.call('target-save', { scope: { kind: 'list', id: String(keptListId) }, week: null, contacts: 10, successes: 1 });

    const result = await t.call('purge-run', { cutoff: preview.cutoff });
    expect(result).toMatchObject({ cutoff: preview.cutoff, subscribers: preview.subscribers, attempts: preview.attempts, tasks: preview.tasks });
    expect((await t.call('target-list', {})).items.map((x) => x.scope)).toEqual([{ kind: 'list', id: String(keptListId) }]);

    expect((await t.call('customer-lookup', { msisdn: GONE })).found).toBe(false);
    expect((await t.call('customer-lookup', { msisdn: KEPT })).found).toBe(true);
    const names = (await t.call('worklist-list', {})).items.map((l) => l.name);
    expect(names).toContain('春季维系-长期');
    expect(names).not.toContain('流失预警-保留期测试');

    const db = raw();
    try {
      const redacted = db.prepare('SELECT id, task_id, agent_id, channel, at, disposition, reason, recorded_at, msisdn, note FROM attempts WHERE id IN (' + attemptsBefore.map(() => '?').join(',') + ') ORDER BY id').all(
        ...attemptsBefore.map((a) => (a as { id: string }).id),
      ) as { msisdn: number; note: string | null }[];
      expect(redacted.map(({ msisdn: _m, note: _n, ...rest }) => rest)).toEqual(attemptsBefore);
      expect(new Set(redacted.map((a) => a.msisdn)).size).toBe(1); // one tombstone per customer
      for (const a of redacted) expect(a).toMatchObject({ msisdn: expect.any(Number), note: null });
      // What the competitor offered is the agent's words too (it may name the customer): cleared; its price stays.
      expect(db.prepare('SELECT competitor, competitor_offer, competitor_amount FROM attempts WHERE msisdn = ? AND competitor IS NOT NULL').all(redacted[0]!.msisdn)).toEqual([
        { competitor: 'telecom', competitor_offer: null, competitor_amount: 39 },
      ]);
      expect(redacted[0]!.msisdn).toBeLessThan(0);
      expect(db.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(totalAttempts);
      // the kept customer's attempt is untouched
      expect(db.prepare('SELECT note FROM attempts WHERE msisdn = ?').pluck().all(Number(KEPT))).toEqual(['留着']);
      // tasks kept, closed, on the placeholder
      for (const id of taskIds) expect(db.prepare('SELECT msisdn, closed_at IS NOT NULL AS closed FROM tasks WHERE id = ?').get(id)).toEqual({ msisdn: 0, closed: 1 });
      expect(db.prepare('SELECT name, extra FROM subscribers WHERE msisdn = 0').get()).toEqual({ name: null, extra: '{}' });
      expect(db.prepare('SELECT count(*) FROM subscribers WHERE msisdn = ?').pluck().get(Number(GONE))).toBe(0);
      expect(db.prepare('SELECT count(*) FROM subscriber_scores WHERE msisdn = ?').pluck().get(Number(GONE))).toBe(0);
      expect(db.prepare('SELECT count(*) FROM contact_refusal_lifts WHERE msisdn = ?').pluck().get(Number(GONE))).toBe(0);
      const fb = db.prepare('SELECT msisdn, text, category, importance FROM feedback WHERE msisdn < 0').all() as { msisdn: number; text: string }[];
      expect(fb).toContainEqual({ msisdn: redacted[0]!.msisdn, text: '', category: 'tariff', importance: 'high' });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT ifnull(sum(n), 0) FROM open_task_counts').pluck().get()).toBe(db.prepare('SELECT count(*) FROM tasks WHERE closed_at IS NULL').pluck().get());
      // one audit entry, with counts and list names only
      const audit = db.prepare("SELECT agent_id, target, detail FROM audit_log WHERE action = 'retention-purge'").all() as { agent_id: string | null; target: string; detail: string }[];
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.detail)).toMatchObject({ trigger: 'cli', days: 30, cutoff: preview.cutoff, lists: expect.arrayContaining(['流失预警-保留期测试']), subscribers: result.subscribers });
      expect(audit[0]!.detail + audit[0]!.target).not.toMatch(new RegExp(`${GONE}|${GONE_NAME}`));
    } finally {
      db.close();
    }
    expect((await t.call('retention-get', {})).lastPurgeAt).toBe(clock.toISOString());
  });

  it('leaves the agents’ figures of a past week unchanged', async () => {
    const after = await t.call('dashboard-get', { week: '2026-W48' });
    // computed afresh (the purged list is gone from the by-list figures)…
    expect(weekBefore.lists.map((l) => l.name)).toContain('流失预警-保留期测试');
    expect(after.lists.map((l) => l.name)).not.toContain('流失预警-保留期测试');
    // …and yet every agent's figures are what they were
    expect(after.agents).toEqual(weekBefore.agents);
    expect(after.totals.week).toEqual(weekBefore.totals.week);
    // who is poaching counts the same; only the purged customer's offer text is gone from the latest offers
    const counts = (v: DashboardView) => v.competitors.map(({ latestOffers: _o, ...c }) => c);
    expect(counts(after)).toEqual(counts(weekBefore));
    expect(weekBefore.competitors.flatMap((c) => c.latestOffers)).toContain(`${GONE_NAME}的家人在电信，送宽带`);
    expect(after.competitors.flatMap((c) => c.latestOffers).join()).not.toContain(GONE_NAME);
    expect(after.agents.find((a) => a.agentId === 'A001')!.attempts).toBeGreaterThanOrEqual(3);
  });

  it('leaves neither the number nor the name anywhere in the database file', () => {
    const db = new Database(dbPath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = Buffer.concat([fs.readFileSync(dbPath), fs.existsSync(`${dbPath}-wal`) ? fs.readFileSync(`${dbPath}-wal`) : Buffer.alloc(0)]);
    expect(bytes.includes(Buffer.from(KEPT))).toBe(false); // numbers are stored as integers, not text…
    expect(bytes.includes(Buffer.from('甘露'))).toBe(true); // …while a kept customer's name is there: the search works
    expect(bytes.includes(Buffer.from(GONE_NAME))).toBe(false);
    expect(bytes.includes(Buffer.from(GONE))).toBe(false);
    // the number as SQLite writes an integer in a record (6 bytes, big-endian)
    expect(bytes.includes(Buffer.from(BigInt(GONE).toString(16).padStart(12, '0'), 'hex'))).toBe(false);
  });

  it('runs once a day by itself, after that day’s backup', async () => {
    const dbFile = tmp.file('daily.sqlite');
    fs.copyFileSync(dbPath, dbFile);
    const day = new Date('2027-09-01T03:00:00Z'); // the long list's due date plus 30 days is past too
    const b = openBackend({ dbPath: dbFile, now: () => day, dailyBackups: true });
    try {
      const purged = async () => {
        const r = await b.dispatch('audit-list', { actions: ['retention-purge'] });
        return r.ok ? (r.data as { items: { detail: { trigger: string; lists: string[] } }[] }).items.filter((i) => i.detail.trigger === 'daily') : [];
      };
      await expect.poll(async () => (await purged()).length, { timeout: 20_000 }).toBe(1);
      expect((await purged())[0]!.detail.lists).toContain('春季维系-长期');
      const backups = listBackups(dbFile);
      expect(backups).toHaveLength(1);
      // the backup was taken before the purge: the list is still in it
      const copy = new Database(backups[0]!.path, { readonly: true });
      expect(copy.prepare("SELECT count(*) FROM work_lists WHERE name = '春季维系-长期'").pluck().get()).toBe(1);
      copy.close();
    } finally {
      b.close();
    }
    // started again the same day: it does not run twice
    const again = openBackend({ dbPath: dbFile, now: () => day, dailyBackups: true });
    try {
      await new Promise((r) => setTimeout(r, 500));
      const r = await again.dispatch('audit-list', { actions: ['retention-purge'] });
      expect(r.ok && (r.data as { total: number }).total).toBe(2); // the CLI-style one above and the daily one
    } finally {
      again.close();
    }
  });
});

describe('retention purge from the command line', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('purge --dry-run says what would go and changes nothing; purge takes the day’s backup, then purges', async () => {
    const dbPath = tmp.file('cli.sqlite');
    const db = openDatabase(dbPath);
    seedDemoWorkspace(db, { now: new Date('2025-01-06T03:00:00Z'), subscribers: 300 }); // long past due today
    // (the demo also holds customers on no list — history only — whom no purge of lists touches)
    const counts = () =>
      db.prepare('SELECT (SELECT count(*) FROM work_lists) AS lists, (SELECT count(DISTINCT msisdn) FROM list_members) AS subscribers, (SELECT count(*) FROM subscribers) AS all_').get() as {
        lists: number;
        subscribers: number;
        all_: number;
      };
    const before = counts();
    db.close();
    expect(before.lists).toBeGreaterThan(0);

    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await runCli(['purge', '--dry-run', '--db', dbPath, '--json'], io)).toBe(0);
    const dry = JSON.parse(out.pop()!) as PurgeView & { dryRun: boolean };
    expect(dry).toMatchObject({ dryRun: true, days: 30, subscribers: before.subscribers, kept: 0 });
    expect(dry.lists).toHaveLength(before.lists);
    expect(listBackups(dbPath)).toHaveLength(0);
    const check = new Database(dbPath, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM work_lists').pluck().get()).toBe(before.lists);
    check.close();

    expect(await runCli(['purge', '--db', dbPath], io)).toBe(0);
    // Said in the CLI's language, Chinese by default.
    expect(out.join('\n')).toMatch(new RegExp(`已清除 ${before.subscribers.toLocaleString('en')} 位客户`));
    expect(listBackups(dbPath)).toHaveLength(1);
    const after = new Database(dbPath, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM work_lists').pluck().get()).toBe(0);
    expect(after.prepare('SELECT count(*) FROM subscribers WHERE msisdn > 0').pluck().get()).toBe(before.all_ - before.subscribers);
    expect(after.prepare('SELECT count(*) FROM list_members').pluck().get()).toBe(0);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    expect(JSON.parse(after.prepare("SELECT detail FROM audit_log WHERE action = 'retention-purge'").pluck().get() as string)).toMatchObject({ trigger: 'cli', subscribers: before.subscribers });
    after.close();
  });
});
