import { z } from 'zod';
import { campaignAssignment, campaignDefinition, campaignSchedules } from '../../campaigns/campaign';
import { formatMessage } from '../../i18n';
import { jobOf } from '../exchange';
import { op } from '../operation';
import { ruleProblemView } from './catalogue';

/** What a run did, or its preview says it would do: one walk (electron/backend/campaigns.ts `runCampaign`). */
export const campaignRunOutcome = z.object({
  campaignId: z.number().int().nullable(),
  name: z.string(),
  runDay: z.string(),
  dueDate: z.string(),
  listId: z.number().int().nullable(),
  listName: z.string(),
  /** Customers the condition selects now. */
  customers: z.number().int(),
  newTasks: z.number().int(),
  /** Customers with an open task already: the campaign's list joins it (one open task per customer). */
  joined: z.number().int(),
  /** On a current list of this campaign already (a second run the same day adds nobody). */
  already: z.number().int(),
  excluded: z.number().int(),
  /** Exclusions by the contact-policy reason (core/contact/policy.ts ContactReasonCode), most frequent first. */
  excludedBy: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  assigned: z.number().int(),
  /**
   * The new tasks each agent gets by the campaign's rule, most first: planned for a preview, given by a run. Empty for
   * a preview of a by-column rule (its columns are read from the tasks a run creates) and for nobody.
   */
  byAgent: z.array(z.object({ agentId: z.string(), tasks: z.number().int() })),
  unmatched: z.array(z.object({ value: z.string(), tasks: z.number().int() })),
  /** Customers stored: what the condition was judged over. */
  stored: z.number().int(),
});
export type CampaignRunOutcomeView = z.infer<typeof campaignRunOutcome>;

/** What the scheduled campaigns did when their time came (after an import, or once a day). */
export const campaignScheduledResult = z.object({
  ran: z.array(campaignRunOutcome),
  skipped: z.array(z.object({ name: z.string(), code: z.string(), params: z.record(z.string(), z.string()) })),
});

export const campaignRunView = z.object({
  runDay: z.string(),
  at: z.string(),
  byAgent: z.string().nullable(),
  trigger: z.string(),
  listId: z.number().int().nullable(),
  customers: z.number().int(),
  newTasks: z.number().int(),
  joined: z.number().int(),
  already: z.number().int(),
  excluded: z.number().int(),
});

/**
 * How far a campaign's work has got, over every list it made: customers issued and tasks still open, counted as the
 * work-lists page counts a list (db/worklists.ts `listWorkLists`). Reached and success per campaign are in the
 * results report beside the lists' (core/report/weekly.ts `byCampaign`).
 */
export const campaignResultsView = z.object({
  lists: z.number().int(),
  issued: z.number().int(),
  open: z.number().int(),
});

export const campaignView = z.object({
  id: z.number().int(),
  name: z.string(),
  /** A built-in campaign's key (core/campaigns/defaults.ts), null for a supervisor's own. */
  builtin: z.string().nullable(),
  /** Where a built-in campaign comes from (the programme and its model or strategy), in the user's language. */
  source: z.string().nullable(),
  segmentId: z.number().int().nullable(),
  condition: z.unknown(),
  listType: z.string(),
  offerFamily: z.string().nullable(),
  dueDays: z.number().int(),
  assignment: campaignAssignment,
  schedule: z.enum(campaignSchedules),
  enabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  lastRun: campaignRunView.nullable(),
  results: campaignResultsView,
});
export type CampaignView = z.infer<typeof campaignView>;

/**
 * A saved campaign by id, or a definition not yet saved (the "发起挽留" dialog previews before it saves). One object
 * with two optional fields rather than a union: a union's failure is only "Invalid input", while this names the
 * field of the definition that is wrong (`definition.dueDays`), as campaign-save does.
 */
const campaignToPreview = z.object({ id: z.number().int().optional(), definition: campaignDefinition.optional() }).superRefine((v, ctx) => {
  if ((v.id === undefined) === (v.definition === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: formatMessage('en', 'api.campaign-preview-which', {}), params: { messageKey: 'api.campaign-preview-which' } });
  }
});

/**
 * Campaigns (issue 17 #2, docs/product.md §5.6): the desk makes its own work from a condition over the stored
 * customers. A preview and a run are jobs (a condition over a million customers takes seconds); a run is one
 * transaction, audited, and the list it makes is marked as the campaign's.
 */
export const campaignOperations = {
  'campaign-list': op({
    summary: 'Every campaign (the built-in ones first off), with its last run and its results over the lists it made.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({ items: z.array(campaignView) }),
  }),

  'campaign-save': op({
    summary: 'Create a campaign, or change one (with its id); a name taken is refused (conflict). Audited.',
    role: 'supervisor',
    input: campaignDefinition.extend({ id: z.number().int().optional() }),
    output: z.object({ campaign: campaignView, warnings: z.array(ruleProblemView) }),
  }),

  'campaign-delete': op({
    summary: 'Delete a campaign; the lists it made and their tasks stay. Audited.',
    role: 'supervisor',
    input: z.object({ id: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  }),

  'campaign-preview': op({
    summary: 'What running a campaign now would do: customers selected, new tasks, joining an open task, already issued, excluded by the contact policy (a read-only job).',
    role: 'supervisor',
    input: campaignToPreview,
    output: jobOf(campaignRunOutcome),
  }),

  'campaign-run': op({
    summary: 'Run a campaign now, whatever its schedule: creates (or adds to) the day’s work list and its tasks in one transaction (a job).',
    role: 'supervisor',
    input: z.object({ id: z.number().int() }),
    output: jobOf(campaignRunOutcome),
  }),
} as const;
