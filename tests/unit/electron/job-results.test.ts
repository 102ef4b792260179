import { describe, expect, it } from 'vitest';
import { jobResults, operations, type JobKind } from '../../../core/api';
import { checkedResult } from '../../../electron/backend/jobs/runner';
import { jobKinds } from '../../../electron/backend/jobs/registry';

/** Issue 13 #4: the contract's jobs section — every job kind has a result schema, and the runner holds results to it. */
describe('typed jobs', () => {
  it('every kind the workers run (but the awaited computations: the dashboard, the analysis, a big segment preview, a queue page sorted by risk) has a result schema, and no schema is orphaned', () => {
    // An awaited computation is answered as its operation's output, which the contract checks already.
    const awaited = new Set(['dashboard', 'analysis', 'segment-preview', 'offer-reach', 'queue-page']);
    const run = Object.keys(jobKinds).filter((k) => !awaited.has(k)).sort();
    expect(Object.keys(jobResults).sort()).toEqual(run);
  });

  it("a result that matches its kind's schema is kept; one that drifts fails the job instead of reaching a page", () => {
    const good = { subscribers: 10, evaluated: 10, scoresChanged: 2, prioritiesChanged: 1, queueOrderAtEnd: false };
    expect(checkedResult('risk-recompute', good)).toEqual({ state: 'done', result: good, phase: 'done' });
    const drifted = checkedResult('risk-recompute', { subscribers: '10' });
    expect(drifted).toMatchObject({ state: 'failed', error: { code: 'internal' } });
    expect(drifted.error!.message).toContain('risk-recompute');
  });

  it('an operation that starts a job says which result it will carry', () => {
    const typed = (name: keyof typeof operations, kind: JobKind) => {
      const output = operations[name].output as unknown as { shape: { result: { unwrap(): unknown } } };
      expect(output.shape.result.unwrap(), name).toBe(jobResults[kind]);
    };
    typed('report-weekly', 'report-weekly');
    typed('worklist-import-preview', 'worklist-preview');
    typed('catalogue-import', 'catalogue-import');
    typed('model-activate', 'risk-recompute');
  });
});
