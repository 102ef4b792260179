import { describe, expect, it } from 'vitest';
import type { JobView, StagedFileView } from '../../../core/api';
import { formatMessage } from '../../../core/i18n';
import { ApiCallError } from '../../../renderer/src/api/failure';
import { fileJobBusy, fileJobReducer, initialFileJob, jobOutcome, type FileJobEvent, type FileJobState } from '../../../renderer/src/api/fileJobFlow';

type Result = { rows: number };
const file = (name: string): StagedFileView => ({ token: `tok-${name}`, name, size: 10 });
type ResultJob = Omit<JobView, 'result'> & { result?: Result };
const job = (patch: Partial<ResultJob>): ResultJob => ({
  id: 'j1',
  kind: 'model-predict',
  state: 'running',
  phase: 'reading',
  done: 0,
  total: null,
  startedAt: '2026-12-04T10:00:00.000Z',
  ...patch,
});
const failedWith = (code: 'needs-password' | 'wrong-password' | 'bad-file', messageKey: string, params: Record<string, string> = {}) =>
  job({ state: 'failed', error: { code, messageKey, params, message: messageKey } });

const run = (events: FileJobEvent<Result>[], from: FileJobState<Result> = initialFileJob<Result>()) => events.reduce(fileJobReducer<Result>, from);
const picked = (name = 'book.xlsx'): FileJobEvent<Result>[] => [{ type: 'pick' }, { type: 'chosen', names: [name] }, { type: 'picked', files: [file(name)] }];

describe('jobOutcome: how a finished job moves the flow', () => {
  it('a done job gives its typed result', () => {
    expect(jobOutcome(job({ state: 'done', result: { rows: 3 } }), false)).toEqual({ kind: 'done', result: { rows: 3 }, jobId: 'j1' });
  });

  it('needs-password asks for a password; the same answer after a password was sent means that one was wrong', () => {
    const needs = failedWith('needs-password', 'api.needs-password');
    expect(jobOutcome(needs, false)).toMatchObject({ kind: 'password', wrong: false });
    expect(jobOutcome(needs, true)).toMatchObject({ kind: 'password', wrong: true });
    expect(jobOutcome(failedWith('wrong-password', 'api.wrong-password'), false)).toMatchObject({ kind: 'password', wrong: true });
  });

  it('a failed job becomes an error by code, worded in the user’s language', () => {
    const o = jobOutcome(failedWith('bad-file', 'api.bad-file.no-header'), false);
    expect(o.kind).toBe('failed');
    const error = (o as { error: unknown }).error;
    expect(error).toBeInstanceOf(ApiCallError);
    const e = error as ApiCallError;
    expect(e.code).toBe('bad-file');
    expect(e.error.messageKey).toBe('api.bad-file.no-header');
  });

  it('a job that failed without an error still fails, never passes as done; a done job without its result is a failure too', () => {
    expect(jobOutcome(job({ state: 'failed', phase: 'reading' }), false).kind).toBe('failed');
    expect(jobOutcome(job({ state: 'done' }), false).kind).toBe('failed');
    expect(jobOutcome(job({ state: 'cancelled' }), false)).toEqual({ kind: 'cancelled' });
  });

  it('the password message exists in both languages', () => {
    expect(formatMessage('en', 'api.wrong-password', {})).not.toBe(formatMessage('zh-CN', 'api.wrong-password', {}));
  });
});

describe('fileJobReducer: pick → password → run → result', () => {
  it('picking, uploading and a chosen file; the flow is busy from the choice until the file is staged', () => {
    let s = run([{ type: 'pick' }]);
    expect(s.step).toBe('picking');
    // A browser may never report a dismissed file dialog: an open one must not lock the screen.
    expect(fileJobBusy(s)).toBe(false);
    s = run([{ type: 'chosen', names: ['a.xlsx'] }], s);
    expect(s).toMatchObject({ step: 'uploading', chosen: ['a.xlsx'] });
    expect(fileJobBusy(s)).toBe(true);
    s = run([{ type: 'picked', files: [file('a.xlsx')] }], s);
    expect(s).toMatchObject({ step: 'idle', files: [file('a.xlsx')] });
    expect(fileJobBusy(s)).toBe(false);
  });

  it('a dismissed file dialog goes back where it was, keeping the result on screen', () => {
    const done = run([...picked(), { type: 'run', password: '' }, { type: 'ended', outcome: { kind: 'done', result: { rows: 2 }, jobId: 'j2' } }]);
    const s = run([{ type: 'pick' }, { type: 'picked', files: [] }], done);
    expect(s).toMatchObject({ step: 'done', result: { rows: 2 } });
  });

  it('asks for a password on needs-password, asks again with "wrong" after a wrong one, and forgets it once read', () => {
    let s = run([...picked(), { type: 'run', password: '' }]);
    expect(s.step).toBe('running');
    s = run([{ type: 'ended', outcome: jobOutcome(failedWith('needs-password', 'api.needs-password'), false) }], s);
    expect(s).toMatchObject({ step: 'password', passwordWrong: false });
    s = run([{ type: 'run', password: 'nope' }, { type: 'ended', outcome: jobOutcome(failedWith('needs-password', 'api.needs-password'), true) }], s);
    expect(s).toMatchObject({ step: 'password', passwordWrong: true, password: 'nope' });
    s = run([{ type: 'run', password: 'right' }, { type: 'ended', outcome: { kind: 'done', result: { rows: 5 }, jobId: 'j5' } }], s);
    expect(s).toMatchObject({ step: 'done', passwordWrong: false, password: 'right', result: { rows: 5 } });
  });

  it('a new file forgets the previous file’s password and result', () => {
    const done = run([...picked('one.xlsx'), { type: 'run', password: 'pw' }, { type: 'ended', outcome: { kind: 'done', result: { rows: 1 }, jobId: 'j1' } }]);
    const s = run(picked('two.xlsx'), done);
    expect(s).toMatchObject({ step: 'idle', files: [file('two.xlsx')], password: '', result: null });
  });

  it('cancel ends in "cancelled" and keeps the earlier result; a failure keeps its error until the next run', () => {
    const done = run([...picked(), { type: 'run', password: '' }, { type: 'ended', outcome: { kind: 'done', result: { rows: 1 }, jobId: 'j1' } }]);
    const cancelled = run([{ type: 'run', password: '' }, { type: 'ended', outcome: { kind: 'cancelled' } }], done);
    expect(cancelled).toMatchObject({ step: 'cancelled', result: { rows: 1 } });
    const error = new Error('gone');
    const failed = run([{ type: 'run', password: '' }, { type: 'run-failed', error }], cancelled);
    expect(failed).toMatchObject({ step: 'failed', error });
    expect(run([{ type: 'run', password: '' }], failed).error).toBeNull();
  });

  it('a failed upload goes back and shows why', () => {
    const error = new Error('upload refused');
    const s = run([{ type: 'pick' }, { type: 'chosen', names: ['a.xlsx'] }, { type: 'pick-failed', error }]);
    expect(s).toMatchObject({ step: 'idle', error });
  });

  it('several files are collected (merge): added once each, and removable', () => {
    let s = run([{ type: 'pick' }, { type: 'picked', files: [file('a'), file('b')], add: true }]);
    s = run([{ type: 'pick' }, { type: 'picked', files: [file('b'), file('c')], add: true }], s);
    expect(s.files.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    s = run([{ type: 'remove', token: 'tok-b' }], s);
    expect(s.files.map((f) => f.name)).toEqual(['a', 'c']);
  });

  it('another file replaces a job still running; dismissing the dialog then leaves the flow idle with its last result', () => {
    const done = run([...picked(), { type: 'run', password: '' }, { type: 'ended', outcome: { kind: 'done', result: { rows: 1 }, jobId: 'j1' } }]);
    const s = run([{ type: 'run', password: '' }, { type: 'pick' }, { type: 'picked', files: [] }], done);
    expect(s).toMatchObject({ step: 'idle', result: { rows: 1 } });
  });
});
