import type { SubscriberView } from '../../../../core/api';
import { tierInFile } from '../../../../core/risk/tags';
import { valueWord } from '../../../../core/worklist/value-words';
import { useLocale } from '../../i18n';
import { useRiskWords } from '../../components/RiskLevelChip';
import { useFormat } from '../../format';
import { fieldValue, type Display } from './cardModel';

/**
 * A customer's field as the card and the 360 view show it: formatted for its kind, and a tier the file names in words
 * the app knows (金卡, Gold, 普通) said in the UI's language, as the risk panel's tier chip says it — the card's profile
 * read "Tier 普通" in English; a canonical value (a status, a brand, a dual SIM) the same (core/worklist/value-words.ts).
 * Any other text is the file's own.
 */
export function useFieldText(): (customer: SubscriberView, key: string, display?: Display) => string {
  const fmt = useFormat();
  const words = useRiskWords();
  const locale = useLocale();
  return (customer, key, display = 'text') => {
    const value = fieldValue(customer, key);
    const tier = key === 'tier' ? tierInFile(value) : undefined;
    if (tier) return words.tier(tier);
    // A canonical value (状态 正常, 品牌 全球通 …) in the UI's language (core/worklist/value-words.ts).
    return typeof value === 'string' && display === 'text' ? valueWord(locale, key, value) : fmt[display](value);
  };
}
