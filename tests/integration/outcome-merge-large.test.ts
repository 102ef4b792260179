/**
 * A large outcome merge adds its attempts with their secondary indexes set aside and builds them before the tasks'
 * statuses are derived again (db/attempts.ts, docs/import-memory.md "The outcome merge"). The supervisor must not be
 * able to tell: the same attempts merged as one large file (read in a thread of its own), or as small files one merge
 * at a time (which never set anything aside), give the same database — attempts, statuses — and the same schema.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeMergeResult } from '../../core/api/ops/outcomes';
import { buildOutcomeSheets, type OutcomeAttempt } from '../../core/exchange/outcomes';
import { writeWorkbook } from '../../core/exchange/write';
import { READ_AHEAD_MIN_BYTES } from '../../electron/backend/jobs/read-ahead';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

const NOW = new Date('2026-11-23T04:00:00.000Z');

describe('a large outcome merge', () => {
  const tmp = tempDir();
  const base = tmp.file('base/ws.sqlite');
  let numbers: number[] = [];
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    fs.mkdirSync(path.dirname(base), { recursive: true });
    const seed = testBackend({ dbPath: base, demoIfEmpty: true, now: () => NOW });
    seed.close();
    const db = new Database(base, { readonly: true });
    numbers = db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id').pluck().all() as number[];
    db.close();
  });

  /** `n` attempts on the demo's open tasks, a few numbers it does not know, over the last three weeks. */
  const attempts = (n: number): OutcomeAttempt[] => {
    const dispositions = ['no_answer', 'busy', 'declined', 'callback', 'accepted', 'no_answer'] as const;
    return Array.from({ length: n }, (_, i) => {
      const at = new Date(Date.UTC(2026, 10, 2 + (i % 20), 1 + (i % 9), i % 60)).toISOString();
      const disposition = dispositions[i % dispositions.length]!;
      return {
        id: `merge-${String(i).padStart(6, '0')}`,
        // A prime stride scatters them over every open task (a stride of 7 visited a seventh of them when the demo had 336).
        msisdn: String(i % 97 === 0 ? 19900000000 + i : numbers[(i * 7919) % numbers.length]!),
        agentId: `A00${1 + (i % 3)}`,
        channel: i % 3 === 0 ? 'hall' : 'phone',
        at,
        disposition,
        reason: disposition === 'declined' ? 'price' : null,
        competitor: null,
        competitorOffer: null,
        competitorAmount: null,
        offerCode: disposition === 'accepted' ? 'OFF-DATA-10' : null,
        callbackAt: disposition === 'callback' ? new Date(Date.parse(at) + 86_400_000).toISOString() : null,
        note: i % 11 === 0 ? '客户说下个月再考虑' : null,
      };
    });
  };
  const file = (list: OutcomeAttempt[]) => writeWorkbook(buildOutcomeSheets({ tasks: [], attempts: list, feedback: [], notes: [] }, 'zh-CN', { from: '2026-11-01', to: '2026-11-23', exportedAt: NOW.toISOString() }), 'xlsx');

  const mergeInto = async (name: string, files: Uint8Array[][]) => {
    const dbPath = tmp.file(`${name}/ws.sqlite`);
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    fs.copyFileSync(base, dbPath);
    const t = testBackend({ dbPath, now: () => NOW });
    const results: OutcomeMergeResult[] = [];
    try {
      for (const merge of files) {
        const tokens = merge.map((bytes, i) => t.upload(bytes, `outcomes-${i}.xlsx`));
        const job = await t.waitJob(await t.call('outcome-merge', { files: tokens }));
        expect(job.state).toBe('done');
        results.push(job.result as OutcomeMergeResult);
      }
    } finally {
      t.close();
    }
    const db = new Database(dbPath, { readonly: true });
    try {
      return {
        results,
        attempts: db.prepare('SELECT * FROM attempts ORDER BY id').all(),
        tasks: db.prepare('SELECT id, msisdn, status, closed_at, attempt_count, last_attempt_at, callback_at, blocked_until FROM tasks ORDER BY id').all(),
        schema: db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all(),
        schemaVersion: db.pragma('schema_version', { simple: true }) as number,
        integrity: db.pragma('integrity_check', { simple: true }),
        plan: db.prepare("EXPLAIN QUERY PLAN SELECT * FROM attempts WHERE task_id = 1 ORDER BY at").all().map((r) => (r as { detail: string }).detail).join(),
      };
    } finally {
      db.close();
    }
  };

  it('gives the database the same attempts merged in small files one at a time give', async () => {
    // Large enough to be read in a thread of its own too (read-ahead.ts), as an import's list is.
    const all = attempts(48_000);
    const whole = file(all);
    expect(whole.length).toBeGreaterThan(READ_AHEAD_MIN_BYTES);
    const stored = new Database(base, { readonly: true });
    const before = { schema: stored.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all(), version: stored.pragma('schema_version', { simple: true }) as number, attempts: stored.prepare('SELECT count(*) FROM attempts').pluck().get() as number };
    stored.close();
    // Past 2,000 and half the attempts the demo stores: the large merge sets the indexes aside part-way.
    expect(all.length).toBeGreaterThan(Math.max(2000, before.attempts / 2) + 1000);

    const large = await mergeInto('large', [[whole]]);
    const small = await mergeInto('small', Array.from({ length: 32 }, (_, k) => [file(all.slice(k * 1500, (k + 1) * 1500))]));
    expect(large.results[0]!.attemptsNew).toBe(48_000);
    expect(small.results.reduce((n, r) => n + r.attemptsNew, 0)).toBe(48_000);
    expect(large.results[0]!.tasksRecomputed).toBeGreaterThan(100);
    // Set aside and built again in the large merge only; the schema after it is the schema before.
    expect(large.schemaVersion).toBeGreaterThan(before.version);
    expect(small.schemaVersion).toBe(before.version);
    expect(large.schema).toEqual(before.schema);
    expect(large.integrity).toBe('ok');
    expect(large.plan).toMatch(/attempts_task/);
    expect(large.attempts).toEqual(small.attempts);
    expect(large.tasks).toEqual(small.tasks);
  }, 120_000);
});
