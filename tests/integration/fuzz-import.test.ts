import Database from 'better-sqlite3';
import fc from 'fast-check';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueLimits, offerSheet } from '../../core/exchange/catalogue';
import { writeWorkbook } from '../../core/exchange/write';
import { defaultOffers } from '../../core/offers/default-catalogue';
import { runCli } from '../../electron/cli';
import { lyingSizeZip, manySheetsWorkbook } from '../support/hostile-files';
import { tempDir } from '../support/temp';

/**
 * Issue 7 "hostile files": random, truncated and crafted work lists go through the whole importer (the CLI's import:
 * read, map, check, store, score in a worker). Each must end in an import or a clear error with a known code —
 * never a crash, a hang or a half write: on an error the workspace is exactly as before.
 */
const KNOWN = /^(bad-file|invalid-input|too-large|needs-password|empty|truncated|conflict|not-found):/u;

const cell = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('=1+1', '+SUM(A1)', '-2+3', '@cmd', '=HYPERLINK("http://x","y")', '"quoted, with comma"', 'line\nbreak', '１３８００１３８０００', '', ' '),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
  fc.constantFrom('13800138000', '1.38001E+10', '+86 138 0013 8000', '138-0013-8000', '2026-13-45', '是', '否'),
);
const headers = fc.shuffledSubarray(['手机号码', '姓名', '套餐名称', '近三月平均ARPU', '本月ARPU', '是否双卡', '合约到期日', '客户经理', '备注', 'x', ''], { minLength: 1 });

describe('importer under hostile files', () => {
  const tmp = tempDir();
  let dbPath: string;
  let n = 0;
  const stats = { imported: 0, refused: 0 };
  const quiet = { out: () => undefined, err: (_: string) => undefined };

  beforeAll(async () => {
    dbPath = tmp.file('fuzz.sqlite');
    expect(await runCli(['info', '--db', dbPath], quiet)).toBe(0);
  });
  afterAll(() => {
    console.log(`fuzzed imports: ${stats.imported} imported, ${stats.refused} refused with a clear error`);
    tmp.cleanup();
  });

  const snapshot = () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare("SELECT (SELECT count(*) FROM subscribers) || '/' || (SELECT count(*) FROM work_lists) || '/' || (SELECT count(*) FROM tasks) || '/' || (SELECT count(*) FROM list_members) || '/' || (SELECT ifnull(sum(length(extra)), 0) FROM subscribers)")
        .pluck()
        .get() as string;
    } finally {
      db.close();
    }
  };

  async function importBytes(bytes: Uint8Array, ext: string) {
    const file = tmp.file(`case-${n++}.${ext}`);
    fs.writeFileSync(file, bytes);
    const before = snapshot();
    const errors: string[] = [];
    const code = await runCli(['import', file, '--db', dbPath, '--list', `fuzz-${n}`, '--type', 'weekly_anomaly'], { out: () => undefined, err: (l) => errors.push(l) });
    if (code === 0) stats.imported++;
    else {
      stats.refused++;
      expect(errors.join('\n')).toMatch(KNOWN); // a clear error with a known code…
      expect(snapshot()).toBe(before); // …and nothing written
    }
    expect([0, 1]).toContain(code);
  }

  it('random tables as CSV and as xlsx (formulas, odd numbers, blank headers…)', async () => {
    await fc.assert(
      fc.asyncProperty(headers, fc.array(fc.array(cell, { minLength: 0, maxLength: 12 }), { maxLength: 25 }), fc.boolean(), async (header, rows, asCsv) => {
        const bytes = writeWorkbook([{ name: 'Sheet1', header, rows }], asCsv ? 'csv' : 'xlsx');
        await importBytes(bytes, asCsv ? 'csv' : 'xlsx');
      }),
      { numRuns: 30, seed: 20261123 },
    );
  }, 120_000);

  it('real files cut short or with bytes overwritten', async () => {
    const good = writeWorkbook([{ name: '清单', header: ['手机号码', '姓名', '本月ARPU'], rows: Array.from({ length: 300 }, (_, i) => [`1380013${String(i).padStart(4, '0')}`, `客户${i}`, i]) }], 'xlsx');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 1, max: good.length - 1 }).map((cut) => ({ cut, damage: [] as [number, number][] })), fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((damage) => ({ cut: good.length, damage }))), async ({ cut, damage }) => {
        const bytes = good.slice(0, cut);
        for (const [at, v] of damage) bytes[at] = v;
        await importBytes(bytes, 'xlsx');
      }),
      { numRuns: 20, seed: 7 },
    );
  }, 120_000);
});

/**
 * Issue 12: zips whose entries lie about their unpacked size, and workbooks listing many sheets (distinct, or
 * thousands pointing at one sheet), through every command that reads a workbook — work-list import, catalogue
 * import, outcome merge, training and prediction. Each ends in its result or a clear error with a known code,
 * with the workspace unchanged on an error; none crashes or runs the machine out of memory. (Past-the-budget
 * refusals with small budgets for each reader: tests/unit/exchange/read-hostile.test.ts.)
 */
describe('every workbook reader under lying zips and many-sheet workbooks', () => {
  const tmp = tempDir();
  let dbPath: string;
  let n = 0;
  const outcomes = new Map<string, number>();
  const quiet = { out: () => undefined, err: (_: string) => undefined };
  const workList = writeWorkbook(
    [{ name: '清单', header: ['手机号码', '姓名', '本月ARPU', '是否离网'], rows: Array.from({ length: 400 }, (_, i) => [`1390013${String(i).padStart(4, '0')}`, `客户${i}`, i % 200, i % 5 === 0 ? '是' : '否']) }],
    'xlsx',
  );
  const offers = writeWorkbook([offerSheet(defaultOffers)], 'xlsx');

  beforeAll(async () => {
    dbPath = tmp.file('fuzz-hostile.sqlite');
    expect(await runCli(['info', '--db', dbPath], quiet)).toBe(0);
  });
  afterAll(() => {
    console.log(`hostile files by reader: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    tmp.cleanup();
  });

  const snapshot = () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare("SELECT (SELECT count(*) FROM subscribers) || '/' || (SELECT count(*) FROM tasks) || '/' || (SELECT count(*) FROM attempts) || '/' || (SELECT count(*) FROM churn_models) || '/' || (SELECT group_concat(code || ':' || updated_at) FROM offers)")
        .pluck()
        .get() as string;
    } finally {
      db.close();
    }
  };

  const readers = {
    import: (file: string) => ['import', file, '--list', `hostile-${n}`, '--type', 'weekly_anomaly'],
    'catalogue-import': (file: string) => ['catalogue-import', 'offers', file],
    merge: (file: string) => ['merge', file],
    train: (file: string) => ['train', file],
    predict: (file: string) => ['predict', file, '--out', tmp.file(`scores-${n}.xlsx`)],
  } as const;

  const hostile = fc.oneof(
    fc.record({
      kind: fc.constant('lying' as const),
      base: fc.constantFrom('workList', 'offers'),
      entries: fc.integer({ min: 1, max: 4 }),
      inflatedMB: fc.integer({ min: 1, max: 24 }),
      declaredSize: fc.constantFrom(1, 1000, 65_535),
    }),
    fc.record({ kind: fc.constant('many-sheets' as const), base: fc.constantFrom('workList', 'offers'), sheets: fc.constantFrom(2, 50, 101, 2000, 5000) }),
  );

  it('end in a result or a clear error for every reader, leaving the workspace as it was on an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...(Object.keys(readers) as (keyof typeof readers)[])), hostile, async (reader, h) => {
        const base = h.base === 'offers' ? offers : workList;
        const bytes = h.kind === 'lying' ? lyingSizeZip(base, { entries: h.entries, inflatedBytes: h.inflatedMB * 1024 * 1024, declaredSize: h.declaredSize }) : manySheetsWorkbook(base, h.sheets);
        const file = tmp.file(`hostile-${n++}.xlsx`);
        fs.writeFileSync(file, bytes);
        const before = snapshot();
        const errors: string[] = [];
        const code = await runCli([...readers[reader](file), '--db', dbPath], { out: () => undefined, err: (l) => errors.push(l) });
        expect([0, 1]).toContain(code);
        const outcome = `${reader}:${code === 0 ? 'ok' : errors.join(' ').split(':')[0]}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (code !== 0) {
          expect(errors.join('\n')).toMatch(KNOWN);
          expect(snapshot()).toBe(before);
        }
        // More sheets than any reader allows is refused whatever the reader.
        if (h.kind === 'many-sheets' && h.sheets > 100) expect(errors.join('\n')).toMatch(/^too-large:/u);
      }),
      { numRuns: 25, seed: 12 },
    );
  }, 300_000);

  it('refuse a lying zip as damaged, and an honest one past the catalogue budget naming the limit', async () => {
    const file = tmp.file('lying-catalogue.xlsx');
    fs.writeFileSync(file, lyingSizeZip(offers, { entries: 4, inflatedBytes: 64 * 1024 * 1024 }));
    const errors: string[] = [];
    expect(await runCli(['catalogue-import', 'offers', file, '--db', dbPath, '--lang', 'en'], { out: () => undefined, err: (l) => errors.push(l) })).toBe(1);
    expect(errors.join('\n')).toBe('bad-file: The file is damaged and cannot be read. Open it in Excel or WPS, save it as .xlsx and import that');
    fs.writeFileSync(file, lyingSizeZip(offers, { entries: 4, inflatedBytes: 64 * 1024 * 1024, declaredSize: 64 * 1024 * 1024 }));
    errors.length = 0;
    expect(await runCli(['catalogue-import', 'offers', file, '--db', dbPath, '--lang', 'en'], { out: () => undefined, err: (l) => errors.push(l) })).toBe(1);
    expect(errors.join('\n')).toBe(`too-large: Unpacked, the file is larger than ${catalogueLimits.unpackedBytes / 1024 / 1024} MB; it is damaged or not a normal spreadsheet`);
  });
});
