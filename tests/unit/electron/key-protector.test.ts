import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../../scripts/start-mode.mjs';
import { tempDir } from '../../support/temp';

/**
 * The desktop's identity key sealed by the OS credential store (electron/main/key-protector.ts): only a real
 * Electron has `safeStorage`, so this runs where the Electron binary is downloaded and a display exists, and is
 * skipped elsewhere. The logic around it (electron/backend/identity-key.ts) is tested everywhere in
 * tests/integration/identity-numbers.test.ts.
 */
const root = path.resolve(__dirname, '../../..');
const electronDir = path.join(root, 'node_modules', 'electron');
const pathTxtFile = path.join(electronDir, 'path.txt');
const binary = electronBinaryPath({
  electronDir,
  pathTxt: fs.existsSync(pathTxtFile) ? fs.readFileSync(pathTxtFile, 'utf8') : null,
  env: process.env,
  platform: process.platform,
});
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const runnable = binary !== null && fs.existsSync(binary) && hasDisplay;

describe.skipIf(!runnable)('the identity key in the OS credential store (real Electron)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('is sealed beside the workspace, opens again to the same key, and no key file is written', async () => {
    const entry = tmp.file('probe.ts');
    fs.writeFileSync(
      entry,
      `import { app } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { osKeyProtector } from ${JSON.stringify(path.join(root, 'electron/main/key-protector'))};
import { loadIdentityKey } from ${JSON.stringify(path.join(root, 'electron/backend/identity-key'))};
const dir = process.argv[process.argv.length - 1];
void app.whenReady().then(() => {
  const protector = osKeyProtector();
  const opts = { dbPath: path.join(dir, 'ws.sqlite'), keyDir: path.join(dir, 'home'), protector };
  const a = loadIdentityKey(opts);
  const b = loadIdentityKey(opts);
  const sealed = fs.existsSync(opts.dbPath + '.idkey') ? fs.readFileSync(opts.dbPath + '.idkey') : null;
  process.stdout.write(JSON.stringify({
    protector: Boolean(protector),
    same: a.ok && b.ok && a.keyHex === b.keyHex,
    sealedHoldsKey: Boolean(a.ok && sealed && sealed.includes(a.keyHex)),
    sealed: sealed !== null,
    keyFile: fs.existsSync(path.join(opts.keyDir, 'identity.key')),
  }) + '\\n');
  app.quit();
});
`,
    );
    const out = tmp.file('probe.cjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', external: ['electron'], outfile: out, logLevel: 'error' });
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const run = spawnSync(binary!, [out, '--no-sandbox', tmp.dir], { env, encoding: 'utf8', timeout: 60_000 });
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    expect(line, run.stderr).toBeDefined();
    const r = JSON.parse(line!) as { protector: boolean; same: boolean; sealedHoldsKey: boolean; sealed: boolean; keyFile: boolean };
    expect(r.same).toBe(true);
    // With a credential store: sealed beside the workspace, never in clear; without one (a keyring-less Linux): the key file.
    expect(r).toEqual(r.protector ? { protector: true, same: true, sealedHoldsKey: false, sealed: true, keyFile: false } : { protector: false, same: true, sealedHoldsKey: false, sealed: false, keyFile: true });
  });
});
