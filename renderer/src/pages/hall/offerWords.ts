import { useMemo } from 'react';
import type { OffersView, TariffView } from '../../../../core/api';
import { formatMessage } from '../../../../core/i18n';
import { categoryLabels, type OfferCategory } from '../../../../core/offers/catalogue';
import { conditionNoteText } from '../../../../core/offers/match';
import { useLocale, type Locale } from '../../i18n';

export type Note = OffersView['ranked'][number]['why'][number];
export type RankedOffer = OffersView['ranked'][number];
export type ExcludedOffer = OffersView['excluded'][number];
export type TariffOption = TariffView['options'][number];

/** Notes about the figures in the headline (value, acceptance): shown on hover there, not in the "why" list. */
export const figureNotes = new Set(['offer.why.value', 'offer.why.acceptance-learned', 'offer.why.acceptance-prior']);

/** Stage order for the "not offered" list: the funnel of docs/product.md §5.1, then a negative expected value (§5.2). */
export const stageOrder = ['inactive', 'eligibility', 'applicability', 'suitability', 'contact-policy', 'value'];

export interface OfferWords {
  locale: Locale;
  note(n: { code: string; params: Note['params'] }): string;
  /** Conditions of an exclusion: alternatives of an `any` (eligibility) joined with "or", others listed. */
  conditions(stage: string, conditions: readonly Note[]): string;
  stage(stage: string): string;
  category(code: string | null): string | null;
  offerName(o: { name: string; nameEn?: string | null }): string;
}

/** The words for offer, condition and tariff codes all come from core (core/i18n/offer-messages.ts). */
export function offerWordsFor(locale: Locale): OfferWords {
  const note: OfferWords['note'] = (n) => conditionNoteText(locale, n);
  return {
    locale,
    note,
    conditions: (stage, conditions) =>
      conditions.map(note).join(stage === 'eligibility' ? formatMessage(locale, 'offer.cond.or') : locale === 'zh-CN' ? '；' : '; '),
    stage: (stage) => formatMessage(locale, `offer.stage.${stage}`),
    category: (code) => {
      if (!code) return null;
      const label = Object.prototype.hasOwnProperty.call(categoryLabels, code) ? categoryLabels[code as OfferCategory] : null;
      return label ? (locale === 'zh-CN' ? label.zh : label.en) : code;
    },
    offerName: (o) => (locale === 'en' && o.nameEn ? o.nameEn : o.name),
  };
}

export function useOfferWords(): OfferWords {
  const locale = useLocale();
  return useMemo(() => offerWordsFor(locale), [locale]);
}

/** Excluded offers grouped by stage, in funnel order (unknown stages last, as they come). */
export function groupByStage(excluded: readonly ExcludedOffer[]): { stage: string; offers: ExcludedOffer[] }[] {
  const groups = new Map<string, ExcludedOffer[]>();
  for (const e of excluded) groups.set(e.stage, [...(groups.get(e.stage) ?? []), e]);
  const rank = (s: string) => {
    const i = stageOrder.indexOf(s);
    return i < 0 ? stageOrder.length : i;
  };
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([stage, offers]) => ({ stage, offers }));
}

/**
 * Copies text for the agent. The desktop shell denies the async clipboard permission, so the old
 * execCommand route is tried next; when both fail the caller selects the text for Ctrl+C.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the execCommand route
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.left = '-9999px';
  document.body.appendChild(area);
  try {
    area.select();
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
