import path from 'node:path';

/**
 * The same file seen outside an asar archive: `…/app.asar/dist/node/worker.cjs` becomes
 * `…/app.asar.unpacked/dist/node/worker.cjs`; a path with no archive in it is returned as it is.
 *
 * Why: a packaged app keeps its files in resources/app.asar, and worker threads inside the archive are where
 * Electron's asar support has been fragile (electron/electron#22446, #23078; asar support in workers only from
 * #33216), above all when the worker loads a native module. electron-builder.yml unpacks the worker bundle and
 * better-sqlite3 (asarUnpack), so starting the worker from the unpacked copy makes it resolve everything from plain
 * files: its own bundle (pure-JS dependencies compiled in) and app.asar.unpacked/node_modules/better-sqlite3.
 * docs/desktop.md "Workers in a packaged app".
 */
export function asarUnpackedPath(file: string, sep: string = path.sep): string {
  const marker = `${sep}app.asar${sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return file;
  return `${file.slice(0, at)}${sep}app.asar.unpacked${sep}${file.slice(at + marker.length)}`;
}

/**
 * Where the job worker bundle is, seen from the code asking: next to the bundle when built
 * (dist/node/worker.cjs, unpacked when that is inside app.asar); from the source tree (tests), the built one.
 */
export function defaultWorkerPath(dir: string = __dirname, bundled: boolean = __filename.endsWith('.cjs')): string {
  return nodeBundlePath('worker.cjs', dir, bundled);
}

/** A Node-side bundle started as a thread (worker.cjs, sheet-reader.cjs), found as `defaultWorkerPath` finds the worker. */
export function nodeBundlePath(file: string, dir: string = __dirname, bundled: boolean = __filename.endsWith('.cjs')): string {
  if (bundled) return asarUnpackedPath(path.join(dir, file));
  return path.resolve(dir, '../../../dist/node', file);
}
