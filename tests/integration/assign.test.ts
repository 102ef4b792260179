import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** Supervisors turn a list into agents' tasks: evenly, by a column naming the agent, or by hand. */
describe('assigning tasks', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let db: Database.Database;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    db = new Database(tmp.file('ws.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db.close();
    t.close();
    tmp.cleanup();
  });
  const openOf = (listId: number) =>
    db.prepare('SELECT t.agent_id, count(*) n FROM tasks t JOIN list_members m ON m.task_id = t.id WHERE m.list_id = ? AND t.closed_at IS NULL GROUP BY t.agent_id').all(listId) as { agent_id: string; n: number }[];

  it('evenly: a list’s open tasks spread over the chosen agents, the counts kept by the triggers agree', async () => {
    const listId = db.prepare('SELECT id FROM work_lists ORDER BY id LIMIT 1').pluck().get() as number;
    const r = await t.call('task-assign', { listId, mode: { kind: 'evenly', agentIds: ['A001', 'A002'] }, onlyUnassigned: false });
    expect(r.considered).toBeGreaterThan(10);
    const after = openOf(listId);
    expect(after.map((x) => x.agent_id).sort()).toEqual(['A001', 'A002']);
    const counts = db.prepare("SELECT agent_id, n FROM open_task_counts WHERE agent_id IN ('A001','A002')").all() as { agent_id: string; n: number }[];
    for (const c of counts) expect(c.n).toBe(db.prepare('SELECT count(*) FROM tasks WHERE agent_id = ? AND closed_at IS NULL').pluck().get(c.agent_id));
    const agents = await t.call('agent-list', {});
    expect(agents.items.find((a) => a.id === 'A001')!.openTasks).toBe(counts.find((c) => c.agent_id === 'A001')!.n);
  });

  it('by the hall column: each task goes to the agent of its hall; other halls are reported, not guessed', async () => {
    const listId = db.prepare('SELECT id FROM work_lists ORDER BY id DESC LIMIT 1').pluck().get() as number;
    const r = await t.call('task-assign', { listId, mode: { kind: 'by-column', column: 'hall' }, onlyUnassigned: false });
    const rows = db
      .prepare('SELECT t.agent_id, s.hall, a.hall AS agent_hall FROM tasks t JOIN subscribers s ON s.msisdn = t.msisdn JOIN list_members m ON m.task_id = t.id LEFT JOIN agents a ON a.id = t.agent_id WHERE m.list_id = ? AND t.closed_at IS NULL')
      .all(listId) as { agent_id: string; hall: string; agent_hall: string }[];
    const matchedHalls = new Set((db.prepare("SELECT hall FROM agents WHERE role = 'agent' OR role = 'supervisor'").pluck().all() as string[]));
    for (const row of rows) if (matchedHalls.has(row.hall)) expect(row.agent_hall).toBe(row.hall);
    expect(r.unmatched.length).toBeGreaterThan(0);
    expect(r.unmatched.every((u) => !matchedHalls.has(u.value))).toBe(true);
    // every task considered is either given to an agent, reported as unmatched, or had no hall
    const given = Object.values(r.perAgent).reduce((n, x) => n + x, 0);
    expect(given + r.unmatched.reduce((n, u) => n + u.tasks, 0) + r.blank).toBe(r.considered);
  });

  it('by hand: chosen tasks to one agent; an unknown agent is refused and nothing changes', async () => {
    const ids = db.prepare('SELECT id FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 3').pluck().all() as number[];
    await expect(t.call('task-assign', { taskIds: ids, mode: { kind: 'to', agentId: 'NOPE' } })).rejects.toMatchObject({ code: 'invalid-input' });
    await t.call('task-assign', { taskIds: ids, mode: { kind: 'to', agentId: 'A005' }, onlyUnassigned: false });
    expect(db.prepare(`SELECT DISTINCT agent_id FROM tasks WHERE id IN (${ids.join(',')})`).pluck().all()).toEqual(['A005']);
    const audit = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'task-assign'").pluck().get() as number;
    expect(audit).toBeGreaterThanOrEqual(3);
  });

  it('the preview says who would get how many and their load after, and changes nothing; the assignment then does exactly that', async () => {
    const listId = db.prepare('SELECT id FROM work_lists ORDER BY id LIMIT 1').pluck().get() as number;
    const input = { listId, mode: { kind: 'evenly' as const, agentIds: ['A003', 'A004'] }, onlyUnassigned: false };
    const before = openOf(listId);
    const auditBefore = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const preview = await t.call('task-assign-preview', input);
    expect(openOf(listId)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
    expect(preview.loads.map((l) => l.agentId)).toEqual(expect.arrayContaining(['A003', 'A004']));
    const load = (id: string) => db.prepare('SELECT count(*) FROM tasks WHERE agent_id = ? AND closed_at IS NULL').pluck().get(id) as number;
    for (const l of preview.loads) expect(l.before).toBe(load(l.agentId));
    const done = await t.call('task-assign', input);
    expect(done).toEqual(preview);
    for (const l of preview.loads) expect(load(l.agentId)).toBe(l.after);
  });

  it('an agent may not preview an assignment', async () => {
    const r = await t.backend.dispatch('task-assign-preview', { listId: 1, mode: { kind: 'to', agentId: 'A001' } }, { agentId: 'A001', role: 'agent' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
