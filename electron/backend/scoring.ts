import { queuePriority } from '../../core/contact/policy';
import { compiled, levelBoundBands, stickyInputFields, type CompiledRiskConfig, type RiskConfig, type ScoreBand } from '../../core/risk/config';
import { scoreOnly, type ScoreOnlyResult, type SubscriberRecord } from '../../core/risk/score';
import { segmentSubscriber } from '../../core/risk/tags';
import { arpuAverage, dayOf, riskInputFields } from '../../core/risk/values';
import { ApiFailure } from '../../core/api';
import { activeConfigVersion, listConfigVersions } from '../../db/config';
import type { Db } from '../../db/connection';
import { activeModelVersion } from '../../db/models';
import { applyFiguresPriorities, clearCompletedUnder, completedUnder, figuresKey, queuePrioritiesPending, scoredCount, scoringStamp, scoreWriter, setCompletedUnder, setFiguresDay, scoringScan, subscriberColumns, subscriberCount, type ScoreRow } from '../../db/scores';
import { hasStaleScoringInputs, staleScoringCount, staleScoringNumbers, resetScoringInputsUnless, scoringChunks, type ChunkRows, scoringInputsSignature, scoringInputsWriter, scoringWords, staleScoringRows } from '../../db/scoring-inputs';
import { openTasksBetween } from '../../db/tasks';
import { packable, packedFields, packedLayout, packedRowReader, packScoringRow, storedLayout, type PackedLayout } from '../../core/risk/packed-inputs';
import { modelHasInputs, modelInputKeys } from '../../core/model/train';
import { customerChurnP, givenChurnP, MIN_COVERAGE } from '../../core/risk/signal';
import { activeChurnModel, createPredictor } from './model-cache';
import { activeRiskConfig, storedRiskConfig } from './risk-config';

/** Value at stake used for the queue order: a year of the customer's ARPU (docs/product.md §5.2 horizon). */
const VALUE_HORIZON_MONTHS = 12;

/** The value at stake queuePriority weighs (yuan): a year of ARPU, 0 when unknown. The queue row explains with it too. */
export function queueValue(s: Pick<SubscriberRecord, 'arpu_avg3' | 'arpu_m1' | 'arpu_m2' | 'arpu_m3'>): number {
  const arpu = arpuAverage(s as SubscriberRecord);
  return (arpu === arpu ? arpu : 0) * VALUE_HORIZON_MONTHS;
}

/**
 * Raised whenever what scoring computes changes (a rule, the priority formula, the tags): a recompute the same day
 * after an upgrade then computes every customer again instead of trusting the keys of the old code.
 */
// 2: the figures key leaves out the configuration version (db/scores.ts sameFigures); 3: P(churn) given to 0.01 %;
// 4: figures stored with the day through which they hold, and the mark without the day (migration 023);
// 5: P(churn) given to 0.1 %
const SCORING_REVISION = 5;

/**
 * The day stored for figures that no day can change (no rule, tag or model reads a date the customer has): far
 * beyond any day a workspace will see, and a whole number SQLite stores as an integer.
 */
const HOLDS_FOR_GOOD = 2 ** 31 - 1;

/**
 * Changed figures written per transaction of the packed recompute (and rows read per chunk). Each customer written
 * moves its open task in the two callable indexes at random pages, and a commit writes every page it dirtied: the
 * fewer commits, the fewer times the same pages are written. A level bound moved at a million (32,141 written), as the
 * job: 1,000 per transaction 6.5–7.4 s, 4,096 5.8–5.9 s, 8,192 6.4 s; a transaction of 4,096 such writes holds the lock
 * ~0.3 s, about one range of the queue order, and the computing between two leaves a waiting writer its gap.
 */
const WRITES_PER_TRANSACTION = 4096;

/** Rows left after the first batch above which a mass priority change rebuilds the queue indexes instead. */
const MASS_UPDATE_ROWS = 50_000;

/**
 * Recomputes risk level, reasons, segments and tags and the open task's queue priority, for every subscriber
 * or for the given numbers, with the active configuration and model. The caller owns the transaction (an import
 * scores what it stored inside its own), unless `batchCommit` asks for one per batch (the recompute job).
 * Only the columns the rules and the model read are fetched, and only changed figures are written.
 */
export function scoreSubscribers(db: Db, opts: ScoreOptions): number {
  return scoreSubscribersCounted(db, opts).subscribers;
}

export interface ScoreOptions {
  today: string;
  at: string;
  msisdns?: ArrayLike<number>;
  onBatch?: (done: number, total: number) => void;
  /** After a mass change, the open tasks given their new priorities (applyFiguresPriorities), a range at a time. */
  onQueueBatch?: (done: number, total: number) => void;
  /**
   * Before scoring, the customers whose packed rows are stale packed again, a batch at a time: after an import those
   * it stored, and every customer when the layout changes (a model over extra columns made active: ~15 s at a million).
   */
  onPackBatch?: (done: number, total: number) => void;
  batchSize?: number;
  /** Rows left after the first batch above which a mass priority change rebuilds the queue indexes. */
  massUpdateRows?: number;
  /**
   * Commit each batch in its own short write transaction (the recompute job): logging attempts and imports go
   * on meanwhile instead of waiting for a write lock held for the whole run. A cancel or crash then leaves the
   * batches done so far (each row consistent; running again finishes the rest). Without it the caller owns one
   * transaction, and a mass change may rebuild the queue indexes inside it.
   */
  batchCommit?: boolean;
  /**
   * Read the wide subscriber rows even when the packed ones could serve (the bench's baseline; the correctness tests
   * compare the two). A model over an extra column always reads them: the packed rows hold the canonical fields.
   */
  wide?: boolean;
}

/** scoreSubscribers, also saying how many score rows and task priorities actually changed. */
export function scoreSubscribersCounted(
  db: Db,
  opts: ScoreOptions,
): { subscribers: number; evaluated: number; scoresChanged: number; prioritiesChanged: number; queueOrderAtEnd: boolean } {
  // The versions this run computes for, read before their content (a switch in between stops the run at its first batch).
  const versionsAt = activeVersions(db);
  const cfg = activeRiskConfig(db);
  const c = compiled(cfg);
  const todayDay = dayOf(opts.today);
  const write = scoreWriter(db);
  const out: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity };
  const active = activeChurnModel(db);
  const modelKeys = active ? modelInputKeys(active.model) : [];
  // Keys the model reads that are not columns live in the extra-attributes JSON: read and parse it only then.
  // Without a model there is nothing to look up (logging an attempt rescores one customer through here).
  const present = modelKeys.length > 0 ? subscriberColumns(db) : null;
  const fromExtra = present === null ? [] : modelKeys.filter((k) => !present.has(k));
  const columns = scoringScan(db, [...new Set([...riskInputFields, ...stickyInputFields(cfg), ...modelKeys, ...(fromExtra.length > 0 ? ['extra'] : [])])]);
  const predictor = active ? createPredictor(active.model, opts.today) : null;
  const model: ScoringModel | null =
    active && predictor
      ? {
          version: active.version,
          predict: predictor,
          changesOn: (row: Record<string, unknown>) => predictor.changesOn(row, givenChurnP),
          hasInputs: (row: Record<string, unknown>) => modelHasInputs(active.model, row, MIN_COVERAGE),
        }
      : null;
  const names = columns.columns;
  const extraAt = names.indexOf('extra');
  const figures = {} as ScoreRow;
  const scoreOne = (values: unknown[]) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) record[names[i]!] = values[i];
    if (extraAt >= 0) record.extra = typeof values[extraAt] === 'string' ? JSON.parse(values[extraAt] as string) : {};
    const priority = figuresOf(record, c, cfg.version, todayDay, opts, out, model, figures);
    write(figures, priority, columns.previous(values));
  };
  const counted = (subscribers: number, queueOrderAtEnd = false, evaluated = subscribers) => ({
    subscribers,
    evaluated,
    scoresChanged: write.counts.scores,
    prioritiesChanged: write.counts.priorities,
    queueOrderAtEnd,
  });

  // What every figure is computed under: a full recompute that completed under the same stamp leaves each stored
  // figures key right until something clears it (migration 021), through the day stored with it (migration 023). So
  // the mark vouches only while every key was written under its stamp: a run writing under another (new rules or a
  // model, even one stopped part-way; the wide path, which leaves no mark) withdraws it first, or a later run under
  // the marked stamp would trust keys of figures computed otherwise (docs/scoring-storage.md "How a recompute runs", 4).
  // The day is not part of the stamp: figures written on a later day under the same stamp hold from that day, and the
  // mark keeps the latest such day — a day before it (the clock set back) trusts nothing.
  // The packed layout is not part of it: figures do not depend on how their inputs were stored, and rescoring one
  // customer (logging an attempt) then reads nothing more to compare with the mark.
  const stampUnder = (configVersion: number) => scoringStamp(SCORING_REVISION, configVersion, model?.version ?? null);
  const stamp = stampUnder(cfg.version);
  const withdrawOtherMark = () => {
    const marked = completedUnder(db);
    if (marked === undefined) return;
    if (!vouches(marked, stamp, todayDay)) clearCompletedUnder(db);
    else if (todayDay > marked.day) setCompletedUnder(db, stamp, todayDay);
  };

  if (opts.msisdns) {
    withdrawOtherMark();
    const size = opts.batchSize ?? 2000;
    for (let i = 0; i < opts.msisdns.length; i++) {
      const values = columns.one(opts.msisdns[i]!);
      if (values) scoreOne(values);
      if ((i + 1) % size === 0 || i + 1 === opts.msisdns.length) opts.onBatch?.(i + 1, opts.msisdns.length);
    }
    return counted(opts.msisdns.length);
  }
  const batch = batchOf(db, opts, versionsAt);
  const needed = [...riskInputFields, ...stickyInputFields(cfg), ...modelKeys];
  const packedPath = !opts.wide && packable(needed.filter((k) => !fromExtra.includes(k)));
  // Read before the mark is withdrawn: whether only level bounds moved since the last complete recompute, and which
  // customers need computing — those without a key or whose figures' day has passed ("A new day computes the customers
  // due"), and those the bands say; everyone without a mark to trust.
  const marked = completedUnder(db);
  const bands = packedPath ? boundsMovedSinceMark(db, cfg, stampUnder, todayDay, marked) : null;
  const rows: ChunkRows = bands ? { bands, dueBefore: todayDay } : vouches(marked, stamp, todayDay) ? { bands: [], dueBefore: todayDay } : 'all';
  // The wide path vouches for nothing: a page is read before its batch's transaction (below).
  batch(packedPath ? withdrawOtherMark : () => clearCompletedUnder(db));
  if (packedPath) {
    const scored = scorePacked(db, opts, needed, layoutFor(db, fromExtra), stamp, rows, (record, into) => figuresOf(record, c, cfg.version, todayDay, opts, out, model, into), write, batch);
    return counted(scored.subscribers, scored.queueOrderAtEnd, scored.evaluated);
  }
  const total = subscriberCount(db);
  // Committed batches stay small so a waiting attempt-log gets the write lock within a few milliseconds.
  const size = opts.batchSize ?? (opts.batchCommit ? 1000 : 5000);
  let done = 0;
  withQueueOrder(db, opts, batch, write, () => {
    for (let after = 0; ; ) {
      const rows = columns.page(after, size);
      if (rows.length === 0) break;
      batch(() => rows.forEach(scoreOne));
      after = rows[rows.length - 1]![0] as number;
      done += rows.length;
      if (done === rows.length) deferOnMassChange(opts, write, batch, total - done, () => write.counts.openTasks);
      opts.onBatch?.(done, total);
    }
  });
  batch(() => setFiguresDay(db, opts.today));
  // No completed mark from here: a page is read before its batch's transaction, so a row another connection changed
  // in between gets a key computed from its old values — harmless while no same-day run trusts keys (this path is
  // for the bench's baseline and a model over a stored column that is not packed, and such a run always comes back
  // here).
  return counted(done, write.tasksDeferred());
}

type Mark = NonNullable<ReturnType<typeof completedUnder>>;

/**
 * Whether the mark of the last complete recompute vouches for the stored keys of figures computed under `stamp` on
 * day `todayDay`: the mark is of that stamp, and the day is not before the latest day figures were written for under
 * it (the clock set back trusts nothing). The one reading of the mark for the run's rows, the level bounds' bands and
 * its withdrawal.
 */
function vouches(marked: Mark | undefined, stamp: number, todayDay: number): boolean {
  return marked !== undefined && marked.stamp === stamp && todayDay >= marked.day;
}

/**
 * A supervisor's usual save moves a level bound ("高危：分数高于 20 → 16"): when the last complete recompute was under
 * the rules of another version that differs from the active one in its level bounds only — the same day, model and
 * scoring revision — the rule-score bands in which a customer's figures can differ (core/risk/config.ts
 * `levelBoundBands`); every other customer's stored figures and key are already those of the active rules. Null
 * otherwise: everyone is computed. At a million, such a save computed everyone (5.7–5.9 s as the job) to write the
 * ~3 % whose level moved (docs/scoring-storage.md "A level bound moved").
 */
function boundsMovedSinceMark(db: Db, active: RiskConfig, stampUnder: (configVersion: number) => number, todayDay: number, marked: Mark | undefined): ScoreBand[] | null {
  if (marked === undefined || vouches(marked, stampUnder(active.version), todayDay)) return null;
  for (const v of listConfigVersions(db, 'risk')) {
    if (v.version === active.version || !vouches(marked, stampUnder(v.version), todayDay)) continue;
    const earlier = storedRiskConfig(v.body);
    return earlier ? levelBoundBands(earlier, active) : null;
  }
  return null;
}

/**
 * Runs work in its own short write transaction per batch for the recompute job, else in the caller's. A job's batch
 * first checks that the configuration and model it computes for are still the active ones: when a supervisor makes
 * another active meanwhile, the recompute started for that one takes over, and this one stops rather than write
 * figures of the old version over the new ones, or mark the old ones complete (api.recompute-superseded).
 */
function batchOf(db: Db, opts: ScoreOptions, versionsAt: string): (work: () => void) => void {
  let held = 0;
  let since = performance.now();
  // When the last transaction ended, and whether the next must leave the lock free FREE_LOCK_MS after it.
  let lastEnd = 0;
  let gapOwed = false;
  return (work) => {
    if (!opts.batchCommit) return work();
    // The gap owed counts the computing done since the last transaction: the lock was free all that time.
    if (gapOwed) {
      leaveWriteLockFree(FREE_LOCK_MS - (performance.now() - lastEnd));
      gapOwed = false;
    }
    const start = performance.now();
    db.transaction(() => {
      if (activeVersions(db) !== versionsAt) throw new ApiFailure('cancelled', 'api.recompute-superseded');
      work();
    }).immediate();
    const end = performance.now();
    lastEnd = end;
    held += end - start;
    if (held < HOLD_BUDGET_MS) return;
    // Held most of the time since the last look: a waiting writer may not find the gaps, so the next transaction
    // leaves it one.
    gapOwed = held > (end - since) * BUSY_SHARE;
    held = 0;
    since = end;
  };
}

/**
 * Each time the job's write transactions have held the lock this long in all (one range of the queue order: ~0.4 s at
 * a million; or a few thousand customers' figures), it looks back: when they held it more than BUSY_SHARE of the time
 * since the last look, the next transaction leaves the lock free FREE_LOCK_MS after it at least — the computing done in
 * between counts (a new day's job computes tens of milliseconds between its writes: a pause on top of that was ~1 s of
 * its 7 s at a million). SQLite's busy handler retries a waiting writer — an agent logging
 * an attempt — at most 100 ms apart; transactions nearly back to back would keep winning the lock over it (measured:
 * an agent's write waited up to 1.3 s, p99 0.43 s, while the job ordered the queue at a million), while transactions
 * with computing between them leave it gaps. A pause after every transaction over 50 ms, as before, cost the day's
 * job with a churn model — most transactions 50–100 ms — 54 s of 101 s in pauses nobody waited on
 * (docs/scoring-storage.md "An agent logging meanwhile").
 */
const HOLD_BUDGET_MS = 250;
const BUSY_SHARE = 0.5;
const FREE_LOCK_MS = 110;

const pauseCell = new Int32Array(new SharedArrayBuffer(4));
function leaveWriteLockFree(ms: number): void {
  if (ms > 0) Atomics.wait(pauseCell, 0, 0, ms);
}

/** The active risk configuration's and churn model's versions, as one comparable text. */
function activeVersions(db: Db): string {
  return `${activeConfigVersion(db, 'risk') ?? ''}/${activeModelVersion(db) ?? ''}`;
}

/**
 * The share of the first batch's open tasks given another priority from which a full recompute sets the queue order
 * at the end. Task by task, each priority moves an entry in the two callable indexes at a random page, and a short
 * transaction writes those pages again each time: a new day with a churn model (P(churn) moves daily, 37 % of the
 * priorities) took the job 59.6 s at a million that way, 29.9 s with the order set at the end (one transaction:
 * 22.7 → 20.5 s). Half, before, left that day task by task. (docs/scoring-storage.md "The queue order after a mass change")
 */
const MASS_CHANGE_SHARE = 0.2;

/**
 * After the first batch of a full recompute: when a good share of its open tasks got another priority (a new
 * configuration or model, a new day with a model) and many customers remain, the queue order is set once at the end,
 * set-based (applyFiguresPriorities), instead of task by task with each score row. The same rule over the wide and the
 * packed rows.
 */
function deferOnMassChange(opts: ScoreOptions, write: ReturnType<typeof scoreWriter>, batch: (work: () => void) => void, remaining: number, openTasks: () => number): void {
  const changed = write.counts.priorities;
  if (remaining > (opts.massUpdateRows ?? MASS_UPDATE_ROWS) && changed > 0 && changed > openTasks() * MASS_CHANGE_SHARE) batch(() => write.deferTaskPriorities());
}

/**
 * Runs a full recompute's scoring, then gives the open tasks the priorities their figures give when a mass change
 * deferred them (or a run stopped by a crash left them pending): in the job's short transactions, else inside the
 * caller's one, counting them with the writer's. The job does it also when it stops part-way (a cancel), so the
 * figures written so far have their queue order too; a failure of that does not hide why the job stopped.
 */
function withQueueOrder(db: Db, opts: ScoreOptions, batch: (work: () => void) => void, write: ReturnType<typeof scoreWriter>, scoring: () => void): void {
  const finish = () => {
    write.setOpenTaskPriorities(batch, opts.batchSize ?? WRITES_PER_TRANSACTION);
    if (queuePrioritiesPending(db)) write.counts.priorities += applyFiguresPriorities(db, opts.batchCommit ? batch : undefined, opts.onQueueBatch);
  };
  try {
    scoring();
  } catch (e) {
    if (opts.batchCommit) {
      try {
        finish();
      } catch {
        // the job stopped for `e`; the pending note stays for the next start (backend/index.ts)
      }
    }
    throw e;
  }
  finish();
}

/**
 * Reads a comma-separated list of whole numbers in place, one item per call: -1 for an empty item (none stored), -2 for
 * one that is not a whole number. A chunk's stored keys and days come so (db/scoring-inputs.ts scoringChunks).
 */
function wholeNumbers(text: string): () => number {
  let at = 0;
  return () => {
    let n = -1;
    if (at < text.length && text.charCodeAt(at) !== 44) {
      n = 0;
      for (let c = text.charCodeAt(at); at < text.length && c !== 44; c = text.charCodeAt(++at)) n = c >= 48 && c <= 57 && n >= 0 ? n * 10 + (c - 48) : -2;
    }
    at++; // the comma
    return n;
  };
}

/**
 * The full recompute over the packed rows (docs/scoring-storage.md): the customers without one are packed first
 * (new or changed since the last recompute), then every packed row is scored a chunk at a time, and only the rows
 * whose figures key differs from the stored one are written — in one short transaction per chunk with `batchCommit`.
 */
function scorePacked(
  db: Db,
  opts: ScoreOptions,
  needed: readonly string[],
  layout: PackedLayout,
  stamp: number,
  which: ChunkRows,
  figures: (record: Record<string, unknown>, into: ScoreRow) => number,
  write: ReturnType<typeof scoreWriter>,
  batch: (work: () => void) => void,
): { subscribers: number; evaluated: number; queueOrderAtEnd: boolean } {
  // Another layout empties the packed rows and their words first: the words read before that would number new ones
  // over the ids of removed ones. Then they are read once: packing numbers new ones into the list the reader decodes with.
  batch(() => resetScoringInputsUnless(db, layout.signature));
  const dictionary = scoringWords(db);
  ensurePacked(db, batch, dictionary, layout, opts.onPackBatch);
  // For the progress only (the result counts the rows read): counting a million wide rows costs 0.3 s.
  const total = scoredCount(db);
  // After a full recompute that completed under this stamp, a customer whose key is still set cannot have changed:
  // only the others are read and scored (a second recompute the same day, or one after a few changes); after one
  // under rules that differ in level bounds only, those and the customers scored between an old and a new bound.
  const next = scoringChunks(db, which);
  const unpack = packedRowReader(dictionary.words, needed, layout);
  const staleBetween = staleScoringNumbers(db);
  // Rows read per chunk, and changed figures written per transaction: they wait until there are this many (or the end).
  const size = opts.batchSize ?? WRITES_PER_TRANSACTION;
  const record: Record<string, unknown> = {};
  const into = {} as ScoreRow;
  // Changed figures wait until there are enough for a transaction (or the first chunk's, which decides a mass change):
  // one figure in thirty changing (a level bound moved) wrote ~30 customers per transaction, each transaction writing
  // again the index pages the last one wrote (see WRITES_PER_TRANSACTION).
  const pending: { row: ScoreRow; priority: number; key: number }[] = [];
  // Customers whose figures came out the same but hold through another day: number, day, number, day, …
  const moved: number[] = [];
  let pendingAfter = -1;
  const flush = (last: number) => {
    if (pending.length === 0 && moved.length === 0) return;
    batch(() => {
      // A customer changed by another connection since their chunk was read (an import committed meanwhile) is
      // stale again: what was computed here is from their old row. Left to whoever changed them (an import scores
      // what it stored) and to the next recompute, rather than written over with a key that would say "right".
      const changed = staleBetween(pendingAfter, last);
      write.writingKeyed(pending.length, () => {
        for (const p of pending) if (!changed.has(p.row.msisdn)) write.writeKeyed(p.row, p.priority, p.key);
      });
      for (let i = 0; i < moved.length; i += 2) if (!changed.has(moved[i]!)) write.writeThrough(moved[i]!, moved[i + 1]!);
    });
    pending.length = 0;
    moved.length = 0;
  };
  let done = 0;
  let evaluated = 0;
  withQueueOrder(db, opts, batch, write, () => {
    let after = -1;
    for (;;) {
      const chunk = next(after, size);
      if (!chunk) break;
      // The stored keys and days read in place, as the rows go: a million strings would be garbage.
      const storedKey = wholeNumbers(chunk.keys);
      const storedThrough = wholeNumbers(chunk.throughs);
      if (pending.length === 0 && moved.length === 0) pendingAfter = after;
      evaluated += unpack(chunk.packed, record, () => {
        const stored = storedKey(); // -1: none stored (never scored, or cleared since)
        const through = storedThrough();
        const priority = figures(record, into);
        const key = figuresKey(into, priority);
        if (stored !== key) pending.push({ row: { ...into }, priority, key });
        else if (through !== into.through) moved.push(into.msisdn, into.through);
      });
      if (done === 0 || pending.length + moved.length / 2 >= size) flush(chunk.last);
      if (done === 0) {
        deferOnMassChange(opts, write, batch, total - chunk.rows, () => openTasksBetween(db, after, chunk.last));
        // Not a mass change: the open tasks' new priorities are set after the figures, in their order (setOpenTaskPriorities).
        if (!write.tasksDeferred() && total > chunk.rows) batch(() => write.keepTaskPriorities());
      }
      done += chunk.rows;
      after = chunk.last;
      opts.onBatch?.(done, Math.max(total, done));
    }
    flush(after);
  });
  batch(() => {
    setCompletedUnder(db, stamp, dayOf(opts.today));
    setFiguresDay(db, opts.today);
  });
  return { subscribers: done, evaluated, queueOrderAtEnd: write.tasksDeferred() };
}

/**
 * Packs the customers noted stale (new, changed since the last recompute, or every one after the layout changed),
 * `size` at a time, each batch through `batch` (the recompute job commits each in its own short transaction).
 * Reading the wide rows is the slow part (8.5 s per million): it happens once per change. Read, packed and marked
 * done in one transaction: a change committed meanwhile by another connection is either seen here or notes its
 * customer stale again after.
 */
function ensurePacked(
  db: Db,
  batch: (work: () => void) => void,
  dictionary: ReturnType<typeof scoringWords>,
  layout: PackedLayout,
  onBatch?: (done: number, total: number) => void,
  size = 2000,
): number {
  if (!hasStaleScoringInputs(db)) return 0;
  const total = onBatch ? staleScoringCount(db) : 0;
  const { extras } = layout;
  const stale = staleScoringRows(db, packedFields, extras.length > 0);
  const values = (r: unknown[]): unknown[] => {
    if (extras.length === 0) return r.slice(1);
    const text = r[r.length - 1];
    const attributes: unknown = typeof text === 'string' ? JSON.parse(text) : {};
    const has = attributes !== null && typeof attributes === 'object';
    const own = (key: string) => (has && Object.hasOwn(attributes, key) ? (attributes as Record<string, unknown>)[key] : undefined);
    return [...r.slice(1, r.length - 1), ...extras.map(own)];
  };
  const writer = scoringInputsWriter(db);
  const ids = new Map<string, number>();
  dictionary.words.forEach((word, id) => ids.set(word, id));
  const wordId = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = dictionary.add(word);
      ids.set(word, id);
    }
    return id;
  };
  let packed = 0;
  for (let after = -1, more = true; more; ) {
    batch(() => {
      const rows = stale(after, size);
      const last = rows.length === size ? (rows[rows.length - 1]![0] as number) : Number.MAX_SAFE_INTEGER;
      for (const r of rows) writer.store(r[0] as number, packScoringRow(r[0] as number, values(r), wordId));
      writer.markPacked(after, last);
      packed += rows.length;
      after = last;
      more = rows.length === size;
    });
    onBatch?.(packed, Math.max(total, packed));
  }
  return packed;
}

/** Extra columns a workspace keeps packed at most: past it, only those the active model reads. */
const MAX_PACKED_EXTRAS = 64;

/**
 * The layout a recompute reads packed rows in: the stored one when it holds the extra columns the active model reads
 * (`fromExtra`, usually none), else one adding them — every row is then packed again, once. The extras of models used
 * before stay, so switching between two models does not repack each time; leaving a model keeps them too.
 */
function layoutFor(db: Db, fromExtra: readonly string[]): PackedLayout {
  const stored = storedLayout(scoringInputsSignature(db));
  if (stored && fromExtra.every((k) => stored.extras.includes(k))) return stored;
  const extras = [...(stored?.extras ?? []), ...fromExtra];
  return packedLayout(new Set(extras).size > MAX_PACKED_EXTRAS ? fromExtra : extras);
}

/** The figures of one customer and the queue priority they give its open task (one rule for both paths). */
function figuresOf(
  row: Record<string, unknown>,
  c: CompiledRiskConfig,
  configVersion: number,
  todayDay: number,
  opts: { today: string; at: string },
  out: ScoreOnlyResult,
  model: ScoringModel | null,
  into: ScoreRow,
): number {
  const s = row as SubscriberRecord;
  // Stored null when the model abstains for want of inputs (docs/product.md §4.4): the queue then ranks by the rule.
  const pChurn = model && model.hasInputs(row) ? givenChurnP(model.predict(row)) : null;
  scoreOnly(s, c, todayDay, out);
  const seg = segmentSubscriber(s, c, { today: opts.today });
  // The first day any of them could differ (docs/scoring-storage.md "A new day computes the customers due").
  const changesOn = Math.min(out.changesOn, seg.changesOn, pChurn !== null ? model!.changesOn(row) : Infinity);
  into.through = Math.min(changesOn - 1, HOLDS_FOR_GOOD);
  into.msisdn = row.msisdn as number;
  into.score = out.score;
  into.level = out.level;
  into.reasons = out.reasons;
  into.unjudged = out.unjudged;
  into.pChurn = pChurn;
  into.tier = seg.tier;
  into.sensitivity = seg.sensitivity;
  into.tags = seg.tags.map((t) => t.code).join(',');
  into.configVersion = configVersion;
  into.modelVersion = model?.version ?? null;
  into.computedAt = opts.at;
  return queuePriority(out.score, out.level, queueValue(s), { churn: customerChurnP(out.score, out.level, pChurn) });
}

interface ScoringModel {
  version: number;
  predict: (row: Record<string, unknown>) => number;
  /** For the row last predicted: the first day after today its given P(churn) could differ. */
  changesOn: (row: Record<string, unknown>) => number;
  hasInputs: (row: Record<string, unknown>) => boolean;
}
