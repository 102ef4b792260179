import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { failedLine, readyLine, START_FAILED_EXIT_CODE } from '../../../electron/main/launch-protocol.mjs';
import { superviseLaunch } from '../../../scripts/start-mode.mjs';

type Ending = { fallBack: string } | { exit: { code: number | null; signal: string | null } };

/**
 * A stand-in for Electron's main process: a Node child running `script`, supervised exactly as start.mjs
 * supervises Electron (stdout piped through the handshake).
 */
function supervise(script: string, o: { interrupted?: boolean } = {}): Promise<{ ending: Ending; passed: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const passed: string[] = [];
    superviseLaunch(child, {
      passLine: (line) => passed.push(line),
      interrupted: () => o.interrupted ?? false,
      fallBack: (reason) => resolve({ ending: { fallBack: reason }, passed }),
      exit: (code, signal) => resolve({ ending: { exit: { code, signal } }, passed }),
    });
  });
}
const write = (text: string) => `process.stdout.write(${JSON.stringify(text)});`;
/** Writes, then exits once it is written — as main's fail() does (process.exit may drop what a pipe has not taken). */
const writeThenExit = (text: string, code: number) => `process.stdout.write(${JSON.stringify(text)}, () => process.exit(${code}));`;

describe('superviseLaunch (npm start watching Electron)', () => {
  it('falls back with main’s reason on the dedicated exit code, passing its other output through', async () => {
    const r = await supervise(`${write('Retention Desk: SQLite binding x\n')}${writeThenExit(failedLine('the workspace is locked'), START_FAILED_EXIT_CODE)}`);
    expect(r.ending).toEqual({ fallBack: 'The desktop app could not start: the workspace is locked' });
    expect(r.passed).toEqual(['Retention Desk: SQLite binding x']);
  });

  it('still reads the reason when it comes after a flood of output right before the exit', async () => {
    const flood = `for (let i = 0; i < 20000; i++) process.stdout.write('log line ' + i + ' ' + 'x'.repeat(60) + '\\n');`;
    const r = await supervise(`${flood}${writeThenExit(failedLine('no Electron build of better-sqlite3'), START_FAILED_EXIT_CODE)}`);
    expect(r.ending).toEqual({ fallBack: 'The desktop app could not start: no Electron build of better-sqlite3' });
    expect(r.passed).toHaveLength(20000);
  });

  it('falls back when the process dies before its window is ready, however late', async () => {
    const r = await supervise(`setTimeout(() => process.exit(3), 300);`);
    expect(r.ending).toEqual({ fallBack: 'Electron stopped before its window opened (code 3)' });
  });

  it('exits like the app once its window was ready, and after Ctrl-C', async () => {
    expect((await supervise(writeThenExit(readyLine(), 1))).ending).toEqual({ exit: { code: 1, signal: null } });
    expect((await supervise(`process.exit(130);`, { interrupted: true })).ending).toEqual({ exit: { code: 130, signal: null } });
  });

  it('falls back when the binary cannot be started at all', async () => {
    const r = await new Promise<string>((resolve) => {
      const child = spawn('/nonexistent/electron', [], { stdio: ['ignore', 'pipe', 'inherit'] });
      superviseLaunch(child, { fallBack: resolve, exit: () => resolve('exit') });
    });
    expect(r).toMatch(/^Electron could not be started \(spawn \/nonexistent\/electron ENOENT\)$/);
  });
});
