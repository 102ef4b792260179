import { useMemo } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { defaultLocale, locales, translator, type Locale, type TFunction } from './catalogue';
import { labelsFor, type Labels } from './labels';

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

export function useLabels(): Labels {
  const locale = useLocale();
  return useMemo(() => labelsFor(locale), [locale]);
}
