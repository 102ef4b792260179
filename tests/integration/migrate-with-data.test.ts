import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { latestSchemaVersion, migrations } from '../../db/migrations';
import { openBackend } from '../../electron/backend';
import { tempDir } from '../support/temp';

/**
 * Issue 7: a workspace written at every earlier schema version, with data in it, opens in this version: migrated
 * in place, nothing lost, integrity ok, and the desk works on it (card, queue with its counts, weekly report).
 */
describe('migrations from every earlier schema, with data', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  // Every schema a workspace can have been written at (numbers may skip: branches take theirs in parallel).
  for (const from of migrations.map((m) => m.version).filter((v) => v < latestSchemaVersion)) {
    it(`schema ${from} → ${latestSchemaVersion}`, async () => {
      const file = tmp.file(`v${from}.sqlite`);
      const old = new Database(file);
      migrate(old, from);
      // Data as that schema could hold it: only the tables and columns of the first schema are used.
      // (An identity number in the extra attributes only before 009: from 009 on an import never keeps one there.)
      old.exec(`
        INSERT INTO agents (id, name, role, hall, pin_hash, created_at) VALUES ('A001', '王晓燕', 'agent', '东湖路营业厅', NULL, '2026-10-01T00:00:00Z');
        INSERT INTO subscribers (msisdn, name, arpu_avg3, arpu_cur, mou_avg3, mou_cur, dual_sim, extra, updated_at)
          VALUES (13800138000, '吴建国', 120, 60, 300, 100, '移动+联通', '${from < 9 ? '{"积分":1200,"客户身份证号":"110105199001011232"}' : '{"积分":1200}'}', '2026-11-01T00:00:00Z');
        INSERT INTO work_lists (id, name, list_type, period, due_date, imported_at) VALUES (1, '旧清单', 'weekly_anomaly', '2026-W45', '2026-12-31', '2026-11-02T00:00:00Z');
        INSERT INTO tasks (id, msisdn, agent_id, status, priority, created_at) VALUES (1, 13800138000, 'A001', 'in_progress', 5, '2026-11-02T00:00:00Z');
        INSERT INTO subscribers (msisdn, name, arpu_avg3, do_not_disturb, extra, updated_at) VALUES (13900139000, '郑敏', 500, 1, '{}', '2026-11-01T00:00:00Z');
        INSERT INTO tasks (id, msisdn, agent_id, status, priority, created_at) VALUES (2, 13900139000, NULL, 'pending', 50, '2026-11-02T00:00:00Z');
        INSERT INTO list_members (list_id, msisdn, task_id, row_no) VALUES (1, 13800138000, 1, 2);
        INSERT INTO attempts (id, task_id, msisdn, agent_id, channel, at, disposition, reason, recorded_at)
          VALUES ('old-1', 1, 13800138000, 'A001', 'phone', '2026-11-03T02:00:00Z', 'declined', 'price', '2026-11-03T02:00:00Z');
        INSERT INTO feedback (id, msisdn, agent_id, category, importance, text, at) VALUES ('fb-1', 13800138000, 'A001', 'network', 'high', '家里没信号', '2026-11-03T02:01:00Z');
        INSERT INTO experience_notes (id, agent_id, reason, text, at) VALUES ('note-1', 'A001', 'price', '先算账', '2026-11-03T02:02:00Z');
        INSERT INTO audit_log (at, agent_id, action, target) VALUES ('2026-11-03T02:03:00Z', 'A001', 'customer-reveal', '138****8000');
      `);
      // An identity number in the extras is what versions before 009 could hold; from 009 on none is stored.
      if (from >= 9) old.prepare('UPDATE subscribers SET extra = json_remove(extra, ?)').run('$.客户身份证号');
      old.close();

      const db = openDatabase(file); // migrates to the latest schema
      expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(latestSchemaVersion);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT n FROM open_task_counts WHERE agent_id = 'A001'").pluck().get()).toBe(1);
      db.close();

      const backend = openBackend({ dbPath: file, now: () => new Date('2026-11-10T03:00:00Z') });
      try {
        const card = await backend.dispatch('customer-lookup', { msisdn: '13800138000' });
        expect(card.ok && (card.data as { found: boolean }).found).toBe(true);
        const data = card.ok ? (card.data as { recentAttempts: { id: string }[]; feedback: { id: string }[]; notes: { id: string }[]; customer: { extra: Record<string, unknown> } }) : null;
        expect(data!.recentAttempts.map((a) => a.id)).toEqual(['old-1']);
        expect(data!.feedback.map((f) => f.id)).toEqual(['fb-1']);
        // 009: an identity number kept as an extra attribute by an older version is gone from it (data written from
        // schema 9 on never has one there).
        expect(data!.customer.extra).toEqual({ 积分: 1200 });
        // 014: the extra columns the workspace already held are known to rules and the rules editor. (From 14 on the
        // import registers them as it writes; this test's rows are written by hand, so none are registered.)
        const columns = await backend.dispatch('extra-column-list', {});
        expect(columns.ok && (columns.data as { headers: string[] }).headers).toEqual(from < 14 ? ['积分'] : []);
        const queue = await backend.dispatch('queue-list', {});
        expect(queue.ok && (queue.data as { total: number }).total).toBe(2);
        // 010: the queue blocks are derived on the first start: the do-not-disturb task is in the blocked part, last.
        const order = queue.ok ? (queue.data as { items: { taskId: number; order: { part: string }; contact: { reasons: { code: string }[] } }[] }).items : [];
        expect(order[1]).toMatchObject({ taskId: 2, order: { part: 'blocked' }, contact: { reasons: expect.arrayContaining([expect.objectContaining({ code: 'do-not-disturb' })]) } });
        const dash = await backend.dispatch('dashboard-get', { week: '2026-W45' });
        expect(dash.ok && (dash.data as { totals: { week: { attempts: number } } }).totals.week.attempts).toBe(1);
        // 008: the audit entries written before it are searchable by their target…
        const audit = await backend.dispatch('audit-list', { text: '8000' });
        expect(audit.ok && (audit.data as { items: { target: string }[] }).items.map((i) => i.target)).toEqual(['138****8000']);
        // …sign-in failures are kept in the workspace…
        for (let i = 0; i < 5; i++) await backend.dispatchSession(null, 'session-sign-in', { agentId: 'A001', pin: '000000' });
        const check = new Database(file, { readonly: true });
        expect(check.prepare("SELECT locked_until IS NOT NULL FROM sign_in_failures WHERE agent_id = 'A001'").pluck().get()).toBe(1);
        check.close();
      } finally {
        backend.close();
      }
      {
        // …and the attempt written under the old schema takes the purge's redaction once, and nothing else.
        const db8 = openDatabase(file);
        expect(() => db8.prepare("UPDATE attempts SET reason = 'network' WHERE id = 'old-1'").run()).toThrow(/append-only/);
        db8.prepare("UPDATE attempts SET msisdn = -42, note = NULL WHERE id = 'old-1'").run();
        expect(db8.prepare("SELECT msisdn, reason, disposition FROM attempts WHERE id = 'old-1'").get()).toEqual({ msisdn: -42, reason: 'price', disposition: 'declined' });
        expect(() => db8.prepare("UPDATE attempts SET msisdn = -43, note = NULL WHERE id = 'old-1'").run()).toThrow(/append-only/);
        db8.close();
      }
    });
  }
});
