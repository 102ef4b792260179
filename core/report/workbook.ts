/**
 * The weekly result workbook (docs/product.md §7.2) as sheet specs for core/exchange/write: six sheets, Chinese headers by
 * default and English on request, rates as numbers with a percent format, changes in percentage points, frozen
 * headers and filters. Every text cell goes through the writer's formula guard.
 */
import { competitorLabels, dispositionLabels, feedbackCategoryLabels, importanceLabels, reasonLabels } from '../contact/codes';
import { localTimeFormatter, statusLabels } from '../exchange/outcomes';
import type { CellValue, SheetSpec } from '../exchange/write';
import { maskMsisdn } from '../privacy/mask';
import { listTypeLabels } from '../worklist/fields';
import { levelText } from '../risk/messages';
import type { RiskLevel } from '../risk/score';
import { rate, type WeeklyReport } from './weekly';

type Locale = 'zh-CN' | 'en';
type Label = { zh: string; en: string };

const word = (table: Record<string, Label>, code: string | null, en: boolean): string | null =>
  code === null ? null : table[code] ? (en ? table[code]!.en : table[code]!.zh) : code;

/** Difference of two rates (percentage points as a fraction, formatted like the rates); null if either is. */
const change = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

const PCT = '0.0%';
const DELTA = '+0.0%;-0.0%;0.0%';

export interface WeeklySheetsOptions {
  locale: Locale;
  /** ISO week label shown in the sheet names' context, e.g. 2026-W47. */
  weekLabel: string;
  timeZone: string;
}

export function weeklySheets(r: WeeklyReport, opts: WeeklySheetsOptions): SheetSpec[] {
  const en = opts.locale === 'en';
  const local = localTimeFormatter(opts.timeZone);
  const h = (zh: string, e: string) => (en ? e : zh);

  const lists: SheetSpec = {
    name: h('按清单汇总', 'By work list'),
    header: [
      h('清单名称', 'Work list'), h('类型', 'Type'), h('周期', 'Period'), h('截止日期', 'Due date'),
      h('下发', 'Issued'), h('接触', 'Reached'), h('成功', 'Success'),
      h('接触率', 'Reach rate'), h('成功率', 'Success rate'), h('接触成功率', 'Success among reached'),
      h('本周新增接触', 'Reached this week'), h('本周新增成功', 'Success this week'),
      h('上周接触率', 'Reach rate, week before'), h('上周成功率', 'Success rate, week before'),
      h('接触率变化', 'Reach rate change'), h('成功率变化', 'Success rate change'),
    ],
    rows: r.lists.map(({ list, now, before }): CellValue[] => {
      const reach = rate(now.reached, now.issued), success = rate(now.success, now.issued);
      const reachBefore = rate(before.reached, before.issued), successBefore = rate(before.success, before.issued);
      return [
        list.name, word(listTypeLabels, list.type, en), list.period, list.dueDate,
        now.issued, now.reached, now.success,
        reach, success, rate(now.success, now.reached),
        now.reached - before.reached, now.success - before.success,
        reachBefore, successBefore, change(reach, reachBefore), change(success, successBefore),
      ];
    }),
    dateColumns: [3],
    numberFormats: { 7: PCT, 8: PCT, 9: PCT, 12: PCT, 13: PCT, 14: DELTA, 15: DELTA },
    autoFilter: true,
  };

  const agents: SheetSpec = {
    name: h('按坐席', 'By agent'),
    header: [
      h('坐席', 'Agent'), h('负责任务', 'Assigned'), h('接触任务', 'Attempted'), h('接触次数', 'Attempts'),
      h('接通', 'Reached'), h('成功', 'Success'), h('接触率', 'Reach rate'), h('成功率', 'Success rate'),
      h('接触成功率', 'Success among reached'), h('平均接触次数', 'Average attempts'), h('待回访', 'Callbacks pending'),
    ],
    rows: r.agents.map((a): CellValue[] => [
      a.agentId, a.assigned, a.attempted, a.attempts, a.reached, a.success,
      rate(a.reached, a.assigned), rate(a.success, a.assigned), rate(a.success, a.reached),
      a.attempted ? Math.round((a.attempts / a.attempted) * 100) / 100 : null, a.callbacksPending,
    ]),
    numberFormats: { 6: PCT, 7: PCT, 8: PCT, 9: '0.00' },
    autoFilter: true,
  };

  const kindWord = { decline: h('拒绝原因', 'Decline reason'), churn: h('离网原因', 'Churn reason'), competitor: h('竞争对手', 'Competitor') };
  const totalOf = (kind: string) => r.reasons.filter((x) => x.kind === kind).reduce((n, x) => n + x.count, 0);
  // Who is poaching (被谁挖抢): a competitor's row also says what it offers — the median monthly price agents heard
  // and its latest offers in their words (issue 15 #6).
  const poaching = new Map(r.competitors.map((c) => [c.code, c]));
  const reasons: SheetSpec = {
    name: h('按原因', 'By reason'),
    header: [
      h('类别', 'Kind'), h('原因', 'Reason'), h('次数', 'Count'), h('占比', 'Share'),
      h('其中拒绝/离网', 'Declines / churns'), h('对手月费中位数(元)', 'Competitor median monthly price (yuan)'), h('对手最近的优惠', 'Competitor’s latest offers'),
    ],
    rows: r.reasons.map((x): CellValue[] => {
      const c = x.kind === 'competitor' ? poaching.get(x.code) : undefined;
      return [
        kindWord[x.kind],
        x.kind === 'competitor' ? word(competitorLabels, x.code, en) : word(reasonLabels, x.code, en),
        x.count,
        rate(x.count, totalOf(x.kind)),
        c ? `${c.declines} / ${c.churns}` : null,
        c?.medianAmount ?? null,
        c && c.latestOffers.length ? c.latestOffers.join(en ? '; ' : '；') : null,
      ];
    }),
    numberFormats: { 3: PCT, 5: '#,##0.00' },
    autoFilter: true,
  };

  const offers: SheetSpec = {
    name: h('按政策', 'By offer'),
    header: [h('政策编码', 'Offer code'), h('政策名称', 'Offer'), h('推荐次数', 'Offered'), h('接受', 'Accepted'), h('接受率', 'Acceptance rate'), h('成本(元)', 'Cost (yuan)')],
    rows: r.offers.map((o): CellValue[] => [o.offer.code, en && o.offer.nameEn ? o.offer.nameEn : o.offer.name, o.offered, o.accepted, rate(o.accepted, o.offered), o.cost]),
    numberFormats: { 4: PCT, 5: '#,##0.00' },
    autoFilter: true,
  };

  const feedback: SheetSpec = {
    name: h('反馈与经验', 'Feedback'),
    header: [h('类型', 'Kind'), h('时间', 'Time'), h('坐席', 'Agent'), h('号码', 'Number'), h('类别', 'Category'), h('重要程度', 'Importance'), h('关于', 'About'), h('内容', 'Text')],
    rows: r.feedback.map((f): CellValue[] => [
      f.kind === 'feedback' ? h('客户反馈', 'Feedback') : h('经验分享', 'Experience note'),
      local(f.at), f.agentId, maskMsisdn(f.msisdn),
      word(feedbackCategoryLabels, f.category, en), word(importanceLabels, f.importance, en),
      f.offerCode ?? word(reasonLabels, f.reason, en), f.text,
    ]),
    widths: [10, 20, 8, 14, 12, 8, 16, 60],
    dateColumns: [1],
    autoFilter: true,
  };

  const detail: SheetSpec = {
    name: h('任务明细', 'Detail'),
    header: [h('任务编号', 'Task'), h('号码', 'Number'), h('清单', 'Work lists'), h('坐席', 'Agent'), h('规则等级', 'Rule level'), h('接触次数', 'Attempts'), h('最近接触', 'Last attempt'), h('最近结果', 'Last outcome'), h('任务状态', 'Status')],
    rows: (function* () {
      const listName = new Map(r.lists.map((l) => [l.list.id, l.list.name]));
      for (const d of r.detail) {
        yield [
          d.task.id, maskMsisdn(d.task.msisdn), d.task.listIds.map((id) => listName.get(id)).filter(Boolean).join('、'), d.task.agentId,
          d.task.level ? levelText(opts.locale, d.task.level as RiskLevel) : null, d.attempts, d.last ? local(d.last.at) : null, d.last ? word(dispositionLabels, d.last.disposition, en) : null,
          word(statusLabels, d.task.status, en),
        ] satisfies CellValue[];
      }
    })(),
    widths: [9, 14, 30, 8, 9, 8, 20, 12, 12],
    dateColumns: [6],
    autoFilter: true,
  };

  return [lists, agents, reasons, offers, feedback, detail];
}
