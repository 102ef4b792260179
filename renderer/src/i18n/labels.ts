/**
 * Labels defined once in core, for the screen (useLabels) and for tests that hold the files to the screen's words.
 * Kept apart from index.ts, which holds the locale store (browser storage).
 */
import {
  channelLabels,
  competitorLabels,
  dispositionLabels,
  feedbackCategoryLabels,
  importanceLabels,
  reasonLabels,
} from '../../../core/contact/codes';
import { taskStatusLabels } from '../../../core/contact/status';
import { workListNameFor } from '../../../core/campaigns/defaults';
import { fieldByKey, listTypeLabels, type ListType } from '../../../core/worklist/fields';
import type { Locale } from './catalogue';

type Bilingual = { zh: string; en: string };
const pick = (label: Bilingual, locale: Locale): string => (locale === 'zh-CN' ? label.zh : label.en);

/**
 * Labels defined once in core (field names, list types, contact codes). A code the table does not know —
 * e.g. one from a newer outcome file — is shown as itself rather than hidden.
 */
export interface Labels {
  field(key: string): string;
  listType(type: ListType): string;
  /** A work list's name: a built-in campaign's list in the reader's language, any other as stored (workListNameFor). */
  listName(name: string): string;
  disposition(code: string): string;
  channel(code: string): string;
  reason(code: string): string;
  competitor(code: string): string;
  feedbackCategory(code: string): string;
  importance(code: string): string;
  /** A task status (core/contact/status.ts taskStatusLabels, the outcome files' words too). */
  status(code: string): string;
}

const lookup = <T extends Bilingual>(table: Record<string, T>, code: string, locale: Locale): string =>
  Object.prototype.hasOwnProperty.call(table, code) ? pick(table[code] as T, locale) : code;

export function labelsFor(locale: Locale): Labels {
  return {
    field: (key) => {
      const def = fieldByKey.get(key);
      return def ? pick(def, locale) : key;
    },
    listType: (type) => pick(listTypeLabels[type], locale),
    listName: (name) => workListNameFor(locale, name),
    disposition: (code) => lookup(dispositionLabels, code, locale),
    channel: (code) => lookup(channelLabels, code, locale),
    // Churn outcomes may record the competitor instead of a reason code.
    reason: (code) =>
      Object.prototype.hasOwnProperty.call(reasonLabels, code)
        ? lookup(reasonLabels, code, locale)
        : lookup(competitorLabels, code, locale),
    competitor: (code) => lookup(competitorLabels, code, locale),
    feedbackCategory: (code) => lookup(feedbackCategoryLabels, code, locale),
    importance: (code) => lookup(importanceLabels, code, locale),
    status: (code) => lookup(taskStatusLabels, code, locale),
  };
}
