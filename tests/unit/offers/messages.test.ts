import { describe, expect, it } from 'vitest';
import { generateSubscribers } from '../../../core/demo/generator';
import { formatMessage, isMessageCode, locales } from '../../../core/i18n';
import { offerMessagesEn, offerMessagesZh } from '../../../core/i18n/offer-messages';
import { buildAcceptanceTable } from '../../../core/offers/acceptance';
import { knownRuleTags } from '../../../core/offers/catalogue';
import { defaultOffers, defaultPlans } from '../../../core/offers/default-catalogue';
import { compileCatalogue, type ConditionNote, type SubscriberValues } from '../../../core/offers/match';
import { negativeValueOffers, rankOffers } from '../../../core/offers/rank';
import { tariffPreview } from '../../../core/offers/tariff';
import { tagCodes } from '../../../core/risk/tags';
import { listTypes } from '../../../core/worklist/fields';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const today = '2026-11-20';

describe('offer messages', () => {
  it('have the same codes and placeholders in Chinese and English', () => {
    expect(Object.keys(offerMessagesEn).sort()).toEqual(Object.keys(offerMessagesZh).sort());
    for (const [code, zh] of Object.entries(offerMessagesZh)) expect(placeholders(offerMessagesEn[code as keyof typeof offerMessagesEn]), code).toEqual(placeholders(zh));
  });

  it('name every rule tag and list type', () => {
    for (const t of knownRuleTags) {
      expect(isMessageCode(`offer.cond.tag.${t}`), t).toBe(true);
      expect(isMessageCode(`offer.cond.no-tag.${t}`), t).toBe(true);
    }
    for (const l of listTypes) expect(isMessageCode(`offer.cond.list.${l}`), l).toBe(true);
    // The risk module's tags are the catalogue's rule tags.
    expect([...tagCodes].sort()).toEqual([...knownRuleTags].sort());
  });

  it('cover every reason, condition and note the matcher, ranking and preview produce on generated data', () => {
    const compiled = compileCatalogue(defaultOffers);
    const acceptance = buildAcceptanceTable([{ offerCode: 'DATA_PACK', disposition: 'accepted', segment: 'none.mass' }]);
    const notes: ConditionNote[] = [];
    let i = 0;
    for (const r of generateSubscribers({ seed: 3, count: 2000, today })) {
      const s = r as unknown as SubscriberValues;
      const channel = (['phone', 'sms', 'hall', 'visit'] as const)[i % 4]!;
      const m = compiled.match({
        subscriber: s, tags: i % 3 === 0 ? ['data_heavy', 'family'] : [], listTypes: i % 5 === 0 ? ['dual_sim'] : [],
        history: i % 7 === 0 ? [{ offerCode: 'DATA_PACK', disposition: 'declined', at: '2026-11-01' }, { offerCode: 'FAMILY_PLAN', disposition: 'accepted', at: '2026-11-01' }] : [],
        budgetUsed: i % 11 === 0 ? { DATA_PACK: 1000, CONTRACT_REWARD: 1000 } : {}, channel, today, now: '2026-11-20T01:00:00Z',
      });
      for (const e of m.excluded) notes.push({ code: e.reason.code, params: e.reason.params }, ...(e.reason.conditions ?? []), { code: `offer.stage.${e.stage}`, params: {} });
      // Every customer-day may bring a trial offer (share 1): its note is covered too.
      const rankContext = { pChurn: (i % 10) / 10, arpu: i % 13 === 0 ? null : 60, segment: 'none.mass', acceptance, matched: m.matched, trialKey: `${i}|${today}`, trialShare: 1 };
      for (const x of rankOffers(m.candidates, rankContext)) notes.push(...x.why);
      for (const x of negativeValueOffers(m.candidates, rankContext)) notes.push(x.reason, { code: 'offer.stage.value', params: {} });
      const t = tariffPreview(i % 17 === 0 ? {} : s, defaultPlans, typeof s.plan_code === 'string' ? s.plan_code : null);
      notes.push(...t.notes, ...t.options.flatMap((o) => o.why));
      i++;
    }
    const seen = new Set<string>();
    for (const n of notes) {
      expect(isMessageCode(n.code), n.code).toBe(true);
      if (seen.has(n.code)) continue;
      seen.add(n.code);
      for (const locale of locales) expect(formatMessage(locale, n.code, n.params), `${n.code} ${locale}`).not.toMatch(/\{\w+\}/);
    }
    expect(seen.size).toBeGreaterThan(30);
    expect(seen.has('offer.why.trial')).toBe(true);
  });
});
