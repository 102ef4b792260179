import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';

export type Db = Database.Database;

/**
 * The path of the better-sqlite3 binary to load instead of node_modules' own, when set. The Electron main process
 * sets it to the Electron-ABI build (electron/main/native-binding.mjs, docs/desktop.md "Two native builds") before
 * opening anything; job workers inherit it, since a Worker starts with a copy of its parent's environment. Under
 * plain Node (tests, CLI, browser mode) it is unset and node_modules/better-sqlite3 is used as built by npm.
 */
export const SQLITE_BINDING_ENV = 'RETENTION_DESK_SQLITE_BINDING';

/** better-sqlite3's constructor options plus the binary chosen above: every `new Database` goes through here. */
export function sqliteOptions(options: Database.Options = {}): Database.Options {
  const nativeBinding = process.env[SQLITE_BINDING_ENV];
  return nativeBinding ? { ...options, nativeBinding } : options;
}

export interface OpenOptions {
  /** Open without applying migrations (used by tests of old schemas). */
  migrate?: boolean;
  readonly?: boolean;
  /**
   * The keyed hash of an identity number as a cell held it (null when it is none, or no key is at hand): used by
   * the migration that removes identity numbers from extra attributes (009). The db layer holds no key and no
   * identity rules; electron/backend supplies both. Without it such numbers are removed unhashed.
   */
  identityHash?: (raw: string) => string | null;
}

/**
 * Opens the workspace database with the house pragmas: WAL so readers never wait on the writer,
 * foreign keys on, synchronous=NORMAL (durable at checkpoints; operations that must never lose an agent's
 * work switch to FULL for their transaction — see withDurableWrite), secure_delete on.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) createPrivately(file);
  const db = new Database(file, sqliteOptions({ readonly: options.readonly ?? false }));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache: hot look-ups stay in memory with a million rows
  db.pragma('temp_store = MEMORY');
  // Deleted rows are overwritten with zeros instead of lingering in free space until reused: the retention purge
  // (docs/product.md §8) must actually remove names and numbers from the file, not just unlink them.
  db.pragma('secure_delete = ON');
  if (options.migrate !== false && !options.readonly) migrate(db, undefined, undefined, { identityHash: options.identityHash });
  return db;
}

/**
 * The workspace holds personal data: its file is created readable by the user only (0600, its folder 0700), and an
 * existing one is closed down to that (issue 12 #8). SQLite gives the -wal and -shm files it creates the database
 * file's permissions, so they follow. Windows keeps the file in the user's own profile folder instead.
 */
export function createPrivately(file: string): void {
  const full = path.resolve(file);
  fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
  // Created only if missing ('wx'): an existing workspace is never opened other than through SQLite. SQLite's locks
  // are POSIX locks, which the process loses on closing any descriptor of the file (sqlite.org/howtocorrupt.html
  // §2.2): every job's worker opening the workspace here dropped the backend's own shared lock, and another program
  // that then read the workspace deleted the write-ahead log under it (tests/integration/workspace-locks.test.ts).
  try {
    fs.closeSync(fs.openSync(full, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (process.platform === 'win32') return;
  for (const f of [full, `${full}-wal`, `${full}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch {
      // not there (yet), or not ours to change: SQLite's own error will say more if it matters
    }
  }
}

/** Runs `fn` in an IMMEDIATE transaction with synchronous=FULL, for writes an agent was told are saved. */
export function withDurableWrite<T>(db: Db, fn: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

/**
 * Whether another connection has the workspace open — the app, in this process or another, or any program: one
 * connection in SQLite's exclusive locking mode cannot take its lock while another holds its shared lock (which each
 * open connection keeps, in WAL mode). Only for a file that exists; the probe leaves it as it was.
 */
export function openElsewhere(file: string): boolean {
  const probe = new Database(file, sqliteOptions({ fileMustExist: true }));
  try {
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    probe.close();
  }
}
