import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_BINDING_ENV } from '../../db/connection';
import { JobRunner, type JobRecord } from '../../electron/backend/jobs/runner';
import { tempDir } from '../support/temp';

// The Electron main process hands better-sqlite3 its Electron-ABI binary through SQLITE_BINDING_ENV
// (docs/desktop.md "Two native builds"); here, under Node, the same mechanism is checked with a path that does not
// exist (the load must fail naming it) and with Node's own build chosen explicitly (everything must work).
const nodeBuild = path.join(path.dirname(createRequire(__filename).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('the better-sqlite3 binary chosen through the environment', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  const missing = tmp.file(path.join('electron-native', 'better_sqlite3.node'));
  openDatabase(dbPath).close(); // a migrated workspace, opened with the default binary

  afterEach(() => {
    delete process.env[SQLITE_BINDING_ENV];
  });
  afterAll(() => tmp.cleanup());

  const runJob = async (): Promise<JobRecord> => {
    const runner = new JobRunner(dbPath, () => {}, () => new Date('2026-11-23T03:00:00Z'));
    try {
      return await runner.wait(runner.start('risk-recompute', { today: '2026-11-23' }).id);
    } finally {
      await runner.closeAll();
    }
  };

  it('is the one the main thread loads', () => {
    process.env[SQLITE_BINDING_ENV] = missing;
    expect(() => openDatabase(dbPath)).toThrow(missing);
  });

  it('is the one a job worker loads, inherited with the environment', async () => {
    process.env[SQLITE_BINDING_ENV] = missing;
    const job = await runJob();
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain(missing);
  });

  it('works in both when it is a binary for this runtime', async () => {
    process.env[SQLITE_BINDING_ENV] = nodeBuild;
    openDatabase(dbPath).close();
    const job = await runJob();
    expect(job.state, job.error?.message).toBe('done');
  });
});
