/**
 * A large work-list import stores its rows with the insert triggers of subscribers and tasks and the secondary indexes
 * set aside, inside its transaction, and does their work once at the end (db/import.ts, docs/import-memory.md
 * "Triggers and indexes set aside"). A supervisor and the rest of the desk must not be able to tell: the same schema
 * afterwards, every open task counted for its agent, every customer stored noted for packing, no figures key vouching
 * for a queue priority the task does not have — and a large import cancelled while saving leaves all as it was.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorklistPreview } from '../../core/api';
import { allDemoSheetFields, demoWorkListSheet } from '../../core/demo/workbook';
import { fieldByKey } from '../../core/worklist/fields';
import { writeWorkbook, type CellValue } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

const TODAY = '2026-11-23';

/** A demo list of `count` rows with an agent column (执行人): every third row A001, every third A002, the rest none. */
function listFile(file: string, seed: number, count: number, before: CellValue[][] = []): CellValue[][] {
  const sheet = demoWorkListSheet({ seed, count, today: TODAY, fields: allDemoSheetFields });
  const rows = [...before, ...[...sheet.rows].map((r) => [...r] as CellValue[])].map((r, i) => [...r, i % 3 === 0 ? 'A001' : i % 3 === 1 ? 'A002' : null]);
  fs.writeFileSync(file, writeWorkbook([{ name: '任务工作清单', header: [...sheet.header, '执行人'], rows }], 'xlsx'));
  return rows;
}

describe('a large import with triggers and indexes set aside', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('leaves the schema, the open-task counts, the packing notes and the figures keys as the triggers would', async () => {
    const dbPath = tmp.file('ws.sqlite');
    const t = testBackend({ dbPath, now: () => new Date(`${TODAY}T04:00:00Z`) });
    const db = new Database(dbPath);
    try {
      db.prepare("INSERT INTO agents (id, name, role, pin_hash, active, created_at) VALUES (?, ?, 'agent', 'x', 1, ?)").run('A001', '王晓燕', `${TODAY}T00:00:00Z`);
      db.prepare("INSERT INTO agents (id, name, role, pin_hash, active, created_at) VALUES (?, ?, 'agent', 'x', 1, ?)").run('A002', '李娜', `${TODAY}T00:00:00Z`);
      const importFile = async (file: string, cancel = false) => {
        const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: t.backend.files.registerPath(file).token }))).result as WorklistPreview;
        const job = await t.call('worklist-import', { file: t.backend.files.registerPath(file).token, sheet: preview.sheet, headerRow: preview.headerRow, mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' });
        if (cancel) {
          for (let view = await t.call('job-get', { jobId: job.id }); view.state === 'running' && view.phase !== 'saving'; view = await t.call('job-get', { jobId: job.id })) await new Promise((r) => setTimeout(r, 5));
          await t.call('job-cancel', { jobId: job.id });
        }
        return t.waitJob(job);
      };
      const schema = () => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all();
      const schemaVersion = () => db.pragma('schema_version', { simple: true }) as number;
      const counts = () => db.prepare('SELECT agent_id, n FROM open_task_counts WHERE n <> 0 ORDER BY agent_id').all();
      const recounted = () => db.prepare("SELECT ifnull(agent_id, '') AS agent_id, count(*) AS n FROM tasks WHERE closed_at IS NULL GROUP BY 1 ORDER BY 1").all();
      const unnoted = () => db.prepare('SELECT count(*) FROM subscribers s WHERE NOT EXISTS (SELECT 1 FROM scoring_stale x WHERE x.msisdn = s.msisdn) AND NOT EXISTS (SELECT 1 FROM scoring_inputs p WHERE p.msisdn = s.msisdn)').pluck().get();
      const keyedAgainstQueue = () =>
        db.prepare('SELECT count(*) FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.closed_at IS NULL AND sc.figures_key IS NOT NULL AND t.priority IS NOT sc.priority').pluck().get();

      // A workspace with a small list stored the usual way (triggers at work), recomputed: packed rows and keyed figures.
      const first = listFile(tmp.file('first.xlsx'), 1, 400);
      expect((await importFile(tmp.file('first.xlsx'))).state).toBe('done');
      expect((await t.waitJob(await t.call('risk-recompute', {}))).state).toBe('done');
      expect(db.prepare('SELECT count(*) FROM scoring_inputs').pluck().get()).toBe(400);
      const before = schema();
      const version = schemaVersion();

      // A large list: 3,000 new customers and 150 of the first list's again (their open tasks join it), past the size
      // (2,000 rows, and half the tasks stored) from which the import sets triggers and indexes aside.
      listFile(tmp.file('large.xlsx'), 2, 3000, first.slice(0, 150).map((r) => r.slice(0, -1)));
      const done = await importFile(tmp.file('large.xlsx'));
      expect(done.state).toBe('done');
      expect(done.result).toMatchObject({ imported: 3150, newSubscribers: 3000, updatedSubscribers: 150, newTasks: 3000, joinedOpenTasks: 150 });
      // They were set aside and put back: the schema changed and came back the same.
      expect(schemaVersion()).toBeGreaterThan(version);
      expect(schema()).toEqual(before);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(counts()).toEqual(recounted());
      expect(counts()).toEqual([
        { agent_id: '', n: 133 + 1000 },
        { agent_id: 'A001', n: 134 + 1000 },
        { agent_id: 'A002', n: 133 + 1000 },
      ]);
      // Every customer the large list stored is to be packed again, and no packed row is left for one it changed.
      expect(unnoted()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM scoring_stale').pluck().get()).toBe(3150);
      expect(keyedAgainstQueue()).toBe(0);
      // The indexes built again are used: a customer's tasks, a list's members by number, by identity hash.
      const one = db.prepare('SELECT msisdn, id_hash FROM subscribers WHERE id_hash IS NOT NULL ORDER BY msisdn DESC LIMIT 1').get() as { msisdn: number; id_hash: string };
      expect(db.prepare('EXPLAIN QUERY PLAN SELECT * FROM subscribers WHERE id_hash = ?').all(one.id_hash).map((r) => (r as { detail: string }).detail).join()).toMatch(/subscribers_id_hash/);
      expect(db.prepare('SELECT count(*) FROM list_members WHERE msisdn = ?').pluck().get(one.msisdn)).toBeGreaterThan(0);

      // A recompute after it agrees with what the import stored and counted.
      expect((await t.waitJob(await t.call('risk-recompute', {}))).state).toBe('done');
      expect(unnoted()).toBe(0);
      expect(keyedAgainstQueue()).toBe(0);

      // Another large list, cancelled while its rows are stored: nothing of it, and all set back as it was.
      const kept = { counts: counts(), stale: db.prepare('SELECT count(*) FROM scoring_stale').pluck().get(), subscribers: db.prepare('SELECT count(*) FROM subscribers').pluck().get() };
      const versionBefore = schemaVersion();
      listFile(tmp.file('cancelled.xlsx'), 3, 9000);
      expect((await importFile(tmp.file('cancelled.xlsx'), true)).state).toBe('cancelled');
      expect(schema()).toEqual(before);
      expect(schemaVersion()).toBe(versionBefore);
      expect({ counts: counts(), stale: db.prepare('SELECT count(*) FROM scoring_stale').pluck().get(), subscribers: db.prepare('SELECT count(*) FROM subscribers').pluck().get() }).toEqual(kept);
    } finally {
      db.close();
      t.close();
    }
  }, 120_000);

  it('stores a large list the second way (a customer’s rows out of list order) with the same counts and notes', async () => {
    const dbPath = tmp.file('second-way.sqlite');
    const t = testBackend({ dbPath, now: () => new Date(`${TODAY}T04:00:00Z`) });
    const db = new Database(dbPath);
    try {
      const sheet = demoWorkListSheet({ seed: 4, count: 3000, today: TODAY, fields: allDemoSheetFields });
      const rows = [...sheet.rows].map((r) => [...r] as CellValue[]);
      const at = sheet.header.indexOf(fieldByKey.get('list_name')!.zh);
      // A customer first met on a later list comes again at the end on the first list: their rows are out of list
      // order, so the first pass is undone and the rows stored again knowing it (worklist-import.ts, the second way).
      const later = rows.findIndex((r) => r[at] !== rows[0]![at]);
      rows.push([...rows[later]!.slice(0, at), ...rows[0]!.slice(at, at + 3), ...rows[later]!.slice(at + 3)]);
      const file = tmp.file('second-way.xlsx');
      fs.writeFileSync(file, writeWorkbook([{ name: '任务工作清单', header: sheet.header, rows }], 'xlsx'));
      const before = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all();
      const preview = (await t.waitJob(await t.call('worklist-import-preview', { file: t.backend.files.registerPath(file).token }))).result as WorklistPreview;
      const done = await t.waitJob(await t.call('worklist-import', { file: t.backend.files.registerPath(file).token, sheet: preview.sheet, headerRow: preview.headerRow, mapping: preview.columns.map((c) => c.target), list: preview.list, onRejected: 'import-valid' }));
      expect(done.state).toBe('done');
      expect(done.result).toMatchObject({ imported: 3001, newSubscribers: 3000, newTasks: 3000, joinedOpenTasks: 1 });
      expect(db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all()).toEqual(before);
      expect(db.prepare('SELECT agent_id, n FROM open_task_counts WHERE n <> 0').all()).toEqual([{ agent_id: '', n: 3000 }]);
      expect(db.prepare('SELECT count(*) FROM scoring_stale').pluck().get()).toBe(3000);
      const twice = Number(rows[later]![0]);
      expect(db.prepare('SELECT count(*) FROM list_members WHERE msisdn = ?').pluck().get(twice)).toBe(2);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
      t.close();
    }
  }, 120_000);
});
