import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName, OperationOutput } from '../../core/api';
import { openBackend, type Backend, type Caller } from '../../electron/backend';
import { contactCountsSql } from '../../db/agent-day';
import { runCliOn } from '../support/cli';
import { tempDir } from '../support/temp';

/**
 * 我的今日 (issue 15 #10, docs/product.md §1): an agent's contacts, reached and successes today and this week
 * (local days, Monday–Sunday), and their call-backs due now and later today, from a known set of attempts.
 * Times are built in the machine's zone, as the backend's days are.
 */
describe('agent-day-get', () => {
  const tmp = tempDir('rd-agent-day-');
  const dbPath = tmp.file('ws.sqlite');
  const local = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute); // November 2026
  const now = local(25, 15); // Wednesday 2026-11-25 15:00, week 2026-W48 (Mon 23 – Sun 29)
  const T100: Caller = { agentId: 'T100', role: 'agent' };
  let b: Backend;

  async function call<N extends OperationName>(name: N, input: unknown, caller?: Caller): Promise<OperationOutput<N>> {
    const r = await b.dispatch(name, input, caller);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code, messageKey: r.error.messageKey });
    return r.data as OperationOutput<N>;
  }

  beforeAll(() => {
    b = openBackend({ dbPath, demoIfEmpty: true, now: () => now, identityKeyDir: tmp.file('home') });
    const db = new Database(dbPath);
    try {
      for (const id of ['T100', 'T200']) {
        db.prepare("INSERT INTO agents (id, name, role, pin_hash, active, created_at) VALUES (?, ?, 'agent', 'x', 1, ?)").run(id, id, now.toISOString());
      }
      const msisdns = db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 7').pluck().all() as number[];
      const insert = db.prepare(
        `INSERT INTO attempts (id, task_id, msisdn, agent_id, channel, at, disposition, reason, offer_code, callback_at, recorded_at)
         VALUES (?, NULL, ?, ?, 'phone', ?, ?, ?, ?, ?, ?)`,
      );
      let n = 0;
      const attempt = (agent: string, at: Date, disposition: string) =>
        insert.run(`t-${n++}`, msisdns[0], agent, at.toISOString(), disposition,
          disposition === 'declined' ? 'price' : null, disposition === 'accepted' ? 'DATA_PACK' : null,
          disposition === 'callback' ? local(26, 10).toISOString() : null, at.toISOString());
      // Today: 5 contacts, 3 reached (declined, accepted, call back), 1 success.
      attempt('T100', local(25, 9), 'no_answer');
      attempt('T100', local(25, 10), 'busy');
      attempt('T100', local(25, 11), 'declined');
      attempt('T100', local(25, 12), 'accepted');
      attempt('T100', local(25, 14), 'callback');
      // Earlier this week: yesterday 2 reached, 1 success; Monday just after midnight, not reached.
      attempt('T100', local(24, 10), 'accepted');
      attempt('T100', local(24, 11), 'wrong_person');
      attempt('T100', local(23, 0, 30), 'hung_up');
      // Last week (Sunday 23:30, Friday) and another agent today: not T100's week.
      attempt('T100', local(22, 23, 30), 'accepted');
      attempt('T100', local(20, 10), 'accepted');
      attempt('T200', local(25, 10), 'accepted');
      // Call-backs on T100's open tasks: due (today 14:30, and overdue since yesterday), later today, tomorrow; one closed;
      // one tonight after calling hours (20:30), which can be called only tomorrow at 09:00: not "later today".
      const task = db.prepare('UPDATE tasks SET agent_id = ?, callback_at = ?, closed_at = ? WHERE msisdn = ? AND closed_at IS NULL');
      task.run('T100', local(25, 14, 30).toISOString(), null, msisdns[1]);
      task.run('T100', local(24, 16).toISOString(), null, msisdns[2]);
      task.run('T100', local(25, 17).toISOString(), null, msisdns[3]);
      task.run('T100', local(26, 10).toISOString(), null, msisdns[4]);
      task.run('T100', local(25, 16).toISOString(), now.toISOString(), msisdns[5]);
      task.run('T100', local(25, 21, 44).toISOString(), null, msisdns[6]);
    } finally {
      db.close();
    }
  });
  afterAll(() => {
    b.close();
    tmp.cleanup();
  });

  const figures = (contacts: number, reached: number, successes: number) => ({
    contacts: { value: contacts, target: null },
    reached: { value: reached, target: null },
    successes: { value: successes, target: null },
  });

  it('counts today and this week’s contacts, reached and successes, and the call-backs due now and later today', async () => {
    const day = await call('agent-day-get', {}, T100);
    expect(day).toEqual({
      agentId: 'T100',
      today: '2026-11-25',
      day: figures(5, 3, 1),
      week: { label: '2026-W48', start: local(23, 0).toISOString(), end: local(30, 0).toISOString() },
      thisWeek: figures(8, 5, 2),
      groups: [],
      callbacks: { dueNow: 2, laterToday: 1, nextAt: local(25, 17).toISOString() },
    });
  });

  it('counts an attempt the agent has just logged, and the save answers with the day as agent-day-get reads it (its own call before, §11.6)', async () => {
    const msisdn = String(new Database(dbPath, { readonly: true }).prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id DESC LIMIT 1').pluck().get());
    const saved = await call('attempt-log', { msisdn, channel: 'hall', disposition: 'declined', reason: 'price' }, T100);
    const day = await call('agent-day-get', {}, T100);
    expect(day.day).toEqual(figures(6, 4, 1));
    expect(day.thisWeek).toEqual(figures(9, 6, 2));
    expect(saved.agentDay).toEqual(day);
  });

  it('a save by a supervisor (whose screen shows the workspace’s counts) or from the CLI answers with no day', async () => {
    const msisdn = String(new Database(dbPath, { readonly: true }).prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id DESC LIMIT 1 OFFSET 1').pluck().get());
    expect((await call('attempt-log', { msisdn, channel: 'hall', disposition: 'wrong_person' })).agentDay).toBeNull();
    expect((await call('attempt-log', { msisdn, channel: 'hall', disposition: 'wrong_person' }, { agentId: 'S001', role: 'supervisor' })).agentDay).toBeNull();
  });

  it('counts only the agents’ own attempts, by index: not every attempt of the desk’s week (on the save’s path since the save answers with the day)', () => {
    const db = new Database(dbPath, { readonly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${contactCountsSql}`).all({ reached: '[]', from: '', to: '', agents: '["T100"]' }) as { detail: string }[]).map((r) => r.detail).join(' | ');
    db.close();
    // Covering: the disposition is in the index too, so no attempt row is read (one account with 100,000 attempts in a
    // day took 186 ms a count reading them, 2026-12-08).
    expect(plan).toMatch(/SEARCH attempts USING COVERING INDEX attempts_agent \(agent_id=\? AND at>\? AND at<\?\)/);
  });

  it('an agent reads only their own figures; a supervisor names any agent, and must name one', async () => {
    expect((await call('agent-day-get', { agentId: 'T100' }, T100)).agentId).toBe('T100');
    await expect(call('agent-day-get', { agentId: 'T200' }, T100)).rejects.toMatchObject({ code: 'forbidden', messageKey: 'api.own-figures-only' });
    const other = await call('agent-day-get', { agentId: 'T200' }); // the local supervisor
    expect(other.day).toEqual(figures(1, 1, 1));
    expect(other.callbacks).toEqual({ dueNow: 0, laterToday: 0, nextAt: null });
    await expect(call('agent-day-get', {})).rejects.toMatchObject({ code: 'invalid-input', messageKey: 'api.agent-id-needed' });
    await expect(call('agent-day-get', { agentId: 'NOPE' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('the week carries the agent’s own weekly target, and each of their groups’ with all its members’ contacts (issue 17 #5)', async () => {
    // Every week: 40 contacts and 5 successes; this week (W48) only its successes differ: 3.
    await call('target-save', { scope: { kind: 'agent', id: 'T100' }, week: null, contacts: 40, successes: 5 });
    await call('target-save', { scope: { kind: 'agent', id: 'T100' }, week: '2026W48', contacts: null, successes: 3 });
    // A target for last week only is not this week's.
    await call('target-save', { scope: { kind: 'agent', id: 'T100' }, week: '2026-W47', contacts: 1, successes: 1 });
    const { group } = await call('group-save', { name: '滨江营业厅外呼组', agentIds: ['T100', 'T200'] });
    const { group: untargeted } = await call('group-save', { name: '无目标组', agentIds: ['T100'] });
    await call('target-save', { scope: { kind: 'group', id: String(group.id) }, week: null, contacts: 100, successes: null });
    const day = await call('agent-day-get', {}, T100);
    // The week's figures as before (9 contacts after the hall contact logged above), now against 40 and 3.
    expect(day.thisWeek).toEqual({ contacts: { value: 9, target: 40 }, reached: { value: 6, target: null }, successes: { value: 2, target: 3 } });
    // Days have no targets: targets are weekly.
    expect(day.day.contacts.target).toBeNull();
    // The group: T100's 9 and T200's 1 contacts this week, T100's 2 and T200's 1 successes; no successes target.
    expect(day.groups).toEqual([{ id: group.id, name: '滨江营业厅外呼组', contacts: { value: 10, target: 100 }, successes: { value: 3, target: null } }]);
    expect(day.groups.some((g) => g.id === untargeted.id)).toBe(false);
    // T200 is in the group too, without a target of their own.
    const other = await call('agent-day-get', { agentId: 'T200' });
    expect(other.thisWeek.contacts).toEqual({ value: 1, target: null });
    expect(other.groups.map((g) => g.contacts)).toEqual([{ value: 10, target: 100 }]);
    // The CLI prints the same, for the machine's own week (the every-week targets apply to it; no contacts were logged then).
    const cli = await runCliOn(dbPath, ['my-day', '--agent', 'T100']);
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/^接触\s+\d+\s+\d+ \/ 40$/mu);
    expect(cli.out).toContain('坐席组 滨江营业厅外呼组：接触 0 / 100 · 成功 0（本周）');
    const cliEn = await runCliOn(dbPath, ['my-day', '--agent', 'T100', '--lang', 'en']);
    expect(cliEn.out).toMatch(/^contacts\s+\d+\s+\d+ \/ 40$/mu);
    expect(cliEn.out).toContain('group 滨江营业厅外呼组: contacts 0 / 100 · successes 0 (week)');
  });
});
