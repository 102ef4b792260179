import { describe, expect, it } from 'vitest';
import { checkSegmentCondition, queueFiltersToCondition, requiredLevels, segmentNeeds } from '../../../core/segments/segment';

describe('segment conditions', () => {
  it('the queue filters a customer has become conditions; a list, an agent or a status are said to be left out', () => {
    expect(queueFiltersToCondition({ level: 'high', listType: 'contract_expiring', listId: null, status: null })).toEqual({
      condition: { all: [{ field: 'risk_level', op: 'in', value: ['high'] }, { list: 'contract_expiring' }] },
      dropped: [],
    });
    expect(queueFiltersToCondition({ listId: 3, agentId: null, status: 'open' })).toEqual({ condition: { all: [] }, dropped: ['list', 'agent', 'status'] });
    // What the filters make is a condition the checker takes.
    expect(checkSegmentCondition(queueFiltersToCondition({ level: 'medium', listType: 'arrears_suspension' }).condition).errors).toEqual([]);
  });

  it('says what a scan must read: canonical fields, and only then extra columns, tags, list types, derived facts', () => {
    expect(segmentNeeds({ all: [{ field: 'arpu_avg3', op: '>=', value: 100 }] })).toEqual({ fields: new Set(['arpu_avg3']), columns: new Set(), tags: false, lists: false, derived: false });
    expect(
      segmentNeeds({ all: [{ any: [{ tag: 'family' }, { column: '积分', op: '>', value: 1 }] }, { list: 'arrears_suspension' }, { field: 'p_churn', op: '>', value: 0.5 }, { field: 'hall', op: 'present' }] }),
    ).toEqual({ fields: new Set(['hall']), columns: new Set(['积分']), tags: true, lists: true, derived: true });
  });

  it('the levels a condition requires narrow the scan; one inside an `any` does not', () => {
    expect(requiredLevels({ all: [{ field: 'risk_level', op: 'in', value: ['low', 'high'] }] })).toEqual(['high', 'low']);
    expect(requiredLevels({ all: [{ field: 'risk_level', op: 'in', value: ['low', 'high'] }, { field: 'risk_level', op: '=', value: 'low' }] })).toEqual(['low']);
    expect(requiredLevels({ all: [{ field: 'risk_level', op: 'in', value: ['nonsense'] }] })).toEqual([]);
    expect(requiredLevels({ all: [{ any: [{ field: 'risk_level', op: '=', value: 'high' }, { tag: 'family' }] }] })).toBeNull();
    expect(requiredLevels({ all: [{ field: 'risk_level', op: 'not-in', value: ['high'] }] })).toBeNull();
  });

  it('a malformed condition is refused with its place in the `all` list', () => {
    const r = checkSegmentCondition({ all: [{ tag: 'family' }, { field: 'arpu_avg3', op: '>=', value: 'many' }] });
    expect(r.value).toBeNull();
    expect(r.errors[0]).toMatchObject({ params: { stage: 'all', n: '2', path: 'all[1]', field: 'arpu_avg3' } });
    expect(checkSegmentCondition({ eligible: [] }).errors[0]!.code).toBe('rule.stage-unknown');
  });
});
