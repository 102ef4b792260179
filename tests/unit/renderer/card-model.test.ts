import { describe, expect, it } from 'vitest';
import type { AttemptView } from '../../../core/api';
import { callbackRequest, callbackTriesSince, offersChurnLine, reasonLead, recentChurn, recentSuccess } from '../../../renderer/src/pages/hall/cardModel';

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
  planCode: null,
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

/**
 * The offers' P(churn) (docs/product.md §4.4 point 5) is the model's, or the churn weight of the level shown when that
 * is higher. Found driving the app at a million: "离网概率 6%（按风险等级估算）" under "模型离网概率 5%" read as two
 * answers to one question; the line now says the level's figure is at least the model's.
 */
describe('offersChurnLine', () => {
  it('names the model, the level alone, or the level over a model that counted', () => {
    expect(offersChurnLine({ pChurn: 0.31, pChurnSource: 'model' }, 0.31)).toEqual({ key: 'card.offers.pChurn.model', params: { pct: 0.31 } });
    expect(offersChurnLine({ pChurn: 0.06, pChurnSource: 'level' }, null)).toEqual({ key: 'card.offers.pChurn.level', params: { pct: 0.06 } });
    expect(offersChurnLine({ pChurn: 0.06, pChurnSource: 'level' }, 0.0512)).toEqual({ key: 'card.offers.pChurn.levelOverModel', params: { pct: 0.06, model: 0.0512 } });
  });
});

describe('a risk reason’s lead on the card', () => {
  it('a reason that makes the level by itself leads with that level, also when the score makes it too (it read "0")', () => {
    // ≥ 2 competitor customer-service calls this week make the level high by themselves, for no points.
    expect(reasonLead({ code: 'competitor-cs-calls', points: 0 })).toEqual({ level: 'high' });
    expect(reasonLead({ code: 'arpu-drop', points: 6 })).toEqual({ points: 6 });
    expect(reasonLead({ code: 'fusion-broadband', points: -2 })).toEqual({ points: -2 });
  });
});

describe('recentSuccess', () => {
  const now = Date.parse('2026-12-07T13:00:00.000Z');
  const won = attempt('w', 'accepted', '2026-12-07T12:45:00.000Z', { offerCode: 'CONTRACT_REWARD' });
  it('is the newest reached attempt when it is an acceptance within three months, unanswered calls after it or not', () => {
    expect(recentSuccess([won], now)).toBe(won);
    expect(recentSuccess([attempt('n', 'no_answer', '2026-12-07T12:50:00.000Z'), won], now)).toBe(won);
    expect(recentSuccess([won], Date.parse(won.at) + 90 * 86_400_000)).toBe(won);
    expect(recentSuccess([won], Date.parse(won.at) + 91 * 86_400_000)).toBeNull();
  });
  it('is nothing once the customer said something else, or without an acceptance', () => {
    expect(recentSuccess([attempt('c', 'churned', '2026-12-07T12:55:00.000Z'), won], now)).toBeNull();
    expect(recentSuccess([attempt('d', 'declined', '2026-12-07T12:55:00.000Z', { reason: 'price' })], now)).toBeNull();
    expect(recentSuccess([], now)).toBeNull();
  });
});

describe('recentChurn', () => {
  const now = Date.parse('2026-12-07T13:00:00.000Z');
  const gone = attempt('c', 'churned', '2026-12-07T12:45:00.000Z', { competitor: 'unicom' });
  it('is a churn logged within three months while it is the latest word', () => {
    expect(recentChurn([attempt('n', 'no_answer', '2026-12-07T12:50:00.000Z'), gone], now)).toBe(gone);
    expect(recentChurn([attempt('w', 'accepted', '2026-12-07T12:55:00.000Z'), gone], now)).toBeNull();
    expect(recentChurn([gone], Date.parse(gone.at) + 91 * 86_400_000)).toBeNull();
    expect(recentSuccess([gone], now)).toBeNull();
  });
});
