/**
 * Ranking of the candidate offers (docs/product.md §5.2): the expected value of making the offer now,
 *
 *   EV = P(accept | offer, segment) × P(churn) × value at risk − cost,   value at risk = ARPU × horizon (12 months)
 *
 * i.e. the revenue an accepted offer keeps (the customer would otherwise have left with that probability)
 * minus what the offer costs. Top 3 by EV, ties broken by offer code, each with why it fits (the eligibility
 * conditions that held, with the customer's figures, then the figures of the estimate) and its script.
 * An offer with a negative EV is never in the top 3 (docs/product.md §5.2 "No revenue traps": it costs more than
 * it is likely to keep); `negativeValueOffers` lists them, so the card can say why they are not offered. An
 * offer with EV exactly 0 (costs nothing, keeps nothing measurable — e.g. ARPU unknown) is still ranked after
 * the positive ones, unless `positiveOnly` is set: a hall agent serving a walk-in may still want a care offer.
 *
 * P(churn) is the customer's one figure (core/risk/signal.ts `customerChurnP`), the one the queue ranks by.
 *
 * With a `trialKey` (customer + local date), a bounded share of customer-days gets a trial offer (试推) first
 * instead of the best estimate, so that the acceptance table keeps learning offers it is unsure of
 * (docs/product.md §5.2 "Trial offers"; the rule is in explore.ts). The trial is marked `trial` and its why says so.
 */
import { acceptanceOf, type AcceptanceTable } from './acceptance';
import { chooseTrial } from './explore';
import type { ConditionNote } from './match';
import type { Offer } from './catalogue';

export interface RankContext {
  /** Probability the customer leaves within the horizon, 0–1. */
  pChurn: number;
  /** Monthly ARPU in yuan (3-month average preferred); null/NaN when unknown: the value at risk is then 0. */
  arpu: number | null;
  /** The acceptance segment (acceptance.ts `segmentOf`). */
  segment: string;
  acceptance: AcceptanceTable;
  /** Months of revenue an accepted offer keeps; default 12. */
  horizonMonths?: number;
  /** From the match: per offer code, the eligibility conditions that held (MatchResult.matched). */
  matched?: Readonly<Record<string, readonly ConditionNote[]>>;
  /** How many to return; default 3. */
  limit?: number;
  /** Leave out offers whose expected value is ≤ 0. Default false. */
  positiveOnly?: boolean;
  /** The customer-day key (explore.ts `trialKey`): allows a trial offer first. Without it, no trial. */
  trialKey?: string;
  /** Share of customer-days that may get a trial; default explore.ts `TRIAL_SHARE`. */
  trialShare?: number;
  /**
   * A campaign's offer family (docs/product.md §5.6): offers of these categories worth offering come first, in their own
   * order, the others after in theirs; `list` names the campaign's list for the why. A trial still leads.
   */
  lead?: { categories: readonly string[]; list: string };
}

export interface RankedOffer {
  code: string;
  /** Yuan, rounded to cents. */
  expectedValue: number;
  pAccept: number;
  why: ConditionNote[];
  script: string | null;
  /** A trial offer (试推, bounded exploration): placed first to learn its acceptance, not the best estimate. */
  trial: boolean;
}

export const DEFAULT_HORIZON_MONTHS = 12;

const round2 = (x: number): number => Math.round(x * 100) / 100;
const pct1 = (x: number): number => Math.round(x * 1000) / 10;

export function expectedValue(pAccept: number, pChurn: number, arpu: number | null, horizonMonths: number, cost: number): number {
  const a = arpu !== null && arpu === arpu && arpu > 0 ? arpu : 0;
  return pAccept * pChurn * a * horizonMonths - cost;
}

function scoreOffers(candidates: readonly Offer[], ctx: RankContext) {
  const horizon = ctx.horizonMonths ?? DEFAULT_HORIZON_MONTHS;
  const pChurn = Math.min(1, Math.max(0, ctx.pChurn === ctx.pChurn ? ctx.pChurn : 0));
  const arpuKnown = ctx.arpu !== null && ctx.arpu === ctx.arpu && ctx.arpu > 0;
  const arpu = arpuKnown ? (ctx.arpu as number) : 0;
  const scored = candidates.map((o) => {
    const acc = acceptanceOf(ctx.acceptance, o.code, ctx.segment);
    const ev = expectedValue(acc.p, pChurn, arpu, horizon, o.cost);
    return { o, acc, ev };
  });
  scored.sort((a, b) => b.ev - a.ev || (a.o.code < b.o.code ? -1 : a.o.code > b.o.code ? 1 : 0));
  return { scored, horizon, pChurn, arpuKnown, arpu };
}

/**
 * The candidates whose expected value is negative, best first: never ranked (see above). Each with the note that says
 * why, the loss as a positive amount (预期收益为负：约亏损 0.24 元 — "-0.24 元" read as a typo).
 */
export function negativeValueOffers(candidates: readonly Offer[], ctx: RankContext): { code: string; expectedValue: number; reason: ConditionNote }[] {
  return scoreOffers(candidates, ctx)
    .scored.filter((x) => x.ev < 0)
    .map((x) => ({ code: x.o.code, expectedValue: round2(x.ev), reason: { code: 'offer.negative-value', params: { loss: round2(-x.ev) } } }));
}

export function rankOffers(candidates: readonly Offer[], ctx: RankContext): RankedOffer[] {
  const { scored, horizon, pChurn, arpuKnown, arpu } = scoreOffers(candidates, ctx);
  const worth = scored.filter(({ ev }) => !(ev < 0 || (ctx.positiveOnly && !(ev > 0))));
  const leads = (o: Offer): boolean => !!ctx.lead && ctx.lead.categories.includes(o.category ?? '');
  const shown = ctx.lead ? [...worth.filter(({ o }) => leads(o)), ...worth.filter(({ o }) => !leads(o))] : worth;
  const trial = ctx.trialKey
    ? chooseTrial(candidates, {
        key: ctx.trialKey,
        top: shown[0]?.o.code ?? null,
        segment: ctx.segment,
        acceptance: ctx.acceptance,
        valueOf: (p, cost) => expectedValue(p, pChurn, arpu, horizon, cost),
        share: ctx.trialShare,
      })
    : null;
  const trialEntry = trial ? scored.find((x) => x.o.code === trial.code) : undefined;
  const ordered = trialEntry && !(ctx.positiveOnly && !(trialEntry.ev > 0)) ? [trialEntry, ...shown.filter((x) => x !== trialEntry)] : shown;
  const out: RankedOffer[] = [];
  for (const { o, acc, ev } of ordered) {
    if (out.length >= (ctx.limit ?? 3)) break;
    const isTrial = ordered[0] === trialEntry && o === trialEntry?.o;
    const why: ConditionNote[] = [...(ctx.matched?.[o.code] ?? [])];
    if (isTrial) why.push({ code: 'offer.why.trial', params: { pct: pct1(acc.p), offered: acc.offered } });
    if (leads(o)) why.push({ code: 'offer.why.campaign-family', params: { list: ctx.lead!.list } });
    why.push({
      code: acc.offered > 0 ? 'offer.why.acceptance-learned' : 'offer.why.acceptance-prior',
      params: acc.offered > 0 ? { pct: pct1(acc.p), accepted: acc.accepted, offered: acc.offered } : { pct: pct1(acc.p) },
    });
    why.push(
      arpuKnown
        ? { code: 'offer.why.value', params: { pAccept: pct1(acc.p), pChurn: pct1(pChurn), arpu: round2(arpu), months: horizon, value: round2(ev + o.cost), cost: o.cost, ev: round2(ev) } }
        : { code: 'offer.why.arpu-unknown', params: { cost: o.cost } },
    );
    if (!(ev > 0) && !(ev < 0)) why.push({ code: 'offer.why.zero-value', params: {} }); // a trial's negative EV is in the value note
    out.push({ code: o.code, expectedValue: round2(ev), pAccept: acc.p, why, script: o.script, trial: isTrial });
  }
  return out;
}
