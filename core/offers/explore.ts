/**
 * Bounded exploration: trial offers, 试推 (docs/product.md §5.2 "Trial offers").
 *
 * The ranking puts first the offer with the highest estimated expected value. If it only ever did that, an offer
 * whose estimate for a segment starts low (or rests on a few outcomes) would never be made again and its estimate
 * would never move: the table cannot learn what it never tries. So on a bounded share of customer-days the top
 * offer is a trial instead, chosen by Thompson sampling from the acceptance posterior:
 *
 * 1. **Which customer-days.** A hash of (customer, local date) seeds a generator; its first draw u puts the day in
 *    the exploration bucket when u < `TRIAL_SHARE` (10 %). So at most 10 % of recommendations are trials, and the
 *    card shows the same offers on every look-up that day (and in tests: the same key gives the same choice).
 * 2. **Which offers may be tried.** Only the candidates the matcher passed (eligibility, rules and the contact policy
 *    have already run: an excluded offer is never a candidate), and only those of plausible positive value: the
 *    expected value at an optimistic acceptance (the posterior mean + 2 standard deviations) is > 0, and the
 *    estimated expected value is not below −`TRIAL_MAX_LOSS` yuan (never an offer that is clearly a loss).
 * 3. **Which one.** Each allowed offer's acceptance is drawn from its posterior, Beta(accepted + k·p₀,
 *    declined + k·(1 − p₀)) — the same prior and strength as acceptance.ts, so its mean is exactly the estimate the
 *    ranking uses — and the offer with the highest sampled expected value is the trial. When that is the ranking's
 *    own top offer there is no trial: the card is unchanged. Uncertain offers (few outcomes) have wide posteriors
 *    and win the draw more often; well-measured ones rarely win unless they are close to the top.
 */
import { acceptanceOf, type AcceptanceTable } from './acceptance';
import { mix32, Rng } from '../demo/random';

/** Share of customer-days in the exploration bucket: the upper bound of trial recommendations (§5.2). */
export const TRIAL_SHARE = 0.1;
/** A trial's estimated expected value is never below minus this many yuan (§5.2): no clear loss is tried. */
export const TRIAL_MAX_LOSS = 20;
/** Standard deviations above the posterior mean for the "plausible positive value" test. */
const OPTIMISM_SD = 2;

/** FNV-1a over UTF-16 code units, finished by murmur3's mixer: the seed of a customer-day. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/** The key of a customer-day: a trial stays the same all day for one customer. */
export function trialKey(customer: string, localDate: string): string {
  return `${customer}|${localDate}`;
}

/** Gamma(shape, 1) by Marsaglia and Tsang; shape < 1 through the usual U^(1/shape) boost. */
function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function beta(rng: Rng, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return a > 0 ? 1 : 0; // a degenerate prior (strength 0, no outcomes): no spread to draw from
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x + y > 0 ? x / (x + y) : a / (a + b);
}

/** The acceptance posterior of one offer in one segment (acceptance.ts shrinkage as a Beta distribution). */
export function acceptancePosterior(table: AcceptanceTable, offerCode: string, segment: string): { a: number; b: number; mean: number; sd: number; offered: number } {
  const acc = acceptanceOf(table, offerCode, segment);
  const a = acc.accepted + table.k * acc.prior;
  const b = acc.offered - acc.accepted + table.k * (1 - acc.prior);
  const n = a + b;
  return { a, b, mean: acc.p, sd: Math.sqrt((a * b) / (n * n * (n + 1))), offered: acc.offered };
}

export interface TrialCandidate {
  code: string;
  cost: number;
}

export interface TrialInput {
  /** The customer-day key (`trialKey`). */
  key: string;
  /** The ranking's own top offer (highest estimated EV), or null when none was ranked. */
  top: string | null;
  segment: string;
  acceptance: AcceptanceTable;
  /** EV of an acceptance probability for this customer (rank.ts `expectedValue` with the customer's figures). */
  valueOf: (pAccept: number, cost: number) => number;
  share?: number;
}

/**
 * The trial offer for this customer-day, or null (not in the bucket, nothing plausible, or the draw chose the
 * ranking's own top). Candidates must be the matcher's candidates, in a stable order (catalogue order).
 */
export function chooseTrial(candidates: readonly TrialCandidate[], input: TrialInput): { code: string; mean: number; offered: number } | null {
  const seed = hashKey(input.key);
  if (!(new Rng(seed).next() < (input.share ?? TRIAL_SHARE))) return null;
  let best: { code: string; mean: number; offered: number; sampled: number } | null = null;
  // Sorted by code so that ties do not depend on the order the catalogue lists offers in.
  const sorted = [...candidates].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const o of sorted) {
    const post = acceptancePosterior(input.acceptance, o.code, input.segment);
    if (input.valueOf(Math.min(1, post.mean + OPTIMISM_SD * post.sd), o.cost) <= 0) continue;
    if (input.valueOf(post.mean, o.cost) < -TRIAL_MAX_LOSS) continue;
    // Each offer draws from its own stream of the customer-day's seed: which other offers are eligible does not move it.
    const p = beta(new Rng(seed, hashKey(o.code)), post.a, post.b);
    if (input.valueOf(Math.min(1, post.mean + OPTIMISM_SD * post.sd), o.cost) <= 0) continue;
    if (input.valueOf(post.mean, o.cost) < -TRIAL_MAX_LOSS) continue;
    const sampled = input.valueOf(p, o.cost);
    if (!best || sampled > best.sampled) best = { code: o.code, mean: post.mean, offered: post.offered, sampled };
  }
  if (!best || best.code === input.top) return null;
  return { code: best.code, mean: best.mean, offered: best.offered };
}
