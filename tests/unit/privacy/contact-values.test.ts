import { describe, expect, it } from 'vitest';
import { maskContactValue, maskContactValues } from '../../../core/privacy/mask';

/** docs/product.md §8: a contact number or name in an extra column is masked on the card, as the customer's own are. */
describe('contact numbers and names in extra columns', () => {
  it('masks every mobile number however it is written, and only mobile numbers', () => {
    expect(maskContactValue('联系电话', 13812340000)).toBe('138****0000');
    expect(maskContactValue('联系电话', '13812340000')).toBe('138****0000');
    expect(maskContactValue('备注', '白天打 139-1234-5678，晚上 139 8765 4321')).toBe('白天打 139****5678，晚上 139****4321');
    // Not a phone number: an IMEI, an account, an amount, a date, a number starting 12.
    for (const v of ['861234567890123', '6222021234567890123', 2080, 13.5, '2026-11-23', '12345678901', 138123400001]) expect(maskContactValue('备注', v)).toBe(v);
  });

  it('under a header naming a person, the words are masked as names; elsewhere names are not guessed at', () => {
    expect(maskContactValue('紧急联系人', '李四光 13912345678')).toBe('李** 139****5678');
    expect(maskContactValue('机主姓名', '王芳、李雷')).toBe('王*、李*');
    expect(maskContactValue('Contact name', 'Li Lei')).toBe('L* L**');
    expect(maskContactValue('入网渠道', '王府井营业厅')).toBe('王府井营业厅');
  });

  it('masks a mobile number with +86 or 86 before it, with dots, or in full-width digits, and a landline with its area code (found by the second security pass)', () => {
    for (const v of ['+8613922223333', '8613922223333', '+86 139 2222 3333', '139.2222.3333', '１３９２２２２３３３３']) expect(maskContactValue('备注', v)).toBe('139****3333');
    expect(maskContactValue('联系电话', '0792-8123456')).toBe('079****3456');
    expect(maskContactValue('联系电话', '(0792)8234567')).toBe('079****4567');
    expect(maskContactValue('备注', '家里座机 0871 65123456，白天打')).toBe('家里座机 087*****3456，白天打');
  });

  it('a name written against its number, or beside a relation, is masked too', () => {
    expect(maskContactValue('紧急联系人', '张伟13922223333')).toBe('张*139****3333');
    expect(maskContactValue('紧急联系人', '李四（父亲）138-1111-4444')).toBe('李*（父*）138****4444');
  });

  it('QQ, WeChat, e-mail and address columns keep only their first characters', () => {
    expect(maskContactValue('QQ', '123456789')).toBe('12*******');
    expect(maskContactValue('微信号', 'wxid_abc123')).toBe('wx*********');
    expect(maskContactValue('邮箱', 'zhang.wei@example.com')).toBe('zh*******************');
    const address = '云岭县城关镇人民路 12 号';
    expect(maskContactValue('家庭地址', address)).toBe(`云岭${'*'.repeat(Array.from(address).length - 2)}`);
    expect(maskContactValue('家庭地址', 88)).toBe(88);
  });

  it('a record is the same object when nothing needed masking', () => {
    const plain = { 积分: 2080, 主副卡: '副卡' };
    expect(maskContactValues(plain)).toBe(plain);
    expect(maskContactValues({ ...plain, 联系电话: 13812340000 })).toEqual({ ...plain, 联系电话: '138****0000' });
  });
});
