import { describe, expect, it } from 'vitest';
import { demoOfferCodes } from '../../../core/demo/generator';
import { plans as demoPlans } from '../../../core/demo/pools';
import { offerRules, offerSchema, planSchema } from '../../../core/offers/catalogue';
import { defaultOffers, defaultPlans } from '../../../core/offers/default-catalogue';
import Database from 'better-sqlite3';
import { catalogueFollowUpSql, catalogueSeedSql, catalogueUpgradeSql, listOffers, listPlans, offerVersions } from '../../../db/catalogue';
import { migrate } from '../../../db/migrate';
import m002 from '../../../db/migrations/002-default-catalogue';
import m014 from '../../../db/migrations/014-rules-over-extra-columns';
import m018 from '../../../db/migrations/018-follow-ups-and-kept-successes';
import m031 from '../../../db/migrations/031-default-offer-english-name';

/** A workspace as it was before the catalogue followed the programme's table (schema 13: 002's defaults, 013's LUCKY_NUMBER). */
function workspaceAt13(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, 13);
  return db;
}

describe('default catalogue', () => {
  it('is valid against the schemas', () => {
    for (const o of defaultOffers) expect(offerSchema.safeParse(o).success, o.code).toBe(true);
    for (const p of defaultPlans) expect(planSchema.safeParse(p).success, p.code).toBe(true);
    expect(new Set(defaultOffers.map((o) => o.code)).size).toBe(defaultOffers.length);
    expect(new Set(defaultPlans.map((p) => p.code)).size).toBe(defaultPlans.length);
  });

  it('has exactly the offer codes the demo history refers to', () => {
    expect(defaultOffers.map((o) => o.code).sort()).toEqual([...demoOfferCodes].sort());
  });

  it('has every plan the demo subscribers are on', () => {
    const codes = new Set(defaultPlans.map((p) => p.code));
    for (const p of demoPlans) expect(codes.has(p.code), p.code).toBe(true);
    for (const p of demoPlans) expect(defaultPlans.find((d) => d.code === p.code)!.monthly_fee).toBe(p.fee);
  });

  it('gives every offer a name, script, channels and rules an agent can use', () => {
    for (const o of defaultOffers) {
      expect(o.name_zh.length).toBeGreaterThan(2);
      expect(o.name_en).toBeTruthy();
      expect(o.script!.length).toBeGreaterThan(40);
      expect(o.channels.length).toBeGreaterThan(0);
      expect(o.rules.eligible?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('seeds the plans through migration 002 exactly as the catalogue says (the migration is generated text)', () => {
    expect(m002).toContain(catalogueSeedSql([], defaultPlans, '2026-11-23T00:00:00.000Z'));
  });

  it('a new workspace holds exactly the default catalogue: 002 seeds it, 014 brings it to the programme table', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(listOffers(db)).toEqual([...defaultOffers].sort((a, b) => (a.code < b.code ? -1 : 1)));
    expect(listPlans(db)).toEqual([...defaultPlans].sort((a, b) => (a.code < b.code ? -1 : 1)));
  });

  it('018 is generated text: the defaults\' follow-ups given to offers still as 014 left them (issue 17 #4)', () => {
    // Regenerate: node scripts/catalogue-upgrade-sql.mjs --from 16 --follow-ups
    const at16 = new Database(':memory:');
    migrate(at16, 16);
    expect(m018).toContain(catalogueFollowUpSql(listOffers(at16), defaultOffers, '2026-12-05T00:00:00.000Z'));
  });

  it('018 leaves a brand migration offer a supervisor edited without a follow-up, and keeps what it replaced', () => {
    const db = new Database(':memory:');
    migrate(db, 16);
    db.prepare("UPDATE offers SET cost = 80 WHERE code = 'BRAND_MIGRATION'").run();
    db.prepare("UPDATE offers SET cost = cost WHERE code = 'CONTRACT_REWARD'").run();
    migrate(db);
    expect(listOffers(db).find((o) => o.code === 'BRAND_MIGRATION')).toMatchObject({ cost: 80, follow_up_kind: null, follow_up_days: null });
    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(listOffers(fresh).find((o) => o.code === 'BRAND_MIGRATION')).toMatchObject({ follow_up_kind: 'visit', follow_up_days: 7 });
    // 018 kept the offer without its follow-up (031's rename came after it, newer in the list).
    expect(offerVersions(fresh, 'BRAND_MIGRATION').map((v) => v.offer.follow_up_kind)).toEqual(['visit', null, null]);
  });

  it('031 is generated text: the default brand migration offer named in English without Chinese (found by a new agent)', () => {
    // Changed the defaults before 031 shipped? Regenerate: node scripts/catalogue-upgrade-sql.mjs --from 30 --saved --at 2026-12-07T00:00:00.000Z
    const at30 = new Database(':memory:');
    migrate(at30, 30);
    expect(m031).toContain(catalogueUpgradeSql(listOffers(at30), defaultOffers, '2026-12-07T00:00:00.000Z', { followUp: true }));
    for (const o of defaultOffers) expect(o.name_en, o.code).not.toMatch(/[\u4e00-\u9fff]/u);
  });

  it('031 renames the untouched offer, keeping what it replaced with its follow-up, and leaves one a supervisor edited', () => {
    const db = new Database(':memory:');
    migrate(db, 30);
    migrate(db);
    expect(listOffers(db).find((o) => o.code === 'BRAND_MIGRATION')).toMatchObject({ name_en: 'Migrate to GoTone with follow-up visit', follow_up_kind: 'visit', follow_up_days: 7 });
    const kept = offerVersions(db, 'BRAND_MIGRATION')[0]!.offer;
    expect(kept).toMatchObject({ name_en: 'Migrate to 全球通 with follow-up visit', follow_up_kind: 'visit', follow_up_days: 7 });
    const edited = new Database(':memory:');
    migrate(edited, 30);
    edited.prepare("UPDATE offers SET follow_up_days = 10 WHERE code = 'BRAND_MIGRATION'").run();
    migrate(edited);
    expect(listOffers(edited).find((o) => o.code === 'BRAND_MIGRATION')).toMatchObject({ name_en: 'Migrate to 全球通 with follow-up visit', follow_up_days: 10 });
  });

  it('014 is generated text: the upgrade from 002\'s offers to the defaults', () => {
    // Changed the defaults (or merged a change to them) before 014 shipped? Regenerate: node scripts/catalogue-upgrade-sql.mjs --from 13
    // The defaults as they stood when 014 shipped: 031 renamed one since.
    const defaultsAt014 = defaultOffers.map((o) => (o.code === 'BRAND_MIGRATION' ? { ...o, name_en: 'Migrate to 全球通 with follow-up visit' } : o));
    expect(m014).toContain(catalogueUpgradeSql(listOffers(workspaceAt13()), defaultsAt014, '2026-12-05T00:00:00.000Z'));
  });

  it('014 leaves an offer a supervisor changed as it is, and updates the untouched ones', () => {
    const db = workspaceAt13();
    const before002 = new Map(listOffers(db).map((o) => [o.code, o]));
    const before = before002.get('PLAN_CARE')!;
    db.prepare("UPDATE offers SET cost = 25, updated_at = '2026-11-30T00:00:00.000Z' WHERE code = 'PLAN_CARE'").run();
    // Saved again unchanged (only updated_at moves): still the default, so it is updated.
    db.prepare("UPDATE offers SET updated_at = '2026-11-30T00:00:00.000Z' WHERE code = 'BALANCE_REMINDER'").run();
    migrate(db);
    const after = new Map(listOffers(db).map((o) => [o.code, o]));
    expect(after.get('PLAN_CARE')).toEqual({ ...before, cost: 25 });
    expect(after.get('BALANCE_REMINDER')).toEqual(defaultOffers.find((o) => o.code === 'BALANCE_REMINDER'));
    expect(after.get('BALANCE_REMINDER')!.channels).toContain('hall');
    expect(after.get('CONTRACT_REWARD')).toEqual(defaultOffers.find((o) => o.code === 'CONTRACT_REWARD'));
    // What 014 replaced can be rolled back: the 002 default is kept as the earlier version; the edited offer has none.
    const [kept] = offerVersions(db, 'CONTRACT_REWARD');
    expect(kept?.offer).toEqual(before002.get('CONTRACT_REWARD'));
    expect(offerVersions(db, 'PLAN_CARE')).toEqual([]);
  });
});

describe('offer rules', () => {
  it('accepts the documented shapes', () => {
    const rules = {
      eligible: [{ field: 'arpu_avg3', op: '>=', value: 120 }, { tag: 'dual_sim' }, { any: [{ list: 'dual_sim' }, { field: 'status', op: 'in', value: ['正常'] }] }],
      notIf: [{ tag: 'family', present: false }, { field: 'contract_type', op: 'empty' }],
      unsuitableIf: [{ field: 'arrears', op: '>', value: 0 }],
    };
    expect(offerRules.parse(rules)).toEqual(rules);
  });

  it('refuses unknown fields, operators, list types and stray keys', () => {
    expect(offerRules.safeParse({ eligible: [{ field: 'arpu', op: '>=', value: 1 }] }).success).toBe(false);
    expect(offerRules.safeParse({ eligible: [{ field: 'arpu_avg3', op: '=>', value: 1 }] }).success).toBe(false);
    expect(offerRules.safeParse({ eligible: [{ field: 'arpu_avg3', op: '>', value: '1' }] }).success).toBe(false);
    expect(offerRules.safeParse({ eligible: [{ list: 'nope' }] }).success).toBe(false);
    expect(offerRules.safeParse({ eligible: [], extra: [] }).success).toBe(false);
  });
});
