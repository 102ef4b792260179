import { afterAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../core/api';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** Quitting the desktop app goes through shutdown(): workers first, then the workspace (issue 14, item 7). */
describe('backend shutdown', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('stops a running job and waits for its worker to exit before closing the workspace', async () => {
    const t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    const events: EventPayload<'job-progress'>[] = [];
    t.backend.onEvent((name, payload) => {
      if (name === 'job-progress') events.push(payload as EventPayload<'job-progress'>);
    });
    const job = await t.call('risk-recompute', {});
    expect(job.state).toBe('running');

    await t.backend.shutdown();

    // The worker's exit was seen (the job finished, as stopped) before shutdown resolved.
    const last = events.filter((e) => e.jobId === job.id).at(-1);
    expect(last?.finished).toBe(true);
  });
});
