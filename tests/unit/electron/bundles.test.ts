import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// dist/node is built by the vitest global setup (tests/support/build-node.ts) with scripts/build-node.mjs.
const distNode = path.resolve(__dirname, '../../../dist/node');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Every package a bundle requires at run time: string-literal require() calls that are not relative or built-in. */
function runtimePackages(file: string): string[] {
  const code = fs.readFileSync(path.join(distNode, file), 'utf8');
  const found = new Set<string>();
  for (const m of code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)) {
    const spec = m[2]!;
    if (spec.startsWith('.') || spec.startsWith('/') || builtins.has(spec) || builtins.has(spec.split('/')[0]!)) continue;
    found.add(spec);
  }
  return [...found].sort();
}

describe('the Node-side bundles', () => {
  // A worker started from app.asar.unpacked must find everything it needs outside the archive: its own bundle
  // and the one native module, which electron-builder.yml unpacks (docs/desktop.md "Workers in a packaged app").
  it('the job worker requires nothing but better-sqlite3 (and Node built-ins)', () => {
    expect(runtimePackages('worker.cjs')).toEqual(['better-sqlite3']);
  });

  it('the reader thread of a large work list requires nothing but Node built-ins', () => {
    expect(runtimePackages('sheet-reader.cjs')).toEqual([]);
  });

  it('main and the CLI require nothing but better-sqlite3 and electron', () => {
    for (const file of ['electron-main.cjs', 'cli.cjs']) {
      expect(runtimePackages(file).filter((p) => p !== 'electron' && p !== 'better-sqlite3'), file).toEqual([]);
    }
  });

  it('the preload requires only electron', () => {
    expect(runtimePackages('preload.cjs')).toEqual(['electron']);
  });
});
