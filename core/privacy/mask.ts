import { maskedRecord } from './identity';

/**
 * Masking of personal data on screen (docs/product.md §8): 13812346886 → 138****6886, 吴小明 → 吴**.
 * The clear values leave the backend only through an explicit, audited reveal.
 */
export function maskMsisdn(msisdn: string | number | null | undefined): string | null {
  if (msisdn === null || msisdn === undefined) return null;
  const s = String(msisdn);
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

export function maskName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  // Latin names: keep the initial of each word so two customers stay distinguishable at a glance.
  if (/^[\x20-\x7e]+$/.test(name)) {
    return name
      .trim()
      .split(/\s+/)
      .map((w) => `${w[0]}${'*'.repeat(Math.max(1, w.length - 1))}`)
      .join(' ');
  }
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

const DIGIT = '[0-9\uFF10-\uFF19]';
/**
 * A mainland mobile number inside any text, as people write it: 13912345678, 139-1234-5678, 139 1234 5678, 139.1234.5678,
 * with +86 or 86 before it, in full-width digits — not a run of digits longer than that (an IMEI, an account number),
 * which the look-arounds leave alone.
 */
const MOBILE_IN_TEXT = new RegExp(`(?<![0-9\uFF10-\uFF19-])(?:[+\uFF0B]?(?:86|\uFF18\uFF16)[- ]?)?[1\uFF11][3-9\uFF13-\uFF19](?:[- .]?${DIGIT}){9}(?![0-9\uFF10-\uFF19-])`, 'gu');
/** A landline with its area code: 0792-8123456, (0792)8234567, 0871 65123456. */
const LANDLINE_IN_TEXT = /(?<![0-9])(?:\(0\d{2,3}\)|0\d{2,3}[- ])\d{7,8}(?![0-9])/gu;

/** A header that names a person: its words are a name (紧急联系人, 机主姓名, 经办人, Contact name). */
const PERSON_HEADER = /姓名|联系人|名字|机主|户主|经办人|家属|亲属|^name$|contact|person/i;
/** A header of other contact details, which keep only their first characters (QQ, 微信号, 邮箱, 家庭地址). */
const CONTACT_HEADER = /qq|微信|wechat|邮箱|e-?mail|地址|住址|address/i;

/** Full-width digits as ASCII ones. */
const asciiDigits = (s: string) => s.replace(/[\uFF10-\uFF19]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
/** A phone number found in text, masked as a number is: its digits without a country code. */
const maskedPhone = (m: string) => {
  const digits = asciiDigits(m).replace(/\D/g, '');
  return maskMsisdn(digits.length > 11 && digits.startsWith('86') && /^1[3-9]/.test(digits.slice(2)) ? digits.slice(2) : digits)!;
};

/**
 * Free text as screens show it (an agent's note on an attempt, feedback, an experience note): every phone number in
 * it masked, as the customer's own number is until revealed. An agent wrote "客户说打 13911112222 找他" and every
 * agent read it in clear (found by the second security pass).
 */
export function maskPhonesInText(text: string): string {
  return text.replace(MOBILE_IN_TEXT, maskedPhone).replace(LANDLINE_IN_TEXT, maskedPhone);
}

/**
 * An extra column's value as the card shows it (docs/product.md §8, "masked until revealed"): every phone number in
 * it masked (a contact number, a remark quoting one), under a header that names a person the names in it too
 * (紧急联系人 李四光 13912345678 → 李** 139****5678; 张伟13922223333 → 张*139****3333), and a QQ, WeChat, e-mail or
 * address column cut to its first two characters. Anything else is returned as it is, the same value.
 */
export function maskContactValue<V>(header: string, value: V): V | string {
  const h = header.trim();
  if (typeof value === 'number') return Number.isInteger(value) && /^1[3-9]\d{9}$/.test(String(value)) ? maskMsisdn(value)! : CONTACT_HEADER.test(h) && /qq/i.test(h) ? maskKeepingStart(String(value)) : value;
  if (typeof value !== 'string') return value;
  if (CONTACT_HEADER.test(h)) return value.trim() === '' ? value : maskKeepingStart(value);
  const numbersMasked = maskPhonesInText(value);
  if (!PERSON_HEADER.test(h)) return numbersMasked === value ? value : numbersMasked;
  // Each run of letters is a name (or a relation beside one, 父亲: masked too, which is safe).
  return numbersMasked.replace(/\p{L}+/gu, (w) => maskName(w)!);
}

/** The first two characters, then one * for each of the rest. */
const maskKeepingStart = (s: string) => {
  const chars = Array.from(s);
  return chars.length <= 2 ? '*'.repeat(chars.length) : chars.slice(0, 2).join('') + '*'.repeat(chars.length - 2);
};

/** Every extra column of a card masked (`maskContactValue`); the record itself when nothing needed it. */
export function maskContactValues<V>(record: Readonly<Record<string, V>>): Record<string, V | string> {
  return maskedRecord(record, maskContactValue);
}
