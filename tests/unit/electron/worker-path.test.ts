import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asarUnpackedPath, defaultWorkerPath } from '../../../electron/backend/jobs/worker-path';

describe('asarUnpackedPath', () => {
  it('moves a file inside app.asar to app.asar.unpacked (POSIX and Windows separators)', () => {
    expect(asarUnpackedPath('/opt/Retention Desk/resources/app.asar/dist/node/worker.cjs', '/')).toBe(
      '/opt/Retention Desk/resources/app.asar.unpacked/dist/node/worker.cjs',
    );
    expect(asarUnpackedPath('C:\\Program Files\\Retention Desk\\resources\\app.asar\\dist\\node\\worker.cjs', '\\')).toBe(
      'C:\\Program Files\\Retention Desk\\resources\\app.asar.unpacked\\dist\\node\\worker.cjs',
    );
  });

  it('leaves paths outside an archive alone, including look-alikes', () => {
    expect(asarUnpackedPath('/repo/dist/node/worker.cjs', '/')).toBe('/repo/dist/node/worker.cjs');
    expect(asarUnpackedPath('/x/app.asar.unpacked/dist/node/worker.cjs', '/')).toBe('/x/app.asar.unpacked/dist/node/worker.cjs');
    expect(asarUnpackedPath('/x/my-app.asar/worker.cjs', '/')).toBe('/x/my-app.asar/worker.cjs');
  });
});

describe('defaultWorkerPath', () => {
  it('starts a packaged app’s workers from the unpacked copy beside the bundle', () => {
    const dir = path.join(path.sep, 'opt', 'rd', 'resources', 'app.asar', 'dist', 'node');
    expect(defaultWorkerPath(dir, true)).toBe(path.join(path.sep, 'opt', 'rd', 'resources', 'app.asar.unpacked', 'dist', 'node', 'worker.cjs'));
  });

  it('uses the bundle beside it in a source-tree build, and the built one from the sources', () => {
    expect(defaultWorkerPath(path.join(path.sep, 'repo', 'dist', 'node'), true)).toBe(path.join(path.sep, 'repo', 'dist', 'node', 'worker.cjs'));
    expect(defaultWorkerPath(path.join(path.sep, 'repo', 'electron', 'backend', 'jobs'), false)).toBe(path.join(path.sep, 'repo', 'dist', 'node', 'worker.cjs'));
  });
});
