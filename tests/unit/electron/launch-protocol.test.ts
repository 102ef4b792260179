import { describe, expect, it } from 'vitest';
import { failedLine, launchOutcome, parseLaunchLine, readyLine, START_FAILED_EXIT_CODE } from '../../../electron/main/launch-protocol.mjs';

describe('the npm start ↔ main handshake', () => {
  it('reads back what main writes, and passes every other line through', () => {
    expect(parseLaunchLine(readyLine().trimEnd())).toEqual({ type: 'ready' });
    const reason = 'Cannot open the workspace: "SQLITE_CANTOPEN"\nsecond line';
    expect(parseLaunchLine(failedLine(reason).trimEnd())).toEqual({ type: 'failed', reason });
    expect(parseLaunchLine(`${readyLine().trimEnd()}\r`)).toEqual({ type: 'ready' }); // Windows pipes
    expect(failedLine(reason).split('\n').filter(Boolean)).toHaveLength(1);
    expect(parseLaunchLine('Retention Desk: SQLite binding …')).toBeNull();
    expect(parseLaunchLine('@@retention-desk:something-else')).toBeNull();
  });

  it('falls back on the dedicated exit code at any time, even after the window was ready', () => {
    expect(launchOutcome({ code: START_FAILED_EXIT_CODE, signal: null, ready: false, interrupted: false, failedReason: 'the workspace is locked' })).toEqual({
      fallBack: 'The desktop app could not start: the workspace is locked',
    });
    expect(launchOutcome({ code: START_FAILED_EXIT_CODE, signal: null, ready: true, interrupted: false, failedReason: null })).toHaveProperty('fallBack');
  });

  it('falls back when Electron dies before its window is ready, however long that took', () => {
    const sigtrap = launchOutcome({ code: null, signal: 'SIGTRAP', ready: false, interrupted: false, failedReason: null });
    expect(sigtrap).toHaveProperty('fallBack');
    expect((sigtrap as { fallBack: string }).fallBack).toMatch(/SIGTRAP.*sandbox/);
    expect(launchOutcome({ code: 1, signal: null, ready: false, interrupted: false, failedReason: null })).toEqual({
      fallBack: 'Electron stopped before its window opened (code 1)',
    });
  });

  it('exits like Electron once the window was ready, after Ctrl-C, or on a clean exit', () => {
    expect(launchOutcome({ code: 1, signal: null, ready: true, interrupted: false, failedReason: null })).toEqual({ exit: { code: 1, signal: null } });
    expect(launchOutcome({ code: null, signal: 'SIGINT', ready: false, interrupted: true, failedReason: null })).toEqual({ exit: { code: null, signal: 'SIGINT' } });
    expect(launchOutcome({ code: 0, signal: null, ready: false, interrupted: false, failedReason: null })).toEqual({ exit: { code: 0, signal: null } });
  });
});
