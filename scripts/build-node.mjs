// Bundles the Node side (Electron main, preload, CLI, worker jobs) with esbuild into dist/node/*.cjs.
// Everything is compiled in — our code including core/, and the pure-JS dependencies (zod, xlsx,
// officecrypto-tool) — except NODE_EXTERNALS: Electron (provided by the runtime) and better-sqlite3, whose native
// binary must be loaded from a file. So a job worker started from app.asar.unpacked resolves exactly one package
// and nothing from inside the archive (docs/desktop.md "Workers in a packaged app").
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The only modules the bundles require at run time besides Node's built-ins (checked by tests/unit/electron/bundles.test.ts). */
const NODE_EXTERNALS = ['electron', 'better-sqlite3'];

const entries = {
  'electron-main': 'electron/main/index.ts',
  cli: 'electron/cli.ts',
};
const workerDir = path.join(root, 'electron/backend/jobs');
if (fs.existsSync(path.join(workerDir, 'worker.ts'))) entries.worker = 'electron/backend/jobs/worker.ts';
// The thread that reads a large work list beside the job storing it (jobs/read-ahead.ts).
if (fs.existsSync(path.join(workerDir, 'sheet-reader.ts'))) entries['sheet-reader'] = 'electron/backend/jobs/sheet-reader.ts';

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
  external: NODE_EXTERNALS,
  logLevel: 'warning',
  legalComments: 'none',
});
console.log(`build:node preload, ${Object.keys(entries).join(', ')} → dist/node (${Date.now() - started} ms)`);
