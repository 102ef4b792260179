import type { CampaignView } from '../../../../core/api/ops/campaigns';
import { MAX_DUE_DAYS, type CampaignAssignment, type CampaignDefinition, type CampaignSchedule } from '../../../../core/campaigns/campaign';
import type { OfferCategory } from '../../../../core/offers/catalogue';
import type { SegmentCondition } from '../../../../core/segments/segment';
import { listTypes, type ListType } from '../../../../core/worklist/fields';
import type { AssignMode } from '../../components/AssignmentControls';
import type { PlainMessageKey } from '../../i18n';

/** A campaign as its dialog edits it: text as typed, the assignment's every way kept while another is shown. */
export interface CampaignForm {
  name: string;
  /** The saved segment whose condition the campaign takes (null: the campaign's own stored condition). */
  segmentId: number | null;
  /** The condition that runs: the segment's when one is chosen, else the one stored with the campaign. */
  condition: unknown;
  listType: ListType;
  offerFamily: OfferCategory | '';
  dueDays: string;
  assignMode: AssignMode;
  /** Agents ticked for "evenly"; null: every agent (until the supervisor ticks). */
  chosen: string[] | null;
  single: string;
  column: string;
  /** The agent group for "evenly to a group" (null: none picked). */
  groupId: number | null;
  schedule: CampaignSchedule;
  enabled: boolean;
}

export const MAX_NAME = 60;
export const LAUNCH_DUE_DAYS = 7;

export const emptyForm = (): CampaignForm => ({
  name: '',
  segmentId: null,
  condition: null,
  listType: 'other',
  offerFamily: '',
  dueDays: '7',
  assignMode: 'none',
  chosen: null,
  single: '',
  column: 'manager',
  groupId: null,
  schedule: 'once',
  enabled: false,
});

export function formOf(c: CampaignView): CampaignForm {
  const a = c.assignment;
  return {
    name: c.name,
    segmentId: c.segmentId,
    condition: c.condition,
    listType: c.listType as ListType,
    offerFamily: (c.offerFamily ?? '') as OfferCategory | '',
    dueDays: String(c.dueDays),
    assignMode: a.kind,
    chosen: a.kind === 'evenly' ? a.agentIds : null,
    single: a.kind === 'to' ? a.agentId : '',
    column: a.kind === 'by-column' ? a.column : 'manager',
    groupId: a.kind === 'group' ? a.groupId : null,
    schedule: c.schedule,
    enabled: c.enabled,
  };
}

/**
 * "发起挽留" from a saved segment: a one-off campaign named after the segment and the day, on a list of type 其他,
 * due in a week, not assigned yet, off (it runs now, once, from the dialog).
 */
export function launchForm(segment: { id: number; name: string; condition: unknown }, today: string): CampaignForm {
  const suffix = ` ${today}`;
  return {
    ...emptyForm(),
    name: segment.name.trim().slice(0, MAX_NAME - suffix.length) + suffix,
    segmentId: segment.id,
    condition: segment.condition,
    // A segment of customers on one type of list makes a list of that type (携号转网 customers were issued as 其他;
    // found by a new supervisor); any other, 其他.
    listType: oneListType(segment.condition) ?? 'other',
    dueDays: String(LAUNCH_DUE_DAYS),
  };
}

/** The list type a condition requires, when it requires exactly one at its top level ({ list: X } among its `all`). */
function oneListType(condition: unknown): ListType | null {
  const all = typeof condition === 'object' && condition !== null ? (condition as { all?: unknown }).all : undefined;
  if (!Array.isArray(all)) return null;
  const types = all.flatMap((c) => (typeof c === 'object' && c !== null && typeof (c as { list?: unknown }).list === 'string' ? [(c as { list: string }).list] : []));
  return types.length === 1 && (listTypes as readonly string[]).includes(types[0]!) ? (types[0] as ListType) : null;
}

export type CampaignField = 'name' | 'segment' | 'dueDays' | 'assignment';
export type CampaignProblems = Partial<Record<CampaignField, PlainMessageKey>>;

/** The campaign the form describes, or what is wrong with it, field by field (the server checks again). */
export function checkCampaignForm(
  f: CampaignForm,
  everyAgent: readonly string[],
): { ok: true; definition: CampaignDefinition } | { ok: false; problems: CampaignProblems } {
  const problems: CampaignProblems = {};
  const name = f.name.trim();
  if (name === '') problems.name = 'campaign.invalid.nameEmpty';
  else if (name.length > MAX_NAME) problems.name = 'campaign.invalid.nameLong';
  if (f.condition == null) problems.segment = 'campaign.invalid.segment';
  // Typed with a Chinese input method the digits may be full-width (７): NFKC reads them as 7.
  const typed = f.dueDays.normalize('NFKC').trim();
  const due = /^\d{1,3}$/.test(typed) ? Number(typed) : NaN;
  if (!(due >= 1 && due <= MAX_DUE_DAYS)) problems.dueDays = 'campaign.invalid.dueDays';
  let assignment: CampaignAssignment = { kind: 'none' };
  if (f.assignMode === 'evenly') {
    const agentIds = f.chosen ?? [...everyAgent];
    if (agentIds.length === 0) problems.assignment = 'campaign.invalid.agents';
    assignment = { kind: 'evenly', agentIds };
  } else if (f.assignMode === 'to') {
    if (!f.single) problems.assignment = 'campaign.invalid.agent';
    assignment = { kind: 'to', agentId: f.single };
  } else if (f.assignMode === 'group') {
    if (f.groupId === null) problems.assignment = 'campaign.invalid.group';
    assignment = { kind: 'group', groupId: f.groupId ?? 0 };
  } else if (f.assignMode === 'by-column') assignment = { kind: 'by-column', column: f.column };
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    definition: {
      name,
      segmentId: f.segmentId,
      condition: f.condition as SegmentCondition,
      listType: f.listType,
      offerFamily: f.offerFamily === '' ? null : f.offerFamily,
      dueDays: due,
      assignment,
      schedule: f.schedule,
      enabled: f.enabled,
    },
  };
}
