import type { Db } from './connection';
import { stmt } from './statements';

/**
 * What a success keeps (migration 018, `success_outcomes`; rules in core/offers/follow-up.ts): per accepted attempt,
 * ARPU before (snapshot when logged), the plan as accepted, the 3-month verdict and ARPU after from later imports.
 */

/** Stores the snapshot of a success just logged (once per attempt: a repeat changes nothing). */
export function recordSuccess(db: Db, attemptId: string, arpuBefore: number | null): void {
  stmt(db, 'INSERT INTO success_outcomes (attempt_id, arpu_before) VALUES (?, ?) ON CONFLICT(attempt_id) DO NOTHING').run(attemptId, arpuBefore);
}

/** A success a later import may still tell something about: not yet judged, or without ARPU after or plan as accepted. */
export interface OpenSuccessRow {
  attempt_id: string;
  msisdn: number;
  at: string;
  plan_accepted: string | null;
  retained: number | null;
  arpu_after: number | null;
}

/**
 * The successes of the customers a file holds that a later file may still settle, by number. One walk over the
 * accepted attempts' partial index (migration 018), not over every attempt; LEFT JOIN: an accepted attempt logged
 * before migration 018, merged or generated for the demo has no row yet.
 */
export function openSuccessesOf(db: Db, msisdns: ReadonlySet<number>): Map<number, OpenSuccessRow[]> {
  const out = new Map<number, OpenSuccessRow[]>();
  if (msisdns.size === 0) return out;
  const rows = stmt(
    db,
    `SELECT a.id AS attempt_id, a.msisdn, a.at, so.plan_accepted, so.retained, so.arpu_after
       FROM attempts a INDEXED BY attempts_accepted LEFT JOIN success_outcomes so ON so.attempt_id = a.id
      WHERE a.disposition = 'accepted' AND a.msisdn > 0 AND (so.attempt_id IS NULL OR so.retained IS NULL OR so.arpu_after IS NULL OR so.plan_accepted IS NULL)`,
  ).iterate() as Iterable<OpenSuccessRow>;
  for (const r of rows) {
    if (!msisdns.has(r.msisdn)) continue;
    const list = out.get(r.msisdn);
    if (list) list.push(r);
    else out.set(r.msisdn, [r]);
  }
  return out;
}

/** Writes what a later import settled about one success; a value already set is kept (the first file that told it wins). */
export function settleSuccess(
  db: Db,
  attemptId: string,
  s: { planAccepted: string | null; retained: number | null; arpuAfter: number | null; at: string },
): void {
  stmt(db, 'INSERT INTO success_outcomes (attempt_id) VALUES (?) ON CONFLICT(attempt_id) DO NOTHING').run(attemptId);
  stmt(
    db,
    `UPDATE success_outcomes SET
       plan_accepted = coalesce(plan_accepted, @planAccepted),
       judged_at = CASE WHEN retained IS NULL AND @retained IS NOT NULL THEN @at ELSE judged_at END,
       retained = coalesce(retained, @retained),
       arpu_after_at = CASE WHEN arpu_after IS NULL AND @arpuAfter IS NOT NULL THEN @at ELSE arpu_after_at END,
       arpu_after = coalesce(arpu_after, @arpuAfter)
     WHERE attempt_id = @attemptId`,
  ).run({ attemptId, planAccepted: s.planAccepted, retained: s.retained, arpuAfter: s.arpuAfter, at: s.at });
}
