import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../core/api';
import { callableOnlyAfterDue, nextTaskToWork, soonestCallable } from '../../../renderer/src/pages/queue/nextTask';

/** Issue 15 #1: J opens the first callable task after the one just worked, due call-backs first, never skipping. */
const item = (taskId: number, allowed = true, status: QueueItem['status'] = 'pending'): QueueItem =>
  ({ taskId, status, contact: { allowed } }) as unknown as QueueItem;

describe('why nothing is callable', () => {
  const waiting = (taskId: number, nextAllowedAt: string | null): QueueItem => ({ taskId, status: 'pending', contact: { allowed: false, nextAllowedAt } }) as unknown as QueueItem;
  it('names the task that can be called soonest; none when every block is for good', () => {
    expect(soonestCallable([waiting(1, '2026-12-05T01:00:00Z'), waiting(2, null), waiting(3, '2026-12-05T00:30:00Z')])?.taskId).toBe(3);
    expect(soonestCallable([waiting(1, null)])).toBeNull();
  });
});

describe('the next task to work', () => {
  const queue = [item(1), item(2, false), item(3), item(4), item(5)];

  it('is the first callable task after the current one, skipping those that cannot be called now', () => {
    expect(nextTaskToWork(queue, 1)?.taskId).toBe(3);
    expect(nextTaskToWork(queue, 3)?.taskId).toBe(4);
  });

  it('at the end of the list it starts again from the top, never the current task itself', () => {
    expect(nextTaskToWork(queue, 5)?.taskId).toBe(1);
    expect(nextTaskToWork([item(7)], 7)).toBeNull();
  });

  it('a call-back that has come due comes first, wherever it stands', () => {
    const withCallback = [...queue, item(9, true, 'callback_due')];
    expect(nextTaskToWork(withCallback, 3)?.taskId).toBe(9);
    expect(nextTaskToWork(withCallback, 9)?.taskId).toBe(1);
  });

  it('never goes back to a task already opened since the list was read: the list is not refetched under a card, so a call-back worked there still reads as due (J went back and forth between two tasks; found by a new phone agent)', () => {
    const withCallback = [item(1, true, 'callback_due'), item(2), item(3)];
    expect(nextTaskToWork(withCallback, 2, new Set([1, 2]))?.taskId).toBe(3);
    expect(nextTaskToWork(withCallback, 3, new Set([1, 2, 3]))).toBeNull();
    // Round the page: those not yet opened only.
    expect(nextTaskToWork([item(1), item(2), item(3)], 3, new Set([2, 3]))?.taskId).toBe(1);
  });

  it('with nothing callable there is no next task', () => {
    expect(nextTaskToWork([item(1, false), item(2, false)], 1)).toBeNull();
    expect(nextTaskToWork([], null)).toBeNull();
  });

  it('from the list (no task open) it is the first callable one', () => {
    expect(nextTaskToWork(queue, null)?.taskId).toBe(1);
  });
});

describe('a task that can be called only after its due date', () => {
  const task = (dueDate: string | null, allowed: boolean, nextAllowedAt: string | null) => ({ dueDate, contact: { allowed, nextAllowedAt } }) as Parameters<typeof callableOnlyAfterDue>[0];
  it('is one whose wait lifts on a later local day than its due date', () => {
    const local = (d: number, h: number) => new Date(2026, 11, d, h, 0).toISOString();
    expect(callableOnlyAfterDue(task('2026-12-11', false, local(12, 9)))).toBe(true);
    expect(callableOnlyAfterDue(task('2026-12-11', false, local(11, 9)))).toBe(false);
    // The local day, not the UTC one: 00:30 on the 12th is after the 11th wherever the desk is.
    expect(callableOnlyAfterDue(task('2026-12-11', false, local(12, 0)))).toBe(true);
    expect(callableOnlyAfterDue(task('2026-12-11', false, local(11, 23)))).toBe(false);
  });
  it('not one callable now, one never to be phoned, or one without a due date', () => {
    expect(callableOnlyAfterDue(task('2026-12-11', true, null))).toBe(false);
    expect(callableOnlyAfterDue(task('2026-12-11', false, null))).toBe(false);
    expect(callableOnlyAfterDue(task(null, false, '2027-01-01T01:00:00.000Z'))).toBe(false);
  });
});
