import type { OffersView, TariffView } from '../../core/api';
import { isoWeekOf } from '../../core/calendar';
import { acceptanceAttemptOf, buildAcceptanceTable, segmentOf, updateAcceptance, type AcceptanceTable, type AttemptFact } from '../../core/offers/acceptance';
import { trialKey } from '../../core/offers/explore';
import { compileCatalogue, type CompiledCatalogue } from '../../core/offers/match';
import { negativeValueOffers, rankOffers, type RankContext } from '../../core/offers/rank';
import { tariffPreview } from '../../core/offers/tariff';
import type { Offer, Plan } from '../../core/offers/catalogue';
import type { Segments } from '../../core/risk/tags';
import { arpuAverage } from '../../core/risk/values';
import type { RiskLevel, SubscriberRecord } from '../../core/risk/score';
import { customerChurnP } from '../../core/risk/signal';
import { catalogueStamp, listOffers, listPlans } from '../../db/catalogue';
import { extraColumnsStamp, listExtraColumns } from '../../db/extra-columns';
import type { Db } from '../../db/connection';
import { acceptancesSince, attemptsStamp, customerListTypes, offerHistory, offeredAttempts, openTaskOfferFamilies } from '../../db/offer-facts';
import { localDate } from './context';
import { weekRange } from './weeks';

/**
 * Learned acceptance per offer and segment (docs/product.md §5.2). Built once from the logged outcomes, then kept
 * current: an attempt logged here updates it in place (`noteLoggedAttempt`), and anything added by another
 * connection (an outcome merge in a worker) changes the stamp and the table is rebuilt. So the ranking improves
 * as agents work, offline, without a rebuild on every card.
 */
const acceptanceCache = new WeakMap<Db, { stamp: string; table: AcceptanceTable }>();
function acceptanceTable(db: Db, stamp: string): AcceptanceTable {
  const hit = acceptanceCache.get(db);
  if (hit?.stamp === stamp) return hit.table;
  const table = buildAcceptanceTable(offeredAttempts(db).map(acceptanceAttemptOf));
  acceptanceCache.set(db, { stamp, table });
  return table;
}

/**
 * This week's acceptances per offer (the weekly budgets), kept like the acceptance table: read with one query when the
 * attempts' stamp or the week moved, and followed in place by an attempt logged here. Counting them on every card
 * walked the whole week's attempts — at a busy hall's tens of thousands, the slowest step of a look-up.
 */
const budgetCache = new WeakMap<Db, { stamp: string; since: string; used: Record<string, number> }>();
function weekAcceptances(db: Db, since: string, stamp: string): Record<string, number> {
  const hit = budgetCache.get(db);
  if (hit?.stamp === stamp && hit.since === since) return hit.used;
  const used = acceptancesSince(db, since);
  budgetCache.set(db, { stamp, since, used });
  return used;
}

/** Called after an attempt was stored on this connection: the learned acceptance and the week's budgets follow at once. */
export function noteLoggedAttempt(db: Db, before: string, attempt: AttemptFact & { at: string }): void {
  const after = attemptsStamp(db);
  const hit = acceptanceCache.get(db);
  if (hit?.stamp === before) {
    updateAcceptance(hit.table, acceptanceAttemptOf(attempt));
    hit.stamp = after;
  } // else stale anyway: the next card rebuilds
  const budget = budgetCache.get(db);
  if (budget?.stamp === before) {
    if (attempt.disposition === 'accepted' && attempt.offerCode !== null && attempt.at >= budget.since) {
      budget.used = { ...budget.used, [attempt.offerCode]: (budget.used[attempt.offerCode] ?? 0) + 1 };
    }
    budget.stamp = after;
  }
}

/**
 * Start of this local week (Monday 00:00) as a UTC instant: weekly offer budgets count from there, as the
 * weekly reports do (`weekRange`, also where a clock change skips midnight).
 */
export function weekStartUtc(now: Date): string {
  return weekRange(isoWeekOf(localDate(now))).start;
}

const catalogueCache = new WeakMap<Db, { stamp: string; offers: Offer[]; plans: Plan[]; compiled: CompiledCatalogue }>();
/**
 * Offers (compiled rules) and plans, rebuilt only when the catalogue or the workspace's extra columns changed
 * (a rule on a column no file has brought is unknown: core/rules/condition.ts): the look-up is on the hot path.
 */
function catalogue(db: Db): { offers: Offer[]; plans: Plan[]; compiled: CompiledCatalogue } {
  const stamp = `${catalogueStamp(db)}|${extraColumnsStamp(db)}`;
  const hit = catalogueCache.get(db);
  if (hit?.stamp === stamp) return hit;
  const offers = listOffers(db);
  const entry = { stamp, offers, plans: listPlans(db), compiled: compileCatalogue(offers, { columns: new Set(listExtraColumns(db)) }) };
  catalogueCache.set(db, entry);
  return entry;
}

export function recommendOffers(
  db: Db,
  input: {
    row: Record<string, unknown>;
    /** The row's extra columns by header (subscribers.extra, parsed). */
    extra: Record<string, unknown>;
    msisdn: string;
    segments: Segments;
    score: number;
    /** The rule score's level (stable / low / medium / high). */
    level: RiskLevel;
    pModel: number | null;
    channel: OffersView['channel'];
    now: Date;
    today: string;
  },
): { offers: OffersView; tariff: TariffView } {
  const { offers, plans, compiled } = catalogue(db);
  const stamp = attemptsStamp(db);
  const tags = input.segments.tags.map((t) => t.code);
  // The P the queue ranks this customer by (core/risk/signal.ts customerChurnP): one figure on the card and in the queue.
  const churn = customerChurnP(input.score, input.level, input.pModel);
  const pChurn = churn.p;
  const result = compiled.match({
    subscriber: input.row as Record<string, string | number | null>,
    extra: input.extra,
    derived: { risk_level: input.level, risk_score: input.score, p_churn: pChurn },
    tags,
    listTypes: customerListTypes(db, input.msisdn, input.today),
    history: offerHistory(db, input.msisdn),
    budgetUsed: weekAcceptances(db, weekStartUtc(input.now), stamp),
    channel: input.channel,
    today: input.today,
    now: input.now.toISOString(),
  });
  const arpu = arpuAverage(input.row as SubscriberRecord);
  const rankContext: RankContext = {
    pChurn,
    arpu: arpu === arpu ? arpu : null,
    segment: segmentOf({ sensitivity: input.segments.sensitivity, midHighValue: input.segments.midHighValue, tags }),
    acceptance: acceptanceTable(db, stamp),
    matched: result.matched,
    // Bounded exploration (docs/product.md §5.2 "Trial offers"): the same trial all day for this customer.
    trialKey: trialKey(input.msisdn, input.today),
  };
  const families = openTaskOfferFamilies(db, input.msisdn);
  if (families.length > 0) rankContext.lead = { categories: [...new Set(families.map((f) => f.family))], list: families[0]!.list };
  const ranked = rankOffers(result.candidates, rankContext);
  // A negative expected value is never among the top offers (docs/product.md §5.2): the card lists it as not offered,
  // with its value — unless it is today's trial, which the card shows first and says why.
  const negative = negativeValueOffers(result.candidates, rankContext).filter((x) => !ranked.some((r) => r.code === x.code));
  const byCode = new Map(offers.map((o) => [o.code, o]));
  /** An offer's names for the card (its code when the catalogue no longer has it). */
  const namesOf = (code: string) => ({ name: byCode.get(code)?.name_zh ?? code, nameEn: byCode.get(code)?.name_en ?? null });
  const preview = tariffPreview(input.row as Record<string, string | number | null>, plans, (input.row.plan_code as string | null) ?? null);
  return {
    offers: {
      channel: input.channel,
      pChurn,
      pChurnSource: churn.from,
      ranked: ranked.map((r) => {
        const o = byCode.get(r.code);
        return { ...r, ...namesOf(r.code), category: o?.category ?? null, cost: o?.cost ?? 0 };
      }),
      excluded: [
        ...result.excluded.map((e) => ({ code: e.code, ...namesOf(e.code), stage: e.stage, reason: e.reason })),
        ...negative.map((x) => ({ code: x.code, ...namesOf(x.code), stage: 'value', reason: x.reason })),
      ],
      unknown: result.unknown,
    },
    tariff: { current: preview.current, brand: preview.brand, options: preview.options, usageKnown: preview.usageKnown, unknown: preview.unknown, notes: preview.notes },
  };
}
