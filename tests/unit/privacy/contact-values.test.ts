import { describe, expect, it } from 'vitest';
import { maskContactValue, maskContactValues } from '../../../core/privacy/mask';

/** docs/product.md §8: a contact number or name in an extra column is masked on the card, as the customer's own are. */
describe('contact numbers and names in extra columns', () => {
  it('masks every mobile number however it is written, and only mobile numbers', () => {
    expect(maskContactValue('联系电话', 13812340000)).toBe('138****0000');
    expect(maskContactValue('联系电话', '13812340000')).toBe('138****0000');
    expect(maskContactValue('备注', '白天打 139-1234-5678，晚上 139 8765 4321')).toBe('白天打 139****5678，晚上 139****4321');
    // Not a mobile number: an IMEI, an account, an amount, a date, a landline, a number starting 12.
    for (const v of ['861234567890123', '6222021234567890123', 2080, 13.5, '2026-11-23', '0871-12345678', '12345678901', 138123400001]) expect(maskContactValue('备注', v)).toBe(v);
  });

  it('under a header naming a person, the words are masked as names; elsewhere names are not guessed at', () => {
    expect(maskContactValue('紧急联系人', '李四光 13912345678')).toBe('李** 139****5678');
    expect(maskContactValue('机主姓名', '王芳、李雷')).toBe('王*、李*');
    expect(maskContactValue('Contact name', 'Li Lei')).toBe('L* L**');
    expect(maskContactValue('入网渠道', '王府井营业厅')).toBe('王府井营业厅');
  });

  it('a record is the same object when nothing needed masking', () => {
    const plain = { 积分: 2080, 主副卡: '副卡' };
    expect(maskContactValues(plain)).toBe(plain);
    expect(maskContactValues({ ...plain, 联系电话: 13812340000 })).toEqual({ ...plain, 联系电话: '138****0000' });
  });
});
