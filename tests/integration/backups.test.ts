import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { ensureDailyBackup, listBackups } from '../../electron/backend/backups';
import { seedDemoWorkspace } from '../../electron/backend/demo';
import { runCli } from '../../electron/cli';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

const quiet = { out: () => undefined, err: () => undefined };

/** Issue 7 "no lost work": daily online backups, the newest seven kept, and a restore that checks before it replaces. */
describe('backups and restore', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('takes one backup a day, keeps the newest seven, and each is a whole, consistent workspace', async () => {
    const dbPath = tmp.file('daily/ws.sqlite');
    fs.mkdirSync(tmp.file('daily'));
    const db = openDatabase(dbPath);
    seedDemoWorkspace(db, { now: new Date('2026-11-01T02:00:00Z') });
    const day0 = new Date('2026-11-01T03:00:00Z');
    expect(await ensureDailyBackup(db, dbPath, day0)).not.toBeNull();
    expect(await ensureDailyBackup(db, dbPath, new Date(day0.getTime() + 3_600_000))).toBeNull(); // an hour later: not again
    for (let d = 1; d <= 9; d++) await ensureDailyBackup(db, dbPath, new Date(day0.getTime() + d * 86_400_000));
    const kept = listBackups(dbPath);
    expect(kept).toHaveLength(7);
    expect(kept[0]!.at.toISOString()).toBe('2026-11-10T03:00:00.000Z');
    const subscribers = db.prepare('SELECT count(*) FROM subscribers').pluck().get();
    for (const b of kept) {
      const copy = new Database(b.path, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) FROM subscribers').pluck().get()).toBe(subscribers);
      copy.close();
    }
    expect(fs.readdirSync(tmp.file('daily/backups')).some((n) => n.endsWith('.partial'))).toBe(false);
    db.close();
  });

  it('two workspaces in one folder keep their backups apart: each named after its file, listed and pruned alone (found by a new supervisor)', async () => {
    fs.mkdirSync(tmp.file('two'));
    const at = new Date('2026-11-01T03:00:00Z');
    const desks = ['desk1', 'desk2'].map((name) => {
      const dbPath = tmp.file(`two/${name}.sqlite`);
      const db = openDatabase(dbPath);
      seedDemoWorkspace(db, { now: new Date('2026-11-01T02:00:00Z') });
      return { name, dbPath, db };
    });
    // Both in the same second, as two desks started together: both taken, neither over the other.
    for (const d of desks) expect(await ensureDailyBackup(d.db, d.dbPath, at)).toBe(tmp.file(`two/backups/${d.name}-20261101-030000+0000.sqlite`));
    for (let day = 1; day <= 9; day++) await ensureDailyBackup(desks[0]!.db, desks[0]!.dbPath, new Date(at.getTime() + day * 86_400_000));
    expect(listBackups(desks[0]!.dbPath)).toHaveLength(7);
    expect(listBackups(desks[1]!.dbPath).map((b) => b.path)).toEqual([tmp.file('two/backups/desk2-20261101-030000+0000.sqlite')]);
    for (const d of desks) d.db.close();
  });

  it('a backup is named in the local time it was taken, with its offset, and listed among those named in UTC before (found by a new supervisor)', async () => {
    const zoneBefore = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      fs.mkdirSync(tmp.file('local/backups'), { recursive: true });
      const dbPath = tmp.file('local/ws.sqlite');
      const db = openDatabase(dbPath);
      seedDemoWorkspace(db, { now: new Date('2026-11-01T02:00:00Z') });
      // One taken before, named in UTC: 2026-10-31 20:00 UTC, which is 11-01 04:00 in Beijing.
      fs.copyFileSync(dbPath, tmp.file('local/backups/ws-20261031-200000.sqlite'));
      const at = new Date('2026-11-02T03:00:00Z');
      expect(await ensureDailyBackup(db, dbPath, at)).toBe(tmp.file('local/backups/ws-20261102-110000+0800.sqlite'));
      expect(listBackups(dbPath).map((b) => [b.path, b.at.toISOString()])).toEqual([
        [tmp.file('local/backups/ws-20261102-110000+0800.sqlite'), '2026-11-02T03:00:00.000Z'],
        [tmp.file('local/backups/ws-20261031-200000.sqlite'), '2026-10-31T20:00:00.000Z'],
      ]);
      db.close();
    } finally {
      if (zoneBefore === undefined) delete process.env.TZ;
      else process.env.TZ = zoneBefore;
    }
  });

  it('a daily backup that fails is in the audit log for a supervisor to see, not only on a console nobody reads; the purge waits (found by a new supervisor)', async () => {
    fs.mkdirSync(tmp.file('failing'));
    const dbPath = tmp.file('failing/ws.sqlite');
    // A file where the backups folder should be: the backup cannot be written.
    fs.writeFileSync(tmp.file('failing/backups'), 'not a folder');
    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    const t = testBackend({ dbPath, demoIfEmpty: true, dailyBackups: true, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      let failed: { detail: unknown }[] = [];
      for (let i = 0; i < 100 && failed.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        failed = (await t.call('audit-list', { actions: ['backup-failed'], offset: 0, limit: 5 })).items;
      }
      expect(failed).toEqual([expect.objectContaining({ action: 'backup-failed', detail: { problem: expect.stringMatching(/^E[A-Z]+$/) } })]);
      expect((await t.call('audit-list', { actions: ['retention-purge'], offset: 0, limit: 5 })).items).toEqual([]);
    } finally {
      t.close();
      console.error = consoleError;
    }
    expect(errors.length).toBeGreaterThan(0);
  });

  it('restore refuses while the workspace is open (the app running): work it had confirmed would have been lost (found by a new supervisor)', async () => {
    const dbPath = tmp.file('in-use.sqlite');
    const backup = tmp.file('in-use-backup.sqlite');
    const t = testBackend({ dbPath, demoIfEmpty: true, now: () => new Date('2026-11-01T02:00:00Z') });
    try {
      expect(await runCli(['backup', '--db', dbPath, '--out', backup], quiet)).toBe(0);
      await t.call('agent-save', { id: 'K010', name: '备份后', role: 'agent', pin: '482913' });
      const said: string[] = [];
      expect(await runCli(['restore', backup, '--db', dbPath], { out: () => undefined, err: (m) => said.push(m) })).toBe(1);
      expect(said.join('\n')).toContain('正在使用');
      // The running app's work is all there, and it goes on.
      await t.call('agent-save', { id: 'K011', name: '还在', role: 'agent', pin: '482913' });
      expect((await t.call('agent-list', {})).items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(['K010', 'K011']));
    } finally {
      t.close();
    }
    // Closed, the workspace can be restored.
    expect(await runCli(['restore', backup, '--db', dbPath], quiet)).toBe(0);
  });

  it('restore puts a backup back (keeping the workspace before it); a damaged or foreign file changes nothing', async () => {
    const dbPath = tmp.file('restore.sqlite');
    const db = openDatabase(dbPath);
    seedDemoWorkspace(db, { now: new Date('2026-11-01T02:00:00Z') });
    const attemptsAtBackup = db.prepare('SELECT count(*) FROM attempts').pluck().get() as number;
    db.close();
    const backup = tmp.file('restore-backup.sqlite');
    expect(await runCli(['backup', '--db', dbPath, '--out', backup], quiet)).toBe(0);

    // Work goes on after the backup…
    const live = openDatabase(dbPath);
    live.prepare("INSERT INTO attempts (id, msisdn, agent_id, channel, at, disposition, recorded_at) SELECT 'late-1', msisdn, 'A001', 'phone', '2026-11-02T02:00:00Z', 'busy', '2026-11-02T02:00:00Z' FROM subscribers LIMIT 1").run();
    live.close();

    const damaged = tmp.file('damaged.sqlite');
    fs.writeFileSync(damaged, fs.readFileSync(backup).subarray(0, 8192));
    expect(await runCli(['restore', damaged, '--db', dbPath], quiet)).toBe(1);
    // A file that is no database at all is refused in words too, not with SQLite's own (found by a new supervisor).
    const text = tmp.file('notes.sqlite');
    fs.writeFileSync(text, 'not a database, only some notes\n'.repeat(200));
    const said: string[] = [];
    expect(await runCli(['restore', text, '--db', dbPath], { out: () => undefined, err: (m) => said.push(m) })).toBe(1);
    expect(said.join('\n')).toContain('备份已损坏');
    expect(said.join('\n')).not.toContain('file is not a database');
    const foreign = tmp.file('foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE t(x)');
    expect(await runCli(['restore', foreign, '--db', dbPath], quiet)).toBe(1);
    const still = new Database(dbPath, { readonly: true });
    expect(still.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(attemptsAtBackup + 1);
    still.close();

    expect(await runCli(['restore', backup, '--db', dbPath], quiet)).toBe(0);
    const restored = new Database(dbPath, { readonly: true });
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(restored.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(attemptsAtBackup);
    // The restored workspace says it was restored, from which file, and where the one it replaced is kept.
    expect(restored.prepare("SELECT detail FROM audit_log WHERE action = 'workspace-restore'").pluck().all()).toEqual([
      JSON.stringify({ from: 'restore-backup.sqlite', keptAs: fs.readdirSync(tmp.dir).find((n) => n.startsWith('restore.sqlite.before-restore-')) }),
    ]);
    restored.close();
    const kept = fs.readdirSync(tmp.dir).filter((n) => n.startsWith('restore.sqlite.before-restore-'));
    expect(kept).toHaveLength(1);
  });
  it('a backup of another workspace is not restored over this one without saying so (found by a new supervisor)', async () => {
    const [deskA, deskB] = [tmp.file('other-a.sqlite'), tmp.file('other-b.sqlite')];
    for (const [dbPath, at] of [[deskA, '2026-11-01T02:00:00Z'], [deskB, '2026-11-02T02:00:00Z']] as const) {
      const db = openDatabase(dbPath);
      seedDemoWorkspace(db, { now: new Date(at) });
      db.close();
    }
    // Desk B's own work, that desk A's backup would replace.
    const b = openDatabase(deskB);
    b.prepare("INSERT INTO attempts (id, msisdn, agent_id, channel, at, disposition, recorded_at) SELECT 'b-only', msisdn, 'A001', 'phone', '2026-11-02T03:00:00Z', 'busy', '2026-11-02T03:00:00Z' FROM subscribers LIMIT 1").run();
    b.close();
    const backupOfA = tmp.file('other-a-backup.sqlite');
    expect(await runCli(['backup', '--db', deskA, '--out', backupOfA], quiet)).toBe(0);
    const said: string[] = [];
    expect(await runCli(['restore', backupOfA, '--db', deskB], { out: () => undefined, err: (m) => said.push(m) })).toBe(1);
    expect(said.join('\n')).toContain('另一个工作区');
    expect(said.join('\n')).toContain('--other-workspace');
    const still = new Database(deskB, { readonly: true });
    expect(still.prepare("SELECT count(*) FROM attempts WHERE id = 'b-only'").pluck().get()).toBe(1);
    still.close();
    expect(fs.readdirSync(tmp.dir).some((n) => n.startsWith('other-b.sqlite.before-restore-'))).toBe(false);
    // Said on purpose, it is restored (and desk B's workspace kept beside it).
    expect(await runCli(['restore', backupOfA, '--db', deskB, '--other-workspace'], quiet)).toBe(0);
    const now = new Database(deskB, { readonly: true });
    expect(now.prepare("SELECT count(*) FROM attempts WHERE id = 'b-only'").pluck().get()).toBe(0);
    now.close();
    // A backup of this very workspace needs no such word.
    const backupOfB = tmp.file('other-b-backup.sqlite');
    expect(await runCli(['backup', '--db', deskB, '--out', backupOfB], quiet)).toBe(0);
    expect(await runCli(['restore', backupOfB, '--db', deskB], quiet)).toBe(0);
  });
});
