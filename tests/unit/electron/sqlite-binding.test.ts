import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nativeBuildDir } from '../../../electron/main/native-binding.mjs';
import { chooseSqliteBinding, explainLoadError } from '../../../electron/main/sqlite-binding';

describe('chooseSqliteBinding (the binary the Electron main process and its workers load)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-binding-'));
    dirs.push(dir);
    return dir;
  };
  const build = (dir: string, info: object | null, binary = true) => {
    fs.mkdirSync(dir, { recursive: true });
    if (binary) fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
    if (info) fs.writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify(info));
  };
  const info = { electron: '45.3.4', abi: '150', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
  const here = { platform: 'linux', arch: 'x64', abi: '150', electron: '45.3.4', envValue: undefined };

  it('takes native/electron/<os>-<arch> in the source tree and says which ABI it loads', () => {
    const appPath = tmp();
    build(path.join(appPath, 'native', 'electron', 'linux-x64'), info);
    const choice = chooseSqliteBinding({ ...here, isPackaged: false, resourcesPath: '/nowhere', appPath });
    expect(choice).toEqual({
      ok: true,
      file: path.join(appPath, 'native', 'electron', 'linux-x64', 'better_sqlite3.node'),
      describe: expect.stringContaining('NODE_MODULE_VERSION 150 (linux-x64)'),
    });
  });

  it('names folders as electron-builder’s ${os} macro does, so packaging finds each target’s build', () => {
    expect(nativeBuildDir('/r', 'win32', 'x64')).toBe(path.join('/r', 'native', 'electron', 'win-x64'));
    expect(nativeBuildDir('/r', 'linux', 'arm64')).toBe(path.join('/r', 'native', 'electron', 'linux-arm64'));
    expect(nativeBuildDir('/r', 'darwin', 'arm64')).toBe(path.join('/r', 'native', 'electron', 'mac-arm64'));
  });

  it('takes resources/native in a packaged app', () => {
    const resourcesPath = tmp();
    build(path.join(resourcesPath, 'native'), info);
    const choice = chooseSqliteBinding({ ...here, isPackaged: true, resourcesPath, appPath: path.join(resourcesPath, 'app.asar') });
    expect(choice.ok && choice.file).toBe(path.join(resourcesPath, 'native', 'better_sqlite3.node'));
  });

  it('refuses a build for another ABI, a missing build and a binary without its build-info, saying how to fix it', () => {
    const appPath = tmp();
    const dir = path.join(appPath, 'native', 'electron', 'linux-x64');
    build(dir, { ...info, abi: '140' });
    const stale = chooseSqliteBinding({ ...here, isPackaged: false, resourcesPath: '/nowhere', appPath });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.reason).toContain('NODE_MODULE_VERSION 140, this one needs 150');
    expect(!stale.ok && stale.reason).toContain('npm run native:electron');

    const none = chooseSqliteBinding({ ...here, isPackaged: true, resourcesPath: tmp(), appPath: '/x' });
    expect(!none.ok && none.reason).toMatch(/has not been made yet.*reinstall/);

    const bare = tmp();
    build(path.join(bare, 'native', 'electron', 'linux-x64'), null);
    expect(chooseSqliteBinding({ ...here, isPackaged: false, resourcesPath: '/nowhere', appPath: bare }).ok).toBe(false);
  });

  it('honours an explicit RETENTION_DESK_SQLITE_BINDING', () => {
    expect(chooseSqliteBinding({ ...here, envValue: '/opt/b.node', isPackaged: false, resourcesPath: '/r', appPath: '/a' })).toMatchObject({ ok: true, file: '/opt/b.node' });
  });
});

describe('explainLoadError', () => {
  it('turns an ABI mismatch into what to do, and leaves other errors alone', () => {
    const abi = "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150.";
    expect(explainLoadError(abi, '150')).toContain('This Electron needs NODE_MODULE_VERSION 150');
    expect(explainLoadError('SQLITE_CANTOPEN: unable to open database file', '150')).toBe('SQLITE_CANTOPEN: unable to open database file');
  });
});
