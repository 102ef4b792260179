import { describe, expect, it } from 'vitest';
import { templateSheets } from '../../../core/exchange/catalogue';
import { catalogueCode } from '../../../core/offers/catalogue';

/**
 * A code's format as the template's notes say it is the one the check applies: they said "letters, digits,
 * underscores" while a code with a dot or a dash was taken, and one with a space refused with another list of
 * characters (found by a supervisor's pass).
 */
describe('a catalogue code, as its template says it', () => {
  it('names every kind of character the check takes, and the check takes them', () => {
    for (const kind of ['offers', 'plans'] as const) {
      const notes = templateSheets(kind, 'zh-CN')[1]!.rows as unknown[][];
      expect(notes.find((r) => r[1] === 'code')?.[3], kind).toBe('字母、数字、下划线、点和短横线，以字母或数字开头，最长 40 位');
      const en = templateSheets(kind, 'en')[1]!.rows as unknown[][];
      expect(en.find((r) => r[1] === 'code')?.[3], kind).toBe('Letters, digits, underscores, dots and dashes, starting with a letter or digit; at most 40');
    }
    for (const ok of ['GOLD_LOYAL', 'v1.2-PLAN', '9X']) expect(catalogueCode.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['GOLD LOYAL', '_X', '-X', 'X'.repeat(41)]) expect(catalogueCode.safeParse(bad).success, bad).toBe(false);
  });
});
