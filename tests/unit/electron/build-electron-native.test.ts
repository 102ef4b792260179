import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEnv, buildSteps, electronNativeMismatch, expectedBuildInfo } from '../../../scripts/build-electron-native.mjs';

describe('the Electron build of better-sqlite3', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  /** A checkout with Electron 45 (ABI 150) and better-sqlite3 12.11.1 installed. */
  function checkout(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-native-'));
    dirs.push(root);
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('package.json', '{"name":"x"}');
    write('node_modules/electron/package.json', '{"name":"electron","version":"45.3.4"}');
    write('node_modules/electron/abi_version', '150');
    write('node_modules/better-sqlite3/package.json', '{"name":"better-sqlite3","version":"12.11.1","main":"lib/index.js"}');
    return root;
  }
  const put = (root: string, info: object) => {
    const dir = path.join(root, 'native', 'electron', 'linux-x64');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
    fs.writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify(info));
  };

  it('is for the installed Electron’s ABI and the installed better-sqlite3', () => {
    expect(expectedBuildInfo(checkout(), 'linux', 'x64')).toEqual({ electron: '45.3.4', abi: '150', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' });
  });

  it('is missing until built, then fits, and is stale after better-sqlite3 or Electron is upgraded', () => {
    const root = checkout();
    expect(electronNativeMismatch(root, 'linux', 'x64')).toBe('the Electron build of better-sqlite3 has not been made yet');
    put(root, expectedBuildInfo(root, 'linux', 'x64'));
    expect(electronNativeMismatch(root, 'linux', 'x64')).toBeNull();
    put(root, { ...expectedBuildInfo(root, 'linux', 'x64'), betterSqlite3: '12.10.0' });
    expect(electronNativeMismatch(root, 'linux', 'x64')).toBe('the Electron build of better-sqlite3 is for better-sqlite3 12.10.0, this one needs 12.11.1');
    put(root, { ...expectedBuildInfo(root, 'linux', 'x64'), abi: '140' });
    expect(electronNativeMismatch(root, 'linux', 'x64')).toContain('NODE_MODULE_VERSION 140, this one needs 150');
  });

  it('is fetched prebuilt first, compiled against Electron’s headers second, and compiled only for this machine', () => {
    const info = { electron: '45.3.4', abi: '150', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
    const steps = buildSteps({ info, hostPlatform: 'linux', hostArch: 'x64', prebuildInstallBin: '/p/bin.js', nodeGypBin: '/g/node-gyp.js' });
    expect(steps.map((s) => s.method)).toEqual(['prebuild-install', 'node-gyp']);
    expect(steps[0]!.args).toEqual(['/p/bin.js', '--runtime', 'electron', '--target', '45.3.4', '--platform', 'linux', '--arch', 'x64', '--verbose']);
    expect(steps[1]!.args).toEqual(expect.arrayContaining(['rebuild', '--runtime=electron', '--target=45.3.4', '--dist-url=https://electronjs.org/headers']));
    const windowsOnLinux = buildSteps({ info: { ...info, platform: 'win32' }, hostPlatform: 'linux', hostArch: 'x64', prebuildInstallBin: '/p/bin.js', nodeGypBin: '/g/node-gyp.js' });
    expect(windowsOnLinux.map((s) => s.method)).toEqual(['prebuild-install']);
  });

  it('ignores npm settings that would build for another runtime (a nodedir in ~/.npmrc, a leftover target)', () => {
    const env = buildEnv({ PATH: '/bin', npm_config_nodedir: '/usr', npm_config_runtime: 'node', npm_config_target: '20.0.0', npm_config_cache: '/c' });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });
});
