import type { Locale } from '../i18n';

/**
 * The English words of the canonical values work-list columns take (the vocabularies of core/worklist/cells.ts: a
 * file's 在用 or "active" is stored as 正常). The stored value stays the file's language, as the central system reads
 * it; an English screen said "Status: 正常" and "Has a second SIM with a competitor (移动+联通)" (found by a new user).
 * China Mobile's own English brand names are used for its brands. A value outside the vocabulary is shown as stored.
 */
const english: Partial<Record<string, Readonly<Record<string, string>>>> = {
  status: { 正常: 'active', 停机: 'suspended', 欠费停机: 'suspended for arrears', 预销号: 'closing', 保留期: 'in the retention period', 冷冻期: 'frozen' },
  dual_sim: { 无: 'none', '移动+联通': 'CMCC + Unicom', '移动+电信': 'CMCC + Telecom', '移动+广电': 'CMCC + Broadnet', 是: 'yes' },
  brand: { 全球通: 'GoTone', 动感地带: 'M-Zone', 神州行: 'Easyown' },
  region_type: { 城市: 'city', 县城: 'county town', 农村: 'rural' },
  // The central systems' usual words for these (an English screen said "Contract type: 无合约", found by a new user).
  contract_type: {
    无合约: 'no contract',
    存费送费: 'prepay with bonus credit',
    购机合约: 'handset contract',
    宽带融合合约: 'broadband bundle contract',
    保底消费合约: 'minimum-spend contract',
    存费送机: 'prepay with free handset',
  },
  channel_pref: { 营业厅: 'service hall', 手机营业厅: 'mobile app', 网上营业厅: 'online hall', '10086热线': '10086 hotline', 社会渠道: 'third-party dealer' },
  contact_pref: { 外呼: 'phone call', 短信: 'SMS', 营业厅: 'service hall', 上门: 'home visit' },
};

/** A stored value of a canonical column in the reader's language. */
export function valueWord(locale: Locale, field: string, value: string): string {
  return locale === 'en' ? (english[field]?.[value] ?? value) : value;
}
