import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, OperationOutput, Operations } from '../../core/api';
import type { CatalogueImportResult } from '../../core/api/ops/catalogue';
import { planSheet } from '../../core/exchange/catalogue';
import { writeWorkbook } from '../../core/exchange/write';
import { defaultOffers, defaultPlans } from '../../core/offers/default-catalogue';
import { openBackend, type Backend } from '../../electron/backend';
import { openDatabase } from '../../db/connection';
import { listOffers, listPlans } from '../../db/catalogue';
import { migrate } from '../../db/migrate';
import { tempDir } from '../support/temp';

/** Catalogue operations through dispatch, on a real temporary workspace migrated from scratch. */
describe('catalogue operations', () => {
  const tmp = tempDir();
  const now = new Date('2026-11-23T03:00:00.000Z');
  let backend: Backend;

  async function call<N extends keyof Operations>(name: N, input: unknown): Promise<OperationOutput<N>> {
    const r = await backend.dispatch(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.data as OperationOutput<N>;
  }
  /** Starts the import job and waits for it: its result, or its failure as the job ended with it. */
  async function importCatalogue(input: Record<string, unknown>): Promise<{ ok: true; result: CatalogueImportResult } | { ok: false; error: NonNullable<JobView['error']> }> {
    let job = await call('catalogue-import', input);
    expect(job.kind).toBe('catalogue-import');
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      job = (await call('job-get', { jobId: job.id })) as typeof job;
    }
    return job.state === 'done' ? { ok: true, result: job.result! } : { ok: false, error: job.error! };
  }
  async function imported(input: Record<string, unknown>): Promise<CatalogueImportResult> {
    const r = await importCatalogue(input);
    if (!r.ok) throw new Error(`catalogue-import: ${r.error.code} ${r.error.message}`);
    return r.result;
  }
  const readBack = (token: string) => {
    const wb = XLSX.read(fs.readFileSync(backend.files.get(token).path), { type: 'buffer', dense: true });
    return { names: wb.SheetNames, first: XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 }) };
  };

  beforeAll(() => {
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), now: () => now });
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });

  it('the migration seeded the default catalogue', async () => {
    expect(await call('offer-list', {})).toEqual([...defaultOffers].sort((a, b) => a.code.localeCompare(b.code)));
    expect(await call('plan-list', {})).toEqual([...defaultPlans].sort((a, b) => a.code.localeCompare(b.code)));
    // agents may read it
    const asAgent = await backend.dispatch('offer-list', {}, { agentId: 'A0001', role: 'agent' });
    expect(asAgent.ok).toBe(true);
  });

  it('saves an offer, audits it, and lists it; agents may not save', async () => {
    const edited = { ...defaultOffers[0]!, cost: 99, script: '新的话术' };
    const saved = await call('offer-save', { offer: edited });
    expect(saved.created).toBe(false);
    expect((await call('offer-list', {})).find((o) => o.code === edited.code)).toEqual(edited);
    const fresh = await call('offer-save', { offer: { ...edited, code: 'NEW_ONE', rules: { eligible: [{ tag: 'family' }] } } });
    expect(fresh.created).toBe(true);
    const db = openDatabase(tmp.file('ws.sqlite'));
    const audit = db.prepare("SELECT action, target FROM audit_log WHERE action LIKE 'offer-%' ORDER BY id").all();
    db.close();
    expect(audit).toEqual([{ action: 'offer-update', target: edited.code }, { action: 'offer-create', target: 'NEW_ONE' }]);
    const denied = await backend.dispatch('offer-save', { offer: edited }, { agentId: 'A0001', role: 'agent' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const invalid = await backend.dispatch('offer-save', { offer: { ...edited, channels: ['pigeon'] } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('imports a plans workbook: updates known codes, adds new ones, reports bad rows', async () => {
    const changed = { ...defaultPlans[0]!, monthly_fee: 111 };
    const added = { ...defaultPlans[1]!, code: 'NEW_PLAN', name: '新套餐' };
    const sheet = planSheet([changed, added], 'en');
    const bytes = writeWorkbook([{ ...sheet, rows: [...sheet.rows, ['BROKEN', 'x', 'free', 0, 0, 0, 0, 0, 0, 0, 0, 'yes']] }], 'xlsx');
    const file = backend.files.registerBytes(bytes, 'plans.xlsx');
    const r = await imported({ kind: 'plans', file: file.token });
    expect(r).toMatchObject({ read: 3, imported: 1, updated: 1, rejected: 1, abandoned: false });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ row: 4, columnLetter: 'C', code: 'catalogue.number' });
    const plans = await call('plan-list', {});
    expect(plans.find((p) => p.code === changed.code)!.monthly_fee).toBe(111);
    expect(plans.find((p) => p.code === 'NEW_PLAN')).toEqual(added);

    const nothing = await imported({ kind: 'plans', file: backend.files.registerBytes(bytes, 'p.xlsx').token, onRejected: 'import-nothing' });
    expect(nothing).toMatchObject({ imported: 0, updated: 0, abandoned: true });
  });

  it('a catalogue exported and imported again unchanged changes nothing: no update counted, no version written', async () => {
    const versions = () => {
      const db = openDatabase(tmp.file('ws.sqlite'));
      try {
        return db.prepare('SELECT count(*) FROM offer_versions').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const offersBefore = await call('offer-list', {});
    const versionsBefore = versions();
    const exported = await call('catalogue-export', { kind: 'offers', locale: 'zh-CN' });
    const r = await imported({ kind: 'offers', file: exported.token });
    expect(r).toMatchObject({ read: offersBefore.length, imported: 0, updated: 0, unchanged: offersBefore.length, rejected: 0 });
    expect(versions()).toBe(versionsBefore);
    expect(await call('offer-list', {})).toEqual(offersBefore);
    // One offer changed in the file: one update, one version.
    const sheet = readBack(exported.token).first as unknown[][];
    const costAt = (sheet[0] as string[]).indexOf('成本(元)');
    sheet[1]![costAt] = Number(sheet[1]![costAt]) + 1;
    const bytes = writeWorkbook([{ name: '维系政策', header: sheet[0] as string[], rows: sheet.slice(1) as (string | number | null)[][] }], 'xlsx');
    const once = await imported({ kind: 'offers', file: backend.files.registerBytes(bytes, 'offers.xlsx').token });
    expect(once).toMatchObject({ imported: 0, updated: 1, unchanged: offersBefore.length - 1 });
    expect(versions()).toBe(versionsBefore + 1);
    // A change to nothing but the follow-up is a change too (a version kept).
    const first = (await call('offer-list', {}))[0]!;
    await call('offer-save', { offer: { ...first, follow_up_kind: 'call', follow_up_days: (first.follow_up_days ?? 0) + 3 } });
    expect(versions()).toBe(versionsBefore + 2);
    expect((await call('offer-list', {}))[0]!.follow_up_days).toBe((first.follow_up_days ?? 0) + 3);
    // Plans too.
    const plans = await imported({ kind: 'plans', file: (await call('catalogue-export', { kind: 'plans', locale: 'en' })).token });
    expect(plans).toMatchObject({ imported: 0, updated: 0, unchanged: (await call('plan-list', {})).length });
  });

  it('a check says what an import would add and change, field by field, and writes nothing (found by a new supervisor)', async () => {
    const db = () => openDatabase(tmp.file('ws.sqlite'));
    const counts = () => {
      const d = db();
      try {
        return ['offer_versions', 'audit_log', 'offers'].map((t) => d.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number);
      } finally {
        d.close();
      }
    };
    const offersBefore = await call('offer-list', {});
    const exported = await call('catalogue-export', { kind: 'offers', locale: 'zh-CN' });
    const sheet = readBack(exported.token).first as unknown[][];
    const header = sheet[0] as string[];
    const [codeAt, costAt, nameAt] = ['政策编码', '成本(元)', '政策名称'].map((h) => header.indexOf(h));
    const changedRow = [...sheet[1]!];
    changedRow[costAt!] = Number(changedRow[costAt!]) + 7;
    changedRow[nameAt!] = `${String(changedRow[nameAt!])}（新）`;
    const newRow = [...sheet[2]!];
    newRow[codeAt!] = 'CHECK_NEW';
    const rows = [changedRow, newRow, ...sheet.slice(3)];
    const bytes = writeWorkbook([{ name: '维系政策', header, rows: rows as (string | number | null)[][] }], 'xlsx');
    const before = counts();
    const check = await imported({ kind: 'offers', file: backend.files.registerBytes(bytes, 'offers.xlsx').token, dryRun: true });
    expect(check).toMatchObject({ read: offersBefore.length, imported: 1, updated: 1, unchanged: offersBefore.length - 2, rejected: 0, abandoned: false, checkOnly: true });
    expect(check.changes).toEqual([
      {
        code: String(sheet[1]![codeAt!]),
        name: String(changedRow[nameAt!]),
        nameEn: expect.anything(),
        change: 'updated',
        fields: [
          { path: 'name_zh', before: sheet[1]![nameAt!], after: changedRow[nameAt!] },
          { path: 'cost', before: sheet[1]![costAt!], after: changedRow[costAt!] },
        ],
      },
      { code: 'CHECK_NEW', name: String(newRow[nameAt!]), nameEn: expect.anything(), change: 'created', fields: [] },
    ]);
    expect(counts()).toEqual(before);
    expect(await call('offer-list', {})).toEqual(offersBefore);
    // Imported for real, it does what the check said.
    const done = await imported({ kind: 'offers', file: backend.files.registerBytes(bytes, 'offers.xlsx').token });
    expect(done).toMatchObject({ imported: 1, updated: 1, checkOnly: false });
    expect(done.changes).toEqual(check.changes);
    // Its audit entry names what it added and changed, not every code in the file.
    const entry = (await call('audit-list', { actions: ['catalogue-import'] })).items[0]!;
    expect((entry.detail as { codes: string[] }).codes).toEqual(check.changes.map((c) => c.code));
  });

  it('refuses a file whose header is unusable, changing nothing', async () => {
    const before = await call('plan-list', {});
    const bytes = writeWorkbook([{ name: 'x', header: ['套餐编码', '套餐名称'], rows: [['ZZ', 'z']] }], 'xlsx');
    const r = await importCatalogue({ kind: 'plans', file: backend.files.registerBytes(bytes, 'x.xlsx').token, locale: 'en' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    if (!r.ok) {
      expect(r.error.message).toContain('Monthly fee (yuan)');
      // The problems reach the client with the job, for the dialog's table.
      expect((r.error.details as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    }
    expect(await call('plan-list', {})).toEqual(before);
  });

  it('exports the catalogue and blank templates that read back with the right headers', async () => {
    const offers = readBack((await call('catalogue-export', { kind: 'offers', locale: 'zh-CN' })).token);
    expect(offers.first[0]![0]).toBe('政策编码');
    expect(offers.first.length).toBe(1 + (await call('offer-list', {})).length);
    // An export is in the audit log, as the audit page says every export is (found by a new supervisor).
    const exported = (await call('audit-list', { actions: ['catalogue-export'] })).items[0]!;
    expect([exported.target, exported.detail]).toEqual(['offers', { rows: offers.first.length - 1, locale: 'zh-CN' }]);

    const history = readBack((await call('template-export', { kind: 'history', locale: 'zh-CN' })).token);
    expect(history.names).toEqual(['历史清单', '说明']);
    expect(history.first).toHaveLength(1);
    expect(history.first[0]![0]).toBe('手机号码');
    expect(history.first[0]!.slice(-2)).toEqual(['是否离网', '离网日期']);

    const plans = readBack((await call('template-export', { kind: 'plans', locale: 'en' })).token);
    expect(plans.names).toEqual(['Tariff plans', 'Notes']);
    expect(plans.first[0]!.slice(0, 3)).toEqual(['Plan code', 'Plan name', 'Monthly fee (yuan)']);
  });
});

describe('migration 002 from a version-1 workspace with data', () => {
  it('keeps an offer the workspace already had and seeds the rest', () => {
    const tmp = tempDir();
    try {
      const db = openDatabase(tmp.file('v1.sqlite'), { migrate: false });
      migrate(db, 1);
      db.prepare("INSERT INTO offers (code, name, cost, channels, rules, updated_at) VALUES ('CONTRACT_REWARD', '本地改过的', 1, '[\"hall\"]', '{}', '2026-01-01T00:00:00Z')").run();
      expect(migrate(db, 2)).toBe(2);
      const offers = listOffers(db);
      expect(offers).toHaveLength(defaultOffers.length);
      expect(offers.find((o) => o.code === 'CONTRACT_REWARD')).toMatchObject({ name_zh: '本地改过的', name_en: null, cost: 1, channels: ['hall'] });
      expect(listPlans(db)).toHaveLength(defaultPlans.length);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
