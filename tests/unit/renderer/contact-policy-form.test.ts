import { describe, expect, it } from 'vitest';
import { defaultContactPolicy } from '../../../core/contact/policy';
import { allFields, checkForm, inFormOrder, settingChangeText, toForm, type ChangeWords } from '../../../renderer/src/pages/contact/contactPolicyForm';
import { changedContactPolicyKeys } from '../../../core/contact/policy';
import { settingChanges } from '../../../core/setting-changes';
import { contactPolicyPaths } from '../../../core/i18n/contact-setting-labels';

describe('the contact rules form', () => {
  it('shows every setting but the outcome list, and reads back the same policy', () => {
    expect(allFields.map((f) => f.path).sort()).toEqual(contactPolicyPaths.filter((p) => p !== 'retryAfterDispositions').sort());
    const form = toForm(defaultContactPolicy);
    expect(form.phoneStartMinute).toBe('09:00');
    expect(form.phoneEndMinute).toBe('20:30');
    const c = checkForm(form, defaultContactPolicy, defaultContactPolicy);
    expect(c.policy).toEqual(defaultContactPolicy);
    expect([...c.changed]).toEqual([]);
  });

  it('reads typed times and numbers (full-width too) and names what changed', () => {
    const form = { ...toForm(defaultContactPolicy), phoneStartMinute: '０８：３０', retryAfterMinutes: '240', dndChannels: ['sms', 'phone'] as ('sms' | 'phone')[] };
    const c = checkForm(form, defaultContactPolicy, defaultContactPolicy);
    expect(c.policy).toMatchObject({ phoneStartMinute: 510, retryAfterMinutes: 240, dndChannels: ['phone', 'sms'] });
    expect([...c.changed].sort()).toEqual(['dndChannels', 'phoneStartMinute', 'retryAfterMinutes']);
  });

  it('puts each mistake at its field', () => {
    const form = { ...toForm(defaultContactPolicy), phoneStartMinute: '21:00', maxAttempts: '0', retryAfterMinutes: '2h', portingAppliedDays: '0', phoneEndMinute: '20:30' };
    const c = checkForm(form, defaultContactPolicy, defaultContactPolicy);
    expect(c.policy).toBeNull();
    expect(Object.fromEntries(c.errors)).toEqual({
      retryAfterMinutes: { key: 'contactPolicy.err.whole' },
      maxAttempts: { key: 'contactPolicy.err.min', params: { min: 1 } },
      portingAppliedDays: { key: 'contactPolicy.err.min', params: { min: 1 } },
      phoneEndMinute: { key: 'contactPolicy.err.hours' },
    });
    expect(checkForm({ ...toForm(defaultContactPolicy), phoneEndMinute: '25:00' }, defaultContactPolicy, defaultContactPolicy).errors.get('phoneEndMinute')).toEqual({ key: 'contactPolicy.err.time' });
    // A negative whole number is told its minimum, not that it is no whole number (found by a new user).
    expect(checkForm({ ...toForm(defaultContactPolicy), retryAfterMinutes: '-5' }, defaultContactPolicy, defaultContactPolicy).errors.get('retryAfterMinutes')).toEqual({
      key: 'contactPolicy.err.min',
      params: { min: 0 },
    });
  });

  it('says what a version changed as the form shows values: times, minutes, off at 0, channels by name or none', () => {
    const next = { ...defaultContactPolicy, phoneStartMinute: 8 * 60 + 30, retryAfterMinutes: 4_320, dndChannels: [], cancelledAfterOpenDays: 0 };
    const words: ChangeWords = {
      locale: 'zh-CN',
      amount: (unit, n) => `${n} ${{ min: '分钟', days: '天', times: '次' }[unit]}`,
      channelName: (c) => ({ phone: '外呼', sms: '短信', hall: '营业厅', visit: '上门' })[c],
      separator: '、',
      off: '不启用',
      none: '无',
      fromTo: (before, after) => `${before} → ${after}`,
    };
    const said = inFormOrder(settingChanges(defaultContactPolicy, next, changedContactPolicyKeys)).map((c) => [c.path, settingChangeText(c, words)]);
    expect(said).toEqual([
      ['phoneStartMinute', '09:00 → 08:30'],
      ['retryAfterMinutes', '120 分钟 → 4,320 分钟'],
      ['dndChannels', '外呼、短信、上门 → 无'],
      ['cancelledAfterOpenDays', `${defaultContactPolicy.cancelledAfterOpenDays} 天 → 不启用`],
    ]);
  });
});
