import { describe, expect, it } from 'vitest';
import { canContactNow } from '../../../core/contact/policy';
import { compiled, defaultRiskConfig } from '../../../core/risk/config';
import { reasonText } from '../../../core/risk/messages';
import { siblingReasons, siblingSignal, type SiblingLine } from '../../../core/risk/siblings';

/** One person, several lines (docs/product.md §4.5): which sibling signals count, and the once-a-day contact rule. */
const c = compiled(defaultRiskConfig);
const line = (patch: Partial<SiblingLine>): SiblingLine => ({
  msisdnMasked: '138****1234',
  level: 'stable',
  reasons: [],
  churned: null,
  churnDate: null,
  status: '正常',
  ...patch,
});

describe('siblingReasons', () => {
  it('counts a line that left, one in a terminal status, and a high one; nothing else', () => {
    expect(siblingSignal(line({ churned: 1 }), c)).toBe('churned');
    expect(siblingSignal(line({ churnDate: '2026-11-01' }), c)).toBe('churned');
    expect(siblingSignal(line({ status: '预销号', level: 'high' }), c)).toBe('terminal');
    expect(siblingSignal(line({ level: 'high', reasons: [{ code: 'tenure-long', points: -2 }, { code: 'suspended', points: 3 }] }), c)).toBe('high');
    expect(siblingSignal(line({ level: 'medium' }), c)).toBeNull();
    expect(siblingSignal(line({ churned: 0 }), c)).toBeNull();
  });

  it('is one reason per signalling line, with 0 points, said with the line’s main reason', () => {
    const reasons = siblingReasons(
      [
        line({ msisdnMasked: '138****0001', level: 'high', reasons: [{ code: 'suspended', points: 3 }, { code: 'arrears', points: 2 }] }),
        line({ msisdnMasked: '138****0002', level: 'low' }),
        line({ msisdnMasked: '138****0003', status: '冷冻期' }),
        line({ msisdnMasked: '138****0004', churned: '是' }),
      ],
      c,
    );
    expect(reasons).toEqual([
      { code: 'sibling-line-risk', points: 0, params: { number: '138****0001', signal: 'high', top: 'suspended' } },
      { code: 'sibling-line-risk', points: 0, params: { number: '138****0003', signal: 'terminal', status: '冷冻期' } },
      { code: 'sibling-line-risk', points: 0, params: { number: '138****0004', signal: 'churned' } },
    ]);
    expect(reasons.map((r) => reasonText('zh-CN', r))).toEqual([
      '同一证件下另一号码 138****0001 为高危（近期停机）',
      '同一证件下另一号码 138****0003 状态为“冷冻期”',
      '同一证件下另一号码 138****0004 已离网',
    ]);
    expect(reasonText('en', reasons[0]!)).toBe('Another line of the same ID, 138****0001, is at high risk (recently suspended)');
  });
});

describe('contact policy: one person is contacted once a day', () => {
  // 2026-11-20 12:00 Shanghai = 04:00 UTC.
  const ctx = { now: '2026-11-20T04:00:00.000Z', localMinuteOfDay: 12 * 60, today: '2026-11-20' };
  const sibling = { samePersonContactedToday: { msisdnMasked: '138****0001', at: '2026-11-20T02:00:00.000Z' } };

  it('blocks outbound channels until the next calling hours, never the hall', () => {
    const d = canContactNow({ attempts: [] }, sibling, 'phone', ctx);
    expect(d.allowed).toBe(false);
    expect(d.reasons).toEqual([{ code: 'same-person-contacted-today', params: { number: '138****0001', at: '2026-11-20T02:00:00.000Z' } }]);
    // Lifts at local midnight, and the phone waits for 09:00 the next morning.
    expect(d.nextAllowedAt).toBe('2026-11-21T01:00:00.000Z');
    expect(canContactNow({ attempts: [] }, sibling, 'sms', ctx).allowed).toBe(false);
    expect(canContactNow({ attempts: [] }, sibling, 'hall', ctx).allowed).toBe(true);
    expect(canContactNow({ attempts: [] }, { samePersonContactedToday: null }, 'phone', ctx).allowed).toBe(true);
  });
});
