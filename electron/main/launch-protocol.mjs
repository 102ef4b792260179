// The handshake between `npm start` (scripts/start.mjs) and the Electron main process it launches, kept in one
// file that both import: the main process bundles it (esbuild), the start script imports it as plain ESM.
// Types: launch-protocol.d.mts. Why a handshake at all: docs/desktop.md "Start-up handshake".

/** Set by scripts/start.mjs in the environment of the Electron it launches: "you were started by npm start". */
export const LAUNCHER_ENV = 'RETENTION_DESK_LAUNCHER';

/**
 * The exit code of a main process that could not start (workspace unreadable, native module for the wrong ABI,
 * renderer gone before first paint…). `npm start` treats it as "fall back to browser mode" whenever it comes,
 * not only in the first seconds. 75 is EX_TEMPFAIL from sysexits.h: nothing else in Electron exits with it.
 */
export const START_FAILED_EXIT_CODE = 75;

const PREFIX = '@@retention-desk:';

/** The line main prints on stdout once the window has painted its first frame. */
export function readyLine() {
  return `${PREFIX}ready\n`;
}

/** The line main prints on stdout right before exiting with START_FAILED_EXIT_CODE: why, on one line. */
export function failedLine(reason) {
  return `${PREFIX}failed ${JSON.stringify(String(reason))}\n`;
}

/**
 * One line of the child's stdout: a handshake message, or null for an ordinary line (passed through).
 * @param {string} line without its newline
 * @returns {{ type: 'ready' } | { type: 'failed', reason: string } | null}
 */
export function parseLaunchLine(line) {
  const text = line.replace(/\r$/, '');
  if (!text.startsWith(PREFIX)) return null;
  const rest = text.slice(PREFIX.length);
  if (rest === 'ready') return { type: 'ready' };
  if (rest.startsWith('failed ')) {
    let reason = rest.slice('failed '.length);
    try {
      const parsed = JSON.parse(reason);
      if (typeof parsed === 'string') reason = parsed;
    } catch {
      // not JSON: keep the raw text, it is still the best explanation there is
    }
    return { type: 'failed', reason };
  }
  return null;
}

/**
 * What `npm start` does once Electron has exited.
 *
 * - the dedicated code: fall back, at any time, with the reason main gave;
 * - any other failure before the window was ready (a crash, the Linux sandbox's SIGTRAP, a missing library):
 *   fall back;
 * - after the window was ready, or when the user interrupted: exit the way Electron did.
 *
 * @param {{ code: number | null, signal: string | null, ready: boolean, interrupted: boolean, failedReason: string | null }} o
 * @returns {{ fallBack: string } | { exit: { code: number | null, signal: string | null } }}
 */
export function launchOutcome({ code, signal, ready, interrupted, failedReason }) {
  if (code === START_FAILED_EXIT_CODE) {
    return { fallBack: failedReason ? `The desktop app could not start: ${failedReason}` : 'The desktop app could not start' };
  }
  const failed = signal !== null || (code !== null && code !== 0);
  if (!ready && !interrupted && failed) {
    const how = signal ?? `code ${code}`;
    const hint = signal === 'SIGTRAP' ? ' — on Linux this is usually the Chromium sandbox (see docs/desktop.md "Linux sandbox")' : '';
    return { fallBack: `Electron stopped before its window opened (${how})${hint}` };
  }
  return { exit: { code, signal } };
}
