import { riskConfigSchema, stickyServiceCodes, stickySourceFields, type RiskConfig } from '../../../../core/risk/config';
import { inSettingOrder, type SettingChange } from '../../../../core/setting-changes';
import { fieldByKey } from '../../../../core/worklist/fields';
import type { MessageKey } from '../../i18n/catalogue';

/**
 * The risk rules form: which setting of the configuration each field edits, grouped the way a supervisor reads
 * docs/product.md §4.1, and the conversions between the configuration and what is typed. The configuration schema
 * (core/risk/config.ts) stays the one judge of what is valid; this file only turns its verdict into messages
 * at the right field.
 */

export type Unit = 'pct' | 'pts' | 'days' | 'months' | 'yuan' | 'min' | 'mb' | 'times' | 'people' | 'pp' | 'x';

export interface FieldDef {
  /** Dotted path into RiskConfig, e.g. "levels.mediumMax"; its label is `riskConfig.f.<path>`. */
  path: string;
  unit?: Unit;
  /** A word list (typed as one line, separated by commas) instead of a number. */
  words?: boolean;
  /** Shown × scale: fractions stored as 0.2 are typed as 20 (per cent or percentage points). */
  scale?: number;
  /** One of these values (a subscriber field's key), picked from a list instead of typed. */
  choices?: readonly string[];
}

/** One rule of the table (one line of §4.1); its caption is `riskConfig.rule.<key>`. */
export interface RuleDef {
  key: string;
  fields: FieldDef[];
}

export interface GroupDef {
  key: 'levels' | 'customerValue' | 'valueDecline' | 'usage' | 'competitor' | 'status' | 'contract' | 'service' | 'tenure' | 'sticky' | 'tags';
  rules: RuleDef[];
  /** Folded away by default: thresholds that do not move the risk score. */
  secondary?: boolean;
}

const f = (path: string, unit?: Unit, more: Partial<FieldDef> = {}): FieldDef => ({ path, unit, ...more });

export const groups: readonly GroupDef[] = [
  {
    key: 'levels',
    rules: [
      { key: 'levels', fields: [f('levels.mediumMax', 'pts'), f('levels.lowMax', 'pts'), f('levels.stableMax', 'pts'), f('levels.highCompetitorCsCalls', 'times')] },
    ],
  },
  {
    key: 'valueDecline',
    rules: [
      { key: 'arpuDrop', fields: [f('arpuDrop.lowPct', 'pct'), f('arpuDrop.lowPoints', 'pts'), f('arpuDrop.highPct', 'pct'), f('arpuDrop.highPoints', 'pts'), f('arpuDrop.minAverage', 'yuan')] },
    ],
  },
  {
    key: 'usage',
    rules: [
      { key: 'mouDrop', fields: [f('mouDrop.lowPct', 'pct'), f('mouDrop.lowPoints', 'pts'), f('mouDrop.highPct', 'pct'), f('mouDrop.highPoints', 'pts'), f('mouDrop.minAverage', 'min')] },
      { key: 'dataDrop', fields: [f('dataDrop.pct', 'pct'), f('dataDrop.points', 'pts'), f('dataDrop.minAverage', 'mb')] },
    ],
  },
  {
    key: 'competitor',
    rules: [
      { key: 'dualSim', fields: [f('dualSim.points', 'pts'), f('dualSim.noneValues', undefined, { words: true }), f('dualSim.ownValues', undefined, { words: true })] },
      { key: 'competitorContacts', fields: [f('competitorContacts.pointsEach', 'pts'), f('competitorContacts.maxPoints', 'pts')] },
      { key: 'forwardOffnet', fields: [f('forwardOffnet.points', 'pts')] },
      { key: 'portingQuery', fields: [f('portingQuery.days', 'days'), f('portingQuery.points', 'pts')] },
      { key: 'offnetShare', fields: [f('offnetShare.minRise', 'pp', { scale: 100 }), f('offnetShare.points', 'pts')] },
    ],
  },
  {
    key: 'status',
    rules: [
      {
        key: 'suspension',
        fields: [f('suspension.minDays', 'days'), f('suspension.suspendedPoints', 'pts'), f('suspension.terminalPoints', 'pts'), f('suspension.terminalStatuses', undefined, { words: true })],
      },
      { key: 'arrears', fields: [f('arrears.points', 'pts')] },
    ],
  },
  {
    key: 'contract',
    rules: [
      {
        key: 'contract',
        fields: [
          f('contract.soonDays', 'days'),
          f('contract.soonPoints', 'pts'),
          f('contract.nearDays', 'days'),
          f('contract.nearPoints', 'pts'),
          f('contract.nonePoints', 'pts'),
          f('contract.noneTypes', undefined, { words: true }),
        ],
      },
    ],
  },
  {
    key: 'service',
    rules: [
      { key: 'complaints', fields: [f('complaints.pointsEach', 'pts'), f('complaints.maxPoints', 'pts')] },
      { key: 'handset', fields: [f('handset.minMonths', 'months'), f('handset.points', 'pts')] },
    ],
  },
  {
    key: 'tenure',
    rules: [
      { key: 'tenure', fields: [f('tenure.newMonths', 'months'), f('tenure.newPoints', 'pts'), f('tenure.loyalMonths', 'months'), f('tenure.loyalPoints', 'pts')] },
    ],
  },
  {
    // The stability programme's services, one row each on the page (StickyServicesTable): points, the field the
    // value is read from, and the value from which the service counts as there (yes = 1; GPRS: MB a month).
    key: 'sticky',
    rules: [
      {
        key: 'sticky',
        fields: [
          f('sticky.minPoints', 'pts'),
          ...stickyServiceCodes.flatMap((code) => [
            f(`sticky.services.${code}.points`, 'pts'),
            f(`sticky.services.${code}.field`, undefined, { choices: stickySourceFields }),
            f(`sticky.services.${code}.min`, code === 'gprs' ? 'mb' : undefined),
          ]),
        ],
      },
    ],
  },
  {
    key: 'customerValue',
    rules: [
      { key: 'value', fields: [f('value.midHighArpu', 'yuan')] },
      { key: 'tiers', fields: [f('tiers.diamond', 'yuan'), f('tiers.gold', 'yuan'), f('tiers.silver', 'yuan')] },
    ],
  },
  {
    key: 'tags',
    secondary: true,
    rules: [
      {
        key: 'tags',
        fields: [
          f('tags.familyMinMembers', 'people'),
          f('tags.handsetMinMonths', 'months'),
          f('tags.planUnderRatio', 'x'),
          f('tags.planUnderMinExtra', 'yuan'),
          f('tags.planOverMinFee', 'yuan'),
          f('tags.planOverMaxMou', 'min'),
          f('tags.planOverMaxDataMb', 'mb'),
          f('tags.dataHeavyMb', 'mb'),
          f('tags.contractExpiringDays', 'days'),
          f('tags.billSpikePct', 'pct'),
          f('tags.dataAnomalyPct', 'pct'),
          f('tags.dataAnomalyMinMb', 'mb'),
          f('tags.roamingShare', 'pct', { scale: 100 }),
          f('tags.rewardMinTenure', 'months'),
        ],
      },
    ],
  },
];

export const allFields: readonly FieldDef[] = groups.flatMap((g) => g.rules.flatMap((r) => r.fields));
const fieldByPath = new Map(allFields.map((d) => [d.path, d]));

export const fieldLabelKey = (path: string) => `riskConfig.f.${path}` as MessageKey;

export type FormValues = Record<string, string>;

function getAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]!] = value;
}

/** Avoids 0.2 × 100 showing as 20.000000000000004. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

const wordSeparator = /[,，、;；\n]/u;

function display(def: FieldDef, value: unknown, locale: string): string {
  if (def.choices) return String(value);
  if (def.words) return (value as string[]).join(locale === 'zh-CN' ? '、' : ', ');
  return String(tidy((value as number) * (def.scale ?? 1)));
}

export function toForm(cfg: RiskConfig, locale: string): FormValues {
  return Object.fromEntries(allFields.map((d) => [d.path, display(d, getAt(cfg, d.path), locale)]));
}

/** Full-width digits and signs (a Chinese input method's) read as their ASCII forms. */
function asciiNumber(s: string): string {
  return s
    .replace(/[０-９．＋－]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[−–]/gu, '-')
    .trim();
}

/** A typed value as the configuration holds it; undefined when it is not a number. */
function parseField(def: FieldDef, text: string): number | string | string[] | undefined {
  if (def.choices) return text;
  if (def.words) return text.split(wordSeparator).map((w) => w.trim()).filter(Boolean);
  const s = asciiNumber(text);
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/u.test(s)) return undefined;
  const n = Number(s);
  return def.scale ? tidy(n / def.scale) : n;
}

export interface FieldError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

interface FormCheck {
  /** The configuration the form describes, when every field is valid. */
  config: RiskConfig | null;
  errors: Map<string, FieldError>;
  /** Fields whose value differs from `compareWith`. */
  changed: Set<string>;
}

const otherField = /must (be above|not be below) (\w+)/u;

/**
 * Reads the form over `base` (so settings the form does not show are kept), checks it with the schema, and
 * says which fields differ from `compareWith` (the active version).
 */
export function checkForm(values: FormValues, base: RiskConfig, compareWith: RiskConfig): FormCheck {
  const candidate = structuredClone(base) as unknown as Record<string, unknown>;
  const errors = new Map<string, FieldError>();
  const changed = new Set<string>();
  for (const def of allFields) {
    const parsed = parseField(def, values[def.path] ?? '');
    if (parsed === undefined) {
      errors.set(def.path, { key: 'riskConfig.err.number' });
      changed.add(def.path);
      continue;
    }
    setAt(candidate, def.path, parsed);
    if (JSON.stringify(parsed) !== JSON.stringify(getAt(compareWith, def.path))) changed.add(def.path);
  }
  // Fields that are not numbers keep their base value for the schema's check, so every other mistake is shown
  // at once; a rule comparing with such a field is not reported (it would compare with a value nobody typed).
  const unreadable = new Set(errors.keys());
  const result = riskConfigSchema.safeParse(candidate);
  if (result.success) return { config: unreadable.size > 0 ? null : result.data, errors, changed };
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const def = allFields.find((d) => d.path === path.slice(0, d.path.split('.').length).join('.'));
    if (!def || errors.has(def.path)) continue;
    const shown = (n: unknown) => tidy(Number(n) * (def.scale ?? 1));
    if (def.words) errors.set(def.path, { key: 'riskConfig.err.words' });
    else if (issue.code === 'too_small') errors.set(def.path, { key: issue.inclusive ? 'riskConfig.err.min' : 'riskConfig.err.gt', params: { min: shown(issue.minimum) } });
    else if (issue.code === 'too_big') errors.set(def.path, { key: issue.inclusive ? 'riskConfig.err.max' : 'riskConfig.err.lt', params: { max: shown(issue.maximum) } });
    else {
      // The schema's ordering rules name the other setting ("highPct must be above lowPct"): show its label.
      const m = otherField.exec(issue.message);
      const other = m ? `${path[0]}.${m[2]}` : null;
      if (other && unreadable.has(other)) continue;
      if (other && fieldByPath.has(other)) errors.set(def.path, { key: m![1] === 'be above' ? 'riskConfig.err.above' : 'riskConfig.err.notBelow', params: { other } });
      else errors.set(def.path, { key: 'riskConfig.err.invalid' });
    }
  }
  return { config: null, errors, changed };
}

/** The active value of a field as the form shows it (for "active: 20" beside a changed field). */
export function shownValue(cfg: RiskConfig, path: string, locale: string): string {
  const def = fieldByPath.get(path);
  return def ? display(def, getAt(cfg, path), locale) : String(getAt(cfg, path));
}

/** A sticky service's source field by its name in the language ("ARPU(上上月)"); an unknown key as it is. */
export function sourceFieldName(key: string, locale: string): string {
  const d = fieldByKey.get(key);
  return d ? (locale === 'en' ? d.en : d.zh) : key;
}

/** How a version's changes are worded: the page passes its messages. */
export interface ChangeWords {
  locale: string;
  /** A number with its unit: "20 分", "1 day". */
  amount(unit: Unit, n: string): string;
  /** A choice by its name (a sticky service's source field: "ARPU(上上月)"). */
  choice(value: string): string;
  /** "before → after". */
  fromTo(before: string, after: string): string;
  /** A word list's change: the words it gains and the words it loses. */
  words(added: readonly string[], removed: readonly string[]): string;
}

/**
 * What a version did to one setting, as the form shows values ("高危：分数高于" 20 分 → 16 分; a source field by its
 * name; a word list as the words it gains and loses, "+单卡 −n", not both whole lists); "—" where one side lacks the
 * setting (a version saved by an older app).
 */
export function settingChangeText(c: SettingChange, w: ChangeWords): string {
  const def = fieldByPath.get(c.path);
  if (def?.words && Array.isArray(c.before) && Array.isArray(c.after)) {
    const before = new Set(c.before.map(String));
    const after = new Set(c.after.map(String));
    const added = [...after].filter((x) => !before.has(x));
    const removed = [...before].filter((x) => !after.has(x));
    if (added.length + removed.length > 0) return w.words(added, removed);
  }
  return w.fromTo(valueText(def, c.before, w), valueText(def, c.after, w));
}

function valueText(def: FieldDef | undefined, value: unknown, w: ChangeWords): string {
  if (value === undefined) return '—';
  if (!def) return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  if (def.choices) return w.choice(String(value));
  const text = display(def, value, w.locale);
  if (def.words) return text || '—';
  const n = Number(text);
  const shown = text !== '' && Number.isFinite(n) ? new Intl.NumberFormat(w.locale, { maximumFractionDigits: 6 }).format(n) : text;
  return def.unit ? w.amount(def.unit, shown) : shown;
}

/** Changes in the order the page shows their settings (not the order they are stored in). */
export const inFormOrder = (changes: readonly SettingChange[]): SettingChange[] => inSettingOrder(changes, fieldPaths);
const fieldPaths = allFields.map((d) => d.path);

