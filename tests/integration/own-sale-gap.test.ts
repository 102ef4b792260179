import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CampaignRunOutcomeView } from '../../core/api/ops/campaigns';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * The 60-day marketing gap counts from this desk's own sale or decline on an earlier task too (core/contact/policy.ts
 * `canContactNow`): a campaign run an hour after a customer accepted an offer gave them a new task, callable at once —
 * the central system's 最近营销日期 learns of our contacts only from the outcome file (found by a supervisor's first
 * campaign). And a workspace whose queue stored such a task's block by the earlier rule is mended at the next start.
 */
describe("a customer this desk sold to or was declined by", () => {
  const tmp = tempDir();
  const file = tmp.file('ws.sqlite');
  const noon = new Date(2026, 10, 23, 12, 0); // local noon: inside calling hours in any zone
  const later = new Date(noon.getTime() + 3_600_000);
  afterAll(() => tmp.cleanup());

  it('is left out of a campaign an hour later, counted under the marketing gap; an older workspace is mended at the next start', async () => {
    let t = testBackend({ dbPath: file, demoIfEmpty: true, now: () => noon });
    // Two customers of the campaign's selection, reached and called now: one accepts the top offer, one declines.
    const db = () => new Database(file, { readonly: true });
    const selectable = (await t.call('queue-list', { limit: 200 })).items.filter((i) => i.contact.allowed);
    const picked: { taskId: number; msisdn: number }[] = [];
    {
      const r = db();
      for (const i of selectable) {
        const level = r.prepare('SELECT sc.level FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn WHERE t.id = ?').pluck().get(i.taskId);
        if (level === 'high' || level === 'medium') picked.push({ taskId: i.taskId, msisdn: r.prepare('SELECT msisdn FROM tasks WHERE id = ?').pluck().get(i.taskId) as number });
        if (picked.length === 2) break;
      }
      r.close();
    }
    expect(picked).toHaveLength(2);
    for (const [k, p] of picked.entries()) {
      const card = await t.call('customer-lookup', { taskId: p.taskId, channel: 'phone' });
      if (!card.found) throw new Error('no card');
      await t.call(
        'attempt-log',
        k === 0
          ? { ref: card.customer.ref, channel: 'phone', disposition: 'accepted', offerCode: card.offers.ranked[0]!.code }
          : { ref: card.customer.ref, channel: 'phone', disposition: 'declined', reason: 'price' },
      );
    }
    t.close();

    t = testBackend({ dbPath: file, now: () => later });
    const saved = await t.call('campaign-save', {
      name: '高中危挽留',
      condition: { all: [{ field: 'risk_level', op: 'in', value: ['high', 'medium'] }] },
      listType: 'weekly_anomaly',
      offerFamily: 'contract',
      dueDays: 7,
      assignment: { kind: 'evenly', agentIds: ['A002', 'A003'] },
      schedule: 'once',
      enabled: false,
    });
    const job = await t.waitJob(await t.call('campaign-run', { id: saved.campaign.id }));
    expect(job.error).toBeUndefined();
    const run = job.result as CampaignRunOutcomeView;
    expect(run.excludedBy.find((e) => e.reason === 'marketing-gap')?.count).toBeGreaterThanOrEqual(2);
    const r = db();
    const openOf = (msisdn: number) => r.prepare('SELECT count(*) FROM tasks WHERE msisdn = ? AND closed_at IS NULL').pluck().get(msisdn);
    for (const p of picked) expect(openOf(p.msisdn), 'no new task for a customer contacted an hour ago').toBe(0);
    r.close();
    t.close();

    // A workspace from before: the task a campaign made then for the customer who accepted, stored as callable now.
    const w = new Database(file);
    const taskId = Number(
      w.prepare("INSERT INTO tasks (msisdn, agent_id, due_date, created_at, priority) VALUES (?, 'A002', '2026-11-30', ?, 1)").run(picked[0]!.msisdn, later.toISOString()).lastInsertRowid,
    );
    w.prepare("DELETE FROM workspace WHERE key = 'queue-blocks-own-sale-gap'").run();
    w.close();
    t = testBackend({ dbPath: file, now: () => later });
    try {
      const stored = db();
      const until = stored.prepare('SELECT blocked_until FROM tasks WHERE id = ?').pluck().get(taskId) as string | null;
      stored.close();
      // Held until the gap's end, 61 local days after the sale; the card says why.
      expect(until).not.toBeNull();
      const days = (Date.parse(until!) - noon.getTime()) / 86_400_000;
      expect(days).toBeGreaterThan(60);
      expect(days).toBeLessThan(62);
      const card = await t.call('customer-lookup', { taskId, channel: 'phone' });
      if (!card.found) throw new Error('no card');
      expect(card.contact.allowed).toBe(false);
      expect(card.contact.reasons.map((x) => x.code)).toContain('marketing-gap');
    } finally {
      t.close();
    }
  });
});
