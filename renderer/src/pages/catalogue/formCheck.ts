/**
 * Reading the edit dialogs' text boxes into catalogue values, with the reason in the user's words and the
 * field's own label when a value will not do. The limits are the schema's (core/offers/catalogue.ts); the
 * schema still checks the whole object before it is sent, these only say *which* box is wrong and why.
 */
import { catalogueCode } from '../../../../core/offers/catalogue';
import type { TFunction } from '../../i18n/catalogue';

export type Errors<K extends string> = Partial<Record<K, string>>;

export interface NumberRule {
  label: string;
  min: number;
  max: number;
  int?: boolean;
  /** Empty means this value (a default, or null for "no limit"); without it an empty box is an error. */
  empty?: number | null;
}

/** "1,234.5", full-width digits and stray spaces are what people paste from spreadsheets. */
export function parseNumberText(text: string): number | null {
  const s = text.normalize('NFKC').trim().replace(/,/g, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function readNumber(text: string, rule: NumberRule, t: TFunction): { value: number | null; error?: string } {
  if (text.trim() === '') {
    if (rule.empty !== undefined) return { value: rule.empty };
    return { value: null, error: t('catalogue.v.required', { field: rule.label }) };
  }
  const n = parseNumberText(text);
  const bad = n === null || n < rule.min || n > rule.max || (rule.int === true && !Number.isInteger(n));
  if (!bad) return { value: n };
  const params = { field: rule.label, min: rule.min, max: rule.max };
  return { value: null, error: rule.int ? t('catalogue.v.int', params) : t('catalogue.v.number', params) };
}

export function readText(text: string, rule: { label: string; max: number; required?: boolean }, t: TFunction): { value: string | null; error?: string } {
  const v = text.trim();
  if (v === '') return rule.required ? { value: null, error: t('catalogue.v.required', { field: rule.label }) } : { value: null };
  if (v.length > rule.max) return { value: null, error: t('catalogue.v.tooLong', { field: rule.label, max: rule.max }) };
  return { value: v };
}

/** Long texts (description, script) keep their line breaks: paragraphs are what make a script readable. */
export function readLongText(text: string, rule: { label: string; max: number }, t: TFunction): { value: string | null; error?: string } {
  const v = text.replace(/\r\n?/g, '\n').trim();
  if (v === '') return { value: null };
  if (v.length > rule.max) return { value: null, error: t('catalogue.v.tooLong', { field: rule.label, max: rule.max }) };
  return { value: v };
}

/**
 * A new code: well-formed, and not one the catalogue already has — saving is "create or replace", so a
 * taken code would silently overwrite another offer or plan. Compared ignoring case, since agents and files
 * would not tell CONTRACT_REWARD from contract_reward apart.
 */
export function readNewCode(
  text: string,
  label: string,
  taken: ReadonlyMap<string, string>,
  t: TFunction,
): { value: string | null; error?: string } {
  const v = text.trim();
  if (v === '') return { value: null, error: t('catalogue.v.required', { field: label }) };
  if (!catalogueCode.safeParse(v).success) return { value: null, error: t('catalogue.v.code', { field: label }) };
  const other = taken.get(v.toUpperCase());
  if (other !== undefined) return { value: null, error: t('catalogue.v.codeTaken', { code: v, name: other }) };
  return { value: v };
}

/** Numbers back into a text box: no grouping, no trailing zeros (what the user would type). */
export const numberText = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

/** Gathers each box's reason under its key while the values are read; `take` hands the value back. */
export function errorSink<K extends string>() {
  const errors: Errors<K> = {};
  const take = <V,>(key: K, r: { value: V; error?: string }): V => {
    if (r.error) errors[key] = r.error;
    return r.value;
  };
  return { errors, take };
}

type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };

/**
 * The contract's schema has the last word (the checks above only say which box is wrong); should it still
 * refuse, its first complaint goes on the box it names, the code box when it names none.
 */
export function schemaChecked<K extends string, T>(parsed: Parsed<T>, errors: Errors<K>, label: (k: K) => string, t: TFunction): T | null {
  if (parsed.success) return parsed.data;
  const path = String(parsed.error.issues[0]?.path[0] ?? 'code') as K;
  errors[path] = t('catalogue.v.invalid', { field: label(path) });
  return null;
}
