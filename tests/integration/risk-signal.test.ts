import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutput, WorklistPreview } from '../../core/api';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';
import { levelChurnWeight } from '../../core/contact/policy';
import { levelOfChurnP } from '../../core/risk/signal';
import { arpuAverage, type SubscriberRecord } from '../../core/risk/values';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

type Card = Extract<OperationOutput<'customer-lookup'>, { found: true }>;
const order = (l: string) => ['stable', 'low', 'medium', 'high'].indexOf(l);

/**
 * One risk signal (docs/product.md §4.4): the card and the queue row show the same reconciled level for the same
 * customer, with and without a model; a customer the desk knows almost nothing about shows 数据不足.
 */
describe('one risk signal on the card and in the queue', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let sparseList = 0;
  const sparseNumbers = ['13912340001', '13912340002', '13912340003'];

  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date('2026-11-23T03:00:00Z') });
    // A list that brings only a number and a plan: the desk knows nothing about the risk of these customers.
    const bytes = writeWorkbook([{ name: '清单', header: ['手机号码', '套餐'], rows: sparseNumbers.map((n) => [n, '全球通 128']) }], 'xlsx');
    const token = t.upload(bytes, 'sparse.xlsx');
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: token }))).result as WorklistPreview;
    const job = await t.waitJob(
      await t.call('worklist-import', {
        file: token,
        sheet: p.sheet,
        headerRow: p.headerRow,
        mapping: p.columns.map((c) => c.target),
        list: { name: '资料很少的清单', type: 'other', period: null, dueDate: '2026-12-31' },
        onRejected: 'import-nothing',
      }),
    );
    expect(job.state).toBe('done');
    sparseList = (await t.call('worklist-list', {})).items.find((l) => l.name === '资料很少的清单')!.id;
  }, 60_000);
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  async function cardOf(taskId: number): Promise<Card> {
    const card = await t.call('customer-lookup', { taskId, channel: 'phone' });
    if (!card.found) throw new Error(`task ${taskId}: no card`);
    return card;
  }

  /** Every row of the queue's first page and of the sparse list against its card. */
  async function compareCardsAndRows(): Promise<Card[]> {
    const rows = [...(await t.call('queue-list', { limit: 40 })).items, ...(await t.call('queue-list', { listId: sparseList, limit: 10 })).items];
    const cards: Card[] = [];
    for (const row of rows) {
      const card = await cardOf(row.taskId);
      expect(row.signal, `task ${row.taskId}`).not.toBeNull();
      expect(row.signal!.level, `task ${row.taskId}`).toBe(card.signal.level);
      expect(row.signal!.rule).toMatchObject({ level: card.signal.rule.level, score: card.signal.rule.score });
      if (card.signal.model?.p != null) expect(row.signal!.model!.p).toBeCloseTo(card.signal.model.p, 9);
      else expect(row.signal!.model?.p ?? null).toBeNull();
      // The row's "why here" is the stored priority itself, from the same P (issue 15 #4 and #8 agree).
      const f = row.order.priority;
      if (f) expect(f.pChurn * f.value * f.dueFactor * f.attemptsFactor, `task ${row.taskId}`).toBeCloseTo(row.priority, 6);
      // The card's offers weigh the same P(churn) the queue ranks by: "高危 62%" in the queue is 62% on the card.
      if (f) expect(card.offers.pChurn, `task ${row.taskId}`).toBeCloseTo(f.pChurn, 9);
      if (f) expect(card.offers.pChurnSource, `task ${row.taskId}`).toBe(f.pChurnFrom);
      // The tier as the card says it (a code the screen words in its language), not the file's own text (金卡 in English).
      expect(row.tier, `task ${row.taskId}`).toBe(card.risk.tier);
      cards.push(card);
    }
    return cards;
  }

  it('without a model: the rule level, and 数据不足 for a customer with a number and a plan only', async () => {
    const cards = await compareCardsAndRows();
    for (const c of cards) {
      expect(c.signal.model).toBeNull();
      if (c.signal.level !== 'insufficient') expect(c.signal.level).toBe(c.risk.level);
    }
    const sparse = await t.call('queue-list', { listId: sparseList, limit: 10 });
    expect(sparse.items).toHaveLength(3);
    for (const row of sparse.items) {
      expect(row.level).toBe('stable'); // the rule alone would say a green 稳定
      expect(row.signal?.level).toBe('insufficient');
    }
  });

  it('with a model active: card and row agree, the level is the higher of rule and model, and the queue ranks by it', async () => {
    const history = demoWorkListSheet({ seed: 31, count: 2500, today: '2026-11-23', withLabels: true });
    const trained = await t.waitJob(await t.call('model-train', { file: t.upload(writeWorkbook([{ name: '历史', header: history.header, rows: history.rows }], 'xlsx'), 'history.xlsx') }), 120_000);
    expect(trained.state).toBe('done');
    expect((await t.waitJob(await t.call('model-activate', { version: 1 }))).state).toBe('done');

    const cards = await compareCardsAndRows();
    let raisedByModel = 0;
    let keptByRule = 0;
    for (const c of cards) {
      expect(c.model?.version).toBe(1);
      const s = c.signal;
      if (s.level === 'insufficient') continue;
      const p = s.model?.p;
      const modelLevel = p == null ? 'stable' : levelOfChurnP(p);
      expect(order(s.level)).toBe(Math.max(order(c.risk.level), p == null ? -1 : order(modelLevel)));
      if (s.by === 'model') raisedByModel++;
      if (s.by === 'rule' && p != null) keptByRule++;
    }
    expect(raisedByModel + keptByRule).toBeGreaterThan(0);

    // Factors name things with field labels: the plan by its name (套餐：…), never 套餐编码 with a code.
    for (const c of cards) {
      for (const f of c.model!.contributions) {
        expect(f.labelZh).not.toBe('套餐编码');
        if (f.feature === 'plan_code' && f.value !== null) {
          expect(f).toMatchObject({ labelZh: '套餐', value: (c.customer as Record<string, unknown>).plan_name });
        }
      }
    }

    // The sparse customers: the model abstains (most of its inputs missing), so still 数据不足, never a model's base rate.
    for (const row of (await t.call('queue-list', { listId: sparseList, limit: 10 })).items) {
      expect(row.signal).toMatchObject({ level: 'insufficient', model: { p: null, level: null } });
      const card = await cardOf(row.taskId);
      expect(card.model?.p).toBeGreaterThan(0); // the model still says something; it is not counted
      expect(card.offers.pChurnSource).toBe('level');
    }

    // The queue ranks by the same signal: a task the rule calls high or medium while the model says less than that
    // level's churn weight keeps at least the weight in the stored priority, not the lower model P alone (§4.4).
    const d = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const lowModel = d
      .prepare(
        `SELECT t.id, t.priority FROM tasks t JOIN subscriber_scores sc ON sc.msisdn = t.msisdn
          WHERE t.closed_at IS NULL AND sc.level IN ('high', 'medium')
            AND sc.p_churn < CASE sc.level WHEN 'high' THEN ${levelChurnWeight.high} ELSE ${levelChurnWeight.medium} END LIMIT 5`,
      )
      .all() as { id: number; priority: number }[];
    d.close();
    expect(lowModel.length).toBeGreaterThan(0);
    for (const task of lowModel) {
      const c = await cardOf(task.id);
      expect(order(c.signal.level)).toBe(order(c.risk.level));
      const value = Math.max(1, arpuAverage(c.customer as unknown as SubscriberRecord) * 12);
      // The stored priority is the level's weight × value (scoring adds no boosts), not the lower model P × value.
      expect(c.signal.model!.p!).toBeLessThan(levelChurnWeight[c.risk.level as 'high' | 'medium']);
      expect(task.priority).toBeGreaterThanOrEqual(0.5 * levelChurnWeight[c.risk.level] * value - 1e-9);
      expect(task.priority / value).toBeCloseTo(levelChurnWeight[c.risk.level], 6);
    }
  }, 180_000);
});
