import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  identityColumnRule,
  identityNumberOf,
  isIdentityCell,
  isIdentityColumn,
  maskIdentityNumbersIn,
  maskIdentityValue,
  maskIdentityValues,
} from '../../../core/privacy/identity';
import { idCheckCharacter } from '../../../core/worklist/cells';
import { fieldForHeader, matchHeaders, protectIdentityColumns } from '../../../core/worklist/headers';
import { mappingIssues } from '../../../core/worklist/rows';
import { Rng } from '../../../core/demo/random';
import { migrate } from '../../../db/migrate';
import { tempDir } from '../../support/temp';

const full = (first17: string) => first17 + idCheckCharacter(first17);
const ID = full('11010519900101123'); // a valid 18-character number
const OLD = '320102850505432'; // a valid first-generation number (1985-05-05)
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('what an identity number is', () => {
  it('18 characters with the check character and a real birth date; 15 digits with a real 1900s date', () => {
    expect(identityNumberOf(ID)).toBe(ID);
    expect(identityNumberOf(ID.slice(0, 6) + ' ' + ID.slice(6, 14) + '-' + ID.slice(14))).toBe(ID);
    expect(identityNumberOf(wrongCheck(ID))).toBeNull();
    expect(identityNumberOf(full('11010519900231123'))).toBeNull(); // 31 February
    expect(identityNumberOf(full('11010518700101123'))).toBeNull(); // before 1880
    expect(identityNumberOf(OLD)).toBe(full('32010219850505432'));
    expect(identityNumberOf('320102851305432')).toBeNull(); // month 13
    expect(identityNumberOf('13800138000')).toBeNull();
  });

  it('cells: text, 15-digit numbers, and 18-digit numbers Excel already cut (birth date still checked)', () => {
    expect(isIdentityCell(` ${ID} `)).toBe(true);
    expect(isIdentityCell(Number(OLD))).toBe(true);
    expect(isIdentityCell(Number(ID.slice(0, 17)) * 10)).toBe(true);
    expect(isIdentityCell(110105199013011230)).toBe(false); // month 13
    expect(isIdentityCell(13800138000)).toBe(false);
    expect(isIdentityCell(3.5)).toBe(false);
  });
});

describe('masking', () => {
  it('masks identity numbers in any text or value, and nothing else', () => {
    expect(maskIdentityNumbersIn(`客户证件 ${ID} 已核实`)).toBe(`客户证件 110***********${ID.slice(-4)} 已核实`);
    // 15 digits only as a column: as many IMEIs and IMSIs have a date-like middle.
    expect(maskIdentityNumbersIn(`旧证${OLD}`)).toBe(`旧证${OLD}`);
    expect(maskIdentityNumbersIn(`错号 ${wrongCheck(ID)}`)).toBe(`错号 ${wrongCheck(ID)}`);
    expect(maskIdentityNumbersIn(`订单 9${ID}`)).toBe(`订单 9${ID}`); // inside a longer run of digits: not one
    expect(maskIdentityNumbersIn('积分 1200')).toBe('积分 1200');
    expect(maskIdentityValue(Number(OLD))).toBe(Number(OLD));
    expect(maskIdentityValue(1200)).toBe(1200);
    const record = { 积分: 1200, 证件: ID, 备注: null };
    expect(maskIdentityValues(record)).toEqual({ 积分: 1200, 证件: `110***********${ID.slice(-4)}`, 备注: null });
    const clean = { 积分: 1200 };
    expect(maskIdentityValues(clean)).toBe(clean);
  });
});

describe('identity columns by header', () => {
  it.each([
    '身份证', '客户身份证号', '证件号码(身份证)', '身份证号(18位)', 'ID card', '证件号', '证件号码', '身份证号码', '身份证件号', 'ID number', 'ID No.',
    'identity card no', '（客户身份证号）', '身份证号码（18位）', ' 证件号码【身份证】', 'ＩＤ　ｃａｒｄ',
  ])('"%s" names the identity column', (header) => {
    expect(fieldForHeader(header)?.field).toBe('id_no');
  });
});

describe('identity columns by content', () => {
  const gen = new Rng(7);
  const rng = () => gen.next();
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
  const ids = (n: number) =>
    Array.from({ length: n }, (_, i) => full(`${110100 + (i % 90)}${1950 + (i % 50)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${digits(3)}`));

  it(`needs ≥ ${identityColumnRule.share * 100} % of the first ${identityColumnRule.sample} values, at least ${identityColumnRule.minCount} (or all of fewer)`, () => {
    expect(isIdentityColumn(ids(100))).toBe(true);
    expect(isIdentityColumn([...ids(80), ...Array(20).fill('无')])).toBe(true);
    expect(isIdentityColumn([...ids(79), ...Array(21).fill('无')])).toBe(false);
    expect(isIdentityColumn([ids(1)[0], null, ''])).toBe(true); // one value, and it is one
    expect(isIdentityColumn([...ids(2), 'x'])).toBe(false); // two of three: under the minimum count
    expect(isIdentityColumn([...ids(200), ...Array(1000).fill('x')])).toBe(true); // only the first 200 are read
    expect(isIdentityColumn([null, undefined, ''])).toBe(false);
  });

  it('IMEIs, IMSIs, ICCIDs, phone numbers and amounts are not identity columns', () => {
    const imei = Array.from({ length: 200 }, () => `86${digits(13)}`);
    const imsi = Array.from({ length: 200 }, () => Number(`46000${digits(10)}`));
    const iccid = Array.from({ length: 200 }, () => `898600${digits(14)}`);
    expect(isIdentityColumn(imei)).toBe(false);
    expect(isIdentityColumn(imsi)).toBe(false);
    expect(isIdentityColumn(iccid)).toBe(false);
    expect(isIdentityColumn(Array.from({ length: 200 }, (_, i) => 13800138000 + i))).toBe(false);
    expect(isIdentityColumn(Array.from({ length: 200 }, () => rng() * 1000))).toBe(false);
  });

  it('the first identity column feeds the hash, a second is left out (with a message), whatever header or profile', () => {
    const rows = ids(10).map((id, i) => [`1380013800${i}`, id, 'x', ids(1)[0]!]);
    const mapping = matchHeaders(['手机号码', '备注2', '说明', '身份证号'], { signature: 's', columns: { 备注2: { kind: 'extra', name: '备注2' } } }, { dataRows: rows });
    const safe = protectIdentityColumns(mapping, rows);
    expect(safe.map((m) => [m.target, m.how, m.duplicateOf])).toEqual([
      [{ kind: 'field', field: 'msisdn' }, 'alias', undefined],
      [{ kind: 'field', field: 'id_no' }, 'content', undefined],
      [{ kind: 'extra', name: '说明' }, 'unmatched', undefined],
      [{ kind: 'ignore' }, 'alias', 1],
    ]);
    expect(mappingIssues(safe)).toEqual([{ code: 'header.duplicate-id', params: { column: '身份证号', other: '备注2' }, index: 3 }]);
    // 'ignore' chosen by the user stays ignored.
    const ignored = protectIdentityColumns(mapping.map((m, i) => (i === 1 ? { ...m, target: { kind: 'ignore' as const } } : m)), rows);
    expect(ignored[1]!.target).toEqual({ kind: 'ignore' });
    expect(ignored[3]!.target).toEqual({ kind: 'field', field: 'id_no' });
  });
});

describe('migration 009 recognises exactly what core recognises', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('on 4,500 candidates (valid, wrong check, impossible dates, 15-digit, IMEI-like, spaced, numbers exact and cut)', () => {
    const gen = new Rng(99);
    const rng = () => gen.next();
    const d = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
    const candidates: (string | number)[] = [];
    for (let i = 0; i < 500; i++) {
      const first17 = `${d(6)}${1870 + Math.floor(rng() * 160)}${String(Math.floor(rng() * 14)).padStart(2, '0')}${String(Math.floor(rng() * 33)).padStart(2, '0')}${d(3)}`;
      candidates.push(full(first17), wrongCheck(full(first17)), `${first17.slice(0, 6)}${first17.slice(8, 17)}`, d(15), Number(d(15)) + 1e14);
      candidates.push(`${full(first17).slice(0, 6)} ${full(first17).slice(6)}`.toLowerCase());
      candidates.push(Number(full(first17).replace('X', '0')), Number(`${1 + Math.floor(rng() * 9)}${d(17)}`), Number(d(16)));
    }
    const db = new Database(tmp.file('agree.sqlite'));
    migrate(db, 8);
    const insert = db.prepare("INSERT INTO subscribers (msisdn, extra, updated_at) VALUES (?, ?, '2026-11-01T00:00:00Z')");
    db.transaction(() => candidates.forEach((c, i) => insert.run(13000000000 + i, JSON.stringify({ v: c, keep: 1 }))))();
    migrate(db, 9, undefined, { identityHash: (raw) => `h:${identityNumberOf(raw)}` });
    const rows = db.prepare('SELECT msisdn, id_hash, extra FROM subscribers ORDER BY msisdn').all() as { msisdn: number; id_hash: string | null; extra: string }[];
    let removed = 0;
    let lossy = 0;
    // All candidates are one attribute, far from an identity column: only 18-character numbers with their check go.
    rows.forEach((r, i) => {
      const c = candidates[i]!;
      const gone = typeof c === 'string' && identityNumberOf(c)?.length === 18 && c.replace(/[\s-]/g, '').length === 18;
      // Hashed: text, and exact (15-digit) numbers; an 18-digit number has lost its last digits.
      const hashed = gone ? identityNumberOf(c as string) : null;
      if (gone) removed++;
      if (gone && !hashed) lossy++;
      expect({ c, hash: r.id_hash, extra: JSON.parse(r.extra) as unknown }).toEqual({ c, hash: hashed ? `h:${hashed}` : null, extra: gone ? { keep: 1 } : { v: c, keep: 1 } });
    });
    expect(removed).toBeGreaterThan(300);
    expect(lossy).toBe(0);
    db.close();
  });

  it('in an attribute that is an identity column (≥ 80 %), 15-digit and cut numbers go too, as core decides', () => {
    const gen = new Rng(5);
    const rng = () => gen.next();
    const d = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
    const valid17 = () => `${d(6)}${1930 + Math.floor(rng() * 80)}${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}${d(3)}`;
    const column: (string | number)[] = [];
    for (let i = 0; i < 300; i++) {
      const f = valid17();
      column.push([full(f), `${f.slice(0, 6)}${f.slice(8, 17)}`, Number(`${f.slice(0, 6)}${f.slice(8, 17)}`), Number(full(f).replace('X', '0'))][i % 4]!);
    }
    for (let i = 0; i < 30; i++) column.push(d(15)); // strays: some look like numbers, most do not
    expect(isIdentityColumn(column)).toBe(true);
    const db = new Database(tmp.file('column.sqlite'));
    migrate(db, 8);
    const insert = db.prepare("INSERT INTO subscribers (msisdn, extra, updated_at) VALUES (?, ?, '2026-11-01T00:00:00Z')");
    db.transaction(() => column.forEach((c, i) => insert.run(13000000000 + i, JSON.stringify({ 证件: c, keep: 1 }))))();
    migrate(db, 9, undefined, { identityHash: (raw) => `h:${identityNumberOf(raw)}` });
    const rows = db.prepare('SELECT id_hash, extra FROM subscribers ORDER BY msisdn').all() as { id_hash: string | null; extra: string }[];
    rows.forEach((r, i) => {
      const c = column[i]!;
      const gone = typeof c === 'string' ? identityNumberOf(c) !== null : isIdentityCell(c);
      const hashed = !gone ? null : typeof c === 'string' ? identityNumberOf(c) : c < 1e15 ? identityNumberOf(String(c)) : null;
      expect({ c, hash: r.id_hash, extra: JSON.parse(r.extra) as unknown }).toEqual({ c, hash: hashed ? `h:${hashed}` : null, extra: gone ? { keep: 1 } : { 证件: c, keep: 1 } });
    });
    db.close();
  });
});
