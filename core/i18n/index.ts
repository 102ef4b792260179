/**
 * Messages that core produces as data (a code and parameters) and that are turned into words only where they
 * are shown or exported, in the reader's language. Stored import reports therefore keep codes, and a report
 * made in Chinese can be read again in English.
 */
import { fieldByKey } from '../worklist/fields';
import { channelLabels, dispositionLabels } from '../contact/codes';
import { catalogueMessagesEn, catalogueMessagesZh, type CatalogueMessageCode } from './catalogue-messages';
import { exchangeMessagesEn, exchangeMessagesZh, type ExchangeMessageCode } from './exchange-messages';
import { riskMessagesEn, riskMessagesZh, type RiskMessageCode } from './risk-messages';
import { outcomeMessagesEn, outcomeMessagesZh, type OutcomeMessageCode } from './outcome-messages';
import { offerMessagesEn, offerMessagesZh, type OfferMessageCode } from './offer-messages';
import { apiMessagesEn, apiMessagesZh, type ApiMessageCode } from './api-messages';
import { ruleMessagesEn, ruleMessagesZh, type RuleMessageCode } from './rule-messages';
import { campaignMessagesEn, campaignMessagesZh, type CampaignMessageCode } from './campaign-messages';
import { cliMessagesEn, cliMessagesZh, type CliMessageCode } from './cli-messages';
import { choosePlurals } from './plural';

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];
export const defaultLocale: Locale = 'zh-CN';

export type MessageCode = ExchangeMessageCode | CatalogueMessageCode | OutcomeMessageCode | RiskMessageCode | OfferMessageCode | ApiMessageCode | RuleMessageCode | CampaignMessageCode | CliMessageCode;
export type MessageParams = Readonly<Record<string, string | number>>;

const tables: Record<Locale, Readonly<Record<MessageCode, string>>> = {
  'zh-CN': { ...exchangeMessagesZh, ...catalogueMessagesZh, ...outcomeMessagesZh, ...riskMessagesZh, ...offerMessagesZh, ...apiMessagesZh, ...ruleMessagesZh, ...campaignMessagesZh, ...cliMessagesZh },
  en: { ...exchangeMessagesEn, ...catalogueMessagesEn, ...outcomeMessagesEn, ...riskMessagesEn, ...offerMessagesEn, ...apiMessagesEn, ...ruleMessagesEn, ...campaignMessagesEn, ...cliMessagesEn },
};

export function isMessageCode(code: string): code is MessageCode {
  return Object.prototype.hasOwnProperty.call(tables['zh-CN'], code);
}

/** Between the items of a list parameter (`listParam`): a control character no text the app words holds. */
const LIST_SEPARATOR = '\u001f';

/** Several items as one message parameter, shown joined in the reader's language (formatMessage). */
export const listParam = (items: readonly (string | number)[]): string => items.map(String).join(LIST_SEPARATOR);

/** Items joined as the reader's language lists them: 甲、乙 in Chinese, A, B in English (one rule for messages and workbooks). */
export const joinList = (locale: Locale, items: readonly string[]): string => items.join(locale === 'zh-CN' ? '、' : ', ');

const numberFormats = new Map<Locale, Intl.NumberFormat>();
function formatNumber(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

/**
 * The message for `code` in `locale`, with `{name}` placeholders filled from `params`.
 *
 * Numbers are written with the locale's digit grouping (row 12,345); anything that must appear exactly as in
 * the file — a cell's text, a year — is passed as a string. A parameter named `field` holding a canonical
 * field key is shown as that field's label in the locale, so stored issues need not carry translated names
 * (a fact the app computes, like risk_level, by `rule.field.<key>`; anything else — an extra column's header — as
 * itself); so is a `disposition` or `channel` holding its code (core/contact/codes.ts). `stage` and `valueType`
 * holding a rule's stage or value type are shown as `rule.stage.*` / `rule.type.*`.
 * A parameter named `problem` holding a message code is shown as that message, with the same parameters: a
 * failure can wrap a reader's coded problem (`{file}: {problem}`) and still be worded once, in the locale.
 * A parameter made by `listParam` (several items in one string) is joined in the locale's way: 甲、乙 / A, B.
 * An unknown code (from a newer version, say) is shown as the code itself rather than failing.
 */
export function formatMessage(locale: Locale, code: MessageCode | string, params?: MessageParams): string {
  const template = isMessageCode(code) ? tables[locale][code] : code;
  if (!params) return template;
  return choosePlurals(template, params).replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name]!;
    if (name === 'field' && typeof value === 'string') {
      const def = fieldByKey.get(value);
      if (def) return locale === 'zh-CN' ? def.zh : def.en;
      const derived = `rule.field.${value}`;
      if (isMessageCode(derived)) return tables[locale][derived];
    }
    if ((name === 'stage' || name === 'valueType') && typeof value === 'string') {
      const word = `rule.${name === 'stage' ? 'stage' : 'type'}.${value}`;
      if (isMessageCode(word)) return tables[locale][word];
    }
    // A disposition or channel code is shown as its label, so a failure about one needs no translated parameter.
    if (name === 'disposition' && typeof value === 'string' && Object.prototype.hasOwnProperty.call(dispositionLabels, value)) {
      const l = dispositionLabels[value as keyof typeof dispositionLabels];
      return locale === 'zh-CN' ? l.zh : l.en;
    }
    if (name === 'channel' && typeof value === 'string' && Object.prototype.hasOwnProperty.call(channelLabels, value)) {
      const l = channelLabels[value as keyof typeof channelLabels];
      return locale === 'zh-CN' ? l.zh : l.en;
    }
    if (name === 'problem' && typeof value === 'string' && isMessageCode(value)) {
      const { problem: _nested, ...inner } = params;
      return formatMessage(locale, value, inner);
    }
    if (typeof value === 'number') return formatNumber(locale, value);
    return value.includes(LIST_SEPARATOR) ? joinList(locale, value.split(LIST_SEPARATOR)) : value;
  });
}
