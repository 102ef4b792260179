import { ApiFailure, type RowIssueView } from '../../../core/api';
import type { OutcomeMergeFileResult, OutcomeMergeResult } from '../../../core/api/ops/outcomes';
import { OutcomeFileError, outcomeColumnHeader, outcomeReadLimits, outcomeReader, outcomeSheetOrder, type OutcomeAttempt, type OutcomeLift } from '../../../core/exchange/outcomes';
import { ExchangeError, openWorkbookRows, readsAsStream, ScanRestart, type ByteSource, type WorkbookRows } from '../../../core/exchange/read';
import { attemptIndexRebuildRows, attemptInserter, suspendAttemptIndexes } from '../../../db/attempts';
import { feedbackInserter, noteInserter, outcomeAttemptById } from '../../../db/outcomes';
import { getAgent } from '../../../db/agents';
import { contactRefusedSince, currentTaskOf, liftContactRefusal, openTaskIdsOf } from '../../../db/tasks';
import { writeAudit } from '../../../db/workspace';
import { maskMsisdn } from '../../../core/privacy/mask';
import { isCompoundFile, isProtectedWorkbook, openProtectedWorkbook } from '../protected-files';
import { openFileSource } from '../file-source';
import { refreshQueueBlocks } from '../contact';
import { rederiveTask } from '../task-status';
import type { JobContext } from './kinds';
import { refuseWithoutMemory } from './free-memory';
import { readAhead } from './read-ahead';

export interface OutcomeMergePayload {
  files: { path: string; name: string; password?: string }[];
  /** UTC ISO now, from the backend's clock (status depends on it and on its local date). */
  now: string;
  agentId: string | null;
}

const BATCH = 1000;
const MAX_ISSUES_PER_FILE = 200;


/**
 * Opens a file for reading row by row (decrypted first when protected); its sheets are read while it is merged, from
 * disk a piece at a time as the import reads its file (`openFileSource`): a plain xlsx is never held whole.
 */
async function openFile(file: OutcomeMergePayload['files'][number]): Promise<WorkbookRows> {
  let source: ReturnType<typeof openFileSource>;
  try {
    source = openFileSource(file.path);
  } catch {
    throw new ApiFailure('not-found', 'api.merge.file-gone', { file: file.name });
  }
  if (source.length > outcomeReadLimits.maxBytes) {
    throw new ApiFailure('too-large', 'api.merge.too-large', { file: file.name });
  }
  let bytes: Uint8Array | ByteSource = source;
  if (isCompoundFile(source.read(0, 8)) && isProtectedWorkbook(source.whole())) {
    if (!file.password) {
      throw new ApiFailure('needs-password', 'api.merge.needs-password', { file: file.name });
    }
    try {
      bytes = await openProtectedWorkbook(source.whole(), file.password);
    } catch (e) {
      if (e instanceof ApiFailure) throw new ApiFailure('wrong-password', 'api.merge.wrong-password', { file: file.name });
      throw e;
    }
  }
  try {
    refuseWithoutMemory(bytes);
    // A large plain xlsx is read in a thread of its own while this one merges its rows (read-ahead.ts), as an import's.
    return (bytes === source && readsAsStream(source, outcomeReadLimits) ? readAhead(source, outcomeReadLimits) : null) ?? openWorkbookRows(bytes, outcomeReadLimits);
  } catch (e) {
    return fileProblem(e, file.name);
  }
}

/**
 * What reading a file can fail with, as the user's message: the guarded reader's refusals (too large, too many sheets,
 * unpacks past its budget…) and a file that is not an outcome file say why; anything else is a damaged file.
 */
function fileProblem(e: unknown, file: string): never {
  if (e instanceof ExchangeError) {
    throw new ApiFailure(e.code === 'too-large' ? 'too-large' : 'bad-file', 'api.merge.file-problem', { ...e.params, file, problem: e.messageCode });
  }
  if (e instanceof OutcomeFileError) throw new ApiFailure('bad-file', 'api.merge.file-problem', { ...e.params, file, problem: e.code });
  throw new ApiFailure('bad-file', 'api.merge.damaged', { file });
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
 * database. Each file is read row by row as it is merged (issue 19 #2: a large file is never held whole), inside
 * that transaction: a file that turns out bad — not an outcome file, damaged, over a limit — undoes the whole
 * merge, so a bad file changes nothing.
 */
export async function outcomeMergeJob(ctx: JobContext<OutcomeMergePayload>): Promise<OutcomeMergeResult> {
  const { db, payload } = ctx;
  const books: WorkbookRows[] = [];
  for (const [i, file] of payload.files.entries()) {
    ctx.checkCancelled();
    ctx.progress('reading', i, payload.files.length);
    books.push(await openFile(file));
  }
  ctx.progress('reading', payload.files.length, payload.files.length);

  const result = db.transaction((): OutcomeMergeResult => {
    const addAttempt = attemptInserter(db);
    const addFeedback = feedbackInserter(db);
    const addNote = noteInserter(db);
    // The task an attempt joins is looked up in the workspace as it was before the merge: statuses (and so
    // which task is open) are only recomputed at the end, which is what makes the merge order-independent.
    const taskOf = new Map<string, number | null>();
    const touched = new Set<number>();
    // The lifts each file's merge took (its last read, after a restart): which took effect is known only at the end.
    const liftsTaken = new Map<OutcomeMergeFileResult, OutcomeLift[]>();
    let done = 0;
    // A large merge adds its attempts with their secondary indexes set aside, from the attempt past which building them
    // afresh costs less (counted once 2,000 are added: a small merge never counts), and builds them before statuses.
    const setAside = { added: 0, from: null as number | null, restore: null as (() => void) | null };
    const attemptAdded = () => {
      setAside.added++;
      if (setAside.restore !== null || setAside.added < (setAside.from ?? 2_000)) return;
      setAside.from ??= attemptIndexRebuildRows(db, setAside.added);
      if (setAside.added >= setAside.from) setAside.restore = suspendAttemptIndexes(db);
    };
    const step = () => {
      done++;
      if (done % BATCH === 0) {
        ctx.checkCancelled();
        ctx.progress('merging', done, null);
      }
    };

    const mergeFile = (book: WorkbookRows, name: string): OutcomeMergeFileResult => {
      const r: OutcomeMergeFileResult = {
        fileName: name,
        attemptsRead: 0,
        attemptsNew: 0,
        attemptsPresent: 0,
        attemptsWithoutTask: 0,
        feedbackRead: 0,
        feedbackNew: 0,
        notesRead: 0,
        notesNew: 0,
        liftsRead: 0,
        liftsNew: 0,
        liftsSuperseded: 0,
        liftsRefused: 0,
        rejectedRows: 0,
        warnings: 0,
        issues: [],
        issueCount: 0,
      };
      const taken: OutcomeLift[] = [];
      liftsTaken.set(r, taken);
      // The issues shown: errors first, then the reader's warnings, then "differs" — the first MAX_ISSUES_PER_FILE;
      // all are counted.
      const errors: RowIssueView[] = [];
      const warnings: RowIssueView[] = [];
      const differs: RowIssueView[] = [];
      const rejected = new Set<string>();
      const keep = (list: RowIssueView[], issue: RowIssueView) => {
        if (list.length < MAX_ISSUES_PER_FILE) list.push(issue);
        r.issueCount++;
      };
      const reader = outcomeReader({
        attempt(a, row) {
          let taskId = taskOf.get(a.msisdn);
          if (taskId === undefined) {
            taskId = currentTaskOf(db, a.msisdn)?.id ?? null;
            taskOf.set(a.msisdn, taskId);
          }
          if (addAttempt({ ...a, taskId }, payload.now)) {
            attemptAdded();
            r.attemptsNew++;
            if (taskId === null) r.attemptsWithoutTask++;
            else touched.add(taskId);
          } else {
            r.attemptsPresent++;
            const stored = outcomeAttemptById(db, a.id);
            if (stored && !sameAttempt(stored, a)) {
              r.warnings++;
              keep(differs, { row, column: 'ID', columnLetter: 'A', field: 'id', code: 'outcome.differs', params: { value: a.id }, value: a.id, severity: 'warning' });
            }
          }
          step();
        },
        feedback(fb) {
          if (addFeedback(fb)) r.feedbackNew++;
          step();
        },
        note(n) {
          if (addNote(n)) r.notesNew++;
          step();
        },
        lift(l, row, sheet) {
          // Only a supervisor lifts (docs/product.md §6): a row naming anyone else was not made by this app's lift.
          const lifter = l.agentId === null ? undefined : getAgent(db, l.agentId);
          if (lifter?.role !== 'supervisor') {
            r.warnings++;
            r.liftsRefused++;
            // Someone with no account here may be another desk's supervisor: the message says how to take the lift then.
            const code = l.agentId !== null && lifter === undefined ? 'outcome.lift-unknown-supervisor' : 'outcome.lift-not-supervisor';
            keep(warnings, { row, column: outcomeColumnHeader('lifts', 'agentId'), columnLetter: '', field: 'agentId', code, params: { sheet, value: l.agentId ?? '' }, value: l.agentId ?? '', severity: 'warning' });
          } else if (liftContactRefusal(db, Number(l.msisdn), l.at, l.agentId, l.reason)) taken.push(l);
          step();
        },
        issue(i) {
          if (i.severity === 'error') {
            rejected.add(`${i.params.sheet}:${i.row}`);
            keep(errors, i);
          } else {
            r.warnings++;
            keep(warnings, i);
          }
        },
      }, { now: payload.now, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      try {
        for (const sheet of outcomeSheetOrder(book.sheets)) {
          const rows = reader.sheet(sheet.name);
          book.scan(sheet.name, (values, index) => rows.row(values, index));
          rows.end();
        }
        reader.finish();
      } catch (e) {
        if (e instanceof ScanRestart || !(e instanceof ExchangeError || e instanceof OutcomeFileError)) throw e;
        fileProblem(e, name);
      }
      r.attemptsRead = reader.rowsRead.attempts;
      r.feedbackRead = reader.rowsRead.feedback;
      r.notesRead = reader.rowsRead.notes;
      r.liftsRead = reader.rowsRead.lifts;
      r.rejectedRows = rejected.size;
      r.issues = [...errors, ...warnings, ...differs].slice(0, MAX_ISSUES_PER_FILE);
      return r;
    };

    const files = books.map((book, f): OutcomeMergeFileResult => {
      const name = payload.files[f]!.name;
      // A savepoint per file: when the streaming reader hands a sheet over to the whole reader part-way
      // (ScanRestart), what was merged of the file is undone and the file read again, once.
      try {
        return db.transaction(() => mergeFile(book, name))();
      } catch (e) {
        if (!(e instanceof ScanRestart)) throw e;
        return db.transaction(() => mergeFile(book, name))();
      }
    });
    ctx.progress('merging', done, done);
    setAside.restore?.();

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
    // A lift older than the customer's latest 要求勿扰 here (they asked again) is kept, as every desk's facts are, but
    // lifted nothing: the merge said it had (found by a new supervisor). The ones that did are audited as the lifting
    // desk audits its own (handlers/customer.ts), with the masked number; who merged it is the entry's agent.
    const lifted = new Set<number>();
    for (const f of files) {
      for (const l of liftsTaken.get(f) ?? []) {
        const since = contactRefusedSince(db, Number(l.msisdn));
        if (since !== null && since > l.at) {
          f.liftsSuperseded++;
          continue;
        }
        f.liftsNew++;
        lifted.add(Number(l.msisdn));
        writeAudit(db, {
          at: payload.now,
          agentId: payload.agentId,
          action: 'contact-refusal-lift',
          target: maskMsisdn(l.msisdn),
          detail: { reason: l.reason, liftedBy: l.agentId, liftedAt: l.at, merged: true },
        });
      }
    }
    // A lift merged: the customer's open task may be called again, as on the desk that lifted it (handlers/customer.ts).
    refreshQueueBlocks(db, openTaskIdsOf(db, [...lifted]), mergedAt);

    const sum = (k: 'attemptsNew' | 'feedbackNew' | 'notesNew' | 'liftsNew' | 'liftsSuperseded' | 'liftsRefused') => files.reduce((n, f) => n + f[k], 0);
    const out: OutcomeMergeResult = {
      files,
      attemptsNew: sum('attemptsNew'),
      feedbackNew: sum('feedbackNew'),
      notesNew: sum('notesNew'),
      liftsNew: sum('liftsNew'),
      liftsSuperseded: sum('liftsSuperseded'),
      liftsRefused: sum('liftsRefused'),
      tasksRecomputed: taskIds.length,
    };
    // Counts only: file names and numbers stay out of the audit log's detail (no personal data there).
    writeAudit(db, {
      at: payload.now,
      agentId: payload.agentId,
      action: 'outcome-merge',
      detail: { files: files.length, attemptsNew: out.attemptsNew, feedbackNew: out.feedbackNew, notesNew: out.notesNew, liftsNew: out.liftsNew, tasksRecomputed: out.tasksRecomputed },
    });
    return out;
  }).immediate();
  return result;
}
