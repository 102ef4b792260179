/**
 * Normalises a mainland-China mobile number as it arrives from a keyboard, a paste or a spreadsheet cell:
 * numeric cells, "+86", "0086", "86-", spaces, dashes, dots, brackets and full-width digits are accepted.
 * A number that Excel turned into scientific notation (1.38888E+10) has lost digits: that is an error,
 * never a guess.
 */
export type MsisdnResult =
  | { ok: true; msisdn: string }
  | { ok: false; problem: 'empty' | 'lost-digits' | 'not-a-number' | 'wrong-length' | 'not-mobile' };

const MOBILE = /^1[3-9]\d{9}$/;

export function normalizeMsisdn(raw: unknown): MsisdnResult {
  if (raw === null || raw === undefined) return { ok: false, problem: 'empty' };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || !Number.isInteger(raw)) return { ok: false, problem: 'not-a-number' };
    return check(String(raw));
  }
  let s = String(raw)
    // full-width digits and signs → ASCII
    .replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF08\uFF09]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim();
  if (s === '') return { ok: false, problem: 'empty' };
  if (/^\d+(\.\d+)?[eE][+]?\d+$/.test(s)) return { ok: false, problem: 'lost-digits' };
  s = s.replace(/[\s\-.()\u3000\u2010-\u2015]/g, '');
  if (s.startsWith('+')) {
    s = s.slice(1);
    // A country code other than China's: not a mainland mobile, whatever its digits look like (+1 415… read as 141…).
    if (/^\d+$/.test(s) && !s.startsWith('86') && !s.startsWith('0086')) return { ok: false, problem: 'not-mobile' };
  }
  if (!/^\d+$/.test(s)) return { ok: false, problem: 'not-a-number' };
  if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return check(s);
}

function check(s: string): MsisdnResult {
  if (s.length !== 11) return { ok: false, problem: 'wrong-length' };
  if (!MOBILE.test(s)) return { ok: false, problem: 'not-mobile' };
  return { ok: true, msisdn: s };
}
