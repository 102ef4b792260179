// `npm test`: every check, in the order a failure is cheapest to see — types, lint, build, unit and
// integration tests (vitest), the Electron smoke test (skipped without an Electron binary), end-to-end tests
// (Playwright in Chromium against browser mode).
// Ends with one plain line "N passed, N failed" over all test cases.
import { spawnSync } from 'node:child_process';
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

step('typecheck', 'Type check', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
step('typecheck', 'Type check (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
step('lint', 'Lint', 'npx', ['eslint', '.']);
// Dead code: unused files, exports and dependencies (knip.json names the real entry points).
step('knip', 'Dead code (knip)', 'npx', ['knip', '--reporter', 'compact']);
const buildFailed = step('build', 'Build', 'npm', ['run', 'build']);

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
