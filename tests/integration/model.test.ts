import Database from 'better-sqlite3';
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HISTORY_ROWS } from '../../core/demo/files';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';

import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/** Train on labelled history, activate, and see the probability on the card and in the stored scores. */
describe('learned churn model through the backend', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  const history = demoWorkListSheet({ seed: 31, count: 4000, today: '2026-11-23', withLabels: true });
  const bytes = writeWorkbook([{ name: '历史', header: history.header, rows: history.rows }], 'xlsx');

  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('trains on the machine and reports holdout quality', async () => {
    const job = await t.waitJob(await t.call('model-train', { file: t.upload(bytes, 'history.xlsx') }), 120_000);
    expect(job.error).toBeUndefined();
    const r = job.result as { version: number; holdout: { auc: number; n: number } };
    expect(r.version).toBe(1);
    expect(r.holdout.n).toBeGreaterThanOrEqual(990); // a stratified quarter of 4,000
    expect(r.holdout.auc).toBeGreaterThan(0.8);
    // Chosen by 5-fold cross-validation; the figure is stored with the version and listed.
    const cv = (job.result as { cv: { folds: number; auc: { mean: number; sd: number } } }).cv;
    expect(cv.folds).toBe(5);
    expect(cv.auc.mean).toBeGreaterThan(0.8);
    expect(cv.auc.sd).toBeGreaterThan(0);
    const list = await t.call('model-list', {});
    expect(list.items[0]).toMatchObject({ version: 1, active: false, trainedBy: null, trainedByName: null }); // here: the local supervisor
    // Trained by a signed-in supervisor, the list names them (the table showed the bare id).
    const d = new Database(tmp.file('ws.sqlite'));
    d.prepare("UPDATE churn_models SET trained_by = 'S001' WHERE version = 1").run();
    d.close();
    expect((await t.call('model-list', {})).items[0]).toMatchObject({ trainedBy: 'S001', trainedByName: '赵建国' });
    expect(list.items[0]!.cv).toMatchObject({ folds: 5, auc: cv.auc });
    expect(list.items[0]!.importance.length).toBeGreaterThan(3);
  });

  it('the demo workspace hands a supervisor a labelled history to try training on: the page’s download, trained as uploaded', async () => {
    // Without it a supervisor trying the demo had no file to train from (only `demo --labels` on the command line).
    const staged = await t.call('demo-file-export', { kind: 'history', locale: 'zh-CN' });
    expect(staged.name).toMatch(/^演示历史数据.*\.xlsx$/);
    const bytes = fs.readFileSync(t.backend.files.get(staged.token).path);
    const wb = XLSX.read(bytes, { type: 'buffer', dense: true });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]!.slice(-2)).toEqual(['是否离网', '离网日期']);
    expect(rows).toHaveLength(1 + DEMO_HISTORY_ROWS);
    const job = await t.waitJob(await t.call('model-train', { file: t.upload(new Uint8Array(bytes), staged.name) }), 120_000);
    expect(job.error).toBeUndefined();
    const r = job.result as { rows: number; unlabelled: number; holdout: { auc: number } };
    expect([r.rows, r.unlabelled]).toEqual([DEMO_HISTORY_ROWS, 0]);
    expect(r.holdout.auc).toBeGreaterThan(0.75);
  });

  it('says how many rows had no churn label and were left out of the training', async () => {
    const col = history.header.indexOf('是否离网');
    // A quarter of the history: what is counted is the same, and the training a third of the time.
    const rows = [...history.rows].slice(0, 1000).map((r, i) => (i % 100 === 7 ? r.map((v, j) => (j === col ? '' : v)) : r));
    const job = await t.waitJob(await t.call('model-train', { file: t.upload(writeWorkbook([{ name: '历史', header: history.header, rows }], 'xlsx'), 'history-gaps.xlsx') }), 120_000);
    expect(job.error).toBeUndefined();
    const r = job.result as { rows: number; unlabelled: number };
    expect(r.unlabelled).toBe(10);
    expect(r.rows).toBe(rows.length - 10);
  });

  it('refuses a file without a churned column', async () => {
    const plain = demoWorkListSheet({ seed: 32, count: 300, today: '2026-11-23' });
    const job = await t.waitJob(await t.call('model-train', { file: t.upload(writeWorkbook([{ name: 'x', header: plain.header, rows: plain.rows }], 'xlsx'), 'plain.xlsx') }));
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/是否离网/);
  });

  it('once active, the card shows P(churn) with its factors and the queue uses it', async () => {
    const recompute = await t.waitJob(await t.call('model-activate', { version: 1 }));
    expect(recompute.state).toBe('done');
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const row = d.prepare('SELECT msisdn, p_churn, model_version FROM subscriber_scores LIMIT 1').get() as { msisdn: number; p_churn: number; model_version: number };
    d.close();
    expect(row.model_version).toBe(1);
    expect(row.p_churn).toBeGreaterThan(0);
    const card = await t.call('customer-lookup', { msisdn: String(row.msisdn) });
    if (!card.found) throw new Error('not found');
    expect(card.model?.version).toBe(1);
    expect(card.model?.p).toBeCloseTo(row.p_churn, 6);
    expect(card.model?.contributions.length).toBeGreaterThan(0);
    // roll back to the rule score alone
    await t.waitJob(await t.call('model-activate', { version: null }));
    const again = await t.call('customer-lookup', { msisdn: String(row.msisdn) });
    if (!again.found) throw new Error('not found');
    expect(again.model).toBeNull();
  });

  it('lists a version stored before cross-validation, without a CV figure', async () => {
    const d = new Database(tmp.file('ws.sqlite'));
    const oldMetrics = { holdout: { n: 250, positives: 60, auc: 0.83, topDecileLift: 2.9 }, train: { auc: 0.86 }, compared: [{ method: 'logistic', validationAuc: 0.84, holdoutAuc: 0.83 }] };
    const { lastInsertRowid } = d
      .prepare('INSERT INTO churn_models (method, trained_at, trained_by, source_file, rows, metrics, importance, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('logistic', '2026-11-01T02:00:00.000Z', 'S001', 'old.xlsx', 1000, JSON.stringify(oldMetrics), '[]', '{}');
    d.close();
    const list = await t.call('model-list', {});
    const old = list.items.find((m) => m.version === Number(lastInsertRowid))!;
    expect(old.cv).toBeNull();
    expect(old.compared).toEqual(oldMetrics.compared);
    expect(old.holdout).toMatchObject({ auc: 0.83 });
  });
});
