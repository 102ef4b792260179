import { choosePlurals, type Placeholders } from '../../../core/i18n/plural';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];
export const defaultLocale: Locale = 'zh-CN';

type Reference = typeof zhCN;
export type MessageKey = keyof Reference;

/** Every catalogue has exactly the reference's keys: a missing one fails `satisfies`, an extra one too. */
export type Catalogue = { readonly [K in MessageKey]: string };
/** One area of a translation has exactly the keys of the same area of the reference. */
export type AreaCatalogue<Reference> = { readonly [K in keyof Reference]: string };

type KeysOfAll<Areas> = Areas extends readonly [infer First, ...infer Rest] ? keyof First | KeysOfAll<Rest> : never;
/** The keys that are in more than one of the areas (never when they are disjoint). */
type SharedKeys<Areas> = Areas extends readonly [infer First, ...infer Rest] ? (keyof First & KeysOfAll<Rest>) | SharedKeys<Rest> : never;
/** `true` when no key is in two areas; otherwise the shared keys, so that assigning `true` fails and names them. */
export type DisjointAreas<Areas extends readonly object[]> = [SharedKeys<Areas>] extends [never] ? true : SharedKeys<Areas>;

export type MessageParams<K extends MessageKey> = Placeholders<Reference[K]>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * A translation that drops or renames a placeholder would silently print the raw `{name}`; this makes it a
 * compile error instead. The type below names the offending keys.
 */
type PlaceholderMismatch = {
  [K in MessageKey]: Same<Placeholders<(typeof en)[K]>, Placeholders<Reference[K]>> extends true ? never : K;
}[MessageKey];
const placeholdersAgree: [PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch = true;
void placeholdersAgree;

export const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return choosePlurals(template, params).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Messages without placeholders: the only ones that may be chosen at run time and called with no params. */
export type PlainMessageKey = { [K in MessageKey]: [MessageParams<K>] extends [never] ? K : never }[MessageKey];
type ParamMessageKey = Exclude<MessageKey, PlainMessageKey>;

export interface TFunction {
  (key: PlainMessageKey): string;
  <K extends ParamMessageKey>(key: K, params: Record<MessageParams<K>, string | number>): string;
  /** The language it speaks: what core's coded messages (a failure's key and parameters) are worded in. */
  readonly locale: Locale;
}

export function translator(locale: Locale): TFunction {
  const catalogue = catalogues[locale];
  return Object.assign((key: MessageKey, params?: Params) => interpolate(catalogue[key], params), { locale }) as TFunction;
}
