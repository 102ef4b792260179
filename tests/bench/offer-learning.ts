/**
 * Offers that learn, measured (docs/product.md §5.2, issue 19 #5): a simulated desk working through generated
 * customers, offering the card's top offer and logging the outcome, while the acceptance table learns from those
 * outcomes exactly as the backend does. The true acceptance per (offer, segment) is drawn from the seed and never
 * shown to the app: the app starts from its prior and only ever sees accepted/declined.
 *
 * Everything the app decides goes through its own code: the risk score and tags (core/risk), the offer matcher with
 * the default catalogue and the contact policy's weekly budgets (core/offers/match.ts), the ranking with its trial
 * offers (core/offers/rank.ts, explore.ts), and the table update from a stored attempt's facts
 * (acceptance.ts `acceptanceAttemptOf`, as electron/backend/offers.ts). Only the customers' answers are simulated.
 */
import { generateSubscribers } from '../../core/demo/generator';
import { Rng, deriveSeed } from '../../core/demo/random';
import { acceptanceAttemptOf, emptyAcceptanceTable, segmentOf, updateAcceptance, type AcceptanceTable } from '../../core/offers/acceptance';
import type { Offer } from '../../core/offers/catalogue';
import { defaultOffers } from '../../core/offers/default-catalogue';
import { trialKey } from '../../core/offers/explore';
import { compileCatalogue, type CompiledCatalogue, type ConditionNote } from '../../core/offers/match';
import { expectedValue, rankOffers, DEFAULT_HORIZON_MONTHS } from '../../core/offers/rank';
import { compiled, defaultRiskConfig } from '../../core/risk/config';
import { scoreOnly, type ScoreOnlyResult, type SubscriberRecord } from '../../core/risk/score';
import { customerChurnP } from '../../core/risk/signal';
import { segmentSubscriber } from '../../core/risk/tags';
import { arpuAverage, dayOf } from '../../core/risk/values';

/** A generated customer as the app sees them (what the card's ranking is given) plus their segment. */
interface SimCustomer {
  msisdn: string;
  row: SubscriberRecord;
  tags: string[];
  sensitivity: string | null;
  segment: string;
  pChurn: number;
  arpu: number | null;
}

export type Policy = 'learn+trial' | 'learn' | 'prior';

export interface LearningCheckpoint {
  outcomes: number;
  /** Share of evaluation customers (with ≥ 2 eligible offers) whose card's top offer is the truly best one. */
  rightCard: number;
  /** The same for the best estimate (the top without today's trial). */
  rightEstimate: number;
  /** Expected value lost per evaluation customer against always offering the truly best (yuan), by the card's top. */
  regretCard: number;
  /** Over the outcomes logged so far: mean expected value lost per offer made (yuan), what exploring cost. */
  regretLogged: number;
  /** Share of the logged offers that were trials. */
  trialShare: number;
}

export interface LearningOptions {
  seed: number;
  policy: Policy;
  checkpoints?: readonly number[];
  /** Outcomes (accepted or declined) a desk logs per day; default 250 (10 agents × 25 reached customers). */
  perDay?: number;
  /** Evaluation customers (never contacted); default 2,000. */
  evalCustomers?: number;
  today?: string;
  offers?: readonly Offer[];
}

/**
 * The hidden truth: P(accept) per (offer, segment). Each offer has its own level, each cell its own noise, and a
 * customer takes more readily to the kind of offer their sensitivity points to (a price-sensitive customer to a
 * plan-care or migration offer…), which is what makes the best offer differ between segments.
 */
const affinity: Record<string, readonly string[]> = {
  price: ['care', 'migration', 'data'],
  service: ['service', 'care', 'number'],
  reward: ['reward', 'service', 'contract'],
  product: ['handset', 'data', 'family'],
  none: [],
};
export function trueAcceptance(seed: number, offers: readonly Offer[], segments: readonly string[]): Map<string, number> {
  const rng = new Rng(deriveSeed(seed, 901));
  const truth = new Map<string, number>();
  for (const o of offers) {
    const base = rng.float(0.05, 0.4);
    for (const s of segments) {
      const lift = (affinity[s.split('.')[0]!] ?? []).includes(o.category ?? '') ? 2 : 1;
      truth.set(`${o.code}|${s}`, Math.min(0.8, Math.max(0.01, base * lift * Math.exp(rng.normal(0, 0.5)))));
    }
  }
  return truth;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function customers(seed: number, today: string): () => SimCustomer {
  const cfg = compiled(defaultRiskConfig);
  const todayDay = dayOf(today);
  const out: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity };
  let start = 0;
  let batch: SimCustomer[] = [];
  return () => {
    if (batch.length === 0) {
      batch = [...generateSubscribers({ seed, count: 1000, today, startIndex: start })].map((r) => {
        const row = r as unknown as SubscriberRecord;
        scoreOnly(row, cfg, todayDay, out);
        const seg = segmentSubscriber(row, cfg, { today });
        const tags = seg.tags.map((t) => t.code);
        const arpu = arpuAverage(row);
        return {
          msisdn: String(r.msisdn),
          row,
          tags,
          sensitivity: seg.sensitivity,
          segment: segmentOf({ sensitivity: seg.sensitivity, midHighValue: seg.midHighValue, tags }),
          pChurn: customerChurnP(out.score, out.level, null).p, // the card's (electron/backend/offers.ts), no model
          arpu: arpu === arpu ? arpu : null,
        };
      });
      start += 1000;
      batch.reverse();
    }
    return batch.pop()!;
  };
}

/** One simulated desk from an empty acceptance table; figures at each checkpoint (number of logged outcomes). */
export function simulateOfferLearning(options: LearningOptions): LearningCheckpoint[] {
  const today = options.today ?? '2026-11-23'; // a Monday: weekly budgets start with the simulation
  const offers = options.offers ?? defaultOffers;
  const checkpoints = [...(options.checkpoints ?? [500, 2_000, 5_000])].sort((a, b) => a - b);
  const perDay = options.perDay ?? 250;
  const catalogue: CompiledCatalogue = compileCatalogue(offers);
  const costOf = new Map(offers.map((o) => [o.code, o.cost]));
  const table: AcceptanceTable = emptyAcceptanceTable();
  const segments = ['price', 'service', 'reward', 'product', 'none'].flatMap((t) => [`${t}.mh`, `${t}.mass`]);
  const truth = trueAcceptance(options.seed, offers, segments);
  const trueEv = (c: SimCustomer, code: string) =>
    expectedValue(truth.get(`${code}|${c.segment}`) ?? 0, c.pChurn, c.arpu, DEFAULT_HORIZON_MONTHS, costOf.get(code) ?? 0);
  const answers = new Rng(deriveSeed(options.seed, 902));

  const card = (c: SimCustomer, date: string, budgetUsed: Record<string, number>, withTrial: boolean) => {
    const m = catalogue.match({
      subscriber: c.row as Record<string, string | number | null>,
      tags: c.tags,
      listTypes: [],
      history: [],
      budgetUsed,
      channel: 'phone',
      today: date,
      now: `${date}T02:00:00.000Z`,
    });
    const ranked = rankOffers(m.candidates, {
      pChurn: c.pChurn,
      arpu: c.arpu,
      segment: c.segment,
      acceptance: table,
      matched: m.matched as Record<string, ConditionNote[]>,
      trialKey: withTrial ? trialKey(c.msisdn, date) : undefined,
    });
    return { candidates: m.candidates, top: ranked[0] ?? null };
  };
  /** The truly best choice: the offer of highest true EV, or none when every one loses money (EV 0). */
  const best = (c: SimCustomer, candidates: readonly Offer[]) => {
    let b: { code: string | null; ev: number } = { code: null, ev: 0 };
    for (const o of candidates) {
      const ev = trueEv(c, o.code);
      if (ev > b.ev) b = { code: o.code, ev };
    }
    return b;
  };

  const nextEval = customers(deriveSeed(options.seed, 903), today);
  const evalSet = Array.from({ length: options.evalCustomers ?? 2_000 }, nextEval);
  const evaluate = (date: string) => {
    let n = 0;
    let rightCard = 0;
    let rightEstimate = 0;
    let regret = 0;
    for (const c of evalSet) {
      const shown = card(c, date, {}, options.policy === 'learn+trial');
      if (shown.candidates.length < 2) continue;
      const estimate = options.policy === 'learn+trial' ? card(c, date, {}, false) : shown;
      const b = best(c, shown.candidates);
      n++;
      if ((shown.top?.code ?? null) === b.code) rightCard++;
      if ((estimate.top?.code ?? null) === b.code) rightEstimate++;
      regret += b.ev - (shown.top ? trueEv(c, shown.top.code) : 0);
    }
    return { rightCard: rightCard / n, rightEstimate: rightEstimate / n, regretCard: regret / n };
  };

  const nextCustomer = customers(deriveSeed(options.seed, 904), today);
  const results: LearningCheckpoint[] = [];
  let outcomes = 0;
  let loggedRegret = 0;
  let trials = 0;
  let budgetUsed: Record<string, number> = {};
  for (let day = 0; results.length < checkpoints.length; day++) {
    const date = addDays(today, day);
    if (day % 7 === 0) budgetUsed = {}; // a new local week (the simulation starts on a Monday)
    for (let calls = 0; calls < perDay && results.length < checkpoints.length; ) {
      const c = nextCustomer();
      const shown = card(c, date, budgetUsed, options.policy === 'learn+trial');
      if (!shown.top) continue; // nothing to offer: the agent moves on
      calls++;
      const code = shown.top.code;
      const accepted = answers.bernoulli(truth.get(`${code}|${c.segment}`) ?? 0);
      outcomes++;
      if (shown.top.trial) trials++;
      loggedRegret += best(c, shown.candidates).ev - trueEv(c, code);
      if (accepted) budgetUsed[code] = (budgetUsed[code] ?? 0) + 1;
      if (options.policy !== 'prior')
        updateAcceptance(table, acceptanceAttemptOf({ offerCode: code, disposition: accepted ? 'accepted' : 'declined', sensitivity: c.sensitivity, tags: c.tags.join(',') }));
      if (outcomes === checkpoints[results.length]) results.push({ outcomes, ...evaluate(date), regretLogged: loggedRegret / outcomes, trialShare: trials / outcomes });
    }
  }
  return results;
}
