import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder for one test's workspace database; removed by the returned cleanup. */
export function tempDir(prefix = 'rd-test-'): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
