import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: long jobs run in a worker thread loaded from the bundled dist/node/worker.cjs, so
 * integration tests build the Node side first (esbuild, well under a second).
 * It also gives the run its own app home folder (RETENTION_DESK_HOME, inherited by the test processes): the
 * CLI's identity key file (electron/backend/identity-key.ts) goes there, never into the real one.
 */
export default function setup(): () => void {
  // Each vitest project (vitest.config.ts: shared, isolated) runs the global setup, in the one main process: the first
  // builds and makes the home folder, the others find it made.
  if (process.env.RETENTION_DESK_HOME?.includes('rd-test-home-')) return () => undefined;
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-node.mjs')], { cwd: root, stdio: 'inherit' });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-test-home-'));
  process.env.RETENTION_DESK_HOME = home;
  return () => fs.rmSync(home, { recursive: true, force: true });
}
