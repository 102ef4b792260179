import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiFailure, rowIssueView, type RowIssueView } from '../../../core/api';
import { formatMessage, type Locale } from '../../../core/i18n';
import { writeWorkbook } from '../../../core/exchange/write';
import { getWorkList, markWorkListClosed, moveWorkListDueDate, openTaskIdsOfList } from '../../../db/worklists';
import { writeAudit } from '../../../db/workspace';
import { localDate, type HandlerContext } from '../context';
import { rederiveTask } from '../task-status';
import type { HandlerMap } from './types';

/** Every issue of a preview or import is kept beside the job, for the downloadable workbook (per workspace connection). */
const issueFiles = new WeakMap<object, Map<string, string>>(); // keyed by ctx.db: ctx.jobs is made per call

function startWorklistJob<K extends 'worklist-preview' | 'worklist-import'>(ctx: HandlerContext, kind: K, input: { file: string } & Record<string, unknown>) {
  const file = ctx.files.get(input.file);
  const issuesPath = path.join(ctx.files.stagingDir, `issues-${crypto.randomUUID()}.json`);
  const job = ctx.jobs.start(kind, {
    ...input,
    filePath: file.path,
    fileName: file.name,
    issuesPath,
    agentId: ctx.caller.agentId,
    today: localDate(ctx.now()),
  });
  let byJob = issueFiles.get(ctx.db);
  if (!byJob) issueFiles.set(ctx.db, (byJob = new Map()));
  byJob.set(job.id, issuesPath);
  return job;
}

export const worklistHandlers = {
  'worklist-import-preview': (ctx, input) => startWorklistJob(ctx, 'worklist-preview', input),
  'worklist-import': (ctx, input) => startWorklistJob(ctx, 'worklist-import', input),
  'worklist-issues-export': (ctx, { jobId, locale }) => {
    const job = ctx.jobs.get(jobId);
    const issuesPath = issueFiles.get(ctx.db)?.get(jobId);
    if (job.state !== 'done' || !issuesPath || !fs.existsSync(issuesPath)) {
      throw new ApiFailure('not-found', 'api.no-issues-to-export');
    }
    const issues = rowIssueView.array().parse(JSON.parse(fs.readFileSync(issuesPath, 'utf8')));
    const bytes = issuesWorkbook(issues, locale);
    const fileName = (job.result as { fileName?: string } | undefined)?.fileName ?? 'worklist';
    const staged = ctx.files.registerDownload(bytes, `${fileName.replace(/\.[^.]+$/, '')}-${locale === 'en' ? 'problems' : '问题行'}.xlsx`);
    // The rejected rows carry the file's raw values (numbers, names): an export like any other (docs/product.md §8).
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'worklist-issues-export', target: fileName, detail: { rows: issues.length } });
    return { token: staged.token, name: staged.name, size: staged.size };
  },

  'worklist-close': (ctx, { listId }) => {
    const now = ctx.now();
    const at = now.toISOString();
    const out = ctx.db.transaction(() => {
      const list = existingList(ctx, listId);
      if (list.closed_at) return { closedTasks: 0, keptOpen: 0 };
      markWorkListClosed(ctx.db, listId, at);
      const open = openTaskIdsOfList(ctx.db, listId);
      const closedTasks = open.filter((taskId) => rederiveTask(ctx.db, taskId, now)?.closed).length;
      // Re-deriving only closes tasks here: what did not close is held open by another list.
      const result = { closedTasks, keptOpen: open.length - closedTasks };
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'worklist-close', target: list.name, detail: { listId, ...result } });
      return result;
    }).immediate();
    ctx.emit('data-changed', { what: ['worklists', 'tasks'], at });
    return out;
  },

  'worklist-set-due': (ctx, { listId, dueDate }) => {
    const now = ctx.now();
    const at = now.toISOString();
    const out = ctx.db.transaction(() => {
      const list = existingList(ctx, listId);
      if (list.closed_at) throw new ApiFailure('conflict', 'api.list-closed', { name: list.name });
      const result = { tasksMoved: 0, reopened: 0, expired: 0 };
      for (const taskId of moveWorkListDueDate(ctx.db, listId, dueDate)) {
        const d = rederiveTask(ctx.db, taskId, now);
        result.tasksMoved++;
        if (d && !d.wasOpen && !d.closed) result.reopened++;
        if (d?.wasOpen && d.status === 'expired') result.expired++;
      }
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'worklist-set-due', target: list.name, detail: { listId, from: list.due_date, to: dueDate, ...result } });
      return result;
    }).immediate();
    ctx.emit('data-changed', { what: ['worklists', 'tasks'], at });
    return out;
  },
} satisfies Partial<HandlerMap>;

function existingList(ctx: HandlerContext, listId: number) {
  const list = getWorkList(ctx.db, listId);
  if (!list) throw new ApiFailure('not-found', 'api.no-list', { listId: String(listId) });
  return list;
}

/** The rejected rows and warnings as a workbook, in the reader's language (docs/product.md §3.1 "Validation"). */
export function issuesWorkbook(issues: readonly RowIssueView[], locale: Locale): Uint8Array {
  const en = locale === 'en';
  const header = en
    ? ['Row', 'Column', 'Header', 'Severity', 'Problem', 'Value in the file']
    : ['行号', '列', '列名', '级别', '问题', '文件中的值'];
  const rows = issues.map((i) => [
    i.row,
    i.columnLetter,
    i.column,
    // A warning's problem says what became of the value (left empty, kept, the row saved over an earlier one).
    i.severity === 'error' ? (en ? 'Row rejected' : '整行未导入') : en ? 'Warning' : '警告',
    formatMessage(locale, i.code, i.params),
    i.value,
  ]);
  return writeWorkbook([{ name: en ? 'Problems' : '问题行', header, rows, widths: [8, 8, 22, 22, 70, 30], autoFilter: true }], 'xlsx');
}
