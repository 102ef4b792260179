import { describe, expect, it } from 'vitest';
import { keepEdits } from '../../../renderer/src/components/keptEdits';

describe('a settings form whose active version changed under it', () => {
  const v1 = { highMin: '20', mediumMin: '14', lowMin: '8', channels: ['phone'] };
  it('keeps the fields the user changed, on top of the new version, and says which differ from it', () => {
    // The user typed 中危 12; meanwhile another supervisor saved 低危 7.
    const typed = { ...v1, mediumMin: '12' };
    const v2 = { ...v1, lowMin: '7' };
    expect(keepEdits(typed, v1, v2)).toEqual({ values: { ...v1, mediumMin: '12', lowMin: '7' }, changed: ['mediumMin'] });
  });
  it('takes the new version whole when nothing was typed, and after the user’s own save says nothing', () => {
    const v2 = { ...v1, lowMin: '7', channels: ['phone', 'sms'] };
    expect(keepEdits(v1, v1, v2)).toEqual({ values: v2, changed: [] });
    const saved = { ...v1, mediumMin: '12' };
    expect(keepEdits(saved, v1, saved)).toEqual({ values: saved, changed: [] });
  });
});
