// Bundles the Node side (Electron main, preload, CLI, worker jobs) with esbuild into dist/node/*.cjs.
// Packages listed under "dependencies" stay external (native better-sqlite3 must be loaded from node_modules);
// everything of ours, including core/, is bundled so the shipped app needs no TypeScript at run time.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const entries = {
  'electron-main': 'electron/main/index.ts',
  cli: 'electron/cli.ts',
};
const workerDir = path.join(root, 'electron/backend/jobs');
if (fs.existsSync(path.join(workerDir, 'worker.ts'))) entries.worker = 'electron/backend/jobs/worker.ts';

const started = Date.now();
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
// The sandboxed preload can require only 'electron' and a few built-ins: everything else (zod for the
// contract's names) is bundled into it.
await build({ ...common, entryPoints: { preload: 'electron/preload/index.ts' }, outdir: 'dist/node', outExtension: { '.js': '.cjs' }, external: ['electron'], minify: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, file]) => fs.existsSync(path.join(root, file)))),
  outdir: 'dist/node',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', ...Object.keys(pkg.dependencies ?? {})],
  logLevel: 'warning',
  legalComments: 'none',
});
console.log(`build:node preload, ${Object.keys(entries).join(', ')} → dist/node (${Date.now() - started} ms)`);
