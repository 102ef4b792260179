/**
 * What a saved configuration version changed, with the values on both sides: the versions panel and the save dialog
 * say "高危：分数高于 20 → 18", not only which setting moved (docs/product.md §4.1). The risk rules and the contact
 * policy each decide which settings differ (`changedRiskKeys`, `changedContactPolicyKeys`: dotted paths); this reads
 * the values at those paths.
 */
export interface SettingChange {
  /** The setting as a dotted path into the configuration ("levels.mediumMax"). */
  path: string;
  /** Its value before and after; undefined where one side lacks the setting (saved by an older or newer app). */
  before: unknown;
  after: unknown;
}

const valueAt = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined), obj);

/** The settings `changedKeys` finds between two configurations, each with its value before and after. */
export function settingChanges<T>(before: T, after: T, changedKeys: (a: T, b: T) => string[]): SettingChange[] {
  return changedKeys(before, after).map((path) => ({ path, before: valueAt(before, path), after: valueAt(after, path) }));
}

/** Changes in the order a page shows their settings (`order`: the settings' paths as the page lays them out). */
export function inSettingOrder(changes: readonly SettingChange[], order: readonly string[]): SettingChange[] {
  const at = new Map(order.map((path, i) => [path, i]));
  const rank = (path: string) => at.get(path) ?? Number.MAX_SAFE_INTEGER;
  return [...changes].sort((a, b) => rank(a.path) - rank(b.path));
}

/** The fields (top-level keys of `after`) whose values differ between what was saved before and now: an offer, a plan. */
export const changedFields = <T extends object>(before: T, after: T): string[] =>
  (Object.keys(after) as (keyof T & string)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
