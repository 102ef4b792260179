import type { Locale } from '../../i18n';

/** The figures of the offers panel and the tariff preview, in the UI's language (minus as U+2212). */
export function offerNumbersFor(locale: Locale) {
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const short = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const signedMoney = (n: number) => (n < 0 ? `\u2212${money.format(-n)}` : money.format(n));
  return {
    whole: (n: number) => (n < 0 ? `\u2212${whole.format(-n)}` : whole.format(n)),
    money: signedMoney,
    short: (n: number) => short.format(n),
    pct: (p: number) => whole.format(p * 100),
    /**
     * A tariff option's monthly saving against today's bill, the sign before ¥ as in "+¥8.70" and the 换品牌 chip's
     * "−¥126.94/月" (a dearer option read "¥−16.75").
     */
    saving: (n: number) => `${n > 0 ? '+' : n < 0 ? '\u2212' : ''}¥${money.format(Math.abs(n))}`,
  };
}
