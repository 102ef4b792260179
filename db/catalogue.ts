import type { Offer, Plan } from '../core/offers/catalogue';
import type { Db } from './connection';
import { stmt } from './statements';

/**
 * The offer and plan catalogues (tables `offers`, `plans`; `offers.name` holds the Chinese name and
 * `offers.name_en`, added by migration 002, the English one). Rows are validated by the core schemas before
 * they get here; reading trusts what was written, except JSON, which falls back to empty rather than failing
 * a whole list for one hand-edited row.
 */

interface OfferRow {
  code: string;
  name: string;
  name_en: string | null;
  category: string | null;
  description: string | null;
  script: string | null;
  cost: number;
  channels: string;
  valid_from: string | null;
  valid_to: string | null;
  rules: string;
  cooldown_days: number;
  weekly_budget: number | null;
  active: number;
  /** Migration 018; absent on a workspace before it (the upgrade-SQL generator reads one). */
  follow_up_kind?: string | null;
  follow_up_days?: number | null;
}

interface PlanRow extends Omit<Plan, 'active'> {
  active: number;
  updated_at: string;
}

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const offerFromRow = (r: OfferRow): Offer => ({
  code: r.code,
  name_zh: r.name,
  name_en: r.name_en,
  category: (r.category ?? 'other') as Offer['category'],
  description: r.description,
  script: r.script,
  cost: r.cost,
  channels: parseJson<Offer['channels']>(r.channels, []),
  valid_from: r.valid_from,
  valid_to: r.valid_to,
  rules: parseJson<Offer['rules']>(r.rules, {}),
  cooldown_days: r.cooldown_days,
  weekly_budget: r.weekly_budget,
  active: r.active === 1,
  follow_up_kind: (r.follow_up_kind ?? null) as Offer['follow_up_kind'],
  follow_up_days: r.follow_up_days ?? null,
});

const planFromRow = ({ active, updated_at: _at, ...rest }: PlanRow): Plan => ({ ...rest, active: active === 1 });

export function listOffers(db: Db): Offer[] {
  return (stmt(db, 'SELECT * FROM offers ORDER BY code').all() as OfferRow[]).map(offerFromRow);
}

/** A cheap fingerprint of the catalogue: readers cache what they built from it and rebuild only when it changes. */
export function catalogueStamp(db: Db): string {
  // Moved by triggers on every write of an offer or a plan (migration 032), not the newest save's time, which a clock
  // set back does not move.
  return stmt(db, "SELECT value FROM workspace WHERE key = 'catalogue-revision'").pluck().get() as string;
}

export function getOffer(db: Db, code: string): Offer | null {
  const r = stmt(db, 'SELECT * FROM offers WHERE code = ?').get(code) as OfferRow | undefined;
  return r ? offerFromRow(r) : null;
}

export function getPlan(db: Db, code: string): Plan | null {
  const r = stmt(db, 'SELECT * FROM plans WHERE code = ?').get(code) as PlanRow | undefined;
  return r ? planFromRow(r) : null;
}

export function listPlans(db: Db): Plan[] {
  return (stmt(db, 'SELECT * FROM plans ORDER BY code').all() as PlanRow[]).map(planFromRow);
}

const offerColumns = [
  'code', 'name', 'name_en', 'category', 'description', 'script', 'cost', 'channels', 'valid_from', 'valid_to', 'rules',
  'cooldown_days', 'weekly_budget', 'active', 'updated_at',
] as const;
/** What a save writes: the columns above and the follow-up (migration 018), which the earlier seed and upgrade SQL never had. */
const savedOfferColumns = [...offerColumns, 'follow_up_kind', 'follow_up_days'] as const;
const savedOfferValues = (o: Offer, at: string): (string | number | null)[] => [...offerValues(o, at), o.follow_up_kind, o.follow_up_days];
const planColumns = [
  'code', 'name', 'monthly_fee', 'incl_local_min', 'incl_ld_min', 'incl_roaming_min', 'incl_data_mb', 'price_local_min',
  'price_ld_min', 'price_roaming_min', 'price_data_mb', 'active', 'updated_at',
] as const;

const offerValues = (o: Offer, at: string): (string | number | null)[] => [
  o.code, o.name_zh, o.name_en, o.category, o.description, o.script, o.cost, JSON.stringify(o.channels), o.valid_from, o.valid_to,
  JSON.stringify(o.rules), o.cooldown_days, o.weekly_budget, o.active ? 1 : 0, at,
];
const planValues = (p: Plan, at: string): (string | number | null)[] => [
  p.code, p.name, p.monthly_fee, p.incl_local_min, p.incl_ld_min, p.incl_roaming_min, p.incl_data_mb, p.price_local_min,
  p.price_ld_min, p.price_roaming_min, p.price_data_mb, p.active ? 1 : 0, at,
];

const upsertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
  `ON CONFLICT(code) DO UPDATE SET ${columns.filter((c) => c !== 'code').map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * Inserts or replaces one offer; says whether it was new. The offer it replaces is kept in `offer_versions` (with
 * who replaced it), so any change can be rolled back (`offerVersions`, then a save of the version).
 */
export function saveOffer(db: Db, offer: Offer, at: string, by: string | null = null): 'created' | 'updated' | 'unchanged' {
  const before = stmt(db, 'SELECT * FROM offers WHERE code = ?').get(offer.code) as (OfferRow & { updated_at: string }) | undefined;
  // The same offer saved again (a catalogue exported and imported back): nothing to keep a version of, nothing written.
  // Every column saved (the follow-up too: an edit of that alone is a change).
  if (before && sameValues(savedOfferValues(offerFromRow(before), ''), savedOfferValues(offer, ''))) return 'unchanged';
  if (before) {
    stmt(db, 'INSERT INTO offer_versions (code, offer, saved_at, replaced_at, replaced_by) VALUES (?, ?, ?, ?, ?)').run(
      offer.code,
      JSON.stringify(offerFromRow(before)),
      before.updated_at,
      at,
      by,
    );
  }
  stmt(db, upsertSql('offers', savedOfferColumns)).run(...savedOfferValues(offer, at));
  return before ? 'updated' : 'created';
}

export interface OfferVersion {
  id: number;
  offer: Offer;
  savedAt: string;
  replacedAt: string;
  replacedBy: string | null;
}

/** The earlier versions of one offer, newest first. */
export function offerVersions(db: Db, code: string, limit = 50): OfferVersion[] {
  const rows = stmt(db, 'SELECT id, offer, saved_at, replaced_at, replaced_by FROM offer_versions WHERE code = ? ORDER BY id DESC LIMIT ?').all(code, limit) as {
    id: number;
    offer: string;
    saved_at: string;
    replaced_at: string;
    replaced_by: string | null;
  }[];
  // A version saved before migration 018 has no follow-up: none.
  const withFollowUp = (o: Offer | null): Offer | null => (o === null ? null : { ...o, follow_up_kind: o.follow_up_kind ?? null, follow_up_days: o.follow_up_days ?? null });
  return rows.map((r) => ({ id: r.id, offer: withFollowUp(parseJson<Offer | null>(r.offer, null))!, savedAt: r.saved_at, replacedAt: r.replaced_at, replacedBy: r.replaced_by })).filter((v) => v.offer !== null);
}

export function savePlan(db: Db, plan: Plan, at: string): 'created' | 'updated' | 'unchanged' {
  const before = stmt(db, 'SELECT * FROM plans WHERE code = ?').get(plan.code) as PlanRow | undefined;
  if (before && sameValues(planValues(planFromRow(before), ''), planValues(plan, ''))) return 'unchanged';
  stmt(db, upsertSql('plans', planColumns)).run(...planValues(plan, at));
  return before ? 'updated' : 'created';
}

/** Two rows' values as stored (the same columns, in order): equal when every one is. */
const sameValues = (a: readonly (string | number | null)[], b: readonly (string | number | null)[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/* ---------------------------------------------------------------------------------------------------------- */
/* Seed SQL                                                                                                     */

const literal = (v: string | number | null): string => {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
};

/**
 * The INSERT OR IGNORE statements that seed a catalogue, as SQL text. Migration 002 holds the output for the
 * default catalogue as it shipped (db/ may not import core's data, and a shipped migration must not change
 * when the defaults later do); its test rebuilds it with this function to show the two agree.
 * OR IGNORE: a code the workspace already has (edited by a supervisor, imported from the centre) is kept.
 */
export function catalogueSeedSql(offers: readonly Offer[], plans: readonly Plan[], at: string): string {
  const lines: string[] = [];
  for (const o of offers) lines.push(`INSERT OR IGNORE INTO offers (${offerColumns.join(', ')}) VALUES (${offerValues(o, at).map(literal).join(', ')});`);
  for (const p of plans) lines.push(`INSERT OR IGNORE INTO plans (${planColumns.join(', ')}) VALUES (${planValues(p, at).map(literal).join(', ')});`);
  return lines.join('\n') + '\n';
}

/** An `offers` row as the JSON of an Offer (what `offerFromRow` reads), in SQL; `followUp`: with its follow-up (018 on). */
const offerRowJson = (followUp: boolean): string =>
  "json_object('code', code, 'name_zh', name, 'name_en', name_en, 'category', ifnull(category, 'other'), 'description', description, " +
  "'script', script, 'cost', cost, 'channels', json(channels), 'valid_from', valid_from, 'valid_to', valid_to, 'rules', json(rules), " +
  "'cooldown_days', cooldown_days, 'weekly_budget', weekly_budget, 'active', json(CASE active WHEN 1 THEN 'true' ELSE 'false' END)" +
  (followUp ? ", 'follow_up_kind', follow_up_kind, 'follow_up_days', follow_up_days)" : ')');
const offerRowJsonSql = offerRowJson(false);

/**
 * The SQL that brings a workspace's default offers from `before` (as an earlier migration seeded them) to
 * `after`, touching only what nobody changed: an offer is updated only while every stored column still equals
 * its `before` value (`IS`, so NULLs compare), and an offer new in `after` is added unless its code exists. A
 * supervisor's edit or a central catalogue's import therefore stays as it is. Used once per change of the
 * defaults to generate a migration's text (014), whose test rebuilds it with this function.
 */
export function catalogueUpgradeSql(before: readonly Offer[], after: readonly Offer[], at: string, opts: { followUp?: boolean } = {}): string {
  // From migration 018 on, an offer's follow-up is one of its columns: compared, changed and kept in its version
  // like the others (a version without it would restore the offer without its follow-up).
  const columns: readonly string[] = opts.followUp ? savedOfferColumns : offerColumns;
  const valuesOf = opts.followUp ? savedOfferValues : offerValues;
  const old = new Map(before.map((o) => [o.code, o]));
  const compared = columns.filter((c) => c !== 'code' && c !== 'updated_at');
  const lines: string[] = [];
  for (const o of after) {
    const was = old.get(o.code);
    const values = valuesOf(o, at);
    if (!was) {
      lines.push(`INSERT OR IGNORE INTO offers (${columns.join(', ')}) VALUES (${values.map(literal).join(', ')});`);
      continue;
    }
    const wasValues = valuesOf(was, at);
    const changed = compared.filter((c) => literal(values[columns.indexOf(c)]!) !== literal(wasValues[columns.indexOf(c)]!));
    if (changed.length === 0) continue;
    const set = [...changed, 'updated_at'].map((c) => `${c} = ${literal(values[columns.indexOf(c)]!)}`).join(', ');
    const where = compared.map((c) => `${c} IS ${literal(wasValues[columns.indexOf(c)]!)}`).join(' AND ');
    // The offer as it was goes to offer_versions first, so the change can be rolled back like an edit.
    lines.push(`INSERT INTO offer_versions (code, offer, saved_at, replaced_at, replaced_by) SELECT code, ${offerRowJson(opts.followUp ?? false)}, updated_at, ${literal(at)}, NULL FROM offers WHERE code = ${literal(o.code)} AND ${where};`);
    lines.push(`UPDATE offers SET ${set} WHERE code = ${literal(o.code)} AND ${where};`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The SQL that gives the default offers the follow-up they now require (migration 018, issue 17 #4), in the manner of
 * `catalogueUpgradeSql`: an offer gets it only while every stored column still equals `before` (as 014 left it) and it
 * has no follow-up yet, so a supervisor's edit or a central import is kept as it is; the offer as it was goes to
 * offer_versions first. Its test rebuilds the migration's text with this function.
 */
export function catalogueFollowUpSql(before: readonly Offer[], after: readonly Offer[], at: string): string {
  const old = new Map(before.map((o) => [o.code, o]));
  const compared = offerColumns.filter((c) => c !== 'code' && c !== 'updated_at');
  const lines: string[] = [];
  for (const o of after) {
    const was = old.get(o.code);
    if (!was || o.follow_up_kind === null || o.follow_up_days === null) continue;
    const wasValues = offerValues(was, at);
    const where = [...compared.map((c) => `${c} IS ${literal(wasValues[offerColumns.indexOf(c)]!)}`), 'follow_up_kind IS NULL', 'follow_up_days IS NULL'].join(' AND ');
    lines.push(`INSERT INTO offer_versions (code, offer, saved_at, replaced_at, replaced_by) SELECT code, ${offerRowJsonSql}, updated_at, ${literal(at)}, NULL FROM offers WHERE code = ${literal(o.code)} AND ${where};`);
    lines.push(`UPDATE offers SET follow_up_kind = ${literal(o.follow_up_kind)}, follow_up_days = ${literal(o.follow_up_days)}, updated_at = ${literal(at)} WHERE code = ${literal(o.code)} AND ${where};`);
  }
  return lines.join('\n') + '\n';
}
