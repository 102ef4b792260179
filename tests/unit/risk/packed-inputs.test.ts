import { describe, expect, it } from 'vitest';
import { packable, packedFields, packedLayout, packedRowReader, packScoringRow, storedLayout, type PackedLayout } from '../../../core/risk/packed-inputs';

/** Packs rows with a word list of its own and reads them back, every field wanted. */
function roundTrip(rows: { msisdn: number; values: unknown[] }[], wanted: readonly string[] = packedFields, layout?: PackedLayout) {
  const words: string[] = [];
  const ids = new Map<string, number>();
  const wordId = (w: string) => ids.get(w) ?? (ids.set(w, words.push(w) - 1), words.length - 1);
  const packed = rows.map((r) => packScoringRow(r.msisdn, r.values, wordId));
  const chunk = new Uint8Array(packed.reduce((n, p) => n + p.length, 0));
  packed.reduce((at, p) => (chunk.set(p, at), at + p.length), 0);
  const out: Record<string, unknown>[] = [];
  const record: Record<string, unknown> = {};
  packedRowReader(words, wanted, layout)(chunk, record, () => out.push({ ...record }));
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

  it('tells which fields the canonical part of a packed row holds: an extra column only in a layout as one of its extras', () => {
    expect(packable(['arpu_cur', 'status', 'county', 'msisdn'])).toBe(true);
    expect(packable(['arpu_cur', '积分'])).toBe(false);
    expect(packable(['name'])).toBe(false);
  });

  it('packs the extra columns of a layout, read back into `extra` as JSON.parse gave them: an attribute a customer lacks stays absent', () => {
    const layout = packedLayout(['积分', '主副卡', '__proto__', 'flags']);
    expect(layout.extras).toEqual(['__proto__', 'flags', '主副卡', '积分']);
    const stored = [
      '{"积分":218,"主副卡":"主卡","flags":[1,"二",{"a":null}]}',
      '{"积分":null,"主副卡":true,"__proto__":{"x":1}}',
      '{"积分":-0.5,"flags":false,"主副卡":"2026-11-23"}',
      '{}',
    ].map((text) => JSON.parse(text) as Record<string, unknown>);
    const canonical = packedFields.map((f) => (f === 'status' ? '正常' : null));
    const rows = stored.map((attrs, i) => ({ msisdn: 13800000000 + i, values: [...canonical, ...layout.extras.map((k) => (Object.hasOwn(attrs, k) ? attrs[k] : undefined))] }));
    const back = roundTrip(rows, ['status', ...layout.extras], layout);
    back.forEach((rec, i) => {
      expect(rec.status).toBe('正常');
      expect(rec.extra).toStrictEqual(stored[i]);
      expect(Object.keys(rec.extra as object).sort()).toEqual(Object.keys(stored[i]!).sort());
    });
    // "__proto__" is the customer's attribute, as JSON.parse makes it, not the object's prototype.
    expect(Object.getPrototypeOf(back[1]!.extra)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back[1]!.extra, '__proto__')?.value).toEqual({ x: 1 });
    // A reader of the canonical fields alone reads the same rows, as before the layout had extras.
    expect(roundTrip(rows, ['status'], layout).map((r) => r.status)).toEqual(['正常', '正常', '正常', '正常']);
    expect(roundTrip(rows, ['status'], layout)[0]).not.toHaveProperty('extra');
  });

  it('names a layout by a signature it can be read back from; without extras the one every workspace packed before', () => {
    const plain = packedLayout();
    expect(storedLayout(plain.signature)).toEqual(plain);
    const withExtras = packedLayout(['积分', '入网渠道', '积分']);
    expect(storedLayout(withExtras.signature)).toEqual(withExtras);
    expect(packedLayout(['入网渠道', '积分']).signature).toBe(withExtras.signature);
    expect(withExtras.signature.startsWith(`${plain.signature}|`)).toBe(true);
    expect(storedLayout(undefined)).toBeNull();
    expect(storedLayout('2:msisdn,status')).toBeNull();
    expect(storedLayout(`${plain.signature}|{"not":"a list"}`)).toBeNull();
    expect(storedLayout(`${plain.signature}|[broken`)).toBeNull();
  });
});
