import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../api/ApiContext';
import { useOfferWords } from './offerWords';

export type OfferOption = { code: string; name: string; nameEn: string | null };

let allOffers: Promise<OfferOption[]> | null = null;

/**
 * The active offers of the catalogue, read once and kept until the catalogue changes (a supervisor's edit or
 * import says so with `data-changed: offers`); a failed read is tried again next time.
 */
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
  const w = useOfferWords();
  const [offers, setOffers] = useState<Map<string, OfferOption> | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(
    () =>
      api.on('data-changed', ({ what }) => {
        if (!what.includes('offers')) return;
        allOffers = null;
        setVersion((v) => v + 1);
      }),
    [api],
  );
  useEffect(() => {
    let live = true;
    loadOffers(api).then(
      (list) => live && setOffers(new Map(list.map((o) => [o.code, o]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, version]);
  return (code) => {
    const o = offers?.get(code);
    return o ? w.offerName(o) : code;
  };
}
