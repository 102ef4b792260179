/**
 * The analysis workbook (issue 18 #2; definitions in docs/reports.md "Analysis reports"): one sheet of rows with a
 * 合计 (Total) row and the history note beneath, and a 说明 (Notes) sheet saying what the kind counts, the period's
 * dates as date cells and when it was made in local time. Chinese by default, English on request.
 */
import { localTimeFormatter } from '../exchange/outcomes';
import type { CellValue, SheetSpec } from '../exchange/write';
import { levelText } from '../risk/messages';
import type { RiskLevel } from '../risk/score';
import { listTypeLabels, type ListType } from '../worklist/fields';
import type { AnalysisDimension, AnalysisKind, AnalysisReport } from './analysis';

type Locale = 'zh-CN' | 'en';
type Label = { zh: string; en: string };

export const analysisKindLabels: Record<AnalysisKind, Label> = {
  suspension: { zh: '停机', en: 'Suspension' },
  // The screen's tab says it so, and 'Call forwarding off-net by County' is past a sheet name's 31 characters.
  forwarding: { zh: '呼转异网', en: 'Forwarding off-net' },
  churn: { zh: '离网', en: 'Churn' },
  predicted: { zh: '预测离网', en: 'Predicted churn' },
};

export const analysisDimensionLabels: Record<AnalysisDimension, Label> = {
  county: { zh: '区县', en: 'County' },
  hall: { zh: '营业厅', en: 'Hall' },
  agent: { zh: '执行人', en: 'Agent' },
  tier: { zh: '客户级别', en: 'Tier' },
  listType: { zh: '清单类型', en: 'List type' },
  level: { zh: '风险等级', en: 'Risk level' },
};

/** What each kind counts, in a supervisor's words (docs/reports.md "Analysis reports"). */
const kindDefinitions: Record<AnalysisKind, Label> = {
  suspension: { zh: '停机天数大于 0，或状态不是空或“正常”（欠费停机、停机、预销号、保留期、冷冻期等）。', en: 'Days suspended above 0, or a status other than empty or 正常 (arrears suspension, suspended, pending closure, …).' },
  forwarding: { zh: '呼转异网为“是”。', en: 'Forwarding calls off-net (呼转异网 = yes).' },
  churn: {
    zh: '有期间时：离网日期在期间内；无期间时：是否离网为“是”或有离网日期。坐席记录的“已离网”也计入，没有离网日期时按第一次记录的日期。',
    en: 'With a period: a churn date within it; without one: churned = yes or any churn date. A churn an agent logged counts too, on the day first logged when no churn date is stored.',
  },
  predicted: { zh: '未离网，且风险等级为高危：规则等级为高危，或当前模型的离网概率 ≥ 50%。', en: 'Not churned, and the risk level is high: the rule level is high, or the active model’s P(churn) ≥ 50 %.' },
};

/** An agent by id and name, as a supervisor knows them (A002 李俊杰); the id alone when the name is not known. */
export function agentWithName(id: string, names: ReadonlyMap<string, string> | undefined): string {
  const name = names?.get(id);
  return name ? `${id} ${name}` : id;
}

/** The name of a group's value in the reader's language; null is the group without one. */
export function analysisGroupText(by: AnalysisDimension, group: string | null, locale: Locale, agentNames?: ReadonlyMap<string, string>): string {
  const en = locale === 'en';
  // By agent, null is a customer never on a task as well as one whose latest task nobody holds (the queue's 未分配 counts
  // only the second).
  if (group === null) return by === 'agent' ? (en ? '(no task or unassigned)' : '（无任务或未分配）') : by === 'level' ? (en ? '(not scored)' : '（未评分）') : en ? '(none)' : '（未填）';
  if (by === 'level' && ['high', 'medium', 'low', 'stable'].includes(group)) return levelText(locale, group as RiskLevel);
  if (by === 'listType' && group in listTypeLabels) return en ? listTypeLabels[group as ListType].en : listTypeLabels[group as ListType].zh;
  return by === 'agent' ? agentWithName(group, agentNames) : group;
}

/**
 * The file's name: one kind's, or (kind 'all') the four kinds' of one grouping, then the drill-down and the period
 * it holds — a county's halls exported after another county's were saved over them under one name.
 */
export function analysisWorkbookName(
  kind: AnalysisKind | 'all',
  by: AnalysisDimension,
  locale: Locale,
  view: Pick<AnalysisReport, 'drill' | 'period'> = { drill: {}, period: null },
): string {
  const base =
    kind === 'all'
      ? locale === 'en' ? `analysis-by-${by}` : `维系分析-按${analysisDimensionLabels[by].zh}`
      : locale === 'en' ? `analysis-${kind}-by-${by}` : `${analysisKindLabels[kind].zh}分析-按${analysisDimensionLabels[by].zh}`;
  const within = [
    ...(view.drill.county !== undefined ? [analysisGroupText('county', view.drill.county, locale)] : []),
    ...(view.drill.hall !== undefined ? [analysisGroupText('hall', view.drill.hall, locale)] : []),
    ...(view.period ? [view.period.current.label] : []),
  ].map((part) => part.replace(/[\\/:*?"<>|]/gu, '_'));
  return `${[base, ...within].join('-')}.xlsx`;
}

export interface AnalysisSheetsOptions {
  locale: Locale;
  timeZone: string;
  /** When the workbook was made (UTC ISO), shown in local time. */
  generatedAt: string;
  /** Agents' names by id: an agent's row reads "A002 李俊杰". */
  agentNames?: ReadonlyMap<string, string>;
}

/**
 * The sheets of one analysis, or of several kinds of one grouping and drill-down (the four kinds handed upward in one
 * workbook): a sheet of rows per report, in the order given, and one 说明 (Notes) sheet defining each kind once.
 */
export function analysisSheets(all: readonly AnalysisReport[], opts: AnalysisSheetsOptions): SheetSpec[] {
  const first = all[0]!;
  const en = opts.locale === 'en';
  const h = (zh: string, e: string) => (en ? e : zh);
  const kindName = (r: AnalysisReport) => (en ? analysisKindLabels[r.kind].en : analysisKindLabels[r.kind].zh);
  const dim = en ? analysisDimensionLabels[first.by].en : analysisDimensionLabels[first.by].zh;
  const noChangeOf = (r: AnalysisReport): string | null =>
    r.history === 'no-history'
      ? h('无历史数据：只保存了当前的标志，无法给出与上期的变化。', 'No history: only the current flags are stored, so no change against the period before can be given.')
      : r.history === 'no-period'
        ? h('未指定期间：计入所有已离网客户，无法给出与上期的变化。', 'No period given: every churned customer is counted, and no change against the period before can be given.')
        : null;
  const drill = [
    first.drill.county !== undefined ? `${h('区县 ', 'County: ')}${analysisGroupText('county', first.drill.county, opts.locale)}` : null,
    first.drill.hall !== undefined ? `${h('营业厅 ', 'Hall: ')}${analysisGroupText('hall', first.drill.hall, opts.locale)}` : null,
  ].filter((x): x is string => x !== null);
  const dataSheet = (r: AnalysisReport): SheetSpec => {
    const kind = kindName(r);
    const withHistory = r.history === 'period';
    const cells = (x: AnalysisReport['total']): CellValue[] => [x.customers, x.count, x.share, ...(withHistory ? [x.previous, x.change] : [])];
    const noChange = noChangeOf(r);
    return {
      // Whole: every kind by every grouping fits a sheet name's 31 characters (tests/unit/report/analysis.test.ts);
      // 'Forwarding off-net by Risk level' would not, so the English name says 'Level' (its column says 'Risk level').
      name: h(`${kind}-按${dim}`, `${kind} by ${first.by === 'level' ? 'Level' : dim}`),
      header: [dim, h('客户数', 'Customers'), kind, h('占比', 'Share'), ...(withHistory ? [h('上期', 'Period before'), h('变化', 'Change')] : [])],
      rows: r.rows.map((x) => [analysisGroupText(r.by, x.group, opts.locale, opts.agentNames), ...cells(x)]),
      numberFormats: withHistory ? { 3: '0.0%', 5: '+0;-0;0' } : { 3: '0.0%' },
      autoFilter: true,
      totalRows: [[h('合计', 'Total'), ...cells(r.total)]],
      footnotes: [
        ...(drill.length ? [`${h('范围：', 'Within ')}${drill.join(h('，', ', '))}`] : []),
        ...(noChange ? [noChange] : []),
        ...(r.kind === 'churn' && !r.churnRecorded
          ? [h('本工作区没有任何客户记有离网：导入的名单中没有“是否离网”或“离网日期”（或这两列都是空的），坐席也没有记录过“已离网”，所以离网人数都是 0。', 'No customer in this workspace is recorded as churned: the imported lists had no “Churned” or “Churn date” column (or left both empty), and no agent logged “Churned”, so churn is 0 everywhere.')]
          : []),
        ...(r.by === 'listType' ? [h('客户可同时在多种清单中，各行之和可大于合计；合计中每位客户只计一次。', 'A customer on lists of several types is in each of their rows, so the rows may add up to more than the total, which counts each customer once.')] : []),
      ],
    };
  };
  // The change against the period before: only churn in a period has one; the note says it for the kinds shown.
  const withPeriod = all.find((r) => r.history === 'period');
  const changeNote =
    withPeriod && all.length === 1
      ? h('上期 = 上一个同类同长期间内的离网日期数；变化 = 本期 − 上期。', 'Period before = churn dates in the previous period of the same kind and length; change = this minus before.')
      : withPeriod
        ? h('只有离网有上期与变化：上期 = 上一个同类同长期间内的离网日期数；变化 = 本期 − 上期。其余各项只保存了当前的标志。', 'Only churn has a period before and a change: period before = churn dates in the previous period of the same kind and length; change = this minus before. The other kinds store only the current flags.')
        : noChangeOf(first);
  const notes: SheetSpec = {
    name: h('说明', 'Notes'),
    header: [h('项目', 'Item'), h('说明', 'Definition')],
    rows: [
      [h('分析', 'Analysis'), `${all.map(kindName).join(h('、', ', '))} · ${dim}`],
      ...(first.period
        ? [
            [h('期间', 'Period'), first.period.current.label],
            [h('开始日期', 'First day'), first.period.current.from],
            [h('结束日期（含）', 'Last day (included)'), first.period.current.to],
            [h('上期开始日期', 'Period before: first day'), first.period.previous.from],
            [h('上期结束日期（含）', 'Period before: last day (included)'), first.period.previous.to],
          ]
        : []),
      [h('生成时间', 'Generated'), localTimeFormatter(opts.timeZone)(opts.generatedAt)],
      [h('客户数', 'Customers'), h('该组当前存储的客户（含已离网）。', 'Stored customers of the group (churned ones included).')],
      ...all.map((r) => [kindName(r), en ? kindDefinitions[r.kind].en : kindDefinitions[r.kind].zh]),
      all.length === 1
        ? [h('占比', 'Share'), h(`${kindName(first)} ÷ 客户数。`, `${kindName(first)} ÷ customers.`)]
        : [h('占比', 'Share'), h('各项人数 ÷ 客户数。', 'Each kind’s count ÷ customers.')],
      [h('上期与变化', 'Period before and change'), changeNote],
      [h('执行人', 'Agent'), h('客户最近一个任务的执行人；从未有任务或最近的任务无人负责的客户计入“（无任务或未分配）”。', 'The agent of the customer’s latest task; a customer never on a task, or whose latest task nobody holds, is in “(no task or unassigned)”.')],
    ] as CellValue[][],
    // As the result workbook's notes: definitions wrapped in a column of bounded width.
    widths: [30, 60],
    wrapColumns: [0, 1],
    dateColumns: [1],
    print: false,
  };
  return [...all.map(dataSheet), notes];
}
