import { useMemo } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import {
  channelLabels,
  competitorLabels,
  dispositionLabels,
  feedbackCategoryLabels,
  importanceLabels,
  reasonLabels,
} from '../../../core/contact/codes';
import { fieldByKey, listTypeLabels, type ListType } from '../../../core/worklist/fields';
import { defaultLocale, locales, translator, type Locale, type TFunction } from './catalogue';

export { locales, translator } from './catalogue';
export type { Locale, MessageKey, PlainMessageKey, TFunction } from './catalogue';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocaleStore = create<LocaleState>()(
  persist(
    (set) => ({
      locale: defaultLocale,
      setLocale: (locale) => set({ locale }),
    }),
    {
      name: 'retention-desk-locale',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ locale: s.locale }),
      // A stored value from an older build, or a hand-edited one, must not leave the UI without a catalogue.
      merge: (persisted, current) => {
        const locale = (persisted as Partial<LocaleState> | undefined)?.locale;
        return locale && locales.includes(locale) ? { ...current, locale } : current;
      },
    },
  ),
);

export const useLocale = (): Locale => useLocaleStore((s) => s.locale);

export function useT(): TFunction {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

type Bilingual = { zh: string; en: string };
const pick = (label: Bilingual, locale: Locale): string => (locale === 'zh-CN' ? label.zh : label.en);

/**
 * Labels defined once in core (field names, list types, contact codes). A code the table does not know —
 * e.g. one from a newer outcome file — is shown as itself rather than hidden.
 */
export interface Labels {
  field(key: string): string;
  listType(type: ListType): string;
  disposition(code: string): string;
  channel(code: string): string;
  reason(code: string): string;
  competitor(code: string): string;
  feedbackCategory(code: string): string;
  importance(code: string): string;
}

const lookup = <T extends Bilingual>(table: Record<string, T>, code: string, locale: Locale): string =>
  Object.prototype.hasOwnProperty.call(table, code) ? pick(table[code] as T, locale) : code;

export function labelsFor(locale: Locale): Labels {
  return {
    field: (key) => {
      const def = fieldByKey.get(key);
      return def ? pick(def, locale) : key;
    },
    listType: (type) => pick(listTypeLabels[type], locale),
    disposition: (code) => lookup(dispositionLabels, code, locale),
    channel: (code) => lookup(channelLabels, code, locale),
    // Churn outcomes may record the competitor instead of a reason code.
    reason: (code) =>
      Object.prototype.hasOwnProperty.call(reasonLabels, code)
        ? lookup(reasonLabels, code, locale)
        : lookup(competitorLabels, code, locale),
    competitor: (code) => lookup(competitorLabels, code, locale),
    feedbackCategory: (code) => lookup(feedbackCategoryLabels, code, locale),
    importance: (code) => lookup(importanceLabels, code, locale),
  };
}

export function useLabels(): Labels {
  const locale = useLocale();
  return useMemo(() => labelsFor(locale), [locale]);
}
