/**
 * Campaigns (issue 17 #2, docs/product.md §5.6): the desk makes its own work. A campaign is a condition over the stored
 * customers (a segment's, core/segments/segment.ts) with what the work it creates looks like: the list type, an offer
 * family to lead with, the due days, who gets the tasks and when it runs. A run creates (or, later the same day, adds
 * to) one work list marked as the campaign's, and one task per customer who has none open.
 *
 * What happens to each customer the condition selects (`campaignFate`), in this order:
 *  - already: on a list of this campaign that is still current (its due date not past) — so running again the same
 *    day, or a daily campaign the next day, adds nobody twice; once that list is past, the customer may be issued again;
 *  - join: has an open task already — one open task per customer (docs/status-rule.md): the campaign's list joins it;
 *  - excluded: a new task could never be worked before it is due — do-not-disturb, the porting application, a complaint
 *    in care, the marketing gap or a marketing-history filter that lifts only after the due date (the contact policy,
 *    core/contact/policy.ts `queueDecision`, on the task the run would create);
 *  - new: a new open task, due `dueDays` after the run day, given to an agent by the assignment rule.
 * A block that lifts before the due date does not exclude: the task is created and waits in the queue's blocked part.
 */
import { z } from 'zod';
import { queueDecision, type ContactContext, type ContactReasonCode, type SubscriberContactFacts } from '../contact/policy';
import { offerCategories } from '../offers/catalogue';
import { segmentCondition, segmentName } from '../segments/segment';
import { listTypes } from '../worklist/fields';

export const campaignSchedules = ['once', 'after-import', 'daily'] as const;
export type CampaignSchedule = (typeof campaignSchedules)[number];

/** Who gets a campaign's new tasks: nobody yet (a supervisor assigns the list later), or as the assign dialog can. */
export const campaignAssignment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('evenly'), agentIds: z.array(z.string().min(1)).min(1).max(500) }),
  z.object({ kind: z.literal('by-column'), column: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('to'), agentId: z.string().min(1) }),
  // Evenly to an agent group's members as they are at each run (electron/backend/assign-mode.ts).
  z.object({ kind: z.literal('group'), groupId: z.number().int() }),
]);
export type CampaignAssignment = z.infer<typeof campaignAssignment>;

export const MAX_DUE_DAYS = 90;

/** What a supervisor edits. The condition is kept with the campaign: saving a segment of the same name later does not change it. */
export const campaignDefinition = z.object({
  name: segmentName,
  /** The saved segment the condition was taken from, if any (shown; the condition is what runs). */
  segmentId: z.number().int().nullable().default(null),
  condition: segmentCondition,
  listType: z.enum(listTypes),
  /** The offer family the card leads with for this campaign's customers (null: the ranking as it is). */
  offerFamily: z.enum(offerCategories).nullable().default(null),
  dueDays: z.number().int().min(1).max(MAX_DUE_DAYS),
  assignment: campaignAssignment,
  schedule: z.enum(campaignSchedules),
  /** A scheduled campaign runs on its own only when on; `campaign-run` runs any campaign now. */
  enabled: z.boolean(),
});
export type CampaignDefinition = z.infer<typeof campaignDefinition>;

export type CampaignFate = { kind: 'already' } | { kind: 'join' } | { kind: 'new' } | { kind: 'excluded'; reason: ContactReasonCode };

export interface CampaignCustomerFacts {
  /** On a current list of this campaign (due date today or later). */
  onCurrentList: boolean;
  hasOpenTask: boolean;
  contact: SubscriberContactFacts;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);

/** The local date `days` after `day` ('YYYY-MM-DD'). */
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY).toISOString().slice(0, 10);
}

/**
 * One customer's fate in a run (see the module comment). `ctx` is the run's contact context (its `today` is the run
 * day); `dueDate` the new task's due date: a block that lifts only after that day's end excludes the customer.
 */
export function campaignFate(f: CampaignCustomerFacts, ctx: ContactContext, dueDate: string): CampaignFate {
  if (f.onCurrentList) return { kind: 'already' };
  if (f.hasOpenTask) return { kind: 'join' };
  const d = queueDecision({ attempts: [], dueDate }, f.contact, ctx);
  if (d.allowed) return { kind: 'new' };
  const nowMs = Date.parse(ctx.now);
  const localMidnightMs = nowMs - (nowMs % MINUTE) - ctx.localMinuteOfDay * MINUTE;
  const dueEndMs = localMidnightMs + (dayNumber(dueDate) - dayNumber(ctx.today) + 1) * DAY;
  if (d.nextAllowedAt !== undefined && Date.parse(d.nextAllowedAt) < dueEndMs) return { kind: 'new' };
  return { kind: 'excluded', reason: d.reasons[0]!.code };
}

/** What a run does (or would do, for a preview): the same counts either way. */
export interface CampaignTally {
  /** Customers the condition selects. */
  customers: number;
  newTasks: number;
  joined: number;
  already: number;
  excluded: number;
  /** Exclusions by the contact-policy reason, most frequent first. */
  excludedBy: { reason: ContactReasonCode; count: number }[];
}

export function tallyFates(fates: Iterable<CampaignFate>): CampaignTally {
  const t: CampaignTally = { customers: 0, newTasks: 0, joined: 0, already: 0, excluded: 0, excludedBy: [] };
  const by = new Map<ContactReasonCode, number>();
  for (const f of fates) addFate(t, by, f);
  return finishTally(t, by);
}

/** Counting one fate at a time (a run over a million customers does not keep them). */
export function addFate(t: CampaignTally, by: Map<ContactReasonCode, number>, f: CampaignFate): void {
  t.customers++;
  if (f.kind === 'already') t.already++;
  else if (f.kind === 'join') t.joined++;
  else if (f.kind === 'new') t.newTasks++;
  else {
    t.excluded++;
    by.set(f.reason, (by.get(f.reason) ?? 0) + 1);
  }
}

export function finishTally(t: CampaignTally, by: Map<ContactReasonCode, number>): CampaignTally {
  t.excludedBy = [...by].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  return t;
}

/** Is a scheduled campaign due for `trigger`? A campaign runs on its own at most once a day per trigger kind it has. */
export function scheduledFor(c: { schedule: CampaignSchedule; enabled: boolean; lastRunDay: string | null }, trigger: 'import' | 'daily', today: string): boolean {
  if (!c.enabled) return false;
  if (trigger === 'import') return c.schedule === 'after-import';
  return c.schedule === 'daily' && (c.lastRunDay === null || c.lastRunDay < today);
}
