import { describe, expect, it } from 'vitest';
import type { AttemptView } from '../../../core/api';
import { callbackRequest, callbackTriesSince } from '../../../renderer/src/pages/hall/cardModel';

const attempt = (id: string, disposition: string, at: string, more: Partial<AttemptView> = {}): AttemptView => ({
  id,
  taskId: 7,
  agentId: 'A001',
  channel: 'phone',
  at,
  disposition,
  reason: null,
  competitor: null,
  competitorOffer: null,
  competitorAmount: null,
  offerCode: null,
  callbackAt: null,
  note: null,
  ...more,
});
const request = attempt('cb', 'callback', '2026-12-03T02:00:00.000Z', { callbackAt: '2026-12-04T06:00:00.000Z', note: '下午三点后' });

/** The call-back card (issue 15 #3): the customer's request comes first while it is their latest word. */
describe('callbackRequest', () => {
  it('is the newest reached attempt of the open task when that is a call-back, busy signals after it or not', () => {
    const open = { id: 7, status: 'in_progress' };
    expect(callbackRequest(open, [request])).toBe(request);
    const busyAfter = [attempt('b2', 'busy', '2026-12-04T06:05:00.000Z'), attempt('b1', 'no_answer', '2026-12-04T06:00:00.000Z'), request];
    expect(callbackRequest({ id: 7, status: 'callback_due' }, busyAfter)).toBe(request);
    // Those calls are said beside it: it read "（已到时间）" two weeks on, as if nobody had rung back.
    expect(callbackTriesSince(request, busyAfter)).toBe(2);
    expect(callbackTriesSince(request, [request])).toBe(0);
    expect(callbackTriesSince(request, [attempt('h', 'no_answer', '2026-12-04T07:00:00.000Z', { taskId: 9 }), request])).toBe(0);
  });

  it('is nothing once the customer said something else, on a closed task, or for another task’s request', () => {
    const declined = [attempt('d', 'declined', '2026-12-04T06:00:00.000Z', { reason: 'price' }), request];
    expect(callbackRequest({ id: 7, status: 'in_progress' }, declined)).toBeNull();
    expect(callbackRequest({ id: 7, status: 'closed_declined' }, [request])).toBeNull();
    expect(callbackRequest({ id: 7, status: 'expired' }, [request])).toBeNull();
    expect(callbackRequest(null, [request])).toBeNull();
    expect(callbackRequest({ id: 8, status: 'in_progress' }, [request])).toBeNull();
  });
});
