import type { ContactView } from '../../core/api';
import { canContactNow, type ContactAttemptFact } from '../../core/contact/policy';
import type { Channel } from '../../core/contact/codes';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/statements';
import { localDate } from './context';
import { maskMsisdn } from '../../core/privacy/mask';

/** The facts the contact policy needs about one task and its customer. */
export interface ContactFacts {
  taskId: number | null;
  dueDate: string | null;
  doNotDisturb: number | null;
  lastMarketed: string | null;
  /** The customer's number: another line of the same person contacted today blocks this one (docs/product.md §4.4). */
  msisdn?: number | null;
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
  const samePerson = samePersonContactedToday(db, facts, now);
  return facts.map((f) => {
    const d = canContactNow(
      { attempts: f.taskId === null ? [] : (byTask.get(f.taskId) ?? []), dueDate: f.dueDate },
      { doNotDisturb: f.doNotDisturb, lastMarketed: f.lastMarketed, samePersonContactedToday: f.msisdn ? samePerson.get(f.msisdn) : null },
      channel,
      ctx,
    );
    return { allowed: d.allowed, reasons: d.reasons, nextAllowedAt: d.nextAllowedAt ?? null, routeToCare: d.routeToCare ?? false };
  });
}

/**
 * For each given number whose person (identity hash) has another line with an outbound attempt today (local day):
 * that line, masked, and the first such attempt. One query for the whole page, each step an index seek
 * (subscribers' primary key, subscribers_id_hash, attempts_msisdn on (msisdn, at)).
 */
function samePersonContactedToday(db: Db, facts: readonly ContactFacts[], now: Date): Map<number, { msisdnMasked: string; at: string }> {
  const out = new Map<number, { msisdnMasked: string; at: string }>();
  const msisdns = facts.map((f) => f.msisdn).filter((m): m is number => typeof m === 'number' && m > 0);
  if (msisdns.length === 0) return out;
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const dayEnd = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const rows = stmt(
    db,
    `SELECT s.msisdn AS msisdn, o.msisdn AS other, min(a.at) AS at
       FROM subscribers s
       JOIN subscribers o ON o.id_hash = s.id_hash AND o.msisdn <> s.msisdn
       JOIN attempts a ON a.msisdn = o.msisdn AND a.at >= ? AND a.at < ? AND a.channel <> 'hall'
      WHERE s.msisdn IN (SELECT value FROM json_each(?)) AND s.id_hash IS NOT NULL
      GROUP BY s.msisdn`,
  ).all(dayStart.toISOString(), dayEnd.toISOString(), JSON.stringify(msisdns)) as { msisdn: number; other: number; at: string }[];
  for (const r of rows) out.set(r.msisdn, { msisdnMasked: maskMsisdn(r.other) ?? '', at: r.at });
  return out;
}
