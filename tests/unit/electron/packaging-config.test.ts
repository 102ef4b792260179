import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBuildDir } from '../../../electron/main/native-binding.mjs';
import { DIST_TARGETS } from '../../../scripts/build-electron-native.mjs';

const root = path.resolve(__dirname, '../../..');
// Read with the YAML parser electron-builder itself uses (app-builder-lib → js-yaml).
const yaml = createRequire(createRequire(path.join(root, 'package.json')).resolve('app-builder-lib/package.json'))('js-yaml') as {
  load(text: string): unknown;
};
type FileSet = { from: string; to: string; filter?: string[] };
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  npmRebuild?: boolean;
  asarUnpack: string[];
  files: string[];
  extraResources: FileSet[];
  productName: string;
  linux: { executableName: string };
  deb: { appArmorProfile: string };
  win: { target: { target: string; arch: string[] }[] };
};
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it('never rebuilds the developer’s node_modules for Electron', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('ships each target’s Electron build of better-sqlite3 as resources/native, and not the Node one', () => {
    const native = config.extraResources.find((r) => r.to === 'native');
    expect(native?.filter).toEqual(expect.arrayContaining(['better_sqlite3.node', 'build-info.json']));
    for (const { platform, arch } of DIST_TARGETS) {
      const os = ({ win32: 'win', linux: 'linux', darwin: 'mac' } as Record<string, string>)[platform];
      const from = native!.from.replace('${os}', os!).replace('${arch}', arch);
      expect(path.join(root, from)).toBe(nativeBuildDir(root, platform, arch));
    }
    expect(config.files).toContain('!**/node_modules/better-sqlite3/build/**');
  });

  it('makes those builds before packaging', () => {
    expect(pkg.scripts.dist).toMatch(/build-electron-native\.mjs --dist && electron-builder/);
  });

  it('packages exactly the targets the native builds are made for', () => {
    const winArchs = config.win.target.flatMap((t) => t.arch);
    expect(new Set(winArchs)).toEqual(new Set(DIST_TARGETS.filter((t) => t.platform === 'win32').map((t) => t.arch)));
    expect(DIST_TARGETS.some((t) => t.platform === 'linux')).toBe(true);
  });

  it('unpacks what job workers load: their bundle and better-sqlite3', () => {
    expect(config.asarUnpack).toContain('dist/node/worker.cjs');
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('gives the deb an AppArmor profile that allows user namespaces to the installed binary, sandbox kept on', () => {
    const profile = fs.readFileSync(path.join(root, config.deb.appArmorProfile), 'utf8');
    expect(profile).toMatch(/^\s*userns,\s*$/m);
    expect(profile).toContain('flags=(unconfined)');
    // electron-builder fills these in: /opt/<productName>/<executableName>, where the deb installs the app
    expect(profile).toContain('"/opt/${sanitizedProductName}/${executable}"');
    expect(JSON.stringify(config)).not.toContain('--no-sandbox'); // e.g. linux.executableArgs
  });
});
