import { describe, expect, it } from 'vitest';
import { demoOfferCodes } from '../../../core/demo/generator';
import { plans as demoPlans } from '../../../core/demo/pools';
import { offerRules, offerSchema, planSchema } from '../../../core/offers/catalogue';
import { defaultOffers, defaultPlans } from '../../../core/offers/default-catalogue';
import { catalogueSeedSql } from '../../../db/catalogue';
import m002 from '../../../db/migrations/002-default-catalogue';
import Database from 'better-sqlite3';
import { migrate } from '../../../db/migrate';

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

  it('seeds through migration 002 exactly as the catalogue said then (the migration is generated text)', () => {
    // Later changes to the default catalogue are migrations of their own (013: LUCKY_NUMBER not for 移动+移动).
    const asOf002 = defaultOffers.map((o) => (o.code === 'LUCKY_NUMBER' ? { ...o, rules: { eligible: o.rules.eligible, unsuitableIf: o.rules.unsuitableIf } } : o));
    expect(m002).toContain(catalogueSeedSql(asOf002, defaultPlans, '2026-11-23T00:00:00.000Z'));
  });

  it('a new workspace holds the default catalogue’s rules, later migrations included', () => {
    const db = new Database(':memory:');
    migrate(db);
    const stored = new Map((db.prepare('SELECT code, rules FROM offers').all() as { code: string; rules: string }[]).map((r) => [r.code, JSON.parse(r.rules)]));
    for (const o of defaultOffers) expect(stored.get(o.code), o.code).toEqual(o.rules);
    db.close();
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
