import type { ContactView } from '../../core/api';
import { canContactNow, type ContactAttemptFact } from '../../core/contact/policy';
import type { Channel } from '../../core/contact/codes';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/statements';
import { localDate } from './context';

/** The facts the contact policy needs about one task and its customer. */
export interface ContactFacts {
  taskId: number | null;
  dueDate: string | null;
  doNotDisturb: number | null;
  lastMarketed: string | null;
}

/**
 * Contact decisions (docs/product.md §6) for tasks, in the machine's local time: calling hours and "today" are the hall's.
 * The attempts of all the given tasks are read in one query, so a queue page of 100 costs one extra read.
 */
export function contactDecisions(db: Db, facts: readonly ContactFacts[], channel: Channel, now: Date): ContactView[] {
  const ids = facts.map((f) => f.taskId).filter((id): id is number => id !== null);
  const byTask = new Map<number, ContactAttemptFact[]>();
  if (ids.length) {
    const rows = stmt(db, `SELECT task_id, at, disposition, callback_at, channel FROM attempts WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY at`)
      .all(JSON.stringify(ids)) as { task_id: number; at: string; disposition: string; callback_at: string | null; channel: string }[];
    for (const r of rows) {
      const list = byTask.get(r.task_id) ?? [];
      list.push({ at: r.at, disposition: r.disposition, callbackAt: r.callback_at, channel: r.channel });
      byTask.set(r.task_id, list);
    }
  }
  const ctx = { now: now.toISOString(), localMinuteOfDay: now.getHours() * 60 + now.getMinutes(), today: localDate(now) };
  return facts.map((f) => {
    const d = canContactNow(
      { attempts: f.taskId === null ? [] : (byTask.get(f.taskId) ?? []), dueDate: f.dueDate },
      { doNotDisturb: f.doNotDisturb, lastMarketed: f.lastMarketed },
      channel,
      ctx,
    );
    return { allowed: d.allowed, reasons: d.reasons, nextAllowedAt: d.nextAllowedAt ?? null, routeToCare: d.routeToCare ?? false };
  });
}
