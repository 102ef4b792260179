import type { OutcomeAttempt, OutcomeData, OutcomeFeedback, OutcomeLift, OutcomeNote, OutcomeTask } from '../core/exchange/outcomes';
import type { AttemptRow } from './attempts';
import type { Db } from './connection';
import { listPlans } from './catalogue';
import { stmt } from './statements';

/**
 * Queries of the outcome exchange (docs/product.md §7.1): what an export reads, and the set-union inserts of a merge
 * (attempts go through db/attempts' attemptInserter). Feedback and notes, like attempts, are events with
 * globally unique ids, so inserting one that is already present changes nothing.
 */

export interface OutcomeScope {
  /** UTC instants: attempts, feedback and notes with fromIso ≤ at < toIso. */
  fromIso: string;
  toIso: string;
  /** One agent's work, or everyone's when null. */
  agentId: string | null;
}

/** The stored columns an export needs: the attempt row without the local task id and recording time. */
type AttemptSqlRow = Omit<AttemptRow, 'task_id' | 'recorded_at'>;

const toOutcomeAttempt = (r: AttemptSqlRow): OutcomeAttempt => ({
  id: r.id,
  msisdn: String(r.msisdn),
  agentId: r.agent_id,
  channel: r.channel,
  at: r.at,
  disposition: r.disposition,
  reason: r.reason,
  competitor: r.competitor,
  competitorOffer: r.competitor_offer,
  competitorAmount: r.competitor_amount,
  offerCode: r.offer_code,
  planCode: r.plan_code,
  callbackAt: r.callback_at,
  note: r.note,
});

/** Everything an outcome file of this scope holds; the tasks are those the exported attempts belong to. */
export function outcomeExportData(db: Db, scope: OutcomeScope): OutcomeData {
  const agent = scope.agentId === null ? '' : ' AND agent_id = @agentId';
  const params = { from: scope.fromIso, to: scope.toIso, agentId: scope.agentId };
  const attempts = (stmt(db, `SELECT * FROM attempts WHERE at >= @from AND at < @to${agent} ORDER BY at, id`).all(params) as AttemptSqlRow[]).map(
    toOutcomeAttempt,
  );
  const tasks = (
    stmt(
      db,
      `SELECT t.msisdn, t.agent_id, t.status, t.due_date, t.attempt_count, t.last_attempt_at, t.callback_at,
         (SELECT group_concat(w.name, char(31)) FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.task_id = t.id) AS lists
       FROM tasks t WHERE t.id IN (SELECT task_id FROM attempts WHERE at >= @from AND at < @to${agent} AND task_id IS NOT NULL)
       ORDER BY t.msisdn, t.id`,
    ).all(params) as {
      msisdn: number;
      agent_id: string | null;
      status: string;
      due_date: string | null;
      attempt_count: number;
      last_attempt_at: string | null;
      callback_at: string | null;
      lists: string | null;
    }[]
  ).map(
    (t): OutcomeTask => ({
      msisdn: String(t.msisdn),
      agentId: t.agent_id,
      status: t.status,
      dueDate: t.due_date,
      attemptCount: t.attempt_count,
      lastAttemptAt: t.last_attempt_at,
      callbackAt: t.callback_at,
      // Names are joined by a control character no list name holds (work_lists.name is trimmed text).
      lists: t.lists === null ? [] : t.lists.split('\u001f'),
    }),
  );
  const feedback = (
    stmt(db, `SELECT * FROM feedback WHERE at >= @from AND at < @to${agent} ORDER BY at, id`).all(params) as FeedbackRow[]
  ).map(
    (f): OutcomeFeedback => ({
      id: f.id,
      attemptId: f.attempt_id,
      msisdn: f.msisdn === null ? null : String(f.msisdn),
      agentId: f.agent_id,
      category: f.category,
      importance: f.importance,
      text: f.text,
      at: f.at,
    }),
  );
  const notes = (
    stmt(db, `SELECT * FROM experience_notes WHERE at >= @from AND at < @to${agent} ORDER BY at, id`).all(params) as NoteRow[]
  ).map((n): OutcomeNote => ({ id: n.id, agentId: n.agent_id, offerCode: n.offer_code, reason: n.reason, text: n.text, at: n.at }));
  // The 要求勿扰 lifts a supervisor made in the period: the desk that merges the file stops blocking those customers too.
  const lifts = (
    stmt(db, `SELECT msisdn, at, agent_id, reason FROM contact_refusal_lifts WHERE at >= @from AND at < @to${agent} ORDER BY at, msisdn`).all(params) as {
      msisdn: number;
      at: string;
      agent_id: string | null;
      reason: string | null;
    }[]
  ).map((l): OutcomeLift => ({ msisdn: String(l.msisdn), at: l.at, agentId: l.agent_id, reason: l.reason }));
  const offerNames = new Map(
    (stmt(db, 'SELECT code, name, name_en FROM offers').all() as { code: string; name: string; name_en: string | null }[]).map((o) => [o.code, { zh: o.name, en: o.name_en }]),
  );
  // A plan has its product's one name (a brand's 全球通畅享套餐128元), in either language's file.
  const planNames = new Map(listPlans(db).map((p) => [p.code, { zh: p.name, en: null }]));
  return { tasks, attempts, feedback, notes, lifts, offerNames, planNames };
}

/** The stored attempt with this id, as exchanged (to tell a re-merged attempt from an edited one). */
export function outcomeAttemptById(db: Db, id: string): OutcomeAttempt | undefined {
  const row = stmt(db, 'SELECT * FROM attempts WHERE id = ?').get(id) as AttemptSqlRow | undefined;
  return row && toOutcomeAttempt(row);
}

/** Adds feedback as a set: returns whether it was new. */
export function feedbackInserter(db: Db) {
  const s = stmt(
    db,
    `INSERT INTO feedback (id, attempt_id, msisdn, agent_id, category, importance, text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO NOTHING`,
  );
  return (f: OutcomeFeedback): boolean =>
    s.run(f.id, f.attemptId, f.msisdn === null ? null : Number(f.msisdn), f.agentId, f.category, f.importance, f.text, f.at).changes === 1;
}

/** Adds experience notes as a set: returns whether it was new. */
export function noteInserter(db: Db) {
  const s = stmt(db, 'INSERT INTO experience_notes (id, agent_id, offer_code, reason, text, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING');
  return (n: OutcomeNote): boolean => s.run(n.id, n.agentId, n.offerCode, n.reason, n.text, n.at).changes === 1;
}

/** What the status of a task is derived from (its due date, whether its lists were all closed, its attempts), and what is stored. */
export function taskStatusInputs(
  db: Db,
  taskId: number,
):
  | {
      dueDate: string | null;
      withdrawn: boolean;
      /** What is stored now, before deriving afresh. */
      status: string;
      closedAt: string | null;
      attempts: { at: string; disposition: string; callbackAt: string | null; channel: string }[];
    }
  | undefined {
  const task = stmt(db,
    `SELECT t.due_date, t.status, t.closed_at,
            EXISTS (SELECT 1 FROM list_members m WHERE m.task_id = t.id)
              AND NOT EXISTS (SELECT 1 FROM list_members m JOIN work_lists w ON w.id = m.list_id WHERE m.task_id = t.id AND w.closed_at IS NULL) AS withdrawn
       FROM tasks t WHERE t.id = ?`,
  ).get(taskId) as { due_date: string | null; status: string; closed_at: string | null; withdrawn: number } | undefined;
  if (!task) return undefined;
  const attempts = stmt(db, 'SELECT at, disposition, callback_at AS callbackAt, channel FROM attempts WHERE task_id = ? ORDER BY at, id').all(taskId) as {
    at: string;
    disposition: string;
    callbackAt: string | null;
    channel: string;
  }[];
  return { dueDate: task.due_date, withdrawn: task.withdrawn === 1, status: task.status, closedAt: task.closed_at, attempts };
}

export interface FeedbackRow {
  id: string;
  attempt_id: string | null;
  msisdn: number | null;
  agent_id: string;
  category: string | null;
  importance: string | null;
  text: string;
  at: string;
}

export interface NoteRow {
  id: string;
  agent_id: string;
  offer_code: string | null;
  reason: string | null;
  text: string;
  at: string;
}

export function getFeedback(db: Db, id: string): FeedbackRow | undefined {
  return stmt(db, 'SELECT * FROM feedback WHERE id = ?').get(id) as FeedbackRow | undefined;
}

export function getNote(db: Db, id: string): NoteRow | undefined {
  return stmt(db, 'SELECT * FROM experience_notes WHERE id = ?').get(id) as NoteRow | undefined;
}

/** A customer's feedback, newest first. */
export function feedbackOfSubscriber(db: Db, msisdn: string, limit = 50): FeedbackRow[] {
  return stmt(db, 'SELECT * FROM feedback WHERE msisdn = ? ORDER BY at DESC, id DESC LIMIT ?').all(Number(msisdn), limit) as FeedbackRow[];
}

/** Colleagues' notes on these offers or reasons, newest first, at most `perKey` for each offer and each reason. */
export function notesAbout(db: Db, about: { offerCodes: readonly string[]; reasons: readonly string[] }, perKey = 3): NoteRow[] {
  const byOffer = stmt(db, 'SELECT * FROM experience_notes WHERE offer_code = ? ORDER BY at DESC, id DESC LIMIT ?');
  const byReason = stmt(db, 'SELECT * FROM experience_notes WHERE reason = ? ORDER BY at DESC, id DESC LIMIT ?');
  const seen = new Set<string>();
  const out: NoteRow[] = [];
  const add = (rows: NoteRow[]) => {
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
    }
  };
  for (const code of about.offerCodes) add(byOffer.all(code, perKey) as NoteRow[]);
  for (const reason of about.reasons) add(byReason.all(reason, perKey) as NoteRow[]);
  return out;
}
