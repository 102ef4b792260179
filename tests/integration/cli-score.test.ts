import { describe, expect, it } from 'vitest';
import { demoWorkspaceForCli, runCliOn } from '../support/cli';

/** `score` (issue 19 #1): a full recompute, and a second one the same day that knows nothing changed. */
describe('CLI score', () => {
  const { db } = demoWorkspaceForCli();

  it('says how many were computed and changed; a second run computes no one, and says the rest are known unchanged', async () => {
    const first = await runCliOn(db, ['score', '--json']);
    expect(first.code).toBe(0);
    const one = JSON.parse(first.out) as { subscribers: number; evaluated: number; scoresChanged: number };
    expect(one.subscribers).toBeGreaterThanOrEqual(3000);
    // The demo was scored when it was made: a run then computes only those whose figures the day may have moved.
    expect(one.evaluated).toBeGreaterThan(0);
    expect(one.evaluated).toBeLessThanOrEqual(one.subscribers);
    const second = await runCliOn(db, ['score']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(new RegExp(`^Scored ${one.subscribers} subscribers in [\\d.]+ s: 0 computed, ${one.subscribers} known unchanged; 0 scores and 0 queue priorities changed\\.$`, 'm'));
  });
});
