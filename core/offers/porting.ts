/**
 * What the number-portability rules (携号转网服务管理规定, issue 16 #6) ask of offers: no offer made only for customers
 * who are porting out, and no script that names (let alone runs down) another operator. One check each, used by
 * the offer editor, the offer-save operation and the catalogue import.
 */
import type { OfferRules, RuleCondition } from './catalogue';

/** The canonical fields and list type that say a customer is porting out (core/worklist/fields.ts). */
const portingFields: ReadonlySet<string> = new Set(['porting_query_date', 'porting_apply_date']);
const PORTING_LIST = 'number_porting';

export interface PortingOnlyProblem {
  code: 'offer.porting-only';
  /** Where: "2" for the second eligible condition, "2.1" for the first alternative inside it; the field it names (list_type: the 携号转网 list). */
  params: { place: string; field: string };
}

/**
 * The first `eligible` condition that selects porting customers — a porting field tested for anything but being
 * empty, or the 携号转网 list — or null. Conditions that exclude them (in notIf/unsuitableIf, or "field is empty")
 * are what the rules want and pass.
 */
export function portingOnlyCondition(rules: OfferRules): PortingOnlyProblem | null {
  const visit = (c: RuleCondition, place: string): PortingOnlyProblem | null => {
    if ('any' in c) {
      for (let i = 0; i < c.any.length; i++) {
        const p = visit(c.any[i]!, `${place}.${i + 1}`);
        if (p) return p;
      }
      return null;
    }
    if ('list' in c && c.list === PORTING_LIST) return { code: 'offer.porting-only', params: { place, field: 'list_type' } };
    if ('field' in c && portingFields.has(c.field) && c.op !== 'empty') return { code: 'offer.porting-only', params: { place, field: c.field } };
    return null;
  };
  const eligible = rules.eligible ?? [];
  for (let i = 0; i < eligible.length; i++) {
    const p = visit(eligible[i]!, String(i + 1));
    if (p) return p;
  }
  return null;
}

/** Other operators' names as scripts write them (full and short forms). */
const operatorNames: readonly (readonly [string, RegExp])[] = [
  ['中国电信', /中国电信|电信/u],
  ['中国联通', /中国联通|联通/u],
  ['中国广电', /中国广电|广电/u],
];

/**
 * The other operators a script names (a warning in the editor and the import, not a refusal: "电信诈骗" in a
 * fraud-awareness script is not about the operator, so a person decides).
 */
export function otherOperatorsNamed(script: string | null | undefined): string[] {
  if (!script) return [];
  const text = script.normalize('NFKC');
  return operatorNames.filter(([, re]) => re.test(text)).map(([name]) => name);
}
