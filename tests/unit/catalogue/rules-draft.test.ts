import { describe, expect, it } from 'vitest';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { translator } from '../../../renderer/src/i18n/catalogue';
import { draftFromJson, draftFromRules, rulesFromDraft, rulesToJson } from '../../../renderer/src/pages/catalogue/rulesDraft';

/** The offer rules editor (Offers & plans page): what a supervisor sees as rows is exactly the stored rules. */
describe('offer rules editor', () => {
  const t = translator('zh-CN');

  it('reads every default offer’s rules into rows and back unchanged, and through the JSON box too', () => {
    for (const offer of defaultOffers) {
      const back = rulesFromDraft(draftFromRules(offer.rules), t);
      expect(back.messages, offer.code).toEqual([]);
      expect(back.rules, offer.code).toEqual(offer.rules);
      const json = draftFromJson(rulesToJson(offer.rules), t);
      expect(json.ok, offer.code).toBe(true);
      if (json.ok) expect(rulesFromDraft(json.draft, t).rules, offer.code).toEqual(offer.rules);
    }
  });

  it('refuses broken JSON and unknown parts in the user’s language, naming the place', () => {
    const broken = draftFromJson('{"eligible": [', t);
    expect(broken.ok).toBe(false);
    const unknownStage = draftFromJson('{"sometimes": []}', translator('en'));
    expect(unknownStage).toMatchObject({ ok: false });
    if (!unknownStage.ok) expect(unknownStage.message).toContain('sometimes');
    // An unknown field is named too ("不认识的字段"); here the field is real and the comparison is not.
    const badOp = draftFromJson('{"eligible": [{"field": "arpu_m3", "op": ">>", "value": 1}]}', t);
    const message = badOp.ok ? rulesFromDraft(badOp.draft, t).messages.join(' ') : badOp.message;
    expect(message).toContain('eligible[0]');
    expect(message).toContain('>>');
  });
});
