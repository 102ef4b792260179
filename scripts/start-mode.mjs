// The decisions behind `npm start` and its watch over a launched Electron, kept apart from scripts/start.mjs so
// they are tested without Electron (tests/unit/electron/start-mode.test.ts, supervise-launch.test.ts).
// Types: start-mode.d.mts. docs/desktop.md "npm start".
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { launchOutcome, parseLaunchLine } from '../electron/main/launch-protocol.mjs';
import { BUILD_COMMAND } from '../electron/main/native-binding.mjs';

/** Files the Electron package's install.js would name in path.txt, per platform. */
const PLATFORM_BINARY = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  mas: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
};

/**
 * Where the Electron binary would be, worked out the way node_modules/electron/index.js does it but without
 * that module's side effect: requiring it starts a download when the binary is missing, which hangs or fails
 * on machines without internet. Returns null when nothing says where a binary could be.
 *
 * @param {{ electronDir: string, pathTxt: string | null, env: Record<string, string | undefined>, platform: string }} o
 * @returns {string | null}
 */
export function electronBinaryPath({ electronDir, pathTxt, env, platform }) {
  const relative = pathTxt?.trim() || null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? PLATFORM_BINARY[platform] ?? 'electron');
  }
  return relative ? path.join(electronDir, 'dist', relative) : null;
}

/**
 * @param {string[]} argv arguments after `node scripts/start.mjs`
 * @returns {{ build: boolean, forceBrowser: boolean, passThrough: string[] }}
 */
export function parseStartArgs(argv) {
  const passThrough = [];
  let build = true;
  let forceBrowser = false;
  for (const arg of argv) {
    if (arg === '--no-build') build = false;
    else if (arg === '--browser') forceBrowser = true;
    else passThrough.push(arg);
  }
  return { build, forceBrowser, passThrough };
}

/** Electron's own advice when its binary is missing (node_modules/electron/index.js): `--no` stops npx from fetching an unrelated package. */
export const INSTALL_ELECTRON_COMMAND = 'npx install-electron --no';

/**
 * The next step of `npm start`, or where it ends. scripts/start.mjs gathers the facts, asks, performs a step
 * (`install-electron`, `build-native`), records its result and asks again, so every branch is decided here and
 * unit-tested without spawning anything (tests/unit/electron/start-mode.test.ts; docs/desktop.md "npm start").
 *
 * Browser mode is not an error: it is the same app for PCs where the desktop shell cannot run (docs/product.md §9), so
 * every reason is phrased for the person at the terminal and says how to get the desktop app.
 *
 * @param {StartFacts} facts
 * @returns {StartDecision}
 *
 * @typedef {{ ok: true } | { ok: false, reason: string }} StepResult
 * @typedef {{ restrictedUserns: boolean, helperPath: string, helperSuid: boolean, profileMentionsBinary: boolean }} SandboxFacts
 * @typedef {{
 *   forceBrowser?: boolean,
 *   platform: string,
 *   env: Record<string, string | undefined>,
 *   uid?: number | null,
 *   binaryPath: string | null,
 *   binaryExists: boolean,
 *   electronInstall?: StepResult | null,
 *   nodeVersion?: string,
 *   electronNodeRange?: string | null,
 *   sandbox?: SandboxFacts | null,
 *   nativeMismatch?: string | null,
 *   nativeBuild?: StepResult | null,
 * }} StartFacts
 * @typedef {{ mode: 'electron', binaryPath: string } | { mode: 'browser', reason: string } | { next: 'install-electron' | 'build-native' }} StartDecision
 */
export function decideStartMode(facts) {
  const { forceBrowser = false, platform, env, uid = null, binaryPath, binaryExists } = facts;
  if (forceBrowser) return { mode: 'browser', reason: 'Browser mode requested (--browser)' };
  // Checked before any download: no point fetching 100 MB for a PC that cannot show a window anyway.
  if (platform !== 'win32' && platform !== 'darwin' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { mode: 'browser', reason: 'No display found (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open' };
  }
  // Chromium refuses to run as root unless its sandbox is switched off, and we never switch it off.
  if (platform === 'linux' && uid === 0) {
    return { mode: 'browser', reason: 'Electron will not run as root with its sandbox on (run npm start as a normal user)' };
  }

  if (!binaryPath || !binaryExists) {
    const install = facts.electronInstall ?? null;
    if (!install) {
      // Electron's documented switch for "never download" (electron/electron#49320): respected, not overridden.
      if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
        return { mode: 'browser', reason: `Electron's binary is not downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is set (unset it, or run \`${INSTALL_ELECTRON_COMMAND}\`)` };
      }
      return { next: 'install-electron' };
    }
    if (!install.ok) {
      const old = nodeBelow(facts.nodeVersion, facts.electronNodeRange);
      return {
        mode: 'browser',
        reason:
          `Electron's binary could not be downloaded (${install.reason}). With internet access run \`${INSTALL_ELECTRON_COMMAND}\` ` +
          '(behind a proxy set ELECTRON_GET_USE_PROXY and HTTPS_PROXY; in China set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/), then npm start again' +
          (old ? `; Electron's installer declares Node ${facts.electronNodeRange} and this is Node ${facts.nodeVersion}` : ''),
      };
    }
    return { mode: 'browser', reason: `Electron's installer finished but there is no binary at ${binaryPath ?? 'the path it names'} (delete node_modules/electron/dist and run \`${INSTALL_ELECTRON_COMMAND}\`)` };
  }

  const sandbox = facts.sandbox ?? null;
  if (platform === 'linux' && sandbox && sandboxBlocked(sandbox)) {
    return { mode: 'browser', reason: sandboxReason(sandbox) };
  }

  const mismatch = facts.nativeMismatch ?? null;
  if (mismatch) {
    const build = facts.nativeBuild ?? null;
    if (!build) return { next: 'build-native' };
    if (!build.ok) return { mode: 'browser', reason: `${capitalise(mismatch)} and building it failed (${build.reason}); run \`${BUILD_COMMAND}\` to see why` };
    return { mode: 'browser', reason: `${capitalise(mismatch)} even after building it; run \`${BUILD_COMMAND}\` to see why` };
  }
  return { mode: 'electron', binaryPath };
}

const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * True when `version` (e.g. "v20.20.2") is below the lower bound of a ">= X.Y.Z" range (Electron's package
 * declares ">= 22.12.0"). Anything unparseable counts as "not below": this only adds a hint to a message.
 */
export function nodeBelow(version, range) {
  const want = /^\s*>=\s*v?(\d+)\.(\d+)\.(\d+)\s*$/.exec(range ?? '');
  const have = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  if (!want || !have) return false;
  for (let i = 1; i <= 3; i++) {
    const a = Number(have[i]);
    const b = Number(want[i]);
    if (a !== b) return a < b;
  }
  return false;
}

/**
 * Ubuntu 23.10+ (default from 24.04) lets AppArmor deny unprivileged user namespaces, the sandbox Chromium uses
 * first; Chromium then wants the SUID helper chrome-sandbox, and aborts (SIGTRAP) when it is not root-owned with
 * mode 4755 (electron/electron#41066, #42510). An AppArmor profile granting `userns` to the binary also fixes it —
 * that is what the deb ships (electron-builder.yml). We never pass --no-sandbox. docs/desktop.md "Linux sandbox".
 */
export function sandboxBlocked(s) {
  return s.restrictedUserns && !s.helperSuid && !s.profileMentionsBinary;
}

/** What to tell the developer whose Electron the sandbox stops (before launch, or after it died with SIGTRAP). */
export function sandboxReason(s) {
  return (
    'This Linux restricts unprivileged user namespaces (AppArmor, Ubuntu 23.10+), so Electron\'s sandbox needs its ' +
    `SUID helper, and ${s.helperPath} is not root-owned with mode 4755. Fix it once with ` +
    `\`sudo chown root:root '${s.helperPath}' && sudo chmod 4755 '${s.helperPath}'\` ` +
    'or install the AppArmor profile in docs/desktop.md "Linux sandbox" (never --no-sandbox)'
  );
}

/**
 * The facts behind sandboxBlocked, read from the machine. Directories are parameters so tests can stage them.
 *
 * @param {{ binaryPath: string, procKernelDir?: string, apparmorDir?: string }} o
 * @returns {SandboxFacts}
 */
export function linuxSandboxFacts({ binaryPath, procKernelDir = '/proc/sys/kernel', apparmorDir = '/etc/apparmor.d' }) {
  const read = (file) => {
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      return null;
    }
  };
  const restrictedUserns =
    read(path.join(procKernelDir, 'apparmor_restrict_unprivileged_userns')) === '1' ||
    // Debian's older switch for the same thing
    read(path.join(procKernelDir, 'unprivileged_userns_clone')) === '0';

  const helperPath = path.join(path.dirname(binaryPath), 'chrome-sandbox');
  let helperSuid = false;
  try {
    const st = fs.statSync(helperPath);
    helperSuid = st.uid === 0 && (st.mode & 0o4000) !== 0 && (st.mode & 0o111) !== 0;
  } catch {
    // no helper: Chromium cannot fall back to it either
  }

  // A profile is recognised by naming the binary (or its folder) and granting userns; profiles written with globs
  // are not recognised, which only means Electron is tried and the SIGTRAP explained afterwards.
  let profileMentionsBinary = false;
  let real = binaryPath;
  try {
    real = fs.realpathSync(binaryPath);
  } catch {
    // keep the path as given
  }
  const names = [...new Set([binaryPath, real, path.dirname(binaryPath), path.dirname(real)])];
  try {
    for (const entry of fs.readdirSync(apparmorDir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const text = read(path.join(apparmorDir, entry.name)) ?? '';
      if (/\buserns\b/.test(text) && names.some((name) => text.includes(name))) {
        profileMentionsBinary = true;
        break;
      }
    }
  } catch {
    // no AppArmor folder: nothing restricts, or nothing we can see
  }
  return { restrictedUserns, helperPath, helperSuid, profileMentionsBinary };
}

/**
 * One line saying why Electron's installer failed, from its stderr (a Node stack: the first line that is not an
 * "at …" frame is the message), its exit code, or the timeout.
 */
export function installerFailureReason({ stderr, code, signal, timedOutAfterMs }) {
  if (timedOutAfterMs) return `no answer within ${Math.round(timedOutAfterMs / 1000)} s`;
  const message = String(stderr ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line && !/^at\s/.test(line) && !/^Downloading Electron/i.test(line));
  if (message) return message.length > 200 ? `${message.slice(0, 200)}…` : message;
  return signal ? `the installer stopped (${signal})` : `the installer exited with code ${code}`;
}

/**
 * Watches a launched Electron through the start-up handshake (electron/main/launch-protocol.mjs): its stdout lines
 * are passed on except the handshake's own, and when it is gone exactly one of `fallBack(reason)` or
 * `exit(code, signal)` is called, as launchOutcome decides. The end is taken from 'close', not 'exit': 'exit' can
 * come while the last lines — main's "failed" line among them — are still unread in the pipe.
 *
 * @param {import('node:child_process').ChildProcess} child spawned with stdout: 'pipe'
 * @param {{
 *   fallBack: (reason: string) => void,
 *   exit: (code: number | null, signal: string | null) => void,
 *   passLine?: (line: string) => void,
 *   interrupted?: () => boolean,
 *   readyHintMs?: number,
 *   readyHint?: () => void,
 *   explain?: (reason: string, how: { code: number | null, signal: string | null }) => string,
 * }} hooks
 */
export function superviseLaunch(child, hooks) {
  const { fallBack, exit, passLine = (line) => process.stdout.write(`${line}\n`), interrupted = () => false } = hooks;
  let ready = false;
  let failedReason = null;
  let settled = false;
  if (child.stdout) {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const message = parseLaunchLine(line);
      if (!message) passLine(line);
      else if (message.type === 'ready') ready = true;
      else failedReason = message.reason;
    });
  }
  const hint = setTimeout(() => {
    if (!ready && !settled) hooks.readyHint?.();
  }, hooks.readyHintMs ?? 60_000);
  hint.unref();
  child.on('error', (error) => {
    if (settled) return;
    settled = true;
    clearTimeout(hint);
    fallBack(`Electron could not be started (${error.message})`);
  });
  child.on('close', (code, signal) => {
    clearTimeout(hint);
    if (settled) return;
    settled = true;
    const outcome = launchOutcome({ code, signal, ready, interrupted: interrupted(), failedReason });
    if ('fallBack' in outcome) fallBack(hooks.explain ? hooks.explain(outcome.fallBack, { code, signal }) : outcome.fallBack);
    else exit(outcome.exit.code, outcome.exit.signal);
  });
}

/** One line for the terminal. */
export function fallbackMessage(reason) {
  return `${reason} — starting browser mode instead`;
}

/** Outputs of `npm run build` that both modes need. */
export const BUILD_OUTPUTS = [
  'dist/node/electron-main.cjs',
  'dist/node/preload.cjs',
  'dist/node/cli.cjs',
  'dist/renderer/index.html',
];

const SOURCE_DIRS = ['core', 'db', 'electron', 'renderer'];
const SOURCE_FILES = ['package.json', 'vite.config.ts', 'vite.config.mts', 'scripts/build-node.mjs'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.vite']);

/**
 * Why a build is needed, or null when dist/ is up to date. Cheap by design: stats only, and the walk stops
 * at the first source file newer than the oldest output.
 *
 * @param {string} root project root
 * @returns {string | null}
 */
export function buildNeededReason(root) {
  let oldestOutput = Infinity;
  for (const rel of BUILD_OUTPUTS) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, rel));
    } catch {
      return `${rel} is missing`;
    }
    oldestOutput = Math.min(oldestOutput, stat.mtimeMs);
  }

  const newer = (file) => {
    try {
      return fs.statSync(file).mtimeMs > oldestOutput;
    } catch {
      return false;
    }
  };
  for (const rel of SOURCE_FILES) {
    if (newer(path.join(root, rel))) return `${rel} changed since the last build`;
  }

  const stack = SOURCE_DIRS.map((dir) => path.join(root, dir));
  while (stack.length > 0) {
    const dir = /** @type {string} */ (stack.pop());
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) stack.push(full);
      } else if (entry.isFile() && newer(full)) {
        return `${path.relative(root, full).split(path.sep).join('/')} changed since the last build`;
      }
    }
  }
  return null;
}
