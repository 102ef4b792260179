import fs from 'node:fs';
import path from 'node:path';
import { backupWorkspace, ensureDailyBackup, restoreBackup } from '../backend/backups';
import { openDatabase } from '../../db/connection';
import type { PurgeView } from '../../core/api/ops/audit';
import { localDate } from '../backend/context';
import { startHttpServer } from '../http';
import { openInBrowser } from '../open-browser';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';
import { ApiFailure, failedResult, type JobView, type ListMeta, type OperationOutput, type StagedFileView } from '../../core/api';
import { listTypes } from '../../core/worklist/fields';
import { listsLike } from '../../core/worklist/same-list';
import { localTimeFormatter } from '../../core/exchange/outcomes';
import { contactReasonShort, levelText, reasonText, tagText, unjudgedText } from '../../core/risk/messages';
import { formatMessage, listParam, type MessageCode, type MessageParams } from '../../core/i18n';
import { catalogueChangesText } from '../../core/audit/actions';
import { isPeriodProblem, MAX_RANGE_DAYS, periodFromDates, periodNamed } from '../../core/report/periods';
import { analysisDimensions, analysisKinds, type AnalysisDimension, type AnalysisKind } from '../../core/report/analysis';
import type { Backend } from '../backend';
import { failed, registerFile, runJob, usageError, waitForJob, withBackend, type Command, type CommandContext, type JobResultOf } from './command';

/** A message in the CLI's language (`--lang`; core/i18n/cli-messages.ts for its own lines). */
const wordsIn = (c: CommandContext) => (code: MessageCode, params?: MessageParams) => formatMessage(c.locale, code, params);

/** A number as the CLI's messages write it (12,345): for a figure set in a table rather than in a message. */
const numberIn = (c: CommandContext) => (n: number) => n.toLocaleString(c.locale);

/** Columns a terminal gives `text`: a Chinese character (or another wide glyph) takes two, so tables line up. */
const columns = (text: string) => [...text].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const padEndColumns = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - columns(text)));
const padStartColumns = (text: string, width: number) => ' '.repeat(Math.max(0, width - columns(text))) + text;

/**
 * The CLI's commands (docs/product.md §9, docs/product.md §9): the same backend operations for supervisors' routines and
 * the central side. One entry per command; --help and the README's command table are made from these.
 */
const listTypesText = listTypes.join(', ');

/** Copies a file the backend staged to where the command was told to write it. */
function saveStaged(backend: Backend, token: string, out: string): string {
  const to = path.resolve(out);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(backend.files.get(token).path, to);
  return to;
}

const serve: Command = {
  name: 'serve',
  synopsis: 'serve [--port N] [--open] [--no-demo]',
  summary: 'browser mode on 127.0.0.1; prints the address with its secret (`--no-demo`: a new workspace starts empty and asks for its supervisor)',
  help: `--port N               port to listen on (default: any free port)
--open                 open the address in the default browser when a display exists
--no-demo              a new workspace starts empty (its first screen creates the supervisor)`,
  async run(c) {
    const port = c.opt.port === undefined ? 0 : Number(c.opt.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(c, { en: `--port must be a port number, got ${c.opt.port}`, zh: `--port 应为端口号，现在是 ${c.opt.port}` });
    return withBackend(
      c,
      async (backend) => {
        const server = await startHttpServer({ backend, port, staticDir: path.join(__dirname, '..', 'renderer') });
        // The address stays on the first line, in either language: a script started without --json reads it there.
        c.print(wordsIn(c)('cli.serve', { url: server.openUrl, db: c.dbPath }), { url: server.openUrl, port: server.port, db: c.dbPath });
        if (c.opt.open) openInBrowser(server.openUrl);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await server.close();
        return 0;
      },
      { demoIfEmpty: !c.opt['no-demo'], dailyBackups: true, scheduledCampaigns: true, dailyRecompute: true },
    );
  },
};

const importCommand: Command = {
  name: 'import',
  synopsis: 'import FILE [--sheet S] [--list NAME] [--type T] [--due D] [--period P] [--password P] [--reject-all] [--problems OUT.xlsx]',
  summary: 'import a work list (.xlsx .xls .ods .csv, GBK CSVs too): headers matched, every row checked, one transaction, scored; exits 1 when no row could be imported',
  help: `--sheet NAME           the sheet to read (default: the first with a column of phone numbers)
--list NAME            the list's name (default: the list-name column, else the sheet's title row, else the sheet or file name)
--type TYPE            list type: ${listTypesText}
--due YYYY-MM-DD       due date;  --period P  the list's period (e.g. 2026W47)
--password P           the file's password, if it is protected
--reject-all           import nothing if any row is rejected (default: import the valid rows)
--problems FILE.xlsx   write every rejected row and warning to a workbook (--lang en for English)`,
  async run(c) {
    const [file] = c.args;
    if (!file) return usageError(c, { en: 'import needs a work-list file', zh: 'import 需要一个工作清单文件' });
    if (c.opt.type && !(listTypes as readonly string[]).includes(c.opt.type)) return usageError(c, { en: `--type must be one of: ${listTypesText}`, zh: `--type 应为以下之一：${listTypesText}` });
    return withBackend(c, async (backend) => {
      const token = registerFile(c, backend, file);
      if (!token) return 1;
      const read = { file: token, sheet: c.opt.sheet, password: c.opt.password };
      // The same two steps as the import dialog: read and check (automatic mapping), then import.
      const previewJob = await runJob(backend, 'worklist-import-preview', read);
      if (!previewJob.ok) return failed(c, previewJob);
      const preview = previewJob.result;
      const list = {
        name: c.opt.list ?? preview.list.name,
        type: (c.opt.type ?? preview.list.type) as ListMeta['type'],
        period: c.opt.period ?? preview.list.period,
        dueDate: c.opt.due ?? preview.list.dueDate,
      };
      // Said before importing, as the dialog says it: the list this updates, or one it would nearly duplicate.
      const existing = await backend.dispatch('worklist-list', {});
      if (existing.ok) {
        const local = localTimeFormatter(Intl.DateTimeFormat().resolvedOptions().timeZone);
        const names = preview.listsInFile.length > 1 ? preview.listsInFile.map((l) => l.name) : [list.name];
        for (const name of names) {
          for (const m of listsLike((existing.data as OperationOutput<'worklist-list'>).items, { name, period: list.period })) {
            const params = { name: m.list.name, period: m.list.period ?? '—', importedAt: local(m.list.importedAt) ?? '', open: m.list.open };
            c.io.err(formatMessage(c.locale, m.kind === 'same' ? 'api.list-exists-update' : m.kind === 'no-period' ? 'api.list-no-period' : 'api.list-look-alike', params));
          }
        }
      }
      const job = await runJob(backend, 'worklist-import', {
        ...read,
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        mapping: preview.columns.map((col) => col.target),
        list,
        onRejected: c.opt['reject-all'] ? 'import-nothing' : 'import-valid',
        saveProfile: false,
      });
      if (!job.ok) return failed(c, job);
      const result = job.result;
      if (c.opt.problems && result.issueCount > 0) {
        const exported = await backend.dispatch('worklist-issues-export', { jobId: job.jobId, locale: c.locale });
        if (exported.ok) saveStaged(backend, (exported.data as { token: string }).token, c.opt.problems);
      }
      // A run that imported nothing because rows were refused failed at its job, for scripts as for people
      // (issue 18 #8); an unchanged re-import did what was asked.
      const nothingImported = !result.unchanged && !result.abandoned && result.imported === 0 && result.rejected > 0;
      // A sheet with its header and no row under it (the blank template) imported nothing either; it said "0 imported
      // into ," and exited 0 (found by a new supervisor).
      const noRows = !result.unchanged && !result.abandoned && result.read === 0;
      const exitCode = result.abandoned || nothingImported || noRows ? 1 : 0;
      // Said on stderr with its code, as every failure of the CLI is, for the script that reads it.
      if (nothingImported) failed(c, failedResult('invalid-input', 'api.import-all-rejected', { file: result.fileName, rejected: result.rejected }));
      if (noRows) {
        failed(c, failedResult('invalid-input', 'api.import-no-rows', { file: result.fileName, headerRow: preview.headerRow + 1 }));
        if (!c.opt.json) return exitCode;
      }
      if (c.opt.json) {
        c.io.out(JSON.stringify({ ...result, issues: result.issues.map((i) => ({ ...i, message: formatMessage(c.locale, i.code, i.params) })) }));
        return exitCode;
      }
      const words = wordsIn(c);
      const say = (code: MessageCode, params: MessageParams) => c.io.out(words(code, params));
      if (result.unchanged) say('cli.import.unchanged', { file: result.fileName });
      else if (result.abandoned) say('cli.import.abandoned', { file: result.fileName, rejected: result.rejected, read: result.read });
      else
        say('cli.import.summary', {
          file: result.fileName, read: result.read, imported: result.imported, rejected: result.rejected, warnings: result.warnings,
          lists: listParam(result.lists.map((l) => words('cli.import.list', { name: l.name }))),
          newSubscribers: result.newSubscribers, updatedSubscribers: result.updatedSubscribers, newTasks: result.newTasks, joined: result.joinedOpenTasks,
          repeated: result.repeatedRows ? words('cli.import.repeated', { count: result.repeatedRows }) : '',
        });
      for (const i of result.issues.slice(0, 20)) {
        say(i.severity === 'error' ? 'cli.row.rejected' : 'cli.row.warning', { row: i.row, letter: i.columnLetter, column: i.column, message: formatMessage(c.locale, i.code, i.params) });
      }
      if (result.issueCount > 20) say(c.opt.problems ? 'cli.more.inFile' : 'cli.more.useProblems', { count: result.issueCount - 20, file: c.opt.problems ?? '' });
      return exitCode;
    });
  },
};

const exportOutcomes: Command = {
  name: 'export-outcomes',
  synopsis: 'export-outcomes --from D --to D --out FILE.xlsx [--agent ID] [--password P]',
  summary: "an agent's outcome workbook (tasks, attempts, feedback, notes)",
  help: `--agent ID             one agent's work only (default: everyone's)
--password P           protect the file: Excel asks for this password to open it
--lang en              English headers (default: Chinese)`,
  async run(c) {
    const { from, to, out } = c.opt;
    if (!from || !to || !out) return usageError(c, { en: 'export-outcomes needs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx', zh: 'export-outcomes 需要 --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx' });
    if (path.extname(out).toLowerCase() !== '.xlsx') return usageError(c, { en: '--out must end in .xlsx (an outcome file has several sheets)', zh: '--out 应以 .xlsx 结尾（结果文件有几个工作表）' });
    return withBackend(c, async (backend) => {
      const r = await backend.dispatch('outcome-export', { from, to, agentId: c.opt.agent, password: c.opt.password, locale: c.locale });
      if (!r.ok) return failed(c, r);
      const staged = r.data as StagedFileView;
      const written = saveStaged(backend, staged.token, out);
      const words = wordsIn(c);
      c.print(words('cli.wrote', { file: written, kb: (staged.size / 1024).toFixed(0), protected: c.opt.password ? words('cli.wrote.protected') : '' }), { out: written, bytes: staged.size, protected: Boolean(c.opt.password) });
      return 0;
    });
  },
};

const merge: Command = {
  name: 'merge',
  synopsis: 'merge FILE... [--password P]',
  summary: 'merge outcome files as a set union on attempt ids; statuses recomputed; idempotent in any order',
  help: '--password P           the password of protected files',
  async run(c) {
    if (c.args.length === 0) return usageError(c, { en: 'merge needs one or more outcome files', zh: 'merge 需要一个或多个结果文件' });
    return withBackend(c, async (backend) => {
      const tokens: string[] = [];
      for (const file of c.args) {
        const token = registerFile(c, backend, file);
        if (!token) return 1;
        tokens.push(token);
      }
      const passwords = c.opt.password ? Object.fromEntries(tokens.map((t) => [t, c.opt.password!])) : undefined;
      const job = await runJob(backend, 'outcome-merge', { files: tokens, passwords });
      if (!job.ok) return failed(c, job);
      const result = job.result;
      if (c.opt.json) {
        c.io.out(JSON.stringify(result));
        return 0;
      }
      const words = wordsIn(c);
      for (const f of result.files) {
        c.io.out(
          words('cli.merge.file', {
            file: f.fileName, read: f.attemptsRead, new: f.attemptsNew, present: f.attemptsPresent,
            withoutTask: f.attemptsWithoutTask ? words('cli.merge.withoutTask', { count: f.attemptsWithoutTask }) : '',
            feedback: f.feedbackNew, notes: f.notesNew,
            lifts: f.liftsRead
              ? words('cli.merge.lifts', {
                  new: f.liftsNew, read: f.liftsRead,
                  superseded: f.liftsSuperseded ? words('cli.merge.liftsSuperseded', { count: f.liftsSuperseded }) : '',
                  refused: f.liftsRefused ? words('cli.merge.liftsRefused', { count: f.liftsRefused }) : '',
                })
              : '',
            rejected: f.rejectedRows, warnings: f.warnings,
          }),
        );
        for (const i of f.issues.slice(0, 20)) {
          const sheet = typeof i.params.sheet === 'string' ? `${i.params.sheet} ` : '';
          c.io.out(words(i.severity === 'error' ? 'cli.sheetRow.rejected' : 'cli.sheetRow.warning', { sheet, row: i.row, column: i.column, message: formatMessage(c.locale, i.code, i.params) }));
        }
        if (f.issueCount > 20) c.io.out(words('cli.more', { count: f.issueCount - 20 }));
      }
      c.io.out(
        words('cli.merge.total', {
          attempts: result.attemptsNew, feedback: result.feedbackNew, notes: result.notesNew,
          lifts: result.liftsNew ? words('cli.merge.totalLifts', { count: result.liftsNew }) : '', tasks: result.tasksRecomputed,
        }),
      );
      return 0;
    });
  },
};

/** `template` and `catalogue-export`: a workbook the backend makes, saved where --out says. */
function workbookExport(name: 'template' | 'catalogue-export', kinds: string[], synopsis: string, summary: string): Command {
  return {
    name,
    synopsis,
    summary,
    help: '--lang en              English headers (default: Chinese)',
    async run(c) {
      const [kind] = c.args;
      if (!kind || !kinds.includes(kind)) return usageError(c, { en: `${name} needs a KIND: ${kinds.join(', ')}`, zh: `${name} 需要 KIND：${kinds.join('、')}` });
      const out = c.opt.out;
      if (!out || path.extname(out).toLowerCase() !== '.xlsx') return usageError(c, { en: `${name} needs --out FILE.xlsx`, zh: `${name} 需要 --out FILE.xlsx` });
      return withBackend(c, async (backend) => {
        const r = await backend.dispatch(name === 'template' ? 'template-export' : 'catalogue-export', { kind, locale: c.locale });
        if (!r.ok) return failed(c, r);
        const staged = r.data as StagedFileView;
        const written = saveStaged(backend, staged.token, out);
        c.print(wordsIn(c)('cli.wrote', { file: written, kb: (staged.size / 1024).toFixed(0), protected: '' }), { out: written, bytes: staged.size, kind, locale: c.locale });
        return 0;
      });
    },
  };
}

const catalogueImport: Command = {
  name: 'catalogue-import',
  synopsis: 'catalogue-import KIND FILE [--dry-run]',
  summary: 'import an offers or plans workbook (KIND: offers, plans): new codes added, known codes updated, bad rows reported and skipped; a file with an unusable header is refused',
  help: '--dry-run              only say what would be added and changed, field by field',
  async run(c) {
    const [kind, file] = c.args;
    if ((kind !== 'offers' && kind !== 'plans') || !file) return usageError(c, { en: 'catalogue-import needs KIND (offers or plans) and FILE', zh: 'catalogue-import 需要 KIND（offers 或 plans）和 FILE' });
    const dryRun = c.opt['dry-run'];
    return withBackend(c, async (backend) => {
      const token = registerFile(c, backend, file);
      if (!token) return 1;
      const r = await runJob(backend, 'catalogue-import', { kind, file: token, locale: c.locale, dryRun });
      if (!r.ok) return failed(c, r);
      const result = r.result;
      if (c.opt.json) {
        c.io.out(JSON.stringify(result));
        return 0;
      }
      const words = wordsIn(c);
      c.io.out(
        words('cli.catalogue.summary', {
          file: result.fileName, read: result.read,
          added: words(dryRun ? 'cli.catalogue.wouldAdd' : 'cli.catalogue.added', { count: result.imported }),
          updated: words(dryRun ? 'cli.catalogue.wouldUpdate' : 'cli.catalogue.updated', { count: result.updated }),
          unchanged: result.unchanged, rejected: result.rejected,
        }),
      );
      for (const ch of result.changes.slice(0, 50)) {
        c.io.out(`  ${ch.code} ${ch.name}${c.locale === 'en' ? ': ' : '：'}${ch.change === 'created' ? (c.locale === 'en' ? 'new' : '新增') : catalogueChangesText(c.locale, kind, ch.fields)}`);
      }
      if (result.changes.length > 50) c.io.out(words('cli.more', { count: result.changes.length - 50 }));
      for (const i of result.issues.slice(0, 30)) {
        // The column as the work-list import says it (第 3 行 D 列（成本(元)）), not the bare letter.
        const where = !i.columnLetter ? '' : c.locale === 'en' ? ` column ${i.columnLetter}${i.column ? ` (${i.column})` : ''}` : ` ${i.columnLetter} 列${i.column ? `（${i.column}）` : ''}`;
        c.io.out(words(i.severity === 'error' ? 'cli.catalogueRow.rejected' : 'cli.catalogueRow.warning', { row: i.row, letter: where, message: formatMessage(c.locale, i.code, i.params) }));
      }
      if (result.issues.length > 30) c.io.out(words('cli.more', { count: result.issues.length - 30 }));
      return 0;
    });
  },
};

const score: Command = {
  name: 'score',
  synopsis: 'score',
  summary: "recompute every subscriber's risk, tags and queue priority (only changed figures are written; only the customers changed since the last recompute, or whose figures a new day can have moved, are computed)",
  run: (c) =>
    withBackend(c, async (backend) => {
      const t0 = Date.now();
      const job = await runJob(backend, 'risk-recompute', {});
      if (!job.ok) return failed(c, job);
      const { subscribers, evaluated, scoresChanged, prioritiesChanged } = job.result;
      const ms = Date.now() - t0;
      // Customers whose figures are known to hold — unchanged since the last complete recompute, and not due on this
      // day — were not computed again (docs/scoring-storage.md): say so, so that a fast run does not look like a skipped one.
      const known = subscribers - evaluated;
      const words = wordsIn(c);
      c.print(
        words('cli.score', { subscribers, seconds: (ms / 1000).toFixed(1), computed: evaluated, known: known > 0 ? words('cli.score.known', { count: known }) : '', scores: scoresChanged, priorities: prioritiesChanged }),
        { subscribers, evaluated, scoresChanged, prioritiesChanged, ms },
      );
      return 0;
    }),
};

const report: Command = {
  name: 'report',
  synopsis: 'report weekly --week 2026-W47 --out FILE.xlsx, report period --from D --to D --out FILE.xlsx [--lang en] [--password P], or report analysis --kind suspension|forwarding|churn|predicted|all --by county|hall|tier --out FILE.xlsx',
  summary:
    'the result workbook of a week, or of any period (a month, quarter or week by its name alone: --from 2026-11, 2026-Q4, 2026-W47; dates that make a whole day, week, month or quarter are reported as one, others as a range): by list with the period before, by agent, by reason, by offer (each with a total row), feedback, detail, notes; or an analysis of the stored customers (suspension, forwarding, churn, predicted churn) by county, hall, agent, tier, list type or level with shares and a total row',
  help: `weekly --week YYYY-Www       an ISO week (Monday–Sunday); the file keeps the weekly names
period --from D --to D       local dates, both included (at most ${MAX_RANGE_DAYS} days)
period --from 2026-11        a month (or 2026-Q4, a quarter; 2026-W47, a week) by its name
--out FILE.xlsx              where to write the workbook;  --lang en  English sheets
--password P                 protect the file with a password
analysis --kind K --by D     K: ${analysisKinds.join('|')}|all (all: the four kinds, a sheet each);  D: ${analysisDimensions.join('|')}
  [--from D --to D]          churn dates counted in this period, compared with the period before
  [--county C [--hall H]]    only the customers of this county (and hall)`,
  async run(c) {
    const kind = c.args[0];
    if (kind === 'analysis') return reportAnalysis(c);
    if (kind !== 'weekly' && kind !== 'period') return usageError(c, { en: 'report needs a kind: report weekly --week YYYY-Www --out FILE.xlsx, or report period --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx', zh: 'report 需要报表种类：report weekly --week YYYY-Www --out FILE.xlsx，或 report period --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx' });
    const { week, from, to, out } = c.opt;
    if (kind === 'weekly' && (!week || !out)) return usageError(c, { en: 'report weekly needs --week YYYY-Www and --out FILE.xlsx', zh: 'report weekly 需要 --week YYYY-Www 和 --out FILE.xlsx' });
    // A month, quarter or week by its name alone (--from 2026-11, 2026-Q4, 2026-W47), as the workbook labels it.
    // Text shaped as such a name that names none (2026-13) goes to the backend, which says it is no date.
    const nameAlone = kind === 'period' && from !== undefined && !to && /^\d{4}-(\d{2}|Q\d|W\d{2})$/iu.test(from);
    const byName = nameAlone ? periodNamed(from!) : null;
    if (kind === 'period' && (!from || (!to && !nameAlone) || !out)) {
      return usageError(c, { en: 'report period needs --from YYYY-MM-DD, --to YYYY-MM-DD (or --from 2026-11, 2026-Q4 or 2026-W47 alone) and --out FILE.xlsx', zh: 'report period 需要 --from YYYY-MM-DD、--to YYYY-MM-DD（或只用 --from 2026-11、2026-Q4、2026-W47）和 --out FILE.xlsx' });
    }
    // Dates that make a whole day, week, month or quarter are reported as one (named 2026-11, compared with the
    // month before); bad dates go to the backend as a range, which refuses them in the CLI's language.
    const named = byName ?? (kind === 'period' ? periodFromDates(from!, to ?? from!) : null);
    const period = named && !isPeriodProblem(named) ? { kind: named.kind, from: named.from, to: named.to } : { kind: 'range' as const, from: from!, to: to ?? from! };
    return withBackend(c, async (backend) => {
      const job = await runJob(backend, 'report-weekly', { ...(kind === 'weekly' ? { week } : { period }), locale: c.locale, ...(c.opt.password ? { password: c.opt.password } : {}) });
      if (!job.ok) return failed(c, job);
      const r = job.result;
      const written = saveStaged(backend, r.download.token, out!);
      c.print(
        wordsIn(c)(kind === 'weekly' ? 'cli.report.weekly' : 'cli.report.period', { period: r.week, lists: r.lists, agents: r.agents, tasks: r.tasks, attempts: r.attempts, file: out! }),
        { ...r, download: undefined, out: written },
      );
      return 0;
    });
  },
};

/** `report analysis`: the analysis of the stored customers (core/report/analysis.ts) as a workbook with a 合计 row and notes. */
async function reportAnalysis(c: CommandContext): Promise<number> {
  const { kind, by, from, to, out } = c.opt;
  if (!kind || !([...analysisKinds, 'all'] as readonly string[]).includes(kind)) return usageError(c, { en: `report analysis needs --kind ${analysisKinds.join('|')}|all`, zh: `report analysis 需要 --kind ${analysisKinds.join('|')}|all` });
  if (!by || !(analysisDimensions as readonly string[]).includes(by)) return usageError(c, { en: `report analysis needs --by ${analysisDimensions.join('|')}`, zh: `report analysis 需要 --by ${analysisDimensions.join('|')}` });
  if (!out || path.extname(out).toLowerCase() !== '.xlsx') return usageError(c, { en: 'report analysis needs --out FILE.xlsx', zh: 'report analysis 需要 --out FILE.xlsx' });
  if ((from === undefined) !== (to === undefined)) return usageError(c, { en: 'report analysis takes both --from YYYY-MM-DD and --to YYYY-MM-DD, or neither', zh: 'report analysis 的 --from YYYY-MM-DD 和 --to YYYY-MM-DD 要么都给，要么都不给' });
  const named = from && to ? periodFromDates(from, to) : null;
  const period = from && to ? (named && !isPeriodProblem(named) ? { kind: named.kind, from: named.from, to: named.to } : { kind: 'range' as const, from, to }) : undefined;
  const drill = { ...(c.opt.county !== undefined ? { county: c.opt.county } : {}), ...(c.opt.hall !== undefined ? { hall: c.opt.hall } : {}) };
  return withBackend(c, async (backend) => {
    const r = await backend.dispatch('analysis-export', { kind: kind as AnalysisKind | 'all', by: by as AnalysisDimension, drill, ...(period ? { period } : {}), locale: c.locale });
    if (!r.ok) return failed(c, r);
    const staged = r.data as OperationOutput<'analysis-export'>;
    const written = saveStaged(backend, staged.token, out);
    c.print(wordsIn(c)('cli.report.analysis', { kind, by, file: written, kb: (staged.size / 1024).toFixed(0) }), { kind, by, out: written, bytes: staged.size });
    return 0;
  });
}

const purge: Command = {
  name: 'purge',
  synopsis: 'purge [--dry-run]',
  summary: "purge the lists past their due date plus the retention period (and what they brought), after taking the day's backup; `--dry-run` only says what would go",
  help: '--dry-run              only say what would be removed',
  async run(c) {
    const dryRun = c.opt['dry-run'];
    if (!dryRun) {
      // As the app's daily purge: never without a backup of the day taken first.
      const db = openDatabase(c.dbPath);
      try {
        await ensureDailyBackup(db, c.dbPath, new Date());
      } finally {
        db.close();
      }
    }
    return withBackend(c, async (backend) => {
      const r = await backend.dispatch(dryRun ? 'purge-preview' : 'purge-run', {});
      if (!r.ok) return failed(c, r);
      const v = r.data as PurgeView;
      if (c.opt.json) {
        c.io.out(JSON.stringify({ ...v, dryRun }));
        return 0;
      }
      const words = wordsIn(c);
      c.io.out(words('cli.purge.head', { days: v.days, cutoff: v.cutoff, done: words(dryRun ? 'cli.purge.would' : 'cli.purge.were') }));
      if (v.lists.length === 0) c.io.out(words('cli.purge.nothing'));
      for (const l of v.lists) c.io.out(words('cli.purge.list', { name: l.name, type: l.type, due: l.dueDate ?? '—', closed: l.closedAt ? words('cli.purge.closed', { date: l.closedAt.slice(0, 10) }) : '', members: l.members }));
      if (v.lists.length > 0) {
        c.io.out(words('cli.purge.total', { done: words(dryRun ? 'cli.purge.wouldRemove' : 'cli.purge.removed'), subscribers: v.subscribers, kept: v.kept, tasks: v.tasks, attempts: v.attempts, feedback: v.feedback }));
      }
      return 0;
    });
  },
};

const backup: Command = {
  name: 'backup',
  synopsis: 'backup [--out FILE]',
  summary: 'a consistent copy of the workspace now (the app and `serve` also keep a daily one, newest 7, in `backups/` beside it)',
  async run(c) {
    const out = await backupWorkspace(c.dbPath, c.opt.out ? path.resolve(c.opt.out) : undefined);
    c.print(wordsIn(c)('cli.backup', { db: c.dbPath, file: out }), { db: c.dbPath, out });
    return 0;
  },
};

const restore: Command = {
  name: 'restore',
  synopsis: 'restore FILE [--other-workspace]',
  summary: 'put a backup in place of the workspace: the backup is checked first and the workspace it replaces is kept (stop the app first)',
  help: '--other-workspace      restore a backup of another workspace over this one (refused without it)',
  async run(c) {
    const [file] = c.args;
    if (!file) return usageError(c, { en: 'restore needs the backup file: restore FILE', zh: 'restore 需要备份文件：restore FILE' });
    try {
      const { keptAs } = restoreBackup(c.dbPath, path.resolve(file), new Date(), { otherWorkspace: c.opt['other-workspace'] });
      const words = wordsIn(c);
      c.print(words('cli.restore', { file, db: c.dbPath, kept: keptAs ? words('cli.restore.kept', { file: keptAs }) : '' }), { db: c.dbPath, from: path.resolve(file), keptAs });
      return 0;
    } catch (e) {
      if (e instanceof ApiFailure) return failed(c, failedResult(e.code, e.messageKey, e.params, e.details));
      c.io.err((e as Error).message);
      return 1;
    }
  },
};

/** A training method's name in the CLI's language (core/model/train.ts ModelMethod). */
const methodWords = { logistic: 'cli.train.method.logistic', gbdt: 'cli.train.method.gbdt', blend: 'cli.train.method.blend' } as const;

/** `train` and `predict`: a job on a workbook named on the command line. */
const train: Command = {
  name: 'train',
  synopsis: 'train FILE [--activate]',
  summary: 'train a churn model from labelled history; prints holdout AUC, lift, methods compared',
  help: '--activate             make the new model the active one (and recompute)',
  async run(c) {
    const [file] = c.args;
    if (!file) return usageError(c, { en: 'train needs a workbook', zh: 'train 需要一个工作簿' });
    return withBackend(c, async (backend) => {
      const token = registerFile(c, backend, file);
      if (!token) return 1;
      const job = await runJob(backend, 'model-train', { file: token, sheet: c.opt.sheet, password: c.opt.password });
      if (!job.ok) return failed(c, job);
      const r = job.result;
      if (c.opt.activate) {
        const act = await backend.dispatch('model-activate', { version: r.version });
        if (!act.ok) return failed(c, act);
        await waitForJob(backend, (act.data as JobView).id);
      }
      if (c.opt.json) {
        c.io.out(JSON.stringify({ ...r, active: c.opt.activate }));
        return 0;
      }
      const words = wordsIn(c);
      const method = (m: string) => (m in methodWords ? words(methodWords[m as keyof typeof methodWords]) : m);
      c.io.out(words('cli.train', { version: r.version, method: method(r.method), rows: r.rows, positives: r.positives, unlabelled: r.unlabelled > 0 ? words('cli.train.unlabelled', { count: r.unlabelled }) : '' }));
      c.io.out(words('cli.train.holdout', { n: r.holdout.n, auc: r.holdout.auc.toFixed(3), lift: r.holdout.topDecileLift.toFixed(2) }));
      c.io.out(words('cli.train.cv', { auc: r.cv.auc.mean.toFixed(3), sd: r.cv.auc.sd.toFixed(3), folds: r.cv.folds, rows: r.cv.rows }));
      const width = Math.max(9, ...r.compared.map((m) => columns(method(m.method))));
      for (const m of r.compared) {
        const sd = m.validationAucSd === undefined ? '' : words('cli.train.sd', { sd: m.validationAucSd.toFixed(3) });
        c.io.out(words('cli.train.compared', { method: padEndColumns(method(m.method), width), auc: m.validationAuc.toFixed(3), sd, holdout: m.holdoutAuc.toFixed(3) }));
      }
      // The version as typed in the command to run, never grouped (1,000 would not be JSON).
      c.io.out(c.opt.activate ? words('cli.train.active', { version: r.version }) : words('cli.train.activateWith', { version: String(r.version) }));
      return 0;
    });
  },
};

const predict: Command = {
  name: 'predict',
  synopsis: 'predict FILE --out FILE.xlsx',
  summary: "score a workbook's rows with the active model and the rule score (no import)",
  async run(c) {
    const [file] = c.args;
    const out = c.opt.out;
    if (!file) return usageError(c, { en: 'predict needs a workbook', zh: 'predict 需要一个工作簿' });
    if (!out) return usageError(c, { en: 'predict needs --out FILE.xlsx', zh: 'predict 需要 --out FILE.xlsx' });
    return withBackend(c, async (backend) => {
      const token = registerFile(c, backend, file);
      if (!token) return 1;
      const job = await runJob(backend, 'model-predict', { file: token, sheet: c.opt.sheet, password: c.opt.password, locale: c.locale });
      if (!job.ok) return failed(c, job);
      const r = job.result;
      const written = saveStaged(backend, r.download.token, out);
      const words = wordsIn(c);
      c.print(words('cli.predict', { rows: r.rows, model: r.model ? words('cli.predict.model', { version: r.model }) : words('cli.predict.noModel'), file: out }), { rows: r.rows, model: r.model, out: written });
      return 0;
    });
  },
};

const explain: Command = {
  name: 'explain',
  synopsis: 'explain MSISDN',
  summary: 'rule reasons, tags and model factors of one subscriber',
  async run(c) {
    const [number] = c.args;
    if (!number) return usageError(c, { en: 'explain needs a phone number', zh: 'explain 需要一个手机号码' });
    return withBackend(c, async (backend) => {
      const r = await backend.dispatch('customer-lookup', { msisdn: number });
      if (!r.ok) return failed(c, r);
      const card = r.data as OperationOutput<'customer-lookup'>;
      if (!card.found) {
        c.io.err(card.invalid ? formatMessage(c.locale, 'cli.explain.invalid', { number }) : formatMessage(c.locale, 'cli.explain.absent', { msisdn: card.msisdnMasked ?? number }));
        return 1;
      }
      if (c.opt.json) {
        c.io.out(JSON.stringify({ msisdn: card.customer.msisdnMasked, signal: card.signal, risk: card.risk, model: card.model }));
        return 0;
      }
      const words = wordsIn(c);
      // The level the card shows (docs/product.md §4.4), then the rule's own.
      const signalModel = card.signal.model;
      const model = !signalModel ? '' : signalModel.p === null ? words('cli.explain.levelModelAbstained') : words('cli.explain.levelModel', { pct: (signalModel.p * 100).toFixed(1) });
      c.io.out(words('cli.explain.level', { msisdn: card.customer.msisdnMasked, level: levelText(c.locale, card.signal.level), ruleLevel: levelText(c.locale, card.risk.level), score: card.risk.score, model }));
      for (const reason of card.risk.reasons) c.io.out(`  ${reason.points >= 0 ? '+' : ''}${reason.points}  ${reasonText(c.locale, reason as never)}`);
      // Joined by semicolons: a reason's own words may hold commas.
      const separator = words('cli.explain.separator');
      if (card.risk.unjudged.length) c.io.out(words('cli.explain.unjudged', { list: card.risk.unjudged.map((g) => unjudgedText(c.locale, g as never)).join(separator) }));
      if (card.risk.tags.length) c.io.out(words('cli.explain.tags', { list: card.risk.tags.map((t) => tagText(c.locale, t as never)).join(separator) }));
      if (card.model) {
        c.io.out(words('cli.explain.model', { version: card.model.version, pct: (card.model.p * 100).toFixed(1) }));
        for (const f of card.model.contributions) c.io.out(`  ${f.contribution >= 0 ? '+' : ''}${f.contribution.toFixed(2)}  ${c.locale === 'en' ? f.label : f.labelZh} = ${f.value ?? '—'}`);
      }
      return 0;
    });
  },
};

const myDay: Command = {
  name: 'my-day',
  synopsis: 'my-day --agent ID',
  summary: "an agent's day and week (我的今日): contacts, reached, successes (the week's against its targets, and the agent's groups'), call-backs due now and later today",
  help: `--agent ID             the agent (the CLI acts as the local supervisor, so it names one)`,
  async run(c) {
    if (!c.opt.agent) return usageError(c, { en: 'my-day needs --agent ID', zh: 'my-day 需要 --agent ID' });
    return withBackend(c, async (backend) => {
      const r = await backend.dispatch('agent-day-get', { agentId: c.opt.agent });
      if (!r.ok) return failed(c, r);
      const d = r.data as OperationOutput<'agent-day-get'>;
      if (c.opt.json) {
        c.io.out(JSON.stringify(d));
        return 0;
      }
      // A figure with a weekly target shows as "value / target" (issue 17 #5); without one, the figure alone.
      const words = wordsIn(c);
      const n = numberIn(c);
      const figure = (f: { value: number; target: number | null }) => (f.target === null ? n(f.value) : `${n(f.value)} / ${n(f.target)}`);
      const at = (iso: string) => new Date(iso).toTimeString().slice(0, 5); // local HH:mm
      c.io.out(words('cli.myDay.head', { agent: d.agentId, today: d.today, week: d.week.label }));
      // In terminal columns: a Chinese word is twice as wide as its characters.
      c.io.out(`${''.padEnd(12)}${padStartColumns(words('cli.myDay.today'), 9)}${padStartColumns(words('cli.myDay.week'), 9)}`);
      const rows = { contacts: 'cli.myDay.contacts', reached: 'cli.myDay.reached', successes: 'cli.myDay.successes' } as const;
      for (const k of ['contacts', 'reached', 'successes'] as const) c.io.out(`${padEndColumns(words(rows[k]), 12)}${figure(d.day[k]).padStart(9)}${figure(d.thisWeek[k]).padStart(9)}`);
      // The agent's groups with a target this week: all the members' contacts and successes against it.
      for (const g of d.groups) c.io.out(words('cli.myDay.group', { name: g.name, contacts: figure(g.contacts), successes: figure(g.successes) }));
      const { dueNow, laterToday, nextAt } = d.callbacks;
      c.io.out(words('cli.myDay.callbacks', { dueNow, laterToday, next: nextAt ? words('cli.myDay.next', { time: at(nextAt) }) : '' }));
      return 0;
    });
  },
};

const demo: Command = {
  name: 'demo',
  synopsis: 'demo --rows N --out FILE.xlsx [--seed N] [--labels]',
  summary: 'a generated demo work list (tests, benchmarks, training history with `--labels`)',
  help: `--seed N               seed (default 1); the same seed gives the same file
--labels               include the churned / churn-date label columns (training history)`,
  async run(c) {
    const rows = Number(c.opt.rows ?? '3000');
    if (!Number.isInteger(rows) || rows < 1 || rows > 2_000_000) return usageError(c, { en: '--rows must be a whole number from 1 to 2,000,000', zh: '--rows 应为 1 到 2,000,000 之间的整数' });
    if (!c.opt.out) return usageError(c, { en: 'demo needs --out FILE (.xlsx or .csv)', zh: 'demo 需要 --out FILE（.xlsx 或 .csv）' });
    const out = path.resolve(c.opt.out);
    const ext = path.extname(out).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') return usageError(c, { en: '--out must end in .xlsx or .csv', zh: '--out 应以 .xlsx 或 .csv 结尾' });
    const seed = Number(c.opt.seed ?? '1');
    const started = Date.now();
    const sheet = demoWorkListSheet({ seed, count: rows, today: localDate(new Date()), withLabels: c.opt.labels });
    const bytes = writeWorkbook([{ name: '任务工作清单', ...sheet }], ext === '.csv' ? 'csv' : 'xlsx');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, bytes);
    const ms = Date.now() - started;
    c.print(wordsIn(c)('cli.demo', { rows, file: out, mb: (bytes.length / 1024 / 1024).toFixed(1), ms }), { rows, out, bytes: bytes.length, ms });
    return 0;
  },
};

/** `info` and `call`: one contract operation, its JSON answer printed. */
async function callOperation(c: CommandContext, op: string, json: string | undefined): Promise<number> {
  let input: unknown = {};
  try {
    input = json ? JSON.parse(json) : {};
  } catch {
    return usageError(c, { en: 'the input must be JSON, e.g. \'{"msisdn":"13800138000"}\'', zh: '输入应为 JSON，例如 \'{"msisdn":"13800138000"}\'' });
  }
  return withBackend(c, async (backend) => {
    const result = await backend.dispatch(op, input);
    if (!result.ok) return failed(c, result);
    c.io.out(JSON.stringify(result.data, null, c.opt.json ? undefined : 2));
    return 0;
  });
}

const segment: Command = {
  name: 'segment',
  synopsis: "segment count --where '{\"all\":[…]}'",
  summary: 'how many stored customers a condition selects (the condition language of offer rules), split by risk level and hall; `--json` for the data with a masked sample',
  help: `--where JSON           {"all": [conditions]} or just [conditions], e.g. [{"field":"risk_level","op":"in","value":["high"]}]
--json                 count, split, masked sample and warnings as JSON`,
  async run(c) {
    if (c.args[0] !== 'count' || !c.opt.where) return usageError(c, { en: "segment needs: segment count --where '{\"all\":[…]}'", zh: "segment 的用法：segment count --where '{\"all\":[…]}'" });
    let where: unknown;
    try {
      where = JSON.parse(c.opt.where);
    } catch (e) {
      return usageError(c, { en: `--where is not JSON: ${(e as Error).message}`, zh: `--where 不是 JSON：${(e as Error).message}` });
    }
    const condition = Array.isArray(where) ? { all: where } : where;
    return withBackend(c, async (backend) => {
      const r = await backend.dispatch('segment-preview', { condition });
      if (!r.ok) return failed(c, r);
      const p = r.data as OperationOutput<'segment-preview'>;
      for (const w of p.warnings) c.io.err(formatMessage(c.locale, w.code, w.params));
      const words = wordsIn(c);
      const level = (l: string | null) => (l ? levelText(c.locale, l as Parameters<typeof levelText>[1]) : '—');
      const byLevel = p.byLevel.map((x) => words('cli.countOf', { name: level(x.level), count: x.count }));
      const byHall = [...p.byHall.map((x) => words('cli.countOf', { name: x.hall ?? '—', count: x.count })), ...(p.otherHalls > 0 ? [words('cli.segment.otherHalls', { count: p.otherHalls })] : [])];
      const lines = [
        words('cli.segment.count', { count: p.count, total: p.total }),
        words('cli.segment.byLevel', { list: listParam(byLevel) || '—' }),
        words('cli.segment.byHall', { list: listParam(byHall) || '—' }),
      ];
      c.print(lines.join('\n'), p);
      return 0;
    });
  },
};

/** A campaign's run or preview in one line: what the preview dialog says (docs/product.md §5.6). */
function campaignRunLine(c: CommandContext, r: JobResultOf<'campaign-run'>): string {
  const words = wordsIn(c);
  const excluded = listParam(r.excludedBy.map((e) => words('cli.countOf', { name: contactReasonShort(c.locale, e.reason), count: e.count })));
  const unmatched = listParam(r.unmatched.map((u) => words('cli.countOf', { name: u.value, count: u.tasks })));
  return [
    words('cli.campaign.selected', { name: r.name, customers: r.customers, stored: r.stored }),
    words('cli.campaign.tasks', { newTasks: r.newTasks, joined: r.joined, already: r.already, excluded: r.excluded, excludedBy: excluded ? words('cli.campaign.excludedBy', { list: excluded }) : '' }),
    words('cli.campaign.list', {
      list: r.listName,
      runDay: r.runDay,
      due: r.dueDate,
      assigned: r.assigned ? words('cli.campaign.assigned', { count: r.assigned }) : '',
      unmatched: unmatched ? words('cli.campaign.unmatched', { list: unmatched }) : '',
    }),
  ].join('\n');
}

/** A campaign's schedule in the CLI's language (core/campaigns/campaign.ts campaignSchedules). */
const scheduleWords = { once: 'cli.campaign.schedule.once', 'after-import': 'cli.campaign.schedule.after-import', daily: 'cli.campaign.schedule.daily' } as const;

const campaign: Command = {
  name: 'campaign',
  synopsis: 'campaign list | campaign preview NAME | campaign run NAME',
  summary: 'the desk’s own work lists: list the campaigns, preview what a run would create, or run one now whatever its schedule (`--json` for the data)',
  help: `list                   every campaign: schedule, on/off, last run
preview NAME           customers selected, new tasks, joining an open task, excluded by the contact policy (nothing written)
run NAME               run it now: the day's work list and its tasks, in one transaction
--json                 the data as JSON`,
  async run(c) {
    const [sub, ...rest] = c.args;
    const name = rest.join(' ').trim();
    if (sub !== 'list' && sub !== 'preview' && sub !== 'run') return usageError(c, { en: 'campaign needs: list, preview NAME or run NAME', zh: 'campaign 的用法：list、preview NAME 或 run NAME' });
    if (sub !== 'list' && !name) return usageError(c, { en: `campaign ${sub} needs the campaign's name`, zh: `campaign ${sub} 需要挽留活动的名称` });
    return withBackend(c, async (backend) => {
      const listed = await backend.dispatch('campaign-list', {});
      if (!listed.ok) return failed(c, listed);
      const items = (listed.data as OperationOutput<'campaign-list'>).items;
      if (sub === 'list') {
        const words = wordsIn(c);
        // In terminal columns, so that the names line up in Chinese too.
        const stateWidth = Math.max(columns(words('cli.campaign.on')), columns(words('cli.campaign.off')));
        const lines = items.map((x) =>
          words('cli.campaign.line', {
            state: padEndColumns(words(x.enabled ? 'cli.campaign.on' : 'cli.campaign.off'), stateWidth),
            schedule: padEndColumns(words(scheduleWords[x.schedule]), 12),
            name: x.name,
            lastRun: x.lastRun ? words('cli.campaign.lastRun', { day: x.lastRun.runDay, newTasks: x.lastRun.newTasks, joined: x.lastRun.joined }) : '',
            issued: x.results.issued,
            open: x.results.open,
          }),
        );
        c.print(lines.join('\n') || words('cli.campaign.none'), items);
        return 0;
      }
      const found = items.find((x) => x.name === name);
      if (!found) return usageError(c, { en: `no campaign named “${name}”; campaign list shows them`, zh: `没有名为“${name}”的挽留活动；campaign list 列出所有活动` });
      const job = await runJob(backend, sub === 'run' ? 'campaign-run' : 'campaign-preview', { id: found.id });
      if (!job.ok) return failed(c, job);
      c.print(campaignRunLine(c, job.result), job.result);
      return 0;
    });
  },
};

const info: Command = { name: 'info', synopsis: 'info', summary: 'what the workspace holds', run: (c) => callOperation(c, 'app-info', '{}') };

const call: Command = {
  name: 'call',
  synopsis: "call OPERATION '{json}'",
  summary: 'any contract operation, e.g. `call customer-lookup \'{"msisdn":"13800138000"}\'`',
  run(c) {
    const [op, json] = c.args;
    if (!op) return Promise.resolve(usageError(c, { en: 'call needs an operation name', zh: 'call 需要一个接口操作的名称' }));
    return callOperation(c, op, json);
  },
};

/** In the README's order: what a supervisor does first comes first. */
export const commands: readonly Command[] = [
  serve,
  importCommand,
  exportOutcomes,
  merge,
  workbookExport('template', ['worklist', 'history', 'offers', 'plans'], 'template KIND --out FILE.xlsx', 'blank work-list / history / offers / plans workbook with a notes sheet (KIND: worklist, history, offers, plans)'),
  workbookExport('catalogue-export', ['offers', 'plans'], 'catalogue-export KIND --out FILE.xlsx', 'write the offers or tariff plans catalogue (KIND: offers, plans)'),
  catalogueImport,
  score,
  report,
  purge,
  backup,
  restore,
  train,
  predict,
  explain,
  myDay,
  segment,
  campaign,
  demo,
  info,
  call,
];
