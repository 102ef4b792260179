import { describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../core/api/ops/campaigns';
import { campaignDefinition } from '../../../core/campaigns/campaign';
import { checkCampaignForm, emptyForm, formOf, launchForm } from '../../../renderer/src/pages/campaigns/campaignForm';

const high = { all: [{ field: 'risk_level', op: 'in', value: ['high'] }] };
const agents = ['A001', 'A002', 'A003'];

describe('the campaign form (issue 17 #2)', () => {
  it('"发起挽留" prefills a one-off: the segment and the day as its name, 其他, due in 7 days, unassigned, off — a definition the contract accepts', () => {
    const f = launchForm({ id: 4, name: '高危客户', condition: high }, '2026-12-05');
    const c = checkCampaignForm(f, agents);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    expect(c.definition).toEqual({
      name: '高危客户 2026-12-05',
      segmentId: 4,
      condition: high,
      listType: 'other',
      offerFamily: null,
      dueDays: 7,
      assignment: { kind: 'none' },
      schedule: 'once',
      enabled: false,
    });
    expect(campaignDefinition.safeParse(c.definition).success).toBe(true);
  });

  it('"发起挽留" from a segment of one list type makes a list of that type, not 其他 (携号转网 customers issued as 其他; found by a new supervisor)', () => {
    const porting = { all: [{ field: 'risk_level', op: 'in', value: ['high'] }, { list: 'number_porting' }] };
    expect(launchForm({ id: 5, name: '携号转网高危', condition: porting }, '2026-12-05').listType).toBe('number_porting');
    // Two list types, or an alternative: no one type to choose.
    const two = { all: [{ list: 'number_porting' }, { list: 'dual_sim' }] };
    expect(launchForm({ id: 6, name: '两类', condition: two }, '2026-12-05').listType).toBe('other');
    const either = { all: [{ any: [{ list: 'number_porting' }, { list: 'dual_sim' }] }] };
    expect(launchForm({ id: 7, name: '任一', condition: either }, '2026-12-05').listType).toBe('other');
  });

  it('a long segment name is cut so that the name with its day stays within 60 characters', () => {
    const f = launchForm({ id: 1, name: '客'.repeat(60), condition: high }, '2026-12-05');
    expect(f.name).toHaveLength(60);
    expect(f.name.endsWith(' 2026-12-05')).toBe(true);
    expect(checkCampaignForm(f, agents).ok).toBe(true);
  });

  it('says what is wrong field by field: no name, no segment, due days out of range, nobody ticked or chosen', () => {
    const c = checkCampaignForm({ ...emptyForm(), dueDays: '91', assignMode: 'evenly', chosen: [] }, agents);
    expect(c).toEqual({
      ok: false,
      problems: { name: 'campaign.invalid.nameEmpty', segment: 'campaign.invalid.segment', dueDays: 'campaign.invalid.dueDays', assignment: 'campaign.invalid.agents' },
    });
    const to = checkCampaignForm({ ...emptyForm(), name: 'x', condition: high, dueDays: '0', assignMode: 'to', single: '' }, agents);
    expect(to).toEqual({ ok: false, problems: { dueDays: 'campaign.invalid.dueDays', assignment: 'campaign.invalid.agent' } });
    expect(checkCampaignForm({ ...emptyForm(), name: 'x', condition: high, dueDays: '7.5' }, agents).ok).toBe(false);
  });

  it('reads full-width digits, and "evenly" with nobody unticked means every agent', () => {
    const c = checkCampaignForm({ ...emptyForm(), name: ' 合约关怀 ', condition: high, dueDays: '１４', assignMode: 'evenly', chosen: null }, agents);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    expect(c.definition).toMatchObject({ name: '合约关怀', dueDays: 14, assignment: { kind: 'evenly', agentIds: agents } });
  });

  it('editing keeps the stored condition and every setting when nothing is changed', () => {
    const stored: CampaignView = {
      id: 9,
      name: '换机用户',
      builtin: 'anti-poaching.handset',
      source: 'campaign.source.handset',
      segmentId: null,
      condition: { all: [{ column: '换机', op: '=', value: '是' }] },
      listType: 'handset_change',
      offerFamily: 'handset',
      dueDays: 10,
      assignment: { kind: 'by-column', column: 'hall' },
      schedule: 'after-import',
      enabled: true,
      createdAt: '2026-12-01T00:00:00Z',
      createdBy: null,
      updatedAt: '2026-12-01T00:00:00Z',
      lastRun: null,
      results: { lists: 0, issued: 0, open: 0 },
    };
    const c = checkCampaignForm(formOf(stored), agents);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const { id: _id, builtin: _b, source: _s, createdAt: _c, createdBy: _cb, updatedAt: _u, lastRun: _l, results: _r, ...definition } = stored;
    expect(c.definition).toEqual(definition);
  });
});
