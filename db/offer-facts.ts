import type { Db } from './connection';
import { stmt } from './statements';

/** A subscriber's past offers and outcomes, for cooldowns and "already accepted" (docs/product.md §5.1 contact policy). */
export function offerHistory(db: Db, msisdn: string): { offerCode: string; disposition: string; at: string }[] {
  return stmt(db, 'SELECT offer_code AS offerCode, disposition, at FROM attempts WHERE msisdn = ? AND offer_code IS NOT NULL ORDER BY at').all(Number(msisdn)) as {
    offerCode: string;
    disposition: string;
    at: string;
  }[];
}

/** Acceptances per offer since `since` (UTC ISO, the start of the local week): the weekly budgets. */
export function acceptancesSince(db: Db, since: string): Record<string, number> {
  const rows = stmt(db, "SELECT offer_code AS code, count(*) AS n FROM attempts WHERE disposition = 'accepted' AND offer_code IS NOT NULL AND at >= ? GROUP BY offer_code").all(since) as {
    code: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.code, r.n]));
}

/** Every reached attempt with an offer, with the customer's stored segment facts: the acceptance learning set. */
export function offeredAttempts(db: Db): { offerCode: string; disposition: string; sensitivity: string | null; tags: string | null }[] {
  return stmt(
    db,
    `SELECT a.offer_code AS offerCode, a.disposition, sc.sensitivity, sc.tags
       FROM attempts a LEFT JOIN subscriber_scores sc ON sc.msisdn = a.msisdn
      WHERE a.offer_code IS NOT NULL AND a.disposition IN ('accepted', 'declined')`,
  ).all() as { offerCode: string; disposition: string; sensitivity: string | null; tags: string | null }[];
}

/** Changes whenever attempts are added (logged here or merged by a job on another connection). */
export function attemptsStamp(db: Db): string {
  return ((stmt(db, 'SELECT max(recorded_at) AS at FROM attempts').get() as { at: string | null }).at ?? '') as string;
}

/** The offer families the open task's campaign lists lead with (docs/product.md §5.6), newest list first. */
export function openTaskOfferFamilies(db: Db, msisdn: string): { family: string; list: string }[] {
  return stmt(
    db,
    `SELECT w.offer_family AS family, w.name AS list FROM list_members m JOIN work_lists w ON w.id = m.list_id JOIN tasks t ON t.id = m.task_id
      WHERE m.msisdn = ? AND t.closed_at IS NULL AND w.offer_family IS NOT NULL ORDER BY w.id DESC`,
  ).all(Number(msisdn)) as { family: string; list: string }[];
}

/**
 * The types of the work lists the customer is on that still run (not closed by a supervisor, not past their due date):
 * what an offer's "on a … list" condition reads. Not only the open task's: once their task ended (a decline, a
 * call-back's task) the customer is still on the list, and the card refused its offers as "not on such a list"
 * (found by a new agent).
 */
export function customerListTypes(db: Db, msisdn: string, today: string): string[] {
  return stmt(db, `SELECT DISTINCT w.list_type FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.msisdn = ? AND ${RUNNING_LIST}`)
    .pluck()
    .all(Number(msisdn), today) as string[];
}

/** A work list `w` that still runs: not closed by a supervisor, not past its due date (the parameter: today's local date). */
export const RUNNING_LIST = '(w.closed_at IS NULL AND (w.due_date IS NULL OR w.due_date >= ?))';
