import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { currentSchemaVersion, migrate, SchemaTooNewError } from '../../../db/migrate';
import { latestSchemaVersion, migrations } from '../../../db/migrations';
import { tempDir } from '../../support/temp';

describe('migrations', () => {
  const tmp = tempDir();
  afterEach(() => undefined);

  it('brings an empty file to the latest schema and records each step', () => {
    const db = openDatabase(tmp.file('a.sqlite'));
    expect(currentSchemaVersion(db)).toBe(latestSchemaVersion);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    // Every migration, in order (branches number theirs apart, so the list may have gaps while they merge).
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('is idempotent: opening again applies nothing', () => {
    const file = tmp.file('b.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer version, without touching it', () => {
    const file = tmp.file('newer.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latestSchemaVersion + 1, 'from-the-future', '2030-01-01T00:00:00Z');
    raw.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version/);
    const check = new Database(file);
    expect(migrate.length).toBeGreaterThan(0);
    expect((check.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(latestSchemaVersion + 1);
    check.close();
  });

  it('keeps attempts and the audit log append-only', () => {
    const db = openDatabase(tmp.file('c.sqlite'));
    db.prepare("INSERT INTO subscribers (msisdn, updated_at) VALUES (13800138000, '2026-01-01T00:00:00Z')").run();
    db.prepare(
      "INSERT INTO attempts (id, msisdn, agent_id, channel, at, disposition, recorded_at) VALUES ('a1', 13800138000, 'A001', 'phone', '2026-01-01T02:00:00Z', 'no_answer', '2026-01-01T02:00:00Z')",
    ).run();
    expect(() => db.prepare("UPDATE attempts SET disposition = 'accepted' WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM attempts WHERE id = 'a1'").run()).toThrow(/append-only/);
    db.prepare("INSERT INTO audit_log (at, action) VALUES ('2026-01-01T00:00:00Z', 'test')").run();
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('allows only one open task per subscriber', () => {
    const db = openDatabase(tmp.file('d.sqlite'));
    db.prepare("INSERT INTO subscribers (msisdn, updated_at) VALUES (13800138000, '2026-01-01T00:00:00Z')").run();
    const add = db.prepare("INSERT INTO tasks (msisdn, created_at, closed_at) VALUES (13800138000, '2026-01-01T00:00:00Z', ?)");
    add.run(null);
    expect(() => add.run(null)).toThrow(/UNIQUE/);
    add.run('2026-01-02T00:00:00Z'); // a closed task beside the open one is fine
    db.close();
  });
});

describe('open task counts (migration 005)', () => {
  const tmp = tempDir();
  it('follow inserts, closes, reassignments and deletes', () => {
    const db = openDatabase(tmp.file('counts.sqlite'));
    for (const n of [13800000001, 13800000002, 13800000003]) db.prepare("INSERT INTO subscribers (msisdn, updated_at) VALUES (?, 'x')").run(n);
    for (const id of ['A001', 'A002']) db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, ?, 'agent', 'x')").run(id, id);
    const counts = () => Object.fromEntries((db.prepare('SELECT agent_id, n FROM open_task_counts WHERE n > 0 ORDER BY agent_id').all() as { agent_id: string; n: number }[]).map((r) => [r.agent_id, r.n]));
    const add = db.prepare("INSERT INTO tasks (msisdn, agent_id, created_at) VALUES (?, ?, 'x')");
    const a = Number(add.run(13800000001, 'A001').lastInsertRowid);
    add.run(13800000002, 'A001');
    const c = Number(add.run(13800000003, null).lastInsertRowid);
    expect(counts()).toEqual({ '': 1, A001: 2 });
    db.prepare("UPDATE tasks SET closed_at = 'y' WHERE id = ?").run(a);
    expect(counts()).toEqual({ '': 1, A001: 1 });
    db.prepare("UPDATE tasks SET agent_id = 'A002' WHERE id = ?").run(c);
    expect(counts()).toEqual({ A001: 1, A002: 1 });
    db.prepare('DELETE FROM tasks WHERE id = ?').run(c);
    expect(counts()).toEqual({ A001: 1 });
    const real = db.prepare('SELECT count(*) n FROM tasks WHERE closed_at IS NULL').get() as { n: number };
    expect(real.n).toBe(1);
    db.close();
  });
});
