/**
 * Segments (issue 17 #1): a named group of customers said in the condition language (core/rules/condition.ts),
 * as `{ "all": [ …conditions ] }` — the same shape as one stage of an offer's rules, checked by the same code,
 * so a condition refused in an offer is refused here for the same reason and with the same place.
 *
 * A customer is in the segment when every condition holds; an unknown (a missing value, a column the workspace
 * has never imported) is not "holds": a segment written ahead of its data counts nobody by accident.
 */
import { z } from 'zod';
import { formatMessage } from '../i18n';
import { checkConditions, derivedFields, type CheckOptions, type CheckResult, type Condition } from '../rules/condition';

export const segmentStages = ['all'] as const;
export type SegmentCondition = { all?: Condition[] };

export function checkSegmentCondition(json: unknown, options: CheckOptions = {}): CheckResult<SegmentCondition> {
  return checkConditions(json, segmentStages, options);
}

/** The schema of a segment's condition: the condition language's own check, its issues as message codes. */
export const segmentCondition = z.custom<SegmentCondition>().superRefine((value, ctx) => {
  for (const e of checkSegmentCondition(value).errors) {
    ctx.addIssue({ code: 'custom', path: e.at, message: formatMessage('en', e.code, e.params), params: { messageKey: e.code, ...e.params } });
  }
});

export const segmentName = z.string().trim().min(1).max(60);

/** What a scan must read to judge a condition: canonical fields, and whether extra columns, tags, list types, derived facts. */
export interface SegmentNeeds {
  fields: Set<string>;
  /** Extra-column headers named. */
  columns: Set<string>;
  tags: boolean;
  lists: boolean;
  derived: boolean;
}

export function segmentNeeds(condition: SegmentCondition): SegmentNeeds {
  const needs: SegmentNeeds = { fields: new Set(), columns: new Set(), tags: false, lists: false, derived: false };
  const walk = (c: Condition): void => {
    if ('any' in c) c.any.forEach(walk);
    else if ('tag' in c) needs.tags = true;
    else if ('list' in c) needs.lists = true;
    else if ('column' in c) needs.columns.add(c.column);
    else if (Object.prototype.hasOwnProperty.call(derivedFields, c.field)) needs.derived = true;
    else needs.fields.add(c.field);
  };
  (condition.all ?? []).forEach(walk);
  return needs;
}

export const riskLevels = ['high', 'medium', 'low', 'stable'] as const;

/**
 * The risk levels a customer must have for the condition to hold, when a top-level condition says so
 * (`risk_level in [...]` or `= ...`; several such: their intersection), else null. A scan then reads only those
 * levels through their index; it is a narrowing, never the judgement: the whole condition is still evaluated.
 * Highest risk first, so the sample shows the riskiest customers.
 */
export function requiredLevels(condition: SegmentCondition): string[] | null {
  let levels: string[] | null = null;
  for (const c of condition.all ?? []) {
    if (!('field' in c) || c.field !== 'risk_level') continue;
    const named = c.op === 'in' ? c.value.map(String) : c.op === '=' && typeof c.value === 'string' ? [c.value.trim()] : null;
    if (!named) continue;
    levels = (levels ?? [...riskLevels]).filter((l: string) => named.includes(l));
  }
  return levels;
}

/** The queue page's filters (renderer QueuePage): those the condition language can say become conditions. */
export interface QueueFilters {
  listId?: number | null;
  listType?: string | null;
  level?: string | null;
  agentId?: string | null;
  status?: string | null;
}

/**
 * The queue filters as a segment condition. A level and a list type are facts of the customer; a particular
 * list or an agent are facts of today's tasks, not of the customer, so they are returned in `dropped` for the
 * dialog to say they are not part of the segment (rather than silently widening it).
 */
export function queueFiltersToCondition(f: QueueFilters): { condition: SegmentCondition; dropped: ('list' | 'agent' | 'status')[] } {
  const all: Condition[] = [];
  if (f.level) all.push({ field: 'risk_level', op: 'in', value: [f.level] });
  if (f.listType) all.push({ list: f.listType });
  const dropped: ('list' | 'agent' | 'status')[] = [];
  if (f.listId !== null && f.listId !== undefined) dropped.push('list');
  // The queue's agent filter: undefined is everyone's tasks; null the unassigned ones; else one agent's.
  if (f.agentId !== undefined) dropped.push('agent');
  if (f.status) dropped.push('status');
  return { condition: { all }, dropped };
}
