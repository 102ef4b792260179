import { useCallback } from 'react';
import { categoryLabels, type OfferCategory } from '../../../../core/offers/catalogue';
import { useLocale, useT, type PlainMessageKey } from '../../i18n';

export type CatalogueKind = 'offers' | 'plans';

/** Every offer and plan field has a label under `catalogue.f.<key>` (the import's problem rows use them too). */
const fieldKeys = new Set([
  'code', 'name_zh', 'name_en', 'category', 'description', 'script', 'cost', 'channels', 'valid_from', 'valid_to', 'rules',
  'cooldown_days', 'weekly_budget', 'active', 'follow_up_kind', 'follow_up_days', 'name', 'monthly_fee', 'incl_local_min', 'incl_ld_min', 'incl_roaming_min',
  'incl_data_mb', 'price_local_min', 'price_ld_min', 'price_roaming_min', 'price_data_mb',
]);

/** A catalogue field's label in the UI language; an unknown key is shown as itself. */
export function useFieldLabel(): (field: string) => string {
  const t = useT();
  return useCallback((field: string) => (fieldKeys.has(field) ? t(`catalogue.f.${field}` as PlainMessageKey) : field), [t]);
}

export function useCategoryLabel(): (c: OfferCategory) => string {
  const locale = useLocale();
  return useCallback((c: OfferCategory) => (locale === 'zh-CN' ? categoryLabels[c].zh : categoryLabels[c].en), [locale]);
}

/** An offer's name in the UI language (the Chinese name when it has no English one). */
export const offerName = (o: { name_zh: string; name_en: string | null }, locale: string): string => (locale === 'en' && o.name_en ? o.name_en : o.name_zh);

/** Codes and names, Chinese and English, ignoring case and full/half width: what a supervisor types to find one. */
export function matches(query: string, ...texts: (string | null | undefined)[]): boolean {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (q === '') return true;
  return texts.some((s) => s != null && s.normalize('NFKC').toLowerCase().includes(q));
}
