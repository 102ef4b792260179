import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canContactNow, defaultContactPolicy, PERMANENT_BLOCK, queueBlockedUntil, queuePriority, phoneCallableWithin, queuePriorityTerms, validateCallback, type ContactAttemptFact } from '../../../core/contact/policy';
import { channels, type Channel } from '../../../core/contact/codes';
import { contactReasonText } from '../../../core/risk/messages';

// 2026-11-20 12:00 Shanghai = 04:00 UTC.
const ctx = { now: '2026-11-20T04:00:00.000Z', localMinuteOfDay: 12 * 60, today: '2026-11-20' };
const none = { attempts: [] as ContactAttemptFact[] };
const att = (at: string, disposition: string, extra: Partial<ContactAttemptFact> = {}): ContactAttemptFact => ({ at, disposition, channel: 'phone', ...extra });
const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);

describe('canContactNow', () => {
  it('allows a fresh task in hours', () => {
    expect(canContactNow(none, {}, 'phone', ctx)).toMatchObject({ allowed: true, reasons: [], status: 'pending' });
  });

  it.each([
    ['08:59', 8 * 60 + 59, false, '2026-11-20T01:00:00.000Z'],
    ['09:00', 9 * 60, true, undefined],
    ['20:29', 20 * 60 + 29, true, undefined],
    ['20:30', 20 * 60 + 30, false, '2026-11-21T01:00:00.000Z'],
  ] as const)('phone at %s', (_l, minute, allowed, next) => {
    const now = new Date(Date.UTC(2026, 10, 20) + (minute - 8 * 60) * 60_000).toISOString();
    const d = canContactNow(none, {}, 'phone', { ...ctx, now, localMinuteOfDay: minute });
    expect(d.allowed).toBe(allowed);
    expect(d.nextAllowedAt).toBe(next);
    if (!allowed) expect(d.reasons[0]).toEqual({ code: 'outside-hours', params: { from: '09:00', to: '20:30' } });
    // Hours bind the phone only; a hall walk-in at 08:59 is served.
    expect(canContactNow(none, {}, 'hall', { ...ctx, now, localMinuteOfDay: minute }).allowed).toBe(true);
  });

  it('a follow-up waits for its day, then is care: the marketing filters do not hold it back (issue 17 #4)', () => {
    const followUp = { attempts: [], followUpOn: '2026-11-27' };
    const marketed = { lastContactedByUs: '2026-11-20T02:00:00.000Z', lastMarketed: '2026-11-19' };
    const before = canContactNow(followUp, marketed, 'phone', ctx);
    expect(codes(before)).toEqual(['follow-up-not-yet']);
    expect(before.reasons[0]!.params).toEqual({ date: '2026-11-27' });
    expect(queueBlockedUntil(followUp, marketed, ctx)).toBe('2026-11-26T16:00:00.000Z'); // local midnight of the 27th
    expect(canContactNow(followUp, marketed, 'hall', ctx).allowed).toBe(true);
    const onDay = { ...ctx, now: '2026-11-27T04:00:00.000Z', today: '2026-11-27' };
    expect(canContactNow(followUp, marketed, 'phone', onDay).allowed).toBe(true);
    // The same customer on a sales task would be held back by our own recent contact.
    expect(canContactNow(none, marketed, 'phone', onDay).allowed).toBe(false);
  });

  it("the 60-day marketing gap counts from this desk's own sale or decline on an earlier task too, when it is later than the central system's date", () => {
    // A campaign run an hour after a customer accepted an offer made them a new task, callable at once (found by a
    // supervisor's first campaign): the central system's 最近营销日期 only learns of our contacts from the outcome file.
    const ours = { lastContactedByUs: '2026-11-20T03:00:00.000Z' };
    const phone = canContactNow(none, ours, 'phone', ctx);
    expect(codes(phone)).toEqual(['marketing-gap']);
    expect(phone.reasons[0]!.params).toEqual({ days: 0, last: '2026-11-20', gap: 60 });
    expect(phone.nextAllowedAt).toBe('2027-01-20T01:00:00.000Z'); // day 61, when calling hours start
    expect(canContactNow(none, ours, 'sms', ctx).allowed).toBe(false);
    expect(canContactNow(none, ours, 'hall', ctx).allowed).toBe(true); // the customer's own visit
    // The later of the two dates counts.
    const both = canContactNow(none, { lastMarketed: '2026-08-01', lastContactedByUs: '2026-11-01T03:00:00.000Z' }, 'phone', ctx);
    expect(both.reasons[0]!.params).toEqual({ days: 19, last: '2026-11-01', gap: 60 });
    expect(canContactNow(none, { lastMarketed: '2026-11-10', lastContactedByUs: '2026-09-01T03:00:00.000Z' }, 'phone', ctx).reasons[0]!.params).toEqual({ days: 10, last: '2026-11-10', gap: 60 });
    // Past the gap, or with the gap switched off, it no longer holds.
    expect(canContactNow(none, { lastContactedByUs: '2026-09-15T03:00:00.000Z' }, 'phone', ctx).allowed).toBe(true);
    expect(canContactNow(none, { lastContactedByUs: '2026-11-19T03:00:00.000Z' }, 'phone', { ...ctx, policy: { ...defaultContactPolicy, marketingGapDays: 0 } }).allowed).toBe(true);
  });

  it('a task the attempt limit closed after the customer was reached says so, in both languages', () => {
    const reached = [att('2026-11-18T02:00:00Z', 'no_answer'), att('2026-11-19T02:00:00Z', 'busy'), att('2026-11-19T06:00:00Z', 'complaint')];
    const d = canContactNow({ attempts: reached }, {}, 'phone', ctx);
    const closed = d.reasons.find((r) => r.code === 'task-closed')!;
    expect(closed.params).toMatchObject({ status: 'closed_unreachable', limit: 3 });
    expect(contactReasonText('zh-CN', closed)).toBe('任务已结束（3 次尝试已用完）');
    expect(contactReasonText('en', closed)).toBe('The task is closed (its 3 attempts are used up)');
    // Three calls that never reached the customer are 无法接通, as the status says.
    const unreached = [att('2026-11-18T02:00:00Z', 'no_answer'), att('2026-11-19T02:00:00Z', 'busy'), att('2026-11-19T06:00:00Z', 'no_answer')];
    expect(canContactNow({ attempts: unreached }, {}, 'phone', ctx).reasons.find((r) => r.code === 'task-closed')!.params).toEqual({ status: 'closed_unreachable' });
  });

  it('never calls or texts a do-not-disturb number; serves it in the hall', () => {
    expect(codes(canContactNow(none, { doNotDisturb: 1 }, 'phone', ctx))).toEqual(['do-not-disturb']);
    expect(canContactNow(none, { doNotDisturb: true }, 'sms', ctx).nextAllowedAt).toBeUndefined();
    expect(canContactNow(none, { doNotDisturb: 1 }, 'hall', ctx).allowed).toBe(true);
  });

  it('never calls, texts or visits a customer who asked not to be contacted again, whatever their file says; serves them in the hall', () => {
    const refused = { contactRefusedAt: '2026-11-18T02:00:00.000Z', doNotDisturb: 0 };
    const phone = canContactNow(none, refused, 'phone', ctx);
    expect(codes(phone)).toEqual(['asked-not-to-be-contacted']);
    expect(phone.reasons[0]!.params).toEqual({ date: '2026-11-18' });
    expect(phone.nextAllowedAt).toBeUndefined(); // no time lifts it
    for (const channel of ['sms', 'visit'] as const) expect(canContactNow(none, refused, channel, ctx).allowed).toBe(false);
    expect(canContactNow(none, refused, 'hall', ctx).allowed).toBe(true);
    // A follow-up (care, not a sale) is a call too.
    expect(canContactNow({ attempts: [], followUpOn: '2026-11-19' }, refused, 'phone', ctx).allowed).toBe(false);
    expect(queueBlockedUntil(none, refused, ctx)).toBe(PERMANENT_BLOCK);
  });

  it('a task a churn or a request not to be contacted ended says so in its closing reason; a plain decline by its status alone', () => {
    const closing = (d: string) => canContactNow({ attempts: [att('2026-11-19T02:00:00Z', d)] }, {}, 'phone', ctx).reasons.find((r) => r.code === 'task-closed')!.params;
    expect(closing('churned')).toEqual({ status: 'closed_declined', by: 'churned' });
    expect(closing('do_not_call')).toEqual({ status: 'closed_declined', by: 'do_not_call' });
    expect(closing('declined')).toEqual({ status: 'closed_declined' });
    expect(contactReasonText('zh-CN', { code: 'task-closed', params: { status: '客户拒绝', by: '已离网' } })).toBe('任务已结束（已离网）');
    expect(contactReasonText('zh-CN', { code: 'task-closed', params: { status: '客户拒绝' } })).toBe('任务已结束（客户拒绝）');
  });

  it('at most 3 attempts; hall visits do not count', () => {
    const three = [att('2026-11-18T02:00:00Z', 'no_answer'), att('2026-11-18T06:00:00Z', 'busy'), att('2026-11-19T02:00:00Z', 'wrong_person')];
    expect(codes(canContactNow({ attempts: three }, {}, 'phone', ctx))).toContain('attempts-exhausted');
    const withHall = [...three.slice(0, 2), att('2026-11-19T02:00:00Z', 'wrong_person', { channel: 'hall' })];
    expect(canContactNow({ attempts: withHall }, {}, 'phone', ctx).allowed).toBe(true);
  });

  it('says how many outbound attempts are left before the task closes as unreachable; a call-back starts the count again', () => {
    const two = [att('2026-11-18T02:00:00Z', 'no_answer'), att('2026-11-18T06:00:00Z', 'busy')];
    expect(canContactNow(none, {}, 'phone', ctx).attemptsLeft).toBe(3);
    expect(canContactNow({ attempts: two }, {}, 'phone', ctx).attemptsLeft).toBe(1);
    expect(canContactNow({ attempts: [...two, att('2026-11-19T02:00:00Z', 'no_answer', { channel: 'hall' })] }, {}, 'phone', ctx).attemptsLeft).toBe(1);
    const asked = [...two, att('2026-11-19T02:00:00Z', 'callback', { callbackAt: '2026-11-20T03:00:00Z' })];
    expect(canContactNow({ attempts: asked }, {}, 'phone', ctx).attemptsLeft).toBe(3);
    // The hall is not counted against the limit, so nothing is left or spent there.
    expect(canContactNow({ attempts: two }, {}, 'hall', ctx).attemptsLeft).toBeUndefined();
  });

  it('a call-back the customer asked for restarts the count: a busy signal after it leaves the task callable (issue 15 #3)', () => {
    const a = [
      att('2026-11-17T02:00:00Z', 'no_answer'),
      att('2026-11-17T06:00:00Z', 'no_answer'),
      att('2026-11-18T02:00:00Z', 'callback', { callbackAt: '2026-11-19T02:00:00.000Z' }),
      att('2026-11-19T02:00:00Z', 'busy'),
    ];
    const d = canContactNow({ attempts: a }, {}, 'phone', ctx);
    expect(d.allowed).toBe(true);
    expect(d.status).toBe('in_progress');
  });

  it('a call-back the customer asked for is made at its time, whatever the marketing filters say; do-not-disturb and a porting application still stand', () => {
    // Booked in the hall yesterday by a customer the central file marked as marketed 10 days ago: the 60-day marketing
    // interval held the call-back for weeks (found driving the queue as a supervisor).
    const asked = [att('2026-11-19T02:00:00Z', 'callback', { callbackAt: '2026-11-20T03:00:00.000Z', channel: 'hall' })];
    const marketed = { lastMarketed: '2026-11-10', lastContactedByUs: '2026-11-12T02:00:00.000Z', lastUnsubscribed: '2026-10-01' };
    const due = canContactNow({ attempts: asked }, marketed, 'phone', ctx);
    expect(due).toMatchObject({ allowed: true, status: 'callback_due' });
    // Before its time the queue holds it until then, not until the marketing interval ends.
    const early = { ...ctx, now: '2026-11-19T06:00:00.000Z', today: '2026-11-19', localMinuteOfDay: 14 * 60 };
    expect(queueBlockedUntil({ attempts: asked }, marketed, early)).toBe('2026-11-20T03:00:00.000Z');
    // Not answered at that time: still the customer's request — only the retry spacing holds it, not the marketing gap
    // (it went back under the gap, weeks away, after one busy signal).
    const missed = [...asked, att('2026-11-20T03:30:00.000Z', 'no_answer')];
    const after = canContactNow({ attempts: missed }, marketed, 'phone', ctx);
    expect(codes(after)).toEqual(['retry-too-soon']);
    expect(after.nextAllowedAt).toBe('2026-11-20T05:30:00.000Z');
    // Once the customer has said something else, the request is over and the filters apply again.
    const answered = [...missed, att('2026-11-20T03:40:00.000Z', 'wrong_person')];
    expect(codes(canContactNow({ attempts: answered }, marketed, 'phone', ctx))).toContain('marketing-gap');
    // The same customer without a call-back due is held back, as before.
    expect(codes(canContactNow(none, marketed, 'phone', ctx))).toEqual(expect.arrayContaining(['marketing-gap', 'recently-unsubscribed']));
    expect(codes(canContactNow({ attempts: asked }, { ...marketed, doNotDisturb: 1 }, 'phone', ctx))).toContain('do-not-disturb');
    expect(codes(canContactNow({ attempts: asked }, { ...marketed, portingApplied: '2026-11-18' }, 'phone', ctx))).toContain('porting-applied');
  });

  it('retries a no-answer no sooner than 2 hours later', () => {
    const d = canContactNow({ attempts: [att('2026-11-20T03:00:00.000Z', 'no_answer')] }, {}, 'phone', ctx);
    expect(d.reasons).toEqual([{ code: 'retry-too-soon', params: { at: '2026-11-20T03:00:00.000Z', minutes: 60 } }]);
    expect(d.nextAllowedAt).toBe('2026-11-20T05:00:00.000Z');
    expect(canContactNow({ attempts: [att('2026-11-20T02:00:00.000Z', 'no_answer')] }, {}, 'phone', ctx).allowed).toBe(true);
  });

  it('holds a callback until its time, then allows it even at the attempt limit', () => {
    const cb = [att('2026-11-19T02:00:00Z', 'no_answer'), att('2026-11-19T05:00:00Z', 'no_answer'), att('2026-11-19T08:00:00Z', 'callback', { callbackAt: '2026-11-20T06:00:00.000Z' })];
    const before = canContactNow({ attempts: cb }, {}, 'phone', ctx);
    expect(codes(before)).toEqual(['callback-scheduled']);
    expect(before.nextAllowedAt).toBe('2026-11-20T06:00:00.000Z');
    const due = canContactNow({ attempts: cb }, {}, 'phone', { ...ctx, now: '2026-11-20T06:30:00.000Z', localMinuteOfDay: 14 * 60 + 30 });
    expect(due).toMatchObject({ allowed: true, status: 'callback_due' });
  });

  it('keeps a 60-day marketing gap on phone and SMS, not in the hall', () => {
    const d = canContactNow(none, { lastMarketed: '2026-10-01' }, 'sms', ctx);
    expect(d.reasons).toEqual([{ code: 'marketing-gap', params: { days: 50, last: '2026-10-01', gap: 60 } }]);
    expect(d.nextAllowedAt).toBe('2026-11-30T16:00:00.000Z'); // local midnight of 12-01 (day 61)
    expect(canContactNow(none, { lastMarketed: '2026-10-01' }, 'phone', ctx).nextAllowedAt).toBe('2026-12-01T01:00:00.000Z'); // 09:00 local
    expect(canContactNow(none, { lastMarketed: '2026-09-21' }, 'phone', ctx).allowed).toBe(false); // 60 days ago: still within
    expect(canContactNow(none, { lastMarketed: '2026-09-20' }, 'phone', ctx).allowed).toBe(true);
    expect(canContactNow(none, { lastMarketed: '2026-10-01' }, 'hall', ctx).allowed).toBe(true);
  });

  it('routes a recent complaint to care before any sale, on every channel', () => {
    const d = canContactNow(none, { lastComplaint: '2026-11-10' }, 'hall', ctx);
    expect(d).toMatchObject({ allowed: false, routeToCare: true, reasons: [{ code: 'complaint-care-first', params: { days: 10 } }] });
    expect(canContactNow(none, { lastComplaint: '2026-11-10' }, 'phone', { ...ctx, purpose: 'care' })).toMatchObject({ allowed: true, routeToCare: true });
    expect(canContactNow(none, { lastComplaint: '2026-11-06' }, 'phone', ctx).allowed).toBe(false); // 14 days ago
    expect(canContactNow(none, { lastComplaint: '2026-11-05' }, 'phone', ctx).allowed).toBe(true);
    const escalated = [att('2026-11-19T02:00:00Z', 'complaint')];
    expect(codes(canContactNow({ attempts: escalated }, {}, 'hall', ctx))).toEqual(['complaint-care-first']);
  });

  it('does not contact a closed task outbound', () => {
    const d = canContactNow({ attempts: [att('2026-11-19T02:00:00Z', 'accepted')] }, {}, 'phone', ctx);
    expect(d.reasons[0]).toEqual({ code: 'task-closed', params: { status: 'closed_success' } });
    expect(canContactNow({ attempts: [], dueDate: '2026-11-19' }, {}, 'phone', ctx).status).toBe('expired');
  });

  const minute = fc.integer({ min: 0, max: 1439 });
  const channel = fc.constantFrom(...channels) as fc.Arbitrary<Channel>;
  const disposition = fc.constantFrom('no_answer', 'busy', 'callback', 'declined', 'complaint', 'wrong_person');
  const attempts = fc.array(
    fc.record({ h: fc.integer({ min: -400, max: 0 }), disposition, cbH: fc.integer({ min: -20, max: 200 }) }).map((a): ContactAttemptFact => ({
      at: new Date(Date.parse(ctx.now) + a.h * 3_600_000).toISOString(),
      disposition: a.disposition,
      channel: 'phone',
      callbackAt: a.disposition === 'callback' ? new Date(Date.parse(ctx.now) + a.cbH * 3_600_000).toISOString() : null,
    })),
    { maxLength: 4 },
  );
  const facts = fc.record({
    doNotDisturb: fc.constantFrom(0, 1, null),
    lastMarketed: fc.option(fc.constantFrom('2026-11-01', '2026-06-01'), { nil: null }),
    lastComplaint: fc.option(fc.constantFrom('2026-11-15', '2026-01-01'), { nil: null }),
  });

  it('property: a do-not-disturb number is never allowed on phone or SMS', () => {
    fc.assert(
      fc.property(attempts, facts, minute, fc.constantFrom('phone', 'sms') as fc.Arbitrary<Channel>, fc.constantFrom<'marketing' | 'care'>('marketing', 'care'), (a, f, m, ch, purpose) => {
        expect(canContactNow({ attempts: a }, { ...f, doNotDisturb: 1 }, ch, { ...ctx, localMinuteOfDay: m, purpose }).allowed).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('property: never allowed on the phone outside hours; nextAllowedAt, when given, is inside hours and in the future', () => {
    fc.assert(
      fc.property(attempts, facts, minute, channel, (a, f, m, ch) => {
        const now = new Date(Date.UTC(2026, 10, 20) + (m - 8 * 60) * 60_000).toISOString();
        const d = canContactNow({ attempts: a }, f, ch, { ...ctx, now, localMinuteOfDay: m });
        const inHours = m >= defaultContactPolicy.phoneStartMinute && m < defaultContactPolicy.phoneEndMinute;
        if (ch === 'phone' && !inHours) expect(d.allowed).toBe(false);
        if (d.nextAllowedAt) {
          expect(d.nextAllowedAt > now).toBe(true);
          if (ch === 'phone') {
            const local = ((Date.parse(d.nextAllowedAt) / 60_000 + 8 * 60) % 1440 + 1440) % 1440;
            expect(local >= 540 && local < 1230).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('callbacks and queue priority', () => {
  it('callbacks up to 30 days ahead', () => {
    expect(validateCallback('2026-12-20T04:00:00.000Z', ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toEqual({ ok: true });
    expect(validateCallback('2026-12-20T04:00:01.000Z', ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toMatchObject({ ok: false, reason: { code: 'callback-too-far' } });
    expect(validateCallback('2026-11-20T03:59:00.000Z', ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toMatchObject({ ok: false, reason: { code: 'callback-in-past' } });
  });

  it('a call-back is booked inside calling hours: nobody may phone the customer at a time promised outside them', () => {
    // ctx: local noon (UTC+8). Calling hours 09:00–20:30 local.
    const at = (local: string) => new Date(Date.parse(`2026-11-21T${local}:00+08:00`)).toISOString();
    const refused = { ok: false, reason: { code: 'callback-outside-hours', params: { from: '09:00', to: '20:30' } } };
    expect(validateCallback(at('23:00'), ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toEqual(refused);
    expect(validateCallback(at('08:59'), ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toEqual(refused);
    expect(validateCallback(at('20:30'), ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toEqual(refused);
    expect(validateCallback(at('09:00'), ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toEqual({ ok: true });
    expect(validateCallback(at('20:29'), ctx.now, defaultContactPolicy, ctx.localMinuteOfDay)).toEqual({ ok: true });
    // The supervisor's hours, as the contact rules set them; none when phone calls have no hours.
    const late = { ...defaultContactPolicy, phoneStartMinute: 10 * 60, phoneEndMinute: 21 * 60 + 15 };
    expect(validateCallback(at('09:30'), ctx.now, late, ctx.localMinuteOfDay)).toMatchObject({ ok: false, reason: { params: { from: '10:00', to: '21:15' } } });
    expect(validateCallback(at('21:00'), ctx.now, late, ctx.localMinuteOfDay)).toEqual({ ok: true });
    expect(validateCallback(at('23:00'), ctx.now, { ...defaultContactPolicy, hoursChannels: ['sms'] }, ctx.localMinuteOfDay)).toEqual({ ok: true });
  });

  it('the call-back picker offers an hour when a call may start in it (20:00–20:59 for 20:00–20:29)', () => {
    const hour = (h: number, policy = defaultContactPolicy) => phoneCallableWithin(h * 60, h * 60 + 59, policy);
    expect([8, 9, 20, 21].map((h) => hour(h))).toEqual([false, true, true, false]);
    expect(hour(8, { ...defaultContactPolicy, phoneStartMinute: 8 * 60 + 30 })).toBe(true);
    expect(hour(3, { ...defaultContactPolicy, hoursChannels: [] })).toBe(true);
  });

  it('ranks by risk and value at stake', () => {
    expect(queuePriority(25, 'high', 1200)).toBeGreaterThan(queuePriority(15, 'medium', 1200));
    expect(queuePriority(15, 'medium', 3000)).toBeGreaterThan(queuePriority(25, 'high', 600));
    expect(queuePriority(0, 'stable', 0)).toBeGreaterThan(0);
    expect(queuePriority(10, 'low', 1000, { churn: { p: 0.9, from: 'model' } })).toBeGreaterThan(queuePriority(30, 'high', 1000));
    expect(queuePriority(15, 'medium', 1000, { daysToDue: 1 })).toBeGreaterThan(queuePriority(15, 'medium', 1000, { daysToDue: 10 }));
  });

  it('property: within a level, a higher score or value never ranks lower; a higher level never ranks lower at equal value', () => {
    const levels = ['stable', 'low', 'medium', 'high'] as const;
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 60 }), fc.integer({ min: -10, max: 60 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 3 }), (a, b, v, li) => {
        const l = levels[li]!;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(queuePriority(hi, l, v)).toBeGreaterThanOrEqual(queuePriority(lo, l, v));
        expect(queuePriority(a, l, v + 100)).toBeGreaterThanOrEqual(queuePriority(a, l, v));
        if (li < 3) expect(queuePriority(a, levels[li + 1]!, v)).toBeGreaterThan(queuePriority(b, l, v));
      }),
    );
  });
});

describe('the queue block (callable first, issue 15 #2)', () => {
  const busyAt = (h: number): ContactAttemptFact => ({ at: new Date(Date.parse(ctx.now) + h * 3_600_000).toISOString(), disposition: 'busy', channel: 'phone', callbackAt: null });
  const attempts = fc.array(
    fc
      .record({ h: fc.integer({ min: -72, max: 0 }), disposition: fc.constantFrom('no_answer', 'busy', 'callback', 'declined', 'complaint', 'powered_off'), cbH: fc.integer({ min: -20, max: 200 }) })
      .map((a): ContactAttemptFact => ({
        at: new Date(Date.parse(ctx.now) + a.h * 3_600_000).toISOString(),
        disposition: a.disposition,
        channel: 'phone',
        callbackAt: a.disposition === 'callback' ? new Date(Date.parse(ctx.now) + a.cbH * 3_600_000).toISOString() : null,
      })),
    { maxLength: 4 },
  );
  const facts = fc.record({
    doNotDisturb: fc.constantFrom(0, 1, null),
    lastMarketed: fc.option(fc.constantFrom('2026-11-01', '2026-06-01'), { nil: null }),
    lastComplaint: fc.option(fc.constantFrom('2026-11-15', '2026-01-01'), { nil: null }),
  });

  it('is null when callable, the lift instant when the block passes with time, the permanent mark when nothing lifts it', () => {
    expect(queueBlockedUntil({ attempts: [] }, {}, ctx)).toBeNull();
    expect(queueBlockedUntil({ attempts: [busyAt(-1)] }, {}, ctx)).toBe(new Date(Date.parse(ctx.now) + 3_600_000).toISOString());
    expect(queueBlockedUntil({ attempts: [busyAt(-3)] }, {}, ctx)).toBeNull();
    expect(queueBlockedUntil({ attempts: [] }, { doNotDisturb: 1 }, ctx)).toBe(PERMANENT_BLOCK);
    expect(queueBlockedUntil({ attempts: [busyAt(-1)] }, { doNotDisturb: 1 }, ctx)).toBe(PERMANENT_BLOCK);
  });

  it('ignores calling hours: they block every task at once and must not reorder the queue', () => {
    const night = { ...ctx, now: '2026-11-20T14:00:00.000Z', localMinuteOfDay: 22 * 60 };
    expect(canContactNow({ attempts: [] }, {}, 'phone', night).allowed).toBe(false);
    expect(queueBlockedUntil({ attempts: [] }, {}, night)).toBeNull();
    // a retry spacing that lifts at night is not moved to the next opening: its own instant orders the blocked part
    const busy = { at: '2026-11-20T13:30:00.000Z', disposition: 'busy', channel: 'phone', callbackAt: null };
    expect(queueBlockedUntil({ attempts: [busy] }, {}, night)).toBe('2026-11-20T15:30:00.000Z');
  });

  it('property: agrees with canContactNow inside calling hours — null exactly when allowed, else its nextAllowedAt or permanent', () => {
    fc.assert(
      fc.property(attempts, facts, fc.integer({ min: 9 * 60, max: 20 * 60 + 29 }), (a, f, m) => {
        const now = new Date(Date.UTC(2026, 10, 20) + (m - 8 * 60) * 60_000).toISOString();
        const c = { ...ctx, now, localMinuteOfDay: m };
        const d = canContactNow({ attempts: a }, f, 'phone', c);
        const until = queueBlockedUntil({ attempts: a }, f, c);
        if (d.allowed) expect(until).toBeNull();
        else if (d.nextAllowedAt === undefined) expect(until).toBe(PERMANENT_BLOCK);
        else {
          expect(until).not.toBeNull();
          // the same lift, unless calling hours moved canContactNow's to the next opening
          expect(until! <= d.nextAllowedAt).toBe(true);
          expect(until! > now).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the priority factors multiply to queuePriority', () => {
    const t = queuePriorityTerms(20, 'high', 1536, { churn: { p: 0.62, from: 'model' } });
    expect(t).toMatchObject({ pChurn: 0.62, pChurnFrom: 'model', value: 1536, dueFactor: 1, attemptsFactor: 1 });
    expect(t.priority).toBe(queuePriority(20, 'high', 1536, { churn: { p: 0.62, from: 'model' } }));
    const l = queuePriorityTerms(10, 'medium', 0, { daysToDue: 1, attempts: 2 });
    expect(l).toMatchObject({ pChurnFrom: 'level', value: 1, dueFactor: 1.15, attemptsFactor: 0.9 });
    expect(l.pChurn * l.value * l.dueFactor * l.attemptsFactor).toBe(queuePriority(10, 'medium', 0, { daysToDue: 1, attempts: 2 }));
  });
});
