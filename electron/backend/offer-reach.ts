import type { Offer } from '../../core/offers/catalogue';
import { compileCatalogue, type ReachInput } from '../../core/offers/match';
import { segmentNeeds } from '../../core/segments/segment';
import type { Db } from '../../db/connection';
import { getOffer } from '../../db/catalogue';
import { listExtraColumns } from '../../db/extra-columns';
import { scanSegmentRows } from '../../db/segments';
import { derivedFacts } from './segments';

/** Customers, and of them those with an open task. */
export interface ReachCount {
  customers: number;
  openTasks: number;
}

/** What saving an offer would do to whom it reaches (docs/product.md §11.1: every configuration previewed before saving). */
export interface OfferReach {
  /** Stored customers scanned. */
  total: number;
  /** Whom the stored offer reaches today; null for a new offer. */
  before: ReachCount | null;
  /** Whom the offer as edited would reach today. */
  after: ReachCount;
  /** Reached after and not before, and the reverse (a new offer: gained is `after`). */
  gained: ReachCount;
  lost: ReachCount;
}

const none: readonly string[] = [];
const count = (): ReachCount => ({ customers: 0, openTasks: 0 });

/**
 * Whom an offer reaches today by the catalogue alone (core/offers/match.ts `reachMask`: on, valid today, its rules
 * hold) — before the edit and after it, over every stored customer, in one scan that reads only what either
 * version's rules name (db/segments.ts `scanSegmentRows`). The facts are those the card's offers read: the stored
 * level, score, P(churn) and tags, and the types of the lists the customer is on that still run. A customer's own history (a cooldown after a decline, an acceptance), the
 * weekly budget and the channel are left out: they are per contact, not the programme's reach. Nothing is written.
 */
export function offerReach(db: Db, edited: Offer, today: string): OfferReach {
  const stored = getOffer(db, edited.code);
  const versions = stored ? [stored, edited] : [edited];
  const columns = new Set(listExtraColumns(db));
  const catalogue = compileCatalogue(versions, { columns });
  const needs = segmentNeeds({ all: versions.flatMap((o) => [...(o.rules.eligible ?? []), ...(o.rules.notIf ?? []), ...(o.rules.unsuitableIf ?? [])]) });
  const beforeBit = stored ? 1 : 0;
  const afterBit = stored ? 2 : 1;
  const before = count();
  const after = count();
  const gained = count();
  const lost = count();
  let total = 0;
  const derived: Record<string, unknown> = {};
  const input: ReachInput = { subscriber: {}, extra: null, derived: needs.derived ? derived : null, tags: none, listTypes: none, today };
  const add = (c: ReachCount, open: boolean) => {
    c.customers++;
    if (open) c.openTasks++;
  };
  scanSegmentRows(
    db,
    { fields: needs.fields, derived: needs.derived, tags: needs.tags, columns: [...needs.columns].filter((c) => columns.has(c)), lists: needs.lists && { runningOn: today }, openTask: true },
    (row) => {
      total++;
      input.subscriber = row.fields as ReachInput['subscriber'];
      input.extra = row.extra as ReachInput['extra'];
      if (needs.derived) derivedFacts(row, derived);
      input.tags = row.tags ? row.tags.split(',') : none;
      input.listTypes = row.lists ? row.lists.split(',') : none;
      const mask = catalogue.reachMask(input);
      const was = (mask & beforeBit) !== 0;
      const is = (mask & afterBit) !== 0;
      if (was) add(before, row.openTask);
      if (is) add(after, row.openTask);
      if (is && !was) add(gained, row.openTask);
      if (was && !is) add(lost, row.openTask);
    },
  );
  return { total, before: stored ? before : null, after, gained, lost };
}
