import { keepPreviousData, QueryObserver, type QueryObserverOptions } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { failedResult, type ApiResult, type EventName, type EventPayload, type OperationName } from '../../../core/api';
import { createApiClient } from '../../../renderer/src/api/client';
import { followJob } from '../../../renderer/src/api/jobs';
import { apiQueryOptions, createQueryClient, invalidationTable, LiveData, runApiMutation, staleOperations } from '../../../renderer/src/api/live';
import type { Transport } from '../../../renderer/src/api/transport';
import { callbackArrived, callbackOpened, noDueCallbacks } from '../../../renderer/src/app/callbacks';

/** A test double of the transport boundary: answers from a table, records every invoke, pushes events on demand. */
function fakeTransport(answers: Partial<Record<OperationName, (input: never) => unknown>>) {
  const calls: OperationName[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => listeners.get(name)?.forEach((l) => l(payload));
  const transport: Transport = {
    kind: 'ipc',
    async invoke(name, input): Promise<ApiResult<unknown>> {
      calls.push(name);
      const answer = answers[name];
      if (!answer) return failedResult('internal', 'api.internal', { detail: `no answer for ${name}` });
      return { ok: true, data: answer(input as never) };
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  return { transport, calls, emit };
}

const settle = async (qc: ReturnType<typeof createQueryClient>) => {
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 0));
    if (qc.isFetching() === 0) return;
  }
  throw new Error('queries still fetching');
};

const SAVED_AT = '2026-12-04T10:00:00.000Z';
const info = { version: '1', schemaVersion: 1, demo: true, counts: { subscribers: 10, lists: 1, tasks: 5, attempts: 7 } };
/** An agent's 我的今日 with `contacts` logged today (the rest as the backend answers it, trimmed). */
const dayOf = (agentId: string, contacts: number) => ({ agentId, today: '2026-12-04', day: { contacts: { value: contacts, target: null } } });

/**
 * The backend as a save sees it: attempt-log commits, emits data-changed {attempts, tasks} stamped with the
 * attempt's time (electron/backend/handlers/attempts.ts), and answers. `eventFirst` chooses which of the two the
 * renderer hears first (IPC and the HTTP event stream do not promise an order).
 */
function backend(eventFirst: boolean) {
  let emit: ReturnType<typeof fakeTransport>['emit'] = () => undefined;
  const fake = fakeTransport({
    'app-info': () => info,
    'offer-list': () => [],
    'customer-lookup': () => ({ found: true }),
    'queue-list': () => ({ total: 0, items: [] }),
    'worklist-list': () => ({ items: [] }),
    'agent-day-get': (input) => dayOf((input as { agentId?: string }).agentId ?? 'A001', 2),
    'attempt-log': () => {
      const event = { what: ['attempts', 'tasks'], at: SAVED_AT };
      if (eventFirst) emit('data-changed', event);
      else setTimeout(() => emit('data-changed', event), 5);
      return { created: true, attempt: { at: SAVED_AT }, task: { id: 1, status: 'done', attempts: 2 }, agentDay: dayOf('A001', 3) };
    },
  });
  emit = fake.emit;
  return fake;
}

function setUp(eventFirst: boolean) {
  const fake = backend(eventFirst);
  const api = createApiClient(fake.transport);
  const qc = createQueryClient();
  const live = new LiveData(qc);
  const disconnect = live.connect(api);
  return { ...fake, api, qc, live, disconnect };
}

const attempt = { msisdn: '13800138000', channel: 'hall', disposition: 'accepted', reason: null, competitor: null, offerCode: null, callbackAt: null, note: null } as const;

describe('the invalidation table', () => {
  it('maps each kind of change to the reads it makes stale', () => {
    const ops = staleOperations(['attempts']);
    expect(ops).not.toBe('all');
    expect([...(ops as Set<string>)].sort()).toEqual([...invalidationTable.attempts!].sort());
    expect((ops as Set<string>).has('offer-list')).toBe(false);
    expect((staleOperations(['offers']) as Set<string>).has('offer-list')).toBe(true);
    // A call-back reaching its time is 逾期 on an open dashboard at once (it showed the old count until a reload).
    expect((staleOperations(['callbacks']) as Set<string>).has('dashboard-get')).toBe(true);
  });
  it('stales everything for a change made elsewhere (workspace) and for a kind it does not know', () => {
    expect(staleOperations(['workspace'])).toBe('all');
    expect(staleOperations(['tasks', 'something-new'])).toBe('all');
  });
  it('refetches only the shown reads the change touches, and stales the hidden ones', async () => {
    const s = setUp(true);
    const offers = new QueryObserver(s.qc, apiQueryOptions(s.api, 'offer-list', {}));
    const queue = new QueryObserver(s.qc, apiQueryOptions(s.api, 'queue-list', {}));
    const offOffers = offers.subscribe(() => undefined);
    const offQueue = queue.subscribe(() => undefined);
    await settle(s.qc);
    offQueue(); // the queue page was left
    s.calls.length = 0;
    s.emit('data-changed', { what: ['tasks'], at: SAVED_AT });
    await settle(s.qc);
    expect(s.calls).toEqual([]);
    expect(s.qc.getQueryState(['queue-list', {}])?.isInvalidated).toBe(true);
    s.emit('data-changed', { what: ['workspace'], at: SAVED_AT });
    await settle(s.qc);
    expect(s.calls).toEqual(['offer-list']);
    offOffers();
    s.disconnect();
  });
  it('refetches the dashboard at most once per 5 seconds however many changes arrive', async () => {
    const fake = fakeTransport({ 'dashboard-get': () => ({}) });
    const api = createApiClient(fake.transport);
    const qc = createQueryClient();
    let clock = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const live = new LiveData(qc, { now: () => clock, setTimer: (fn, ms) => timers.push({ at: clock + ms, fn }) });
    live.connect(api);
    const off = new QueryObserver(qc, apiQueryOptions(api, 'dashboard-get', { week: '2026-W49' } as never)).subscribe(() => undefined);
    await settle(qc);
    fake.calls.length = 0;
    for (let i = 0; i < 10; i++) {
      fake.emit('data-changed', { what: ['workspace'], at: SAVED_AT });
      clock += 100;
    }
    await settle(qc);
    expect(fake.calls).toEqual(['dashboard-get']);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.at).toBe(5_000);
    clock = 5_000;
    timers[0]!.fn();
    await settle(qc);
    expect(fake.calls).toEqual(['dashboard-get', 'dashboard-get']);
    off();
  });
});

describe('round trips per save', () => {
  for (const eventFirst of [true, false]) {
    const order = eventFirst ? 'event before answer' : 'answer before event';
    it(`a hall save costs 2 calls: the save and the card (${order})`, async () => {
      const s = setUp(eventFirst);
      // What the hall page holds while a card is shown: the shell's workspace info and 我的今日, the card, the offer names.
      const held = [
        apiQueryOptions(s.api, 'app-info', {}),
        apiQueryOptions(s.api, 'agent-day-get', {}),
        apiQueryOptions(s.api, 'customer-lookup', { msisdn: '13800138000', channel: 'hall' }),
        apiQueryOptions(s.api, 'offer-list', {}),
      ].map((o) => new QueryObserver(s.qc, o as QueryObserverOptions).subscribe(() => undefined));
      await settle(s.qc);
      s.calls.length = 0;
      await runApiMutation(s.api, s.live, 'attempt-log', attempt);
      await new Promise((r) => setTimeout(r, 20)); // the late event, if any, has arrived
      await settle(s.qc);
      expect(s.calls).toEqual(['attempt-log', 'customer-lookup']);
      // The shell's count and the agent's 我的今日 follow from the save's answer, without a refetch (it was a third
      // call, §11.6: ≤ 2).
      expect(s.qc.getQueryData<typeof info>(['app-info', {}])?.counts.attempts).toBe(8);
      expect(s.qc.getQueryData(['agent-day-get', {}])).toEqual(dayOf('A001', 3));
      held.forEach((off) => off());
      s.disconnect();
    });
    it(`a queue save costs 2 calls; the list refetches once when the agent goes back to it (${order})`, async () => {
      const s = setUp(eventFirst);
      const queueInput = { offset: 0, limit: 50 };
      const list = new QueryObserver(s.qc, apiQueryOptions(s.api, 'queue-list', queueInput));
      const held = [
        apiQueryOptions(s.api, 'app-info', {}),
        apiQueryOptions(s.api, 'agent-day-get', {}),
        apiQueryOptions(s.api, 'customer-lookup', { taskId: 1, channel: 'phone' }),
      ].map((o) => new QueryObserver(s.qc, o as QueryObserverOptions).subscribe(() => undefined));
      const offList = list.subscribe(() => undefined);
      await settle(s.qc);
      // The preview is open: the queue page keeps its list on screen but does not refetch it behind the card.
      list.setOptions({ ...apiQueryOptions(s.api, 'queue-list', queueInput), enabled: false });
      s.calls.length = 0;
      await runApiMutation(s.api, s.live, 'attempt-log', { ...attempt, channel: 'phone' });
      await new Promise((r) => setTimeout(r, 20));
      await settle(s.qc);
      expect(s.calls).toEqual(['attempt-log', 'customer-lookup']);
      list.setOptions({ ...apiQueryOptions(s.api, 'queue-list', queueInput), enabled: true });
      await settle(s.qc);
      expect(s.calls).toEqual(['attempt-log', 'customer-lookup', 'queue-list']);
      held.forEach((off) => off());
      offList();
      s.disconnect();
    });
  }
  it('another agent’s day on screen is read again after a save, not replaced by the logger’s', async () => {
    const s = setUp(false);
    const off = new QueryObserver(s.qc, apiQueryOptions(s.api, 'agent-day-get', { agentId: 'A002' })).subscribe(() => undefined);
    await settle(s.qc);
    s.calls.length = 0;
    await runApiMutation(s.api, s.live, 'attempt-log', attempt);
    await new Promise((r) => setTimeout(r, 20));
    await settle(s.qc);
    expect(s.calls).toEqual(['attempt-log', 'agent-day-get']);
    expect(s.qc.getQueryData(['agent-day-get', { agentId: 'A002' }])).toEqual(dayOf('A002', 2));
    off();
    s.disconnect();
  });
  it('still refreshes after a save whose event never comes (event stream down)', async () => {
    const fake = fakeTransport({
      'customer-lookup': () => ({ found: true }),
      'attempt-log': () => ({ created: true, attempt: { at: SAVED_AT }, task: null }),
    });
    const api = createApiClient(fake.transport);
    const qc = createQueryClient();
    const live = new LiveData(qc);
    const off = new QueryObserver(qc, apiQueryOptions(api, 'customer-lookup', { msisdn: '13800138000', channel: 'hall' })).subscribe(() => undefined);
    await settle(qc);
    fake.calls.length = 0;
    await runApiMutation(api, live, 'attempt-log', attempt);
    await settle(qc);
    expect(fake.calls).toEqual(['attempt-log', 'customer-lookup']);
    off();
  });
});

describe('due call-backs', () => {
  const due = (taskId: number, agentId: string | null) => ({ taskId, agentId, msisdnMasked: '138****0000', nameMasked: '吴*', callbackAt: SAVED_AT });
  it('counts only the signed-in agent’s, once per task, and forgets one when its task is opened', () => {
    let s = noDueCallbacks;
    s = callbackArrived(s, due(1, 'A001'), 'A001');
    s = callbackArrived(s, due(2, 'A002'), 'A001');
    s = callbackArrived(s, due(3, null), 'A001');
    s = callbackArrived(s, due(1, 'A001'), 'A001');
    s = callbackArrived(s, due(4, 'A001'), 'A001');
    expect(s.due.map((c) => c.taskId)).toEqual([1, 4]);
    expect(s.notice?.taskId).toBe(4);
    s = callbackOpened(s, 4);
    expect(s.due.map((c) => c.taskId)).toEqual([1]);
    expect(s.notice).toBeNull();
    expect(callbackOpened(s, 99)).toBe(s);
    expect(callbackArrived(noDueCallbacks, due(1, 'A001'), null)).toBe(noDueCallbacks);
  });
  it('a call-back coming due refetches the queue shown', async () => {
    const s = setUp(true);
    const off = new QueryObserver(s.qc, apiQueryOptions(s.api, 'queue-list', { offset: 0, limit: 50 })).subscribe(() => undefined);
    await settle(s.qc);
    s.calls.length = 0;
    s.emit('callback-due', due(1, 'A001'));
    await settle(s.qc);
    expect(s.calls).toEqual(['queue-list']);
    off();
    s.disconnect();
  });
});

describe('typed look-ups and the look-up allowance', () => {
  it('another agent’s change stales a typed card without refetching it; the queue card refetches', async () => {
    const s = setUp(true);
    const typed = new QueryObserver(s.qc, apiQueryOptions(s.api, 'customer-lookup', { msisdn: '13800138000', channel: 'hall' }) as QueryObserverOptions);
    const task = new QueryObserver(s.qc, apiQueryOptions(s.api, 'customer-lookup', { taskId: 1, channel: 'phone' }) as QueryObserverOptions);
    const offs = [typed.subscribe(() => undefined), task.subscribe(() => undefined)];
    await settle(s.qc);
    s.calls.length = 0;
    s.emit('data-changed', { what: ['attempts', 'tasks'], at: '2026-12-04T11:00:00.000Z' });
    await settle(s.qc);
    expect(s.calls).toEqual(['customer-lookup']);
    expect(s.qc.getQueryState(['customer-lookup', { msisdn: '13800138000', channel: 'hall' }])?.isInvalidated).toBe(true);
    offs.forEach((off) => off());
    s.disconnect();
  });
  for (const answeredFirst of [false, true]) {
    const when = answeredFirst ? 'answered before the render' : 'under way at the render';
    it(`a number sent ahead of the render that shows it is looked up once (${when}): each Enter counts once against the allowance`, async () => {
      const s = setUp(true);
      const typed = (msisdn: string) => ({ ...apiQueryOptions(s.api, 'customer-lookup', { msisdn, channel: 'hall' }), placeholderData: keepPreviousData }) as QueryObserverOptions;
      // The card on screen (hallStore.ts useLookup keeps it while the next one loads).
      const card = new QueryObserver(s.qc, typed('13800138000'));
      const off = card.subscribe(() => undefined);
      await settle(s.qc);
      s.calls.length = 0;
      // Enter on the next number: HallPage sends it (useApiPrefetch), then renders, and the card's query asks for it.
      const sent = s.qc.prefetchQuery(apiQueryOptions(s.api, 'customer-lookup', { msisdn: '13900139000', channel: 'hall' }));
      if (answeredFirst) await sent;
      card.setOptions(typed('13900139000'));
      await settle(s.qc);
      expect(s.calls).toEqual(['customer-lookup']);
      expect(card.getCurrentResult().isPlaceholderData).toBe(false);
      off();
      s.disconnect();
    });
  }
});

describe('finished jobs', () => {
  it('a finished import stales what it changed; a report or a failed job changes nothing', async () => {
    const s = setUp(true);
    const offs = [apiQueryOptions(s.api, 'worklist-list', {}), apiQueryOptions(s.api, 'offer-list', {})].map((o) =>
      new QueryObserver(s.qc, o as QueryObserverOptions).subscribe(() => undefined),
    );
    await settle(s.qc);
    s.calls.length = 0;
    const progress = { jobId: 'j', phase: 'done', done: 1, total: 1, finished: true };
    s.emit('job-progress', { ...progress, jobId: 'report', kind: 'report-weekly' });
    s.emit('job-progress', { ...progress, jobId: 'failed', kind: 'worklist-import', error: { code: 'bad-file', message: 'x' } });
    s.emit('job-progress', { ...progress, kind: 'worklist-import', finished: false });
    await settle(s.qc);
    expect(s.calls).toEqual([]);
    s.emit('job-progress', { ...progress, kind: 'worklist-import' });
    await settle(s.qc);
    expect(s.calls).toEqual(['worklist-list']);
    // The screen that followed the job hears it from job-get too: applied once.
    s.live.jobFinished({ id: 'j', kind: 'worklist-import', state: 'done' });
    await settle(s.qc);
    expect(s.calls).toEqual(['worklist-list']);
    offs.forEach((off) => off());
    s.disconnect();
  });
  it('a campaign run stales the campaigns, the lists and the queue; a preview (read-only) nothing', async () => {
    const s = setUp(true);
    const offs = [apiQueryOptions(s.api, 'campaign-list', {}), apiQueryOptions(s.api, 'worklist-list', {}), apiQueryOptions(s.api, 'queue-list', {}), apiQueryOptions(s.api, 'offer-list', {})].map((o) =>
      new QueryObserver(s.qc, o as QueryObserverOptions).subscribe(() => undefined),
    );
    await settle(s.qc);
    s.calls.length = 0;
    const progress = { phase: 'done', done: 1, total: 1, finished: true };
    s.emit('job-progress', { ...progress, jobId: 'p', kind: 'campaign-preview' });
    await settle(s.qc);
    expect(s.calls).toEqual([]);
    s.emit('job-progress', { ...progress, jobId: 'r', kind: 'campaign-run' });
    await settle(s.qc);
    expect([...s.calls].sort()).toEqual(['campaign-list', 'queue-list', 'worklist-list']);
    offs.forEach((off) => off());
    s.disconnect();
  });
});

describe('following a job', () => {
  it('shows each step as it is reported, and the last step, not the end, until the result comes', async () => {
    const running = { id: 'j1', kind: 'risk-recompute', state: 'running' as const, phase: 'packing', done: 0, total: 10, startedAt: '2026-12-05T01:00:00.000Z' };
    let view: Record<string, unknown> = running;
    const s = fakeTransport({ 'job-get': () => view });
    const api = createApiClient(s.transport);
    const seen: string[] = [];
    const followed = followJob(api, running, (u) => seen.push(`${u.phase} ${u.done}/${u.total}`));
    s.emit('job-progress', { jobId: 'j1', kind: 'risk-recompute', phase: 'scoring', done: 10, total: 10, finished: false });
    // The job ends: the backend's last push names no step ('done'); the page asks for the result.
    view = { ...running, state: 'done', phase: 'done', done: 10, finished: true, result: { subscribers: 10 } };
    s.emit('job-progress', { jobId: 'j1', kind: 'risk-recompute', phase: 'done', done: 10, total: 10, finished: true });
    const final = await followed;
    expect(final.state).toBe('done');
    expect(seen).toEqual(['scoring 10/10']);
  });
});
