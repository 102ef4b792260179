import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorklistImportResult, WorklistPreview } from '../../core/api';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';
import { maskMsisdn } from '../../core/privacy/mask';
import { contactReasonText, reasonText } from '../../core/risk/messages';
import { fieldByKey } from '../../core/worklist/fields';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * One person, several lines (issue 16 #5, docs/product.md §4.5): lines imported with the same identity number are
 * linked by its keyed hash; each card shows the others masked with their level, a high-risk line is a reason on
 * the others, and a call on one line blocks the others for the rest of the day.
 */
const TODAY = '2026-11-23';
let clock = new Date('2026-11-23T03:00:00Z');

describe('lines of the same person', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let a = '';
  let b = '';
  let c = '';
  let idNo = '';

  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), now: () => clock });
    const demo = demoWorkListSheet({ seed: 16, count: 40, today: TODAY });
    const header = [...demo.header];
    const col = (key: string) => header.indexOf(fieldByKey.get(key)!.zh);
    const idCol = col('id_no');
    const csCol = col('competitor_cs_calls_week');
    expect(idCol).toBeGreaterThan(0);
    expect(csCol).toBeGreaterThan(0);
    const rows = [...demo.rows].map((r) => [...r]);
    // Rows 0 and 1: one person (the same identity number); row 1 has called a competitor's service 3 times this
    // week, which makes it high by itself. Row 0 is quiet on that count.
    idNo = String(rows[0]![idCol]);
    rows[1]![idCol] = idNo;
    rows[1]![csCol] = 3;
    rows[0]![csCol] = 0;
    a = String(rows[0]![0]);
    b = String(rows[1]![0]);
    c = String(rows[2]![0]);
    const bytes = writeWorkbook([{ name: '清单', header, rows, dateColumns: demo.dateColumns }], 'xlsx');
    const pj = await t.waitJob(await t.call('worklist-import-preview', { file: t.upload(bytes, 'week48.xlsx') }));
    const p = pj.result as WorklistPreview;
    const ij = await t.waitJob(
      await t.call('worklist-import', { file: t.upload(bytes, 'week48.xlsx'), mapping: p.columns.map((x) => x.target), list: p.list, onRejected: 'import-valid' }),
    );
    expect((ij.result as WorklistImportResult).imported).toBe(40);
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const card = async (msisdn: string, channel: 'phone' | 'hall' = 'phone') => {
    const r = await t.call('customer-lookup', { msisdn, channel });
    if (!r.found) throw new Error('not found');
    return r;
  };

  it('each card shows the other line, masked, with its level; a line alone shows none', async () => {
    const ca = await card(a);
    const cb = await card(b);
    expect(cb.risk.level).toBe('high');
    expect(ca.siblings).toEqual({ total: 1, lines: [{ msisdnMasked: maskMsisdn(b), level: 'high', signal: 'high' }] });
    expect(cb.siblings.total).toBe(1);
    expect(cb.siblings.lines[0]!.msisdnMasked).toBe(maskMsisdn(a));
    expect((await card(c)).siblings).toEqual({ total: 0, lines: [] });
    // The identity number itself appears nowhere in the answer.
    expect(JSON.stringify(ca)).not.toContain(idNo);
    expect(JSON.stringify(ca)).not.toContain(a);
  });

  it('a high-level sibling is a reason on the other line, with 0 points', async () => {
    const ca = await card(a);
    const sibling = ca.risk.reasons.filter((r) => r.code === 'sibling-line-risk');
    expect(sibling).toEqual([{ code: 'sibling-line-risk', points: 0, params: { number: maskMsisdn(b)!, signal: 'high', top: 'competitor-cs-calls' } }]);
    expect(reasonText('zh-CN', sibling[0] as never)).toBe(`同一证件下另一号码 ${maskMsisdn(b)} 为高危（拨打异网客服）`);
    // The quiet line's own score is untouched by its sibling.
    expect(ca.risk.score).toBe((await card(a)).risk.score);
    expect((await card(b)).risk.reasons.some((r) => r.code === 'sibling-line-risk')).toBe(false);
  });

  it('a call logged on one line blocks the other for today, not tomorrow; the hall still serves it', async () => {
    clock = new Date('2026-11-23T03:00:00Z');
    const blockedBefore = (await card(b)).contact.reasons.map((r) => r.code);
    expect(blockedBefore).not.toContain('same-person-contacted-today');
    await t.call('attempt-log', { msisdn: a, channel: 'phone', disposition: 'no_answer' });
    const after = (await card(b)).contact;
    expect(after.allowed).toBe(false);
    const reason = after.reasons.find((r) => r.code === 'same-person-contacted-today')!;
    expect(reason.params).toEqual({ number: maskMsisdn(a)!, at: clock.toISOString() });
    expect(contactReasonText('zh-CN', reason)).toContain(`同一证件下的号码 ${maskMsisdn(a)} 今天已联系过`);
    // The line that was called is not blocked by this rule, nor is a walk-in on the other line.
    expect((await card(a)).contact.reasons.map((r) => r.code)).not.toContain('same-person-contacted-today');
    expect((await card(b, 'hall')).contact.reasons.map((r) => r.code)).not.toContain('same-person-contacted-today');
    // …and the queue says the same for b's task.
    const queue = await t.call('queue-list', { offset: 0, limit: 100 });
    const masked = maskMsisdn(b);
    const row = queue.items.find((i) => i.msisdnMasked === masked)!;
    expect(row.contact.reasons.map((r) => r.code)).toContain('same-person-contacted-today');
    // Tomorrow the rule has lifted.
    clock = new Date('2026-11-24T03:00:00Z');
    expect((await card(b)).contact.reasons.map((r) => r.code)).not.toContain('same-person-contacted-today');
  });

  it('the look-ups are index seeks by identity hash, not scans', () => {
    const db = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const siblings = plan(
      `SELECT o.* FROM subscribers s JOIN subscribers o ON o.id_hash = s.id_hash AND o.msisdn <> s.msisdn WHERE s.msisdn = ? AND s.id_hash IS NOT NULL`,
      Number(a),
    );
    expect(siblings).toContain('USING INDEX subscribers_id_hash');
    expect(siblings).not.toMatch(/SCAN (o|s)\b/);
    db.close();
  });
});
