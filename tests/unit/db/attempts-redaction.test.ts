import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/connection';
import { tempDir } from '../../support/temp';

/**
 * Migration 008: attempts stay append-only; the one update allowed is the retention purge's redaction — the number
 * replaced by a negative tombstone and the note cleared, every other column unchanged, once.
 */
describe('attempts: append-only but for one redaction', () => {
  const tmp = tempDir();
  let db: Db;
  let n = 0;
  afterAll(() => tmp.cleanup());
  beforeEach(() => {
    db?.close();
    db = openDatabase(tmp.file(`r${n++}.sqlite`));
    db.prepare("INSERT INTO subscribers (msisdn, updated_at) VALUES (13800138000, '2026-01-01T00:00:00Z')").run();
    db.prepare(
      `INSERT INTO attempts (id, msisdn, agent_id, channel, at, disposition, reason, note, recorded_at)
       VALUES ('a1', 13800138000, 'A001', 'phone', '2026-01-01T02:00:00Z', 'declined', 'price', '客户说太贵', '2026-01-01T02:00:00Z')`,
    ).run();
  });
  const row = () => db.prepare("SELECT * FROM attempts WHERE id = 'a1'").get() as Record<string, unknown>;

  it('allows the redaction once, changing nothing else', () => {
    const before = row();
    db.prepare("UPDATE attempts SET msisdn = -98765, note = NULL WHERE id = 'a1'").run();
    expect(row()).toEqual({ ...before, msisdn: -98765, note: null });
    // not a second time, not even to another tombstone
    expect(() => db.prepare("UPDATE attempts SET msisdn = -1, note = NULL WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE attempts SET msisdn = 13800138000 WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE attempts SET disposition = 'accepted' WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(row()).toEqual({ ...before, msisdn: -98765, note: null });
  });

  it('migration 011: the redaction also clears what the competitor offered in words, and keeps its price', () => {
    db.prepare(
      `INSERT INTO attempts (id, msisdn, agent_id, channel, at, disposition, competitor, competitor_offer, competitor_amount, recorded_at)
       VALUES ('a2', 13800138000, 'A001', 'phone', '2026-01-01T03:00:00Z', 'churned', 'telecom', '送宽带', 59, '2026-01-01T03:00:00Z')`,
    ).run();
    expect(() => db.prepare("UPDATE attempts SET msisdn = -7, note = NULL WHERE id = 'a2'").run()).toThrow(/append-only/);
    db.prepare("UPDATE attempts SET msisdn = -7, note = NULL, competitor_offer = NULL WHERE id = 'a2'").run();
    expect(db.prepare("SELECT msisdn, competitor, competitor_offer, competitor_amount FROM attempts WHERE id = 'a2'").get()).toEqual({
      msisdn: -7, competitor: 'telecom', competitor_offer: null, competitor_amount: 59,
    });
  });

  it('refuses every other change', () => {
    const before = row();
    const refused = [
      "UPDATE attempts SET disposition = 'accepted'",
      'UPDATE attempts SET note = NULL', // a note cleared without the number
      'UPDATE attempts SET msisdn = -5', // a number replaced, the note kept
      'UPDATE attempts SET msisdn = 13900000000, note = NULL', // not a tombstone
      'UPDATE attempts SET msisdn = -5.5, note = NULL', // not an integer
      "UPDATE attempts SET msisdn = -5, note = NULL, reason = 'network'", // the redaction plus another change
      "UPDATE attempts SET msisdn = -5, note = NULL, agent_id = 'A002'",
      "UPDATE attempts SET msisdn = -5, note = NULL, at = '2026-01-02T02:00:00Z'",
      "UPDATE attempts SET msisdn = -5, note = NULL, id = 'a2'",
      'UPDATE attempts SET msisdn = -5, note = NULL, task_id = 1',
      'UPDATE attempts SET msisdn = -5, note = NULL, competitor_amount = 59', // migration 011: the price is kept as it is
      "UPDATE attempts SET msisdn = -5, note = NULL, competitor_offer = '送宽带'",
    ];
    for (const sql of refused) expect(() => db.prepare(`${sql} WHERE id = 'a1'`).run(), sql).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM attempts WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(row()).toEqual(before);
  });
});
