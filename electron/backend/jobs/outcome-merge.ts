import fs from 'node:fs';
import { ApiFailure, type RowIssueView } from '../../../core/api';
import type { OutcomeMergeFileResult, OutcomeMergeResult } from '../../../core/api/ops/outcomes';
import {
  OutcomeFileError,
  outcomeReadLimits,
  parseOutcomeWorkbook,
  readOutcomeSheets,
  type OutcomeAttempt,
  type ParsedOutcomes,
} from '../../../core/exchange/outcomes';
import { ExchangeError } from '../../../core/exchange/read';
import { attemptInserter } from '../../../db/attempts';
import { feedbackInserter, noteInserter, outcomeAttemptById } from '../../../db/outcomes';
import { currentTaskOf } from '../../../db/tasks';
import { writeAudit } from '../../../db/workspace';
import { isProtectedWorkbook, openProtectedWorkbook } from '../protected-files';
import { rederiveTask } from '../task-status';
import type { JobContext } from './kinds';

export interface OutcomeMergePayload {
  files: { path: string; name: string; password?: string }[];
  /** UTC ISO now, from the backend's clock (status depends on it and on its local date). */
  now: string;
  agentId: string | null;
}

const BATCH = 1000;
const MAX_ISSUES_PER_FILE = 200;


async function readFile(file: OutcomeMergePayload['files'][number]): Promise<ParsedOutcomes> {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file.path);
  } catch {
    throw new ApiFailure('not-found', 'api.merge.file-gone', { file: file.name });
  }
  if (bytes.length > outcomeReadLimits.maxBytes) {
    throw new ApiFailure('too-large', 'api.merge.too-large', { file: file.name });
  }
  if (isProtectedWorkbook(bytes)) {
    if (!file.password) {
      throw new ApiFailure('needs-password', 'api.merge.needs-password', { file: file.name });
    }
    try {
      bytes = await openProtectedWorkbook(bytes, file.password);
    } catch (e) {
      if (e instanceof ApiFailure) throw new ApiFailure('wrong-password', 'api.merge.wrong-password', { file: file.name });
      throw e;
    }
  }
  let sheets: ReturnType<typeof readOutcomeSheets>['sheets'];
  try {
    sheets = readOutcomeSheets(bytes).sheets;
  } catch (e) {
    // The guarded reader's refusals (too large, too many sheets, unpacks past its budget…) say why.
    if (e instanceof ExchangeError) {
      throw new ApiFailure(e.code === 'too-large' ? 'too-large' : 'bad-file', 'api.merge.file-problem', { ...e.params, file: file.name, problem: e.messageCode });
    }
    throw new ApiFailure('bad-file', 'api.merge.damaged', { file: file.name });
  }
  try {
    return parseOutcomeWorkbook(sheets);
  } catch (e) {
    if (e instanceof OutcomeFileError) {
      throw new ApiFailure('bad-file', 'api.merge.file-problem', { ...e.params, file: file.name, problem: e.code });
    }
    throw e;
  }
}

/**
 * Text as compared: line ends alike. LibreOffice keeps a line break in a cell as LF alone, so a note written with
 * CRLF comes back from its re-save as LF (docs/reports.md "Files through other spreadsheets") — the same note.
 */
const comparable = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : (v ?? null));

/** Whether the file's attempt says what the stored one says, on the fields the file has (older files lack some). */
const sameAttempt = (stored: OutcomeAttempt, fromFile: OutcomeAttempt): boolean =>
  (Object.keys(fromFile) as (keyof OutcomeAttempt)[]).every((k) => comparable(stored[k]) === comparable(fromFile[k]));

/**
 * Merges agents' outcome files into the workspace (docs/product.md §7.1) as a set union on ids, in ONE transaction:
 * attempts, feedback and notes already present are left as they are, new ones are added, and every task
 * that gained an attempt has its status derived again from all its attempts. Because nothing depends on the
 * order rows arrive in — attempts are attached by number to the task that was current before the merge,
 * and status is a function of the attempt set — the same files in any order, or twice, give the same
 * database. Files are all read and checked before the transaction starts, so a bad file changes nothing.
 */
export async function outcomeMergeJob(ctx: JobContext<OutcomeMergePayload>): Promise<OutcomeMergeResult> {
  const { db, payload } = ctx;
  const parsed: ParsedOutcomes[] = [];
  for (const [i, file] of payload.files.entries()) {
    ctx.checkCancelled();
    ctx.progress('reading', i, payload.files.length);
    parsed.push(await readFile(file));
  }
  ctx.progress('reading', payload.files.length, payload.files.length);

  const total = parsed.reduce((n, p) => n + p.attempts.length + p.feedback.length + p.notes.length, 0);
  const result = db.transaction((): OutcomeMergeResult => {
    const addAttempt = attemptInserter(db);
    const addFeedback = feedbackInserter(db);
    const addNote = noteInserter(db);
    // The task an attempt joins is looked up in the workspace as it was before the merge: statuses (and so
    // which task is open) are only recomputed at the end, which is what makes the merge order-independent.
    const taskOf = new Map<string, number | null>();
    const touched = new Set<number>();
    let done = 0;
    const step = () => {
      done++;
      if (done % BATCH === 0) {
        ctx.checkCancelled();
        ctx.progress('merging', done, total);
      }
    };

    const files = parsed.map((p, f): OutcomeMergeFileResult => {
      const issues: RowIssueView[] = [...p.issues];
      const r: OutcomeMergeFileResult = {
        fileName: payload.files[f]!.name,
        attemptsRead: p.rowsRead.attempts,
        attemptsNew: 0,
        attemptsPresent: 0,
        attemptsWithoutTask: 0,
        feedbackRead: p.rowsRead.feedback,
        feedbackNew: 0,
        notesRead: p.rowsRead.notes,
        notesNew: 0,
        rejectedRows: new Set(p.issues.filter((i) => i.severity === 'error').map((i) => `${i.params.sheet}:${i.row}`)).size,
        warnings: 0,
        issues: [],
        issueCount: 0,
      };
      p.attempts.forEach((a, i) => {
        let taskId = taskOf.get(a.msisdn);
        if (taskId === undefined) {
          taskId = currentTaskOf(db, a.msisdn)?.id ?? null;
          taskOf.set(a.msisdn, taskId);
        }
        if (addAttempt({ ...a, taskId }, payload.now)) {
          r.attemptsNew++;
          if (taskId === null) r.attemptsWithoutTask++;
          else touched.add(taskId);
        } else {
          r.attemptsPresent++;
          const stored = outcomeAttemptById(db, a.id);
          if (stored && !sameAttempt(stored, a)) {
            issues.push({ row: p.rowOf.attempts[i] ?? 0, column: 'ID', columnLetter: 'A', field: 'id', code: 'outcome.differs', params: { value: a.id }, value: a.id, severity: 'warning' });
          }
        }
        step();
      });
      for (const fb of p.feedback) {
        if (addFeedback(fb)) r.feedbackNew++;
        step();
      }
      for (const n of p.notes) {
        if (addNote(n)) r.notesNew++;
        step();
      }
      issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
      r.warnings = issues.filter((i) => i.severity === 'warning').length;
      r.issueCount = issues.length;
      r.issues = issues.slice(0, MAX_ISSUES_PER_FILE);
      return r;
    });
    ctx.progress('merging', total, total);

    const taskIds = [...touched].sort((a, b) => a - b);
    const mergedAt = new Date(payload.now);
    taskIds.forEach((taskId, i) => {
      if (i % BATCH === 0) {
        ctx.checkCancelled();
        ctx.progress('recomputing', i, taskIds.length);
      }
      rederiveTask(db, taskId, mergedAt);
    });
    ctx.progress('recomputing', taskIds.length, taskIds.length);

    const sum = (k: 'attemptsNew' | 'feedbackNew' | 'notesNew') => files.reduce((n, f) => n + f[k], 0);
    const out: OutcomeMergeResult = { files, attemptsNew: sum('attemptsNew'), feedbackNew: sum('feedbackNew'), notesNew: sum('notesNew'), tasksRecomputed: taskIds.length };
    // Counts only: file names and numbers stay out of the audit log's detail (no personal data there).
    writeAudit(db, {
      at: payload.now,
      agentId: payload.agentId,
      action: 'outcome-merge',
      detail: { files: files.length, attemptsNew: out.attemptsNew, feedbackNew: out.feedbackNew, notesNew: out.notesNew, tasksRecomputed: out.tasksRecomputed },
    });
    return out;
  }).immediate();
  return result;
}
