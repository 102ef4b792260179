import { channels, type Channel } from '../../../../core/contact/codes';
import { contactPolicySchema, minuteOfDayText, type ContactPolicy } from '../../../../core/contact/policy';
import { inSettingOrder, type SettingChange } from '../../../../core/setting-changes';
import type { MessageKey } from '../../i18n/catalogue';

/**
 * The contact rules form (issue 16 #3): which setting each field edits, grouped as a supervisor reads the policy,
 * and the conversions between the policy and what is typed (times as HH:MM, channel lists as ticks). The policy's
 * schema (core/contact/policy.ts) stays the one judge of what is valid; this file turns its verdict into messages
 * at the right field.
 */

export type Unit = 'min' | 'days' | 'times';

export interface FieldDef {
  /** A setting of ContactPolicy; its label is `contactPolicy.f.<path>` (core/i18n/contact-setting-labels.ts). */
  path: keyof ContactPolicy;
  kind: 'number' | 'time' | 'channels';
  unit?: Unit;
  /** 0 switches the filter off (said beside the field). */
  zeroOff?: boolean;
}

export interface GroupDef {
  key: 'hours' | 'attempts' | 'gaps' | 'history' | 'porting';
  fields: FieldDef[];
}

const n = (path: keyof ContactPolicy, unit: Unit, zeroOff = false): FieldDef => ({ path, kind: 'number', unit, zeroOff });

export const groups: readonly GroupDef[] = [
  { key: 'hours', fields: [{ path: 'phoneStartMinute', kind: 'time' }, { path: 'phoneEndMinute', kind: 'time' }, { path: 'hoursChannels', kind: 'channels' }] },
  { key: 'attempts', fields: [n('maxAttempts', 'times'), n('retryAfterMinutes', 'min'), n('maxCallbackDays', 'days')] },
  {
    key: 'gaps',
    fields: [n('marketingGapDays', 'days'), { path: 'marketingGapChannels', kind: 'channels' }, n('complaintCareDays', 'days'), { path: 'dndChannels', kind: 'channels' }],
  },
  { key: 'history', fields: [n('cancelledAfterOpenDays', 'days', true), n('trialNoOrderDays', 'days', true), n('unsubscribedDays', 'days', true), n('marketedAnyChannelDays', 'days', true)] },
  { key: 'porting', fields: [n('portingAppliedDays', 'days')] },
];

export const allFields: readonly FieldDef[] = groups.flatMap((g) => g.fields);

/** What the form holds: text for numbers and times, the ticked channels for channel lists. */
export type FormValues = Record<string, string | Channel[]>;

export function toForm(p: ContactPolicy): FormValues {
  return Object.fromEntries(
    allFields.map((d) => {
      const v = p[d.path];
      if (d.kind === 'channels') return [d.path, [...(v as Channel[])]];
      if (d.kind === 'time') return [d.path, minuteOfDayText(v as number)];
      return [d.path, String(v)];
    }),
  );
}

/** Full-width digits and colons (a Chinese input method's) read as their ASCII forms. */
const ascii = (s: string): string => s.replace(/[０-９：]/gu, (c) => (c === '：' ? ':' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).trim();

function parse(def: FieldDef, value: string | Channel[]): number | Channel[] | undefined {
  if (def.kind === 'channels') return channels.filter((c) => (value as Channel[]).includes(c));
  const s = ascii(value as string);
  if (def.kind === 'time') {
    const m = /^(\d{1,2}):(\d{2})$/u.exec(s);
    if (!m) return undefined;
    const h = Number(m[1]);
    const min = Number(m[2]);
    // 24:00 is the end of the day (calling until midnight).
    if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
    return h * 60 + min;
  }
  // A minus sign is read, so that -5 is told it may not be below the minimum rather than that it is no whole number.
  return /^-?\d+$/u.test(s) ? Number(s) : undefined;
}

export interface FieldError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface FormCheck {
  /** The policy the form describes, when every field is valid. */
  policy: ContactPolicy | null;
  errors: Map<string, FieldError>;
  /** Fields whose value differs from `compareWith`. */
  changed: Set<string>;
}

/**
 * Reads the form over `base` (settings the page does not show, such as which outcomes need the retry spacing, are
 * kept), checks it with the schema, and says which fields differ from `compareWith` (the active version).
 */
export function checkForm(values: FormValues, base: ContactPolicy, compareWith: ContactPolicy): FormCheck {
  const candidate: Record<string, unknown> = structuredClone(base);
  const errors = new Map<string, FieldError>();
  const changed = new Set<string>();
  for (const def of allFields) {
    const parsed = parse(def, values[def.path] ?? '');
    if (parsed === undefined) {
      errors.set(def.path, { key: def.kind === 'time' ? 'contactPolicy.err.time' : 'contactPolicy.err.whole' });
      changed.add(def.path);
      continue;
    }
    candidate[def.path] = parsed;
    if (JSON.stringify(parsed) !== JSON.stringify(compareWith[def.path])) changed.add(def.path);
  }
  const result = contactPolicySchema.safeParse(candidate);
  if (result.success) return { policy: errors.size > 0 ? null : result.data, errors, changed };
  for (const issue of result.error.issues) {
    const path = String(issue.path[0] ?? '');
    const def = allFields.find((d) => d.path === path);
    if (!def || errors.has(path)) continue;
    const shown = (x: unknown) => (def.kind === 'time' ? minuteOfDayText(Number(x)) : Number(x));
    if (issue.code === 'too_small') errors.set(path, { key: 'contactPolicy.err.min', params: { min: shown(issue.minimum) } });
    else if (issue.code === 'too_big') errors.set(path, { key: 'contactPolicy.err.max', params: { max: shown(issue.maximum) } });
    else if (path === 'phoneEndMinute') errors.set(path, { key: 'contactPolicy.err.hours' });
    else errors.set(path, { key: 'contactPolicy.err.invalid' });
  }
  return { policy: null, errors, changed };
}

/** The active value of a field as the form shows it (for "active: 09:00" beside a changed field). */
export function shownValue(p: ContactPolicy, def: FieldDef, channelName: (c: Channel) => string, separator: string): string {
  return fieldValueText(def, p[def.path], channelName, separator);
}

/** A value as the form shows it; an empty channel list as `none`. */
function fieldValueText(def: FieldDef, v: unknown, channelName: (c: Channel) => string, separator: string, none = '—'): string {
  if (def.kind === 'channels') return (v as Channel[]).map(channelName).join(separator) || none;
  if (def.kind === 'time') return minuteOfDayText(v as number);
  return String(v);
}


/** How a version's changes are worded: the page passes its messages. */
export interface ChangeWords {
  locale: string;
  /** A number with its unit: "120 分钟", "1 day". */
  amount(unit: Unit, n: string): string;
  channelName(c: Channel): string;
  /** Between channels. */
  separator: string;
  /** A filter at 0 (`zeroOff`), and a channel list left empty. */
  off: string;
  none: string;
  /** "before → after". */
  fromTo(before: string, after: string): string;
}

/**
 * What a version did to one setting, as the form shows values: "09:00 → 08:30", "120 分钟 → 240 分钟", a filter at 0
 * as off, channels by name (none when empty); "—" where one side lacks the setting (a version saved by an older app).
 */
export function settingChangeText(c: SettingChange, w: ChangeWords): string {
  const def = allFields.find((d) => d.path === c.path);
  const text = (v: unknown): string => {
    if (v === undefined) return '—';
    if (!def) return String(v);
    if (def.kind !== 'number') return fieldValueText(def, v, w.channelName, w.separator, w.none);
    if (def.zeroOff && v === 0) return w.off;
    const n = new Intl.NumberFormat(w.locale).format(v as number);
    return def.unit ? w.amount(def.unit, n) : n;
  };
  return w.fromTo(text(c.before), text(c.after));
}

/** Changes in the order the page shows their settings (not the order they are stored in). */
export const inFormOrder = (changes: readonly SettingChange[]): SettingChange[] => inSettingOrder(changes, fieldPaths);
const fieldPaths = allFields.map((d) => d.path);
