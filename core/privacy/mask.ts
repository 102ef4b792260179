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
