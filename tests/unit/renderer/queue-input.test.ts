import { describe, expect, it } from 'vitest';
import { operations } from '../../../core/api';
import { isFiltered, listsByType, noFilters, queueInput } from '../../../renderer/src/pages/queue/queueStore';

/** The queue page's read (issue 15 #4): a supervisor's agent filter (未分配 is null, everyone is absent) and column sort. */
describe('the queue-list input of the page shown', () => {
  const page = { page: 2, rowsPerPage: 50 };

  it('says nothing it does not need: the default order and everyone are the operation defaults', () => {
    const input = queueInput({ ...noFilters, ...page });
    expect(input).toEqual({ offset: 100, limit: 50 });
    expect(isFiltered(noFilters)).toBe(false);
  });

  it('asks for the unassigned with null and one agent by id; both are filters', () => {
    expect(queueInput({ ...noFilters, agentId: null, ...page })).toMatchObject({ agentId: null });
    expect(queueInput({ ...noFilters, agentId: 'A003', ...page })).toMatchObject({ agentId: 'A003' });
    expect(isFiltered({ ...noFilters, agentId: null })).toBe(true);
    expect(isFiltered({ ...noFilters, agentId: 'A003' })).toBe(true);
  });

  it('passes a column sort with its direction, and every input is one the contract accepts', () => {
    const sorted = queueInput({ ...noFilters, sort: 'dueDate', descending: true, ...page });
    expect(sorted).toMatchObject({ sort: 'dueDate', descending: true });
    for (const input of [sorted, queueInput({ ...noFilters, agentId: null, ...page }), queueInput({ ...noFilters, ...page })]) {
      expect(operations['queue-list'].input.safeParse(input).success).toBe(true);
    }
  });
});

/** The queue row's 所在清单: one chip per list type, naming its lists (周异动 双卡 双卡 could not be told apart). */
describe("a queue row's lists", () => {
  it('are grouped by type in the order each type first appears, every list named', () => {
    const lists = [
      { id: 1, type: 'weekly_anomaly' as const, name: 'W48 周异动' },
      { id: 2, type: 'dual_sim' as const, name: 'W48 双卡' },
      { id: 3, type: 'dual_sim' as const, name: '双卡客户挽留' },
    ];
    expect(listsByType(lists)).toEqual([
      { type: 'weekly_anomaly', names: ['W48 周异动'] },
      { type: 'dual_sim', names: ['W48 双卡', '双卡客户挽留'] },
    ]);
    expect(listsByType([])).toEqual([]);
  });
});
