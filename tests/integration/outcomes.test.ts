import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, type JobView, type OperationName, type OperationOutput } from '../../core/api';
import type { OutcomeMergeResult } from '../../core/api/ops/outcomes';
import { deriveTaskStatus } from '../../core/contact/status';
import { attemptInserter } from '../../db/attempts';
import { openDatabase, type Db } from '../../db/connection';
import { feedbackInserter, noteInserter } from '../../db/outcomes';
import { currentTaskOf, updateTaskDerived } from '../../db/tasks';
import { openBackend, type Backend, type Caller } from '../../electron/backend';
import { isProtectedWorkbook } from '../../electron/backend/protected-files';
import { readOutcomeSheets } from '../../core/exchange/outcomes';
import { writeWorkbook, type CellValue } from '../../core/exchange/write';
import { tempDir } from '../support/temp';

/**
 * Sync back (docs/product.md §7.1): two agents' machines start from the same workspace, log different (and some
 * shared) attempts, export outcome files; a supervisor's machine merges them in either order, or twice, and
 * must end up with the same database each time.
 */
describe('outcome files: export and merge', () => {
  const tmp = tempDir('rd-outcomes-');
  const now = new Date('2026-11-23T03:00:00.000Z');
  const PASSWORD = 'Jiangcheng-2026!';
  const STRANGER = '19912345678'; // a number that is not in the demo workspace
  // Each backend gets its own folder: a backend clears the staging folder beside its database when it opens.
  const dbFile = (name: string) => path.join(tmp.dir, name, 'ws.sqlite');
  const open: Backend[] = [];

  function backendAt(name: string): Backend {
    const b = openBackend({ dbPath: dbFile(name), now: () => now });
    open.push(b);
    return b;
  }
  async function call<N extends OperationName>(b: Backend, name: N, input: unknown, caller?: Caller): Promise<OperationOutput<N>> {
    const r = await b.dispatch(name, input, caller);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.data as OperationOutput<N>;
  }
  async function finish(b: Backend, job: JobView): Promise<JobView> {
    let current = job;
    for (let i = 0; current.state === 'running'; i++) {
      if (i > 3000) throw new Error('merge did not finish');
      await new Promise((r) => setTimeout(r, 20));
      current = await call(b, 'job-get', { jobId: job.id });
    }
    return current;
  }
  async function merge(b: Backend, files: { bytes: Uint8Array; name: string; password?: string }[]): Promise<JobView> {
    const tokens = files.map((f) => b.files.registerBytes(f.bytes, f.name).token);
    const passwords = Object.fromEntries(files.flatMap((f, i) => (f.password ? [[tokens[i]!, f.password]] : [])));
    return finish(b, await call(b, 'outcome-merge', { files: tokens, passwords }));
  }
  async function mergeOk(b: Backend, files: { bytes: Uint8Array; name: string; password?: string }[]): Promise<OutcomeMergeResult> {
    const job = await merge(b, files);
    if (job.state !== 'done') throw new Error(`merge ${job.state}: ${job.error?.code} ${job.error?.message}`);
    return job.result as OutcomeMergeResult;
  }
  function copyWorkspace(from: string, to: string): void {
    fs.mkdirSync(path.dirname(dbFile(to)), { recursive: true });
    fs.copyFileSync(dbFile(from), dbFile(to));
  }

  /** What an agent's machine does when the agent logs a contact: append the attempt, derive the task's status. */
  function logAttempts(
    db: Db,
    attempts: { id: string; msisdn: string; agentId: string; at: string; disposition: string; reason?: string; competitor?: string; competitorOffer?: string; competitorAmount?: number; offerCode?: string; planCode?: string; callbackAt?: string; note?: string }[],
  ) {
    const add = attemptInserter(db);
    db.transaction(() => {
      for (const a of attempts) {
        const task = currentTaskOf(db, a.msisdn);
        add(
          { channel: 'phone', reason: null, competitor: null, offerCode: null, callbackAt: null, note: null, ...a, taskId: task?.id ?? null },
          a.at,
        );
        if (!task) continue;
        const facts = db.prepare('SELECT at, disposition, callback_at AS callbackAt FROM attempts WHERE task_id = ?').all(task.id) as { at: string; disposition: string; callbackAt: string | null }[];
        const d = deriveTaskStatus(facts, { now: now.toISOString(), today: '2026-11-23', dueDate: task.due_date });
        updateTaskDerived(db, task.id, { status: d.status, closedAt: d.closed ? (d.lastAttemptAt ?? now.toISOString()) : null, attemptCount: d.attemptCount, lastAttemptAt: d.lastAttemptAt, callbackAt: d.callbackAt });
      }
    })();
  }

  const snapshot = (name: string) => {
    const db = openDatabase(dbFile(name), { readonly: true });
    try {
      return {
        attempts: db.prepare('SELECT * FROM attempts ORDER BY id').all(),
        tasks: db.prepare('SELECT id, msisdn, status, closed_at, attempt_count, last_attempt_at, callback_at FROM tasks ORDER BY id').all(),
        feedback: db.prepare('SELECT * FROM feedback ORDER BY id').all(),
        notes: db.prepare('SELECT * FROM experience_notes ORDER BY id').all(),
      };
    } finally {
      db.close();
    }
  };

  let fileA: Uint8Array;
  let fileB: Uint8Array;
  let fileAProtected: Uint8Array;
  let openNumbers: string[];

  beforeAll(async () => {
    // The central side's workspace, seeded once and copied to every machine.
    const seed = openBackend({ dbPath: dbFile('base'), demoIfEmpty: true, now: () => now });
    seed.close();
    for (const m of ['agentA', 'agentB', 'mergeAB', 'mergeBA', 'mergeOne', 'protected']) copyWorkspace('base', m);

    const db = openDatabase(dbFile('base'), { readonly: true });
    openNumbers = (db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 40').all() as { msisdn: number }[]).map((r) => String(r.msisdn));
    db.close();

    const shared = [
      // A002's work that reached both machines (B had merged a file from A before): the two files overlap.
      { id: 'shared-1', msisdn: openNumbers[0]!, agentId: 'A002', at: '2026-11-22T01:00:00.000Z', disposition: 'no_answer' },
      { id: 'shared-2', msisdn: openNumbers[1]!, agentId: 'A002', at: '2026-11-22T01:10:00.000Z', disposition: 'accepted', offerCode: 'OFF-DATA-10', note: '=HYPERLINK("http://x")' },
    ];
    const onA = [
      ...shared,
      ...openNumbers.slice(2, 15).map((n, i) => ({ id: `a-${i}`, msisdn: n, agentId: 'A001', at: `2026-11-22T02:${String(i).padStart(2, '0')}:00.000Z`, disposition: i % 3 === 0 ? 'declined' : 'busy', reason: i % 3 === 0 ? 'price' : undefined, note: i === 1 ? '+86 转接' : undefined })),
      // What a competitor offered travels with the attempt (issue 15 #6).
      { id: 'a-poached', msisdn: openNumbers[26]!, agentId: 'A001', at: '2026-11-22T05:30:00.000Z', disposition: 'churned', competitor: 'telecom', competitorOffer: '=送宽带+副卡', competitorAmount: 59.5 },
      { id: 'a-stranger', msisdn: STRANGER, agentId: 'A001', at: '2026-11-22T05:00:00.000Z', disposition: 'wrong_person' },
      // A plan change taken, with no offer (migration 034), travels with its plan.
      { id: 'a-plan', msisdn: openNumbers[27]!, agentId: 'A001', at: '2026-11-22T05:40:00.000Z', disposition: 'accepted', planCode: 'DGDD39' },
      // The same subscriber worked on both machines: the status must come from both attempts together.
      { id: 'a-both', msisdn: openNumbers[30]!, agentId: 'A001', at: '2026-11-22T06:00:00.000Z', disposition: 'callback', callbackAt: '2026-11-25T02:00:00.000Z' },
    ];
    const onB = [
      ...shared,
      ...openNumbers.slice(10, 25).map((n, i) => ({ id: `b-${i}`, msisdn: n, agentId: 'A002', at: `2026-11-22T03:${String(i).padStart(2, '0')}:00.000Z`, disposition: i % 4 === 0 ? 'callback' : 'no_answer', callbackAt: i % 4 === 0 ? '2026-11-24T01:00:00.000Z' : undefined, note: i === 2 ? '-不要再打' : undefined })),
      { id: 'b-both', msisdn: openNumbers[30]!, agentId: 'A002', at: '2026-11-22T07:00:00.000Z', disposition: 'accepted', offerCode: 'OFF-VOICE' },
    ];
    for (const [machine, attempts, agent] of [['agentA', onA, 'A001'], ['agentB', onB, 'A002']] as const) {
      const mdb = openDatabase(dbFile(machine));
      logAttempts(mdb, attempts);
      feedbackInserter(mdb)({ id: `fb-${agent}`, attemptId: attempts[2]!.id, msisdn: attempts[2]!.msisdn, agentId: agent, category: 'network', importance: 'high', text: '@地下室没信号', at: '2026-11-22T08:00:00.000Z' });
      noteInserter(mdb)({ id: `note-${agent}`, agentId: agent, offerCode: 'OFF-DATA-10', reason: 'price', text: `${agent}: 先讲流量`, at: '2026-11-22T08:30:00.000Z' });
      mdb.close();
    }

    // Supervisor A exports everyone's work on machine A; agent A002 exports their own on machine B, in English.
    const a = backendAt('agentA');
    const exported = await call(a, 'outcome-export', { from: '2026-11-01', to: '2026-11-23' });
    fileA = a.files.read(exported.token);
    fileAProtected = a.files.read((await call(a, 'outcome-export', { from: '2026-11-01', to: '2026-11-23', password: PASSWORD })).token);
    const b = backendAt('agentB');
    const agentB: Caller = { agentId: 'A002', role: 'agent' };
    fileB = b.files.read((await call(b, 'outcome-export', { from: '2026-11-22', to: '2026-11-23', locale: 'en' }, agentB)).token);
  });

  afterAll(() => {
    for (const b of open) b.close();
    tmp.cleanup();
  });

  // The merges below read files written with the name column: a merge reads the code, as before.
  it('names each offer beside its code, in the file’s language (found by a new agent)', async () => {
    copyWorkspace('base', 'named');
    const n = backendAt('named');
    const offer = (await call(n, 'offer-list', {})).find((o) => o.name_en !== null)!;
    await call(n, 'attempt-log', { msisdn: openNumbers[35]!, channel: 'hall', disposition: 'accepted', offerCode: offer.code });
    for (const [locale, sheet, codeHead, nameHead, name] of [
      ['zh-CN', '接触记录', '优惠编码', '优惠名称', offer.name_zh],
      ['en', 'Attempts', 'Offer code', 'Offer', offer.name_en],
    ] as const) {
      const file = n.files.read((await call(n, 'outcome-export', { from: '2026-11-01', to: '2026-11-30', locale })).token);
      const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(file).Sheets[sheet]!);
      expect(rows.find((r) => r[codeHead] === offer.code)?.[nameHead]).toBe(name);
    }
  });

  it('lets an agent export only their own outcomes', async () => {
    const b = open.find((x) => x.dbPath === dbFile('agentB'))!;
    const other = await b.dispatch('outcome-export', { from: '2026-11-22', to: '2026-11-23', agentId: 'A001' }, { agentId: 'A002', role: 'agent' });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const noMerge = await b.dispatch('outcome-merge', { files: ['x'.repeat(22)] }, { agentId: 'A002', role: 'agent' });
    expect(noMerge).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a supervisor naming an agent id nobody has and nobody logged under is told so, not given an empty file (found by the second security pass: a typo wrote an empty workbook, exit 0)', async () => {
    const b = open.find((x) => x.dbPath === dbFile('agentB'))!;
    expect(await b.dispatch('outcome-export', { from: '2026-11-22', to: '2026-11-23', agentId: 'A009' })).toMatchObject({ ok: false, error: { code: 'not-found', messageKey: 'api.no-account' } });
    // An id with work here but no account (another desk's agent, merged in) still exports.
    expect((await b.dispatch('outcome-export', { from: '2026-11-22', to: '2026-11-23', agentId: 'A002' })).ok).toBe(true);
  });

  it('merges two overlapping files into the same database in either order', async () => {
    const ab = backendAt('mergeAB');
    const first = await mergeOk(ab, [{ bytes: fileA, name: 'A.xlsx' }, { bytes: fileB, name: 'B.xlsx' }]);
    const ba = backendAt('mergeBA');
    await mergeOk(ba, [{ bytes: fileB, name: 'B.xlsx' }]);
    await mergeOk(ba, [{ bytes: fileA, name: 'A.xlsx' }]);

    const [fa, fb] = first.files;
    expect(fa!.issues).toEqual([]);
    expect(fb!.issues).toEqual([]);
    // A's file holds the whole month (the demo history the supervisor already has, plus today's work).
    expect(fa!.attemptsNew).toBe(2 + 13 + 4);
    expect(fa!.attemptsPresent).toBeGreaterThan(0);
    expect(fa!.attemptsWithoutTask).toBe(1);
    expect(fb!.attemptsNew).toBe(15 + 1); // b-* and b-both; the shared ones came with A's file
    expect(fb!.attemptsPresent).toBeGreaterThanOrEqual(2); // the shared ones, and any demo history of A002 on those days
    expect(first.feedbackNew).toBe(2);
    expect(first.notesNew).toBe(2);

    const s1 = snapshot('mergeAB');
    const s2 = snapshot('mergeBA');
    expect(s2).toEqual(s1);

    const both = s1.tasks.find((t) => String((t as { msisdn: number }).msisdn) === openNumbers[30]) as { status: string };
    expect(both.status).toBe('closed_success');
    const stranger = s1.attempts.find((x) => (x as { id: string }).id === 'a-stranger') as { task_id: number | null };
    expect(stranger.task_id).toBeNull();
    expect(s1.attempts.find((x) => (x as { id: string }).id === 'a-poached')).toMatchObject({ competitor: 'telecom', competitor_offer: '=送宽带+副卡', competitor_amount: 59.5 });
    expect(s1.attempts.find((x) => (x as { id: string }).id === 'a-plan')).toMatchObject({ disposition: 'accepted', offer_code: null, plan_code: 'DGDD39' });
    const formula = s1.attempts.find((x) => (x as { id: string }).id === 'shared-2') as { note: string };
    expect(formula.note).toBe('=HYPERLINK("http://x")');
    expect((s1.feedback as { text: string }[]).map((f) => f.text)).toEqual(['@地下室没信号', '@地下室没信号']);
  });

  it('changes nothing when the same files are merged again', async () => {
    const one = backendAt('mergeOne');
    await mergeOk(one, [{ bytes: fileA, name: 'A.xlsx' }]);
    await mergeOk(one, [{ bytes: fileB, name: 'B.xlsx' }]);
    const before = snapshot('mergeOne');
    const again = await mergeOk(one, [{ bytes: fileA, name: 'A.xlsx' }, { bytes: fileB, name: 'B.xlsx' }, { bytes: fileA, name: 'A (copy).xlsx' }]);
    expect(again.attemptsNew).toBe(0);
    expect(again.feedbackNew).toBe(0);
    expect(again.notesNew).toBe(0);
    expect(again.tasksRecomputed).toBe(0);
    expect(again.files.map((f) => f.attemptsPresent)).toEqual(again.files.map((f) => f.attemptsRead));
    expect(snapshot('mergeOne')).toEqual(before);
    expect(before).toEqual(snapshot('mergeAB'));
    expect(again.files.flatMap((f) => f.issues)).toEqual([]);

    // A file written before the competitor's offer had columns: the same attempts, not "changed" ones (issue 15 #6).
    const dropped = new Set(['竞争对手优惠内容', '竞争对手优惠月费(元)']);
    const older = writeWorkbook(
      readOutcomeSheets(fileA).sheets.map((sheet) => {
        const header = (sheet.rows[0] ?? []).map((h) => String(h ?? ''));
        const keep = <T,>(row: readonly T[]) => row.filter((_, i) => !dropped.has(header[i]!));
        return { name: sheet.name, header: keep(header), rows: sheet.rows.slice(1).map((r) => keep(r as CellValue[])) };
      }),
      'xlsx',
    );
    const old = await mergeOk(one, [{ bytes: older, name: 'A (older version).xlsx' }]);
    expect(old.attemptsNew).toBe(0);
    expect(old.files[0]!.issues).toEqual([]);
    expect(snapshot('mergeOne')).toEqual(before);
  });

  it('merges a file whose local-time cell a person changed with its UTC time, and says so on that cell (found by a new supervisor)', async () => {
    copyWorkspace('base', 'localEdited');
    const sheets = readOutcomeSheets(fileA).sheets;
    const attempts = sheets.find((sh) => sh.name === '接触记录')!;
    const header = (attempts.rows[0] ?? []).map((h) => String(h ?? ''));
    const row = attempts.rows.findIndex((r) => r?.[0] === 'a-poached');
    const edited = writeWorkbook(
      sheets.map((sheet) => ({
        name: sheet.name,
        header: (sheet.rows[0] ?? []).map((h) => String(h ?? '')),
        rows: sheet.rows.slice(1).map((r, i) => (sheet === attempts && i + 1 === row ? r!.map((v, c) => (header[c] === '接触时间(本地时间)' ? '2026-11-22 15:00' : v)) : r) as CellValue[]),
      })),
      'xlsx',
    );
    const result = await mergeOk(backendAt('localEdited'), [{ bytes: edited, name: 'A (edited).xlsx' }]);
    const issues = result.files[0]!.issues;
    expect(issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([[row + 1, '接触时间(本地时间)', 'outcome.local-time-ignored', 'warning']]);
    const stored = snapshot('localEdited').attempts.find((x) => (x as { id: string }).id === 'a-poached') as { at: string };
    expect(stored.at).toBe('2026-11-22T05:30:00.000Z');
  });

  it('opens a protected export only with its password', async () => {
    expect(isProtectedWorkbook(fileAProtected)).toBe(true);
    expect(isProtectedWorkbook(fileA)).toBe(false);
    const p = backendAt('protected');
    const noPassword = await merge(p, [{ bytes: fileAProtected, name: 'A-locked.xlsx' }]);
    expect(noPassword.state).toBe('failed');
    expect(noPassword.error).toMatchObject({ code: 'needs-password', messageKey: 'api.merge.needs-password', params: { file: 'A-locked.xlsx' } });
    expect(noPassword.error!.message).toContain('A-locked.xlsx');
    expect(errorText('zh-CN', noPassword.error!)).toBe('A-locked.xlsx：文件有密码保护，请输入打开密码');
    const wrong = await merge(p, [{ bytes: fileAProtected, name: 'A-locked.xlsx', password: 'guess' }]);
    expect(wrong.error).toMatchObject({ code: 'wrong-password', messageKey: 'api.merge.wrong-password' });
    expect(wrong.error!.message).toMatch(/wrong password/i);
    const before = snapshot('protected');
    expect(before.attempts.length).toBe(snapshot('base').attempts.length); // failed merges changed nothing
    const ok = await mergeOk(p, [{ bytes: fileAProtected, name: 'A-locked.xlsx', password: PASSWORD }]);
    expect(ok.attemptsNew).toBe(2 + 13 + 4);
  });

  it('can be cancelled, leaving the workspace as it was', async () => {
    copyWorkspace('base', 'cancelled');
    const c = backendAt('cancelled');
    const before = snapshot('cancelled');
    const token = c.files.registerBytes(fileA, 'A.xlsx').token;
    const job = await call(c, 'outcome-merge', { files: [token] });
    await call(c, 'job-cancel', { jobId: job.id }); // the worker is still starting: it stops at its first check
    const end = await finish(c, job);
    expect(end.state).toBe('cancelled');
    expect(snapshot('cancelled')).toEqual(before);
  });

  it('a bad file after a good one undoes the whole merge: the good file is read and stored first, then rolled back', async () => {
    copyWorkspace('base', 'badSecond');
    const c = backendAt('badSecond');
    const before = snapshot('badSecond');
    const job = await merge(c, [
      { bytes: fileA, name: 'A.xlsx' },
      { bytes: new TextEncoder().encode('手机号码,姓名\r\n13800138000,张三\r\n'), name: 'list.csv' },
    ]);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'bad-file', params: { file: 'list.csv', problem: 'outcome.not-outcome-file' } });
    expect(snapshot('badSecond')).toEqual(before);
  });

  it('refuses a file that is not an outcome file, naming it', async () => {
    const p = open.find((x) => x.dbPath === dbFile('protected'))!;
    const job = await merge(p, [{ bytes: new TextEncoder().encode('手机号码,姓名\r\n13800138000,张三\r\n'), name: 'list.csv' }]);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'bad-file', messageKey: 'api.merge.file-problem', params: { file: 'list.csv', problem: 'outcome.not-outcome-file' } });
    expect(job.error!.message).toContain('list.csv');
    // The reader's own problem, worded inside the failure in each language.
    expect(errorText('zh-CN', job.error!)).toMatch(/^list\.csv：这不是维系工作台导出的结果文件/);
    expect(errorText('en', job.error!)).toMatch(/^list\.csv: /);
  });
});
