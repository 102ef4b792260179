import { describe, expect, it } from 'vitest';
import { packable, packedFields, packedRowReader, packScoringRow } from '../../../core/risk/packed-inputs';

/** Packs rows with a word list of its own and reads them back, every field wanted. */
function roundTrip(rows: { msisdn: number; values: unknown[] }[], wanted: readonly string[] = packedFields) {
  const words: string[] = [];
  const ids = new Map<string, number>();
  const wordId = (w: string) => ids.get(w) ?? (ids.set(w, words.push(w) - 1), words.length - 1);
  const packed = rows.map((r) => packScoringRow(r.msisdn, r.values, wordId));
  const chunk = new Uint8Array(packed.reduce((n, p) => n + p.length, 0));
  packed.reduce((at, p) => (chunk.set(p, at), at + p.length), 0);
  const out: Record<string, unknown>[] = [];
  const record: Record<string, unknown> = {};
  packedRowReader(words, wanted)(chunk, record, () => out.push({ ...record }));
  return out;
}

describe('packed scoring rows (docs/scoring-storage.md)', () => {
  const odd: unknown[] = [
    null, 0, -0, 1, 255, 256, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 12.34, -5.5, 0.1 + 0.2, 1e-300, 2 ** 40 + 0.5, 21474836.47,
    21474836.48, Number.MAX_VALUE, '', ' ', '正常', '𠮷野家 😀', 'x'.repeat(121), '长'.repeat(200), '2026-11-23', '2026-1-5', '2026-02-30',
    '2026-11-23T08:00:00Z', '12', 'NaN', '=SUM(A1)',
  ];

  it('reads back every value exactly as SQLite returned it: the same number bit for bit, the same text, null', () => {
    const rows = odd.map((v, i) => ({ msisdn: 13800000000 + i, values: packedFields.map((_, f) => odd[(i + f) % odd.length]) }));
    const back = roundTrip(rows);
    expect(back).toHaveLength(rows.length);
    back.forEach((rec, i) => {
      expect(rec.msisdn).toBe(rows[i]!.msisdn);
      packedFields.forEach((f, j) => expect(Object.is(rec[f], rows[i]!.values[j]), `${f} of row ${i}: ${String(rows[i]!.values[j])}`).toBe(true));
    });
  });

  it('reads only the fields asked for, and skips the rest of a row', () => {
    const wanted = ['status', 'arpu_cur'];
    const values = packedFields.map((f) => (f === 'status' ? '预销号' : f === 'arpu_cur' ? 58.3 : f === 'county' ? '城区' : 7));
    const [rec] = roundTrip([{ msisdn: 13800000001, values }], wanted);
    expect(rec).toEqual({ status: '预销号', arpu_cur: 58.3, msisdn: 13800000001 });
  });

  it('tells which scoring can run on packed rows: canonical fields yes, an extra column no', () => {
    expect(packable(['arpu_cur', 'status', 'county', 'msisdn'])).toBe(true);
    expect(packable(['arpu_cur', '积分'])).toBe(false);
    expect(packable(['name'])).toBe(false);
  });
});
