import Database from 'better-sqlite3';
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, StagedFileView, WorklistImportResult, WorklistPreview } from '../../core/api';
import type { Offer, Plan } from '../../core/offers/catalogue';
import { writeWorkbook } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * docs/product.md §8: "Exports never produce spreadsheet formulas from data: text starting with =, +, -, @ (and tab/CR) is
 * written as text." Hostile text is planted in every text field that reaches a file — customer name and notes,
 * list name, attempt notes, feedback, experience notes, offer names, descriptions and scripts, plan names, agent
 * names, audit targets, rejected cells — then every export is read back: no cell is a formula, and the text is
 * there exactly as stored.
 *
 * The export paths (all write through core/exchange/write.ts, which makes every string a shared-string cell):
 * outcome file · weekly workbook · catalogue (offers, plans) · templates · a work list's problem rows ·
 * model-predict output · audit log. Earlier tests each cover one path with one field (unit: outcomes, catalogue,
 * demo workbook; integration: weekly report, outcome merge); this one covers them all with every field at once.
 */
describe('no export turns data into a formula', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  const clock = new Date('2026-11-23T03:00:00Z'); // Monday of 2026-W48
  let t: ReturnType<typeof testBackend>;
  let importJob: JobView;

  const H = {
    name: '=HYPERLINK("http://evil.example","点我")',
    remark: '-2+3 家里有宽带',
    manager: '@SUM(1,1)',
    list: '+清单=1',
    badCell: '=1+1',
    note1: '=cmd|\' /C calc\'!A0',
    note2: '@SUM(A1:A9)',
    feedback: '-1 太贵了=SUM(1)',
    expNote: '+86 先算账',
    offerName: '=1+1 优惠',
    offerDesc: '\t=cmd 描述',
    offerScript: '\r=1+2 话术',
    planName: '@贵宾套餐',
    agentName: '=A1*2',
    auditTarget: '\t@target',
  };
  const NUM1 = '13700000001';
  const NUM2 = '13700000002';

  const asA001 = async (name: string, input: unknown) => {
    const r = await t.backend.dispatch(name, input, { agentId: 'A001', role: 'agent' });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.data;
  };

  beforeAll(async () => {
    t = testBackend({ dbPath, demoIfEmpty: true, now: () => clock });
    const offer = (await t.call('offer-list', {}))[0] as Offer;
    await t.call('offer-save', { offer: { ...offer, name_zh: H.offerName, description: H.offerDesc, script: H.offerScript } });
    const plan = (await t.call('plan-list', {}))[0] as Plan;
    await t.call('plan-save', { plan: { ...plan, name: H.planName } });
    await t.call('agent-save', { id: 'A900', name: H.agentName, role: 'agent', hall: null, active: true, pin: '582914' });

    const bytes = writeWorkbook(
      [
        {
          name: '清单',
          header: ['手机号码', '客户姓名', '执行人', '备注', '客户经理'],
          rows: [
            [NUM1, H.name, 'A001', H.remark, H.manager],
            [NUM2, '吴建国', 'A001', null, null],
            [H.badCell, '坏行', 'A001', null, null],
          ],
        },
      ],
      'xlsx',
    );
    const token = t.upload(bytes, 'hostile.xlsx');
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: token }))).result as WorklistPreview;
    importJob = await t.waitJob(
      await t.call('worklist-import', {
        file: token,
        sheet: p.sheet,
        headerRow: p.headerRow,
        mapping: p.columns.map((c) => c.target),
        list: { name: H.list, type: 'other', period: null, dueDate: '2026-12-31' },
        onRejected: 'import-valid',
      }),
    );
    expect((importJob.result as WorklistImportResult).rejected).toBe(1);

    await asA001('attempt-log', { msisdn: NUM1, channel: 'phone', disposition: 'no_answer', note: H.note1 });
    await asA001('attempt-log', { msisdn: NUM1, channel: 'hall', disposition: 'accepted', offerCode: offer.code, note: H.note2 });
    await asA001('feedback-add', { msisdn: NUM1, category: 'tariff', importance: 'high', text: H.feedback });
    await asA001('note-add', { offerCode: offer.code, text: H.expNote });
    const raw = new Database(dbPath);
    raw.prepare("INSERT INTO audit_log (at, agent_id, action, target) VALUES (?, 'S001', 'worklist-import', ?)").run(clock.toISOString(), H.auditTarget);
    raw.close();
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  /** Every cell of every sheet: none is a formula; the text of all of them. */
  function readBack(bytes: Buffer, label: string): string[] {
    const wb = XLSX.read(bytes, { cellFormula: true });
    const texts: string[] = [];
    for (const name of wb.SheetNames) {
      const sheet = wb.Sheets[name]!;
      for (const [ref, cell] of Object.entries(sheet)) {
        if (ref.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f, `${label} ${name}!${ref}`).toBeUndefined();
        if ((cell as XLSX.CellObject).t === 's') texts.push(String((cell as XLSX.CellObject).v));
      }
    }
    return texts;
  }
  const staged = (f: StagedFileView | { token: string }) => fs.readFileSync(t.backend.files.get(f.token).path);
  const jobFile = async (job: JobView) => {
    const done = await t.waitJob(job);
    expect(done.error).toBeUndefined();
    return staged((done.result as { download: { token: string } }).download);
  };
  /** A planted value as the workspace stored it (imports and forms trim outer blanks; the rest is kept). */
  const stored = (sql: string, ...params: unknown[]) => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db.prepare(sql).pluck().get(...params) as string;
    } finally {
      db.close();
    }
  };

  it('the check itself sees a formula when there is one', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x', { t: 'n', v: 2, f: '1+1' }]]), 'S');
    const cells = XLSX.read(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }), { cellFormula: true }).Sheets.S!;
    expect(cells.B1!.f).toBe('1+1');
  });

  it('keeps the planted text as text in the stored data (the starting point)', () => {
    expect(stored('SELECT name FROM subscribers WHERE msisdn = ?', Number(NUM1))).toBe(H.name);
    expect(stored('SELECT script FROM offers WHERE name = ?', H.offerName)).toBe(H.offerScript);
    expect(stored('SELECT description FROM offers WHERE name = ?', H.offerName)).toBe(H.offerDesc);
  });

  it('outcome file: attempt notes, feedback, experience notes, list names', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const texts = readBack(staged(await t.call('outcome-export', { from: '2026-11-23', to: '2026-11-23', locale })), `outcome ${locale}`);
      for (const v of [H.note1, H.note2, H.feedback, H.expNote]) expect(texts, v).toContain(v);
      expect(texts.some((x) => x.includes(H.list))).toBe(true);
    }
  });

  it('weekly workbook: list names, offer names, feedback and notes', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const texts = readBack(await jobFile(await t.call('report-weekly', { week: '2026-W48', locale })), `weekly ${locale}`);
      for (const v of [H.list, H.feedback, H.expNote]) expect(texts, v).toContain(v);
      if (locale === 'zh-CN') expect(texts).toContain(H.offerName);
    }
  });

  it('catalogue exports and the templates: offer names, descriptions and scripts (tab and CR first), plan names', async () => {
    const offers = readBack(staged(await t.call('catalogue-export', { kind: 'offers', locale: 'zh-CN' })), 'offers');
    for (const v of [H.offerName, H.offerDesc, H.offerScript]) expect(offers, JSON.stringify(v)).toContain(v);
    expect(readBack(staged(await t.call('catalogue-export', { kind: 'plans', locale: 'en' })), 'plans')).toContain(H.planName);
    for (const kind of ['worklist', 'history', 'offers', 'plans'] as const) readBack(staged(await t.call('template-export', { kind, locale: 'zh-CN' })), `template ${kind}`);
  });

  it('problem rows of an import: the rejected cell as it was in the file', async () => {
    const texts = readBack(staged(await t.call('worklist-issues-export', { jobId: importJob.id, locale: 'zh-CN' })), 'issues');
    expect(texts).toContain(H.badCell);
  });

  it('model-predict output', async () => {
    const file = writeWorkbook([{ name: '清单', header: ['手机号码', '客户姓名', '备注'], rows: [[NUM1, H.name, H.remark], [NUM2, H.manager, H.note1]] }], 'xlsx');
    readBack(await jobFile(await t.call('model-predict', { file: t.upload(file, 'score-me.xlsx'), locale: 'zh-CN' })), 'predict');
  });

  it('audit log: targets and details (agent names, list names), tab first included', async () => {
    const texts = readBack(staged(await t.call('audit-export', { locale: 'zh-CN' })), 'audit');
    expect(texts).toContain(H.auditTarget);
    expect(texts.some((x) => x.includes(H.agentName))).toBe(true); // in the account's detail
    expect(texts.some((x) => x.includes(H.list))).toBe(true); // in the import's detail
  });
});
