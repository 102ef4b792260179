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

/**
 * A mainland mobile number inside any text, as people write it: 13912345678, 139-1234-5678, 139 1234 5678 — not a
 * run of digits longer than that (an IMEI, an account number), which the look-arounds leave alone.
 */
const MOBILE_IN_TEXT = /(?<![\d-])1[3-9]\d(?:[- ]?\d){8}(?![\d-])/g;

/** A header that names a person: its words are a name (紧急联系人, 机主姓名, 经办人, Contact name). */
const PERSON_HEADER = /姓名|联系人|名字|机主|户主|经办人|家属|亲属|^name$|contact|person/i;

/**
 * An extra column's value as the card shows it (docs/product.md §8, "masked until revealed"): every mobile number in
 * it masked (a contact number, a remark quoting one), and under a header that names a person, the other words masked
 * as names (紧急联系人 李四光 13912345678 → 李** 139****5678). Anything else is returned as it is, the same value.
 */
export function maskContactValue<V>(header: string, value: V): V | string {
  if (typeof value === 'number') return Number.isInteger(value) && /^1[3-9]\d{9}$/.test(String(value)) ? maskMsisdn(value)! : value;
  if (typeof value !== 'string') return value;
  const numbersMasked = value.replace(MOBILE_IN_TEXT, (m) => maskMsisdn(m.replace(/\D/g, ''))!);
  if (!PERSON_HEADER.test(header.trim())) return numbersMasked === value ? value : numbersMasked;
  const words = numbersMasked.split(/(\s+|[,，、;；/])/);
  return words.map((w) => (w.trim() === '' || /[\d*]/.test(w) || /^[\s,，、;；/]+$/.test(w) ? w : maskName(w)!)).join('');
}

/** Every extra column of a card masked (`maskContactValue`); the record itself when nothing needed it. */
export function maskContactValues<V>(record: Readonly<Record<string, V>>): Record<string, V | string> {
  let out: Record<string, V | string> | null = null;
  for (const key of Object.keys(record)) {
    const v = record[key]!;
    const masked = maskContactValue(key, v);
    if (masked !== v) (out ??= { ...record })[key] = masked;
  }
  return out ?? record;
}
