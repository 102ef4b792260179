/**
 * "Is this list already here?" (issue 15 #11), said before an import rather than after.
 *
 * A list is identified by its name and period (docs/product.md §2, "Re-import"): importing a file for a name and
 * period that exist makes it that list's newer version — figures updated, new customers joining — never a second
 * list. db/import.ts `findWorkList` applies exactly this in SQL (name equal, missing period = empty period).
 * The import dialog and the CLI say so before importing, so nobody is surprised that no new list appeared.
 *
 * A name that differs only in width, case or spacing (１１月 vs 11月, a trailing space) is a different list to the
 * database, and almost always the same programme typed differently: that one is warned about too, because it
 * would create the second list that splits counts and reach rates.
 *
 * A list with no period whose name is a list's that has one ('no-period') is warned about too: another period is
 * another list (the next month's 高危维系清单), but a file that carries no period at all — its names saying
 * "2026年11月" — made a second list of every name on each import, found by a supervisor.
 */

export interface ExistingList {
  id: number;
  name: string;
  period: string | null;
}

export type SameListMatch<L> = { list: L; kind: 'same' | 'look-alike' | 'no-period' };

const loose = (s: string | null | undefined): string => (s ?? '').normalize('NFKC').trim().toLowerCase().replace(/\s+/gu, ' ');

/**
 * The existing lists an import for (name, period) would update ('same') or nearly duplicate ('look-alike'),
 * oldest first.
 */
export function listsLike<L extends ExistingList>(existing: readonly L[], wanted: { name: string; period: string | null }): SameListMatch<L>[] {
  if (wanted.name.trim() === '') return [];
  const name = loose(wanted.name);
  const period = loose(wanted.period);
  return existing
    .filter((l) => loose(l.name) === name && (loose(l.period) === period || period === ''))
    .sort((a, b) => a.id - b.id)
    .map((list): SameListMatch<L> => ({
      list,
      kind: loose(list.period) !== period ? 'no-period' : list.name === wanted.name.trim() && (list.period ?? '') === (wanted.period ?? '').trim() ? 'same' : 'look-alike',
    }));
}
