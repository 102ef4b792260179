import { describe, it, expect } from 'vitest';
import { demoOfferCodes, generateDemoWorkspace, type DemoAttempt } from '../../../core/demo/generator';
import { dispositionLabels, dispositions, reasons, competitors, channels } from '../../../core/contact/codes';
import { listTypes } from '../../../core/worklist/fields';

const now = '2026-11-18T06:30:00.000Z'; // Wednesday 14:30 in Shanghai, ISO week 47
const ws = generateDemoWorkspace({ seed: 20261123, subscribers: 3000, now });
const shanghaiMinutes = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes() + d.getUTCSeconds() / 60;
};
const isReached = (a: DemoAttempt) => dispositionLabels[a.disposition].group === 'reached';

describe('generateDemoWorkspace', () => {
  it('is deterministic for a seed', () => {
    const again = generateDemoWorkspace({ seed: 20261123, subscribers: 3000, now });
    expect(again).toEqual(ws);
    const other = generateDemoWorkspace({ seed: 1, subscribers: 3000, now });
    expect(other.attempts.map((a) => a.id)).not.toEqual(ws.attempts.map((a) => a.id));
  });

  it('leaves no call-back due at its "as of", whatever the hour it is generated at: a due call-back would lead a queue', () => {
    for (let minute = 0; minute < 24 * 60; minute += 10) {
      const at = new Date(Date.UTC(2026, 11, 6, 0, minute)).toISOString();
      const w = generateDemoWorkspace({ seed: 20261123, subscribers: 3000, now: at });
      const last = new Map<string, DemoAttempt>();
      for (const a of w.attempts) last.set(a.msisdn, a); // sorted by time: the last one wins
      const due = [...last.values()].filter((a) => a.disposition === 'callback' && a.callbackAt !== null && a.callbackAt <= at);
      expect(due.map((a) => `${a.msisdn} ${a.callbackAt}`), at).toEqual([]);
    }
  });

  it('has the sign-in accounts and a few agents', () => {
    expect(ws.agents.find((a) => a.id === 'A001')?.role).toBe('agent');
    expect(ws.agents.find((a) => a.id === 'S001')?.role).toBe('supervisor');
    expect(ws.agents.filter((a) => a.role === 'agent').length).toBeGreaterThanOrEqual(5);
  });

  it('has open lists of different types named from the date', () => {
    expect(ws.today).toBe('2026-11-18');
    expect(ws.lists.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ws.lists.map((l) => l.type)).size).toBe(ws.lists.length);
    expect(new Set(ws.lists.map((l) => l.key)).size).toBe(ws.lists.length);
    for (const l of ws.lists) {
      expect(listTypes).toContain(l.type);
      expect(l.importedAt < now).toBe(true);
      expect(l.dueDate >= ws.today).toBe(true);
      expect(l.members.length).toBeGreaterThan(0);
      expect(l.name).toMatch(/^2026年(第\d+周|\d+月)/);
    }
    expect(ws.lists.find((l) => l.type === 'weekly_anomaly')?.name).toBe('2026年第47周异动维系清单');
  });

  it('selects list members by their figures', () => {
    const byMsisdn = new Map(ws.subscribers.map((s) => [s.msisdn, s]));
    const members = (type: string) => ws.lists.find((l) => l.type === type)!.members.map((m) => byMsisdn.get(m.msisdn)!);
    for (const s of members('contract_expiring')) {
      const days = (Date.parse(s.contract_end as string) - Date.parse(ws.today)) / 86_400_000;
      expect(days >= 0 && days <= 60).toBe(true);
    }
    for (const s of members('dual_sim')) expect(s.dual_sim).not.toBe('无');
    for (const s of members('arrears_suspension')) expect(s.arrears as number).toBeGreaterThan(0);
    for (const s of members('no_contract_care')) expect(s.contract_type).toBe('无合约');
    for (const l of ws.lists) for (const m of l.members) expect(m.reason.length).toBeGreaterThan(0);
  });

  it('has one task per listed subscriber, carrying all its lists', () => {
    const subscribers = new Set(ws.subscribers.map((s) => s.msisdn));
    const listed = new Map<string, string[]>();
    for (const l of ws.lists) for (const m of l.members) listed.set(m.msisdn, [...(listed.get(m.msisdn) ?? []), l.key]);
    expect(ws.tasks.length).toBe(listed.size);
    expect(new Set(ws.tasks.map((t) => t.msisdn)).size).toBe(ws.tasks.length);
    const agents = new Set(ws.agents.filter((a) => a.role === 'agent').map((a) => a.id));
    for (const t of ws.tasks) {
      expect(subscribers.has(t.msisdn)).toBe(true);
      expect(t.listKeys.length).toBeGreaterThanOrEqual(1);
      expect([...t.listKeys].sort()).toEqual([...listed.get(t.msisdn)!].sort());
      expect(agents.has(t.agentId)).toBe(true);
      const firstImport = ws.lists.filter((l) => t.listKeys.includes(l.key)).map((l) => l.importedAt).sort()[0];
      expect(t.createdAt).toBe(firstImport);
    }
    expect(ws.tasks.filter((t) => t.listKeys.length > 1).length).toBeGreaterThan(50);
    expect(ws.tasks.filter((t) => t.agentId === 'A001').length).toBeGreaterThan(100);
  });

  it('logs attempts that follow the contact policy and the logging rules', () => {
    const tasks = new Map(ws.tasks.map((t) => [t.msisdn, t]));
    const subscribers = new Map(ws.subscribers.map((s) => [s.msisdn, s]));
    const perTask = new Map<string, DemoAttempt[]>();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(new Set(ws.attempts.map((a) => a.id)).size).toBe(ws.attempts.length);
    for (const a of ws.attempts) {
      const task = tasks.get(a.msisdn)!;
      expect(task).toBeDefined();
      expect(a.id).toMatch(uuid);
      expect(a.agentId).toBe(task.agentId);
      expect(channels).toContain(a.channel);
      expect(dispositions).toContain(a.disposition);
      expect(a.at >= task.createdAt && a.at < now).toBe(true);
      const minutes = shanghaiMinutes(a.at);
      expect(minutes >= 9 * 60 && minutes <= 20 * 60 + 30, a.at).toBe(true);
      if (a.reason !== null) expect(reasons).toContain(a.reason);
      if (a.competitor !== null) expect(competitors).toContain(a.competitor);
      if (a.offerCode !== null) expect(demoOfferCodes).toContain(a.offerCode);
      if (a.disposition === 'declined') expect(a.reason).not.toBeNull();
      if (a.disposition === 'accepted') expect(a.offerCode).not.toBeNull();
      if (a.disposition === 'callback') {
        expect(a.callbackAt).not.toBeNull();
        expect(a.callbackAt! > a.at).toBe(true);
        const m = shanghaiMinutes(a.callbackAt!);
        expect(m >= 9 * 60 && m <= 20 * 60 + 30).toBe(true);
      } else expect(a.callbackAt).toBeNull();
      if (a.channel === 'phone') expect(subscribers.get(a.msisdn)!.do_not_disturb).toBe(0);
      perTask.set(a.msisdn, [...(perTask.get(a.msisdn) ?? []), a]);
    }
    for (const list of perTask.values()) {
      expect(list.length).toBeLessThanOrEqual(3);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        expect(list[i]!.at > prev.at).toBe(true);
        if (!isReached(prev)) expect(Date.parse(list[i]!.at) - Date.parse(prev.at)).toBeGreaterThanOrEqual(2 * 3_600_000);
        // Nothing follows a closing outcome.
        expect(['accepted', 'declined', 'churned', 'invalid_number']).not.toContain(prev.disposition);
      }
    }
    const sorted = [...ws.attempts].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    expect(ws.attempts.map((a) => a.at)).toEqual(sorted.map((a) => a.at));
    expect(ws.attempts.some((a) => a.callbackAt !== null && a.callbackAt > now)).toBe(true);
    expect(ws.attempts.some((a) => a.disposition === 'churned' && a.competitor !== null)).toBe(true);
  });

  it('reaches and keeps customers at realistic rates', () => {
    const perTask = new Map<string, DemoAttempt[]>();
    for (const a of ws.attempts) perTask.set(a.msisdn, [...(perTask.get(a.msisdn) ?? []), a]);
    const attempted = [...perTask.values()];
    const reached = attempted.filter((as) => as.some(isReached));
    const success = reached.filter((as) => as.some((a) => a.disposition === 'accepted'));
    expect(reached.length / attempted.length).toBeGreaterThan(0.5);
    expect(reached.length / attempted.length).toBeLessThan(0.72);
    expect(success.length / reached.length).toBeGreaterThan(0.22);
    expect(success.length / reached.length).toBeLessThan(0.4);
    expect(attempted.length / ws.tasks.length).toBeGreaterThan(0.6);
    expect(attempted.length).toBeLessThan(ws.tasks.length); // the newest tasks are still pending
  });
});
