import { arpuAfter, retentionVerdict, type LaterFacts } from '../../core/offers/follow-up';
import type { Db } from '../../db/connection';
import { openSuccessesOf, settleSuccess } from '../../db/successes';
import { localDate } from './context';

/** One imported row: the customer and the canonical fields the file gave. */
export interface ImportedRow {
  msisdn: string;
  fields: Record<string, unknown>;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * What a work-list import tells about earlier successes (issue 17 #4, issue 18 #3; rules in core/offers/follow-up.ts):
 * the plan as accepted (first file after the success), kept or lost three months on (在网率), and ARPU after. Only
 * the columns the file carries speak: a file without a status or churn column judges nothing. Inside the import's
 * transaction. Returns how many successes learnt something.
 */
export function settleSuccessesFromImport(db: Db, rows: readonly ImportedRow[], columns: ReadonlySet<string>, today: string, at: string): number {
  const open = openSuccessesOf(db, new Set(rows.map((r) => Number(r.msisdn))));
  if (open.size === 0) return 0;
  const has = (c: string) => columns.has(c);
  let settled = 0;
  for (const r of rows) {
    const successes = open.get(Number(r.msisdn));
    if (!successes) continue;
    const f = r.fields;
    const later: LaterFacts = {
      on: today,
      ...(has('status') ? { status: text(f.status) } : {}),
      ...(has('churned') ? { churned: num(f.churned) ?? (f.churned === true ? 1 : null) } : {}),
      ...(has('churn_date') ? { churnDate: text(f.churn_date) } : {}),
      ...(has('plan_code') ? { planCode: text(f.plan_code) } : {}),
      ...(has('arpu_cur') ? { arpuCur: num(f.arpu_cur) } : {}),
      ...(has('arpu_m3') ? { arpuLastMonth: num(f.arpu_m3) } : {}),
    };
    for (const s of successes) {
      const on = localDate(new Date(s.at));
      // A file of the success's own day or earlier (a list imported again) says nothing about afterwards.
      if (today <= on) continue;
      const planAccepted = s.plan_accepted ?? later.planCode ?? null;
      const verdict = s.retained === null ? retentionVerdict({ on, planAccepted }, later) : null;
      const after = s.arpu_after === null ? arpuAfter(on, later) : null;
      if (planAccepted === s.plan_accepted && verdict === null && after === null) continue;
      settleSuccess(db, s.attempt_id, { planAccepted, retained: verdict === null ? null : verdict === 'retained' ? 1 : 0, arpuAfter: after, at });
      settled++;
    }
  }
  return settled;
}
