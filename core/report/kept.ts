/**
 * What successes kept (issue 17 #4 在网率, issue 18 #3 revenue kept; docs/reports.md "Kept successes"): per group of
 * successes (a list, an offer, an agent — or a campaign, whose lists the caller rolls up through `keptBy`), how many
 * were judged three months on, how many of them were kept, and the ARPU before and after of those with both known.
 * The verdicts and ARPU are the backend's (core/offers/follow-up.ts rules, stored by imports in success_outcomes).
 */

/** One accepted attempt and what later imports said about it. */
export interface ReportSuccess {
  attemptId: string;
  taskId: number | null;
  agentId: string;
  offerCode: string | null;
  /** The plan the success moved the customer to, if any (absent: none). */
  planCode?: string | null;
  at: string;
  /** Kept three months (true), lost (false), not judged yet (null). */
  retained: boolean | null;
  arpuBefore: number | null;
  arpuAfter: number | null;
}

export interface KeptFigures {
  /** Successes with a 3-month verdict, and those kept: 在网率 = retained ÷ judged. */
  judged: number;
  retained: number;
  /** Successes with ARPU both before and after known, and the two sums over them (yuan a month). */
  arpuCount: number;
  arpuBefore: number;
  arpuAfter: number;
}

export const noKept = (): KeptFigures => ({ judged: 0, retained: 0, arpuCount: 0, arpuBefore: 0, arpuAfter: 0 });

export function addKept(k: KeptFigures, s: ReportSuccess): void {
  if (s.retained !== null) {
    k.judged++;
    if (s.retained) k.retained++;
  }
  if (s.arpuBefore !== null && s.arpuAfter !== null) {
    k.arpuCount++;
    k.arpuBefore += s.arpuBefore;
    k.arpuAfter += s.arpuAfter;
  }
}

/** The figures per key; a success may count under several keys (a task on two lists) or none. */
export function keptBy<K>(successes: Iterable<ReportSuccess>, keysOf: (s: ReportSuccess) => Iterable<K>): Map<K, KeptFigures> {
  const out = new Map<K, KeptFigures>();
  for (const s of successes) {
    for (const key of keysOf(s)) {
      let k = out.get(key);
      if (!k) out.set(key, (k = noKept()));
      addKept(k, s);
    }
  }
  return out;
}

/** The 3-month retention rate (在网率): kept ÷ judged, null before any success is judged. */
export const retentionRate = (k: KeptFigures): number | null => (k.judged > 0 ? k.retained / k.judged : null);
