import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../core/demo/generator';
import type { Offer } from '../../core/offers/catalogue';
import { errorText, type WorklistImportResult, type WorklistPreview } from '../../core/api';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * Offer rules over an extra column through the backend (issue 16 #1): a rule on 有车一族 — a central model's
 * output that arrives as an extra column — is saved with a warning while no file has brought the column, is
 * unknown on the card until one does, and then decides the offer; a malformed rule is refused with its place.
 */
describe('rules over extra columns', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  const sheet = demoWorkListSheet({ seed: 16, count: 40, today: '2026-11-23' });
  const rows = [...sheet.rows].slice(0, 20);
  const msisdnOf = (r: readonly CellValue[]) => String(r[0]);
  const carOwner: Offer = {
    code: 'CAR_OWNER_CARE',
    name_zh: '有车一族关怀',
    name_en: 'Car owner care',
    category: 'service',
    description: '适用：有车一族（导入文件的“有车一族”列）。',
    script: '您好，您平时开车多吗？',
    cost: 0,
    channels: ['hall', 'phone'],
    valid_from: null,
    valid_to: null,
    rules: { eligible: [{ column: '有车一族', op: '=', value: true }] },
    cooldown_days: 30,
    weekly_budget: null,
    active: true,
    follow_up_kind: null,
    follow_up_days: null,
  };

  beforeAll(() => {
    // The clock moves a second per reading: the card's catalogue cache knows an edit by its time (catalogueStamp).
    let tick = 0;
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => new Date(Date.parse('2026-11-23T02:00:00Z') + 1000 * tick++) });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const importRows = async (header: string[], body: CellValue[][], name: string) => {
    const bytes = writeWorkbook([{ name: '任务工作清单', header, rows: body }], 'xlsx');
    const pj = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(bytes, name) }));
    const p = pj.result as WorklistPreview;
    const job = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(bytes, name), sheet: p.sheet, headerRow: p.headerRow, mapping: p.columns.map((c) => c.target), list: p.list, onRejected: 'import-valid' }),
    );
    expect(job.error).toBeUndefined();
    return job.result as WorklistImportResult;
  };
  const hallCard = async (msisdn: string) => {
    const card = await t.call('customer-lookup', { msisdn, channel: 'hall' });
    if (!card.found) throw new Error(`${msisdn} not found`);
    return card;
  };

  it('a malformed rule is refused in the user\'s words, naming the place', async () => {
    const r = await t.backend.dispatch('offer-save', { offer: { ...carOwner, rules: { eligible: [{ tag: 'family' }, { field: '有车一族', op: '=', value: true }] } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'invalid-input', messageKey: 'rule.field-unknown', params: { stage: 'eligible', n: '2', path: 'eligible[1]', field: '有车一族' } });
    expect(errorText('zh-CN', r.error)).toContain('可推荐条件第 2 条（eligible[1]）：没有“有车一族”这个字段');
    const wrongType = await t.backend.dispatch('offer-save', { offer: { ...carOwner, rules: { eligible: [{ any: [{ tag: 'family' }, { field: 'contract_end', op: 'days-until', value: 30 }] }] } } });
    expect(wrongType).toMatchObject({ ok: false, error: { messageKey: 'rule.want.range', params: { path: 'eligible[0].any[1]', field: 'contract_end' } } });
  });

  it('a rule on a column no file has brought is saved with a warning, and is unknown on the card', async () => {
    await importRows(sheet.header, rows, 'week47.xlsx');
    expect((await t.call('extra-column-list', {})).headers).toEqual(['积分', '主副卡', '入网渠道']);
    // Only this offer is live, so the card shows what it does with it.
    for (const o of await t.call('offer-list', {})) await t.call('offer-save', { offer: { ...o, active: false } });
    const saved = await t.call('offer-save', { offer: carOwner });
    expect(saved.warnings).toEqual([{ code: 'rule.column-absent', params: { stage: 'eligible', n: '1', path: 'eligible[0]', field: '有车一族' } }]);
    const card = await hallCard(msisdnOf(rows[0]!));
    expect(card.offers.ranked).toEqual([]);
    expect(card.offers.excluded.find((e) => e.code === 'CAR_OWNER_CARE')).toMatchObject({ stage: 'eligibility', reason: { conditions: [{ code: 'offer.cond.unknown', params: { field: '有车一族' } }] } });
    expect(card.offers.unknown).toContainEqual({ code: 'CAR_OWNER_CARE', field: '有车一族' });
  });

  it('once a file brings the column, the rule decides: 是 → offered in the hall, 否 → not eligible', async () => {
    const header = [...sheet.header, '有车一族'];
    const body = rows.map((r, i) => [...r, i % 2 === 0 ? '是' : '否']);
    await importRows(header, body, 'car-owners.xlsx');
    expect((await t.call('extra-column-list', {})).headers).toContain('有车一族');
    expect((await t.call('offer-save', { offer: carOwner })).warnings).toEqual([]);
    const yes = await hallCard(msisdnOf(body[0]!));
    expect(yes.offers.ranked.map((o) => o.code)).toEqual(['CAR_OWNER_CARE']);
    expect(yes.offers.ranked[0]!.why[0]).toEqual({ code: 'offer.cond.yes', params: { field: '有车一族', actual: '是' } });
    expect(yes.offers.unknown).toEqual([]);
    const no = await hallCard(msisdnOf(body[1]!));
    expect(no.offers.ranked).toEqual([]);
    expect(no.offers.excluded.find((e) => e.code === 'CAR_OWNER_CARE')).toMatchObject({ stage: 'eligibility', reason: { conditions: [{ code: 'offer.cond.yes', params: { field: '有车一族', actual: '否' } }] } });
  });

  it('the default 车信通 offer reads the same column', async () => {
    const car = (await t.call('offer-list', {})).find((o) => o.code === 'CAR_SERVICE')!;
    await t.call('offer-save', { offer: { ...car, active: true } });
    await t.call('offer-save', { offer: { ...carOwner, active: false } });
    const body = rows.map((r, i) => [...r, i % 2 === 0 ? '是' : '否']);
    // Customers the other alternatives (全球通, 中高端) do not pick: only the column can make them eligible.
    const plain = (i: number) => i % 2 === 0;
    const picks = body.filter((r) => r[sheet.header.indexOf('品牌')] !== '全球通' && Number(r[sheet.header.indexOf('近三月ARPU')]) < 100);
    const owner = picks.find((r) => plain(body.indexOf(r)));
    const nonOwner = picks.find((r) => !plain(body.indexOf(r)));
    expect(owner && nonOwner).toBeTruthy();
    const stageOf = async (r: CellValue[]) => (await hallCard(msisdnOf(r))).offers.excluded.find((e) => e.code === 'CAR_SERVICE')?.stage ?? 'offered';
    expect(['offered', 'value']).toContain(await stageOf(owner!));
    expect(await stageOf(nonOwner!)).toBe('eligibility');
  });

  it('a change to an offer can be rolled back: every save keeps the version it replaced, and the restore is audited', async () => {
    const first = (await t.call('offer-list', {})).find((o) => o.code === 'CAR_OWNER_CARE')!;
    await t.call('offer-save', { offer: { ...first, cost: 35, rules: { eligible: [{ column: '有车一族', op: '=', value: false }] } } });
    const { versions } = await t.call('offer-versions', { code: 'CAR_OWNER_CARE' });
    expect(versions[0]!.offer).toEqual(first);
    expect(versions[0]!.replacedBy).toBeNull(); // no session: the desktop's own code, the CLI
    const restored = await t.call('offer-restore', { code: 'CAR_OWNER_CARE', versionId: versions[0]!.id });
    expect(restored.offer).toEqual(first);
    expect((await t.call('offer-list', {})).find((o) => o.code === 'CAR_OWNER_CARE')).toEqual(first);
    // The version the restore replaced is kept in turn: rolling back is itself undoable.
    const after = (await t.call('offer-versions', { code: 'CAR_OWNER_CARE' })).versions;
    expect(after[0]!.offer).toMatchObject({ cost: 35 });
    const audit = await t.call('audit-list', { actions: ['offer-restore'] });
    expect(audit.items[0]).toMatchObject({ action: 'offer-restore', target: 'CAR_OWNER_CARE' });
    const missing = await t.backend.dispatch('offer-restore', { code: 'CAR_OWNER_CARE', versionId: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', messageKey: 'api.no-offer-version' } });
  });
});
