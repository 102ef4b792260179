import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * Phone numbers and names are masked on screen until revealed (docs/product.md §8) — in a work list's extra columns
 * too. A list may carry a contact number (联系电话), an emergency contact (紧急联系人) or a remark quoting a number;
 * the card showed them in clear to any agent, with no reveal and nothing audited (found by a security review). The
 * audited reveal gives them back in clear, for the agent who must dial the contact number.
 */
describe('contact numbers and names in extra columns', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date('2026-11-23T03:00:00Z') });
    await t.call('agent-save', { id: 'A001', name: '王晓燕', role: 'agent', pin: '123456', active: true }).catch(() => undefined);
    const bytes = writeWorkbook(
      [
        {
          name: '清单',
          header: ['手机号码', '姓名', '执行人', '联系电话', '紧急联系人', '备注', '积分'],
          rows: [['13800000001', '张三', 'A001', 13812340000, '李四光 13912345678', '客户说白天打 137-1234-5678 或 13712345678 找他', 2080]],
        },
      ],
      'xlsx',
    );
    const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(bytes, 'contacts.xlsx') }))).result!;
    await t.waitJob(await t.call('worklist-import', { file: t.upload(bytes, 'contacts.xlsx'), mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' }));
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('the card masks them; figures that are no number or name stay as they are', async () => {
    const card = await t.call('customer-lookup', { msisdn: '13800000001', channel: 'hall' });
    if (!card.found) throw new Error('not found');
    const text = JSON.stringify(card);
    for (const clear of ['13812340000', '13912345678', '13712345678', '李四光']) expect(text).not.toContain(clear);
    expect(card.customer.extra).toMatchObject({ 联系电话: '138****0000', 紧急联系人: '李** 139****5678', 积分: 2080 });
    expect(card.customer.extra['备注']).toBe('客户说白天打 137****5678 或 137****5678 找他');
  });

  it("an agent's note or feedback quoting a phone number shows it masked to everyone, and the reveal gives it (an agent's note was read in clear by every agent; found by the second security pass)", async () => {
    const logged = await t.call('attempt-log', { msisdn: '13800000001', channel: 'hall', disposition: 'complaint', note: '客户说打 13911112222 找他爱人，座机 0792-8123456' });
    expect(logged.attempt.note).toBe('客户说打 139****2222 找他爱人，座机 079****3456');
    const fb = await t.call('feedback-add', { msisdn: '13800000001', category: 'network', importance: 'high', text: '信号差，留了备用号 139 1111 3333' });
    expect(fb.feedback.text).toBe('信号差，留了备用号 139****3333');
    const card = await t.call('customer-lookup', { msisdn: '13800000001', channel: 'hall' }, { agentId: 'A001', role: 'agent' });
    if (!card.found) throw new Error('not found');
    const text = JSON.stringify(card);
    for (const clear of ['13911112222', '8123456', '139 1111 3333']) expect(text).not.toContain(clear);
    const history = await t.call('customer-history', { ref: card.customer.ref }, { agentId: 'A001', role: 'agent' });
    expect(JSON.stringify(history)).not.toContain('13911112222');
    const revealed = await t.call('customer-reveal', { ref: card.customer.ref }, { agentId: 'A001', role: 'agent' });
    expect(revealed.texts).toEqual({ [logged.attempt.id]: '客户说打 13911112222 找他爱人，座机 0792-8123456', [fb.feedback.id]: '信号差，留了备用号 139 1111 3333' });
  });

  it('the reveal gives them in clear, audited', async () => {
    const card = await t.call('customer-lookup', { msisdn: '13800000001', channel: 'hall' });
    if (!card.found) throw new Error('not found');
    const revealed = await t.call('customer-reveal', { ref: card.customer.ref });
    expect(revealed).toMatchObject({ msisdn: '13800000001', name: '张三', extra: { 联系电话: 13812340000, 紧急联系人: '李四光 13912345678' } });
    expect(revealed.extra['积分']).toBeUndefined();
    expect((await t.call('audit-list', { actions: ['customer-reveal'] })).items[0]).toMatchObject({ target: '138****0001' });
  });
});
