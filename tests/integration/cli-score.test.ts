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
    const second = await runCliOn(db, ['score', '--lang', 'en']);
    expect(second.code).toBe(0);
    const n = one.subscribers.toLocaleString('en');
    expect(second.out).toMatch(new RegExp(`^Scored ${n} subscribers in [\\d.]+ s: 0 computed, ${n} known unchanged; 0 scores and 0 queue priorities changed\\.$`, 'm'));
    // In Chinese by default, as the CLI's other lines.
    const third = await runCliOn(db, ['score']);
    expect(third.out).toMatch(new RegExp(`^${n} 位客户的风险已重算，用时 [\\d.]+ 秒：计算 0 位，${n} 位已知未变；0 个评分、0 个队列优先级有变化。$`, 'm'));
  });
});
