import { describe, expect, it } from 'vitest';
import { compiled, defaultRiskConfig, defaultStickyServices, riskConfigSchema, stickyServiceCodes, type RiskConfig } from '../../../core/risk/config';
import { scoreOnly, scoreSubscriber, reasonCodesOf, type SubscriberRecord } from '../../../core/risk/score';
import { segmentSubscriber } from '../../../core/risk/tags';
import { reasonText } from '../../../core/risk/messages';
import { matchOffers } from '../../../core/offers/match';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { dayOf } from '../../../core/risk/values';
import { aliasCollisions, matchHeaders } from '../../../core/worklist/headers';
import { riskSettingLabel } from '../../../core/i18n/risk-setting-labels';

const today = '2026-11-20';
const cfg = defaultRiskConfig;

/** Every field known, no signal firing, no sticky service: score 0. */
const quiet: SubscriberRecord = {
  arpu_avg3: 100, arpu_cur: 100, mou_avg3: 300, mou_cur: 300, data_mb_avg3: 5000, data_mb_cur: 5000,
  dual_sim: '无', competitor_contacts: 0, competitor_cs_calls_week: 0, forward_offnet: 0,
  offnet_ratio_prev: 0.3, offnet_ratio_cur: 0.3, status: '正常', suspended_days: 0,
  contract_type: '存费送费', contract_end: '2027-11-20', complaints_90d: 0, handset_months: 12, arrears: 0,
  tenure_months: 24, family_numbers: 0, vnet: 0, broadband: 0,
  shred_list: 0, address_book: 0, message_manager: 0, m_group: 0, group_apps: 0, mobile_mail: 0,
};
const run = (patch: SubscriberRecord, c: RiskConfig = cfg) => scoreSubscriber({ ...quiet, ...patch }, c, { today });

/** A version as saved before issue 16: sticky as { pointsEach, minPoints }, dualSim without ownValues. */
function storedBeforeIssue16(pointsEach: number): unknown {
  const old = JSON.parse(JSON.stringify(defaultRiskConfig)) as Record<string, Record<string, unknown>>;
  old.sticky = { pointsEach, minPoints: -6 };
  delete old.dualSim!.ownValues;
  return old;
}

describe('risk configuration: versions saved before the sticky services and own dual-SIM values', () => {
  it('an old version without the new settings parses to the defaults', () => {
    const parsed = riskConfigSchema.parse(storedBeforeIssue16(-2));
    expect(parsed).toEqual(defaultRiskConfig);
    expect(parsed.dualSim.ownValues).toContain('移动+移动');
    expect(Object.keys(parsed.sticky.services)).toEqual([...stickyServiceCodes]);
  });

  it('an old version’s own “points each” stays on the three services it counted then', () => {
    const parsed = riskConfigSchema.parse(storedBeforeIssue16(-3));
    expect(parsed.sticky.services.family_numbers.points).toBe(-3);
    expect(parsed.sticky.services.vnet.points).toBe(-3);
    expect(parsed.sticky.services.broadband.points).toBe(-3);
    expect(parsed.sticky.services.shred_list.points).toBe(-2);
    expect(run({ vnet: 1 }, parsed).score).toBe(-3);
  });

  it('every new setting has a name for the rules page and the audit log', () => {
    expect(riskSettingLabel('zh-CN', 'sticky.services.gprs.min')).toBe('粘性业务 · GPRS 月流量：达到即算开通');
    expect(riskSettingLabel('en', 'sticky.services.m_group.points')).toBe('Sticky services · M-group: points');
    expect(riskSettingLabel('zh-CN', 'dualSim.ownValues')).toBe('竞争对手双卡 · “两张都是移动卡”的取值（不计分）');
    for (const code of stickyServiceCodes) for (const part of ['points', 'field', 'min']) expect(riskSettingLabel('en', `sticky.services.${code}.${part}`)).not.toContain('sticky.');
  });

  it('a sticky service reading a field that does not exist, or a text field, is refused', () => {
    const bad = (field: string) => riskConfigSchema.safeParse({ ...cfg, sticky: { ...cfg.sticky, services: { ...cfg.sticky.services, m_group: { points: -2, field, min: 1 } } } });
    expect(bad('nonsense').success).toBe(false);
    expect(bad('plan_name').success).toBe(false);
    expect(bad('vnet').success).toBe(true);
  });
});

describe('sticky services', () => {
  it('each of the programme’s services lowers the score by its points, with its reason', () => {
    const cases: [SubscriberRecord, string][] = [
      [{ shred_list: 1 }, 'sticky-shred-list'],
      [{ address_book: '是' }, 'sticky-address-book'],
      [{ message_manager: 1 }, 'sticky-message-manager'],
      [{ m_group: 1 }, 'sticky-m-group'],
      [{ family_numbers: 2 }, 'sticky-family-numbers'],
      [{ group_apps: 1 }, 'sticky-group-apps'],
      [{ mobile_mail: 1 }, 'sticky-mobile-mail'],
      [{ vnet: 1 }, 'sticky-vnet'],
      [{ broadband: 1 }, 'sticky-broadband'],
    ];
    for (const [patch, code] of cases) {
      const r = run(patch);
      expect(r.score, code).toBe(-2);
      expect(r.reasons.map((x) => x.code), code).toEqual([code]);
      expect(r.unjudged).toEqual([]);
      const o = scoreOnly({ ...quiet, ...patch }, compiled(cfg), dayOf(today));
      expect(reasonCodesOf(o.reasons)).toEqual([code]);
    }
    expect(reasonText('zh-CN', run({ m_group: 1 }).reasons[0]!)).toBe('已加入 M 群');
  });

  it('GPRS counts from its configured MB a month once given points', () => {
    expect(run({ data_mb_cur: 5000 }).score).toBe(0); // shipped at 0 points (docs/product.md §4.1)
    const gprs: RiskConfig = { ...cfg, sticky: { ...cfg.sticky, services: { ...cfg.sticky.services, gprs: { points: -1, field: 'data_mb_cur', min: 10 } } } };
    expect(run({ data_mb_cur: 9, data_mb_avg3: 9 }, gprs).score).toBe(0);
    const r = run({ data_mb_cur: 10, data_mb_avg3: 10 }, gprs);
    expect(r.score).toBe(-1);
    expect(r.reasons).toEqual([{ code: 'sticky-gprs', points: -1, params: { mb: 10, min: 10 } }]);
    expect(reasonText('zh-CN', r.reasons[0]!)).toBe('当月 GPRS 流量 10 MB（≥ 10 MB）');
  });

  it('points, source field and the cap are the configuration’s; a zeroed service is not counted', () => {
    const c: RiskConfig = {
      ...cfg,
      sticky: { minPoints: -4, services: { ...defaultStickyServices(), vnet: { points: 0, field: 'vnet', min: 1 }, m_group: { points: -3, field: 'group_apps', min: 1 } } },
    };
    expect(run({ vnet: 1 }, c).score).toBe(0);
    expect(run({ group_apps: 1 }, c).reasons.map((x) => [x.code, x.points])).toEqual([['sticky-group-apps', -1], ['sticky-m-group', -3]]);
    expect(run({ shred_list: 1, address_book: 1, message_manager: 1 }, c).score).toBe(-4);
  });

  it('a service the file lacks counts as absent; with none known the group is unjudged', () => {
    const { shred_list: _a, address_book: _b, message_manager: _c, m_group: _d, group_apps: _e, mobile_mail: _f, ...threeOnly } = quiet;
    expect(scoreSubscriber(threeOnly, cfg, { today }).unjudged).toEqual([]);
    expect(scoreSubscriber({ ...threeOnly, family_numbers: null, vnet: null, broadband: null }, cfg, { today }).unjudged).toEqual(['sticky-services']);
  });

  it('no_stickiness needs none of the services, and sees the new ones', () => {
    const tags = (patch: SubscriberRecord) => segmentSubscriber({ ...quiet, contract_type: '无合约', ...patch }, cfg, { today }).tags.map((t) => t.code);
    expect(tags({})).toContain('no_stickiness');
    expect(tags({ mobile_mail: 1 })).not.toContain('no_stickiness');
  });

  it('the work list’s headers for the services are recognised', () => {
    const m = matchHeaders(['手机号码', '粉碎清单', '是否开通号簿管家', '信息管家', 'M群', '集团内部应用', '手机邮箱']);
    expect(aliasCollisions()).toEqual([]);
    expect(m.map((c) => (c.target.kind === 'field' ? c.target.field : null))).toEqual(['msisdn', 'shred_list', 'address_book', 'message_manager', 'm_group', 'group_apps', 'mobile_mail']);
  });
});

describe('dual SIM: 移动+移动 is two lines of ours', () => {
  it('does not score, is not tagged dual_sim, and says so', () => {
    const r = run({ dual_sim: '移动+移动' });
    expect(r.score).toBe(0);
    expect(r.reasons).toEqual([]);
    const seg = segmentSubscriber({ ...quiet, dual_sim: '移动+移动' }, cfg, { today });
    expect(seg.tags.map((t) => t.code)).toEqual(['own_dual_sim']);
    expect(run({ dual_sim: '移动+联通' }).score).toBe(6);
  });

  it('which values mean "ours" is configurable', () => {
    const c: RiskConfig = { ...cfg, dualSim: { ...cfg.dualSim, ownValues: ['移动+移动', '移动+铁通'] } };
    expect(run({ dual_sim: '移动+铁通' }, c).score).toBe(0);
    expect(run({ dual_sim: '移动+铁通' }).score).toBe(6);
    const none: RiskConfig = { ...cfg, dualSim: { ...cfg.dualSim, ownValues: [] } };
    expect(run({ dual_sim: '移动+移动' }, none).score).toBe(6);
  });

  it('is not offered the competitor dual-SIM offer, even from a 双卡 list', () => {
    const seg = segmentSubscriber({ ...quiet, dual_sim: '移动+移动' }, cfg, { today });
    const r = matchOffers(
      {
        subscriber: { ...quiet, dual_sim: '移动+移动' },
        tags: seg.tags.map((t) => t.code),
        listTypes: ['dual_sim'],
        history: [],
        budgetUsed: {},
        channel: 'phone',
        today,
        now: '2026-11-20T03:00:00.000Z',
      },
      defaultOffers,
    );
    expect(r.candidates.map((o) => o.code)).not.toContain('LUCKY_NUMBER');
    expect(r.excluded.find((e) => e.code === 'LUCKY_NUMBER')?.stage).toBe('applicability');
    // …while a competitor's dual SIM on the same list is offered it.
    const seg2 = segmentSubscriber({ ...quiet, dual_sim: '移动+联通' }, cfg, { today });
    const r2 = matchOffers({ subscriber: { ...quiet, dual_sim: '移动+联通' }, tags: seg2.tags.map((t) => t.code), listTypes: ['dual_sim'], history: [], budgetUsed: {}, channel: 'phone', today, now: '2026-11-20T03:00:00.000Z' }, defaultOffers);
    expect(r2.candidates.map((o) => o.code)).toContain('LUCKY_NUMBER');
  });
});
