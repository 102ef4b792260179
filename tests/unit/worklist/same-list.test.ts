import { describe, expect, it } from 'vitest';
import { listsLike } from '../../../core/worklist/same-list';

describe('a list already imported (issue 15 #11)', () => {
  const existing = [
    { id: 1, name: '11月高危维系清单', period: '2026-11' },
    { id: 2, name: '11月高危维系清单', period: '2026-12' },
    { id: 3, name: 'Contract renewals', period: null },
    { id: 4, name: '１１月高危维系清单 ', period: '2026-11' },
  ];
  const like = (name: string, period: string | null) => listsLike(existing, { name, period }).map((m) => `${m.list.id}:${m.kind}`);

  it('the same name and period is the list the import updates; one typed differently is a look-alike', () => {
    expect(like('11月高危维系清单', '2026-11')).toEqual(['1:same', '4:look-alike']);
    expect(like('contract  renewals', '')).toEqual(['3:look-alike']);
    // a missing period and an empty one are the same, as the database compares them
    expect(like('Contract renewals', '')).toEqual(['3:same']);
  });
  it('another period, another name or no name is not the same list', () => {
    expect(like('11月高危维系清单', '2027-01')).toEqual([]);
    expect(like('Contract renewals', '2026W47')).toEqual([]);
    expect(like('  ', null)).toEqual([]);
  });
  it('the same name without a period, where the lists of that name have one, is warned about: it would make another list of that name', () => {
    // A file whose lists carry no period (名称里写着 2026年11月): each import made a second 11月高危维系清单 silently.
    expect(like('11月高危维系清单', null)).toEqual(['1:no-period', '2:no-period', '4:no-period']);
    expect(like('11月高危维系清单', '')).toEqual(['1:no-period', '2:no-period', '4:no-period']);
  });
});
