import Database from 'better-sqlite3';
import fc from 'fast-check';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../core/exchange/write';
import { runCli } from '../../electron/cli';
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
