import { describe, expect, it } from 'vitest';
import { canContactNow, changedContactPolicyKeys, contactPolicySchema, defaultContactPolicy, queueBlockedUntil, type ContactAttemptFact } from '../../../core/contact/policy';
import { deriveTaskStatus } from '../../../core/contact/status';
import { contactSettingLabel, contactPolicyPaths } from '../../../core/i18n/contact-setting-labels';
import { formatMessage, isMessageCode } from '../../../core/i18n';

// 2026-11-20 12:00 Shanghai = 04:00 UTC.
const ctx = { now: '2026-11-20T04:00:00.000Z', localMinuteOfDay: 12 * 60, today: '2026-11-20' };
const none = { attempts: [] as ContactAttemptFact[] };
const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);

describe('the contact policy as configuration (issue 16 #3)', () => {
  it('the defaults pass the schema, and calling hours must start before they end', () => {
    expect(contactPolicySchema.safeParse(defaultContactPolicy).success).toBe(true);
    const bad = contactPolicySchema.safeParse({ ...defaultContactPolicy, phoneStartMinute: 21 * 60 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['phoneEndMinute']);
    // The porting rule cannot be switched off: the rules forbid interfering after an application.
    expect(contactPolicySchema.safeParse({ ...defaultContactPolicy, portingAppliedDays: 0 }).success).toBe(false);
  });

  it('names the settings two versions differ in, a channel list as one setting', () => {
    const next = { ...defaultContactPolicy, retryAfterMinutes: 240, dndChannels: ['phone' as const], unsubscribedDays: 0 };
    expect(changedContactPolicyKeys(defaultContactPolicy, next).sort()).toEqual(['dndChannels', 'retryAfterMinutes', 'unsubscribedDays']);
    expect(changedContactPolicyKeys(defaultContactPolicy, { ...defaultContactPolicy })).toEqual([]);
  });

  it('every setting has a label in both languages, and the audit reads it in words', () => {
    for (const path of contactPolicyPaths) {
      expect(contactSettingLabel('zh-CN', path)).not.toBe(path);
      expect(contactSettingLabel('en', path)).not.toBe(path);
    }
    expect(contactSettingLabel('zh-CN', 'retryAfterMinutes')).toBe('未接通后再拨间隔');
    expect(contactSettingLabel('en', 'nonsense')).toBe('nonsense');
  });

  it('the attempt limit is one number for the policy and the status rule', () => {
    const policy = { ...defaultContactPolicy, maxAttempts: 2 };
    const two = [
      { at: '2026-11-18T02:00:00Z', disposition: 'no_answer', channel: 'phone' },
      { at: '2026-11-19T02:00:00Z', disposition: 'busy', channel: 'phone' },
    ];
    expect(codes(canContactNow({ attempts: two }, {}, 'phone', { ...ctx, policy }))).toContain('attempts-exhausted');
    expect(deriveTaskStatus(two, { now: ctx.now, today: ctx.today, dueDate: null, policy }).status).toBe('closed_unreachable');
    expect(canContactNow({ attempts: two }, {}, 'phone', ctx).allowed).toBe(true);
  });
});

describe('the VAS programme’s marketing-history filters', () => {
  it('opened then cancelled within the window blocks outbound marketing until it lifts; the hall and care are served', () => {
    const d = canContactNow(none, { cancelledAfterOpen: '2026-10-01' }, 'phone', ctx);
    expect(d.reasons).toEqual([{ code: 'recently-cancelled', params: { date: '2026-10-01', days: 50, window: 90 } }]);
    // 2026-10-01 + 91 days = 2026-12-31, local midnight → the next opening at 09:00 local (01:00 UTC).
    expect(d.nextAllowedAt).toBe('2026-12-31T01:00:00.000Z');
    expect(canContactNow(none, { cancelledAfterOpen: '2026-10-01' }, 'hall', ctx).allowed).toBe(true);
    expect(canContactNow(none, { cancelledAfterOpen: '2026-10-01' }, 'phone', { ...ctx, purpose: 'care' }).allowed).toBe(true);
    expect(canContactNow(none, { cancelledAfterOpen: '2026-08-01' }, 'phone', ctx).allowed).toBe(true);
  });

  it('a trial without an order within 6 months; an ordered trial does not block', () => {
    expect(codes(canContactNow(none, { trialStart: '2026-07-01' }, 'sms', ctx))).toEqual(['trial-not-ordered']);
    expect(canContactNow(none, { trialStart: '2026-07-01', trialOrdered: 1 }, 'sms', ctx).allowed).toBe(true);
    expect(canContactNow(none, { trialStart: '2026-04-01' }, 'sms', ctx).allowed).toBe(true);
  });

  it('a voluntary unsubscribe within a year', () => {
    expect(codes(canContactNow(none, { lastUnsubscribed: '2026-01-05' }, 'visit', ctx))).toEqual(['recently-unsubscribed']);
    expect(canContactNow(none, { lastUnsubscribed: '2026-01-05' }, 'visit', { ...ctx, policy: { ...defaultContactPolicy, unsubscribedDays: 0 } }).allowed).toBe(true);
  });

  it('marketed on any channel within 3 months (the central system’s date or our own earlier contact), when switched on', () => {
    const policy = { ...defaultContactPolicy, marketedAnyChannelDays: 90, marketingGapDays: 0 };
    expect(canContactNow(none, { lastMarketed: '2026-09-10' }, 'phone', ctx).allowed).toBe(true); // off by default (61+ days: past the 60-day gap)
    expect(codes(canContactNow(none, { lastMarketed: '2026-09-10' }, 'visit', { ...ctx, policy }))).toEqual(['marketed-recently']);
    expect(codes(canContactNow(none, { lastContactedByUs: '2026-10-20T03:00:00.000Z' }, 'phone', { ...ctx, policy }))).toEqual(['marketed-recently']);
    expect(canContactNow(none, { lastContactedByUs: '2026-10-20T03:00:00.000Z' }, 'hall', { ...ctx, policy }).allowed).toBe(true);
  });

  it('each filter has its own message in both languages', () => {
    for (const code of ['recently-cancelled', 'trial-not-ordered', 'recently-unsubscribed', 'marketed-recently', 'porting-applied'] as const) {
      expect(isMessageCode(`contact.${code}`)).toBe(true);
      expect(formatMessage('en', `contact.${code}`, { date: '2026-10-01', days: 3, window: 90 })).not.toMatch(/\{/u);
    }
  });
});

describe('number portability (issue 16 #6)', () => {
  it('after a porting application no sale on any channel, the hall included; care is allowed', () => {
    const s = { portingApplied: '2026-11-18' };
    for (const ch of ['phone', 'sms', 'hall', 'visit'] as const) {
      const d = canContactNow(none, s, ch, ctx);
      expect(codes(d)).toContain('porting-applied');
    }
    expect(canContactNow(none, s, 'phone', { ...ctx, purpose: 'care' }).allowed).toBe(true);
    expect(canContactNow(none, s, 'hall', ctx).reasons[0]).toEqual({ code: 'porting-applied', params: { date: '2026-11-18', days: 2 } });
    expect(queueBlockedUntil(none, s, ctx)).not.toBeNull();
    // An application long past (the port went through or was withdrawn) no longer blocks.
    expect(canContactNow(none, { portingApplied: '2026-09-01' }, 'phone', ctx).allowed).toBe(true);
  });
});
