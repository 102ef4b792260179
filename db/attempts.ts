import type { Db } from './connection';
import { stmt, suspendSchema } from './statements';

export interface AttemptRecord {
  id: string;
  taskId: number | null;
  msisdn: string;
  agentId: string;
  channel: string;
  at: string;
  disposition: string;
  reason: string | null;
  competitor: string | null;
  /** What the competitor offered: the agent's words and the monthly price in yuan (migration 011). */
  competitorOffer?: string | null;
  competitorAmount?: number | null;
  offerCode: string | null;
  /** The tariff plan an accepted outcome moved the customer to (migration 034). */
  planCode?: string | null;
  callbackAt: string | null;
  note: string | null;
}

export interface AttemptRow {
  id: string;
  task_id: number | null;
  msisdn: number;
  agent_id: string;
  channel: string;
  at: string;
  disposition: string;
  reason: string | null;
  competitor: string | null;
  competitor_offer: string | null;
  competitor_amount: number | null;
  offer_code: string | null;
  callback_at: string | null;
  note: string | null;
  recorded_at: string;
  plan_code: string | null;
}

/**
 * The indexes of attempts other than their id, each entry written at a random place (a task's, a number's, by time,
 * by when recorded, a number's accepted offers). A large outcome merge writes its attempts without them and builds them
 * afresh before tasks' statuses are derived again: 100,000 attempts into an empty workspace 2.26–2.35 s → 1.88–1.98 s,
 * 0.15 s of it the building (docs/import-memory.md "The outcome merge"). Nothing the merge reads while it adds attempts
 * goes through them (an attempt already present is found by its id).
 */
const attemptSecondaryIndexes = ['attempts_task', 'attempts_msisdn', 'attempts_at', 'attempts_recorded', 'attempts_accepted'];

/** Drops the attempts' secondary indexes inside the caller's transaction; the returned function builds them again. */
export function suspendAttemptIndexes(db: Db): () => void {
  return suspendSchema(db, 'index', attemptSecondaryIndexes);
}

/**
 * The attempts a merge adds from which building the indexes afresh costs less than writing them one by one: building
 * reads every attempt stored, so half of those stored before the merge, and 2,000.
 */
export function attemptIndexRebuildRows(db: Db, added: number): number {
  const storedBefore = (stmt(db, 'SELECT count(*) FROM attempts').pluck().get() as number) - added;
  return Math.max(2_000, Math.ceil(storedBefore / 2));
}

/**
 * Adds attempts as a set: an id already present is left as it is (attempts are immutable events), so
 * importing the same outcome file twice changes nothing. Returns how many were new.
 */
export function attemptInserter(db: Db) {
  const statement = stmt(db,
    `INSERT INTO attempts (id, task_id, msisdn, agent_id, channel, at, disposition, reason, competitor, competitor_offer, competitor_amount,
                           offer_code, callback_at, note, recorded_at, plan_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
  );
  return (a: AttemptRecord, recordedAt: string): boolean =>
    statement.run(
      a.id, a.taskId, Number(a.msisdn), a.agentId, a.channel, a.at, a.disposition, a.reason, a.competitor,
      a.competitorOffer ?? null, a.competitorAmount ?? null, a.offerCode, a.callbackAt, a.note, recordedAt, a.planCode ?? null,
    ).changes === 1;
}

export function recentAttemptsOfSubscriber(db: Db, msisdn: string, limit = 20): AttemptRow[] {
  return stmt(db, 'SELECT * FROM attempts WHERE msisdn = ? ORDER BY at DESC, id DESC LIMIT ?')
    .all(Number(msisdn), limit) as AttemptRow[];
}
