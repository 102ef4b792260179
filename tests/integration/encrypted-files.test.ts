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
 * the \u0006DataSpaces storage, nothing else — and two independent implementations open it with a Chinese password:
 * Debian's msoffcrypto-tool, and LibreOffice through its API.
 */
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import msoffcrypto, olefile']).status === 0);
if (!python) console.warn('encrypted-files: skipping the msoffcrypto-tool checks (apt-get install python3-msoffcrypto-tool to run them)');
/** LibreOffice through its API (UNO, from Debian's python3-uno), which is how a headless soffice takes a password. */
const unoPython = spawnSync('/usr/bin/python3', ['-c', 'import uno'], { timeout: 60_000 }).status === 0 && ['soffice', 'libreoffice'].some((p) => spawnSync(p, ['--version'], { timeout: 60_000 }).status === 0) ? '/usr/bin/python3' : undefined;
if (!unoPython) console.warn('encrypted-files: skipping the LibreOffice check (apt-get install libreoffice-calc-nogui python3-uno to run it)');

/**
 * Opens a file in a headless LibreOffice of its own (private profile, a pipe of its own) with a password given in the
 * load properties — soffice's --convert-to has no way to take one — and prints the first sheet's top-left cells, or
 * null when it would not open; once with the right password and once with a wrong one.
 */
const LIBREOFFICE_OPEN = `
import json, os, subprocess, sys, time, uuid
import uno
from com.sun.star.beans import PropertyValue
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
file, password, profile = sys.argv[1], sys.argv[2], sys.argv[3]
pipe = 'rd' + uuid.uuid4().hex
office = subprocess.Popen(['soffice', '-env:UserInstallation=' + uno.systemPathToFileUrl(profile), '--headless', '--invisible', '--norestore', '--nologo',
    '--accept=pipe,name=%s;urp;StarOffice.ComponentContext' % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    ctx = None
    for _ in range(900):
        try:
            ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe); break
        except Exception:
            if office.poll() is not None: raise
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    url = uno.systemPathToFileUrl(os.path.abspath(file))
    out = {}
    for label, pw in (('right', password), ('wrong', 'wrong')):
        try:
            doc = desktop.loadComponentFromURL(url, '_blank', 0, (prop('Hidden', True), prop('Password', pw)))
        except Exception:
            doc = None
        if doc is None:
            out[label] = None; continue
        sheet = doc.Sheets.getByIndex(0)
        out[label] = {'sheet': sheet.Name, 'cells': [[sheet.getCellByPosition(c, r).String for c in range(2)] for r in range(2)]}
        doc.close(True)
    print(json.dumps(out, ensure_ascii=False))
    try: desktop.terminate()
    except Exception: pass
finally:
    try: office.wait(timeout=30)
    except Exception: office.kill()
`;

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

  it.skipIf(!unoPython)('LibreOffice opens it with the Chinese password, and not with a wrong one', async () => {
    const file = path.join(dir, 'for-libreoffice.xlsx');
    fs.writeFileSync(file, await protectWorkbook(plain, password));
    const r = spawnSync(unoPython!, ['-c', LIBREOFFICE_OPEN, file, password, path.join(dir, 'lo-profile')], { encoding: 'utf8', timeout: 180_000 });
    expect(r.status, `${r.stderr} ${r.error?.message ?? ''}`).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ right: { sheet: '清单', cells: [['手机号码', '客户姓名'], ['13812346886', '𠮷野家']] }, wrong: null });
  }, 200_000);
});
