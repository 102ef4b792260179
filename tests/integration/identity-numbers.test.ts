import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorText, type WorklistImportResult, type WorklistPreview } from '../../core/api';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { readWorkbook } from '../../core/exchange/read';
import { writeWorkbook } from '../../core/exchange/write';
import { migrate } from '../../db/migrate';
import { runCli } from '../../electron/cli';
import { READ_AHEAD_MIN_BYTES } from '../../electron/backend/jobs/read-ahead';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * Issue 12 items 3 and 7: identity numbers are never kept in clear, whatever the column is called, and their
 * hash is keyed with a secret that is not in the workspace file.
 */
const quiet = { out: () => undefined, err: () => undefined };
const TODAY = '2026-11-23';
const now = () => new Date('2026-11-23T02:00:00Z');

type Cell = string | number | null;
interface Sheet {
  header: string[];
  rows: Cell[][];
  ids: string[]; // the identity number of each row as the file gives it (text), 18 or 15 characters
  msisdns: string[];
}

/** 150 demo rows whose identity column is called `idHeader`; the first `oldNumeric` rows carry the old 15-digit form as a number cell. */
function sheetWith(idHeader: string, opts: { count?: number; oldNumeric?: number; remarks?: number; seed?: number } = {}): Sheet {
  const demo = demoWorkListSheet({ seed: opts.seed ?? 31, count: opts.count ?? 150, today: TODAY });
  const header = [...demo.header];
  const idCol = header.indexOf('身份证号');
  header[idCol] = idHeader;
  header.push('备注');
  const rows: Cell[][] = [];
  const ids: string[] = [];
  const msisdns: string[] = [];
  let i = 0;
  for (const r of demo.rows) {
    const row = [...r] as Cell[];
    let id = String(row[idCol]);
    if (i < (opts.oldNumeric ?? 0) && id.slice(6, 8) === '19') {
      id = id.slice(0, 6) + id.slice(8, 17);
      row[idCol] = Number(id);
    }
    // A few free-text remarks with a number inside: too few for the column to be an identity column, still masked.
    row.push(i < (opts.remarks ?? 0) ? `客户证件 ${String(r[idCol])} 已核实` : null);
    ids.push(id);
    msisdns.push(String(row[0]));
    rows.push(row);
    i++;
  }
  return { header, rows, ids, msisdns };
}

const xlsxOf = (s: Sheet) => writeWorkbook([{ name: '清单', header: s.header, rows: s.rows }], 'xlsx');

/**
 * Every way a raw number could sit in a file or an answer: its text, the 18-character form of an old one, and
 * the first 15 digits an 18-digit number keeps when it becomes a floating-point number (110105199001011234 is
 * written back as 110105199001011230).
 */
function textNeedles(id: string): string[] {
  return id.length === 15 ? [id, `${id.slice(0, 6)}19${id.slice(6)}`.slice(0, 17)] : [id, id.slice(0, 15)];
}
const leaked = (text: string, ids: readonly string[]) => ids.filter((id) => textNeedles(id).some((n) => text.includes(n)));

/** …and, for the file, as SQLite stores numbers: a 64-bit integer and an 8-byte float, both big-endian. */
function needles(id: string): Buffer[] {
  const out = textNeedles(id).map((t) => Buffer.from(t, 'utf8'));
  if (/^\d+$/.test(id)) {
    const int = Buffer.alloc(8);
    int.writeBigInt64BE(BigInt(id));
    const real = Buffer.alloc(8);
    real.writeDoubleBE(Number(id));
    out.push(int, real);
  }
  return out;
}

function rawNumbersIn(file: string, ids: readonly string[]): string[] {
  if (!fs.existsSync(file)) return [];
  const bytes = fs.readFileSync(file);
  return ids.filter((id) => needles(id).some((n) => bytes.includes(n)));
}

const hmac = (key: Buffer, id: string) => crypto.createHmac('sha256', key).update(id).digest('hex').slice(0, 32);
const to18 = (id: string): string => {
  if (id.length === 18) return id;
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  return first17 + '10X98765432'[sum % 11];
};

async function workspace(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'ws.sqlite');
  const keyDir = path.join(dir, 'home');
  const t = testBackend({ dbPath, now, identityKeyDir: keyDir });
  const preview = async (bytes: Uint8Array, name: string) => {
    const job = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(bytes, name) }));
    expect(job.error).toBeUndefined();
    return job.result as WorklistPreview;
  };
  const importFile = async (bytes: Uint8Array, name: string, p: WorklistPreview, listName = name) => {
    const job = await t.waitJob(
      await t.call('worklist-import', {
        file: t.upload(bytes, name),
        sheet: p.sheet,
        headerRow: p.headerRow,
        mapping: p.columns.map((c) => c.target),
        list: { ...p.list, name: listName },
        onRejected: 'import-valid',
      }),
    );
    expect(job.error).toBeUndefined();
    return job.result as WorklistImportResult;
  };
  const read = () => new Database(dbPath, { readonly: true });
  const key = () => Buffer.from(fs.readFileSync(path.join(keyDir, 'identity.key'), 'utf8').trim(), 'hex');
  return { t, dbPath, keyDir, preview, importFile, read, key };
}

describe('identity numbers under any header are hashed, never kept in clear', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  const headers = ['身份证', '客户身份证号', '证件号码(身份证)', '身份证号(18位)', 'ID card', '证件号码', '身份证件号', 'ID No.', 'identity card no', '备注2'];
  it.each(headers)('the column "%s" is the identity column: hashed, not an extra attribute', async (header) => {
    const w = await workspace(path.join(tmp.dir, `h-${headers.indexOf(header)}`));
    try {
      const s = sheetWith(header, { count: 12 });
      const p = await w.preview(xlsxOf(s), 'h.xlsx');
      expect(p.columns.find((c) => c.header === header)!.target).toEqual({ kind: 'field', field: 'id_no' });
      await w.importFile(xlsxOf(s), 'h.xlsx', p);
      const db = w.read();
      const rows = db.prepare('SELECT id_hash, extra FROM subscribers').all() as { id_hash: string | null; extra: string }[];
      db.close();
      expect(rows).toHaveLength(12);
      for (const r of rows) {
        expect(r.id_hash).toMatch(/^[0-9a-f]{32}$/);
        expect(Object.keys(JSON.parse(r.extra) as object)).not.toContain(header);
      }
    } finally {
      w.t.close();
    }
  });

  it('a column of identity numbers stays hashed when the user maps it to an extra attribute; the proposal itself is no change', async () => {
    const w = await workspace(path.join(tmp.dir, 'user-extra'));
    try {
      const s = sheetWith('备注2', { count: 8 });
      const p = await w.preview(xlsxOf(s), 'u.xlsx');
      const col = p.columns.find((c) => c.header === '备注2')!;
      expect(col.how).toBe('content');
      // Sent back as proposed: nothing for a mapping profile to remember.
      await w.importFile(xlsxOf(s), 'u.xlsx', p, 'as-proposed');
      const db0 = w.read();
      expect(db0.prepare("SELECT count(*) FROM workspace WHERE key LIKE 'mapping-profile:%'").pluck().get()).toBe(0);
      db0.close();
      // The user insists on keeping it as an extra attribute: still hashed, never kept.
      const job = await w.t.waitJob(
        await w.t.call('worklist-import', {
          file: w.t.upload(xlsxOf(s), 'u.xlsx'),
          mapping: p.columns.map((c) => (c.index === col.index ? { kind: 'extra', name: '备注2' } : c.target)),
          list: { ...p.list, name: 'insisted' },
          onRejected: 'import-valid',
        }),
      );
      expect(job.state).toBe('done');
      const db = w.read();
      const rows = db.prepare('SELECT id_hash, extra FROM subscribers').all() as { id_hash: string | null; extra: string }[];
      db.close();
      expect(rows.every((r) => r.id_hash !== null && !('备注2' in (JSON.parse(r.extra) as object)))).toBe(true);
      expect(rawNumbersIn(w.dbPath, s.ids)).toEqual([]);
    } finally {
      w.t.close();
    }
  });

  it('150 numbers under a non-standard header: none in the database, its WAL, a backup, the card or the preview', async () => {
    const w = await workspace(path.join(tmp.dir, 'clear'));
    const s = sheetWith('客户身份证号', { oldNumeric: 20, remarks: 10 });
    // Problem rows: a mistyped check digit in the identity column, and a number in a figure's column.
    const arpu = s.header.indexOf('近三月ARPU');
    const idCol = s.header.indexOf('客户身份证号');
    s.rows[40]![arpu] = s.ids[40]!;
    const mistyped = `${s.ids[41]!.slice(0, 17)}${s.ids[41]![17] === '0' ? '1' : '0'}`;
    s.rows[41]![idCol] = mistyped;
    s.ids.push(mistyped);
    try {
      expect(s.ids.filter((id) => id.length === 15).length).toBeGreaterThan(5);
      const bytes = xlsxOf(s);
      const p = await w.preview(bytes, 'week47.xlsx');
      expect(p.columns.find((c) => c.header === '客户身份证号')!.target).toEqual({ kind: 'field', field: 'id_no' });
      const previewText = JSON.stringify(p);
      expect(p.check.issues.map((i) => [i.row, i.code])).toEqual(expect.arrayContaining([[42, 'cell.identity-number'], [43, 'id.checksum']]));
      expect(leaked(previewText, s.ids)).toEqual([]);
      const importJob = await w.t.waitJob(
        await w.t.call('worklist-import', { file: w.t.upload(bytes, 'week47.xlsx'), mapping: p.columns.map((c) => c.target), list: p.list, onRejected: 'import-valid' }),
      );
      const result = importJob.result as WorklistImportResult;
      expect(result.imported).toBe(150);
      // The problem workbook.
      const problems = await w.t.call('worklist-issues-export', { jobId: importJob.id, locale: 'zh-CN' });
      const book = readWorkbook(w.t.backend.files.read(problems.token), { maxBytes: 1e7, maxRows: 1e4, maxColumns: 50 });
      const problemText = JSON.stringify(book.sheets.map((sh) => book.rows(sh.name)));
      expect(problemText).toContain('近三月ARPU');
      expect(leaked(problemText, s.ids)).toEqual([]);
      const check = w.read();
      // Every row's number was recognised and hashed, the old 15-digit ones in number cells too (but the mistyped one).
      expect(check.prepare('SELECT count(*) FROM subscribers WHERE id_hash IS NOT NULL').pluck().get()).toBe(149);
      check.close();
      expect(JSON.stringify(result).match(/\d{15}/g) ?? []).toEqual([]);

      // The card: extra attributes carry no number, not even the one inside a remark.
      for (const msisdn of s.msisdns) {
        const card = await w.t.call('customer-lookup', { msisdn });
        expect(card.found).toBe(true);
        const text = JSON.stringify(card);
        expect(leaked(text, s.ids)).toEqual([]);
      }
      const remarked = (await w.t.call('customer-lookup', { msisdn: s.msisdns[0]! })) as { customer: { extra: Record<string, unknown> } };
      expect(String(remarked.customer.extra['备注'])).toMatch(/^客户证件 \d{3}\*+\d{3}[\dX] 已核实$/);

      const backup = path.join(tmp.dir, 'clear', 'after-import.sqlite');
      expect(await runCli(['backup', '--db', w.dbPath, '--out', backup], quiet)).toBe(0);
      expect(fs.existsSync(`${w.dbPath}-wal`)).toBe(true);
      for (const file of [w.dbPath, `${w.dbPath}-wal`, backup]) expect({ file, found: rawNumbersIn(file, s.ids) }).toEqual({ file, found: [] });
    } finally {
      w.t.close();
    }
    // Closed (WAL checkpointed into the file): still none.
    expect(rawNumbersIn(w.dbPath, s.ids)).toEqual([]);
  });
});

describe('the identity hash is keyed with a secret outside the workspace', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('HMAC with a per-user key file (0600), not in the workspace; linking across imports holds; another key hashes differently', async () => {
    const a = await workspace(path.join(tmp.dir, 'a'));
    const b = await workspace(path.join(tmp.dir, 'b'));
    const s = sheetWith('身份证号', { count: 20 });
    try {
      const p = await a.preview(xlsxOf(s), 'first.xlsx');
      await a.importFile(xlsxOf(s), 'first.xlsx', p, 'first');

      const keyFile = path.join(a.keyDir, 'identity.key');
      if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = a.key();
      expect(key.length).toBe(32);

      const db = a.read();
      const hashOf = (msisdn: string) => db.prepare('SELECT id_hash FROM subscribers WHERE msisdn = ?').pluck().get(Number(msisdn)) as string;
      expect(db.prepare("SELECT count(*) FROM workspace WHERE key = 'id_salt'").pluck().get()).toBe(0);
      const first = hashOf(s.msisdns[0]!);
      expect(first).toBe(hmac(key, to18(s.ids[0]!)));
      expect(first).not.toBe(crypto.createHash('sha256').update(to18(s.ids[0]!)).digest('hex').slice(0, 32));

      // The same five people on other lines, in a second file: their lines link by the same hash.
      const second: Sheet = { ...s, rows: s.rows.slice(0, 5).map((r, i) => [String(13900000000 + i), ...r.slice(1)]) };
      const p2 = await a.preview(xlsxOf(second), 'second.xlsx');
      await a.importFile(xlsxOf(second), 'second.xlsx', p2, 'second');
      for (let i = 0; i < 5; i++) expect(hashOf(String(13900000000 + i))).toBe(hashOf(s.msisdns[i]!));
      db.close();

      // The key is in none of the workspace's files.
      const backup = path.join(tmp.dir, 'a', 'b.sqlite');
      expect(await runCli(['backup', '--db', a.dbPath, '--out', backup], quiet)).toBe(0);
      for (const file of [a.dbPath, `${a.dbPath}-wal`, backup]) {
        const bytes = fs.readFileSync(file);
        expect(bytes.includes(key)).toBe(false);
        expect(bytes.includes(Buffer.from(key.toString('hex')))).toBe(false);
      }

      // Another workspace with its own key: the same person hashes differently.
      const pb = await b.preview(xlsxOf(s), 'first.xlsx');
      await b.importFile(xlsxOf(s), 'first.xlsx', pb, 'first');
      const dbB = b.read();
      expect(dbB.prepare('SELECT id_hash FROM subscribers WHERE msisdn = ?').pluck().get(Number(s.msisdns[0]))).not.toBe(first);
      dbB.close();
    } finally {
      a.t.close();
      b.t.close();
    }
  });
});

describe('an upgraded workspace stops holding identity numbers', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('numbers in extra attributes are hashed into id_hash and removed; the old salted hashes and their salt go', async () => {
    const id18 = to18('110105900101123');
    const other18 = to18('320102850505432');
    const wrongCheck = `${other18.slice(0, 17)}${other18[17] === '0' ? '1' : '0'}`;
    const old15 = '440301880808567';
    const file = tmp.file('v8.sqlite');
    const old = new Database(file);
    migrate(old, 8);
    old.exec(`
      INSERT INTO workspace (key, value) VALUES ('id_salt', '00112233445566778899aabbccddeeff');
      INSERT INTO subscribers (msisdn, id_hash, extra, updated_at) VALUES
        (13800138000, NULL, '{"旧号":${Number(`${id18.slice(0, 17)}0`)},"积分":1200,"客户身份证号":"${id18}","备注":"无"}', '2026-11-01T00:00:00Z'),
        (13800138001, 'aaaabbbbccccddddaaaabbbbccccdddd', '{"证件":${old15}}', '2026-11-01T00:00:00Z'),
        (13800138002, NULL, '{"证件号(旧)":"${wrongCheck}","积分":5}', '2026-11-01T00:00:00Z');
    `);
    old.close();

    const w = await workspace(path.join(tmp.dir, 'ws'));
    w.t.close();
    fs.copyFileSync(file, w.dbPath);
    const t = testBackend({ dbPath: w.dbPath, now, identityKeyDir: w.keyDir });
    try {
      const key = w.key();
      const db = w.read();
      const rows = db.prepare('SELECT msisdn, id_hash, extra FROM subscribers ORDER BY msisdn').all() as { msisdn: number; id_hash: string | null; extra: string }[];
      expect(rows.map((r) => [r.msisdn, r.id_hash, JSON.parse(r.extra) as unknown])).toEqual([
        // The number Excel had cut goes unhashed; the hash is the first whole number's.
        [13800138000, hmac(key, id18), { 积分: 1200, 备注: '无' }],
        [13800138001, hmac(key, to18(old15)), {}],
        // A wrong check digit is not an identity number: kept as it was.
        [13800138002, null, { '证件号(旧)': wrongCheck, 积分: 5 }],
      ]);
      expect(db.prepare("SELECT count(*) FROM workspace WHERE key = 'id_salt'").pluck().get()).toBe(0);
      db.close();
    } finally {
      t.close();
    }
    expect(rawNumbersIn(w.dbPath, [id18, old15])).toEqual([]);
  });
});

describe('where the key lives', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  /**
   * Stands in for Electron's safeStorage (which only a running Electron has): an AES-GCM seal with a key that
   * lives in this object, as the OS credential store's does. What is tested is our use of it.
   */
  function credentialStore() {
    const master = crypto.randomBytes(32);
    return {
      isEncryptionAvailable: () => true,
      encryptString(plain: string): Buffer {
        const iv = crypto.randomBytes(12);
        const c = crypto.createCipheriv('aes-256-gcm', master, iv);
        const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
        return Buffer.concat([iv, c.getAuthTag(), body]);
      },
      decryptString(sealed: Buffer): string {
        const d = crypto.createDecipheriv('aes-256-gcm', master, sealed.subarray(0, 12));
        d.setAuthTag(sealed.subarray(12, 28));
        return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
      },
    };
  }

  const importAll = async (t: ReturnType<typeof testBackend>, bytes: Uint8Array, name: string) => {
    const preview = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(bytes, name) }));
    if (preview.error) return preview;
    const p = preview.result as WorklistPreview;
    return t.waitJob(await t.call('worklist-import', { file: t.upload(bytes, name), mapping: p.columns.map((c) => c.target), list: p.list, onRejected: 'import-valid' }));
  };
  const idOf = (dbPath: string, msisdn: string) => {
    const db = new Database(dbPath, { readonly: true });
    const h = db.prepare('SELECT id_hash FROM subscribers WHERE msisdn = ?').pluck().get(Number(msisdn));
    db.close();
    return h;
  };

  it('desktop: the key sealed by the credential store beside the workspace, never in a key file; the CLI cannot use it and says so', async () => {
    const dir = tmp.file('desktop');
    const dbPath = path.join(dir, 'ws.sqlite');
    const keyDir = path.join(dir, 'home');
    const store = credentialStore();
    const s = sheetWith('身份证号', { count: 10 });
    const desktop = testBackend({ dbPath, now, identityKeyDir: keyDir, keyProtector: store });
    let first: unknown;
    try {
      expect((await importAll(desktop, xlsxOf(s), 'a.xlsx')).state).toBe('done');
      first = idOf(dbPath, s.msisdns[0]!);
      expect(first).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      desktop.close();
    }
    expect(fs.existsSync(path.join(keyDir, 'identity.key'))).toBe(false);
    const sealed = fs.readFileSync(`${dbPath}.idkey`);
    const key = Buffer.from(store.decryptString(sealed), 'hex');
    expect(first).toBe(hmac(key, s.ids[0]!));
    expect(sealed.includes(key.toString('hex'))).toBe(false);

    // The desktop again: the same key, the same person links.
    const again = testBackend({ dbPath, now, identityKeyDir: keyDir, keyProtector: store });
    try {
      const moved: Sheet = { ...s, rows: s.rows.slice(0, 1).map((r) => ['13911112222', ...r.slice(1)]) };
      expect((await importAll(again, xlsxOf(moved), 'b.xlsx')).state).toBe('done');
      expect(idOf(dbPath, '13911112222')).toBe(first);
    } finally {
      again.close();
    }

    // Browser mode / CLI without the credential store: identity numbers refused with a clear message; other files import.
    const cli = testBackend({ dbPath, now, identityKeyDir: keyDir });
    try {
      const refused = await importAll(cli, xlsxOf(sheetWith('身份证号', { count: 5, seed: 32 })), 'c.xlsx');
      expect(refused.state).toBe('failed');
      expect(refused.error?.messageKey).toBe('identity.key-unavailable');
      expect(errorText('zh-CN', refused.error!)).toMatch(/密钥.*桌面版/);
      expect(refused.error?.message).toMatch(/desktop app/);
      // The same where a large file's rows are hashed in its reader thread (jobs/read-ahead.ts).
      const few = sheetWith('身份证号', { count: 5, seed: 32 });
      const filler = { name: '附表', header: ['备注'], rows: Array.from({ length: 40_000 }, () => [crypto.randomBytes(48).toString('base64')]) };
      const large = writeWorkbook([{ name: '清单', header: few.header, rows: few.rows }, filler], 'xlsx');
      expect(large.length).toBeGreaterThan(READ_AHEAD_MIN_BYTES);
      const refusedLarge = await importAll(cli, large, 'large.xlsx');
      expect(refusedLarge.state).toBe('failed');
      expect(refusedLarge.error?.messageKey).toBe('identity.key-unavailable');
      // The preview still works there, so the user can leave the identity column out and import the rest.
      const bytes = xlsxOf(sheetWith('身份证号', { count: 5, seed: 32 }));
      const pj = await cli.waitJob(await cli.call('worklist-import-preview', { file: cli.upload(bytes, 'c.xlsx') }));
      expect(pj.state).toBe('done');
      const p = pj.result as WorklistPreview;
      const leftOut = await cli.waitJob(
        await cli.call('worklist-import', {
          file: cli.upload(bytes, 'c.xlsx'),
          mapping: p.columns.map((c) => (c.target.kind === 'field' && c.target.field === 'id_no' ? { kind: 'ignore' } : c.target)),
          list: p.list,
          onRejected: 'import-valid',
        }),
      );
      expect(leftOut.state).toBe('done');
      const noIds: Sheet = sheetWith('身份证号', { count: 5, seed: 33 });
      const idCol = noIds.header.indexOf('身份证号');
      const without = { ...noIds, header: noIds.header.filter((_, i) => i !== idCol), rows: noIds.rows.map((r) => r.filter((_, i) => i !== idCol)) };
      expect((await importAll(cli, xlsxOf(without), 'd.xlsx')).state).toBe('done');
    } finally {
      cli.close();
    }
    expect(fs.existsSync(path.join(keyDir, 'identity.key'))).toBe(false);
  });

  it('a desktop adopts the key file of browser mode; a different key on a used workspace is refused, not silently unlinked', async () => {
    const dir = tmp.file('adopt');
    const dbPath = path.join(dir, 'ws.sqlite');
    const keyDir = path.join(dir, 'home');
    const s = sheetWith('身份证号', { count: 5 });
    const browser = testBackend({ dbPath, now, identityKeyDir: keyDir });
    try {
      expect((await importAll(browser, xlsxOf(s), 'a.xlsx')).state).toBe('done');
    } finally {
      browser.close();
    }
    const fileKey = fs.readFileSync(path.join(keyDir, 'identity.key'), 'utf8').trim();
    const store = credentialStore();
    const desktop = testBackend({ dbPath, now, identityKeyDir: keyDir, keyProtector: store });
    try {
      const moved: Sheet = { ...s, rows: s.rows.slice(0, 1).map((r) => ['13922223333', ...r.slice(1)]) };
      expect((await importAll(desktop, xlsxOf(moved), 'b.xlsx')).state).toBe('done');
      expect(idOf(dbPath, '13922223333')).toBe(idOf(dbPath, s.msisdns[0]!));
    } finally {
      desktop.close();
    }
    expect(store.decryptString(fs.readFileSync(`${dbPath}.idkey`))).toBe(fileKey);

    // The workspace copied to another computer: its sealed key does not open with that computer's store…
    const foreign = testBackend({ dbPath, now, identityKeyDir: path.join(dir, 'other-home'), keyProtector: credentialStore() });
    try {
      const refused = await importAll(foreign, xlsxOf(sheetWith('身份证号', { count: 3, seed: 40 })), 'c.xlsx');
      expect(refused.state).toBe('failed');
      expect(errorText('zh-CN', refused.error!)).toMatch(/找不到这个工作区的身份证号密钥/);
    } finally {
      foreign.close();
    }
    // …and without the sealed copy, another computer's key file is not this workspace's key.
    fs.rmSync(`${dbPath}.idkey`);
    const elsewhere = testBackend({ dbPath, now, identityKeyDir: path.join(dir, 'other-home') });
    try {
      const refused = await importAll(elsewhere, xlsxOf(sheetWith('身份证号', { count: 3, seed: 40 })), 'c.xlsx');
      expect(refused.state).toBe('failed');
      expect(errorText('zh-CN', refused.error!)).toMatch(/另一把密钥/);
    } finally {
      elsewhere.close();
    }
  });
});
