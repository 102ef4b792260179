import { useMemo } from 'react';
import type { OperationOutput } from '../../../../core/api';
import { useApiQuery } from '../../api/query';
import { useOfferWords } from './offerWords';

export type OfferOption = { code: string; name: string; nameEn: string | null };

const activeOffers = (list: OperationOutput<'offer-list'>): OfferOption[] =>
  list.filter((o) => o.active).map((o) => ({ code: o.code, name: o.name_zh, nameEn: o.name_en }));

/**
 * The active offers of the catalogue, read once and kept until the catalogue changes (a supervisor's edit or
 * import says so with `data-changed: offers`, see api/live.ts). Null until read; `enabled` false reads nothing yet.
 */
export function useOfferOptions(enabled = true): OfferOption[] | null {
  const { data } = useApiQuery('offer-list', {}, { enabled });
  return useMemo(() => (data ? activeOffers(data) : null), [data]);
}

/** An offer code as its name in the UI language (the code itself until the catalogue is read, or if unknown). */
export function useOfferName(): (code: string) => string {
  const w = useOfferWords();
  const options = useOfferOptions();
  const byCode = useMemo(() => new Map((options ?? []).map((o) => [o.code, o])), [options]);
  return (code) => {
    const o = byCode.get(code);
    return o ? w.offerName(o) : code;
  };
}
