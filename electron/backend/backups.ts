import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiFailure } from '../../core/api';
import { createPrivately, openDatabase, openElsewhere, sqliteOptions, type Db } from '../../db/connection';
import { writeAudit } from '../../db/workspace';

/** Daily backups, the newest seven kept (docs/product.md §8 / issue 7): enough to go back a week after a bad merge. */
const KEEP_BACKUPS = 7;
const DAY_MS = 86_400_000;

/**
 * A backup's name: the workspace file's own name, then when, in the machine's local time with its offset —
 * backups/workspace-YYYYMMDD-HHMMSS+HHMM.sqlite for the app's workspace.sqlite. Two workspaces in one folder (two desks
 * on one PC) kept their backups apart only by luck: both were named workspace-…, each listed and pruned the other's,
 * and two taken in the same second collided (found by a new supervisor). A workspace of another name made before
 * 2026-12-07 keeps its older workspace-… files, no longer listed. Until 2026-12-07 the time was UTC, without an
 * offset: a supervisor in Beijing picking the morning's backup at 09:00 found it named 01:00 (found by a new
 * supervisor). Those names are still read, as UTC.
 */
const backupBase = (dbPath: string): string => path.basename(dbPath).replace(/\.[^.]*$/u, '') || 'workspace';
const backupName = (dbPath: string): RegExp =>
  new RegExp(`^${backupBase(dbPath).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}-(\\d{8})-(\\d{6})([+-]\\d{4})?\\.sqlite$`, 'u');

const backupDir = (dbPath: string): string => path.join(path.dirname(path.resolve(dbPath)), 'backups');

const two = (n: number): string => String(n).padStart(2, '0');
/** 20261102-110000+0800: the local date and time of `d`, and the zone's offset from UTC then. */
const stamp = (d: Date): string => {
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`;
};

/** Where a backup taken at `at` goes by default: backups/<name>-YYYYMMDD-HHMMSS+HHMM.sqlite (local time) beside the file. */
const backupPathAt = (dbPath: string, at: Date): string => path.join(backupDir(dbPath), `${backupBase(dbPath)}-${stamp(at)}.sqlite`);

/** Backups of this workspace, newest first, with when each was taken (from its name; UTC where it has no offset). */
export function listBackups(dbPath: string): { path: string; at: Date }[] {
  const dir = backupDir(dbPath);
  if (!fs.existsSync(dir)) return [];
  const own = backupName(dbPath);
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: own.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const [d, t, zone] = [m[1]!, m[2]!, m[3]];
      const offset = zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
      return { path: path.join(dir, name), at: new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}${offset}`) };
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/**
 * A consistent copy of the live database through SQLite's online backup (readers and the writer carry on), written
 * under a temporary name and renamed, so a crash never leaves a half backup that looks whole.
 */
async function backupTo(db: Db, dest: string): Promise<string> {
  // A backup holds what the workspace holds: readable by the user only, like the workspace (createPrivately).
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { force: true });
  createPrivately(partial);
  await db.backup(partial);
  fs.renameSync(partial, dest);
  return dest;
}

/** A backup of the workspace file now (the CLI's `backup`): into backups/ beside it unless told where. */
export async function backupWorkspace(dbPath: string, out?: string, now = new Date()): Promise<string> {
  const db = openDatabase(dbPath);
  try {
    return await backupTo(db, out ?? backupPathAt(dbPath, now));
  } finally {
    db.close();
  }
}

/** Takes a backup when the newest is a day old or more, then keeps the newest `keep`. Returns the new file, if any. */
export async function ensureDailyBackup(db: Db, dbPath: string, now: Date, keep = KEEP_BACKUPS): Promise<string | null> {
  const existing = listBackups(dbPath);
  let made: string | null = null;
  if (!existing[0] || now.getTime() - existing[0].at.getTime() >= DAY_MS) {
    made = await backupTo(db, backupPathAt(dbPath, now));
  }
  for (const old of listBackups(dbPath).slice(keep)) fs.rmSync(old.path, { force: true });
  return made;
}

/** A workspace's own id (migration 029) and how many customers it holds; no id in a file from before it. */
function workspaceIdentity(d: Database.Database): { id: string | null; subscribers: number } {
  const id = d.prepare("SELECT value FROM workspace WHERE key = 'workspace-id'").pluck().get() as string | undefined;
  return { id: id ?? null, subscribers: d.prepare('SELECT count(*) FROM subscribers').pluck().get() as number };
}

/**
 * Puts a backup in place of the workspace (the app must be stopped). The backup must pass `integrity_check` and be
 * a Retention Desk workspace; the current file is kept beside it first, so a restore can itself be undone. A backup
 * of another workspace (another desk's) is refused unless `otherWorkspace` says it is meant: it replaced this desk's
 * work without a word (found by a new supervisor). A backup from before workspace ids (migration 029) cannot tell.
 */
export function restoreBackup(dbPath: string, backupPath: string, now: Date, opts: { otherWorkspace?: boolean } = {}): { keptAs: string | null } {
  if (!fs.existsSync(backupPath)) throw new ApiFailure('not-found', 'api.backup-missing', { file: backupPath });
  // A file SQLite cannot read at all (not a database, or cut short) is damaged too, in words: SQLite's own ("file is
  // not a database") reached the supervisor as it was (found by a new supervisor).
  let check: Database.Database | undefined;
  let backupIdentity: ReturnType<typeof workspaceIdentity>;
  try {
    check = new Database(backupPath, sqliteOptions({ readonly: true, fileMustExist: true }));
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new ApiFailure('bad-file', 'api.backup-damaged', { detail: String(ok) });
    const ours = check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'").pluck().get();
    if (!ours) throw new ApiFailure('bad-file', 'api.backup-not-workspace');
    backupIdentity = workspaceIdentity(check);
  } catch (e) {
    throw e instanceof Database.SqliteError ? new ApiFailure('bad-file', 'api.backup-damaged', { detail: e.code }) : e;
  } finally {
    check?.close();
  }
  // Never under a running app: its connection would go on writing into a write-ahead log the restore deletes, and the
  // work it had confirmed was gone at its next start (found by a new supervisor).
  if (fs.existsSync(dbPath) && openElsewhere(dbPath)) throw new ApiFailure('conflict', 'api.workspace-in-use', { file: dbPath });
  // Read only once nothing else has the workspace open: closing a descriptor drops this process's SQLite locks on it.
  if (fs.existsSync(dbPath) && !opts.otherWorkspace) {
    const live = new Database(dbPath, sqliteOptions({ readonly: true, fileMustExist: true }));
    let liveIdentity: ReturnType<typeof workspaceIdentity>;
    try {
      liveIdentity = workspaceIdentity(live);
    } finally {
      live.close();
    }
    if (backupIdentity.id !== null && liveIdentity.id !== null && backupIdentity.id !== liveIdentity.id) {
      throw new ApiFailure('conflict', 'api.backup-other-workspace', { backupSubscribers: backupIdentity.subscribers, subscribers: liveIdentity.subscribers });
    }
  }
  let keptAs: string | null = null;
  if (fs.existsSync(dbPath)) {
    keptAs = `${dbPath}.before-restore-${stamp(now)}`;
    // The live file with its WAL folded in, so the kept copy is whole.
    const live = new Database(dbPath, sqliteOptions());
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
    fs.copyFileSync(dbPath, keptAs);
  }
  for (const side of ['-wal', '-shm']) fs.rmSync(`${dbPath}${side}`, { force: true });
  fs.copyFileSync(backupPath, dbPath);
  // The restored workspace says so in its own audit log (the backup's log knew nothing of it; found by a new supervisor).
  const restored = openDatabase(dbPath);
  try {
    writeAudit(restored, { at: now.toISOString(), agentId: null, action: 'workspace-restore', detail: { from: path.basename(backupPath), keptAs: keptAs && path.basename(keptAs) } });
  } finally {
    restored.close();
  }
  return { keptAs };
}
