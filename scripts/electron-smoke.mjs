#!/usr/bin/env node
// `npm run smoke:electron` (also a step of `npm test`): the desktop app for real — Electron opens the window, the
// sign-in screen shows, a supervisor signs in over IPC, a hall look-up and a queue look-up go through the IPC
// transport, a job runs in a worker thread on the Electron-ABI better-sqlite3, and a computation in a process of its own. Where no Electron binary can
// exist (these offline build machines) it prints "skipped: no Electron binary" and succeeds; on the packaging PC it
// is part of the checklist (docs/desktop.md "Packaging checklist"). Under Linux without a display it re-runs itself
// inside xvfb-run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeMismatch } from './build-electron-native.mjs';
import { BUILD_OUTPUTS, electronBinaryPath } from './start-mode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

function skip(why) {
  console.log(`Electron smoke test skipped: ${why}`);
  process.exit(0);
}
function fail(why) {
  console.error(`Electron smoke test FAILED: ${why}`);
  process.exit(1);
}

let pathTxt = null;
try {
  pathTxt = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
} catch {
  // never downloaded
}
const binaryPath = electronBinaryPath({ electronDir, pathTxt, env: process.env, platform: process.platform });
if (!binaryPath || !fs.existsSync(binaryPath)) skip('no Electron binary (npm start or `npx install-electron --no` downloads it)');
const mismatch = electronNativeMismatch(root, process.platform, process.arch);
if (mismatch) skip(`${mismatch} (npm run native:electron)`);
const unbuilt = BUILD_OUTPUTS.find((rel) => !fs.existsSync(path.join(root, rel)));
if (unbuilt) fail(`${unbuilt} is missing — run npm run build first`);
if (process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0) {
  fail('Chromium will not run as root with its sandbox on; run the smoke test as a normal user');
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  if (process.env.RETENTION_DESK_SMOKE_XVFB) fail('xvfb-run started, but there is still no DISPLAY');
  const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, RETENTION_DESK_SMOKE_XVFB: '1' } });
  if (r.error) fail(`no display and no xvfb-run (${r.error.message}); install xvfb or run it in a desktop session`);
  process.exit(r.status ?? 1);
}

const { _electron } = await import('@playwright/test');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-electron-smoke-'));
const started = Date.now();
const step = (what) => console.log(`  ✓ ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
let app = null;
let failure = null;
/** Inside the run a failed check throws, so the window is closed and the temporary workspace removed. */
const check = (ok, message) => {
  if (!ok) throw new Error(message());
};
// As in start.mjs: inherited from a parent tool, this would make the binary plain Node.
const env = { ...process.env, RETENTION_DESK_HOME: home };
delete env.ELECTRON_RUN_AS_NODE;
try {
  app = await _electron.launch({
    executablePath: binaryPath,
    args: [root, '--db', path.join(home, 'workspace.sqlite')],
    env,
    timeout: 60_000,
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  // The demo workspace's sign-in screen lists its accounts.
  await window.getByText('S001').first().waitFor({ timeout: 60_000 });
  step('window opened on the sign-in screen');

  const abi = await app.evaluate(() => process.versions.modules);
  const binding = await app.evaluate(() => process.env.RETENTION_DESK_SQLITE_BINDING ?? '');
  check(binding.startsWith(path.join(root, 'native')), () => `main did not choose the Electron build of better-sqlite3 (${binding || 'none'})`);
  step(`main loads ${path.relative(root, binding)} (NODE_MODULE_VERSION ${abi})`);

  const invoke = (name, input, session = null) =>
    window.evaluate(([n, i, s]) => window.retentionDesk.invoke(n, i, s), [name, input, session]);
  const must = async (name, input, session) => {
    const r = await invoke(name, input, session);
    check(r.ok, () => `${name}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };

  const { token } = await must('session-sign-in', { agentId: 'S001', pin: '123456' });
  step('signed in over IPC');
  const hall = await must('customer-lookup', { msisdn: '13800138000', channel: 'hall' }, token);
  const queue = await must('queue-list', { limit: 1 }, token);
  check(queue.items.length > 0, () => 'the demo queue is empty');
  const card = await must('customer-lookup', { taskId: queue.items[0].taskId, channel: 'phone' }, token);
  check(card.found, () => 'a queue task’s customer was not found');
  step(`hall look-up (found: ${hall.found}) and a queue customer's card over IPC`);

  let job = await must('risk-recompute', {}, token);
  while (job.state === 'running') {
    check(Date.now() - started < 180_000, () => 'the recompute job did not finish within 3 minutes');
    await new Promise((r) => setTimeout(r, 200));
    job = await must('job-get', { jobId: job.id }, token);
  }
  check(job.state === 'done', () => `the recompute job ended ${job.state}: ${job.error?.message ?? ''}`);
  step('a recompute job ran in a worker thread');

  // A computation's own process (jobs/compute-process.ts), as main starts it for a big workspace's dashboard: Node's
  // fork from main — this executable run as Node, with the V8 flag — on the job bundle and the Electron build of
  // better-sqlite3. The demo workspace is computed inline by the app, so the process is started here the same way.
  const workerFile = path.join(root, 'dist', 'node', 'worker.cjs');
  const dbFile = path.join(home, 'workspace.sqlite');
  const computed = await app.evaluate(
    (_electron, [file, db]) =>
      new Promise((resolve) => {
        const { fork } = process.mainModule.require('node:child_process');
        const child = fork(file, [], { execArgv: ['--single-threaded-gc'], serialization: 'advanced' });
        const timer = setTimeout(() => {
          child.kill();
          resolve({ type: 'timeout' });
        }, 60_000);
        child.on('message', (m) => {
          clearTimeout(timer);
          child.kill();
          resolve({ type: m.type, keys: m.type === 'done' ? Object.keys(m.result ?? {}) : [], error: m.error?.message ?? null });
        });
        child.on('exit', (code) => resolve({ type: 'exit', code }));
        child.send({ kind: 'analysis', dbPath: db, payload: { period: null }, startedAt: new Date().toISOString() });
      }),
    [workerFile, dbFile],
  );
  check(computed.type === 'done' && computed.keys.length > 0, () => `a computation's process from main did not answer: ${JSON.stringify(computed)}`);
  step('a computation ran in a process of its own (Node mode, --single-threaded-gc)');

  await app.close();
  app = null;
  step('quit cleanly');
  console.log('Electron smoke test passed.');
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
} finally {
  if (app) await app.close().catch(() => {});
  fs.rmSync(home, { recursive: true, force: true });
}
if (failure) fail(failure);
