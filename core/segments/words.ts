/**
 * A segment's or campaign's condition in words (docs/product.md §5.6), for where a supervisor reads what a campaign
 * selects without opening its editor: the audit log and its workbook, and the campaigns table. The same vocabulary
 * as the card's "why it fits" (core/offers/match.ts), without a customer's figures: field labels in the reader's
 * language (formatMessage words a `field` parameter), tags and list types by their names, risk levels as 高危 / High,
 * alternatives of an `any` in brackets joined by 或. A number or a name a condition names is masked, as everywhere.
 */
import { valueWord } from '../worklist/value-words';
import { formatMessage, type Locale } from '../i18n';
import { maskedConditionValue, tagOrListNote } from '../offers/match';
import { levelText } from '../risk/messages';
import { riskLevels, type RiskLevel } from '../risk/score';
import { conditionOpNames, type Condition, type ValueCondition } from '../rules/condition';
import type { SegmentCondition } from './segment';

/** A value as the condition's field shows it: a risk level in words; a number or a name masked, as on the card. */
function shownValue(locale: Locale, c: ValueCondition, v: string | number): string | number {
  if ('field' in c && c.field === 'risk_level' && typeof v === 'string' && (riskLevels as readonly string[]).includes(v)) return levelText(locale, v as RiskLevel);
  // A canonical column's value in the reader's language (core/worklist/value-words.ts); masked as before.
  return maskedConditionValue(c)('field' in c && typeof v === 'string' ? valueWord(locale, c.field, v) : v);
}

function oneCondition(locale: Locale, c: Condition): string {
  if ('any' in c) {
    const alternatives = c.any.map((x) => oneCondition(locale, x)).join(formatMessage(locale, 'rule.words.or'));
    return locale === 'en' ? `(${alternatives})` : `（${alternatives}）`;
  }
  if ('tag' in c || 'list' in c) {
    const note = tagOrListNote(c);
    return formatMessage(locale, note.code, note.params);
  }
  const field = 'field' in c ? c.field : c.column;
  if (!('value' in c)) return formatMessage(locale, `rule.words.${conditionOpNames[c.op]}`, { field });
  if (c.op === 'days-ago' || c.op === 'days-until') return formatMessage(locale, `rule.words.${c.op}`, { field, min: c.value[0], max: c.value[1] });
  if (typeof c.value === 'boolean') return formatMessage(locale, c.value === (c.op === '=') ? 'rule.words.yes' : 'rule.words.no', { field });
  const value = Array.isArray(c.value) ? c.value.map((v) => shownValue(locale, c, v)).join('/') : shownValue(locale, c, c.value);
  // "one of" a single value is that value: 风险等级为 高危, not 风险等级为 高危 之一.
  const op = Array.isArray(c.value) && c.value.length === 1 ? (c.op === 'in' ? '=' : c.op === 'not-in' ? '!=' : c.op) : c.op;
  return formatMessage(locale, `rule.words.${conditionOpNames[op]}`, { field, value });
}

/** The whole condition: its parts joined by "；" (every one must hold), or "全部客户" when it has none. */
export function conditionText(locale: Locale, condition: SegmentCondition): string {
  const all = condition.all ?? [];
  if (all.length === 0) return formatMessage(locale, 'rule.words.everyone');
  return all.map((c) => oneCondition(locale, c)).join(formatMessage(locale, 'rule.words.and'));
}
