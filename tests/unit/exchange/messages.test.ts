import { describe, expect, it } from 'vitest';
import { defaultLocale, formatMessage, isMessageCode, locales } from '../../../core/i18n';
import { exchangeMessagesEn, exchangeMessagesZh } from '../../../core/i18n/exchange-messages';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('exchange messages', () => {
  it('have the same codes and placeholders in Chinese and English', () => {
    expect(Object.keys(exchangeMessagesEn).sort()).toEqual(Object.keys(exchangeMessagesZh).sort());
    for (const [code, zh] of Object.entries(exchangeMessagesZh)) {
      expect(placeholders(exchangeMessagesEn[code as keyof typeof exchangeMessagesEn]), code).toEqual(placeholders(zh));
    }
  });

  it('speak plainly: no programmer words in what an agent reads', () => {
    for (const text of [...Object.values(exchangeMessagesZh), ...Object.values(exchangeMessagesEn)]) {
      expect(text).not.toMatch(/\b(null|undefined|NaN|parse|regex|exception|stack|zip|XML|SheetJS|serial|UTF|GBK|encoding)\b/i);
    }
  });

  it('fills placeholders, shows fields by their label, and groups digits by locale', () => {
    expect(formatMessage('zh-CN', 'int.not-whole', { field: 'complaints_90d', value: '12.5' })).toBe('“近90天投诉次数”应为整数，这里是 12.5；此格按空值导入');
    expect(formatMessage('en', 'int.not-whole', { field: 'complaints_90d', value: '12.5' })).toBe(
      '"Complaints (90 days)" must be a whole number; here it is 12.5. Imported as empty',
    );
    expect(formatMessage('en', 'file.too-many-rows', { sheet: '清单', limit: 1048576 })).toBe(
      'The sheet "清单" has more than 1,048,576 rows — split it into several files',
    );
    expect(formatMessage('zh-CN', 'file.too-large', { size: 212.5, limit: 200 })).toBe('文件太大（212.5 MB），最多只能导入 200 MB，请分成几个文件');
  });

  it('shows an unknown code as itself and leaves a missing placeholder visible', () => {
    expect(isMessageCode('no.such-code')).toBe(false);
    expect(formatMessage('en', 'no.such-code')).toBe('no.such-code');
    expect(formatMessage('en', 'date.invalid', {})).toBe('"{value}" is not a date we can read; write it like 2026-11-23. Imported as empty');
    expect(locales).toContain(defaultLocale);
  });
});
