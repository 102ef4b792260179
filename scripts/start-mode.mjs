// Decisions behind `npm start`, kept apart from scripts/start.mjs so they are unit-tested without spawning
// anything (tests/unit/electron/start-mode.test.ts). Types: start-mode.d.mts.
import fs from 'node:fs';
import path from 'node:path';

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

/**
 * Electron or browser mode, and why. Browser mode is not an error: it is the same app for PCs where the
 * desktop shell cannot run (PRODUCT §9), so every reason is phrased for the person at the terminal.
 *
 * @param {{
 *   forceBrowser?: boolean,
 *   binaryPath: string | null,
 *   binaryExists: boolean,
 *   platform: string,
 *   env: Record<string, string | undefined>,
 *   uid?: number | null,
 * }} o
 * @returns {{ mode: 'electron', binaryPath: string } | { mode: 'browser', reason: string }}
 */
export function decideStartMode({ forceBrowser = false, binaryPath, binaryExists, platform, env, uid = null }) {
  if (forceBrowser) return { mode: 'browser', reason: 'Browser mode requested (--browser)' };
  if (!binaryPath) return { mode: 'browser', reason: 'Electron is not available (no binary downloaded)' };
  if (!binaryExists) return { mode: 'browser', reason: `Electron is not available (binary missing at ${binaryPath})` };
  if (platform !== 'win32' && platform !== 'darwin' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { mode: 'browser', reason: 'No display found (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open' };
  }
  // Chromium refuses to run as root unless its sandbox is switched off, and we do not switch it off.
  if (platform === 'linux' && uid === 0) {
    return { mode: 'browser', reason: 'Electron will not run as root with its sandbox on' };
  }
  return { mode: 'electron', binaryPath };
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
