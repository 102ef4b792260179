#!/usr/bin/env node
// `npm start`: build if needed, then open the desktop app — or, where Electron cannot run (no binary that can be
// downloaded, no display, a locked-down PC), the same app in browser mode (docs/product.md §9), saying why.
//
//   npm start [-- --no-build] [-- --browser] [-- --db PATH --port N ...]
//
// Unknown arguments go to whichever mode starts (Electron's main reads --db; `serve` reads --db/--port).
// The steps and every decision between them are in ./start-mode.mjs; docs/desktop.md "npm start" tells the story.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAUNCHER_ENV } from '../electron/main/launch-protocol.mjs';
import { buildElectronNative, electronNativeMismatch } from './build-electron-native.mjs';
import {
  BUILD_OUTPUTS,
  buildNeededReason,
  decideStartMode,
  electronBinaryPath,
  fallbackMessage,
  installerFailureReason,
  linuxSandboxFacts,
  parseStartArgs,
  sandboxReason,
  superviseLaunch,
} from './start-mode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
/**
 * How long Electron's installer may take to fetch its binary (about 100 MB). Offline it fails within seconds
 * (DNS or connection refused); this bounds the case of a network that swallows packets.
 */
const INSTALL_TIMEOUT_MS = Number(process.env.RETENTION_DESK_ELECTRON_INSTALL_TIMEOUT_S || 600) * 1000;
/** Without its window after this long, Electron is probably stuck (GPU, display): say how to get browser mode. */
const READY_HINT_MS = 60_000;

const { build, forceBrowser, passThrough } = parseStartArgs(process.argv.slice(2));

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
let interrupted = false;

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    interrupted = true;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    if (signal === 'SIGINT') {
      // Ctrl-C in a terminal already reached the child (same process group); forward only if it did not,
      // e.g. `kill -INT` aimed at this process alone — a second SIGINT could cut a graceful shutdown short.
      const pending = child;
      setTimeout(() => {
        if (pending.exitCode === null && pending.signalCode === null) pending.kill('SIGINT');
      }, 1500);
    } else {
      child.kill(signal);
    }
  });
}

function exitLike(code, signal) {
  process.exit(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 1) : 1));
}

function runBuild() {
  // Through the npm that ran us when there is one: spawning npm.cmd on Windows needs a shell otherwise.
  const npmCli = process.env.npm_execpath;
  const result =
    npmCli && /\.[cm]?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
      : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
          cwd: root,
          stdio: 'inherit',
          shell: process.platform === 'win32',
        });
  if (result.error) console.error(`Could not run the build: ${result.error.message}`);
  return result.status ?? 1;
}

function ensureBuilt() {
  if (!build) {
    const missing = BUILD_OUTPUTS.find((rel) => !fs.existsSync(path.join(root, rel)));
    if (missing) {
      console.error(`${missing} is missing — run \`npm run build\` (or start without --no-build).`);
      process.exit(1);
    }
    return;
  }
  const reason = buildNeededReason(root);
  if (!reason) return;
  console.log(`Building Retention Desk (${reason})…`);
  const status = runBuild();
  if (status !== 0) {
    console.error('The build failed — see the messages above.');
    process.exit(status);
  }
}

function startBrowserMode() {
  const cli = path.join(root, 'dist', 'node', 'cli.cjs');
  const args = [cli, 'serve', '--open', ...passThrough.filter((arg) => arg !== '--open')];
  child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  child.on('error', (error) => {
    console.error(`Could not start browser mode: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', exitLike);
}

function startElectron(binaryPath, sandbox) {
  // Inherited from a parent tool, ELECTRON_RUN_AS_NODE would make the binary behave as plain Node and ignore our
  // app. LAUNCHER_ENV tells main to report a failed start by exit code instead of a dialog nobody may click.
  const env = { ...process.env, [LAUNCHER_ENV]: '1' };
  delete env.ELECTRON_RUN_AS_NODE;
  console.log('Starting the Retention Desk desktop app (Electron)…');
  child = spawn(binaryPath, [root, ...passThrough], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env });
  superviseLaunch(child, {
    interrupted: () => interrupted,
    fallBack: (why) => {
      console.log(fallbackMessage(why));
      startBrowserMode();
    },
    exit: exitLike,
    readyHintMs: READY_HINT_MS,
    readyHint: () => console.log(`The desktop window has not opened after ${READY_HINT_MS / 1000} s; if it does not, stop with Ctrl-C and run \`npm start -- --browser\`.`),
    // A sandbox abort on a restricted Linux gets the specific remedy rather than the generic SIGTRAP hint.
    explain: (why, { signal }) => (signal === 'SIGTRAP' && sandbox?.restrictedUserns ? sandboxReason(sandbox) : why),
  });
}

/**
 * Runs node_modules/electron/install.js — Electron's own downloader, which Electron 45 no longer runs at install
 * time (electron/rfcs#22, electron/electron#49328) — with a time limit. Its output goes to the terminal; its stderr
 * is kept to say in one line why it failed.
 * @returns {Promise<import('./start-mode.mjs').StepResult>}
 */
function installElectron() {
  const version = readJson(path.join(electronDir, 'package.json'))?.version ?? '';
  console.log(
    `Electron ${version}'s binary is not downloaded yet (Electron no longer fetches it at npm install): fetching it now with its own installer ` +
      `(up to ${Math.round(INSTALL_TIMEOUT_MS / 1000)} s; Ctrl-C and \`npm start -- --browser\` to skip)…`,
  );
  return new Promise((resolve) => {
    let stderr = '';
    const installer = spawn(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, stdio: ['ignore', 'inherit', 'pipe'] });
    child = installer;
    installer.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      if (stderr.length < 64_000) stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      installer.kill();
    }, INSTALL_TIMEOUT_MS);
    installer.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    // 'close', not 'exit': by then its stderr has been read to the end, and with it the reason it failed.
    installer.on('close', (code, signal) => {
      clearTimeout(timer);
      child = null;
      if (interrupted) exitLike(code, signal);
      else if (code === 0 && !timedOut) resolve({ ok: true });
      else resolve({ ok: false, reason: installerFailureReason({ stderr, code, signal, timedOutAfterMs: timedOut ? INSTALL_TIMEOUT_MS : null }) });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** What the machine looks like now; asked again after each step, since a step changes it. */
function gatherFacts(results) {
  let pathTxt = null;
  try {
    pathTxt = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
  } catch {
    // no path.txt: the binary was never downloaded
  }
  const binaryPath = electronBinaryPath({ electronDir, pathTxt, env: process.env, platform: process.platform });
  const binaryExists = binaryPath !== null && fs.existsSync(binaryPath);
  return {
    forceBrowser,
    platform: process.platform,
    env: process.env,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    binaryPath,
    binaryExists,
    electronInstall: results.electronInstall,
    nodeVersion: process.version,
    electronNodeRange: readJson(path.join(electronDir, 'package.json'))?.engines?.node ?? null,
    sandbox: process.platform === 'linux' && binaryExists && binaryPath ? linuxSandboxFacts({ binaryPath }) : null,
    // Only worth reading once there is an Electron to load it.
    nativeMismatch: binaryExists ? electronNativeMismatch(root, process.platform, process.arch) : null,
    nativeBuild: results.nativeBuild,
  };
}

async function main() {
  ensureBuilt();
  /** @type {{ electronInstall: import('./start-mode.mjs').StepResult | null, nativeBuild: import('./start-mode.mjs').StepResult | null }} */
  const results = { electronInstall: null, nativeBuild: null };
  for (;;) {
    const facts = gatherFacts(results);
    const decision = decideStartMode(facts);
    if ('next' in decision) {
      if (decision.next === 'install-electron') {
        results.electronInstall = await installElectron();
      } else {
        console.log(`Electron is here, but ${facts.nativeMismatch}: making it now (node_modules stays as it is)…`);
        const r = buildElectronNative({ projectRoot: root });
        results.nativeBuild = r.ok ? { ok: true } : { ok: false, reason: r.reason };
        if (interrupted) process.exit(130);
      }
      continue;
    }
    if (decision.mode === 'electron') {
      startElectron(decision.binaryPath, facts.sandbox);
    } else {
      console.log(forceBrowser ? 'Starting Retention Desk in browser mode (--browser)' : fallbackMessage(decision.reason));
      startBrowserMode();
    }
    return;
  }
}

await main();
