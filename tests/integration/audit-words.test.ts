import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../core/api/ops/audit';
import { openDatabase } from '../../db/connection';
import { localTimeFormatter } from '../../core/exchange/outcomes';
import { auditActionLabel, auditSheet, formatAuditDetail, formatAuditTarget } from '../../core/audit/actions';
import { defaultRiskConfig } from '../../core/risk/config';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * Issue 15 #12: the audit log a supervisor reads names what changed in words, never internal keys — on the page
 * and in the workbook (one formatter), in Chinese without English leaking in.
 */
describe('the audit log in words', () => {
  const tmp = tempDir();
  let t: ReturnType<typeof testBackend>;
  let entries: AuditEntryView[] = [];

  beforeAll(async () => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => new Date(2026, 10, 23, 11, 0, 0) });
    // a change to the 高危 bound
    await t.waitJob(await t.call('risk-config-save', { config: { ...defaultRiskConfig, levels: { ...defaultRiskConfig.levels, mediumMax: 22 } } }));
    const offer = (await t.call('offer-list', {}))[0]!;
    await t.call('offer-save', { offer: { ...offer, cost: offer.cost + 5, script: '新话术' } });
    const list = (await t.call('worklist-list', {})).items[0]!;
    await t.call('task-assign', { listId: list.id, mode: { kind: 'evenly', agentIds: ['A001', 'A002'] }, onlyUnassigned: false });
    // A campaign saved and run, and an analysis workbook handed upward.
    const campaign = await t.call('campaign-save', {
      name: '高危挽留',
      condition: {
        all: [
          { field: 'risk_level', op: 'in', value: ['high', 'medium'] },
          { any: [{ tag: 'dual_sim' }, { field: 'arpu_avg3', op: '>=', value: 120 }] },
          { column: '积分', op: 'present' },
        ],
      },
      listType: 'weekly_anomaly',
      offerFamily: 'contract',
      dueDays: 7,
      assignment: { kind: 'evenly', agentIds: ['A001'] },
      schedule: 'once',
      enabled: false,
    });
    await t.waitJob(await t.call('campaign-run', { id: campaign.campaign.id }));
    await t.call('analysis-export', { kind: 'predicted', by: 'county', drill: { county: '东湖区' }, locale: 'zh-CN' });
    await t.call('audit-export', { from: '2026-11-01', agentId: 'S001', locale: 'zh-CN' });
    // A customer's 要求勿扰, lifted by the supervisor with a reason.
    const db = openDatabase(tmp.file('ws.sqlite'), { readonly: true });
    const refused = String(db.prepare('SELECT msisdn FROM tasks WHERE closed_at IS NULL ORDER BY id LIMIT 1').pluck().get());
    db.close();
    await t.call('attempt-log', { msisdn: refused, channel: 'hall', disposition: 'do_not_call', reason: null }, { agentId: 'A001', role: 'agent' });
    expect((await t.call('contact-refusal-lift', { msisdn: refused, reason: '客户来厅表示同意再联系' }, { agentId: 'S001', role: 'supervisor' })).lifted).toBe(true);
    entries = (await t.call('audit-list', { limit: 100 })).items;
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const entry = (action: string) => entries.find((e) => e.action === action)!;

  it('a list acted on is named, not only numbered ("Tasks assigned — list 7" said nothing to a supervisor)', async () => {
    const e = entries.find((x) => x.action === 'task-assign' && x.target?.startsWith('list '))!;
    const list = (await t.call('worklist-list', {})).items.find((l) => `list ${l.id}` === e.target)!;
    expect(e.targetName).toBe(list.name);
    expect(formatAuditTarget('zh-CN', e.action, e.target, e.targetName)).toBe(`清单 ${list.id}「${list.name}」`);
    expect(formatAuditTarget('en', e.action, e.target, e.targetName)).toBe(`list ${list.id} “${list.name}”`);
    // A list purged since is still its number.
    expect(formatAuditTarget('zh-CN', e.action, e.target, null)).toBe(`清单 ${list.id}`);
  });

  it('names the risk setting that changed as the rules page does', () => {
    const e = entry('risk-config-save');
    expect(e.detail).toEqual({ changed: ['levels.mediumMax'] });
    expect(formatAuditDetail('zh-CN', e.detail, e.action)).toBe('修改项：等级分数线 · 高危：分数高于');
    expect(formatAuditDetail('en', e.detail, e.action)).not.toContain('levels.');
    expect(formatAuditTarget('zh-CN', e.action, e.target)).toBe('第 2 版');
  });

  it('an offer update says what changed, by the fields’ column names, from what to what — not the whole offer', () => {
    const e = entry('offer-update');
    const detail = e.detail as { changes: { path: string; before: unknown; after: unknown }[] };
    expect(detail.changes.map((c) => c.path)).toEqual(['script', 'cost']);
    expect(Object.keys(e.detail as object)).toEqual(['changes']); // the offer itself is in its versions
    const cost = detail.changes.find((c) => c.path === 'cost')!;
    expect(cost.after).toBe((cost.before as number) + 5);
    // By the offers sheet's column names; a long script cut short (it is whole in the offer's versions).
    expect(formatAuditDetail('zh-CN', e.detail, e.action)).toMatch(new RegExp(`^修改：话术 .{1,60} → 新话术；成本\\(元\\) ${cost.before} → ${cost.after}$`, 'u'));
    expect(formatAuditDetail('en', e.detail, e.action)).toMatch(/^changed: .+ → 新话术; .+ → \d+$/u);
  });

  it('no entry shows an internal key or English in Chinese, on the page or in the workbook', () => {
    const keyLike = /[a-z][A-Z]|[a-z]_[a-z]|\b[a-z]+[./][a-z]+|\b(tasks?|list|none|evenly|once|blend|schedule|enabled|customers|joined|excluded|drill|period)\b/u;
    for (const e of entries) {
      const words = [auditActionLabel('zh-CN', e.action), formatAuditTarget('zh-CN', e.action, e.target) ?? '', formatAuditDetail('zh-CN', e.detail, e.action)];
      // an offer's own texts and its rules (JSON) are the operator's data, not our words
      const shown = e.action.startsWith('offer-') ? words.slice(0, 2) : words;
      for (const w of shown) expect(w, `${e.action}: ${w}`).not.toMatch(keyLike);
    }
    const sheet = auditSheet(entries, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const rows = [...sheet.rows] as unknown[][];
    const assign = rows.find((r) => r[6] === 'task-assign')!;
    expect(assign[4]).toMatch(/^清单 \d+「.+」$/u); // numbered and named
    expect(assign[5]).toContain('方式：平均分配');
  });

  it('a campaign, its run, an analysis workbook and a trained model read as words', () => {
    const saved = entry('campaign-save');
    expect(formatAuditDetail('zh-CN', saved.detail, saved.action)).toMatch(/^编号：\d+ · 运行方式：只运行一次 · 自动运行：否 · 清单类型：周异动 · 条件：/u);
    // The condition as the campaign's words, not its JSON ({"all":[{"field":"risk_level",…}]}).
    expect(formatAuditDetail('zh-CN', saved.detail, saved.action)).toMatch(/条件：规则等级为 高危\/中危 之一；（双卡用户 或 近三月ARPU ≥ 120）；已知积分$/u);
    expect(formatAuditDetail('en', saved.detail, saved.action)).toMatch(/condition: Rule level is one of High\/Medium; \(Dual-SIM user or ARPU 3-month avg ≥ 120\); 积分 is known$/u);
    const run = entry('campaign-run');
    expect(formatAuditDetail('zh-CN', run.detail, run.action)).toMatch(/触发方式：手动 · 清单编号：\d+ · 客户：[\d,]+ · 新任务：[\d,]+ · 并入已有任务：[\d,]+ · 排除：[\d,]+$/u);
    const analysis = entry('analysis-export');
    expect(formatAuditTarget('zh-CN', analysis.action, analysis.target)).toBe('预测离网 · 按区县');
    expect(formatAuditTarget('en', analysis.action, analysis.target)).toBe('Predicted churn by county');
    expect(formatAuditTarget('zh-CN', analysis.action, 'all/hall')).toBe('停机、呼转异网、离网、预测离网 · 按营业厅');
    expect(formatAuditTarget('en', analysis.action, 'all/hall')).toBe('Suspension, forwarding off-net, churn and predicted churn by hall');
    expect(formatAuditDetail('zh-CN', analysis.detail, analysis.action)).toBe('下钻：(区县：东湖区) · 期间：— · 语言：中文');
    const trained = { method: 'blend', auc: 0.7361, cvAuc: 0.7589 };
    expect(formatAuditDetail('zh-CN', trained, 'model-train')).toBe('方法：逻辑回归与梯度提升树的组合 · AUC：0.736 · 交叉验证 AUC：0.759');
  });

  it('a lift of 要求勿扰 says why; one merged from another desk’s file also who lifted it and when, in UTC', () => {
    const lift = entries.find((e) => e.action === 'contact-refusal-lift')!;
    expect(formatAuditDetail('zh-CN', lift.detail, lift.action)).toBe('原因：客户来厅表示同意再联系');
    const merged = { reason: '客户同意', liftedBy: 'S001', liftedAt: '2026-11-23T03:00:00.000Z', merged: true };
    expect(formatAuditDetail('zh-CN', merged, 'contact-refusal-lift')).toBe('原因：客户同意 · 撤销人：S001 · 撤销时间：2026-11-23 03:00 UTC · 来自合并的结果文件：是');
    expect(formatAuditDetail('en', merged, 'contact-refusal-lift')).toBe('reason: 客户同意 · lifted by: S001 · lifted at: 2026-11-23 03:00 UTC · from a merged outcome file: yes');
    // Where the reader's zone is known (the page, the workbook), in their local time (found by a new supervisor).
    expect(formatAuditDetail('zh-CN', merged, 'contact-refusal-lift', localTimeFormatter('Asia/Shanghai'))).toContain('撤销时间：2026-11-23 11:00');
  });
  it('a reassignment says to whom and from whom, and a task acted on is named by its customer’s masked number (“分配任务 · 2 个任务 · 已分配：2” named nobody; found by a new supervisor)', async () => {
    const d = openDatabase(tmp.file('ws.sqlite'), { readonly: true });
    const picked = d.prepare("SELECT id FROM tasks WHERE closed_at IS NULL AND agent_id = 'A002' ORDER BY id LIMIT 2").pluck().all() as number[];
    const unassigned = d.prepare('SELECT id FROM tasks WHERE closed_at IS NULL AND agent_id IS NULL ORDER BY id LIMIT 1').pluck().all() as number[];
    d.close();
    expect(picked).toHaveLength(2);
    await t.call('task-assign', { taskIds: [...picked, ...unassigned], mode: { kind: 'to', agentId: 'A003' }, onlyUnassigned: false });
    const e = (await t.call('audit-list', { limit: 5 })).items.find((x) => x.action === 'task-assign')!;
    const zh = formatAuditDetail('zh-CN', e.detail, e.action);
    expect(zh).toContain(`分给：A003（${picked.length + unassigned.length} 个）`);
    expect(zh).toContain(unassigned.length ? `原负责：A002（2 个）、未分配（${unassigned.length} 个）` : '原负责：A002（2 个）');
    expect(formatAuditDetail('en', e.detail, e.action)).toContain(`assigned to: A003 (${picked.length + unassigned.length})`);

    const w = openDatabase(tmp.file('ws.sqlite'));
    const { writeAudit } = await import('../../db/workspace');
    const msisdn = String(w.prepare('SELECT msisdn FROM tasks WHERE id = ?').pluck().get(picked[0]));
    writeAudit(w, { at: new Date(2026, 10, 23, 12, 0, 0).toISOString(), agentId: 'A003', action: 'task-open-callback', target: `task ${picked[0]}`, detail: null });
    w.close();
    const opened = (await t.call('audit-list', { limit: 5 })).items.find((x) => x.action === 'task-open-callback')!;
    const masked = `${msisdn.slice(0, 3)}****${msisdn.slice(7)}`;
    expect(opened.targetName).toBe(masked);
    expect(formatAuditTarget('zh-CN', opened.action, opened.target, opened.targetName)).toBe(`任务 ${picked[0]}（${masked}）`);
    expect(formatAuditTarget('en', opened.action, opened.target, opened.targetName)).toBe(`task ${picked[0]} (${masked})`);
  });

  it('an offer’s rules changed read as words, stage by stage, not as JSON cut at 24 characters (“规则(JSON) {\"eligible\":[{\"any\":[{\"…”; found by a new supervisor)', () => {
    const was = { eligible: [{ field: 'family_members', op: '>=', value: 3 }], unsuitableIf: [{ field: 'arrears', op: '>', value: 0 }] };
    const now = { eligible: [{ field: 'family_members', op: '>=', value: 5 }], unsuitableIf: [{ field: 'arrears', op: '>', value: 0 }] };
    const zh = formatAuditDetail('zh-CN', { changes: [{ path: 'rules', before: was, after: now }] }, 'offer-update');
    expect(zh).toContain('可推荐条件：家庭成员数 ≥ 3；不宜推荐条件：');
    expect(zh).toContain('→ 可推荐条件：家庭成员数 ≥ 5；');
    expect(zh).not.toContain('{');
    expect(formatAuditDetail('en', { changes: [{ path: 'rules', before: was, after: now }] }, 'offer-update')).not.toContain('{');
  });

  it('an export’s filters read as words', () => {
    const e = entry('audit-export');
    expect(formatAuditDetail('zh-CN', e.detail, e.action)).toContain('筛选：(从：2026-11-01，工号：S001) · 行数：');
    expect(formatAuditDetail('zh-CN', e.detail, e.action)).toContain('语言：中文');
  });
});
