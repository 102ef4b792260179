import { describe, expect, it } from 'vitest';
import { failedResult, type ApiResult } from '../../../core/api';
import { createApiClient } from '../../../renderer/src/api/client';
import { sessionEndedBy } from '../../../renderer/src/app/session';
import type { Transport } from '../../../renderer/src/api/transport';

/**
 * "Signed out after a while without activity" is for the session the screen holds now. A call sent with the session
 * just signed out of, answered after the user signed in again (a slow answer at a million customers), said so and
 * ended the new session (found driving the app at a million, 2026-12-06).
 */
describe("the session's end, as the client hears it", () => {
  /** A transport whose answers the test releases one by one, each saying the session it was sent with is unknown. */
  function slowTransport() {
    const pending: ((r: ApiResult<unknown>) => void)[] = [];
    const transport: Transport = {
      kind: 'http',
      invoke: () => new Promise((resolve) => pending.push(resolve)),
      on: () => () => undefined,
      setSession: () => undefined,
    };
    const answerUnauthenticated = () => pending.shift()!(failedResult('unauthenticated', 'api.sign-in-first', {}));
    return { transport, answerUnauthenticated };
  }

  /** A client signed in as session-1 over that transport, counting the session ends it announces. */
  function signedInClient() {
    const { transport, answerUnauthenticated } = slowTransport();
    const api = createApiClient(transport, 'session-1');
    const heard = { ended: 0 };
    api.onSessionEnded(() => heard.ended++);
    return { api, heard, answerUnauthenticated };
  }

  it('is told when the session the screen holds is gone', async () => {
    const { api, heard, answerUnauthenticated } = signedInClient();
    const call = api.call('app-info', {} as never).catch(() => undefined);
    answerUnauthenticated();
    await call;
    expect(heard.ended).toBe(1);
  });

  it('is not told when a call sent with an earlier session comes back after the user signed in again', async () => {
    const { api, heard, answerUnauthenticated } = signedInClient();
    const late = api.call('queue-list', {} as never).catch(() => undefined);
    api.setSession(null); // signed out
    api.setSession('session-2'); // and in again, before the old call's answer
    answerUnauthenticated();
    await late;
    expect(heard.ended).toBe(0);
  });

  it('hears why: a supervisor’s change by its message, anything else as the idle limit', async () => {
    const transport: Transport = { kind: 'http', invoke: async () => failedResult('unauthenticated', 'api.session-ended.pin-reset', {}), on: () => () => undefined, setSession: () => undefined };
    const api = createApiClient(transport, 'session-1');
    const why: string[] = [];
    api.onSessionEnded((error) => why.push(sessionEndedBy(error.messageKey)));
    await api.call('queue-list', {} as never).catch(() => undefined);
    expect(why).toEqual(['pin-reset']);
    expect(['api.session-ended.account-off', 'api.session-ended.account-changed', 'api.sign-in-first', 'api.session-ended.other'].map(sessionEndedBy)).toEqual([
      'account-off',
      'account-changed',
      'idle',
      'idle',
    ]);
  });
});
