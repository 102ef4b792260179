import { afterAll, beforeAll } from 'vitest';
import { runCli } from '../../electron/cli';
import { testBackend } from './backend';
import { tempDir } from './temp';

/** Runs a CLI command on a workspace as a script would, with what it printed on stdout and stderr. */
export async function runCliOn(dbPath: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', dbPath], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * The demo workspace on disk in a folder of its own, made once before the file's tests (as a supervisor's would be:
 * lists and attempts of November 2026) and removed after them — what the CLI's tests run their commands on.
 */
export function demoWorkspaceForCli(): { db: string; tmp: ReturnType<typeof tempDir> } {
  const tmp = tempDir();
  const db = tmp.file('ws.sqlite');
  beforeAll(() => {
    testBackend({ dbPath: db, demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') }).close();
  });
  afterAll(() => tmp.cleanup());
  return { db, tmp };
}
