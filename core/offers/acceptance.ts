/**
 * P(accept | offer, segment), learned from the logged outcomes (docs/product.md §5.2) so that the ranking improves as
 * agents work, offline.
 *
 * ## Segment
 * `segmentOf` = sensitivity type × value band: `<price|service|reward|product|none>.<mh|mass>` — ten segments.
 * Sensitivity (core/risk/tags.ts: the customer's `<type>_sensitive` tag, from signals and past declines) is what
 * most changes which offer lands (a price-sensitive customer takes a plan-care or a hidden reward, a
 * reward-sensitive one a fuel card); the mid/high-value flag splits the two customer bases the operator
 * programmes treat separately. Risk level is deliberately not part of it: P(churn) is already its own factor
 * in the expected value. Ten segments × eleven offers keeps cells filling within weeks of a desk's work.
 *
 * ## Shrinkage
 * Each cell counts `offered` (the customer was reached with this offer: accepted or declined) and `accepted`.
 * Two levels of a Beta prior with strength k (default 20):
 *   offer level:   p_o  = (A_o + k · prior_o) / (N_o + k)      prior_o = table.priors[code] ?? defaultPrior (0.15)
 *   offer×segment: p_os = (A_os + k · p_o) / (N_os + k)
 * With no data p = prior_o; with little data for a segment it leans on the offer's overall rate; with lots of
 * data it is the empirical rate of the cell. `priors` carries a per-offer prior where a catalogue knows one.
 *
 * The table is plain JSON (serialisable as it is); `updateAcceptance` changes it in place so that logging one
 * attempt moves the next ranking at once.
 */

export const acceptanceSegments = [
  'price.mh', 'price.mass', 'service.mh', 'service.mass', 'reward.mh', 'reward.mass',
  'product.mh', 'product.mass', 'none.mh', 'none.mass',
] as const;
export type AcceptanceSegment = (typeof acceptanceSegments)[number];

const sensitivityWords = ['price', 'service', 'reward', 'product'] as const;

/**
 * The segment of a customer: from the sensitivity type (or the tag codes, `price_sensitive` …) and the
 * mid/high-value flag (unknown counts as mass market).
 */
export function segmentOf(input: { sensitivity?: string | null; midHighValue?: boolean | null; tags?: readonly string[] }): AcceptanceSegment {
  let sens: string | null = input.sensitivity ?? null;
  if (!sens && input.tags) for (const w of sensitivityWords) if (input.tags.includes(`${w}_sensitive`)) sens = w;
  const type = sens && (sensitivityWords as readonly string[]).includes(sens) ? sens : 'none';
  const mh = input.midHighValue ?? input.tags?.includes('mid_high_value') ?? false;
  return `${type}.${mh ? 'mh' : 'mass'}` as AcceptanceSegment;
}

export interface AcceptanceCell {
  offered: number;
  accepted: number;
}

export interface AcceptanceTable {
  version: 1;
  /** Prior strength (pseudo-attempts). */
  k: number;
  defaultPrior: number;
  /** Per-offer prior mean, where one is known. */
  priors: Record<string, number>;
  /** offer code → segment → counts. The segment key '*' is never stored: offer totals are summed on read. */
  cells: Record<string, Record<string, AcceptanceCell>>;
}

export interface AcceptanceAttempt {
  offerCode: string | null | undefined;
  disposition: string;
  segment: string;
}

/** A logged attempt as the backend stores it, with the customer's stored sensitivity and tag codes (comma-separated). */
export interface AttemptFact {
  offerCode: string | null;
  disposition: string;
  sensitivity: string | null;
  tags: string | null;
}

/**
 * The one way a stored attempt becomes a learning example: its segment from the customer's stored facts. The
 * backend builds and updates its table with it, and the bench's simulation (tests/bench/offer-learning.ts) learns
 * through it too.
 */
export function acceptanceAttemptOf(fact: AttemptFact): AcceptanceAttempt {
  return { offerCode: fact.offerCode, disposition: fact.disposition, segment: segmentOf({ sensitivity: fact.sensitivity, tags: fact.tags ? fact.tags.split(',') : [] }) };
}

export const DEFAULT_PRIOR = 0.15;
export const DEFAULT_K = 20;

export function emptyAcceptanceTable(options: { k?: number; defaultPrior?: number; priors?: Record<string, number> } = {}): AcceptanceTable {
  return { version: 1, k: options.k ?? DEFAULT_K, defaultPrior: options.defaultPrior ?? DEFAULT_PRIOR, priors: { ...(options.priors ?? {}) }, cells: {} };
}

/** Counts one attempt if it was an offer made to a reached customer (accepted or declined with an offer code). */
export function updateAcceptance(table: AcceptanceTable, attempt: AcceptanceAttempt): AcceptanceTable {
  const code = attempt.offerCode;
  if (!code) return table;
  const accepted = attempt.disposition === 'accepted';
  if (!accepted && attempt.disposition !== 'declined') return table;
  const byOffer = (table.cells[code] ??= {});
  const cell = (byOffer[attempt.segment] ??= { offered: 0, accepted: 0 });
  cell.offered += 1;
  if (accepted) cell.accepted += 1;
  return table;
}

export function buildAcceptanceTable(
  attempts: Iterable<AcceptanceAttempt>,
  options: { k?: number; defaultPrior?: number; priors?: Record<string, number> } = {},
): AcceptanceTable {
  const table = emptyAcceptanceTable(options);
  for (const a of attempts) updateAcceptance(table, a);
  return table;
}

/** The offer's prior mean. */
export function priorOf(table: AcceptanceTable, offerCode: string): number {
  return table.priors[offerCode] ?? table.defaultPrior;
}

/** Offer-level rate shrunk towards the prior (all segments pooled). */
export function offerAcceptance(table: AcceptanceTable, offerCode: string): number {
  const byOffer = table.cells[offerCode];
  const prior = priorOf(table, offerCode);
  if (!byOffer) return prior;
  let n = 0;
  let a = 0;
  for (const seg in byOffer) {
    const c = byOffer[seg]!;
    n += c.offered;
    a += c.accepted;
  }
  return (a + table.k * prior) / (n + table.k);
}

/** P(accept | offer, segment), shrunk as described in the header; with its evidence for the card. */
export function acceptanceOf(
  table: AcceptanceTable,
  offerCode: string,
  segment: string,
): { p: number; offered: number; accepted: number; prior: number } {
  const prior = offerAcceptance(table, offerCode);
  const cell = table.cells[offerCode]?.[segment];
  if (!cell) return { p: prior, offered: 0, accepted: 0, prior };
  return { p: (cell.accepted + table.k * prior) / (cell.offered + table.k), offered: cell.offered, accepted: cell.accepted, prior };
}

export function pAccept(table: AcceptanceTable, offerCode: string, segment: string): number {
  return acceptanceOf(table, offerCode, segment).p;
}
