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
  parseStartArgs,
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
  const ok = { binaryPath: '/e/dist/electron', binaryExists: true, platform: 'linux', env: desktop, uid: 1000 };

  it('starts Electron when the binary and a display are there', () => {
    expect(decideStartMode(ok)).toEqual({ mode: 'electron', binaryPath: '/e/dist/electron' });
  });

  it('falls back when no binary was downloaded, saying so', () => {
    const d = decideStartMode({ ...ok, binaryPath: null, binaryExists: false });
    expect(d).toEqual({ mode: 'browser', reason: 'Electron is not available (no binary downloaded)' });
    expect(fallbackMessage(d.mode === 'browser' ? d.reason : '')).toBe(
      'Electron is not available (no binary downloaded) — starting browser mode instead',
    );
  });

  it('falls back when path.txt points at a missing file', () => {
    const d = decideStartMode({ ...ok, binaryExists: false });
    expect(d.mode).toBe('browser');
    expect(d.mode === 'browser' && d.reason).toContain('/e/dist/electron');
  });

  it('falls back without a display on Linux', () => {
    const d = decideStartMode({ ...ok, env: {} });
    expect(d.mode).toBe('browser');
    expect(d.mode === 'browser' && d.reason).toMatch(/display/i);
    expect(decideStartMode({ ...ok, env: { WAYLAND_DISPLAY: 'wayland-0' } }).mode).toBe('electron');
  });

  it('needs no DISPLAY on Windows or macOS', () => {
    expect(decideStartMode({ ...ok, env: {}, platform: 'win32', uid: null }).mode).toBe('electron');
    expect(decideStartMode({ ...ok, env: {}, platform: 'darwin' }).mode).toBe('electron');
  });

  it('falls back as root on Linux rather than turning the sandbox off', () => {
    const d = decideStartMode({ ...ok, uid: 0 });
    expect(d.mode).toBe('browser');
    expect(d.mode === 'browser' && d.reason).toMatch(/root/);
  });

  it('obeys --browser even when Electron could run', () => {
    expect(decideStartMode({ ...ok, forceBrowser: true })).toEqual({ mode: 'browser', reason: 'Browser mode requested (--browser)' });
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
