import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  buildNeededReason,
  decideStartMode,
  electronBinaryPath,
  fallbackMessage,
  INSTALL_ELECTRON_COMMAND,
  installerFailureReason,
  linuxSandboxFacts,
  nodeBelow,
  parseStartArgs,
  sandboxBlocked,
  sandboxReason,
  type StartDecision,
} from '../../../scripts/start-mode.mjs';

const desktop = { DISPLAY: ':0' };

describe('electronBinaryPath', () => {
  const electronDir = path.join('/repo', 'node_modules', 'electron');

  it('is unknown when path.txt was never written (binary not downloaded)', () => {
    expect(electronBinaryPath({ electronDir, pathTxt: null, env: {}, platform: 'linux' })).toBeNull();
    expect(electronBinaryPath({ electronDir, pathTxt: '  ', env: {}, platform: 'linux' })).toBeNull();
  });

  it('follows path.txt into dist/', () => {
    expect(electronBinaryPath({ electronDir, pathTxt: 'electron', env: {}, platform: 'linux' })).toBe(
      path.join(electronDir, 'dist', 'electron'),
    );
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' };
    expect(electronBinaryPath({ electronDir, pathTxt: null, env, platform: 'win32' })).toBe(path.join('/opt/electron', 'electron.exe'));
    expect(electronBinaryPath({ electronDir, pathTxt: 'electron', env, platform: 'linux' })).toBe(path.join('/opt/electron', 'electron'));
  });
});

describe('parseStartArgs', () => {
  it('takes its own flags and passes the rest through in order', () => {
    expect(parseStartArgs(['--db', '/tmp/x.sqlite', '--no-build', '--port', '5173', '--browser'])).toEqual({
      build: false,
      forceBrowser: true,
      passThrough: ['--db', '/tmp/x.sqlite', '--port', '5173'],
    });
    expect(parseStartArgs([])).toEqual({ build: true, forceBrowser: false, passThrough: [] });
  });
});

describe('decideStartMode', () => {
  const ok = {
    binaryPath: '/e/dist/electron',
    binaryExists: true,
    platform: 'linux',
    env: desktop,
    uid: 1000,
    nodeVersion: 'v22.12.0',
    electronNodeRange: '>= 22.12.0',
    sandbox: { restrictedUserns: false, helperPath: '/e/dist/chrome-sandbox', helperSuid: false, profileMentionsBinary: false },
    nativeMismatch: null,
  };
  const missing = { ...ok, binaryPath: null, binaryExists: false, sandbox: null, nativeMismatch: null };
  const reason = (d: StartDecision) => (d as { reason?: string }).reason ?? '';

  it('starts Electron when the binary, a display and the Electron build of better-sqlite3 are there', () => {
    expect(decideStartMode(ok)).toEqual({ mode: 'electron', binaryPath: '/e/dist/electron' });
  });

  it('runs Electron’s installer when no binary was downloaded (Electron 45 fetches none at npm install)', () => {
    expect(decideStartMode(missing)).toEqual({ next: 'install-electron' });
    expect(decideStartMode({ ...ok, binaryExists: false })).toEqual({ next: 'install-electron' });
  });

  it('falls back with the installer’s reason and the command to retry when the download failed', () => {
    const d = decideStartMode({ ...missing, electronInstall: { ok: false, reason: 'TypeError: fetch failed' } });
    expect(d).toMatchObject({ mode: 'browser' });
    expect(reason(d)).toContain('TypeError: fetch failed');
    expect(reason(d)).toContain(INSTALL_ELECTRON_COMMAND);
    expect(reason(d)).toContain('ELECTRON_MIRROR');
    expect(reason(d)).not.toContain('declares Node');
  });

  it('adds that Electron’s installer wants a newer Node when this one is older', () => {
    const d = decideStartMode({ ...missing, nodeVersion: 'v20.20.2', electronInstall: { ok: false, reason: 'x' } });
    expect(reason(d)).toContain("Electron's installer declares Node >= 22.12.0 and this is Node v20.20.2");
  });

  it('does not download when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and says so', () => {
    const d = decideStartMode({ ...missing, env: { ...desktop, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    expect(d).toMatchObject({ mode: 'browser' });
    expect(reason(d)).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });

  it('falls back when the installer succeeded but no binary is where it says', () => {
    const d = decideStartMode({ ...ok, binaryExists: false, electronInstall: { ok: true } });
    expect(reason(d)).toContain('/e/dist/electron');
  });

  it('builds better-sqlite3 for Electron’s ABI when that build is missing or stale, then starts Electron', () => {
    const stale = { ...ok, nativeMismatch: 'the Electron build of better-sqlite3 is for NODE_MODULE_VERSION 140, this one needs 150' };
    expect(decideStartMode(stale)).toEqual({ next: 'build-native' });
    expect(decideStartMode({ ...ok, nativeBuild: { ok: true } })).toEqual({ mode: 'electron', binaryPath: '/e/dist/electron' });
    const failed = decideStartMode({ ...stale, nativeBuild: { ok: false, reason: 'prebuild-install: exit 1; node-gyp: exit 1' } });
    expect(failed).toMatchObject({ mode: 'browser' });
    expect(reason(failed)).toContain('NODE_MODULE_VERSION 140');
    expect(reason(failed)).toContain('node-gyp: exit 1');
    expect(reason(failed)).toContain('npm run native:electron');
    expect(decideStartMode({ ...stale, nativeBuild: { ok: true } })).toMatchObject({ mode: 'browser' });
  });

  it('falls back before launching on a Linux whose AppArmor blocks the sandbox, with the remedy and never --no-sandbox', () => {
    const blocked = { ...ok, sandbox: { ...ok.sandbox, restrictedUserns: true } };
    const d = decideStartMode(blocked);
    expect(d).toMatchObject({ mode: 'browser' });
    expect(reason(d)).toContain("sudo chown root:root '/e/dist/chrome-sandbox' && sudo chmod 4755 '/e/dist/chrome-sandbox'");
    expect(reason(d)).toContain('docs/desktop.md');
    expect(reason(d)).toContain('never --no-sandbox');
    // either remedy lets Electron start
    expect(decideStartMode({ ...blocked, sandbox: { ...blocked.sandbox, helperSuid: true } })).toMatchObject({ mode: 'electron' });
    expect(decideStartMode({ ...blocked, sandbox: { ...blocked.sandbox, profileMentionsBinary: true } })).toMatchObject({ mode: 'electron' });
  });

  it('checks display and user before downloading anything', () => {
    expect(decideStartMode({ ...missing, env: {} })).toMatchObject({ mode: 'browser' });
    expect(reason(decideStartMode({ ...missing, env: {} }))).toMatch(/display/i);
    expect(reason(decideStartMode({ ...missing, uid: 0 }))).toMatch(/root/);
  });

  it('falls back without a display on Linux', () => {
    const d = decideStartMode({ ...ok, env: {} });
    expect(d).toMatchObject({ mode: 'browser' });
    expect(decideStartMode({ ...ok, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toMatchObject({ mode: 'electron' });
  });

  it('needs no DISPLAY on Windows or macOS', () => {
    expect(decideStartMode({ ...ok, env: {}, platform: 'win32', uid: null, sandbox: null })).toMatchObject({ mode: 'electron' });
    expect(decideStartMode({ ...ok, env: {}, platform: 'darwin', sandbox: null })).toMatchObject({ mode: 'electron' });
  });

  it('obeys --browser even when Electron could run', () => {
    expect(decideStartMode({ ...ok, forceBrowser: true })).toEqual({ mode: 'browser', reason: 'Browser mode requested (--browser)' });
  });

  it('says it will start browser mode instead', () => {
    expect(fallbackMessage('No display found')).toBe('No display found — starting browser mode instead');
  });
});

describe('nodeBelow', () => {
  it('compares a Node version with a ">= X.Y.Z" range', () => {
    expect(nodeBelow('v20.20.2', '>= 22.12.0')).toBe(true);
    expect(nodeBelow('v22.11.9', '>= 22.12.0')).toBe(true);
    expect(nodeBelow('v22.12.0', '>= 22.12.0')).toBe(false);
    expect(nodeBelow('v24.1.0', '>=22.12.0')).toBe(false);
    expect(nodeBelow('v20.0.0', '^22')).toBe(false); // not understood: no hint rather than a wrong one
  });
});

describe('installerFailureReason', () => {
  it('takes the message line of a Node stack from the installer’s stderr', () => {
    const stderr = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (x.js:46:30)\n';
    expect(installerFailureReason({ stderr, code: 1, signal: null })).toBe('TypeError: fetch failed');
  });

  it('names a timeout, a signal or an exit code when there is no message', () => {
    expect(installerFailureReason({ stderr: 'partial', code: null, signal: 'SIGTERM', timedOutAfterMs: 600_000 })).toBe('no answer within 600 s');
    expect(installerFailureReason({ stderr: '', code: null, signal: 'SIGKILL' })).toBe('the installer stopped (SIGKILL)');
    expect(installerFailureReason({ stderr: '\n', code: 3, signal: null })).toBe('the installer exited with code 3');
  });
});

describe('linuxSandboxFacts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  function machine(o: { restrict?: string; clone?: string; profile?: (bin: string) => string }) {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-sandbox-'));
    dirs.push(base);
    const proc = path.join(base, 'proc');
    const apparmor = path.join(base, 'apparmor.d');
    const dist = path.join(base, 'electron', 'dist');
    fs.mkdirSync(proc, { recursive: true });
    fs.mkdirSync(apparmor);
    fs.mkdirSync(dist, { recursive: true });
    const binaryPath = path.join(dist, 'electron');
    fs.writeFileSync(binaryPath, '');
    fs.writeFileSync(path.join(dist, 'chrome-sandbox'), '', { mode: 0o755 });
    if (o.restrict !== undefined) fs.writeFileSync(path.join(proc, 'apparmor_restrict_unprivileged_userns'), `${o.restrict}\n`);
    if (o.clone !== undefined) fs.writeFileSync(path.join(proc, 'unprivileged_userns_clone'), `${o.clone}\n`);
    if (o.profile) fs.writeFileSync(path.join(apparmor, 'electron-dev'), o.profile(binaryPath));
    return linuxSandboxFacts({ binaryPath, procKernelDir: proc, apparmorDir: apparmor });
  }

  it('sees Ubuntu’s AppArmor restriction (and Debian’s older switch)', () => {
    expect(machine({ restrict: '1' }).restrictedUserns).toBe(true);
    expect(machine({ restrict: '0' }).restrictedUserns).toBe(false);
    expect(machine({ clone: '0' }).restrictedUserns).toBe(true);
    expect(machine({}).restrictedUserns).toBe(false);
  });

  it('knows a helper that is not root-owned SUID cannot rescue the sandbox, so the start is blocked', () => {
    const facts = machine({ restrict: '1' });
    expect(facts.helperSuid).toBe(false);
    expect(facts.helperPath.endsWith(path.join('dist', 'chrome-sandbox'))).toBe(true);
    expect(sandboxBlocked(facts)).toBe(true);
    expect(sandboxReason(facts)).toContain(facts.helperPath);
  });

  it('recognises an AppArmor profile that grants userns to this Electron', () => {
    const facts = machine({ restrict: '1', profile: (bin) => `abi <abi/4.0>,\nprofile electron-dev "${bin}" flags=(unconfined) {\n  userns,\n}\n` });
    expect(facts.profileMentionsBinary).toBe(true);
    expect(sandboxBlocked(facts)).toBe(false);
    expect(machine({ restrict: '1', profile: () => 'profile other "/opt/Other/other" flags=(unconfined) {\n  userns,\n}\n' }).profileMentionsBinary).toBe(false);
  });
});

describe('buildNeededReason', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function project(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-start-'));
    dirs.push(root);
    const write = (rel: string, mtime: number) => {
      const file = path.join(root, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
      fs.utimesSync(file, mtime, mtime);
    };
    const past = Date.now() / 1000 - 3600;
    write('package.json', past);
    write('core/api/contract.ts', past);
    write('renderer/src/main.tsx', past);
    write('renderer/node_modules/x/index.js', past + 7200); // ignored: not a source
    for (const rel of BUILD_OUTPUTS) write(rel, past + 60);
    return root;
  }

  it('is null when every output is newer than every source', () => {
    expect(buildNeededReason(project())).toBeNull();
  });

  it('names a missing output', () => {
    const root = project();
    fs.rmSync(path.join(root, 'dist', 'node', 'cli.cjs'));
    expect(buildNeededReason(root)).toBe('dist/node/cli.cjs is missing');
  });

  it('names a source edited after the build', () => {
    const root = project();
    const now = Date.now() / 1000;
    fs.utimesSync(path.join(root, 'core', 'api', 'contract.ts'), now, now);
    expect(buildNeededReason(root)).toBe('core/api/contract.ts changed since the last build');
  });

  it('notices a changed package.json', () => {
    const root = project();
    const now = Date.now() / 1000;
    fs.utimesSync(path.join(root, 'package.json'), now, now);
    expect(buildNeededReason(root)).toBe('package.json changed since the last build');
  });
});
