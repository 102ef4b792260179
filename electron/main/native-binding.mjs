// Where better-sqlite3's Electron build lives and whether it fits the Electron that runs it. Shared by the main
// process (bundled), scripts/start.mjs and scripts/build-electron-native.mjs. Types: native-binding.d.mts.
//
// Why a second build at all (docs/desktop.md "Two native builds"): Electron 45 embeds Node 24 with
// NODE_MODULE_VERSION 150, while `npm install` builds node_modules/better-sqlite3 for the Node that ran it (115 on
// Node 20). Rebuilding node_modules in place for Electron (electron-rebuild, electron-builder's npmRebuild) breaks
// the tests, the CLI and browser mode, which run on Node. So the Electron binary is built into a folder of its own
// and handed to better-sqlite3 through its `nativeBinding` option; node_modules stays Node's.
import fs from 'node:fs';
import path from 'node:path';

export const BINDING_FILE = 'better_sqlite3.node';
export const BUILD_INFO_FILE = 'build-info.json';

/**
 * electron-builder's name for a platform, its `${os}` macro (win, mac, linux). Its `${platform}` macro is the
 * platform electron-builder runs on, not the one it packages for, so folders are named after `${os}`.
 */
export function builderOs(platform) {
  return platform === 'win32' ? 'win' : platform === 'darwin' || platform === 'mas' ? 'mac' : platform;
}

/**
 * The folder of one target's Electron build in the source tree: native/electron/<os>-<arch>/ (linux-x64, win-x64).
 * electron-builder.yml ships the same folder as resources/native (extraResources from native/electron/${os}-${arch}).
 */
export function nativeBuildDir(root, platform, arch) {
  return path.join(root, 'native', 'electron', `${builderOs(platform)}-${arch}`);
}

/**
 * The folder holding the binary the running app should load.
 *
 * @param {{ isPackaged: boolean, resourcesPath: string, appPath: string, platform: string, arch: string }} o
 *   appPath is app.getAppPath() — the project root when started from the source tree.
 */
export function bindingDir({ isPackaged, resourcesPath, appPath, platform, arch }) {
  return isPackaged ? path.join(resourcesPath, 'native') : nativeBuildDir(appPath, platform, arch);
}

/**
 * @typedef {{ electron: string, abi: string, betterSqlite3: string, platform: string, arch: string, method?: string, builtAt?: string }} BuildInfo
 */

/** The build-info.json beside a binary, or null when there is none (never built) or it is unreadable. */
export function readBuildInfo(dir) {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dir, BUILD_INFO_FILE), 'utf8'));
    return info && typeof info === 'object' ? info : null;
  } catch {
    return null;
  }
}

/**
 * Why the binary described by `info` does not fit `expected`, or null when it does. Only the fields given in
 * `expected` are compared: the main process knows its Electron version and ABI but not the package versions.
 *
 * @param {BuildInfo | null} info
 * @param {Partial<BuildInfo>} expected
 * @param {boolean} binaryExists
 * @returns {string | null}
 */
export function bindingMismatch(info, expected, binaryExists) {
  if (!info || !binaryExists) return 'the Electron build of better-sqlite3 has not been made yet';
  const labels = { electron: 'Electron', abi: 'NODE_MODULE_VERSION', betterSqlite3: 'better-sqlite3', platform: 'platform', arch: 'architecture' };
  for (const key of /** @type {(keyof typeof labels)[]} */ (Object.keys(labels))) {
    const want = expected[key];
    if (want !== undefined && String(info[key]) !== String(want)) {
      return `the Electron build of better-sqlite3 is for ${labels[key]} ${info[key]}, this one needs ${want}`;
    }
  }
  return null;
}

/** The command that (re)builds it, for messages. */
export const BUILD_COMMAND = 'npm run native:electron';
