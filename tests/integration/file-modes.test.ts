import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { backupWorkspace, ensureDailyBackup } from '../../electron/backend/backups';
import { FileStore } from '../../electron/backend/files';
import { tempDir } from '../support/temp';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/**
 * Issue 12 #8: the workspace holds personal data, so its file, WAL, shared memory and backups are readable by the
 * user only (another account on a shared counter PC must not copy them), and uploads a crashed run left behind are
 * removed at the next start. Windows has no such modes: its per-user profile folder does that job.
 */
describe.skipIf(process.platform === 'win32')('files the workspace leaves on disk', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a new workspace, its WAL, shared memory and backups are 0600, their folders 0700', async () => {
    const dbPath = tmp.file('new/ws.sqlite');
    const db = openDatabase(dbPath);
    db.prepare("INSERT INTO workspace (key, value) VALUES ('probe', '1')").run();
    expect(mode(dbPath)).toBe(0o600);
    expect(mode(`${dbPath}-wal`)).toBe(0o600);
    expect(mode(`${dbPath}-shm`)).toBe(0o600);
    const daily = await ensureDailyBackup(db, dbPath, new Date('2026-11-01T03:00:00Z'));
    expect(mode(daily!)).toBe(0o600);
    expect(mode(path.dirname(daily!))).toBe(0o700);
    db.close();
    const copy = await backupWorkspace(dbPath, tmp.file('new/copy.sqlite'));
    expect(mode(copy)).toBe(0o600);
  });

  it('an existing workspace made readable by others is closed down when it is opened', () => {
    const dbPath = tmp.file('old/ws.sqlite');
    openDatabase(dbPath).close();
    fs.chmodSync(dbPath, 0o644);
    const db = openDatabase(dbPath);
    expect(mode(dbPath)).toBe(0o600);
    db.close();
  });

  it("removes the staging folders of runs that are gone, and keeps a running process's", () => {
    const root = tmp.file('staging');
    const dead = path.join(root, '999999999');
    const alive = path.join(root, String(process.ppid));
    for (const d of [dead, alive]) {
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'x.upload'), 'personal data');
    }
    const store = new FileStore(path.join(root, String(process.pid)));
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(path.join(alive, 'x.upload'))).toBe(true);
    expect(mode(store.stagingDir)).toBe(0o700);
  });
});
