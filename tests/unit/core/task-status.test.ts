import { describe, expect, it } from 'vitest';
import { attemptsTowardLimit, deriveTaskStatus, taskStatusLabels, type AttemptFact } from '../../../core/contact/status';
import { common as enCommon } from '../../../renderer/src/i18n/en/common';
import { queue as enQueue } from '../../../renderer/src/i18n/en/queue';

const ctx = { now: '2026-11-20T04:00:00.000Z', today: '2026-11-20', dueDate: '2026-11-30' };
const at = (h: number, disposition: string, callbackAt?: string): AttemptFact => ({
  at: `2026-11-1${h}T03:00:00.000Z`,
  disposition,
  callbackAt,
});

describe('deriveTaskStatus', () => {
  it('is pending with no attempts and in progress after one', () => {
    expect(deriveTaskStatus([], ctx).status).toBe('pending');
    expect(deriveTaskStatus([at(1, 'no_answer')], ctx).status).toBe('in_progress');
  });
  it('closes as success when any attempt was accepted, whatever the order', () => {
    const a = [at(1, 'no_answer'), at(2, 'accepted'), at(3, 'busy')];
    expect(deriveTaskStatus(a, ctx).status).toBe('closed_success');
    expect(deriveTaskStatus([...a].reverse(), ctx).status).toBe('closed_success');
  });
  it('closes as declined on a decline or a churned customer', () => {
    expect(deriveTaskStatus([at(1, 'declined')], ctx).status).toBe('closed_declined');
    expect(deriveTaskStatus([at(1, 'churned')], ctx).status).toBe('closed_declined');
  });
  it('says which outcome ended a declined task, the latest of them: the status’s word (客户拒绝) does not say 已离网 or 要求勿扰', () => {
    expect(deriveTaskStatus([at(1, 'declined')], ctx).endedBy).toBe('declined');
    expect(deriveTaskStatus([at(1, 'declined'), at(2, 'churned')], ctx).endedBy).toBe('churned');
    expect(deriveTaskStatus([at(1, 'accepted'), at(2, 'churned')], ctx)).toMatchObject({ status: 'closed_success', endedBy: null });
    expect(deriveTaskStatus([at(1, 'no_answer')], ctx).endedBy).toBeNull();
  });
  it('closes as declined when the customer asks not to be contacted again, a call-back asked before included', () => {
    expect(deriveTaskStatus([at(1, 'do_not_call')], ctx).status).toBe('closed_declined');
    expect(deriveTaskStatus([at(1, 'callback'), at(2, 'do_not_call')], ctx).closed).toBe(true);
  });
  it('closes as unreachable after three unreached attempts or an invalid number', () => {
    expect(deriveTaskStatus([at(1, 'no_answer'), at(2, 'busy')], ctx).status).toBe('in_progress');
    expect(deriveTaskStatus([at(1, 'no_answer'), at(2, 'busy'), at(3, 'powered_off')], ctx).status).toBe('closed_unreachable');
    expect(deriveTaskStatus([at(1, 'invalid_number')], ctx).status).toBe('closed_unreachable');
  });
  it('says a task the attempt limit closed after the customer was reached ended by the limit, not as unreachable', () => {
    // A complaint or a wrong person on the last attempt closes the task as 无法接通 (the status set is the specification's),
    // yet the customer was reached: the banner said 任务已结束（无法接通） to an agent who had just spoken to them.
    expect(deriveTaskStatus([at(1, 'no_answer'), at(2, 'busy'), at(3, 'complaint')], ctx)).toMatchObject({ status: 'closed_unreachable', endedBy: 'attempt-limit' });
    expect(deriveTaskStatus([at(1, 'wrong_person'), at(2, 'busy'), at(3, 'no_answer')], ctx).endedBy).toBe('attempt-limit');
    expect(deriveTaskStatus([at(1, 'no_answer'), at(2, 'busy'), at(3, 'powered_off')], ctx).endedBy).toBeNull();
    expect(deriveTaskStatus([at(1, 'invalid_number')], ctx).endedBy).toBeNull();
  });
  it('brings a callback back when its time has come', () => {
    const later = deriveTaskStatus([at(1, 'callback', '2026-11-21T02:00:00.000Z')], ctx);
    expect(later).toMatchObject({ status: 'in_progress', callbackAt: '2026-11-21T02:00:00.000Z', closed: false });
    const due = deriveTaskStatus([at(1, 'callback', '2026-11-20T02:00:00.000Z')], ctx);
    expect(due.status).toBe('callback_due');
  });
  it('expires past the due date (a local calendar day) unless closed', () => {
    expect(deriveTaskStatus([], { ...ctx, dueDate: '2026-11-19' }).status).toBe('expired');
    expect(deriveTaskStatus([], { ...ctx, dueDate: '2026-11-20' }).status).toBe('pending');
    expect(deriveTaskStatus([at(1, 'accepted')], { ...ctx, dueDate: '2026-11-19' }).status).toBe('closed_success');
  });
  it('a task whose lists were all closed ends as expired, a promised callback too; what the customer settled stays', () => {
    const withdrawn = { ...ctx, withdrawn: true };
    expect(deriveTaskStatus([], withdrawn)).toMatchObject({ status: 'expired', closed: true });
    expect(deriveTaskStatus([at(1, 'callback', '2026-11-25T02:00:00.000Z')], withdrawn)).toMatchObject({ status: 'expired', callbackAt: null });
    expect(deriveTaskStatus([at(1, 'accepted')], withdrawn).status).toBe('closed_success');
    expect(deriveTaskStatus([at(1, 'declined')], withdrawn).status).toBe('closed_declined');
  });
});

/**
 * Issue 15 #3: a call-back the customer asked for is not a failed attempt. The attempt limit counts the outbound
 * attempts since the customer last asked to be called back (the request itself not counted); the status rule and
 * the contact policy count the same way (a task that may not be called is never left open, docs/status-rule.md).
 */
describe('the attempt limit and call-backs', () => {
  const t = (day: number, hour: number, disposition: string, extra: Partial<AttemptFact> = {}): AttemptFact => ({
    at: `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`,
    disposition,
    ...extra,
  });
  const now = { now: '2026-11-20T04:00:00.000Z', today: '2026-11-20', dueDate: '2026-11-30' };

  it('a busy signal after a call-back the customer asked for leaves the task open', () => {
    const a = [t(17, 2, 'no_answer'), t(17, 6, 'no_answer'), t(18, 2, 'callback', { callbackAt: '2026-11-19T02:00:00.000Z' }), t(19, 2, 'busy')];
    expect(deriveTaskStatus(a, now).status).toBe('in_progress');
    expect(attemptsTowardLimit(a)).toBe(1);
  });

  it('three failed attempts after the call-back close it as before', () => {
    const a = [t(17, 2, 'callback', { callbackAt: '2026-11-18T02:00:00.000Z' }), t(18, 2, 'busy'), t(18, 6, 'no_answer'), t(19, 2, 'hung_up')];
    expect(deriveTaskStatus(a, now).status).toBe('closed_unreachable');
  });

  it('an outbound attempt that reached the wrong person counts, so a task nobody may call does not stay open', () => {
    const a = [t(17, 2, 'no_answer'), t(17, 6, 'busy'), t(18, 2, 'wrong_person')];
    expect(deriveTaskStatus(a, now).status).toBe('closed_unreachable');
  });

  it('a visit in the hall is not an attempt of the limit', () => {
    const a = [t(17, 2, 'no_answer'), t(17, 6, 'busy'), t(18, 2, 'wrong_person', { channel: 'hall' })];
    expect(deriveTaskStatus(a, now).status).toBe('in_progress');
  });
});

describe('the status words', () => {
  it('say a call-back in English as the queue, My day and the reports say it', () => {
    // The status chip, the outcome file and the workbook's 任务明细 take this word (core/contact/status.ts).
    expect(taskStatusLabels.callback_due.en).toBe('Call-back due');
    expect(enQueue['queue.why.callbackDue']).toMatch(/^Call-back due/);
    expect(enCommon['myDay.callbacksDue']).toBe('Call-backs due');
  });
});
