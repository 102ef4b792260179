/**
 * A list's content hash (electron/backend/jobs/list-rows.ts) says whether a file brings a list unchanged, in which case
 * the import skips it. Any difference in a row a supervisor could see must make another hash — or a corrected list
 * would be silently skipped — and the same rows must make the same hash, or every import would store everything again.
 */
import { describe, expect, it } from 'vitest';
import type { NormalizedRow } from '../../../core/worklist/rows';
import { ListContentHash, rowFingerprint } from '../../../electron/backend/jobs/list-rows';

const row = (over: Partial<NormalizedRow> = {}): NormalizedRow => ({
  msisdn: '13800138000',
  fields: { plan_fee: 58, status: '正常', join_date: '2019-03-01', brand: null },
  idHash: 'ab12',
  extra: { 积分: 1200 },
  list: {},
  derived: [],
  ...over,
});

const hashOf = (rows: NormalizedRow[], type = 'weekly_anomaly', due: string | null = '2026-12-31') => {
  const h = new ListContentHash(type, due);
  for (const r of rows) h.add(rowFingerprint(r));
  return h.digest();
};

describe('a list’s content hash', () => {
  it('is the same for the same rows, in a new object each time', () => {
    expect(rowFingerprint(row())).toBe(rowFingerprint(row()));
    expect(hashOf([row(), row({ msisdn: '13800138001' })])).toBe(hashOf([row(), row({ msisdn: '13800138001' })]));
    expect(Number.isSafeInteger(rowFingerprint(row()))).toBe(true);
  });

  it('differs for any change a supervisor could see in a row, and for the rows in another order', () => {
    const variants: NormalizedRow[] = [
      row({ msisdn: '13800138001' }),
      row({ fields: { plan_fee: 58.01, status: '正常', join_date: '2019-03-01', brand: null } }),
      row({ fields: { plan_fee: '58', status: '正常', join_date: '2019-03-01', brand: null } }),
      row({ fields: { plan_fee: 58, status: '停机', join_date: '2019-03-01', brand: null } }),
      row({ fields: { plan_fee: 58, status: '正常', join_date: '2019-03-02', brand: null } }),
      // Empty, absent and the empty text are three things (an empty cell blanks a field; an absent column keeps it).
      row({ fields: { plan_fee: 58, status: '正常', join_date: '2019-03-01' } }),
      row({ fields: { plan_fee: 58, status: '正常', join_date: '2019-03-01', brand: '' } }),
      row({ fields: { plan_fee: 58, status: '正常', join_date: '2019-03-01', brand: 0 } }),
      // The same values under other keys, and a value moved from one key to the next.
      row({ fields: { plan_fee: 58, status: '正常', join_date: '2019-03-01', tier: null } }),
      row({ fields: { plan_fee: 58, status: '正常2019-03-01', join_date: '', brand: null } }),
      row({ idHash: null }),
      row({ idHash: 'ab13' }),
      row({ extra: {} }),
      row({ extra: { 积分: 1201 } }),
      row({ extra: { 积分: '1200' } }),
    ];
    const fingerprints = new Set([rowFingerprint(row()), ...variants.map(rowFingerprint)]);
    expect(fingerprints.size).toBe(variants.length + 1);
    const a = row();
    const b = row({ msisdn: '13800138001' });
    expect(hashOf([a, b])).not.toBe(hashOf([b, a]));
    expect(hashOf([a])).not.toBe(hashOf([a, a]));
    expect(hashOf([a], 'weekly_anomaly', '2026-12-31')).not.toBe(hashOf([a], 'weekly_anomaly', null));
    expect(hashOf([a], 'weekly_anomaly')).not.toBe(hashOf([a], 'dual_sim'));
  });

  it('is fed rows past one block of the hash the same as one by one', () => {
    // 1,024 fingerprints fill a block: a list of 3,000 rows crosses two, and one row changed near the end still counts.
    const rows = Array.from({ length: 3000 }, (_, i) => row({ msisdn: String(13800000000 + i) }));
    const changed = rows.map((r, i) => (i === 2999 ? row({ msisdn: r.msisdn, extra: { 积分: 0 } }) : r));
    expect(hashOf(rows)).toBe(hashOf(rows.map((r) => ({ ...r }))));
    expect(hashOf(changed)).not.toBe(hashOf(rows));
    expect(hashOf(rows.slice(0, 1024))).not.toBe(hashOf(rows.slice(0, 1025)));
  });
});
