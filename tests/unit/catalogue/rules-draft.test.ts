import { describe, expect, it } from 'vitest';
import { defaultOffers } from '../../../core/offers/default-catalogue';
import { translator } from '../../../renderer/src/i18n/catalogue';
import { draftFromJson, draftFromRules, newCond, rulesFromDraft, rulesToJson } from '../../../renderer/src/pages/catalogue/rulesDraft';

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

  it('a column of an imported file, typed as the supervisor would: 是 is yes, a number a number, 0~30 a range of days', () => {
    const col = (column: string, op: string, value: string) => ({ ...newCond('column'), column, op: op as never, value });
    const field = (f: string, op: string, value: string) => ({ ...newCond('field'), field: f, op: op as never, value });
    const draft = {
      eligible: [col('有车一族', '=', '是'), col('积分', '>=', '1000'), col('最近退订日期', 'days-ago', '0~365'), field('contract_end', 'days-until', '0-60')],
      notIf: [],
      unsuitableIf: [],
    };
    const r = rulesFromDraft(draft, t, new Set(['有车一族', '积分']));
    expect(r.messages).toEqual([]);
    expect(r.rules).toEqual({
      eligible: [
        { column: '有车一族', op: '=', value: true },
        { column: '积分', op: '>=', value: 1000 },
        { column: '最近退订日期', op: 'days-ago', value: [0, 365] },
        { field: 'contract_end', op: 'days-until', value: [0, 60] },
      ],
    });
    // Saved with a warning: no file has brought 最近退订日期 yet.
    expect(r.warnings).toEqual(['可推荐条件第 3 条（eligible[2]）：本工作区还没有导入过“最近退订日期”这一列，在导入前此条件按“未知”处理（不会成立）']);
    // And back into rows as the supervisor typed them.
    const back = draftFromRules(r.rules!);
    expect(back.eligible.map((d) => [d.kind, d.column || d.field, d.op, d.value])).toEqual([
      ['column', '有车一族', '=', '是'],
      ['column', '积分', '>=', '1000'],
      ['column', '最近退订日期', 'days-ago', '0~365'],
      ['field', 'contract_end', 'days-until', '0~60'],
    ]);
  });

  it('a value of the wrong type is refused by the condition language, naming the place', () => {
    const draft = { eligible: [], notIf: [{ ...newCond('field'), field: 'contract_end', op: '<' as const, value: '下个月' }], unsuitableIf: [] };
    const r = rulesFromDraft(draft, t);
    expect(r.rules).toBeNull();
    expect(r.messages).toEqual(['不适用条件第 1 条（notIf[0]）：合约到期日“<”的比较值应为日期（如 2026-12-31），而不是 下个月']);
  });
});
