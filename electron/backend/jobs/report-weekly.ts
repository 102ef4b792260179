import fs from 'node:fs';
import { writeWorkbook } from '../../../core/exchange/write';
import { weeklyReport, type ReportFilter } from '../../../core/report/weekly';
import { weeklySheets } from '../../../core/report/workbook';
import { weeklyReportInput } from '../../../db/report';
import { listAgents } from '../../../db/agents';
import { protectWorkbook } from '../protected-files';
import { weekTargets } from '../targets';
import type { PeriodRange } from '../weeks';
import type { JobContext } from './kinds';

export interface ReportWeeklyPayload {
  period: PeriodRange;
  /** The dashboard's filters the workbook is made with (none: everyone). */
  filter?: ReportFilter;
  locale: 'zh-CN' | 'en';
  password?: string;
  timeZone: string;
  outPath: string;
  outToken: string;
  outName: string;
}

/** The result workbook of a week or another period, read and written in a worker so the backend stays responsive for a big workspace. */
export async function reportWeeklyJob(ctx: JobContext<ReportWeeklyPayload>) {
  const { period, locale, password, timeZone } = ctx.payload;
  ctx.progress('reading', 0, 3);
  const input = { ...weeklyReportInput(ctx.db, period), now: ctx.startedAt };
  ctx.checkCancelled();
  ctx.progress('computing', 1, 3);
  const filter = ctx.payload.filter ?? {};
  const report = weeklyReport(input, filter);
  ctx.checkCancelled();
  ctx.progress('writing', 2, 3);
  const targets = period.kind === 'week' ? weekTargets(ctx.db, input, period) : [];
  const agentNames = new Map(listAgents(ctx.db).map((a) => [a.id, a.name]));
  let bytes = writeWorkbook(weeklySheets(report, { locale, period, timeZone, generatedAt: ctx.startedAt, targets, filter, agentNames }), 'xlsx');
  if (password) bytes = await protectWorkbook(bytes, password);
  fs.writeFileSync(ctx.payload.outPath, bytes);
  return {
    week: period.label,
    lists: report.lists.length,
    agents: report.agents.length,
    tasks: report.detail.length,
    attempts: report.totals.week.attempts,
    download: { token: ctx.payload.outToken, name: ctx.payload.outName, size: bytes.length },
  };
}
