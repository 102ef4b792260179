import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { openDatabase, type Db } from '../../db/connection';
import { subscriberUpserter } from '../../db/subscribers';
import { insertTask, subscriberContactFields } from '../../db/tasks';
import { generateSubscribers } from '../../core/demo/generator';
import { defaultContactPolicy, type ContactPolicy } from '../../core/contact/policy';
import { scoreSubscribersCounted } from '../../electron/backend/scoring';
import { applyContactPolicy } from '../../electron/backend/contact-policy-apply';
import { CONTACT_POLICY_KIND } from '../../electron/backend/contact-policy';
import { rederiveTask } from '../../electron/backend/task-status';
import { saveConfigVersion } from '../../db/config';

/**
 * The contact policy's sweep (its preview, and the recompute after a save) reads the customers' contact facts from the
 * packed rows where they are current (docs/scoring-storage.md "The contact policy's sweep reads them too"). It must
 * come to what reading every customer's stored row comes to (the same counts), and write what deriving each open task
 * on its own writes (rederiveTask, as logging an attempt does: the facts through a join of the task and its customer's
 * row) — with fields knocked out or odd, customers changed since their rows were packed, customers new since, and
 * our own sales conversations on earlier tasks.
 */
const TODAY = '2026-11-23';
const AT = '2026-11-23T02:00:00.000Z';
const NOW = new Date('2026-11-23T03:00:00.000Z');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const dayBefore = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Every task as stored: what the sweep writes (its block, its status and closing). */
const taskTable = (db: Db) => db.prepare('SELECT id, msisdn, status, closed_at, blocked_until, attempt_count, callback_at FROM tasks ORDER BY id').all();

/** Retry spacing of three days, a 90-day marketing gap on every channel, two attempts at most. */
const candidate: ContactPolicy = { ...defaultContactPolicy, retryAfterMinutes: 3 * 24 * 60, marketingGapDays: 90, marketedAnyChannelDays: 90, maxAttempts: 2 };

describe('the contact policy sweep over the packed rows', () => {
  const tmp = tempDir();
  let db: Db;
  let file: string;
  beforeEach(() => {
    file = tmp.file(`ws-${Math.random().toString(36).slice(2)}.sqlite`);
    db = openDatabase(file);
  });
  afterEach(() => {
    db.close();
  });

  /** A contact fact as files bring it: empty, a date (recent or not), a flag, or something odd. */
  function factValue(random: () => number, field: string): unknown {
    const p = random();
    if (p < 0.6) return null;
    if (p < 0.66) return ['', ' ', '是', '否', '2026-1-5', '2026-02-30', 'x', -0, 0.1 + 0.2, '1', 2][Math.floor(random() * 11)];
    if (field === 'do_not_disturb' || field === 'trial_ordered') return random() < 0.5 ? 1 : 0;
    return dayBefore(Math.floor(random() * 900) - 5);
  }

  let attemptNo = 0;
  function attempt(msisdn: number, taskId: number, disposition: string, daysAgo: number, callbackAt: string | null = null, channel = 'phone'): void {
    const at = new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString();
    db.prepare(
      `INSERT INTO attempts (id, task_id, msisdn, agent_id, channel, at, disposition, callback_at, recorded_at) VALUES (?, ?, ?, 'A1', ?, ?, ?, ?, ?)`,
    ).run(`a${attemptNo++}`, taskId, msisdn, channel, at, disposition, callbackAt, at);
  }

  /** `count` customers; seven in ten with an open task, some with attempts on it, some with an earlier task we closed. */
  function seed(seedNo: number, count: number, from = 0, numbered?: (i: number) => string): number[] {
    const random = rng(seedNo);
    const upsert = subscriberUpserter(db);
    const numbers: number[] = [];
    db.transaction(() => {
      for (const r of generateSubscribers({ seed: seedNo, count: count + from, today: TODAY })) {
        if (from-- > 0) continue;
        const rec: Record<string, unknown> = { ...r, ...(numbered ? { msisdn: numbered(numbers.length) } : {}) };
        for (const f of subscriberContactFields) rec[f] = factValue(random, f);
        upsert(rec as Parameters<typeof upsert>[0], AT);
        const msisdn = Number(rec.msisdn);
        numbers.push(msisdn);
        if (random() < 0.2) {
          // Our own sales conversation on an earlier task, closed since.
          const earlier = insertTask(db, { msisdn: String(msisdn), agentId: null, dueDate: null, createdAt: AT });
          attempt(msisdn, earlier, random() < 0.5 ? 'accepted' : 'declined', Math.floor(random() * 150), null, random() < 0.5 ? 'phone' : 'hall');
          db.prepare('UPDATE tasks SET closed_at = ?, status = ? WHERE id = ?').run(AT, 'closed_declined', earlier);
        }
        if (random() >= 0.7) continue;
        const due = random();
        const task = insertTask(db, { msisdn: String(msisdn), agentId: null, dueDate: due < 0.5 ? null : dayBefore(Math.floor(random() * 20) - 10), createdAt: AT });
        if (random() < 0.1) db.prepare('UPDATE tasks SET follow_up_on = ? WHERE id = ?').run(dayBefore(Math.floor(random() * 10) - 5), task);
        for (let n = Math.floor(random() * random() * 4); n > 0; n--) {
          const d = ['no_answer', 'busy', 'powered_off', 'hung_up', 'callback', 'callback', 'complaint', 'wrong_person', 'accepted'][Math.floor(random() * 9)]!;
          const daysAgo = random() * 6;
          attempt(msisdn, task, d, daysAgo, d === 'callback' ? new Date(NOW.getTime() + (random() * 4 - 1) * 86_400_000).toISOString() : null);
        }
        // Derived as the app derives a task when an attempt is logged (status, counts, block); then a block forgotten
        // now and then, as a policy saved since would leave it.
        rederiveTask(db, task, NOW);
        if (random() < 0.3) db.prepare('UPDATE tasks SET blocked_until = NULL WHERE id = ?').run(task);
      }
    })();
    return numbers;
  }

  /** The same workspace as a second file, to write one way in each. */
  function twin(): Db {
    const other = tmp.file(`twin-${Math.random().toString(36).slice(2)}.sqlite`);
    db.exec(`VACUUM INTO '${other}'`);
    return openDatabase(other);
  }

  it.each([1, 2, 3])('comes to what every stored row comes to: counts, blocks and closings (seed %i)', (seedNo) => {
    const numbers = seed(seedNo, 600);
    db.transaction(() => scoreSubscribersCounted(db, { today: TODAY, at: AT }))(); // packs every row
    expect(db.prepare('SELECT count(*) FROM scoring_inputs').pluck().get()).toBe(600);
    // Changed since their rows were packed, by an import's upsert and by hand; and customers new since.
    const random = rng(seedNo + 100);
    const upsert = subscriberUpserter(db);
    for (const msisdn of numbers.filter((_, i) => i % 23 === 0)) {
      upsert({ msisdn: String(msisdn), do_not_disturb: random() < 0.5 ? 1 : 0, last_marketed: dayBefore(Math.floor(random() * 100)) } as Parameters<typeof upsert>[0], AT);
    }
    db.prepare("UPDATE subscribers SET porting_apply_date = ?, last_unsubscribed = NULL WHERE msisdn IN (SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 7 OFFSET 40)").run(dayBefore(3));
    seed(seedNo, 15, 600, (i) => String(19_999_990_000 + i)); // numbered after every packed row
    expect(db.prepare('SELECT count(*) FROM scoring_stale').pluck().get()).toBeGreaterThan(30);

    const effects = [defaultContactPolicy, candidate].map((policy) => {
      const packed = applyContactPolicy(db, policy, NOW, { write: false });
      expect(packed).toEqual(applyContactPolicy(db, policy, NOW, { write: false, wide: true }));
      return packed;
    });
    // Not a comparison of nothing: blocks forgotten, and the candidate blocking and closing more.
    expect(effects[0]!.openTasks).toBeGreaterThan(250);
    expect(effects[0]!.blocksChanged).toBeGreaterThan(30);
    expect(effects[1]!.changed).toBeGreaterThan(20);
    expect(effects[1]!.closing).toBeGreaterThan(5);
    expect(effects[1]!.blocksChanged).toBeGreaterThan(50);

    // The candidate saved: the sweep writes, and in a copy every open task is derived on its own.
    saveConfigVersion(db, CONTACT_POLICY_KIND, JSON.stringify(candidate), AT, null);
    const other = twin();
    try {
      const before = taskTable(db);
      applyContactPolicy(db, candidate, NOW, { write: true });
      other.transaction(() => {
        for (const id of other.prepare('SELECT id FROM tasks WHERE closed_at IS NULL').pluck().all() as number[]) rederiveTask(other, id, NOW);
      })();
      expect(taskTable(db)).toEqual(taskTable(other));
      expect(taskTable(db)).not.toEqual(before);
      // And then nothing is left to do.
      expect(applyContactPolicy(db, candidate, NOW, { write: false })).toMatchObject({ changed: 0, closing: 0, blocksChanged: 0 });
    } finally {
      other.close();
    }
  });

  it('a save does not write over a task an agent changed while it read: that writer derived its block already', () => {
    seed(4, 300);
    db.transaction(() => scoreSubscribersCounted(db, { today: TODAY, at: AT }))();
    db.exec("UPDATE subscribers SET do_not_disturb = 1 WHERE msisdn IN (SELECT msisdn FROM tasks WHERE closed_at IS NULL)");
    db.exec('UPDATE tasks SET blocked_until = NULL WHERE closed_at IS NULL');
    const [first, second] = db.prepare('SELECT id FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 2').pluck().all() as [number, number];
    const agent = openDatabase(file);
    try {
      let logged = false;
      const effect = applyContactPolicy(db, defaultContactPolicy, NOW, {
        write: true,
        onBatch: (_done, _total, step) => {
          if (step !== 'reading' || logged) return;
          // Another connection (an agent's attempt) changes the first task after the sweep read it.
          agent.prepare("UPDATE tasks SET attempt_count = attempt_count + 1, blocked_until = '2026-11-24T01:00:00.000Z' WHERE id = ?").run(first);
          logged = true;
        },
      });
      expect(logged).toBe(true);
      expect(effect.blocksChanged).toBeGreaterThan(100);
      const block = (id: number) => db.prepare('SELECT blocked_until FROM tasks WHERE id = ?').pluck().get(id);
      expect(block(first)).toBe('2026-11-24T01:00:00.000Z');
      expect(block(second)).toBe('9999-12-31T23:59:59.999Z'); // do-not-disturb: no time lifts it
    } finally {
      agent.close();
    }
  });
});
