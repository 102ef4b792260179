import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorklistImportResult, WorklistPreview } from '../../core/api';
import { writeWorkbook } from '../../core/exchange/write';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * What a success keeps (issue 17 #4 在网率, issue 18 #3 revenue kept): later work-list imports mark each success kept
 * or lost three months on and give its ARPU after; the dashboard sums them per list, offer and agent.
 */
describe('kept successes', () => {
  const tmp = tempDir();
  const dbPath = tmp.file('ws.sqlite');
  let clock = new Date('2026-09-01T03:00:00Z');
  let t: ReturnType<typeof testBackend>;
  const [A, B, C, D] = ['13900000001', '13900000002', '13900000003', '13900000004'];
  const header = ['手机号码', '用户状态', '套餐编码', '近三月ARPU', '当月ARPU', '是否离网', '离网日期'];

  async function importList(name: string, rows: (string | number | null)[][]): Promise<WorklistImportResult> {
    const token = t.upload(writeWorkbook([{ name: '清单', header, rows }], 'xlsx'), `${name}.xlsx`);
    const p = (await t.waitJob(await t.call('worklist-import-preview', { file: token }))).result as WorklistPreview;
    const job = await t.waitJob(
      await t.call('worklist-import', {
        file: token, sheet: p.sheet, headerRow: p.headerRow, mapping: p.columns.map((c) => c.target),
        list: { name, type: 'weekly_anomaly', period: null, dueDate: '2026-09-30' }, onRejected: 'import-valid',
      }),
    );
    expect(job.error).toBeUndefined();
    return job.result as WorklistImportResult;
  }
  const accept = async (msisdn: string, offerCode: string) => {
    const r = await t.backend.dispatch('attempt-log', { msisdn, channel: 'hall', disposition: 'accepted', offerCode }, { agentId: 'A001', role: 'agent' });
    if (!r.ok) throw new Error(r.error.message);
    return (r.data as { attempt: { id: string } }).attempt.id;
  };
  const outcomes = () => {
    const d = new Database(dbPath, { readonly: true });
    try {
      return Object.fromEntries(
        (d.prepare('SELECT a.msisdn, so.retained, so.arpu_before, so.arpu_after, so.plan_accepted FROM success_outcomes so JOIN attempts a ON a.id = so.attempt_id').all() as {
          msisdn: number; retained: number | null; arpu_before: number | null; arpu_after: number | null; plan_accepted: string | null;
        }[]).map(({ msisdn, ...r }) => [String(msisdn), r]),
      );
    } finally {
      d.close();
    }
  };

  beforeAll(async () => {
    t = testBackend({ dbPath, demoIfEmpty: false, now: () => clock });
    await importList('九月维系', [A, B, C, D].map((n) => [n, '正常', 'SZX38', 60, 62, '否', null]));
    clock = new Date('2026-09-01T05:00:00Z');
    for (const n of [A, B, C]) await accept(n, 'BRAND_MIGRATION');
    await accept(D, 'CONTRACT_REWARD');
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  it('snapshots ARPU before at the success; nothing is judged yet', () => {
    expect(outcomes()[A]).toEqual({ retained: null, arpu_before: 60, arpu_after: null, plan_accepted: null });
  });

  it('a month on: the plan as accepted and ARPU after are taken; a churn before three months is not kept (0 after)', async () => {
    clock = new Date('2026-10-05T03:00:00Z');
    await importList('十月维系', [
      [A, '正常', 'QQT128', 90, 130, '否', null],
      [B, '正常', 'QQT128', 90, 120, '否', null],
      [C, null, 'SZX38', null, null, '是', '2026-10-01'],
      [D, '正常', 'SZX38', 60, 58, '否', null],
    ]);
    expect(outcomes()).toEqual({
      [A]: { retained: null, arpu_before: 60, arpu_after: 130, plan_accepted: 'QQT128' },
      [B]: { retained: null, arpu_before: 60, arpu_after: 120, plan_accepted: 'QQT128' },
      [C]: { retained: 0, arpu_before: 60, arpu_after: 0, plan_accepted: 'SZX38' },
      [D]: { retained: null, arpu_before: 60, arpu_after: 58, plan_accepted: 'SZX38' },
    });
  });

  it('three months on: active on the accepted plan is kept; suspended is not; the first verdict and ARPU after stay', async () => {
    clock = new Date('2026-12-02T03:00:00Z');
    await importList('十二月维系', [
      [A, '正常', 'QQT128', 130, 140, '否', null],
      [B, '停机', 'QQT128', 130, 0, '否', null],
      [C, '正常', 'SZX38', 60, 60, '否', null], // lost earlier: a later file does not bring it back
      [D, '正常', 'SZX38', 60, 60, '否', null],
    ]);
    expect(outcomes()).toEqual({
      [A]: { retained: 1, arpu_before: 60, arpu_after: 130, plan_accepted: 'QQT128' },
      [B]: { retained: 0, arpu_before: 60, arpu_after: 120, plan_accepted: 'QQT128' },
      [C]: { retained: 0, arpu_before: 60, arpu_after: 0, plan_accepted: 'SZX38' },
      [D]: { retained: 1, arpu_before: 60, arpu_after: 58, plan_accepted: 'SZX38' },
    });
  });

  it('the dashboard shows 在网率 and ARPU before/after per list, offer and agent', async () => {
    const v = await t.call('dashboard-get', { period: { kind: 'month', from: '2026-09-01' } });
    const list = v.lists.find((l) => l.name === '九月维系')!;
    expect(list.kept).toEqual({ judged: 4, retained: 2, arpuCount: 4, arpuBefore: 240, arpuAfter: 308 });
    expect(v.offers.find((o) => o.code === 'BRAND_MIGRATION')!.kept).toEqual({ judged: 3, retained: 1, arpuCount: 3, arpuBefore: 180, arpuAfter: 250 });
    expect(v.offers.find((o) => o.code === 'CONTRACT_REWARD')!.kept).toEqual({ judged: 1, retained: 1, arpuCount: 1, arpuBefore: 60, arpuAfter: 58 });
    expect(v.agents.find((a) => a.agentId === 'A001')!.kept).toMatchObject({ judged: 4, retained: 2 });
    expect(v.totals.kept).toEqual({ judged: 4, retained: 2, arpuCount: 4, arpuBefore: 240, arpuAfter: 308 });
  });
});
