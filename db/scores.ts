import type { Db } from './connection';
import { stmt } from './statements';

export interface ScoreRow {
  msisdn: number;
  score: number;
  level: string;
  reasons: number;
  unjudged: number;
  pChurn: number | null;
  tier: string | null;
  sensitivity: string | null;
  tags: string;
  configVersion: number;
  modelVersion: number | null;
  computedAt: string;
}

/** What a scoring scan returns after the subscriber's own columns: the stored score and the open task's priority. */
const previousColumns = [
  'sc.score', 'sc.level', 'sc.reasons', 'sc.unjudged', 'sc.p_churn', 'sc.tier', 'sc.sensitivity', 'sc.tags',
  'sc.config_version', 'sc.model_version', 'sc.computed_at', 't.priority',
] as const;

/** A stored score as a scoring scan reads it (null when the subscriber was never scored), plus the task priority. */
export interface PreviousScore {
  row: ScoreRow | null;
  /** The open task's priority; null when the subscriber has no open task. */
  taskPriority: number | null;
}

/**
 * The subscribers table's column names (the file's extra attributes live in its `extra` JSON instead). Read once
 * per connection: the table's shape is fixed by the migrations run when it opened, and logging an attempt
 * rescores its customer through `scoringScan`.
 */
const columnsByConnection = new WeakMap<Db, Set<string>>();
export function subscriberColumns(db: Db): Set<string> {
  let columns = columnsByConnection.get(db);
  if (!columns) {
    columns = new Set((stmt(db, 'PRAGMA table_info(subscribers)').all() as { name: string }[]).map((c) => c.name));
    columnsByConnection.set(db, columns);
  }
  return columns;
}

/**
 * Reads subscribers for scoring: only the columns asked for (plus msisdn first), joined with the stored score and
 * the open task's priority so that the writer can skip what did not change. Rows come as arrays (`raw`): a million
 * objects of 55 keys cost more to build than to score. Columns that are not in the table are ignored.
 */
export function scoringScan(db: Db, wanted: readonly string[]) {
  const present = subscriberColumns(db);
  const columns = ['msisdn', ...new Set(wanted.filter((c) => present.has(c) && c !== 'msisdn'))];
  const select = `SELECT ${columns.map((c) => `s."${c}"`).join(', ')}, ${previousColumns.join(', ')}
    FROM subscribers s
    LEFT JOIN subscriber_scores sc ON sc.msisdn = s.msisdn
    LEFT JOIN tasks t ON t.msisdn = s.msisdn AND t.closed_at IS NULL`;
  // Cached per connection: logging an attempt rescores its one customer through here.
  const page = stmt(db, `${select} WHERE s.msisdn > ? ORDER BY s.msisdn LIMIT ?`).raw();
  const one = stmt(db, `${select} WHERE s.msisdn = ?`).raw();
  const n = columns.length;
  return {
    columns,
    page: (after: number, limit: number) => page.all(after, limit) as unknown[][],
    one: (msisdn: number) => one.get(msisdn) as unknown[] | undefined,
    previous(values: unknown[]): PreviousScore {
      const taskPriority = values[n + 11] as number | null;
      if (values[n] === null) return { row: null, taskPriority };
      return {
        row: {
          msisdn: values[0] as number,
          score: values[n] as number,
          level: values[n + 1] as string,
          reasons: values[n + 2] as number,
          unjudged: values[n + 3] as number,
          pChurn: values[n + 4] as number | null,
          tier: values[n + 5] as string | null,
          sensitivity: values[n + 6] as string | null,
          tags: values[n + 7] as string,
          configVersion: values[n + 8] as number,
          modelVersion: values[n + 9] as number | null,
          computedAt: values[n + 10] as string,
        },
        taskPriority,
      };
    },
  };
}

function sameFigures(a: ScoreRow, b: ScoreRow): boolean {
  return (
    a.score === b.score && a.level === b.level && a.reasons === b.reasons && a.unjudged === b.unjudged &&
    a.pChurn === b.pChurn && a.tier === b.tier && a.sensitivity === b.sensitivity && a.tags === b.tags &&
    a.configVersion === b.configVersion && a.modelVersion === b.modelVersion
  );
}

/**
 * Stores a score and the open task's priority, writing only what changed: a recompute where most customers keep
 * their figures then costs a read, not a million index updates (the priority is in two queue indexes).
 * `computed_at` is when the stored figures were last (re)computed differently.
 */
export function scoreWriter(db: Db) {
  const upsert = stmt(
    db,
    `INSERT INTO subscriber_scores (msisdn, score, level, reasons, unjudged, p_churn, tier, sensitivity, tags, config_version, model_version, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(msisdn) DO UPDATE SET score = excluded.score, level = excluded.level, reasons = excluded.reasons,
       unjudged = excluded.unjudged, p_churn = excluded.p_churn, tier = excluded.tier, sensitivity = excluded.sensitivity,
       tags = excluded.tags, config_version = excluded.config_version, model_version = excluded.model_version,
       computed_at = excluded.computed_at`,
  );
  const priority = stmt(db, 'UPDATE tasks SET priority = ? WHERE msisdn = ? AND closed_at IS NULL');
  const counts = { scores: 0, priorities: 0, openTasks: 0 };
  const write = (r: ScoreRow, taskPriority: number, previous: PreviousScore): void => {
    if (!previous.row || !sameFigures(previous.row, r)) {
      upsert.run(r.msisdn, r.score, r.level, r.reasons, r.unjudged, r.pChurn, r.tier, r.sensitivity, r.tags, r.configVersion, r.modelVersion, r.computedAt);
      counts.scores++;
    }
    if (previous.taskPriority !== null) counts.openTasks++;
    if (previous.taskPriority !== null && previous.taskPriority !== taskPriority) {
      priority.run(taskPriority, r.msisdn);
      counts.priorities++;
    }
  };
  return Object.assign(write, { counts });
}

/** The task indexes that hold the priority (queue order overall and per agent, all open or the callable part). */
const priorityIndexes = ['tasks_queue', 'tasks_agent', 'tasks_callable', 'tasks_agent_callable'];

/**
 * Drops the indexes that contain the task priority and returns a function that builds them again from their own
 * stored definitions. Rewriting most priorities through two indexes costs ~4× building them afresh; the caller
 * runs both inside one transaction, so readers (WAL) keep seeing the old indexes and a rollback restores them.
 */
export function suspendPriorityIndexes(db: Db): () => void {
  const defs = priorityIndexes.map((name) => (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(name) as string | undefined) ?? null);
  priorityIndexes.forEach((name, i) => defs[i] && db.exec(`DROP INDEX "${name}"`));
  return () => {
    for (const sql of defs) if (sql) db.exec(sql);
  };
}

export function subscriberCount(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM subscribers').get() as { n: number }).n;
}

/** Whether more than `n` customers are stored. Counting stops one past `n`: deciding costs no full count of a million. */
export function moreSubscribersThan(db: Db, n: number): boolean {
  return (stmt(db, 'SELECT count(*) > ? FROM (SELECT 1 FROM subscribers LIMIT ?)').pluck().get(n, n + 1) as number) === 1;
}
