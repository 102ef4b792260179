#!/usr/bin/env node
// `npm run native:electron`: better-sqlite3 for Electron's ABI, in a folder of its own.
//
//   node scripts/build-electron-native.mjs [--platform P] [--arch A] [--force] [--dist]
//
// node_modules/better-sqlite3 is built by `npm install` for the Node that ran it, and must stay so: the tests, the
// CLI and browser mode load it under Node. Electron 45 needs NODE_MODULE_VERSION 150 instead. So this script copies
// the package to a temporary folder, makes the binary there for Electron — first by fetching the prebuilt one the
// better-sqlite3 project publishes for Electron (prebuild-install --runtime electron), else by compiling against
// Electron's headers (node-gyp --runtime=electron --dist-url=https://electronjs.org/headers, as Electron's "Using
// Native Node Modules" guide describes) — and keeps only the .node file, with a build-info.json naming what it is for,
// in native/electron/<os>-<arch>/. The main process loads it through better-sqlite3's `nativeBinding` option;
// electron-builder ships it as resources/native (extraResources) with npmRebuild off. docs/desktop.md "Two native builds".
//
// `npm start` runs this when an Electron binary is present and the build is missing or stale. `--dist` makes the
// builds of every target electron-builder.yml packages (a Windows binary can only be fetched, not compiled, on Linux).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BINDING_FILE, BUILD_INFO_FILE, bindingMismatch, nativeBuildDir, readBuildInfo } from '../electron/main/native-binding.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The targets `npm run dist` packages (electron-builder.yml: win nsis/portable x64, linux AppImage/deb x64). */
export const DIST_TARGETS = [
  { platform: 'win32', arch: 'x64' },
  { platform: 'linux', arch: 'x64' },
];

/** Time limits: a prebuilt download is a few MB; a compile of SQLite takes a minute or two on a slow PC. */
const PREBUILD_TIMEOUT_MS = 3 * 60_000;
const COMPILE_TIMEOUT_MS = 15 * 60_000;

/**
 * What a build for this checkout must say in its build-info.json.
 * @returns {import('../electron/main/native-binding.mjs').BuildInfo}
 */
export function expectedBuildInfo(projectRoot, platform, arch) {
  const electronDir = path.join(projectRoot, 'node_modules', 'electron');
  const electron = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  // The electron package names its ABI in abi_version (150 for Electron 45): the NODE_MODULE_VERSION to build for.
  const abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
  const betterSqlite3 = JSON.parse(fs.readFileSync(path.join(betterSqlite3Dir(projectRoot), 'package.json'), 'utf8')).version;
  return { electron, abi, betterSqlite3, platform, arch };
}

export function betterSqlite3Dir(projectRoot) {
  return path.dirname(createRequire(path.join(projectRoot, 'package.json')).resolve('better-sqlite3/package.json'));
}

/** Why the build in native/electron/<os>-<arch> does not fit this checkout, or null when it does. */
export function electronNativeMismatch(projectRoot, platform, arch) {
  const dir = nativeBuildDir(projectRoot, platform, arch);
  let expected;
  try {
    expected = expectedBuildInfo(projectRoot, platform, arch);
  } catch (error) {
    return `the Electron or better-sqlite3 package cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  return bindingMismatch(readBuildInfo(dir), expected, fs.existsSync(path.join(dir, BINDING_FILE)));
}

/**
 * The environment for the build tools: npm passes its configuration down as npm_config_* variables, and some of it
 * would silently build for the wrong runtime (a `nodedir` in ~/.npmrc points node-gyp at Node's headers; a
 * `runtime`/`target` left from another project…). Those are dropped; the command line says what to build for.
 */
export function buildEnv(env) {
  const drop = /^npm_config_(nodedir|runtime|target|target_arch|arch|platform|disturl|dist_url|build_from_source|tarball)$/i;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !drop.test(key)));
}

/**
 * The two ways to make the binary, in the order they are tried, for the copy in `cwd`.
 * @returns {{ method: string, command: string, args: string[], timeoutMs: number }[]}
 */
export function buildSteps({ info, hostPlatform, hostArch, prebuildInstallBin, nodeGypBin }) {
  const steps = [];
  if (prebuildInstallBin) {
    steps.push({
      method: 'prebuild-install',
      command: process.execPath,
      args: [prebuildInstallBin, '--runtime', 'electron', '--target', info.electron, '--platform', info.platform, '--arch', info.arch, '--verbose'],
      timeoutMs: PREBUILD_TIMEOUT_MS,
    });
  }
  // node-gyp compiles for the machine it runs on only.
  if (nodeGypBin && info.platform === hostPlatform && info.arch === hostArch) {
    steps.push({
      method: 'node-gyp',
      command: process.execPath,
      args: [nodeGypBin, 'rebuild', '--release', '--runtime=electron', `--target=${info.electron}`, `--arch=${info.arch}`, '--dist-url=https://electronjs.org/headers'],
      timeoutMs: COMPILE_TIMEOUT_MS,
    });
  }
  return steps;
}

function resolveTools(sourceDir) {
  const fromPackage = createRequire(path.join(sourceDir, 'package.json'));
  const tryResolve = (fn) => {
    try {
      return fn();
    } catch {
      return null;
    }
  };
  // prebuild-install is better-sqlite3's own dependency (its install script is `prebuild-install || node-gyp rebuild`).
  const prebuildInstallBin = tryResolve(() => fromPackage.resolve('prebuild-install/bin.js'));
  // node-gyp: the one npm runs scripts with (npm_config_node_gyp), else one installed in the project.
  const nodeGypBin =
    (process.env.npm_config_node_gyp && fs.existsSync(process.env.npm_config_node_gyp) ? process.env.npm_config_node_gyp : null) ??
    tryResolve(() => createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  return { prebuildInstallBin, nodeGypBin };
}

/**
 * Makes one target's binary. Returns what happened; never touches node_modules.
 * @returns {{ ok: true, dir: string, method: string } | { ok: true, dir: string, upToDate: true } | { ok: false, reason: string }}
 */
export function buildElectronNative({ projectRoot = root, platform = process.platform, arch = process.arch, force = false, log = console.log } = {}) {
  const dir = nativeBuildDir(projectRoot, platform, arch);
  if (!force && electronNativeMismatch(projectRoot, platform, arch) === null) return { ok: true, dir, upToDate: true };

  const info = expectedBuildInfo(projectRoot, platform, arch);
  const sourceDir = betterSqlite3Dir(projectRoot);
  const { prebuildInstallBin, nodeGypBin } = resolveTools(sourceDir);
  const steps = buildSteps({ info, hostPlatform: process.platform, hostArch: process.arch, prebuildInstallBin, nodeGypBin });
  if (steps.length === 0) return { ok: false, reason: `neither prebuild-install nor node-gyp can build for ${platform}-${arch} here` };

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-electron-native-'));
  const copy = path.join(staging, 'better-sqlite3');
  const failures = [];
  try {
    // The package without its Node build: sources, binding.gyp and lib are all either tool needs.
    fs.cpSync(sourceDir, copy, { recursive: true, filter: (src) => path.relative(sourceDir, src).split(path.sep)[0] !== 'build' });
    for (const step of steps) {
      log(`native:electron: better-sqlite3 ${info.betterSqlite3} for Electron ${info.electron} (NODE_MODULE_VERSION ${info.abi}, ${platform}-${arch}) with ${step.method}…`);
      const r = spawnSync(step.command, step.args, { cwd: copy, stdio: 'inherit', env: buildEnv(process.env), timeout: step.timeoutMs });
      const built = path.join(copy, 'build', 'Release', BINDING_FILE);
      if (r.status === 0 && fs.existsSync(built)) {
        fs.mkdirSync(dir, { recursive: true });
        // Written beside, then renamed: an interrupted build never leaves a half file that looks whole.
        fs.copyFileSync(built, path.join(dir, `${BINDING_FILE}.partial`));
        fs.renameSync(path.join(dir, `${BINDING_FILE}.partial`), path.join(dir, BINDING_FILE));
        const buildInfo = { ...info, method: step.method, builtAt: new Date().toISOString() };
        fs.writeFileSync(path.join(dir, BUILD_INFO_FILE), `${JSON.stringify(buildInfo, null, 2)}\n`);
        return { ok: true, dir, method: step.method };
      }
      const why = r.error?.code === 'ETIMEDOUT' ? `timed out after ${Math.round(step.timeoutMs / 1000)} s` : r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
      failures.push(`${step.method}: ${why}`);
      fs.rmSync(path.join(copy, 'build'), { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { ok: false, reason: failures.join('; ') };
}

function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const force = argv.includes('--force');
  const targets = argv.includes('--dist') ? DIST_TARGETS : [{ platform: arg('--platform') ?? process.platform, arch: arg('--arch') ?? process.arch }];
  let failed = false;
  for (const { platform, arch } of targets) {
    const r = buildElectronNative({ platform, arch, force });
    if (!r.ok) {
      failed = true;
      console.error(`native:electron: no Electron build of better-sqlite3 for ${platform}-${arch}: ${r.reason}`);
    } else if ('upToDate' in r) {
      console.log(`native:electron: ${path.relative(root, r.dir)} is up to date`);
    } else {
      console.log(`native:electron: ${path.relative(root, r.dir)} made with ${r.method}; node_modules/better-sqlite3 untouched`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
