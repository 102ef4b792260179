import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../api/ApiContext';
import { useLocale } from '../../i18n';

export type OfferOption = { code: string; name: string; nameEn: string | null };

let allOffers: Promise<OfferOption[]> | null = null;

/** The active offers of the catalogue, read once per page load (a failed read is tried again next time). */
export function loadOffers(api: ApiClient): Promise<OfferOption[]> {
  allOffers ??= api
    .call('offer-list', {})
    .then((list) => list.filter((o) => o.active).map((o) => ({ code: o.code, name: o.name_zh, nameEn: o.name_en })))
    .catch((e: unknown) => {
      allOffers = null;
      throw e;
    });
  return allOffers;
}

/** An offer code as its name in the UI language (the code itself until the catalogue is read, or if unknown). */
export function useOfferName(): (code: string) => string {
  const api = useApi();
  const locale = useLocale();
  const [offers, setOffers] = useState<Map<string, OfferOption> | null>(null);
  useEffect(() => {
    let live = true;
    loadOffers(api).then(
      (list) => live && setOffers(new Map(list.map((o) => [o.code, o]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return (code) => {
    const o = offers?.get(code);
    return o ? (locale === 'en' && o.nameEn ? o.nameEn : o.name) : code;
  };
}
