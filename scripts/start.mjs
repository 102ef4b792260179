#!/usr/bin/env node
// `npm start`: build if needed, then open the desktop app — or, where Electron cannot run (no binary,
// no display, a locked-down PC), the same app in browser mode (PRODUCT §9).
//
//   npm start [-- --no-build] [-- --browser] [-- --db PATH --port N ...]
//
// Unknown arguments go to whichever mode starts (Electron's main reads --db; `serve` reads --db/--port).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUILD_OUTPUTS,
  buildNeededReason,
  decideStartMode,
  electronBinaryPath,
  fallbackMessage,
  parseStartArgs,
} from './start-mode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** An Electron that dies this soon after starting never got going (missing libraries, sandbox, GPU): fall back. */
const EARLY_EXIT_MS = 5000;

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

function startElectron(binaryPath) {
  const env = { ...process.env };
  // Inherited from a parent tool, this would make the binary behave as plain Node and ignore our app.
  delete env.ELECTRON_RUN_AS_NODE;
  const startedAt = Date.now();
  let settled = false;
  const fallBack = (why) => {
    if (settled) return;
    settled = true;
    console.log(fallbackMessage(why));
    startBrowserMode();
  };

  child = spawn(binaryPath, [root, ...passThrough], { cwd: root, stdio: 'inherit', env });
  child.on('error', (error) => fallBack(`Electron could not be started (${error.message})`));
  child.on('exit', (code, signal) => {
    if (settled) return;
    const early = Date.now() - startedAt < EARLY_EXIT_MS;
    if (early && !interrupted && (code !== 0 || signal)) {
      fallBack(`Electron exited right after starting (${signal ?? `code ${code}`})`);
      return;
    }
    settled = true;
    exitLike(code, signal);
  });
}

ensureBuilt();

const electronDir = path.join(root, 'node_modules', 'electron');
let pathTxt = null;
try {
  pathTxt = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
} catch {
  // no path.txt: the binary was never downloaded
}
const binaryPath = electronBinaryPath({ electronDir, pathTxt, env: process.env, platform: process.platform });
const decision = decideStartMode({
  forceBrowser,
  binaryPath,
  binaryExists: binaryPath !== null && fs.existsSync(binaryPath),
  platform: process.platform,
  env: process.env,
  uid: typeof process.getuid === 'function' ? process.getuid() : null,
});

if (decision.mode === 'electron') {
  startElectron(decision.binaryPath);
} else {
  console.log(forceBrowser ? 'Starting Retention Desk in browser mode (--browser)' : fallbackMessage(decision.reason));
  startBrowserMode();
}
