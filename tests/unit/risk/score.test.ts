import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileRiskConfig, defaultRiskConfig, levelBoundBands, riskConfigSchema, type RiskConfig } from '../../../core/risk/config';
import {
  levelOfScore,
  reasonCodesOf,
  riskLevels,
  scoreOnly,
  scoreSubscriber,
  unjudgedGroups,
  unjudgedGroupsOf,
  type SubscriberRecord,
} from '../../../core/risk/score';
import { dayOf } from '../../../core/risk/values';

const today = '2026-11-20';
const ctx = { today };
const cfg = defaultRiskConfig;
const c = compileRiskConfig(cfg);

/** A line with every field known and no signal firing: score 0 (tenure 24, no sticky services, contract far off). */
const quiet: SubscriberRecord = {
  msisdn: '13800000000',
  arpu_avg3: 100, arpu_cur: 100, mou_avg3: 300, mou_cur: 300, data_mb_avg3: 5000, data_mb_cur: 5000,
  dual_sim: '无', competitor_contacts: 0, competitor_cs_calls_week: 0, forward_offnet: 0,
  offnet_ratio_prev: 0.3, offnet_ratio_cur: 0.3, status: '正常', suspended_days: 0,
  contract_type: '存费送费', contract_end: '2027-11-20', complaints_90d: 0, handset_months: 12, arrears: 0,
  tenure_months: 24, family_numbers: 0, vnet: 0, broadband: 0,
};

const run = (patch: SubscriberRecord) => scoreSubscriber({ ...quiet, ...patch }, cfg, ctx);

describe('rule score: each signal on plain values', () => {
  it('a quiet line scores 0, stable, with everything judged', () => {
    const r = run({});
    expect(r).toMatchObject({ score: 0, level: 'stable', reasons: [], unjudged: [], configVersion: 1 });
  });

  const table: [string, SubscriberRecord, number, string | null, Record<string, number | string>?][] = [
    ['ARPU down 29%', { arpu_cur: 71 }, 0, null],
    ['ARPU down exactly 30%', { arpu_cur: 70 }, 6, 'arpu-drop', { pct: 30, cur: 70, avg: 100 }],
    ['ARPU down 52%', { arpu_cur: 48 }, 9, 'arpu-drop', { pct: 52, cur: 48, avg: 100 }],
    ['ARPU average from the months', { arpu_avg3: null, arpu_m1: 90, arpu_m2: 100, arpu_m3: 110, arpu_cur: 50 }, 9, 'arpu-drop', { pct: 50, cur: 50, avg: 100 }],
    ['ARPU tiny average is noise', { arpu_avg3: 4, arpu_cur: 1 }, 0, null],
    ['MOU down 35%', { mou_cur: 195 }, 5, 'mou-drop', { pct: 35, cur: 195, avg: 300 }],
    ['MOU down 60%', { mou_cur: 120 }, 7, 'mou-drop'],
    ['data down 49%', { data_mb_cur: 2550 }, 0, null],
    ['data down 50%', { data_mb_cur: 2500 }, 3, 'data-drop', { pct: 50, cur: 2500, avg: 5000 }],
    ['dual SIM', { dual_sim: '移动+联通' }, 6, 'dual-sim', { value: '移动+联通' }],
    ['dual SIM, competitor not named', { dual_sim: '是' }, 6, 'dual-sim'],
    ['one competitor contact', { competitor_contacts: 1 }, 4, 'competitor-contacts', { count: 1 }],
    ['three competitor contacts cap at 8', { competitor_contacts: 3 }, 8, 'competitor-contacts', { count: 3 }],
    ['forwarding off-net', { forward_offnet: 1 }, 8, 'forward-offnet'],
    ['off-net share up 19 points', { offnet_ratio_cur: 0.49 }, 0, null],
    ['off-net share up 20 points', { offnet_ratio_cur: 0.5 }, 3, 'offnet-share-up', { rise: 20, prev: 30, cur: 50 }],
    ['suspended 3 days', { status: '停机', suspended_days: 3 }, 0, null],
    ['suspended 4 days', { status: '欠费停机', suspended_days: 4 }, 3, 'suspended', { days: 4 }],
    ['pre-cancel', { status: '预销号', suspended_days: 40 }, 5, 'status-terminal', { status: '预销号', days: 40 }],
    ['frozen, days unknown', { status: '冷冻期', suspended_days: null }, 5, 'status-terminal', { status: '冷冻期' }],
    ['contract ends in 30 days', { contract_end: '2026-12-20' }, 4, 'contract-ending', { days: 30, date: '2026-12-20' }],
    ['contract ends in 31 days', { contract_end: '2026-12-21' }, 2, 'contract-ending', { days: 31 }],
    ['contract ends in 60 days', { contract_end: '2027-01-19' }, 2, 'contract-ending', { days: 60 }],
    ['contract ends in 61 days', { contract_end: '2027-01-20' }, 0, null],
    ['no contract', { contract_type: '无合约', contract_end: null }, 2, 'contract-none'],
    ['contract ended', { contract_end: '2026-11-10' }, 2, 'contract-ended', { date: '2026-11-10', days: 10 }],
    ['one complaint', { complaints_90d: 1 }, 2, 'complaints', { count: 1 }],
    ['five complaints cap at 6', { complaints_90d: 5 }, 6, 'complaints'],
    ['handset 23 months', { handset_months: 23 }, 0, null],
    ['handset 24 months', { handset_months: 24 }, 2, 'handset-old', { months: 24 }],
    ['arrears', { arrears: 35.5 }, 2, 'arrears', { amount: 35.5 }],
    ['tenure 5 months', { tenure_months: 5 }, 2, 'tenure-new', { months: 5 }],
    ['tenure 6 months', { tenure_months: 6 }, 0, null],
    ['tenure 60 months', { tenure_months: 60 }, -2, 'tenure-long', { months: 60 }],
    ['tenure from join date', { tenure_months: null, join_date: '2026-07-21' }, 2, 'tenure-new', { months: 3 }],
    ['family numbers', { family_numbers: 2 }, -2, 'sticky-family-numbers', { count: 2 }],
    ['V-net', { vnet: 1 }, -2, 'sticky-vnet'],
    ['broadband', { broadband: 1 }, -2, 'sticky-broadband'],
    ['all three sticky', { family_numbers: 1, vnet: 1, broadband: 1 }, -6, 'sticky-broadband'],
  ];
  it.each(table)('%s', (_name, patch, points, code, params) => {
    const r = run(patch);
    expect(r.score).toBe(points);
    if (code === null) expect(r.reasons).toEqual([]);
    else {
      const reason = r.reasons.find((x) => x.code === code);
      expect(reason).toBeDefined();
      if (params) expect(reason!.params).toMatchObject(params);
    }
    expect(r.unjudged).toEqual([]);
    // The bulk variant agrees.
    const o = scoreOnly({ ...quiet, ...patch }, c, dayOf(today));
    expect(o.score).toBe(r.score);
    expect(o.level).toBe(r.level);
    expect(reasonCodesOf(o.reasons).sort()).toEqual(r.reasons.map((x) => x.code).sort());
  });

  it('the sticky cap shows what each service actually contributed', () => {
    const tight: RiskConfig = { ...cfg, version: 2, sticky: { ...cfg.sticky, minPoints: -3 } };
    const r = scoreSubscriber({ ...quiet, family_numbers: 1, vnet: 1, broadband: 1 }, tight, ctx);
    expect(r.score).toBe(-3);
    expect(r.reasons.map((x) => [x.code, x.points])).toEqual([['sticky-vnet', -1], ['sticky-family-numbers', -2]]);
    expect(r.configVersion).toBe(2);
  });

  it('suspension takes the larger of days and status, once', () => {
    const r = run({ status: '保留期', suspended_days: 50 });
    expect(r.score).toBe(5);
    expect(r.reasons.map((x) => x.code)).toEqual(['status-terminal']);
  });
});

describe('levels', () => {
  it.each([
    [8, 'stable'], [9, 'low'], [13, 'low'], [14, 'medium'], [20, 'medium'], [21, 'high'], [-6, 'stable'],
  ] as const)('score %i is %s', (score, level) => {
    expect(levelOfScore(score, cfg)).toBe(level);
  });

  it('two calls to a competitor’s customer service make the line high on their own, and say so', () => {
    const one = run({ competitor_cs_calls_week: 1 });
    expect(one.level).toBe('stable');
    const two = run({ competitor_cs_calls_week: 2 });
    expect(two.score).toBe(0);
    expect(two.level).toBe('high');
    expect(two.levelBy).toBe('competitor-cs-calls');
    expect(two.reasons[0]).toEqual({ code: 'competitor-cs-calls', points: 0, params: { calls: 2, min: 2 } });
  });

  it('a full example: reasons ordered by weight', () => {
    const r = run({ arpu_cur: 48, dual_sim: '移动+电信', forward_offnet: 1, competitor_contacts: 1, tenure_months: 80 });
    expect(r.score).toBe(9 + 6 + 8 + 4 - 2);
    expect(r.level).toBe('high');
    expect(r.levelBy).toBe('score');
    expect(r.reasons.map((x) => x.code)).toEqual(['arpu-drop', 'forward-offnet', 'dual-sim', 'competitor-contacts', 'tenure-long']);
  });

  it('bounds come from the configuration', () => {
    const strict: RiskConfig = { ...cfg, levels: { ...cfg.levels, stableMax: 1 } };
    expect(scoreSubscriber({ ...quiet, complaints_90d: 1 }, strict, ctx).level).toBe('low');
    expect(scoreSubscriber({ ...quiet, complaints_90d: 1 }, cfg, ctx).level).toBe('stable');
  });
});

describe('configuration', () => {
  it('the defaults pass the schema; disordered bounds do not', () => {
    expect(riskConfigSchema.parse(defaultRiskConfig)).toEqual(defaultRiskConfig);
    expect(riskConfigSchema.safeParse({ ...cfg, levels: { ...cfg.levels, lowMax: 30 } }).success).toBe(false);
    expect(riskConfigSchema.safeParse({ ...cfg, arpuDrop: { ...cfg.arpuDrop, highPct: 20 } }).success).toBe(false);
  });
  it('every point is read from it', () => {
    const doubled: RiskConfig = { ...cfg, forwardOffnet: { points: 16 } };
    expect(scoreSubscriber({ ...quiet, forward_offnet: 1 }, doubled, ctx).score).toBe(16);
  });
});

describe('graceful degradation', () => {
  it('an empty record is stable with every group unjudged', () => {
    const r = scoreSubscriber({}, cfg, ctx);
    expect(r.score).toBe(0);
    expect(r.level).toBe('stable');
    expect(r.reasons).toEqual([]);
    expect([...r.unjudged].sort()).toEqual([...unjudgedGroups].sort());
    expect(unjudgedGroupsOf(scoreOnly({}, c, dayOf(today)).unjudged).sort()).toEqual([...unjudgedGroups].sort());
  });

  it('missing usage history is said, the rest still counts', () => {
    const r = run({ mou_cur: null, mou_avg3: null, forward_offnet: 1 });
    expect(r.unjudged).toEqual(['usage-history']);
    expect(r.score).toBe(8);
  });

  it('a contract with no end date is unjudged; text numbers and 是/否 are read', () => {
    expect(run({ contract_end: null }).unjudged).toEqual(['contract']);
    expect(run({ forward_offnet: '是', arpu_cur: '48' }).score).toBe(17);
    // A sticky service the file lacks counts as absent; only with none of them known is the group unjudged.
    expect(run({ vnet: null }).unjudged).toEqual([]);
    expect(run({ vnet: null, family_numbers: null, broadband: null }).unjudged).toEqual(['sticky-services']);
  });
});

/* ---------------------------------------------------------------------------------------------------------- */
/* Properties                                                                                                   */

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null, freq: 5 });
const day = fc.integer({ min: -400, max: 800 }).map((d) => {
  const t = new Date(Date.UTC(2026, 10, 20) + d * 86_400_000);
  return t.toISOString().slice(0, 10);
});
const record: fc.Arbitrary<SubscriberRecord> = fc.record({
  arpu_avg3: maybe(fc.integer({ min: 0, max: 600 })),
  arpu_cur: maybe(fc.integer({ min: 0, max: 900 })),
  mou_avg3: maybe(fc.integer({ min: 0, max: 2000 })),
  mou_cur: maybe(fc.integer({ min: 0, max: 2000 })),
  data_mb_avg3: maybe(fc.integer({ min: 0, max: 60000 })),
  data_mb_cur: maybe(fc.integer({ min: 0, max: 60000 })),
  dual_sim: maybe(fc.constantFrom('无', '移动+联通', '移动+电信', '是')),
  competitor_contacts: maybe(fc.integer({ min: 0, max: 5 })),
  competitor_cs_calls_week: maybe(fc.integer({ min: 0, max: 4 })),
  forward_offnet: maybe(fc.constantFrom(0, 1)),
  offnet_ratio_prev: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
  offnet_ratio_cur: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
  status: maybe(fc.constantFrom('正常', '停机', '欠费停机', '预销号', '保留期', '冷冻期')),
  suspended_days: maybe(fc.integer({ min: 0, max: 90 })),
  contract_type: maybe(fc.constantFrom('无合约', '存费送费', '购机合约')),
  contract_end: maybe(day),
  complaints_90d: maybe(fc.integer({ min: 0, max: 6 })),
  handset_months: maybe(fc.integer({ min: 0, max: 96 })),
  arrears: maybe(fc.constantFrom(0, 12.5, 80)),
  tenure_months: maybe(fc.integer({ min: 0, max: 300 })),
  family_numbers: maybe(fc.integer({ min: 0, max: 4 })),
  vnet: maybe(fc.constantFrom(0, 1)),
  broadband: maybe(fc.constantFrom(0, 1)),
});

/** Ways to add a risk signal to a line (or strengthen one it has). */
const addSignal: fc.Arbitrary<(s: SubscriberRecord) => SubscriberRecord> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (s: SubscriberRecord) => ({ ...s, arpu_cur: typeof s.arpu_cur === 'number' ? s.arpu_cur * f : s.arpu_cur })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (s: SubscriberRecord) => ({ ...s, mou_cur: typeof s.mou_cur === 'number' ? s.mou_cur * f : s.mou_cur })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (s: SubscriberRecord) => ({ ...s, data_mb_cur: typeof s.data_mb_cur === 'number' ? s.data_mb_cur * f : s.data_mb_cur })),
  fc.constant((s: SubscriberRecord) => ({ ...s, dual_sim: '移动+电信' })),
  fc.constant((s: SubscriberRecord) => ({ ...s, competitor_contacts: (typeof s.competitor_contacts === 'number' ? s.competitor_contacts : 0) + 1 })),
  fc.constant((s: SubscriberRecord) => ({ ...s, competitor_cs_calls_week: (typeof s.competitor_cs_calls_week === 'number' ? s.competitor_cs_calls_week : 0) + 1 })),
  fc.constant((s: SubscriberRecord) => ({ ...s, forward_offnet: 1 })),
  fc.constant((s: SubscriberRecord) => ({ ...s, offnet_ratio_cur: typeof s.offnet_ratio_cur === 'number' ? Math.min(1, s.offnet_ratio_cur + 0.3) : s.offnet_ratio_cur })),
  fc.constant((s: SubscriberRecord) => ({ ...s, suspended_days: (typeof s.suspended_days === 'number' ? s.suspended_days : 0) + 5 })),
  fc.constant((s: SubscriberRecord) => ({ ...s, status: '预销号' })),
  fc.constant((s: SubscriberRecord) => ({ ...s, complaints_90d: (typeof s.complaints_90d === 'number' ? s.complaints_90d : 0) + 1 })),
  fc.constant((s: SubscriberRecord) => ({ ...s, handset_months: (typeof s.handset_months === 'number' ? s.handset_months : 0) + 24 })),
  fc.constant((s: SubscriberRecord) => ({ ...s, arrears: 50 })),
);

describe('properties', () => {
  it('adding any risk signal never lowers the score (nor the level)', () => {
    fc.assert(
      fc.property(record, addSignal, (s, add) => {
        const before = scoreSubscriber(s, cfg, ctx);
        const after = scoreSubscriber(add(s), cfg, ctx);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(riskLevels.indexOf(after.level)).toBeLessThanOrEqual(riskLevels.indexOf(before.level));
      }),
      { numRuns: 2000 },
    );
  });

  it('removing a sticky service never lowers the score', () => {
    fc.assert(
      fc.property(record, fc.constantFrom('family_numbers', 'vnet', 'broadband') as fc.Arbitrary<'family_numbers' | 'vnet' | 'broadband'>, (s, key) => {
        const before = scoreSubscriber(s, cfg, ctx).score;
        expect(scoreSubscriber({ ...s, [key]: 0 }, cfg, ctx).score).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('the level is monotone in the score', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 80, noNaN: true }), fc.double({ min: -50, max: 80, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(riskLevels.indexOf(levelOfScore(hi, cfg))).toBeLessThanOrEqual(riskLevels.indexOf(levelOfScore(lo, cfg)));
      }),
    );
  });

  it('the bulk and card variants always agree', () => {
    const t = dayOf(today);
    fc.assert(
      fc.property(record, (s) => {
        const full = scoreSubscriber(s, cfg, ctx);
        const bulk = scoreOnly(s, c, t);
        expect(bulk.score).toBe(full.score);
        expect(bulk.level).toBe(full.level);
        expect(unjudgedGroupsOf(bulk.unjudged)).toEqual([...full.unjudged]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('levelBoundBands: where moved level bounds give another level', () => {
  const withLevels = (levels: Partial<RiskConfig['levels']>): RiskConfig => ({ ...defaultRiskConfig, levels: { ...defaultRiskConfig.levels, ...levels } });

  it('every score outside the bands keeps its level, and every score inside one changes it', () => {
    const moves: Partial<RiskConfig['levels']>[] = [{ mediumMax: 16 }, { mediumMax: 25 }, { stableMax: 10, lowMax: 11 }, { stableMax: 0, lowMax: 30, mediumMax: 40 }, { stableMax: 8.5 }];
    for (const move of moves) {
      const after = withLevels(move);
      const bands = levelBoundBands(defaultRiskConfig, after)!;
      expect(bands.length).toBe(Object.keys(move).length);
      for (let score = -20; score <= 60; score += 0.5) {
        const inBand = bands.some((b) => score > b.above && score <= b.atMost);
        const moved = levelOfScore(score, defaultRiskConfig) !== levelOfScore(score, after);
        // A band may hold scores whose level comes back (two bounds moved past each other): never the other way.
        if (moved) expect(inBand, `score ${score} under ${JSON.stringify(move)}`).toBe(true);
        if (Object.keys(move).length === 1) expect(inBand).toBe(moved);
      }
    }
  });

  it('says nothing can be known when anything but a score bound differs, and no band when nothing does', () => {
    expect(levelBoundBands(defaultRiskConfig, withLevels({ highCompetitorCsCalls: 3 }))).toBeNull();
    expect(levelBoundBands(defaultRiskConfig, { ...withLevels({ mediumMax: 16 }), arrears: { points: 3 } })).toBeNull();
    expect(levelBoundBands(defaultRiskConfig, { ...defaultRiskConfig, version: 7 })).toEqual([]);
  });
});
