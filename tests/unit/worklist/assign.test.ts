import { describe, expect, it } from 'vitest';
import { loadsAfter, planAssignment, type AssignableAgent, type AssignableTask } from '../../../core/worklist/assign';

const agents: AssignableAgent[] = [
  { id: 'A001', name: '王晓燕', hall: '城东营业厅', openTasks: 10 },
  { id: 'A002', name: '李明', hall: '城东营业厅', openTasks: 0 },
  { id: 'A003', name: '张伟', hall: '白沙乡营业厅', openTasks: 3 },
];
const task = (id: number, values: AssignableTask['values'] = {}): AssignableTask => ({ id, agentId: null, values });

describe('planning an assignment', () => {
  it('evenly keeps the load level, the least-loaded agent first', () => {
    const tasks = Array.from({ length: 20 }, (_, i) => task(i + 1));
    const plan = planAssignment(tasks, agents, { kind: 'evenly', agentIds: ['A001', 'A002', 'A003'] });
    const count = (id: string) => plan.assignments.filter((a) => a.agentId === id).length;
    expect(plan.assignments).toHaveLength(20);
    // loads before: 10, 0, 3 → after 20 more the totals differ by at most one
    const totals = [10 + count('A001'), count('A002'), 3 + count('A003')];
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
    expect(plan.assignments[0]!.agentId).toBe('A002');
  });

  it('by column matches ids, names, and halls (shared evenly); reports who matched nobody', () => {
    const tasks = [
      task(1, { manager: '王晓燕' }),
      task(2, { manager: 'a003' }),
      task(3, { manager: '赵六' }),
      task(4, { manager: '赵六' }),
      task(5, { manager: '' }),
      task(6, { manager: '张伟 ' }),
    ];
    const plan = planAssignment(tasks, agents, { kind: 'by-column', column: 'manager' });
    expect(plan.assignments).toEqual([
      { taskId: 1, agentId: 'A001' },
      { taskId: 2, agentId: 'A003' },
      { taskId: 6, agentId: 'A003' },
    ]);
    expect(plan.unmatched).toEqual([{ value: '赵六', tasks: 2 }]);
    expect(plan.blank).toBe(1);
    const halls = planAssignment([task(1, { hall: '城东营业厅' }), task(2, { hall: '城东营业厅' }), task(3, { hall: '白沙乡营业厅' })], agents, { kind: 'by-column', column: 'hall' });
    // 城东 has A001 (10 open) and A002 (none): both of its tasks go to the less loaded one.
    expect(halls.assignments).toEqual([
      { taskId: 1, agentId: 'A002' },
      { taskId: 2, agentId: 'A002' },
      { taskId: 3, agentId: 'A003' },
    ]);
  });

  it('evenly balances the total open load: tasks being reassigned leave their agent first (issue 15 #11)', () => {
    // A001 holds 10 open tasks, 6 of them on this list; reassigning the list over A001 and A002 (0 open) should end
    // level — 4 + 3 = 7 and 0 + 3 = 3 would not be; 4 + 1 = 5 and 0 + 5 = 5 is.
    const mine = [1, 2, 3, 4, 5, 6].map((id) => ({ id, agentId: 'A001', values: {} }));
    const plan = planAssignment(mine, agents, { kind: 'evenly', agentIds: ['A001', 'A002'] });
    const loads = loadsAfter(mine, agents, plan, ['A001', 'A002']);
    expect(loads).toEqual([
      { agentId: 'A001', before: 10, after: 5 },
      { agentId: 'A002', before: 0, after: 5 },
    ]);
  });

  it('the preview of loads counts only real moves and names every chosen agent', () => {
    const tasks = [{ id: 1, agentId: 'A002', values: {} }, task(2), task(3)];
    const plan = planAssignment(tasks, agents, { kind: 'to', agentId: 'A002' });
    // task 1 stays with A002: it is not counted twice
    expect(loadsAfter(tasks, agents, plan, ['A002', 'A003'])).toEqual([
      { agentId: 'A002', before: 0, after: 2 },
      { agentId: 'A003', before: 3, after: 3 },
    ]);
  });
});
