/**
 * The result workbook (docs/product.md §7.2) of a week or another period (issue 18 #1) as sheet specs for
 * core/exchange/write: four summary sheets each ending with a 合计 (Total) row, feedback, detail and a 说明 (Notes)
 * sheet defining each figure; Chinese by default and English on request, rates as numbers with a percent format,
 * changes in percentage points, frozen headers and filters. Every text cell goes through the writer's formula guard.
 */
import { channelLabels, channels, competitorLabels, dispositionLabels, dispositions, feedbackCategoryLabels, importanceLabels, isReached, reasonLabels } from '../contact/codes';
import { taskStatusLabels } from '../contact/status';
import { localTimeFormatter } from '../exchange/outcomes';
import type { CellValue, SheetSpec } from '../exchange/write';
import { maskMsisdn } from '../privacy/mask';
import { listTypeLabels, type ListType } from '../worklist/fields';
import { joinList } from '../i18n';
import { levelText } from '../risk/messages';
import type { RiskLevel } from '../risk/score';
import type { Period } from './periods';
import { targetShare, type TargetFigure, type TargetProgressRow } from './targets';
import { noKept, retentionRate, type KeptFigures } from './kept';
import { addCounts, rate, type Progress, type ReportFilter, type WeeklyReport } from './weekly';
import { agentWithName } from './analysis-workbook';

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
  /** The period the report covers (a week keeps the weekly workbook's wording: 本周, 上周). */
  period: Pick<Period, 'kind' | 'label' | 'from' | 'to'>;
  timeZone: string;
  /** When the workbook was made (UTC ISO), shown in local time on the notes sheet. */
  generatedAt: string;
  /**
   * Progress against the week's targets (issue 17 #5), named; a 周目标 sheet is written when the period is a week
   * and some target applies to it.
   */
  targets?: readonly (TargetProgressRow & { name: string | null })[];
  /** The dashboard's filters it was made with: said on the 说明 sheet (and in the file's name). */
  filter?: ReportFilter;
  /** Agents' names by id: an agent reads "A002 李俊杰", as on the dashboard and in the analysis workbook. */
  agentNames?: ReadonlyMap<string, string>;
}

/** Whether a report was made with any of the dashboard's filters. */
export const reportFiltered = (f: ReportFilter): boolean => Boolean(f.listType || f.agentId || f.level);

/** The workbook's file name: the weekly one's for a week, 维系报表-<label> otherwise; -已筛选 when made with filters. */
export function resultWorkbookName(period: Pick<Period, 'kind' | 'label'>, locale: Locale, filtered = false): string {
  const tail = filtered ? (locale === 'en' ? '-filtered' : '-已筛选') : '';
  if (period.kind === 'week') return locale === 'en' ? `weekly-results-${period.label}${tail}.xlsx` : `维系周报-${period.label}${tail}.xlsx`;
  return locale === 'en' ? `results-${period.label}${tail}.xlsx` : `维系报表-${period.label}${tail}.xlsx`;
}

/** The filters a report was made with, in words ("负责坐席：A002 · 规则等级：高危"); null without any. */
export function reportFilterWords(f: ReportFilter | undefined, locale: Locale): string | null {
  if (!f || !reportFiltered(f)) return null;
  const en = locale === 'en';
  const parts: string[] = [];
  // The tasks an agent holds, with whoever worked them (docs/reports.md "Filters"): 坐席 alone read as "this agent's
  // work", and a colleague's contact on them looked like a leak (found by a new supervisor).
  if (f.agentId) parts.push(en ? `tasks held by ${f.agentId}` : `负责坐席：${f.agentId}`);
  if (f.listType) {
    const l = listTypeLabels[f.listType as ListType];
    parts.push(en ? `list type: ${l?.en ?? f.listType}` : `清单类型：${l?.zh ?? f.listType}`);
  }
  // The rule level (the tasks' subscriber_scores.level), as the dashboard's filter and the 任务明细 column name it: 风险等级
  // is the card's level, the higher of the rule's and the model's, and differs from it once a model is active.
  if (f.level) parts.push(en ? `rule level: ${levelText(locale, f.level as RiskLevel)}` : `规则等级：${levelText(locale, f.level as RiskLevel)}`);
  return parts.join(' · ');
}

const sumKept = (rows: readonly KeptFigures[]): KeptFigures =>
  rows.reduce(
    (t, k) => ({ judged: t.judged + k.judged, retained: t.retained + k.retained, arpuCount: t.arpuCount + k.arpuCount, arpuBefore: t.arpuBefore + k.arpuBefore, arpuAfter: t.arpuAfter + k.arpuAfter }),
    noKept(),
  );

const money = (v: number): number => Math.round(v * 100) / 100;
/** What the successes kept (core/report/kept.ts): judged, kept, 在网率, ARPU before and after (sums over those with both). */
const keptCells = (k: KeptFigures): CellValue[] => [k.judged, k.retained, retentionRate(k), k.arpuCount ? money(k.arpuBefore) : null, k.arpuCount ? money(k.arpuAfter) : null];
const MONEY = '#,##0.00';

const sumProgress = (rows: readonly Progress[]): Progress =>
  rows.reduce((t, p) => ({ issued: t.issued + p.issued, reached: t.reached + p.reached, success: t.success + p.success }), { issued: 0, reached: 0, success: 0 });

export function weeklySheets(r: WeeklyReport, opts: WeeklySheetsOptions): SheetSpec[] {
  const en = opts.locale === 'en';
  const local = localTimeFormatter(opts.timeZone);
  const h = (zh: string, e: string) => (en ? e : zh);
  // A week's sheets say 本周 / 上周 as they always have; any other period says 本期 / 上期.
  const week = opts.period.kind === 'week';
  const thisP = week ? h('本周', 'this week') : h('本期', 'this period');
  const beforeP = week ? h('上周', 'week before') : h('上期', 'period before');
  const TOTAL = h('合计', 'Total');
  const DISTINCT = h('全部任务（不重复）', 'All tasks (each once)');
  const seeNotes = h('（口径见“说明”）', ' (see Notes)');
  const keptHeader = [h('3个月已判定', 'Judged at 3 months'), h('3个月在网', 'Kept 3 months'), h('在网率', '3-month retention'), h('成功前ARPU合计', 'ARPU before (sum)'), h('成功后ARPU合计', 'ARPU after (sum)')];

  const lists: SheetSpec = {
    name: h('按清单汇总', 'By work list'),
    header: [
      h('清单名称', 'Work list'), h('类型', 'Type'), h('周期', 'Period'), h('截止日期', 'Due date'),
      h('下发', 'Issued'), h('接通', 'Reached'), h('成功', 'Success'),
      h('接通率', 'Reach rate'), h('成功率', 'Success rate'), h('接通后成功率', 'Success among reached'),
      h(`${thisP}新增接通`, `Reached ${thisP}`), h(`${thisP}新增成功`, `Success ${thisP}`),
      h(`${beforeP}接通率`, `Reach rate, ${beforeP}`), h(`${beforeP}成功率`, `Success rate, ${beforeP}`),
      h('接通率变化', 'Reach rate change'), h('成功率变化', 'Success rate change'),
      ...keptHeader,
    ],
    rows: r.lists.map(({ list, now, before, kept }) => [list.name, word(listTypeLabels, list.type, en), list.period, list.dueDate, ...progressCells(now, before), ...keptCells(kept)]),
    // Rates of the total from the summed counts, never an average of the lists' rates.
    totalRows: [
      [TOTAL, null, null, null, ...progressCells(sumProgress(r.lists.map((l) => l.now)), sumProgress(r.lists.map((l) => l.before))), ...keptCells(sumKept(r.lists.map((l) => l.kept)))],
      // The dashboard's figures (清单累计接通率 510 / 969): each task once, whatever lists it is on. The 合计 above adds
      // the lists up, so the figures a supervisor read on screen were nowhere in the file (found by a new supervisor).
      [DISTINCT, null, null, null, ...progressCells(r.totals.now, r.totals.before), ...keptCells(r.totals.kept)],
    ],
    footnotes: [
      h(
        `注：合计为各清单相加；一个任务在两份清单中时每份各计一次，所以合计的下发可能多于任务数，也与“按坐席”的负责任务不同；“${DISTINCT}”每个任务只计一次，即维系进度页上的数字${seeNotes}。`,
        `Note: the total adds up the lists; a task on two lists counts once on each, so the total issued can exceed the number of tasks and differ from "Assigned" on By agent; "${DISTINCT}" counts each task once, as the Progress page does${seeNotes}.`,
      ),
    ],
    dateColumns: [3],
    numberFormats: { 7: PCT, 8: PCT, 9: PCT, 12: PCT, 13: PCT, 14: DELTA, 15: DELTA, 18: PCT, 19: MONEY, 20: MONEY },
    autoFilter: true,
  };

  // By campaign (issue 17 #6): only when a campaign made one of the lists shown; its lists' tasks as one.
  const campaigns: SheetSpec | null = r.campaigns.length === 0 ? null : {
    name: h('按挽留活动', 'By campaign'),
    header: [
      h('挽留活动', 'Campaign'), h('清单数', 'Lists'),
      h('下发', 'Issued'), h('接通', 'Reached'), h('成功', 'Success'),
      h('接通率', 'Reach rate'), h('成功率', 'Success rate'), h('接通后成功率', 'Success among reached'),
      h(`${thisP}新增接通`, `Reached ${thisP}`), h(`${thisP}新增成功`, `Success ${thisP}`),
      h(`${beforeP}接通率`, `Reach rate, ${beforeP}`), h(`${beforeP}成功率`, `Success rate, ${beforeP}`),
      h('接通率变化', 'Reach rate change'), h('成功率变化', 'Success rate change'),
    ],
    rows: r.campaigns.map(({ campaign, lists: n, now, before }) => [campaign.name, n, ...progressCells(now, before)]),
    totalRows: [[TOTAL, r.campaigns.reduce((n, c) => n + c.lists, 0), ...progressCells(sumProgress(r.campaigns.map((c) => c.now)), sumProgress(r.campaigns.map((c) => c.before)))]],
    footnotes: [
      h(
        `注：一项活动的各份清单合在一起计，同一客户在其两份清单中只计一次；合计为各活动相加${seeNotes}。`,
        `Note: a campaign's lists count as one, a customer on two of them once; the total adds up the campaigns${seeNotes}.`,
      ),
    ],
    numberFormats: { 5: PCT, 6: PCT, 7: PCT, 10: PCT, 11: PCT, 12: DELTA, 13: DELTA },
    autoFilter: true,
  };

  const agentTotal = sumWork(r.agents);
  const agentKeptTotal = sumKept(r.agents.map((a) => a.kept));
  const agents: SheetSpec = {
    name: h('按坐席', 'By agent'),
    header: [
      h('坐席', 'Agent'), h('负责任务', 'Assigned'), h('接触任务', 'Attempted'), h('接触次数', 'Attempts'),
      h('接通', 'Reached'), h('成功', 'Success'), h('接通率', 'Reach rate'), h('成功率', 'Success rate'),
      h('接通后成功率', 'Success among reached'), h('平均接触次数', 'Average attempts'), h('待回访', 'Call-backs pending'), h('其中逾期', 'Of them overdue'),
      ...keptHeader,
    ],
    rows: r.agents.map((a) => [agentWithName(a.agentId, opts.agentNames), ...agentCells(a), ...keptCells(a.kept)]),
    totalRows: [[TOTAL, ...agentCells(agentTotal), ...keptCells(agentKeptTotal)]],
    footnotes: [
      h(
        `注：合计为各坐席相加；两名坐席接触过同一任务时各计一次，所以合计的接触任务可能多于${thisP}实际接触的任务数 ${r.totals.week.attempted}${seeNotes}。`,
        `Note: the total adds up the agents; a task two agents worked counts once for each, so the total attempted can exceed the ${r.totals.week.attempted} tasks attempted ${thisP}${seeNotes}.`,
      ),
    ],
    numberFormats: { 6: PCT, 7: PCT, 8: PCT, 9: '0.00', 14: PCT, 15: MONEY, 16: MONEY },
    autoFilter: true,
  };

  // By group (issue 17 #5): only when the workspace has groups; a task two members worked counts once for the group.
  const groupTotalNote = h(
    `注：坐席组的接触任务、接通、成功按不同任务计（两名组员接触同一任务只计一次）；一名坐席可属于多个组，合计为各组相加${seeNotes}。`,
    `Note: a group's attempted, reached and success count distinct tasks (a task two members worked counts once); an agent may be in several groups, and the total adds up the groups${seeNotes}.`,
  );
  const groupTotal = sumWork(r.groups);
  const groups: SheetSpec | null = r.groups.length === 0 ? null : {
    name: h('按坐席组', 'By group'),
    header: [
      h('坐席组', 'Group'), h('成员数', 'Members'), h('负责任务', 'Assigned'), h('接触任务', 'Attempted'), h('接触次数', 'Attempts'),
      h('接通', 'Reached'), h('成功', 'Success'), h('接通率', 'Reach rate'), h('成功率', 'Success rate'),
      h('接通后成功率', 'Success among reached'), h('平均接触次数', 'Average attempts'), h('待回访', 'Call-backs pending'), h('其中逾期', 'Of them overdue'),
    ],
    rows: r.groups.map((g) => [g.group.name, new Set(g.group.agentIds).size, ...agentCells(g)]),
    totalRows: [[TOTAL, null, ...agentCells(groupTotal)]],
    footnotes: [groupTotalNote],
    numberFormats: { 7: PCT, 8: PCT, 9: PCT, 10: '0.00' },
    autoFilter: true,
  };

  // Weekly targets (issue 17 #5): a week's workbook only, and only when some target applies to the week.
  const scopeWord: Record<TargetProgressRow['scope']['kind'], Label> = {
    list: { zh: '清单', en: 'Work list' }, agent: { zh: '坐席', en: 'Agent' }, group: { zh: '坐席组', en: 'Group' }, campaign: { zh: '活动', en: 'Campaign' },
  };
  const fromWord: Record<TargetProgressRow['from'], Label> = {
    week: { zh: '本周目标', en: 'This week’s target' }, 'every-week': { zh: '每周目标', en: 'Every week’s target' }, both: { zh: '本周与每周目标', en: 'This week’s and every week’s targets' },
  };
  const figureCells = (f: TargetFigure): CellValue[] => [f.value, f.target, targetShare(f)];
  const targets: SheetSpec | null = !week || !opts.targets?.length ? null : {
    name: h('周目标', 'Targets'),
    header: [
      h('对象类型', 'For'), h('名称', 'Name'), h('编号', 'Id'),
      h('接触次数', 'Contacts'), h('接触目标', 'Contacts target'), h('接触完成率', 'Contacts vs target'),
      h('成功', 'Successes'), h('成功目标', 'Successes target'), h('成功完成率', 'Successes vs target'), h('目标来源', 'Target set as'),
    ],
    rows: opts.targets.map((t): CellValue[] => [
      word(scopeWord, t.scope.kind, en), t.name, t.scope.id, ...figureCells(t.contacts), ...figureCells(t.successes), word(fromWord, t.from, en),
    ]),
    footnotes: [
      h(
        `注：接触次数为本周登记的每一次接触，成功为其中结果为“${dispositionLabels.accepted.zh}”的次数；清单按其任务上的接触计（不论哪名坐席），坐席组按全部组员计。某周未单独设定时用每周目标。`,
        'Note: contacts are every contact logged this week, successes those with the outcome accepted; a list counts the contacts on its tasks (by anyone), a group all its members’. A week without its own target takes the every-week one.',
      ),
    ],
    numberFormats: { 5: PCT, 8: PCT },
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
      // A competitor's declines and churns, two columns of numbers to sum and filter (one text cell "1 / 1" was not).
      h('其中拒绝', 'Of which declines'), h('其中离网', 'Of which churns'), h('对手月费中位数(元)', 'Competitor median monthly price (yuan)'), h('对手最近的优惠', 'Competitor’s latest offers'),
    ],
    rows: r.reasons.map((x): CellValue[] => {
      const c = x.kind === 'competitor' ? poaching.get(x.code) : undefined;
      return [
        kindWord[x.kind],
        x.kind === 'competitor' ? word(competitorLabels, x.code, en) : word(reasonLabels, x.code, en),
        x.count,
        rate(x.count, totalOf(x.kind)),
        c?.declines ?? null,
        c?.churns ?? null,
        c?.medianAmount ?? null,
        c && c.latestOffers.length ? c.latestOffers.join(en ? '; ' : '；') : null,
      ];
    }),
    // One total per kind: the shares of a kind add up to 100 %.
    totalRows: (['decline', 'churn', 'competitor'] as const)
      .filter((kind) => r.reasons.some((x) => x.kind === kind))
      .map((kind): CellValue[] => {
        const rivals = kind === 'competitor' ? r.competitors : [];
        return [
          kindWord[kind], TOTAL, totalOf(kind), rate(totalOf(kind), totalOf(kind)),
          ...(kind === 'competitor' ? [rivals.reduce((n, c) => n + c.declines, 0), rivals.reduce((n, c) => n + c.churns, 0)] : [null, null]), null, null,
        ];
      }),
    numberFormats: { 3: PCT, 6: '#,##0.00' },
    autoFilter: true,
  };

  const offerTotal = r.offers.reduce((t, o) => ({ offered: t.offered + o.offered, accepted: t.accepted + o.accepted, cost: t.cost + o.cost }), { offered: 0, accepted: 0, cost: 0 });
  const offers: SheetSpec = {
    name: h('按政策', 'By offer'),
    header: [h('政策编码', 'Offer code'), h('政策名称', 'Offer'), h('推荐次数', 'Offered'), h('接受', 'Accepted'), h('接受率', 'Acceptance rate'), h('成本(元)', 'Cost (yuan)'), ...keptHeader],
    rows: r.offers.map((o): CellValue[] => [o.offer.code, en && o.offer.nameEn ? o.offer.nameEn : o.offer.name, o.offered, o.accepted, rate(o.accepted, o.offered), o.cost, ...keptCells(o.kept)]),
    totalRows: [[TOTAL, null, offerTotal.offered, offerTotal.accepted, rate(offerTotal.accepted, offerTotal.offered), Math.round(offerTotal.cost * 100) / 100, ...keptCells(sumKept(r.offers.map((o) => o.kept)))]],
    numberFormats: { 4: PCT, 5: MONEY, 8: PCT, 9: MONEY, 10: MONEY },
    autoFilter: true,
  };

  // Only when the period has one (as the outcome file's lifts): a desk that never records plan changes sees no empty sheet.
  const planChanges: SheetSpec | null = r.planChanges.length
    ? {
        name: h('按换套餐', 'By plan change'),
        header: [h('套餐编码', 'Plan code'), h('所换套餐', 'Plan taken'), h('成功（换套餐）', 'Successes (plan change)'), h('其中同时接受政策', 'Of them with an offer'), ...keptHeader],
        rows: r.planChanges.map((p): CellValue[] => [p.plan.code, p.plan.name, p.accepted, p.withOffer, ...keptCells(p.kept)]),
        totalRows: [[TOTAL, null, r.planChanges.reduce((n, p) => n + p.accepted, 0), r.planChanges.reduce((n, p) => n + p.withOffer, 0), ...keptCells(sumKept(r.planChanges.map((p) => p.kept)))]],
        numberFormats: { 6: PCT, 7: MONEY, 8: MONEY },
        autoFilter: true,
      }
    : null;

  const feedback: SheetSpec = {
    name: h('反馈与经验', 'Feedback'),
    header: [h('类型', 'Kind'), h('时间', 'Time'), h('坐席', 'Agent'), h('号码', 'Number'), h('类别', 'Category'), h('重要程度', 'Importance'), h('关于', 'About'), h('内容', 'Text')],
    rows: r.feedback.map((f): CellValue[] => [
      f.kind === 'feedback' ? h('客户反馈', 'Feedback') : h('经验分享', 'Experience note'),
      local(f.at), agentWithName(f.agentId, opts.agentNames), maskMsisdn(f.msisdn),
      word(feedbackCategoryLabels, f.category, en), word(importanceLabels, f.importance, en),
      f.offer ? (en && f.offer.nameEn ? f.offer.nameEn : f.offer.name) : word(reasonLabels, f.reason, en), f.text,
    ]),
    widths: [10, 20, 14, 14, 12, 8, 16, 60],
    dateColumns: [1],
    autoFilter: true,
    // A bare header read as a sheet left unfinished.
    footnotes: r.feedback.length === 0 ? [h('本期没有客户反馈或经验分享。', 'No feedback or experience notes in this period.')] : [],
  };

  const detail: SheetSpec = {
    name: h('任务明细', 'Detail'),
    header: [h('任务编号', 'Task'), h('号码', 'Number'), h('清单', 'Work lists'), h('坐席', 'Agent'), h('规则等级', 'Rule level'), h('接触次数', 'Attempts'), h('最近接触', 'Last attempt'), h('最近结果', 'Last outcome'), h('任务状态', 'Status')],
    rows: (function* () {
      const listName = new Map(r.lists.map((l) => [l.list.id, l.list.name]));
      for (const d of r.detail) {
        yield [
          d.task.id, maskMsisdn(d.task.msisdn), joinList(opts.locale, d.task.listIds.flatMap((id) => listName.get(id) ?? [])), d.task.agentId && agentWithName(d.task.agentId, opts.agentNames),
          d.task.level ? levelText(opts.locale, d.task.level as RiskLevel) : null, d.attempts, d.last ? local(d.last.at) : null, d.last ? word(dispositionLabels, d.last.disposition, en) : null,
          word(taskStatusLabels, d.status, en),
        ] satisfies CellValue[];
      }
    })(),
    // The work lists column holds up to four names (~70 characters); at 30 they were cut.
    widths: [9, 14, 48, 14, 9, 8, 20, 12, 12],
    dateColumns: [6],
    autoFilter: true,
  };

  return [lists, ...(campaigns ? [campaigns] : []), agents, ...(groups ? [groups] : []), ...(targets ? [targets] : []), reasons, offers, ...(planChanges ? [planChanges] : []), feedback, detail, notesSheet(r, opts, { campaigns: !!campaigns, groups: !!groups, targets: !!targets, planChanges: !!planChanges })];
}

/** A list's (or the lists' total) progress cells, from issued to the rates' change against the period before. */
function progressCells(now: Progress, before: Progress): CellValue[] {
  const reach = rate(now.reached, now.issued), success = rate(now.success, now.issued);
  const reachBefore = rate(before.reached, before.issued), successBefore = rate(before.success, before.issued);
  return [
    now.issued, now.reached, now.success,
    reach, success, rate(now.success, now.reached),
    now.reached - before.reached, now.success - before.success,
    reachBefore, successBefore, change(reach, reachBefore), change(success, successBefore),
  ];
}

/** The reached outcomes and the channels in words, from the code tables: the 说明 sheet defines 接通 and 接触次数 by them. */
const reachedCodes = dispositions.filter(isReached);
const reachedWords = { zh: reachedCodes.map((d) => dispositionLabels[d].zh).join('、'), en: reachedCodes.map((d) => dispositionLabels[d].en.toLowerCase()).join(', ') };
const channelWords = { zh: channels.map((c) => channelLabels[c].zh).join('、'), en: channels.map((c) => channelLabels[c].en).join(', ') };

type Work = Omit<WeeklyReport['agents'][number], 'agentId' | 'kept'>;

/** The total row of agents or groups: their counts added up (the rates are recomputed from them by agentCells). */
function sumWork(rows: readonly Work[]): Work {
  const t: Work = { assigned: 0, attempted: 0, attempts: 0, reached: 0, success: 0, callbacksPending: 0, callbacksOverdue: 0 };
  for (const a of rows) addCounts(t, { assigned: a.assigned, attempted: a.attempted, attempts: a.attempts, reached: a.reached, success: a.success, callbacksPending: a.callbacksPending, callbacksOverdue: a.callbacksOverdue });
  return t;
}

/**
 * An agent's (or the agents' total) cells after the name: counts; 接通率 over the tasks attempted (the period's reach,
 * the dashboard's 本期接通率), 成功率 over those assigned, 接通后成功率 over those reached; average attempts; call-backs.
 */
function agentCells(a: Work): CellValue[] {
  return [
    a.assigned, a.attempted, a.attempts, a.reached, a.success,
    rate(a.reached, a.attempted), rate(a.success, a.assigned), rate(a.success, a.reached),
    a.attempted ? Math.round((a.attempts / a.attempted) * 100) / 100 : null, a.callbacksPending, a.callbacksOverdue,
  ];
}

/**
 * 说明 (Notes): the period, the time zone, when the workbook was made, and what each figure counts — the definitions
 * at the top of core/report/weekly.ts in a supervisor's words, so a workbook handed upward explains itself.
 */
function notesSheet(r: WeeklyReport, opts: WeeklySheetsOptions, present: { campaigns: boolean; groups: boolean; targets: boolean; planChanges: boolean }): SheetSpec {
  const en = opts.locale === 'en';
  const h = (zh: string, e: string) => (en ? e : zh);
  const kindWord: Record<Period['kind'], Label> = {
    day: { zh: '日', en: 'day' }, week: { zh: '周，周一至周日', en: 'week, Monday–Sunday' }, month: { zh: '月', en: 'month' },
    quarter: { zh: '季度', en: 'quarter' }, range: { zh: '自定义日期范围', en: 'date range' },
  };
  const p = opts.period;
  const filters = reportFilterWords(opts.filter, opts.locale);
  const rows: CellValue[][] = [
    [h('报表期间', 'Period'), en ? `${p.label} (${kindWord[p.kind].en})` : `${p.label}（${kindWord[p.kind].zh}）`],
    ...(filters !== null ? [[h('筛选条件', 'Filters'), h(`只含 ${filters}（与仪表盘上的筛选相同）`, `only ${filters} (as filtered on the dashboard)`)]] : []),
    [h('开始日期', 'First day'), p.from],
    [h('结束日期（含）', 'Last day (included)'), p.to],
    [h('时区', 'Time zone'), h(`${opts.timeZone}：期间从开始日期 0 点到结束日期次日 0 点（当地时间）`, `${opts.timeZone}: from local midnight of the first day to local midnight after the last`)],
    [h('生成时间', 'Generated'), localTimeFormatter(opts.timeZone)(opts.generatedAt)],
    [h('—— 清单累计（截至期末）', '— Cumulative per list (as of the period’s end)'), null],
    [h('下发', 'Issued'), h('清单中在期末之前下发的任务数（累计，不限本期）。', 'Tasks on the list issued before the period’s end (cumulative, not only this period).')],
    [h('接通', 'Reached'), h(`期末之前至少有一次接通结果（${reachedWords.zh}）的任务数；一个任务只计一次。`, `Tasks with at least one reached outcome (${reachedWords.en}) before the end; a task counts once.`)],
    [h('成功', 'Success'), h(`期末之前有“${dispositionLabels.accepted.zh}”结果的任务数（累计）。`, 'Tasks with an accepted outcome before the end (cumulative).')],
    [h('接通率（累计）', 'Reach rate (cumulative)'), h('接通 ÷ 下发：清单整体推进到哪里；新清单下发时会下降。', 'Reached ÷ issued: how far the lists have got; it falls when a new list adds its tasks.')],
    [h('成功率 / 接通后成功率', 'Success rate / success among reached'), h('成功 ÷ 下发；成功 ÷ 接通。', 'Success ÷ issued; success ÷ reached.')],
    [h('上期与变化', 'Period before and change'), h('同样的数字截至本期开始（即上期末）；变化 = 本期 − 上期，比率以百分点计。', 'The same figures as of this period’s start (the end of the period before); change = this minus before, rates in percentage points.')],
    [h('—— 本期工作（只计本期内）', '— This period’s work (inside the period only)'), null],
    [h('接触次数', 'Attempts'), h(`本期内登记的每一次接触（${channelWords.zh}），一个任务可有多次。`, `Every contact logged in the period (${channelWords.en}); a task may have several.`)],
    [h('接触任务 / 接通 / 成功（按坐席）', 'Attempted / reached / success (by agent)'), h(`该坐席本期内有接触、接通、${dispositionLabels.accepted.zh}的不同任务数。`, 'Distinct tasks the agent attempted, reached and won in the period.')],
    [h('负责任务', 'Assigned'), h('分给该坐席、期间内任一时刻仍在办的任务数；坐席的成功率以它为分母（接通率以接触任务为分母）。', 'The agent’s tasks open at some time in the period; the agent’s success rate is over it (the reach rate is over the tasks attempted).')],
    [h('本期接通率（按坐席的接通率）', 'Reach this period (the agents’ reach rate)'), h('本期接通的任务 ÷ 本期接触的任务：本期电话和走访的效果，不受期中新下发清单影响（与按清单的累计接通率不同）。按坐席、按坐席组的接通率即此口径。', 'Tasks reached in the period ÷ tasks attempted in it: how the period’s calls and visits went, untouched by a list arriving mid-period (not the lists’ cumulative reach rate). The agents’ and groups’ reach rate is this one.')],
    [h('待回访 / 其中逾期', 'Call-backs pending / of them overdue'), h('期末仍在办、最近一次结果为预约回访的任务（回访还没打）；本期尚未结束时，按制表时刻计。按约定时间打了但没接通的，算已回访，之后与其他未接通的任务一样重拨（队列中为“处理中”）。其中逾期：约定的回访时间已经过了还没打，最该先打。', 'Open tasks whose latest outcome by the period’s end is a call-back not yet made; for a period not yet over, as of when the report was made. A call at the promised time that did not get through is the call-back made: the task is then retried as any other unanswered one (In progress in the queue). Of them overdue: the promised time has passed and nobody has called — the ones to call first.')],
    [h('按原因 / 按政策 / 反馈', 'By reason / by offer / feedback'), h('本期内的拒绝、离网原因，点名的竞争对手，推荐的政策及成本，反馈与经验。', 'The period’s decline and churn reasons, competitors named, offers made and their cost, feedback and notes.')],
    ...(present.campaigns ? [[h('按挽留活动', 'By campaign'), h('本工作台按挽留活动自己生成的清单（“挽留活动”页）：一项活动的各份清单合在一起，累计口径同“按清单汇总”，同一客户在其两份清单中只计一次。', 'The lists the desk made itself by its campaigns (the Campaigns page): a campaign’s lists as one, cumulative as By work list, a customer on two of them counted once.')]] : []),
    ...(present.groups ? [[h('按坐席组', 'By group'), h('组员本期工作之和：负责任务、接触次数、待回访相加；接触任务、接通、成功按不同任务计，两名组员接触同一任务只计一次。', 'The members’ work in the period as one: assigned, attempts and call-backs pending add up; attempted, reached and success count distinct tasks, a task two members worked once.')]] : []),
    ...(present.planChanges
      ? [[h('按换套餐', 'By plan change'), h(`本期内“${dispositionLabels.accepted.zh}”结果中客户换了套餐的次数，按所换的套餐（其中同时接受了政策的也计入按政策）。没有推荐次数和接受率：推荐了套餐但客户没换的不登记。`, 'Accepted outcomes in the period that moved the customer to another plan, by plan (those with an offer too count under By offer as well). No offered count or acceptance rate: a plan proposed and not taken is not recorded.')]]
      : []),
    ...(present.targets ? [[h('周目标', 'Targets'), h(`每周的接触次数和成功次数目标（按清单、坐席、坐席组）；本周未单独设定时用每周目标。进度：本周登记的接触次数，及其中结果为“${dispositionLabels.accepted.zh}”的次数。`, 'Weekly targets of contacts and successes per list, agent or group; a week without its own takes the every-week one. Progress: contacts logged this week, and those accepted.')]] : []),
    [h('—— 成功的保持（截至期末的全部成功，累计）', '— What successes kept (every success before the period’s end, cumulative)'), null],
    [
      h('3个月已判定 / 3个月在网', 'Judged / kept at 3 months'),
      h(
        '成功（客户接受政策）之后导入的工作清单判定：满 3 个月时号码仍在用（非停机、预销号、保留期、冷冻期）且文件写明套餐时仍是接受后的套餐，计为在网；3 个月内离网（或满 3 个月时停机、换了套餐）计为不在网；还没有满 3 个月的导入的不计入已判定。按清单、政策、坐席各计其成功，与期间无关（判定在 3 个月后才有）。',
        'Judged by the work lists imported after a success: still in use three months on (not suspended or on its way out) and, where the file names the plan, still on the plan as accepted — kept; churned before three months (or suspended or off that plan at three months) — not kept; a success with no import three months on is not judged yet. Each list, offer and agent counts its own successes, whatever the period (a verdict comes three months later).',
      ),
    ],
    [h('在网率', '3-month retention'), h('3个月在网 ÷ 3个月已判定。', 'Kept ÷ judged at three months.')],
    [
      h('成功前 / 成功后 ARPU 合计', 'ARPU before / after (sums)'),
      h(
        '成功前：登记成功时客户的近三月 ARPU（无则当月 ARPU）；成功后：成功满 1 个月后第一次导入的当月 ARPU（无则上月 ARPU），已离网计 0。两项都已知的成功才相加，两列可直接比较（保住的收入）。',
        'Before: the customer’s 3-month ARPU (else the month’s) when the success was logged; after: the current-month ARPU (else last month’s) in the first import a month or more later, 0 when churned by then. Only successes with both are added, so the two columns compare directly (revenue kept).',
      ),
    ],
    [h('—— 合计行', '— Total rows'), null],
    [h('合计', 'Total'), h('各行的计数相加，比率用相加后的计数重新计算（不是各行比率的平均）。', 'Counts are added up; rates are recomputed from the summed counts (not an average of the rows’ rates).')],
    [
      h('按清单与按坐席的合计为何不同', 'Why the by-list and by-agent totals differ'),
      h(
        `按清单是累计的，且一个任务在两份清单中时每份各计一次；按坐席只计本期的工作，两名坐席接触同一任务时各计一次。本期实际接触的不同任务为 ${r.totals.week.attempted} 个，接通 ${r.totals.week.reached} 个，成功 ${r.totals.week.success} 个。`,
        `By list is cumulative and a task on two lists counts once on each; by agent counts the period's work only, and a task two agents worked counts once for each. Distinct tasks this period: ${r.totals.week.attempted} attempted, ${r.totals.week.reached} reached, ${r.totals.week.success} won.`,
      ),
    ],
  ];
  // Definitions run to a few sentences: wrapped in a column of 60 characters, they read as paragraphs and print on the page.
  return { name: h('说明', 'Notes'), header: [h('项目', 'Item'), h('说明', 'Definition')], rows, widths: [30, 60], wrapColumns: [0, 1], dateColumns: [1] };
}
