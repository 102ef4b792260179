import type { Db } from './connection';
import { hash53 } from './hash53';
import { stmt, suspendSchema } from './statements';
import { highestTaskId } from './tasks';
import { getWorkspaceValue, setWorkspaceValue } from './workspace';

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
  /**
   * The last day (a day number) on which these figures hold: the day before the first on which a rule, tag or model
   * reading the day could answer otherwise (migration 023; docs/scoring-storage.md "A new day computes the customers due").
   */
  through: number;
}

/** What a scoring scan returns after the subscriber's own columns: the stored score and the open task's priority. */
const previousColumns = [
  'sc.score', 'sc.level', 'sc.reasons', 'sc.unjudged', 'sc.p_churn', 'sc.tier', 'sc.sensitivity', 'sc.tags',
  'sc.config_version', 'sc.model_version', 'sc.computed_at', 't.priority', 'sc.figures_key', 'sc.figures_through',
] as const;

/** A stored score as a scoring scan reads it (null when the subscriber was never scored), plus the task priority. */
export interface PreviousScore {
  row: ScoreRow | null;
  /** The open task's priority; null when the subscriber has no open task. */
  taskPriority: number | null;
  /** The stored figures key (migration 021); null when never written or cleared since. */
  figuresKey: number | null;
  /** The stored day through which they hold (migration 023); null when never written. */
  figuresThrough: number | null;
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
      const figuresKey = values[n + 12] as number | null;
      const figuresThrough = values[n + 13] as number | null;
      if (values[n] === null) return { row: null, taskPriority, figuresKey, figuresThrough };
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
          through: figuresThrough ?? NaN,
        },
        taskPriority,
        figuresKey,
        figuresThrough,
      };
    },
  };
}

/**
 * Whether a stored row already holds these figures. The configuration version a row was written under is not one of
 * them: nothing reads it but this comparison, and counting it rewrote every row after any new configuration — a bound
 * moved for 3 % of a million customers cost a supervisor's save ~18 s (docs/scoring-storage.md "Write only what
 * differs"). The model version is: it says whether `p_churn` is a model's (electron/backend/signal.ts).
 */
function sameFigures(a: ScoreRow, b: ScoreRow): boolean {
  return (
    a.score === b.score && a.level === b.level && a.reasons === b.reasons && a.unjudged === b.unjudged &&
    a.pChurn === b.pChurn && a.tier === b.tier && a.sensitivity === b.sensitivity && a.tags === b.tags &&
    a.modelVersion === b.modelVersion
  );
}

/**
 * The figures key (migration 021): a 53-bit hash of a score row's figures (what `sameFigures` compares) and the queue priority they give, so that a
 * recompute can tell "nothing changed" from one stored integer. A collision (about 1 in 2^53 per customer) would
 * leave one row's old figures in place until its next change.
 */
export function figuresKey(r: ScoreRow, priority: number): number {
  const h = hash53();
  h.number(r.score);
  h.text(r.level);
  h.number(r.reasons);
  h.number(r.unjudged);
  h.number(r.pChurn);
  h.text(r.tier);
  h.text(r.sensitivity);
  h.text(r.tags);
  h.number(r.modelVersion);
  h.number(priority);
  return h.value();
}

/** What figures are computed under (the configuration and model versions, the day, …): a hash of the parts. */
export function scoringStamp(...parts: readonly (number | string | null)[]): number {
  const h = hash53();
  for (const p of parts) {
    if (typeof p === 'string') h.text(p);
    else h.number(p);
  }
  return h.value();
}

const COMPLETED_KEY = 'figures-complete-under';

/**
 * The mark of the last full recompute that completed: the stamp it computed under (the configuration and model
 * versions and the scoring revision) and the latest day (a day number) any figures have been written for under that
 * stamp since; undefined when none. While its stamp is the stamp of now and today is not before its day, a stored
 * figures key still set is right through its stored day (figures_through): anything that could change those figures
 * otherwise clears the key (migrations 021, 023). Stored as "stamp@day".
 */
export function completedUnder(db: Db): { stamp: number; day: number } | undefined {
  const v = getWorkspaceValue(db, COMPLETED_KEY);
  const at = v === undefined ? -1 : v.indexOf('@');
  if (v === undefined || at < 0) return undefined; // none, or a mark of the stamps that held the day (before migration 023)
  return { stamp: Number(v.slice(0, at)), day: Number(v.slice(at + 1)) };
}

export function setCompletedUnder(db: Db, stamp: number, day: number): void {
  setWorkspaceValue(db, COMPLETED_KEY, `${stamp}@${day}`);
}

/** No complete recompute vouches for the stored keys any more (figures are about to be written under another stamp). */
export function clearCompletedUnder(db: Db): void {
  stmt(db, 'DELETE FROM workspace WHERE key = ?').run(COMPLETED_KEY);
}

const FIGURES_DAY = 'figures-day';

/** The day (YYYY-MM-DD, local) the last full recompute that went to its end computed the stored figures for. */
export function figuresDay(db: Db): string | undefined {
  return getWorkspaceValue(db, FIGURES_DAY);
}

export function setFiguresDay(db: Db, day: string): void {
  setWorkspaceValue(db, FIGURES_DAY, day);
}

/**
 * Whether the stored figures want a full recompute for `today`: computed for another day (contract days left, tenures
 * and porting windows move with it), never, or left with the queue order not following them (a recompute stopped
 * between the two).
 */
export function figuresDue(db: Db, today: string): boolean {
  return figuresDay(db) !== today || queuePrioritiesPending(db);
}

/**
 * Stores a score and the open task's priority, writing only what changed: a recompute where most customers keep
 * their figures then costs a read, not a million index updates (the priority is in two queue indexes).
 * `computed_at` is when the stored figures were last (re)computed differently. The score row (with its figures key
 * and the priority it gives) goes first and the task's priority after: the task triggers of migration 021 then see
 * the priority the figures give and leave the key alone.
 */
export function scoreWriter(db: Db) {
  const figuresDiffer = `NOT (score IS excluded.score AND level IS excluded.level AND reasons IS excluded.reasons
         AND unjudged IS excluded.unjudged AND p_churn IS excluded.p_churn AND tier IS excluded.tier
         AND sensitivity IS excluded.sensitivity AND tags IS excluded.tags AND model_version IS excluded.model_version)`;
  const upsertSql = `INSERT INTO subscriber_scores (msisdn, score, level, reasons, unjudged, p_churn, tier, sensitivity, tags, config_version, model_version, computed_at, priority, figures_key, figures_through)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(msisdn) DO UPDATE SET score = excluded.score, level = excluded.level, reasons = excluded.reasons,
       unjudged = excluded.unjudged, p_churn = excluded.p_churn, tier = excluded.tier, sensitivity = excluded.sensitivity,
       tags = excluded.tags, config_version = excluded.config_version, model_version = excluded.model_version,
       computed_at = excluded.computed_at, priority = excluded.priority, figures_key = excluded.figures_key,
       figures_through = excluded.figures_through`;
  const upsert = stmt(db, upsertSql);
  // The packed path knows only that the key differs: the row is rewritten only where its figures do (then `changes`
  // is 1), else just its key and priority are set.
  const upsertIfDiffer = stmt(db, `${upsertSql} WHERE ${figuresDiffer}`);
  const keyOnly = stmt(db, 'UPDATE subscriber_scores SET priority = ?, figures_key = ?, figures_through = ? WHERE msisdn = ?');
  // The figures and key as they were, held for more days (migration 023: moving the day alone leaves the key set).
  const throughOnly = stmt(db, 'UPDATE subscriber_scores SET figures_through = ? WHERE msisdn = ?');
  const priority = stmt(db, 'UPDATE tasks SET priority = ? WHERE msisdn = ? AND closed_at IS NULL AND priority IS NOT ?');
  // A kept priority is set only while the score row still holds it (see setOpenTaskPriorities).
  const keptPriority = stmt(
    db,
    `UPDATE tasks SET priority = ? WHERE msisdn = ? AND closed_at IS NULL AND priority IS NOT ?
       AND ? IS (SELECT priority FROM subscriber_scores WHERE msisdn = ?)`,
  );
  // Set by keepTaskPriorities: the open tasks' new priorities wait here (priority, number, priority, number, …).
  let kept: number[] | null = null;
  // Whether keepTaskPriorities set the pending note (and so setOpenTaskPriorities clears it): not when it was set already.
  let keptClearsNote = false;
  const keyedPriority = stmt(db, 'SELECT priority FROM subscriber_scores WHERE msisdn = ? AND figures_key IS NOT NULL').pluck();
  const taskHolds = (msisdn: number, p: number): boolean => keyedPriority.get(msisdn) === p;
  const counts = { scores: 0, priorities: 0, openTasks: 0 };
  // Once deferred, the open tasks' priorities are left to applyFiguresPriorities (a mass change; see there).
  let tasksDeferred = false;
  /** The wide path: the stored figures and the open task's priority were read with the row. */
  const write = (r: ScoreRow, taskPriority: number, previous: PreviousScore): void => {
    const key = figuresKey(r, taskPriority);
    if (!previous.row || !sameFigures(previous.row, r)) {
      upsert.run(r.msisdn, r.score, r.level, r.reasons, r.unjudged, r.pChurn, r.tier, r.sensitivity, r.tags, r.configVersion, r.modelVersion, r.computedAt, taskPriority, key, r.through);
      counts.scores++;
    } else if (previous.figuresKey !== key) keyOnly.run(taskPriority, key, r.through, r.msisdn);
    else if (previous.figuresThrough !== r.through) throughOnly.run(r.through, r.msisdn);
    if (previous.taskPriority !== null) counts.openTasks++;
    if (!tasksDeferred && previous.taskPriority !== null && previous.taskPriority !== taskPriority) {
      priority.run(taskPriority, r.msisdn, taskPriority);
      counts.priorities++;
    }
  };
  /**
   * The packed path (db/scoring-inputs.ts): only the stored key was read, and it differs from `key` — so the figures,
   * the priority they give or the open task's priority may differ. Writes the score row and sets the task's priority
   * where it is another; counts a score as changed when its figures were.
   */
  const writeKeyed = (r: ScoreRow, taskPriority: number, key: number): void => {
    // Keeping the task's priority for later: not when it holds this one already — a key still set says the task has
    // the priority the score row holds (migration 021); a new day changes figures more often than priorities.
    const keep = kept !== null && !taskHolds(r.msisdn, taskPriority);
    if (upsertIfDiffer.run(r.msisdn, r.score, r.level, r.reasons, r.unjudged, r.pChurn, r.tier, r.sensitivity, r.tags, r.configVersion, r.modelVersion, r.computedAt, taskPriority, key, r.through).changes === 1) counts.scores++;
    else keyOnly.run(taskPriority, key, r.through, r.msisdn);
    if (kept) {
      if (keep) kept.push(taskPriority, r.msisdn);
    } else if (!tasksDeferred) counts.priorities += priority.run(taskPriority, r.msisdn, taskPriority).changes;
  };
  /**
   * Runs `work` — `count` writeKeyed calls inside the caller's transaction — with the priority check (migration 021)
   * set aside when they are many. writeKeyed gives the open task the very priority it has just written in the score
   * row, so the check cannot fire; it cost a look-up of the score row per task: 0.8 of the 1.9 s that 84,000 tasks'
   * priorities took on a new day with a churn model at a million (docs/scoring-storage.md). A few writes keep it:
   * dropping and creating a trigger makes every connection read the schema again.
   */
  const writingKeyed = (count: number, work: () => void): void => {
    const restore = count >= KEYED_WRITES_WITHOUT_CHECK && !tasksDeferred && !kept ? suspendSchema(db, 'trigger', priorityCheck) : null;
    work();
    restore?.();
  };
  /**
   * From here on writes the figures (with the priority they give, in the score row) but not the open tasks'
   * priorities, and notes them pending in the workspace: the caller then runs applyFiguresPriorities. Inside the
   * caller's transaction, so the note commits with the first rows it covers.
   */
  const deferTaskPriorities = (): void => {
    tasksDeferred = true;
    setWorkspaceValue(db, PRIORITIES_PENDING, '1');
  };
  /**
   * From here on writeKeyed writes the figures (with the priority they give, in the score row) and keeps the open task's
   * number and new priority for setOpenTaskPriorities, noting them pending in the workspace (inside the caller's
   * transaction, so the note commits with the first rows it covers; a crash before they are set leaves it, and the
   * next start sets every open task's priority from its score row: applyFiguresPriorities). Nothing after a mass change
   * (deferTaskPriorities), which sets them all anyway.
   */
  const keepTaskPriorities = (): void => {
    if (tasksDeferred || kept) return;
    kept = [];
    // A note already set is a stopped mass change's: its open tasks wait for applyFiguresPriorities, which the caller
    // runs after these and which clears it. Cleared here, it left them out of the queue order (kill.test.ts).
    keptClearsNote = !queuePrioritiesPending(db);
    if (keptClearsNote) setWorkspaceValue(db, PRIORITIES_PENDING, '1');
  };
  /**
   * Gives the open tasks of the customers kept by keepTaskPriorities the priority their score row holds now, highest
   * first, `size` per call of `batch` (the job's short transactions); the last clears the pending note. In the order
   * of the new priority each transaction moves entries of one stretch of the two callable indexes, where the old ones
   * are too (a new day moves a P(churn) by hundredths of a per cent), instead of pages all over them: the day's job at a
   * million 5.3 → 4.8 s, and an agent logging meanwhile waited p99 85 ms rather than 105 ms; keeping none a task holds
   * already (a third of the changed figures keep their priority), 4.0–4.5 s. Only while the score row
   * still holds it: a customer rescored since (an agent's change, then logging an attempt) has the priority of the
   * figures that stand already.
   */
  const setOpenTaskPriorities = (batch: (work: () => void) => void, size: number): void => {
    if (!kept) return;
    const pairs = kept;
    kept = null;
    const order = Array.from({ length: pairs.length / 2 }, (_, i) => i).sort((a, b) => pairs[2 * b]! - pairs[2 * a]!);
    for (let i = 0; i === 0 || i < order.length; i += size) {
      const end = Math.min(order.length, i + size);
      batch(() => {
        writingKeyed(end - i, () => {
          for (let j = i; j < end; j++) {
            const p = pairs[2 * order[j]!]!;
            const msisdn = pairs[2 * order[j]! + 1]!;
            counts.priorities += keptPriority.run(p, msisdn, p, p, msisdn).changes;
          }
        });
        if (end === order.length && keptClearsNote) setWorkspaceValue(db, PRIORITIES_PENDING, '0');
      });
    }
  };
  /** The packed path, the key found the same: only the day through which the figures hold moves (it was another). */
  const writeThrough = (msisdn: number, through: number): void => void throughOnly.run(through, msisdn);
  return Object.assign(write, { counts, writeKeyed, writeThrough, writingKeyed, deferTaskPriorities, keepTaskPriorities, setOpenTaskPriorities, tasksDeferred: () => tasksDeferred });
}

/**
 * Set while score rows hold priorities their open tasks do not have yet: a mass change writes the figures first and
 * the queue order after (applyFiguresPriorities). A recompute stopped in between (a crash) leaves it set: the next
 * full recompute finishes it, and the app and `serve` start one when they see it (backend/index.ts, figuresDue).
 */
const PRIORITIES_PENDING = 'queue-priorities-pending';

export function queuePrioritiesPending(db: Db): boolean {
  return getWorkspaceValue(db, PRIORITIES_PENDING) === '1';
}

/** Open tasks whose priority one short transaction of applyFiguresPriorities sets (see there for the measure). */
const PRIORITY_RANGE = 32_768;

/**
 * Gives every open task the priority its stored figures give (`subscriber_scores.priority`), set-based, and clears
 * the pending note. Without `batch`, inside the caller's one transaction: the two callable indexes are dropped and
 * built afresh (building costs about a quarter of rewriting most of their entries). With `batch` (the recompute job,
 * while agents keep logging), in task-id order, `PRIORITY_RANGE` open tasks per short transaction: no index can be
 * dropped across transactions, and a priority is a random place in them, so every transaction rewrites most of their
 * pages — the fewer the transactions, the less is written. Measured at a million open tasks (docs/scoring-storage.md):
 * the whole job 108 s → 18–23.6 s, each range ~0.4–0.6 s, where the figures' writer setting each task's priority with
 * its score row rewrote most index pages in every 1,000-row transaction, and a random page of the tasks table per task.
 */
export function applyFiguresPriorities(
  db: Db,
  batch?: (work: () => void) => void,
  onRange?: (done: number, total: number) => void,
  range = PRIORITY_RANGE,
): number {
  const update = stmt(db, `UPDATE tasks SET priority = sc.priority FROM subscriber_scores sc
    WHERE tasks.closed_at IS NULL AND tasks.id > ? AND tasks.id <= ? AND sc.msisdn = tasks.msisdn
      AND sc.priority IS NOT NULL AND tasks.priority IS NOT sc.priority`);
  if (!batch) {
    const restoreIndexes = suspendPriorityIndexes(db);
    const restoreCheck = suspendSchema(db, 'trigger', priorityCheck);
    const changed = update.run(-1, Number.MAX_SAFE_INTEGER).changes;
    restoreCheck();
    restoreIndexes();
    setWorkspaceValue(db, PRIORITIES_PENDING, '0');
    return changed;
  }
  const total = stmt(db, 'SELECT count(*) FROM tasks INDEXED BY tasks_closed WHERE closed_at IS NULL').pluck().get() as number;
  const rangeEnd = stmt(db, 'SELECT id FROM tasks INDEXED BY tasks_closed WHERE closed_at IS NULL AND id > ? ORDER BY id LIMIT 1 OFFSET ?').pluck();
  let changed = 0;
  let done = 0;
  for (let after = -1, more = true; more; ) {
    batch(() => {
      const last = (rangeEnd.get(after, range - 1) as number | undefined) ?? Number.MAX_SAFE_INTEGER;
      const restoreCheck = suspendSchema(db, 'trigger', priorityCheck);
      changed += update.run(after, last).changes;
      restoreCheck();
      more = last !== Number.MAX_SAFE_INTEGER;
      if (!more) setWorkspaceValue(db, PRIORITIES_PENDING, '0');
      after = last;
    });
    done = Math.min(total, done + range);
    onRange?.(done, total);
  }
  return changed;
}

/** The task indexes that hold the priority: the queue's callable part, overall and per agent (migration 022). */
const priorityIndexes = ['tasks_callable', 'tasks_agent_callable'];

/**
 * Drops the indexes that contain the task priority and returns a function that builds them again from their own
 * stored definitions. Rewriting most priorities through two indexes costs ~4× building them afresh; the caller
 * runs both inside one transaction, so readers (WAL) keep seeing the old indexes and a rollback restores them.
 */
export function suspendPriorityIndexes(db: Db): () => void {
  return suspendSchema(db, 'index', priorityIndexes);
}

/**
 * The trigger (migration 021) that clears a customer's figures key when their open task gets a priority other than the
 * one the figures give. applyFiguresPriorities sets exactly that priority, so it suspends the check, which would
 * otherwise look the score row up once more for every task (~2.4 s of a million).
 */
const priorityCheck = ['figures_key_task_changed'];

/**
 * From how many writeKeyed calls in one transaction setting the priority check aside pays (see writingKeyed): it saves
 * ~10 µs a task, and dropping and creating the trigger costs a few milliseconds (each connection reads the schema again).
 */
const KEYED_WRITES_WITHOUT_CHECK = 256;


/**
 * The tasks an import writes from which building the priority indexes again at its end costs less than updating them
 * row by row: each new task is written into them twice (opened at 0, then its priority), ~30 µs a row, where building
 * them costs ~3 µs per task stored (measured with the four indexes before migration 022: a 100,000-row import into an
 * empty workspace 16.5 s → 13.5 s, the rebuild 0.2 s; at a million tasks the rebuild was 3.8 s). At least 2,000, and an eighth of the tasks stored (by the highest id:
 * no count over a million rows to decide).
 */
export function priorityIndexRebuildRows(db: Db): number {
  return Math.max(2_000, Math.ceil(highestTaskId(db) / 8));
}

export function subscriberCount(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM subscribers').get() as { n: number }).n;
}

/** Customers with a stored score: a cheap count (the level index), where subscriberCount reads every wide row. */
export function scoredCount(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM subscriber_scores').pluck().get() as number;
}

/** Whether more than `n` customers are stored. Counting stops one past `n`: deciding costs no full count of a million. */
export function moreSubscribersThan(db: Db, n: number): boolean {
  return (stmt(db, 'SELECT count(*) > ? FROM (SELECT 1 FROM subscribers LIMIT ?)').pluck().get(n, n + 1) as number) === 1;
}
