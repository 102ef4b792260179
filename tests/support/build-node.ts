import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Vitest global setup: long jobs run in a worker thread loaded from the bundled dist/node/worker.cjs, so
 * integration tests build the Node side first (esbuild, well under a second).
 */
export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-node.mjs')], { cwd: root, stdio: 'inherit' });
}
