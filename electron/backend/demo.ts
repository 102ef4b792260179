import { deriveTaskStatus } from '../../core/contact/status';
import { generateDemoWorkspace } from '../../core/demo/generator';
import { attemptInserter } from '../../db/attempts';
import { upsertAgent } from '../../db/agents';
import type { Db } from '../../db/connection';
import { subscriberUpserter } from '../../db/subscribers';
import { insertTask, updateTaskDerived } from '../../db/tasks';
import { insertWorkList, listMemberInserter } from '../../db/worklists';
import { getWorkspaceValue, setWorkspaceValue, writeAudit } from '../../db/workspace';
import { refreshQueueBlocks } from './contact';
import { activeContactPolicy } from './contact-policy';
import { localDate } from './context';
import { hashPin } from './pin';
import { scoreSubscribers } from './scoring';

export const DEMO_PIN = '123456';
/** Workspace key: the demo accounts whose PIN was reset since (a JSON list of ids). */
const DEMO_PIN_CHANGED = 'demo-pin-changed';

/** The demo accounts whose PIN a supervisor reset: the sign-in list no longer offers them with the demo PIN. */
export function demoPinChanged(db: Db): ReadonlySet<string> {
  return new Set(JSON.parse(getWorkspaceValue(db, DEMO_PIN_CHANGED) ?? '[]') as string[]);
}

/** A demo account's PIN was reset (a workspace that is not the demo keeps nothing of it). */
export function noteDemoPinChanged(db: Db, agentId: string): void {
  if (getWorkspaceValue(db, 'demo') !== '1') return;
  setWorkspaceValue(db, DEMO_PIN_CHANGED, JSON.stringify([...new Set([...demoPinChanged(db), agentId])]));
}
export const DEMO_SUBSCRIBERS = 3000;

/**
 * First run: fill an empty workspace with the generated demo (docs/product.md §9) — subscribers, several work lists,
 * agents A001/S001 (PIN 123456) and a few weeks of contact history — in one transaction, and mark it as
 * demo data so the UI labels it.
 */
export function seedDemoWorkspace(db: Db, opts: { now: Date; seed?: number; subscribers?: number }): void {
  const nowIso = opts.now.toISOString();
  const demo = generateDemoWorkspace({ seed: opts.seed ?? 20261123, subscribers: opts.subscribers ?? DEMO_SUBSCRIBERS, now: nowIso });
  const pinHash = hashPin(DEMO_PIN); // one slow hash shared by the demo accounts keeps first start quick

  db.transaction(() => {
    for (const a of demo.agents) upsertAgent(db, { ...a, pinHash, createdAt: nowIso });

    const upsert = subscriberUpserter(db);
    for (const s of demo.subscribers) upsert(s, nowIso);

    const listIds = new Map<string, number>();
    const dueByList = new Map<string, string>();
    for (const l of demo.lists) {
      listIds.set(l.key, insertWorkList(db, { name: l.name, type: l.type, period: l.period, dueDate: l.dueDate, importedAt: l.importedAt, demo: true }));
      dueByList.set(l.key, l.dueDate);
    }

    const addMember = listMemberInserter(db);
    const reasons = new Map<string, Map<string, string>>(); // list key → msisdn → reason
    for (const l of demo.lists) {
      const m = new Map<string, string>();
      for (const member of l.members) m.set(member.msisdn, member.reason);
      reasons.set(l.key, m);
    }

    const attemptsByMsisdn = new Map<string, typeof demo.attempts>();
    for (const a of demo.attempts) {
      const list = attemptsByMsisdn.get(a.msisdn) ?? [];
      list.push(a);
      attemptsByMsisdn.set(a.msisdn, list);
    }

    const addAttempt = attemptInserter(db);
    const today = localDate(opts.now);
    const taskIds: number[] = [];
    for (const t of demo.tasks) {
      const dueDate = t.listKeys.map((k) => dueByList.get(k)!).sort()[0] ?? null;
      const taskId = insertTask(db, { msisdn: t.msisdn, agentId: t.agentId, dueDate, createdAt: t.createdAt });
      taskIds.push(taskId);
      for (const key of t.listKeys) {
        addMember({ listId: listIds.get(key)!, msisdn: t.msisdn, taskId, reason: reasons.get(key)?.get(t.msisdn) ?? null, rowNo: null });
      }
      const attempts = attemptsByMsisdn.get(t.msisdn) ?? [];
      for (const a of attempts) addAttempt({ ...a, taskId }, a.at);
      const derived = deriveTaskStatus(attempts, { now: nowIso, today, dueDate, policy: activeContactPolicy(db) });
      updateTaskDerived(db, taskId, {
        status: derived.status,
        closedAt: derived.closed ? (derived.lastAttemptAt ?? nowIso) : null,
        attemptCount: derived.attemptCount,
        lastAttemptAt: derived.lastAttemptAt,
        callbackAt: derived.callbackAt,
      });
    }

    scoreSubscribers(db, { today, at: nowIso });
    refreshQueueBlocks(db, taskIds, opts.now);
    setWorkspaceValue(db, 'demo', '1');
    setWorkspaceValue(db, 'initialised', nowIso);
    writeAudit(db, { at: nowIso, agentId: null, action: 'workspace-demo-seeded', detail: { subscribers: demo.subscribers.length, lists: demo.lists.length } });
  })();
}
