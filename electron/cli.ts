import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupWorkspace, ensureDailyBackup, restoreBackup } from './backend/backups';
import { openDatabase } from '../db/connection';
import type { PurgeView } from '../core/api/ops/audit';
import { openBackend } from './backend';
import { localDate } from './backend/context';
import { defaultDbPath } from './backend/paths';
import { appVersion } from './backend/version';
import { startHttpServer } from './http';
import { openInBrowser } from './open-browser';
import { demoWorkListSheet } from '../core/demo/workbook';
import { writeWorkbook } from '../core/exchange/write';
import type { JobView, ListMeta, OperationName, OperationOutput, StagedFileView, WorklistImportResult, WorklistPreview } from '../core/api';
import { listTypes } from '../core/worklist/fields';
import { levelText, reasonText, tagText, unjudgedText } from '../core/risk/messages';
import type { OutcomeMergeResult } from '../core/api/ops/outcomes';
import type { CatalogueImportResult } from '../core/api/ops/catalogue';
import { formatMessage } from '../core/i18n';

/**
 * The headless command line (PRODUCT §9): the same backend operations for supervisors' routines and the
 * central side. Every command takes --db PATH and --json.
 */
const listTypesText = listTypes.join(', ');
const usage = `retention-desk ${appVersion}

Usage: retention-desk <command> [options]

Commands:
  serve                      run browser mode on 127.0.0.1 and print its address
      --port N               port to listen on (default: any free port)
      --open                 open the address in the default browser when a display exists
      --no-demo              a new workspace starts empty (its first screen creates the supervisor)
  demo --rows N --out FILE   write a generated demo work-list workbook (.xlsx or .csv)
      --seed N               seed (default 1); the same seed gives the same file
      --labels               include the churned / churn-date label columns (training history)
  info                       what the workspace holds
  import FILE                import a work list (.xlsx .xls .ods .csv; GBK CSVs too): columns matched by
                             their headers (or a saved mapping profile), every row checked, one transaction
      --sheet NAME           the sheet to read (default: the first)
      --list NAME            the list's name (default: the list-name column, else the sheet or file name)
      --type TYPE            list type: ${listTypesText}
      --due YYYY-MM-DD       due date;  --period P  the list's period (e.g. 2026W47)
      --password P           the file's password, if it is protected
      --reject-all           import nothing if any row is rejected (default: import the valid rows)
      --problems FILE.xlsx   write every rejected row and warning to a workbook (--lang en for English)
  score                      recompute every subscriber's risk, tags and queue priority (after a
                             configuration change; imports score what they store by themselves)
  train FILE                 train a churn model from labelled history (a 是否离网 / churned column) and
                             print its holdout figures (AUC, top-decile lift, methods compared)
      --activate             make the new model the active one (and recompute)
  predict FILE --out FILE    score a workbook's rows with the active model and the rule score (no import)
  explain MSISDN             why a subscriber is at risk: rule reasons, tags and the model's factors
  export-outcomes --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx
                             write the outcome workbook (tasks, attempts, feedback, notes) of a period
      --agent ID             one agent's work only (default: everyone's)
      --password P           protect the file: Excel asks for this password to open it
      --lang en              English headers (default: Chinese)
  report weekly --week YYYY-Www --out FILE.xlsx
                             the weekly result workbook (by list, by agent, by reason, by offer, feedback,
                             detail) of a Monday–Sunday week; --lang en, --password P as above
  merge FILE...              merge agents' outcome files: new attempts added, task status recomputed;
                             merging a file twice, or in any order, gives the same result
      --password P           the password of protected files
  template KIND --out FILE.xlsx
                             a blank workbook with the right headers and a notes sheet;
                             KIND: worklist, history (work list + churn labels), offers, plans
      --lang en              English headers (default: Chinese)
  catalogue-export KIND --out FILE.xlsx
                             write the offers or plans catalogue (KIND: offers, plans); --lang en as above
  catalogue-import KIND FILE import an offers or plans workbook: new codes added, known codes updated,
                             bad rows reported and skipped; a file with an unusable header is refused
  backup [--out FILE]        a consistent copy of the workspace now (default: into backups/ beside it);
                             the app and serve also keep a daily backup there, the newest 7
  restore FILE               put a backup in place of the workspace (stop the app first); the backup is
                             checked first and the current workspace kept beside it
  purge                      remove the work lists past their due date plus the retention period (30 days
                             unless changed on the audit page) and the personal data they brought, in one
                             transaction (the app also does this once a day); takes the day's backup first
      --dry-run              only say what would be removed
  call OPERATION [JSON]      run one contract operation with a JSON input and print its JSON answer

Options for every command:
  --db PATH                  workspace database (default: ${defaultDbPath()})
  --json                     print machine-readable JSON
  -h, --help                 this help
`;

interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

const stdio: CliIO = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };

export async function runCli(argv: string[], io: CliIO = stdio): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        port: { type: 'string' },
        open: { type: 'boolean', default: false },
        'no-demo': { type: 'boolean', default: false },
        rows: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        labels: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        agent: { type: 'string' },
        password: { type: 'string' },
        lang: { type: 'string' },
        week: { type: 'string' },
        sheet: { type: 'string' },
        list: { type: 'string' },
        type: { type: 'string' },
        due: { type: 'string' },
        period: { type: 'string' },
        'reject-all': { type: 'boolean', default: false },
        problems: { type: 'string' },
        activate: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values: opt, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (opt.help || !command) {
    io.out(usage);
    return command || opt.help ? 0 : 2;
  }
  const dbPath = path.resolve(opt.db ?? defaultDbPath());
  const print = (human: string, data: unknown) => io.out(opt.json ? JSON.stringify(data) : human);
  // Files and messages in English only when asked; Chinese is the desk's language.
  const locale = opt.lang === 'en' ? 'en' : 'zh-CN';

  switch (command) {
    case 'serve': {
      const port = opt.port === undefined ? 0 : Number(opt.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(io, `--port must be a port number, got ${opt.port}`);
      const backend = openBackend({ dbPath, demoIfEmpty: !opt['no-demo'], dailyBackups: true });
      const server = await startHttpServer({ backend, port, staticDir: path.join(__dirname, '..', 'renderer') });
      print(`Retention Desk (browser mode): ${server.openUrl}\nWorkspace: ${dbPath}\nPress Ctrl+C to stop.`, {
        url: server.openUrl,
        port: server.port,
        db: dbPath,
      });
      if (opt.open) openInBrowser(server.openUrl);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      backend.close();
      return 0;
    }
    case 'demo': {
      const rows = Number(opt.rows ?? '3000');
      if (!Number.isInteger(rows) || rows < 1 || rows > 2_000_000) return usageError(io, '--rows must be a whole number from 1 to 2,000,000');
      if (!opt.out) return usageError(io, 'demo needs --out FILE (.xlsx or .csv)');
      const out = path.resolve(opt.out);
      const ext = path.extname(out).toLowerCase();
      if (ext !== '.xlsx' && ext !== '.csv') return usageError(io, '--out must end in .xlsx or .csv');
      const seed = Number(opt.seed ?? '1');
      const started = Date.now();
      const sheet = demoWorkListSheet({ seed, count: rows, today: localDate(new Date()), withLabels: opt.labels });
      const bytes = writeWorkbook([{ name: '任务工作清单', ...sheet }], ext === '.csv' ? 'csv' : 'xlsx');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, bytes);
      print(`Wrote ${rows} demo rows to ${out} (${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${Date.now() - started} ms)`, {
        rows,
        out,
        bytes: bytes.length,
        ms: Date.now() - started,
      });
      return 0;
    }
    case 'report': {
      if (rest[0] !== 'weekly') return usageError(io, 'report needs a kind: report weekly --week YYYY-Www --out FILE.xlsx');
      if (!opt.week || !opt.out) return usageError(io, 'report weekly needs --week YYYY-Www and --out FILE.xlsx');
      const backend = openBackend({ dbPath });
      try {
        const job = await runJob(backend, 'report-weekly', { week: opt.week, locale, ...(opt.password ? { password: opt.password } : {}) });
        if (!job.ok) return failed(io, opt.json, job);
        const r = job.result as { week: string; lists: number; agents: number; tasks: number; attempts: number; download: { token: string } };
        fs.copyFileSync(backend.files.get(r.download.token).path, path.resolve(opt.out));
        print(`Weekly results ${r.week}: ${r.lists} lists, ${r.agents} agents, ${r.tasks} tasks, ${r.attempts} attempts in the week → ${opt.out}`, { ...r, download: undefined, out: path.resolve(opt.out) });
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'backup': {
      const out = await backupWorkspace(dbPath, opt.out ? path.resolve(opt.out) : undefined);
      print(`Backed up ${dbPath} → ${out}`, { db: dbPath, out });
      return 0;
    }
    case 'restore': {
      const [file] = rest;
      if (!file) return usageError(io, 'restore needs the backup file: restore FILE');
      try {
        const { keptAs } = restoreBackup(dbPath, path.resolve(file), new Date());
        print(`Restored ${file} → ${dbPath}${keptAs ? ` (the workspace before is kept as ${keptAs})` : ''}`, { db: dbPath, from: path.resolve(file), keptAs });
        return 0;
      } catch (e) {
        io.err((e as Error).message);
        return 1;
      }
    }
    case 'purge': {
      const dryRun = opt['dry-run'];
      if (!dryRun) {
        // As the app's daily purge: never without a backup of the day taken first.
        const db = openDatabase(dbPath);
        try {
          await ensureDailyBackup(db, dbPath, new Date());
        } finally {
          db.close();
        }
      }
      const backend = openBackend({ dbPath });
      try {
        const r = await backend.dispatch(dryRun ? 'purge-preview' : 'purge-run', {});
        if (!r.ok) return failed(io, opt.json, r);
        const v = r.data as PurgeView;
        if (opt.json) {
          io.out(JSON.stringify({ ...v, dryRun }));
          return 0;
        }
        io.out(`Retention ${v.days} days: lists that ended before ${v.cutoff} ${dryRun ? 'would be' : 'were'} purged.`);
        if (v.lists.length === 0) io.out('  No list is past its due date plus the retention period; nothing to purge.');
        for (const l of v.lists) io.out(`  ${l.name} (${l.type}, due ${l.dueDate ?? '—'}${l.closedAt ? `, closed ${l.closedAt.slice(0, 10)}` : ''}): ${l.members} customers`);
        if (v.lists.length > 0) {
          io.out(
            `${dryRun ? 'Would remove' : 'Removed'} ${v.subscribers} customers (${v.kept} kept: still on another list); ` +
              `${v.tasks} tasks, ${v.attempts} attempts and ${v.feedback} feedback kept without number or notes.`,
          );
        }
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'info':
    case 'call': {
      const [op, json] = command === 'info' ? ['app-info', '{}'] : rest;
      if (!op) return usageError(io, 'call needs an operation name');
      let input: unknown = {};
      try {
        input = json ? JSON.parse(json) : {};
      } catch {
        return usageError(io, 'the input must be JSON, e.g. \'{"msisdn":"13800138000"}\'');
      }
      const backend = openBackend({ dbPath });
      try {
        const result = await backend.dispatch(op, input);
        if (!result.ok) {
          io.err(opt.json ? JSON.stringify(result) : `${result.error.code}: ${result.error.message}`);
          return 1;
        }
        io.out(JSON.stringify(result.data, null, opt.json ? undefined : 2));
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'export-outcomes': {
      if (!opt.from || !opt.to || !opt.out) return usageError(io, 'export-outcomes needs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx');
      if (path.extname(opt.out).toLowerCase() !== '.xlsx') return usageError(io, '--out must end in .xlsx (an outcome file has several sheets)');
      const backend = openBackend({ dbPath });
      try {
        const r = await backend.dispatch('outcome-export', {
          from: opt.from,
          to: opt.to,
          agentId: opt.agent,
          password: opt.password,
          locale,
        });
        if (!r.ok) return failed(io, opt.json, r);
        const staged = r.data as StagedFileView;
        const out = path.resolve(opt.out);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.copyFileSync(backend.files.get(staged.token).path, out);
        print(`Wrote ${out} (${(staged.size / 1024).toFixed(0)} KB${opt.password ? ', password-protected' : ''})`, { out, bytes: staged.size, protected: Boolean(opt.password) });
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'score': {
      const backend = openBackend({ dbPath });
      try {
        const t0 = Date.now();
        const job = await runJob(backend, 'risk-recompute', {});
        if (!job.ok) return failed(io, opt.json, job);
        const { subscribers } = job.result as { subscribers: number };
        print(`Scored ${subscribers} subscribers in ${((Date.now() - t0) / 1000).toFixed(1)} s.`, { subscribers, ms: Date.now() - t0 });
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'train':
    case 'predict': {
      const [file] = rest;
      if (!file) return usageError(io, `${command} needs a workbook`);
      if (command === 'predict' && !opt.out) return usageError(io, 'predict needs --out FILE.xlsx');
      const backend = openBackend({ dbPath });
      try {
        let token: string;
        try {
          token = backend.files.registerPath(file).token;
        } catch (e) {
          io.err((e as Error).message);
          return 1;
        }
        const job =
          command === 'train'
            ? await runJob(backend, 'model-train', { file: token, sheet: opt.sheet, password: opt.password })
            : await runJob(backend, 'model-predict', { file: token, sheet: opt.sheet, password: opt.password, locale });
        if (!job.ok) return failed(io, opt.json, job);
        if (command === 'predict') {
          const r = job.result as { rows: number; model: number | null; download: { token: string } };
          fs.copyFileSync(backend.files.get(r.download.token).path, path.resolve(opt.out!));
          print(`Scored ${r.rows} rows${r.model ? ` with model v${r.model}` : ' (no active model: rule score only)'} → ${opt.out}`, { rows: r.rows, model: r.model, out: path.resolve(opt.out!) });
          return 0;
        }
        const r = job.result as { version: number; method: string; rows: number; positives: number; holdout: { auc: number; topDecileLift: number; n: number }; compared: { method: string; validationAuc: number; holdoutAuc: number }[] };
        if (opt.activate) {
          const act = await backend.dispatch('model-activate', { version: r.version });
          if (!act.ok) return failed(io, opt.json, act);
          await waitForJob(backend, (act.data as JobView).id);
        }
        if (opt.json) {
          io.out(JSON.stringify({ ...r, active: opt.activate }));
          return 0;
        }
        io.out(`Model v${r.version} (${r.method}) trained on ${r.rows} labelled rows (${r.positives} churned).`);
        io.out(`Holdout (${r.holdout.n} rows never seen in training): ROC AUC ${r.holdout.auc.toFixed(3)}, top-decile lift ${r.holdout.topDecileLift.toFixed(2)}`);
        for (const m of r.compared) io.out(`  ${m.method.padEnd(9)} validation AUC ${m.validationAuc.toFixed(3)}  holdout AUC ${m.holdoutAuc.toFixed(3)}`);
        io.out(opt.activate ? `v${r.version} is now active; scores recomputed.` : `Activate it with: retention-desk call model-activate '{"version":${r.version}}'`);
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'explain': {
      const [number] = rest;
      if (!number) return usageError(io, 'explain needs a phone number');
      const backend = openBackend({ dbPath });
      try {
        const r = await backend.dispatch('customer-lookup', { msisdn: number });
        if (!r.ok) return failed(io, opt.json, r);
        const card = r.data as OperationOutput<'customer-lookup'>;
        if (!card.found) {
          io.err(card.invalid ? `${number} is not a mobile number.` : `${card.msisdnMasked} is not in this workspace.`);
          return 1;
        }
        if (opt.json) {
          io.out(JSON.stringify({ msisdn: card.customer.msisdnMasked, risk: card.risk, model: card.model }));
          return 0;
        }
        io.out(`${card.customer.msisdnMasked}: ${levelText(locale, card.risk.level)} (score ${card.risk.score})`);
        for (const reason of card.risk.reasons) io.out(`  ${reason.points >= 0 ? '+' : ''}${reason.points}  ${reasonText(locale, reason as never)}`);
        if (card.risk.unjudged.length) io.out(`  not judged: ${card.risk.unjudged.map((g) => unjudgedText(locale, g as never)).join('; ')}`);
        if (card.risk.tags.length) io.out(`  tags: ${card.risk.tags.map((t) => tagText(locale, t as never)).join('; ')}`);
        if (card.model) {
          io.out(`Model v${card.model.version}: P(churn) ${(card.model.p * 100).toFixed(1)}%`);
          for (const c of card.model.contributions) io.out(`  ${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(2)}  ${locale === 'en' ? c.label : c.labelZh} = ${c.value ?? '—'}`);
        }
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'import': {
      const [file] = rest;
      if (!file) return usageError(io, 'import needs a work-list file');
      if (opt.type && !(listTypes as readonly string[]).includes(opt.type)) return usageError(io, `--type must be one of: ${listTypesText}`);
      const backend = openBackend({ dbPath });
      try {
        let token: string;
        try {
          token = backend.files.registerPath(file).token;
        } catch (e) {
          io.err((e as Error).message);
          return 1;
        }
        const read = { file: token, sheet: opt.sheet, password: opt.password };
        // The same two steps as the import dialog: read and check (automatic mapping), then import.
        const previewJob = await runJob(backend, 'worklist-import-preview', read);
        if (!previewJob.ok) return failed(io, opt.json, previewJob);
        const preview = previewJob.result as WorklistPreview;
        const list = {
          name: opt.list ?? preview.list.name,
          type: (opt.type ?? preview.list.type) as ListMeta['type'],
          period: opt.period ?? preview.list.period,
          dueDate: opt.due ?? preview.list.dueDate,
        };
        const job = await runJob(backend, 'worklist-import', {
          ...read,
          sheet: preview.sheet,
          headerRow: preview.headerRow,
          mapping: preview.columns.map((c) => c.target),
          list,
          onRejected: opt['reject-all'] ? 'import-nothing' : 'import-valid',
          saveProfile: false,
        });
        if (!job.ok) return failed(io, opt.json, job);
        const result = job.result as WorklistImportResult;
        if (opt.problems && result.issueCount > 0) {
          const exported = await backend.dispatch('worklist-issues-export', { jobId: job.jobId, locale });
          if (exported.ok) fs.copyFileSync(backend.files.get((exported.data as { token: string }).token).path, path.resolve(opt.problems));
        }
        if (opt.json) {
          io.out(JSON.stringify({ ...result, issues: result.issues.map((i) => ({ ...i, message: formatMessage(locale, i.code, i.params) })) }));
          return result.abandoned ? 1 : 0;
        }
        if (result.unchanged) io.out(`${result.fileName}: already imported — nothing changed.`);
        else if (result.abandoned) io.out(`${result.fileName}: ${result.rejected} of ${result.read} rows rejected; nothing imported (--reject-all).`);
        else
          io.out(
            `${result.fileName}: ${result.read} rows read, ${result.imported} imported into ${result.lists.map((l) => l.name).join(', ')}, ${result.rejected} rejected, ${result.warnings} warnings; ` +
              `${result.newSubscribers} new and ${result.updatedSubscribers} updated subscribers, ${result.newTasks} new tasks, ${result.joinedOpenTasks} joined an open task.`,
          );
        for (const i of result.issues.slice(0, 20)) {
          io.out(`  ${i.severity === 'error' ? 'rejected' : 'warning'} row ${i.row} column ${i.columnLetter} (${i.column}): ${formatMessage(locale, i.code, i.params)}`);
        }
        if (result.issueCount > 20) io.out(`  … and ${result.issueCount - 20} more${opt.problems ? ` (all in ${opt.problems})` : ' (--problems FILE.xlsx writes them all)'}`);
        return result.abandoned ? 1 : 0;
      } finally {
        backend.close();
      }
    }
    case 'merge': {
      if (rest.length === 0) return usageError(io, 'merge needs one or more outcome files');
      const backend = openBackend({ dbPath });
      try {
        const tokens: string[] = [];
        for (const file of rest) {
          try {
            tokens.push(backend.files.registerPath(file).token);
          } catch (e) {
            io.err(`${(e as Error).message}`);
            return 1;
          }
        }
        const passwords = opt.password ? Object.fromEntries(tokens.map((t) => [t, opt.password!])) : undefined;
        const job = await runJob(backend, 'outcome-merge', { files: tokens, passwords });
        if (!job.ok) return failed(io, opt.json, job);
        const result = job.result as OutcomeMergeResult;
        if (opt.json) {
          io.out(JSON.stringify(result));
          return 0;
        }
        for (const f of result.files) {
          io.out(
            `${f.fileName}: ${f.attemptsRead} attempts read, ${f.attemptsNew} new, ${f.attemptsPresent} already present` +
              (f.attemptsWithoutTask ? ` (${f.attemptsWithoutTask} for numbers not in this workspace)` : '') +
              `; feedback ${f.feedbackNew} new; notes ${f.notesNew} new; ${f.rejectedRows} rows rejected, ${f.warnings} warnings`,
          );
          for (const i of f.issues.slice(0, 20)) {
            const sheet = typeof i.params.sheet === 'string' ? `${i.params.sheet} ` : '';
            io.out(`  ${i.severity === 'error' ? 'rejected' : 'warning'} ${sheet}row ${i.row} ${i.column}: ${formatMessage('en', i.code, i.params)}`);
          }
          if (f.issueCount > 20) io.out(`  … and ${f.issueCount - 20} more`);
        }
        io.out(`Merged: ${result.attemptsNew} new attempts, ${result.feedbackNew} feedback, ${result.notesNew} notes; ${result.tasksRecomputed} tasks recomputed.`);
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'template':
    case 'catalogue-export': {
      const kinds = command === 'template' ? ['worklist', 'history', 'offers', 'plans'] : ['offers', 'plans'];
      const [kind] = rest;
      if (!kind || !kinds.includes(kind)) return usageError(io, `${command} needs a KIND: ${kinds.join(', ')}`);
      if (!opt.out || path.extname(opt.out).toLowerCase() !== '.xlsx') return usageError(io, `${command} needs --out FILE.xlsx`);
      const backend = openBackend({ dbPath });
      try {
        const r = await backend.dispatch(command === 'template' ? 'template-export' : 'catalogue-export', { kind, locale });
        if (!r.ok) return failed(io, opt.json, r);
        const staged = r.data as StagedFileView;
        const out = path.resolve(opt.out);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.copyFileSync(backend.files.get(staged.token).path, out);
        print(`Wrote ${out} (${(staged.size / 1024).toFixed(0)} KB)`, { out, bytes: staged.size, kind, locale });
        return 0;
      } finally {
        backend.close();
      }
    }
    case 'catalogue-import': {
      const [kind, file] = rest;
      if ((kind !== 'offers' && kind !== 'plans') || !file) return usageError(io, 'catalogue-import needs KIND (offers or plans) and FILE');
      const backend = openBackend({ dbPath });
      try {
        let token: string;
        try {
          token = backend.files.registerPath(file).token;
        } catch (e) {
          io.err(`${(e as Error).message}`);
          return 1;
        }
        const r = await runJob(backend, 'catalogue-import', { kind, file: token, locale });
        if (!r.ok) return failed(io, opt.json, r);
        const result = r.result as CatalogueImportResult;
        if (opt.json) {
          io.out(JSON.stringify(result));
          return 0;
        }
        io.out(`${result.fileName}: ${result.read} rows read, ${result.imported} added, ${result.updated} updated, ${result.rejected} rejected`);
        for (const i of result.issues.slice(0, 30)) {
          io.out(`  ${i.severity === 'error' ? 'rejected' : 'warning'} row ${i.row}${i.columnLetter ? ` ${i.columnLetter}` : ''}: ${formatMessage(locale, i.code, i.params)}`);
        }
        if (result.issues.length > 30) io.out(`  … and ${result.issues.length - 30} more`);
        return 0;
      } finally {
        backend.close();
      }
    }
    default:
      return usageError(io, `Unknown command: ${command}`);
  }
}

function failed(io: CliIO, json: boolean | undefined, r: Failure): number {
  io.err(json ? JSON.stringify(r) : `${r.error.code}: ${r.error.message}`);
  return 1;
}

type Failure = { ok: false; error: { code: string; message: string } };

/** Starts a job operation and waits for it: its result, or the failure to print (refused, failed, cancelled). */
async function runJob(backend: ReturnType<typeof openBackend>, name: OperationName, input: unknown): Promise<{ ok: true; jobId: string; result: unknown } | Failure> {
  const started = await backend.dispatch(name, input);
  if (!started.ok) return started;
  const job = await waitForJob(backend, (started.data as JobView).id);
  if (job.state !== 'done') return { ok: false, error: job.error ?? { code: 'internal', message: job.state } };
  return { ok: true, jobId: job.id, result: job.result };
}

/** Polls the job through the contract, as any client does (the CLI holds no handle on the job runner). */
async function waitForJob(backend: ReturnType<typeof openBackend>, jobId: string): Promise<JobView> {
  for (;;) {
    const r = await backend.dispatch('job-get', { jobId });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    const job = r.data as JobView;
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function usageError(io: CliIO, message: string): number {
  io.err(`${message}\n\nRun "retention-desk --help" for the commands.`);
  return 2;
}


if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
