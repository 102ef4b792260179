import { describe, expect, it } from 'vitest';
import { formatterFor } from '../../../renderer/src/format';

describe('rates on the dashboard and in its analysis', () => {
  it('always one decimal, so a column of rates lines up ("5.0%" beside "5.7%"); no rate is a dash', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const f = formatterFor(locale);
      expect(f.rate(0.05)).toBe('5.0%');
      expect(f.rate(0.0573)).toBe('5.7%');
      expect(f.rate(1)).toBe('100.0%');
      expect(f.rate(null)).toBe(f.missing);
    }
  });
});
