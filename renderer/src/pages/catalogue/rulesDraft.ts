/**
 * An offer's rules (core/offers/catalogue.ts: eligible / notIf / unsuitableIf, each a list of conditions, with
 * `any` groups inside) as the edit dialog holds them: values kept as the text the supervisor typed, so a
 * half-typed number is not lost, and turned into rules only on save. The JSON view goes through the same
 * draft, so both ways of editing give the same checks and the same messages; the schema itself (`offerRules`)
 * has the last word before anything is sent.
 */
import { formatMessage } from '../../../../core/i18n';
import { checkOfferRules, ruleOps, type OfferRules, type RuleCondition, type RuleOp } from '../../../../core/offers/catalogue';
import { fieldType } from '../../../../core/rules/condition';
import { listTypes, type ListType } from '../../../../core/worklist/fields';
import type { TFunction } from '../../i18n/catalogue';
import { parseNumberText } from './formCheck';

export const stages = ['eligible', 'notIf', 'unsuitableIf'] as const;
export type Stage = (typeof stages)[number];
export type CondKind = 'field' | 'column' | 'tag' | 'list' | 'any';

export interface DraftCond {
  id: number;
  kind: CondKind;
  field: string;
  /** An extra column's header (kind 'column'). */
  column: string;
  op: RuleOp;
  /** As typed; several values of `in` / `not-in` separated by commas or 、. */
  value: string;
  tag: string;
  /** false: the customer must NOT carry the tag. */
  present: boolean;
  list: ListType;
  children: DraftCond[];
}
export type DraftRules = Record<Stage, DraftCond[]>;

/** Limits of the schema, repeated here only to say them in words before the schema refuses. */
const MAX_PER_STAGE = 30;
const MAX_IN_ANY = 20;
const MAX_VALUES = 100;
const MAX_TEXT = 200;
const TAG = /^[a-z][a-z0-9_]{0,39}$/;

let nextId = 1;
export function newCond(kind: CondKind = 'field'): DraftCond {
  return {
    id: nextId++,
    kind,
    field: 'arpu_avg3',
    column: '',
    op: kind === 'column' ? '=' : '>=',
    value: '',
    tag: 'mid_high_value',
    present: true,
    list: 'contract_expiring',
    children: kind === 'any' ? [newCond('field')] : [],
  };
}

const emptyDraft = (): DraftRules => ({ eligible: [], notIf: [], unsuitableIf: [] });

/** Fields compared as numbers: a value typed as "120" is sent as 120. Yes/no fields are 1 / 0. */
function isNumericField(field: string): boolean {
  const type = fieldType(field);
  return type === 'number' || type === 'yes-no';
}
export const isBoolField = (field: string): boolean => fieldType(field) === 'yes-no';

/**
 * The comparisons that make sense for a field, by its type (the one in use is always offered too, see
 * RulesEditor); an extra column has no type of its own, so every comparison is offered and the value decides.
 */
export function opsFor(field: string | null): readonly RuleOp[] {
  if (field === null) return ruleOps;
  switch (fieldType(field)) {
    case 'number':
      return ['>', '>=', '<', '<=', '=', '!=', 'in', 'not-in', 'present', 'empty'];
    case 'date':
      return ['days-ago', 'days-until', '>', '>=', '<', '<=', '=', '!=', 'present', 'empty'];
    case 'yes-no':
      return ['=', '!=', 'present', 'empty'];
    default:
      return ['=', '!=', 'in', 'not-in', 'present', 'empty'];
  }
}
export const needsValue = (op: RuleOp): boolean => op !== 'present' && op !== 'empty';
export const isListOp = (op: RuleOp): boolean => op === 'in' || op === 'not-in';
export const isDaysOp = (op: RuleOp): boolean => op === 'days-ago' || op === 'days-until';

const yesText = new Set(['是', 'yes', 'true', 'y']);
const noText = new Set(['否', 'no', 'false', 'n']);
/** A days range as typed: "0-30", "0~30", "0，30" or "30" (0 to 30). */
function parseRange(text: string): [number, number] | null {
  const parts = text.normalize('NFKC').split(/[-~～至到,，、\s]+/).filter((p) => p !== '');
  const nums = parts.map(parseNumberText);
  if (nums.length === 1 && nums[0] !== null) return [0, nums[0]!];
  if (nums.length === 2 && nums[0] !== null && nums[1] !== null) return [nums[0]!, nums[1]!];
  return null;
}
/** An extra column's typed value: yes/no words as yes/no, numbers as numbers, else text. */
function columnScalar(text: string): number | string | boolean {
  const l = text.trim().toLowerCase();
  if (yesText.has(l)) return true;
  if (noText.has(l)) return false;
  const n = parseNumberText(text);
  return n === null ? text.trim() : n;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* rules → draft                                                                                               */

function condToDraft(c: RuleCondition): DraftCond {
  const d = newCond();
  if ('any' in c) return { ...d, kind: 'any', children: c.any.map(condToDraft) };
  if ('tag' in c) return { ...d, kind: 'tag', tag: c.tag, present: c.present !== false };
  if ('list' in c) return { ...d, kind: 'list', list: c.list as ListType };
  const value = !('value' in c)
    ? ''
    : typeof c.value === 'boolean'
      ? c.value
        ? '是'
        : '否'
      : Array.isArray(c.value)
        ? c.value.join(isDaysOp(c.op) ? '~' : '、')
        : String(c.value);
  if ('column' in c) return { ...d, kind: 'column', column: c.column, op: c.op, value };
  // A yes/no field written with true/false shows as 1/0, as the form offers it.
  const boolValue = typeof ('value' in c ? c.value : null) === 'boolean' ? (value === '是' ? '1' : '0') : value;
  return { ...d, kind: 'field', field: c.field, op: c.op, value: isBoolField(c.field) ? boolValue : value };
}

export function draftFromRules(rules: OfferRules): DraftRules {
  return { eligible: (rules.eligible ?? []).map(condToDraft), notIf: (rules.notIf ?? []).map(condToDraft), unsuitableIf: (rules.unsuitableIf ?? []).map(condToDraft) };
}

/* ---------------------------------------------------------------------------------------------------------- */
/* draft → rules                                                                                               */

const splitValues = (text: string): string[] =>
  text
    .normalize('NFKC')
    .split(/[,，、;；\n]+/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Where a condition sits, for messages: its JSON path and "可推荐条件第 2 › 1 条". */
interface Where {
  stage: Stage;
  /** 0-based positions: the condition, then inside its `any` group, … */
  at: number[];
}
function jsonPath(w: Where): string {
  return w.stage + w.at.map((n, i) => (i === 0 ? `[${n}]` : `.any[${n}]`)).join('');
}
function describeWhere(w: Where, t: TFunction): string {
  return t('catalogue.rules.where', { path: jsonPath(w), stage: t(`catalogue.rules.short.${w.stage}`), n: w.at.map((n) => n + 1).join(' › ') });
}

export interface RulesCheck {
  rules: OfferRules | null;
  /** Saved all the same: a rule naming a column no imported file has brought (it is unknown until one does). */
  warnings: string[];
  /** Problems of single conditions, by draft id (shown on the row) and in words with their place (summary). */
  byId: Map<number, string>;
  messages: string[];
}

export function rulesFromDraft(draft: DraftRules, t: TFunction, columns: ReadonlySet<string> | null = null): RulesCheck {
  const byId = new Map<number, string>();
  const messages: string[] = [];
  const problem = (d: DraftCond, w: Where, text: string) => {
    byId.set(d.id, text);
    messages.push(t('catalogue.rules.at', { where: describeWhere(w, t), problem: text }));
  };

  const convert = (d: DraftCond, w: Where): RuleCondition | null => {
    switch (d.kind) {
      case 'any': {
        if (d.children.length === 0) return problem(d, w, t('catalogue.rules.err.anyEmpty')), null;
        if (d.children.length > MAX_IN_ANY) return problem(d, w, t('catalogue.rules.err.tooMany', { max: MAX_IN_ANY })), null;
        const parts = d.children.map((c, i) => convert(c, { stage: w.stage, at: [...w.at, i] }));
        return parts.every((p): p is RuleCondition => p !== null) ? { any: parts } : null;
      }
      case 'tag': {
        const tag = d.tag.trim();
        if (!TAG.test(tag)) return problem(d, w, t('catalogue.rules.err.tag')), null;
        return d.present ? { tag } : { tag, present: false };
      }
      case 'list':
        return { list: d.list };
      case 'column': {
        const column = d.column.trim();
        if (column === '') return problem(d, w, t('catalogue.rules.err.column')), null;
        if (!needsValue(d.op)) return { column, op: d.op as 'present' | 'empty' };
        if (isDaysOp(d.op)) {
          const range = parseRange(d.value);
          if (!range) return problem(d, w, t('catalogue.rules.err.range')), null;
          return { column, op: d.op as 'days-ago', value: range };
        }
        if (isListOp(d.op)) {
          const parts = splitValues(d.value);
          if (parts.length === 0) return problem(d, w, t('catalogue.rules.err.values')), null;
          const nums = parts.map(parseNumberText);
          return { column, op: d.op as 'in', value: nums.every((n) => n !== null) ? (nums as number[]) : parts };
        }
        const text = d.value.trim();
        if (text === '') return problem(d, w, t('catalogue.rules.err.value')), null;
        if (d.op === '=' || d.op === '!=') return { column, op: d.op, value: columnScalar(text) };
        // > >= < <=: a number, or a date as typed (the language checks which).
        const n = parseNumberText(text);
        return { column, op: d.op as '>', value: n === null ? text : n };
      }
      case 'field': {
        if (fieldType(d.field) === null) return problem(d, w, t('catalogue.rules.err.field', { field: d.field })), null;
        if (isDaysOp(d.op)) {
          const range = parseRange(d.value);
          if (!range) return problem(d, w, t('catalogue.rules.err.range')), null;
          return { field: d.field, op: d.op as 'days-ago', value: range };
        }
        if (fieldType(d.field) === 'date' && needsValue(d.op) && !isListOp(d.op)) {
          const text = d.value.trim();
          if (text === '') return problem(d, w, t('catalogue.rules.err.value')), null;
          return { field: d.field, op: d.op as '=', value: text };
        }
        const numeric = isNumericField(d.field);
        if (!needsValue(d.op)) return { field: d.field, op: d.op as 'present' | 'empty' };
        if (isListOp(d.op)) {
          const parts = splitValues(d.value);
          if (parts.length === 0) return problem(d, w, t('catalogue.rules.err.values')), null;
          if (parts.length > MAX_VALUES) return problem(d, w, t('catalogue.rules.err.tooManyValues', { max: MAX_VALUES })), null;
          if (!numeric) {
            if (parts.some((p) => p.length > MAX_TEXT)) return problem(d, w, t('catalogue.rules.err.tooLong', { max: MAX_TEXT })), null;
            return { field: d.field, op: d.op as 'in' | 'not-in', value: parts };
          }
          const nums = parts.map(parseNumberText);
          if (nums.some((n) => n === null)) return problem(d, w, t('catalogue.rules.err.numbers')), null;
          return { field: d.field, op: d.op as 'in' | 'not-in', value: nums as number[] };
        }
        if (numeric || d.op === '>' || d.op === '>=' || d.op === '<' || d.op === '<=') {
          const n = parseNumberText(d.value);
          if (n === null) return problem(d, w, t(d.value.trim() === '' ? 'catalogue.rules.err.value' : 'catalogue.rules.err.number')), null;
          return { field: d.field, op: d.op as '=', value: n };
        }
        const text = d.value.trim();
        if (text === '') return problem(d, w, t('catalogue.rules.err.value')), null;
        if (text.length > MAX_TEXT) return problem(d, w, t('catalogue.rules.err.tooLong', { max: MAX_TEXT })), null;
        return { field: d.field, op: d.op as '=' | '!=', value: text };
      }
    }
  };

  const rules: Record<string, RuleCondition[]> = {};
  let complete = true;
  for (const stage of stages) {
    const list = draft[stage];
    if (list.length > MAX_PER_STAGE) {
      messages.push(t('catalogue.rules.err.stageTooMany', { stage: t(`catalogue.rules.short.${stage}`), max: MAX_PER_STAGE }));
      complete = false;
      continue;
    }
    const converted = list.map((c, i) => convert(c, { stage, at: [i] }));
    if (converted.every((c): c is RuleCondition => c !== null)) {
      if (converted.length > 0) rules[stage] = converted;
    } else complete = false;
  }
  if (!complete) return { rules: null, byId, messages, warnings: [] };
  // The condition language decides (core/rules/condition.ts), as the backend and a catalogue file do; the checks
  // above only read what was typed. Its messages name the place themselves.
  const checked = checkOfferRules(rules, { columns });
  const words = (p: { code: string; params: Record<string, string | number> }) => formatMessage(t.locale, p.code, p.params);
  if (checked.errors.length > 0 || !checked.value) return { rules: null, byId, messages: checked.errors.map(words), warnings: [] };
  return { rules: checked.value, byId, messages, warnings: checked.warnings.map(words) };
}

/* ---------------------------------------------------------------------------------------------------------- */
/* JSON text ⇄ draft                                                                                           */

export function rulesToJson(rules: OfferRules): string {
  return Object.keys(rules).length === 0 ? '' : JSON.stringify(rules, null, 2);
}

type JsonRead = { ok: true; draft: DraftRules } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const allowedKeys: Record<CondKind, readonly string[]> = {
  field: ['field', 'op', 'value'],
  column: ['column', 'op', 'value'],
  tag: ['tag', 'present'],
  list: ['list'],
  any: ['any'],
};

/**
 * The JSON typed in the rules box, read into a draft. Each refusal names the place (JSON path and the
 * condition's number) and what is wrong there; values are then checked as in the form (`rulesFromDraft`).
 */
export function draftFromJson(text: string, t: TFunction): JsonRead {
  if (text.trim() === '') return { ok: true, draft: emptyDraft() };
  let json: unknown;
  try {
    json = JSON.parse(text.normalize('NFKC'));
  } catch (e) {
    return { ok: false, message: t('catalogue.rules.err.json', { detail: (e instanceof Error ? e.message : String(e)).slice(0, 160) }) };
  }
  if (!isObject(json)) return { ok: false, message: t('catalogue.rules.err.notObject') };
  const unknown = Object.keys(json).find((k) => !(stages as readonly string[]).includes(k));
  if (unknown !== undefined) return { ok: false, message: t('catalogue.rules.err.unknownKey', { key: unknown, allowed: stages.join(', ') }) };

  class Refusal extends Error {}
  const refuse = (w: Where, problem: string): never => {
    throw new Refusal(t('catalogue.rules.at', { where: describeWhere(w, t), problem }));
  };

  const read = (v: unknown, w: Where): DraftCond => {
    if (!isObject(v)) return refuse(w, t('catalogue.rules.err.condShape'));
    const kind: CondKind | null = 'any' in v ? 'any' : 'tag' in v ? 'tag' : 'list' in v ? 'list' : 'column' in v ? 'column' : 'field' in v ? 'field' : null;
    if (!kind) return refuse(w, t('catalogue.rules.err.condShape'));
    const extra = Object.keys(v).find((k) => !allowedKeys[kind].includes(k));
    if (extra !== undefined) return refuse(w, t('catalogue.rules.err.unknownKey', { key: extra, allowed: allowedKeys[kind].join(', ') }));
    const d = newCond(kind);
    switch (kind) {
      case 'any': {
        if (!Array.isArray(v.any)) return refuse(w, t('catalogue.rules.err.notArray', { key: 'any' }));
        return { ...d, children: v.any.map((c, i) => read(c, { stage: w.stage, at: [...w.at, i] })) };
      }
      case 'tag': {
        if (typeof v.tag !== 'string') return refuse(w, t('catalogue.rules.err.tag'));
        if (v.present !== undefined && typeof v.present !== 'boolean') return refuse(w, t('catalogue.rules.err.present'));
        return { ...d, tag: v.tag, present: v.present !== false };
      }
      case 'list': {
        if (typeof v.list !== 'string' || !(listTypes as readonly string[]).includes(v.list)) {
          return refuse(w, t('catalogue.rules.err.list', { value: String(v.list), allowed: listTypes.join(', ') }));
        }
        return { ...d, list: v.list as ListType };
      }
      case 'column':
      case 'field': {
        const subject = kind === 'column' ? v.column : v.field;
        if (kind === 'column' && (typeof subject !== 'string' || subject.trim() === '')) return refuse(w, t('catalogue.rules.err.column'));
        if (kind === 'field' && (typeof subject !== 'string' || fieldType(subject) === null)) return refuse(w, t('catalogue.rules.err.field', { field: String(subject) }));
        const named = kind === 'column' ? { column: subject as string } : { field: subject as string };
        if (typeof v.op !== 'string' || !(ruleOps as readonly string[]).includes(v.op)) {
          return refuse(w, t('catalogue.rules.err.op', { op: String(v.op), allowed: ruleOps.join(' ') }));
        }
        const op = v.op as RuleOp;
        if (!needsValue(op)) {
          if ('value' in v) return refuse(w, t('catalogue.rules.err.noValue', { op }));
          return condToDraft({ ...named, op } as RuleCondition);
        }
        if (!('value' in v)) return refuse(w, t('catalogue.rules.err.valueMissing'));
        const scalar = (x: unknown) => typeof x === 'number' || typeof x === 'string';
        if (isListOp(op) || isDaysOp(op)) {
          if (!Array.isArray(v.value) || !v.value.every(scalar)) return refuse(w, t('catalogue.rules.err.valueArray', { op }));
        } else if (!scalar(v.value) && typeof v.value !== 'boolean') return refuse(w, t('catalogue.rules.err.value'));
        // Read into the form's rows as typed; the condition language checks types and says where (rulesFromDraft).
        return condToDraft({ ...named, op, value: v.value } as RuleCondition);
      }
    }
  };

  const draft = emptyDraft();
  try {
    for (const stage of stages) {
      const list = json[stage];
      if (list === undefined) continue;
      if (!Array.isArray(list)) return { ok: false, message: t('catalogue.rules.err.notArray', { key: stage }) };
      draft[stage] = list.map((c, i) => read(c, { stage, at: [i] }));
    }
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    throw e;
  }
  return { ok: true, draft };
}
