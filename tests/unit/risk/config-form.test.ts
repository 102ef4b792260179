import { describe, expect, it } from 'vitest';
import { changedRiskKeys, defaultRiskConfig, riskConfigSchema } from '../../../core/risk/config';
import { allFields, checkForm, inFormOrder, settingChangeText, toForm, type ChangeWords } from '../../../renderer/src/pages/risk/riskConfigForm';
import { settingChanges } from '../../../core/setting-changes';

/** The risk rules form: every setting is a field, and bad values get their message at the right field. */
describe('risk rules form', () => {
  const cfg = defaultRiskConfig;
  const form = (patch: Record<string, string> = {}) => ({ ...toForm(cfg, 'zh-CN'), ...patch });

  it('shows every setting of the configuration, and reads the defaults back unchanged', () => {
    const leaves: string[] = [];
    const walk = (o: unknown, path: string) => {
      if (typeof o === 'object' && o !== null && !Array.isArray(o)) for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
      else leaves.push(path);
    };
    walk(cfg, '');
    expect(allFields.map((f) => f.path).sort()).toEqual(leaves.filter((p) => p !== 'version').sort());
    for (const locale of ['zh-CN', 'en']) {
      const r = checkForm(toForm(cfg, locale), cfg, cfg);
      expect(r.errors.size).toBe(0);
      expect(r.changed.size).toBe(0);
      expect(r.config).toEqual(cfg);
    }
  });

  it('shares are typed in per cent and stored as fractions; full-width digits are read', () => {
    const f = form();
    expect(f['offnetShare.minRise']).toBe('20');
    expect(f['tags.roamingShare']).toBe('20');
    const r = checkForm(form({ 'offnetShare.minRise': '２５', 'levels.mediumMax': ' 16 ', 'dualSim.noneValues': '无，否、no' }), cfg, cfg);
    expect(r.errors.size).toBe(0);
    expect(r.config!.offnetShare.minRise).toBe(0.25);
    expect(r.config!.levels.mediumMax).toBe(16);
    expect(r.config!.dualSim.noneValues).toEqual(['无', '否', 'no']);
    expect([...r.changed].sort()).toEqual(['dualSim.noneValues', 'levels.mediumMax', 'offnetShare.minRise']);
    expect(changedRiskKeys(cfg, r.config!)).toEqual(['dualSim.noneValues', 'offnetShare.minRise', 'levels.mediumMax']);
  });

  it('says at the field what is wrong: not a number, a negative bound, a bound above the next, a share over 100', () => {
    // Every mistake at once; a rule comparing with a field that is not a number is left until it is one.
    const r = checkForm(form({ 'levels.stableMax': '-1', 'dataDrop.points': '', 'complaints.pointsEach': 'abc', 'levels.lowMax': 'x', 'levels.mediumMax': '5' }), cfg, cfg);
    expect(r.config).toBeNull();
    expect(Object.fromEntries(r.errors)).toEqual({
      'dataDrop.points': { key: 'riskConfig.err.number' },
      'complaints.pointsEach': { key: 'riskConfig.err.number' },
      'levels.lowMax': { key: 'riskConfig.err.number' },
      'levels.stableMax': { key: 'riskConfig.err.min', params: { min: 0 } },
    });
    const bounds = checkForm(form({ 'levels.stableMax': '-1', 'levels.lowMax': '25', 'offnetShare.minRise': '120' }), cfg, cfg);
    expect(bounds.config).toBeNull();
    expect(bounds.errors.get('levels.stableMax')).toEqual({ key: 'riskConfig.err.min', params: { min: 0 } });
    expect(bounds.errors.get('levels.mediumMax')).toEqual({ key: 'riskConfig.err.above', params: { other: 'levels.lowMax' } });
    expect(bounds.errors.get('offnetShare.minRise')).toEqual({ key: 'riskConfig.err.max', params: { max: 100 } });
    expect(checkForm(form({ 'tenure.loyalMonths': '3' }), cfg, cfg).errors.get('tenure.loyalMonths')).toEqual({
      key: 'riskConfig.err.notBelow',
      params: { other: 'tenure.newMonths' },
    });
    expect(checkForm(form({ 'levels.highCompetitorCsCalls': '0' }), cfg, cfg).errors.get('levels.highCompetitorCsCalls')).toEqual({
      key: 'riskConfig.err.gt',
      params: { min: 0 },
    });
  });

  it('edits a sticky service’s points, source field and threshold, and 移动+移动-like values', () => {
    const r = checkForm(
      form({ 'sticky.services.gprs.points': '-1', 'sticky.services.gprs.min': '1024', 'sticky.services.m_group.field': 'group_apps', 'dualSim.ownValues': '移动+移动、移动+铁通' }),
      cfg,
      cfg,
    );
    expect(r.errors.size).toBe(0);
    expect(r.config!.sticky.services.gprs).toEqual({ points: -1, field: 'data_mb_cur', min: 1024 });
    expect(r.config!.sticky.services.m_group.field).toBe('group_apps');
    expect(r.config!.dualSim.ownValues).toEqual(['移动+移动', '移动+铁通']);
    expect(changedRiskKeys(cfg, r.config!).sort()).toEqual(['dualSim.ownValues', 'sticky.services.gprs.min', 'sticky.services.gprs.points', 'sticky.services.m_group.field']);
    const bad = checkForm(form({ 'sticky.services.m_group.field': 'plan_name', 'sticky.services.vnet.min': '-1' }), cfg, cfg);
    expect(bad.config).toBeNull();
    expect(bad.errors.get('sticky.services.m_group.field')).toEqual({ key: 'riskConfig.err.invalid' });
    expect(bad.errors.get('sticky.services.vnet.min')).toEqual({ key: 'riskConfig.err.min', params: { min: 0 } });
  });

  it('keeps the backend schema as the judge: negative level bounds are refused there too', () => {
    expect(riskConfigSchema.safeParse({ ...cfg, levels: { ...cfg.levels, stableMax: -1 } }).success).toBe(false);
  });

  it('says what a version changed as the form shows values: units, grouped digits, field names, words gained and lost', () => {
    const next = structuredClone(cfg);
    next.levels.mediumMax = cfg.levels.mediumMax - 2;
    next.arpuDrop.lowPct = 25;
    next.dualSim.noneValues = [...cfg.dualSim.noneValues.filter((v) => v !== 'n'), '单卡'];
    next.sticky.services.shred_list.field = 'arpu_m2';
    next.sticky.services.gprs.min = 40_960;
    const words: ChangeWords = {
      locale: 'zh-CN',
      amount: (unit, n) => `${n}${unit === 'pct' ? '%' : ` ${{ pts: '分', yuan: '元', mb: 'MB' }[unit as string] ?? unit}`}`,
      choice: (key) => ({ arpu_m2: 'ARPU(上上月)', shred_list: '粉碎清单' })[key] ?? key,
      fromTo: (before, after) => `${before} → ${after}`,
      words: (added, removed) => [added.length > 0 && `+${added.join('、')}`, removed.length > 0 && `−${removed.join('、')}`].filter(Boolean).join(' '),
    };
    // In the order of the page (the level bounds first), not the order the settings are stored in.
    const said = inFormOrder(settingChanges(cfg, next, changedRiskKeys)).map((c) => [c.path, settingChangeText(c, words)]);
    expect(said).toEqual([
      ['levels.mediumMax', `${cfg.levels.mediumMax} 分 → ${cfg.levels.mediumMax - 2} 分`],
      ['arpuDrop.lowPct', `${cfg.arpuDrop.lowPct}% → 25%`],
      ['dualSim.noneValues', '+单卡 −n'],
      ['sticky.services.shred_list.field', '粉碎清单 → ARPU(上上月)'],
      ['sticky.services.gprs.min', `${cfg.sticky.services.gprs.min.toLocaleString('zh-CN')} MB → 40,960 MB`],
    ]);
    // A setting an older version did not have reads as a dash, not "undefined".
    expect(settingChangeText({ path: 'portingQuery.points', before: undefined, after: 8 }, words)).toBe('— → 8 分');
  });
});
