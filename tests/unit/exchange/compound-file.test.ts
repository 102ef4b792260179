import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { writeCompoundFile } from '../../../core/exchange/compound-file';

/** Our compound-file writer (issue 18 #9), read back by SheetJS's CFB reader and, where installed, by olefile. */
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import olefile']).status === 0);
if (!python) console.warn('compound-file: skipping the olefile check (apt-get install python3-olefile to run it)');

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) & 0xff);
type Cfb = { FullPaths: string[]; FileIndex: { name: string; type: number; content?: ArrayLike<number> }[] };
const CFB = XLSX.CFB as unknown as { read(d: Uint8Array, o: { type: 'array' }): Cfb; find(c: Cfb, p: string): { content: ArrayLike<number> } | null };

describe('compound-file writer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-cfb-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const entries = [
    { path: ['\u0006DataSpaces', 'Version'], data: bytes(76, 1) },
    { path: ['\u0006DataSpaces', 'DataSpaceInfo', 'StrongEncryptionDataSpace'], data: bytes(64, 2) },
    { path: ['\u0006DataSpaces', 'DataSpaceMap'], data: bytes(112, 3) },
    { path: ['EncryptionInfo'], data: bytes(1200, 4) },
    { path: ['EncryptedPackage'], data: bytes(9000, 5) },
    { path: ['A'], data: bytes(0, 6) },
    { path: ['Bb'], data: bytes(4096, 7) },
    { path: ['Cc'], data: bytes(4095, 8) },
  ];

  it('every stream reads back exactly, small (mini stream) and large, and nothing else is in the file', () => {
    const file = writeCompoundFile(entries);
    const cfb = CFB.read(file, { type: 'array' });
    for (const e of entries) {
      const i = cfb.FullPaths.findIndex((p) => p === `Root Entry/${e.path.join('/')}`);
      expect(i, e.path.join('/')).toBeGreaterThan(0);
      expect(Uint8Array.from(cfb.FileIndex[i]!.content ?? [])).toEqual(e.data);
    }
    const streams = cfb.FileIndex.filter((f) => f.type === 2).map((f) => f.name).sort();
    expect(streams).toEqual(['A', 'Bb', 'Cc', 'DataSpaceMap', 'EncryptedPackage', 'EncryptionInfo', 'StrongEncryptionDataSpace', 'Version']);
  });

  it('a file past 109 FAT sectors (~7 MB) gets DIFAT sectors and still reads back', () => {
    const big = bytes(9 * 1024 * 1024, 9);
    const file = writeCompoundFile([{ path: ['EncryptionInfo'], data: bytes(900, 1) }, { path: ['EncryptedPackage'], data: big }]);
    expect(new DataView(file.buffer).getUint32(72, true)).toBeGreaterThan(0); // DIFAT sectors in use
    const cfb = CFB.read(file, { type: 'array' });
    expect(Buffer.from(Uint8Array.from(CFB.find(cfb, 'EncryptedPackage')!.content)).equals(Buffer.from(big))).toBe(true);
  });

  it.skipIf(!python)('olefile (another reader) lists the same streams and contents', () => {
    const file = path.join(dir, 'c.cfb');
    fs.writeFileSync(file, writeCompoundFile(entries));
    const r = spawnSync(python!, ['-c', `
import olefile, json, sys, hashlib
o = olefile.OleFileIO(sys.argv[1])
print(json.dumps({'/'.join(p): hashlib.sha1(o.openstream(p).read()).hexdigest() for p in o.listdir()}))`, file]);
    expect(r.status, String(r.stderr)).toBe(0);
    const got = JSON.parse(String(r.stdout)) as Record<string, string>;
    const sha1 = (d: Uint8Array) => createHash('sha1').update(d).digest('hex');
    expect(got).toEqual(Object.fromEntries(entries.map((e) => [e.path.join('/'), sha1(e.data)])));
  });

  it('refuses a name twice, a name too long, and a stream used as a storage', () => {
    expect(() => writeCompoundFile([{ path: ['X'], data: bytes(1, 1) }, { path: ['x'], data: bytes(1, 1) }])).toThrow(/twice/);
    expect(() => writeCompoundFile([{ path: ['N'.repeat(32)], data: bytes(1, 1) }])).toThrow(/bad compound-file name/);
    expect(() => writeCompoundFile([{ path: ['S'], data: bytes(1, 1) }, { path: ['S', 'T'], data: bytes(1, 1) }])).toThrow(/twice or under a stream/);
  });
});
