import type { Offer } from '../../../core/offers/catalogue';
import { offerReach } from '../offer-reach';
import type { JobContext } from './kinds';

export interface OfferReachPayload {
  offer: Offer;
  today: string;
}

/** In a worker for a big workspace, as a segment's preview: a million customers scan in a second or two. */
export const offerReachJob = (ctx: JobContext<OfferReachPayload>) => offerReach(ctx.db, ctx.payload.offer, ctx.payload.today);
