import { useMemo } from 'react';
import type { OperationOutput, TariffView } from '../../../../core/api';
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

/** A plan a success may move the customer to: its code and name, and what it saves a month on today's usage (the preview's). */
export type PlanChoice = { code: string; name: string; saving: number | null };

/** The tariff preview's plans as a success's choices, in its order (none without a preview: a walk-in not in the cache). */
export const planChoices = (tariff: TariffView | null | undefined): PlanChoice[] => (tariff?.options ?? []).map((o) => ({ code: o.code, name: o.name, saving: o.saving }));

/**
 * The active plans of the tariff catalogue, for a success's "所换套餐" list beside the preview's own: read once and kept
 * until the catalogue changes (`data-changed: plans`). Null until read; `enabled` false reads nothing yet.
 */
export function usePlanOptions(enabled = true): PlanChoice[] | null {
  const { data } = useApiQuery('plan-list', {}, { enabled });
  return useMemo(() => (data ? data.filter((p) => p.active).map((p) => ({ code: p.code, name: p.name, saving: null })) : null), [data]);
}

/**
 * A plan code as its name, retired plans included (the code itself until the catalogue is read, or if the plan is gone
 * from it). `enabled`: whether a plan is shown at all — a card whose history has no plan change reads nothing (a save
 * costs two calls).
 */
export function usePlanName(enabled = true): (code: string) => string {
  // Every plan, retired ones too: a plan taken last month and since retired is still the plan the customer moved to.
  const { data } = useApiQuery('plan-list', {}, { enabled });
  const byCode = useMemo(() => new Map((data ?? []).map((p) => [p.code, p.name])), [data]);
  return (code) => byCode.get(code) ?? code;
}
