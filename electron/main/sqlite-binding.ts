import fs from 'node:fs';
import path from 'node:path';
import { BINDING_FILE, BUILD_COMMAND, bindingDir, bindingMismatch, readBuildInfo } from './native-binding.mjs';

export type SqliteBindingChoice = { ok: true; file: string; describe: string } | { ok: false; reason: string };

/**
 * Which better-sqlite3 binary this Electron loads, decided before anything opens the workspace
 * (docs/desktop.md "Two native builds"): resources/native in a packaged app, native/electron/<os>-<arch> in
 * the source tree — each with a build-info.json that must name this Electron's NODE_MODULE_VERSION, platform and
 * architecture. A path already in `envValue` (RETENTION_DESK_SQLITE_BINDING) is taken as given: whoever set it
 * chose deliberately. Returns a line saying what is loaded, or why nothing fits and how to fix it.
 */
export function chooseSqliteBinding(o: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
  platform: string;
  arch: string;
  /** process.versions.modules */
  abi: string;
  /** process.versions.electron */
  electron: string;
  envValue: string | undefined;
}): SqliteBindingChoice {
  if (o.envValue) return { ok: true, file: o.envValue, describe: `SQLite binding ${o.envValue} (set by RETENTION_DESK_SQLITE_BINDING)` };
  const dir = bindingDir(o);
  const file = path.join(dir, BINDING_FILE);
  const info = readBuildInfo(dir);
  const mismatch = bindingMismatch(info, { abi: o.abi, electron: o.electron, platform: o.platform, arch: o.arch }, fs.existsSync(file));
  if (mismatch) {
    const fix = o.isPackaged ? 'the installation is incomplete; reinstall Retention Desk' : `run \`${BUILD_COMMAND}\` (npm start does it when it can)`;
    return { ok: false, reason: `${mismatch} (${dir}): ${fix}` };
  }
  return {
    ok: true,
    file,
    describe: `SQLite binding ${file}: better-sqlite3 ${info?.betterSqlite3} for Electron ${info?.electron}, NODE_MODULE_VERSION ${info?.abi} (${info?.platform}-${info?.arch})`,
  };
}

/**
 * A load error that is an ABI mismatch gets the reason in words: better-sqlite3's own message names module
 * versions, not what to do (WiseLibs/better-sqlite3#126, #1393).
 */
export function explainLoadError(message: string, abi: string): string {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) return message;
  return `${message}\nThis Electron needs NODE_MODULE_VERSION ${abi}: the better-sqlite3 binary loaded was built for another runtime — run \`${BUILD_COMMAND}\`.`;
}
