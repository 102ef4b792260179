import { describe, expect, it } from 'vitest';
import { contactReasonText } from '../../../core/risk/messages';

/** The contact policy's reasons in an agent's words (core/i18n/risk-messages.ts). */
describe('contact reasons in words', () => {
  it('a complaint or a marketing contact made today says today, not "0 天前"', () => {
    expect(contactReasonText('zh-CN', { code: 'complaint-care-first', params: { days: 0 } })).toBe('今天有投诉，先转关怀处理，不做营销');
    expect(contactReasonText('en', { code: 'complaint-care-first', params: { days: 0 } })).toBe('Complained today: route to care first, no sales');
    expect(contactReasonText('zh-CN', { code: 'complaint-care-first', params: { days: 3 } })).toBe('3 天前有投诉，先转关怀处理，不做营销');
    expect(contactReasonText('zh-CN', { code: 'marketing-gap', params: { days: 0, last: '2026-12-06', gap: 60 } })).toMatch(/^今天（2026-12-06）刚营销过，60 天内/);
    expect(contactReasonText('en', { code: 'marketing-gap', params: { days: 0, last: '2026-12-06', gap: 60 } })).toMatch(/^Marketed today \(2026-12-06\); no phone/);
    expect(contactReasonText('en', { code: 'marketing-gap', params: { days: 1, last: '2026-12-05', gap: 60 } })).toMatch(/^Marketed 1 day ago/);
  });
});
