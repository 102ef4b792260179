// `npm test`: every check, in the order a failure is cheapest to see — types, lint, build, unit and
// integration tests (vitest), the Electron smoke test (skipped without an Electron binary), end-to-end tests
// (Playwright in Chromium against browser mode).
// Ends with one plain line "N passed, N failed" over all test cases.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumMissingMessage, findChromium } from './find-chromium.mjs';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-test-'));
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs just that step
const want = (step) => only.length === 0 || only.includes(step);

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return r.status ?? 1;
}

let passed = 0;
let failed = 0;
const failures = [];

function step(name, title, cmd, args, env) {
  if (!want(name)) return;
  const code = run(title, cmd, args, env);
  if (code !== 0) failures.push(title);
  return code;
}

/**
 * Steps that read the sources and share nothing, run at once: each of them holds one core for most of its time, and
 * one after another they took ~82 s of `npm test`'s 10 minutes on the 2-core machines, at once 60 s (2026-12-07).
 * Each one's output is printed whole when all have ended, in this order, as if they had run one after another.
 */
async function stepsAtOnce(steps) {
  const chosen = steps.filter(([name]) => want(name));
  const ended = await Promise.all(
    chosen.map(
      ([, title, cmd, args]) =>
        new Promise((resolve) => {
          const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
          const out = [];
          child.stdout.on('data', (d) => out.push(d));
          child.stderr.on('data', (d) => out.push(d));
          child.on('error', (e) => resolve({ code: 1, out: [Buffer.from(String(e))] }));
          child.on('close', (code) => resolve({ code: code ?? 1, out }));
        }),
    ),
  );
  const codes = {};
  chosen.forEach(([name, title, cmd, args], i) => {
    console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
    process.stdout.write(Buffer.concat(ended[i].out));
    if (ended[i].code !== 0) failures.push(title);
    codes[name] = (codes[name] ?? 0) || ended[i].code;
  });
  return codes;
}

const checks = await stepsAtOnce([
  ['typecheck', 'Type check', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck', 'Type check (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['lint', 'Lint', 'npx', ['eslint', '.']],
  // Dead code: unused files, exports and dependencies (knip.json names the real entry points).
  ['knip', 'Dead code (knip)', 'npx', ['knip', '--reporter', 'compact']],
  ['build', 'Build', 'npm', ['run', 'build']],
]);
const buildFailed = checks.build;

if (want('unit')) {
  const out = path.join(reports, 'vitest.json');
  const code = run('Unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (code !== 0 && !r.numFailedTests ? 1 : 0);
  } else if (code !== 0) failed += 1;
  if (code !== 0) failures.push('Unit and integration tests');
}

// The desktop app itself: runs where an Electron binary and its better-sqlite3 build exist, says "skipped" elsewhere.
if (!buildFailed) step('electron', 'Electron smoke test', process.execPath, ['scripts/electron-smoke.mjs']);

if (want('e2e')) {
  const chromium = findChromium();
  if (!chromium) {
    console.error(`\n${chromiumMissingMessage}`);
    failures.push('End-to-end tests (no Chromium)');
    failed += 1;
  } else if (buildFailed) {
    failures.push('End-to-end tests (not run: the build failed)');
    failed += 1;
  } else {
    const out = path.join(reports, 'playwright.json');
    const code = run('End-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    if (fs.existsSync(out)) {
      const s = JSON.parse(fs.readFileSync(out, 'utf8')).stats ?? {};
      passed += (s.expected ?? 0) + (s.flaky ?? 0);
      failed += s.unexpected ?? 0;
    }
    if (code !== 0) {
      failures.push('End-to-end tests');
      if (!fs.existsSync(out)) failed += 1;
    }
  }
}

console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
