import { describe, expect, it } from 'vitest';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { addMonths, arpuAfter, followUpPlan, retentionVerdict } from '../../../core/offers/follow-up';

describe('follow-ups and what a success keeps (issue 17 #4, issue 18 #3)', () => {
  it('a follow-up falls due its days after the acceptance and stays open a week; an offer without one gives none', () => {
    expect(followUpPlan({ follow_up_kind: 'visit', follow_up_days: 7 }, '2026-12-28')).toEqual({ kind: 'visit', on: '2027-01-04', dueDate: '2027-01-11' });
    expect(followUpPlan({ follow_up_kind: null, follow_up_days: null }, '2026-12-28')).toBeNull();
  });

  it('the default brand migration offer requires a visit after 7 days', () => {
    expect(defaultOffers.find((o) => o.code === 'BRAND_MIGRATION')).toMatchObject({ follow_up_kind: 'visit', follow_up_days: 7 });
  });

  it('months are calendar months, the 31st landing on a shorter month’s last day', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-05T03:00:00Z', 1)).toBe('2027-01-05');
  });

  it('kept: active three months on; lost: churned before, suspended at three months, or moved off the accepted plan', () => {
    const s = { on: '2026-09-01', planAccepted: 'QQT128' };
    expect(retentionVerdict(s, { on: '2026-12-01', status: '正常', planCode: 'QQT128' })).toBe('retained');
    expect(retentionVerdict(s, { on: '2026-11-30', status: '正常' })).toBeNull(); // not three months yet
    expect(retentionVerdict(s, { on: '2026-10-15', status: '停机' })).toBeNull(); // a suspension may lift
    expect(retentionVerdict(s, { on: '2026-12-02', status: '欠费停机' })).toBe('not-retained');
    expect(retentionVerdict(s, { on: '2026-10-15', churned: 1, churnDate: '2026-10-10' })).toBe('not-retained');
    expect(retentionVerdict(s, { on: '2026-12-15', churned: 1, churnDate: '2026-12-10' })).toBe('retained');
    expect(retentionVerdict(s, { on: '2026-12-15', status: '正常', planCode: 'SZX38' })).toBe('not-retained');
    expect(retentionVerdict({ on: '2026-09-01', planAccepted: null }, { on: '2026-12-15', status: '正常', planCode: 'SZX38' })).toBe('retained');
    expect(retentionVerdict(s, { on: '2026-12-15', planCode: 'QQT128' })).toBeNull(); // no status or churn column: says nothing
    expect(retentionVerdict(s, { on: '2026-12-15', status: null, churned: null, planCode: 'QQT128' })).toBeNull(); // blank cells: no evidence
    expect(retentionVerdict(s, { on: '2026-12-15', churned: 0 })).toBe('retained'); // 是否离网 = 否 three months on
  });

  it('ARPU after comes from the first file a month or more later; a churned line keeps 0', () => {
    expect(arpuAfter('2026-11-05', { on: '2026-12-04', arpuCur: 90 })).toBeNull();
    expect(arpuAfter('2026-11-05', { on: '2026-12-05', arpuCur: 90, arpuLastMonth: 80 })).toBe(90);
    expect(arpuAfter('2026-11-05', { on: '2026-12-05', arpuLastMonth: 80 })).toBe(80);
    expect(arpuAfter('2026-11-05', { on: '2026-12-05', churned: 1, arpuCur: 90 })).toBe(0);
  });
});
