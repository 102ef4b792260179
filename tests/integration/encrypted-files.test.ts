import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../core/exchange/write';
import { readWorkbook } from '../../core/exchange/read';
import { isProtectedWorkbook, openProtectedWorkbook, protectWorkbook } from '../../electron/backend/protected-files';

/**
 * Issue 18 #9: a password-protected workbook follows [MS-OFFCRYPTO] §2.3.4.1 — EncryptionInfo, EncryptedPackage and
 * the \u0006DataSpaces storage, nothing else — and an independent implementation (Debian's msoffcrypto-tool) opens
 * it with a Chinese password.
 */
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import msoffcrypto, olefile']).status === 0);
if (!python) console.warn('encrypted-files: skipping the msoffcrypto-tool checks (apt-get install python3-msoffcrypto-tool to run them)');

describe('password-protected workbooks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-enc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const password = '维系2026密码';
  const plain = writeWorkbook([{ name: '清单', header: ['手机号码', '客户姓名'], rows: [['13812346886', '𠮷野家']] }], 'xlsx');

  it('we open what we wrote, and only with the password', async () => {
    const locked = await protectWorkbook(plain, password);
    expect(isProtectedWorkbook(locked)).toBe(true);
    const opened = await openProtectedWorkbook(locked, password);
    expect(readWorkbook(opened, { maxBytes: 1e7, maxRows: 10, maxColumns: 10 }).rows('清单')[1]).toEqual(['13812346886', '𠮷野家']);
    await expect(openProtectedWorkbook(locked, 'wrong')).rejects.toMatchObject({ code: 'wrong-password' });
  });

  it.skipIf(!python)('holds exactly the streams the spec names, and msoffcrypto-tool decrypts it with the Chinese password', async () => {
    const file = path.join(dir, 'locked.xlsx');
    fs.writeFileSync(file, await protectWorkbook(plain, password));
    const r = spawnSync(python!, ['-c', `
import olefile, msoffcrypto, io, json, sys
ole = olefile.OleFileIO(sys.argv[1])
streams = sorted('/'.join(p) for p in ole.listdir())
f = open(sys.argv[1], 'rb')
office = msoffcrypto.OfficeFile(f)
office.load_key(password=sys.argv[2])
out = io.BytesIO()
office.decrypt(out)
open(sys.argv[3], 'wb').write(out.getvalue())
print(json.dumps(streams))`, file, password, path.join(dir, 'opened.xlsx')]);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(JSON.parse(String(r.stdout))).toEqual([
      '\u0006DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace',
      '\u0006DataSpaces/DataSpaceMap',
      '\u0006DataSpaces/TransformInfo/StrongEncryptionTransform/\u0006Primary',
      '\u0006DataSpaces/Version',
      'EncryptedPackage',
      'EncryptionInfo',
    ]);
    const opened = new Uint8Array(fs.readFileSync(path.join(dir, 'opened.xlsx')));
    expect(readWorkbook(opened, { maxBytes: 1e7, maxRows: 10, maxColumns: 10 }).rows('清单')[1]).toEqual(['13812346886', '𠮷野家']);
  });
});
