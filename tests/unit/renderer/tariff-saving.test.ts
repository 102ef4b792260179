import { describe, expect, it } from 'vitest';
import { offerNumbersFor } from '../../../renderer/src/pages/hall/offerNumbers';

describe('the tariff preview’s monthly saving', () => {
  it('puts the sign before ¥, as the row above it and the 换品牌 chip do: "−¥16.75", not "¥−16.75"', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const n = offerNumbersFor(locale);
      expect(n.saving(8.7)).toBe('+¥8.70');
      expect(n.saving(-16.75)).toBe('\u2212¥16.75');
      expect(n.saving(-1234.5)).toBe('\u2212¥1,234.50');
      expect(n.saving(0)).toBe('¥0.00');
    }
  });
});
