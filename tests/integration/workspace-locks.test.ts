import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * SQLite's locks on the workspace are POSIX advisory locks, which belong to the process and are all dropped when the
 * process closes any descriptor of the file (sqlite.org/howtocorrupt.html §2.2). The backend's own connection keeps a
 * shared lock for as long as it is open; without it, another program that opened and closed the workspace (a
 * database viewer, a script, the CLI) took itself for the last user, folded the write-ahead log in and deleted it —
 * under the backend, whose commits then went into a deleted file (found by a second pair of eyes after an import).
 * Opening the workspace for a job must not touch the file other than through SQLite.
 */
// Debian's python3 (.ci/run installs it with python3-openpyxl) is the other program.
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import sqlite3']).status === 0);

describe.skipIf(process.platform === 'win32' || !python)('the workspace’s locks while jobs run', () => {
  const tmp = tempDir('rd-locks-');
  afterAll(() => tmp.cleanup());
  /** Another program on the same workspace, as a user would run one: Python's sqlite3 opens it, reads, closes. */
  const otherProgram = (file: string, sql: string): string =>
    execFileSync(python!, ['-c', `import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nprint(c.execute(sys.argv[2]).fetchone()[0], end='')\nc.close()`, file, sql], { encoding: 'utf8' });

  it('another program that reads the workspace after a job neither removes the write-ahead log nor loses what the backend writes next', async () => {
    const file = tmp.file('ws.sqlite');
    const t = testBackend({ dbPath: file, demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00.000Z') });
    try {
      // Any job opens the workspace in its worker thread: here the recompute.
      expect((await t.waitJob(await t.call('risk-recompute', {}))).state).toBe('done');
      expect(Number(otherProgram(file, 'SELECT count(*) FROM subscribers'))).toBeGreaterThan(0);
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      await t.call('agent-save', { id: 'K009', name: '新人', role: 'agent', pin: '482913' });
      expect(otherProgram(file, "SELECT count(*) FROM agents WHERE id = 'K009'")).toBe('1');
    } finally {
      t.close();
    }
  });
});
