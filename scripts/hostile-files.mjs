// `node scripts/hostile-files.mjs [--root DIR] [--files DIR] [--cap-mb N] [--timeout S]`: issue 12's figures
// for hostile workbooks — each reader's peak memory (RSS) and time on each file, and the backend's longest
// wait between answers to another call while the file is read — measured in child processes that are killed
// past --cap-mb of RSS (default 3072) or --timeout seconds (default 120), so nothing runs the machine out of
// memory. --root measures another checkout of the app (e.g. the code before a fix; tests/bench/hostile.ts and
// tests/support/hostile-files.ts are copied into it); --files reuses the files of an earlier run.
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { root: { type: 'string' }, files: { type: 'string' }, 'cap-mb': { type: 'string' }, timeout: { type: 'string' } } });
const root = path.resolve(values.root ?? here);
const capKb = Number(values['cap-mb'] ?? 3072) * 1024;
const timeoutMs = Number(values.timeout ?? 120) * 1000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-hostile-'));

if (root !== here) {
  for (const f of ['tests/bench/hostile.ts', 'tests/support/hostile-files.ts']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.copyFileSync(path.join(here, f), path.join(root, f));
  }
}
spawnSync(process.execPath, [path.join(root, 'scripts/build-node.mjs')], { stdio: 'inherit', cwd: root });
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
const bundle = path.join(tmp, 'hostile.cjs');
await build({
  absWorkingDir: root,
  entryPoints: ['tests/bench/hostile.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['electron', ...Object.keys(pkg.dependencies ?? {})],
  logLevel: 'warning',
  nodePaths: [path.join(here, 'node_modules')],
});
const env = { ...process.env, NODE_PATH: path.join(here, 'node_modules') };

const filesDir = values.files ? path.resolve(values.files) : path.join(tmp, 'files');
if (!values.files) spawnSync(process.execPath, [bundle, 'make', filesDir], { stdio: 'inherit', env });

/** Runs the bundle in a child, sampling its RSS every 20 ms; kills it past the caps. */
function watched(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const t0 = performance.now();
    let peakKb = 0;
    let killed = null;
    let out = '';
    let lastTick = null;
    let longestGap = 0;
    child.stdout.on('data', (d) => {
      for (const line of d.toString().split('\n')) {
        if (line === 'tick') {
          const t = performance.now();
          if (lastTick !== null) longestGap = Math.max(longestGap, t - lastTick);
          lastTick = t;
        } else if (line.trim()) out += line;
      }
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d.toString()));
    const sample = setInterval(() => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peakKb = Math.max(peakKb, rss, hwm);
        if (rss > capKb) killed = `killed at ${Math.round(rss / 1024)} MB RSS`;
      } catch {
        /* exited */
      }
      if (!killed && performance.now() - t0 > timeoutMs) killed = `killed after ${timeoutMs / 1000} s`;
      if (killed) child.kill('SIGKILL');
    }, 20);
    child.on('exit', (code, signal) => {
      clearInterval(sample);
      const ms = performance.now() - t0;
      // A thread that never answered again until the end: the open gap counts.
      if (lastTick !== null && (killed || !out)) longestGap = Math.max(longestGap, performance.now() - lastTick);
      let result = null;
      try {
        result = JSON.parse(out);
      } catch {
        /* killed or crashed */
      }
      const crash = !result && !killed ? `exit ${code ?? signal}: ${err.trim().split('\n').slice(-1)[0] ?? ''}` : null;
      resolve({ ms: result?.ms ?? Math.round(ms), wallMs: Math.round(ms), peakMb: Math.round(peakKb / 1024), outcome: killed ?? crash ?? result.outcome, longestGapMs: lastTick === null ? null : Math.round(longestGap) });
    });
  });
}

const reads = [
  ['lying-4x0.9GB.xlsx', 'worklist'],
  ['lying-4x0.9GB.xlsx', 'outcomes'],
  ['sheets-2000x30000.xlsx', 'worklist'],
  ['sheets-2000x30000.xlsx', 'catalogue'],
  ['catalogue-bomb-9x0.9GB.xlsx', 'catalogue'],
];
const calls = [
  ['lying-4x0.9GB.xlsx', 'worklist-import-preview'],
  ['lying-4x0.9GB.xlsx', 'outcome-merge'],
  ['sheets-2000x30000.xlsx', 'catalogue-import'],
  ['catalogue-bomb-9x0.9GB.xlsx', 'catalogue-import'],
];
console.log(`root ${root}; caps ${capKb / 1024} MB RSS, ${timeoutMs / 1000} s`);
for (const [file, reader] of reads) {
  const r = await watched(['read', path.join(filesDir, file), reader]);
  console.log(`read    ${file.padEnd(28)} ${reader.padEnd(24)} ${String(r.ms).padStart(7)} ms  peak ${String(r.peakMb).padStart(6)} MB  ${r.outcome}`);
}
for (const [file, op] of calls) {
  const db = path.join(tmp, `ws-${op}-${file}.sqlite`);
  const r = await watched(['backend', path.join(filesDir, file), op, db, path.join(root, 'dist/node/worker.cjs')]);
  console.log(`backend ${file.padEnd(28)} ${op.padEnd(24)} ${String(r.ms).padStart(7)} ms  peak ${String(r.peakMb).padStart(6)} MB  longest wait for app-info ${r.longestGapMs ?? '–'} ms  ${r.outcome}`);
}
fs.rmSync(path.join(tmp, 'files'), { recursive: true, force: true });
