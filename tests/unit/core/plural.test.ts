import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../core/i18n';
import { choosePlurals } from '../../../core/i18n/plural';
import { catalogues, translator } from '../../../renderer/src/i18n/catalogue';

describe('English counts inflect (issue 15 #12: no "1 complaints")', () => {
  it('chooses the first word for exactly 1 and the second otherwise', () => {
    const m = '{count} {count|complaint|complaints}';
    expect(choosePlurals(m, { count: 1 })).toBe('{count} complaint');
    expect(choosePlurals(m, { count: 0 })).toBe('{count} complaints');
    expect(choosePlurals(m, { count: 2 })).toBe('{count} complaints');
    // a count already written as text, grouping included
    expect(choosePlurals(m, { count: '1' })).toBe('{count} complaint');
    expect(choosePlurals(m, { count: '12,345' })).toBe('{count} complaints');
    // never leaves braces for text that is not a number
    expect(choosePlurals(m, { count: 'many' })).toBe('{count} complaints');
    // without the parameter the form stays as written
    expect(choosePlurals(m, {})).toBe(m);
  });

  it("core's coded messages: the card's complaint reason", () => {
    expect(formatMessage('en', 'risk.complaints', { count: 1 })).toBe('1 complaint in the last 90 days');
    expect(formatMessage('en', 'risk.complaints', { count: 3 })).toBe('3 complaints in the last 90 days');
    expect(formatMessage('zh-CN', 'risk.complaints', { count: 1 })).toBe('近 90 天投诉 1 次');
  });

  it("the renderer's catalogue: the queue's total", () => {
    expect(translator('en')('queue.total', { count: 1 })).toBe('1 task');
    expect(translator('en')('queue.total', { count: 1200 })).toBe('1200 tasks');
  });

  it('no English message writes a bare plural noun after a count placeholder', () => {
    const nouns = /\{(count|n|total|rows|days|months|attempts|tasks)\} (?:new |open |valid )?(complaints|tasks|rows|customers|days|months|entries|lists|attempts|contacts|call-backs|times)\b/u;
    const offenders = Object.entries(catalogues.en).filter(([, text]) => nouns.test(text)).map(([k]) => k);
    expect(offenders).toEqual([]);
  });
});
