import { describe, expect, it } from 'vitest';
import { reasonText, tagText } from '../../../core/risk/messages';
import { valueWord } from '../../../core/worklist/value-words';
import { conditionNoteText } from '../../../core/offers/match';
import { conditionText } from '../../../core/segments/words';

/**
 * A canonical column value (stored as the file's Chinese word) is said in the reader's language: an English screen said
 * "Status: 正常" and "Has a second SIM with a competitor (移动+联通)" (found by a new user).
 */
describe('the words of canonical column values', () => {
  it('are English on an English screen and stay as stored on a Chinese one; a value outside the vocabulary as stored', () => {
    expect(valueWord('en', 'status', '正常')).toBe('active');
    expect(valueWord('en', 'status', '欠费停机')).toBe('suspended for arrears');
    expect(valueWord('en', 'brand', '全球通')).toBe('GoTone');
    expect(valueWord('zh-CN', 'status', '正常')).toBe('正常');
    expect(valueWord('en', 'status', '某地方言状态')).toBe('某地方言状态');
    expect(valueWord('en', 'plan_name', '正常')).toBe('正常'); // only the columns with a vocabulary
  });

  it('in the reasons and tags that quote them', () => {
    expect(reasonText('en', { code: 'dual-sim', params: { value: '移动+联通' } })).toBe('Has a second SIM with a competitor (CMCC + Unicom)');
    expect(reasonText('zh-CN', { code: 'dual-sim', params: { value: '移动+联通' } })).toBe('持有异网双卡（移动+联通）');
    expect(reasonText('en', { code: 'status-terminal', params: { status: '预销号' } })).toContain('closing');
    expect(tagText('en', { code: 'dual_sim', params: { value: '移动+电信' } } as never)).toBe('Dual-SIM user (CMCC + Telecom)');
    expect(tagText('zh-CN', { code: 'dual_sim', params: { value: '移动+电信' } } as never)).toBe('双卡用户（移动+电信）');
  });
});

describe('the words of canonical column values in conditions', () => {
  it("in an offer's condition on the card, and in a segment's or campaign's condition", () => {
    const note = { code: 'offer.cond.in', params: { field: 'dual_sim', value: '移动+联通/移动+电信', actual: '移动+联通' } };
    expect(conditionNoteText('en', note)).toContain('CMCC + Unicom/CMCC + Telecom (now CMCC + Unicom)');
    expect(conditionNoteText('zh-CN', note)).toContain('移动+联通/移动+电信');
    expect(conditionText('en', { all: [{ field: 'status', op: 'in', value: ['停机', '欠费停机'] }] } as never)).toContain('suspended/suspended for arrears');
    expect(conditionText('zh-CN', { all: [{ field: 'status', op: 'in', value: ['停机', '欠费停机'] }] } as never)).toContain('停机/欠费停机');
  });
});
