// `npm run bench [-- --rows N]`: bundles tests/bench/run.ts with esbuild and runs it with Node.
// Figures are printed with a baseline measured in the same run and their ratio (never asserted in tests).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// Jobs run in the app's built worker (dist/node/worker.cjs): build the Node side first.
spawnSync(process.execPath, [path.join(root, 'scripts/build-node.mjs')], { stdio: 'inherit', cwd: root });
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rd-bench-')), 'bench.cjs');
await build({
  absWorkingDir: root,
  entryPoints: ['tests/bench/run.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['electron', 'playwright', 'playwright-core', '@playwright/test', ...Object.keys(pkg.dependencies ?? {})],
  logLevel: 'warning',
  nodePaths: [path.join(root, 'node_modules')],
});
const r = spawnSync(process.execPath, ['--expose-gc', out, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
process.exit(r.status ?? 1);
