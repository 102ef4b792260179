/**
 * Risk results in words (the texts live in core/i18n/risk-messages.ts, served by formatMessage): the card and
 * the CLI's `explain` call these with the stored codes and params, in the reader's language.
 */
import { formatMessage, joinList, type Locale } from '../i18n';
import type { Reason, RiskLevel, UnjudgedGroup } from './score';
import type { SignalLevel } from './signal';
import type { Tag, Tier } from './tags';
import { valueWord } from '../worklist/value-words';

export function reasonText(locale: Locale, reason: Pick<Reason, 'code' | 'params'>): string {
  const p = reason.params;
  if (reason.code === 'sibling-line-risk') {
    // The sibling's own main reason is quoted by its short name (core/risk/siblings.ts).
    if (p.signal === 'churned' || p.signal === 'terminal') return formatMessage(locale, `risk.sibling-line-risk.${p.signal}`, p);
    return formatMessage(locale, 'risk.sibling-line-risk', { ...p, top: formatMessage(locale, `risk.short.${String(p.top)}`) });
  }
  // Canonical column values in the reader's language (the file's 移动+联通, 正常 … are stored as they came).
  if (reason.code === 'dual-sim' && typeof p.value === 'string') return formatMessage(locale, 'risk.dual-sim', { ...p, value: valueWord(locale, 'dual_sim', p.value) });
  if (reason.code === 'status-terminal' && typeof p.status === 'string') return formatMessage(locale, 'risk.status-terminal', { ...p, status: valueWord(locale, 'status', p.status) });
  return formatMessage(locale, `risk.${reason.code}`, p);
}

/** A level's word; 'insufficient' is the reconciled signal's 数据不足 (core/risk/signal.ts). */
export function levelText(locale: Locale, level: RiskLevel | SignalLevel): string {
  return formatMessage(locale, `risk.level.${level}`);
}

export function unjudgedText(locale: Locale, group: UnjudgedGroup): string {
  return formatMessage(locale, `risk.unjudged.${group}`);
}

export function tierText(locale: Locale, tier: Tier): string {
  return formatMessage(locale, `tier.${tier}`);
}

/** A tag with its figures; sensitivity evidence codes are translated and listed. */
export function tagText(locale: Locale, tag: Tag): string {
  const p = tag.code === 'dual_sim' || tag.code === 'own_dual_sim' ? { ...tag.params, value: valueWord(locale, 'dual_sim', String(tag.params.value)) } : tag.params;
  if (tag.code === 'handset_change') return formatMessage(locale, typeof p.months === 'number' ? 'tag.handset_change.months' : 'tag.handset_change.not-smart', p);
  if (tag.code === 'plan_mismatch') return formatMessage(locale, p.direction === 'over' ? 'tag.plan_mismatch.over' : 'tag.plan_mismatch.under', p);
  if (typeof p.evidence === 'string') {
    const evidence = joinList(
      locale,
      p.evidence
        .split(',')
        .filter((e) => e !== '')
        .map((e) => formatMessage(locale, `sensitivity.evidence.${e}`)),
    );
    return formatMessage(locale, `tag.${tag.code}`, { ...p, evidence });
  }
  return formatMessage(locale, `tag.${tag.code}`, p);
}

/** A contact-policy reason named in a word (for counts: a campaign's exclusions). */
export function contactReasonShort(locale: Locale, code: string): string {
  return formatMessage(locale, `contact-short.${code}`, {});
}

/** A contact-policy reason (core/contact/policy.ts). */
export function contactReasonText(locale: Locale, reason: { code: string; params: Record<string, string | number> }): string {
  // Days since a complaint or a marketing contact: 0 is today ("0 天前有投诉" read oddly to an agent).
  const today = reason.params.days === 0 && (reason.code === 'complaint-care-first' || reason.code === 'marketing-gap');
  // A task ended by a churn or a request not to be contacted says so, not only 客户拒绝 (the status's word).
  const by = reason.code === 'task-closed' && reason.params.by !== undefined;
  const limit = reason.code === 'task-closed' && reason.params.limit !== undefined;
  // Gone, with the day it was said (a file's churn date, or an agent's 已离网) or without one (the file's flag alone).
  const undated = reason.code === 'churned' && reason.params.date === undefined;
  return formatMessage(locale, `contact.${reason.code}${today ? '.today' : by ? '.by' : limit ? '.limit' : undated ? '.undated' : ''}`, reason.params);
}
