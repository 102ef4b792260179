/**
 * Training and using the learned churn model (docs/product.md §4.2): labelled rows in, a JSON-serialisable model and
 * its quality figures out.
 *
 * Protocol (so the reported holdout figures are honest):
 *  1. rows with a readable label are split, stratified and seeded, into a training part and a holdout
 *     (default 25%) that nothing below ever looks at until the final evaluation;
 *  2. the feature pipeline is learned on the training part only;
 *  3. the candidates are compared by stratified k-fold cross-validation (default 5 folds, seeded) on the training
 *     part — on a stratified sample of at most `tuneRows` of it when it is larger, which keeps 100,000 rows within a
 *     minute: the regularised logistic regression; the boosted trees for each setting of a small grid of depth,
 *     learning rate and leaf size, the number of rounds chosen from the folds' mean validation loss (as
 *     xgboost's cv does); and a blend of the two, the logit w·trees + (1−w)·logistic with w chosen on the
 *     folds' out-of-fold scores. One split's AUC moves by ±0.01 or more with the seed on a few thousand rows —
 *     enough to pick the worse method, which is what happened with a single validation split;
 *  4. with method 'auto' the best mean CV AUC wins; the simpler model is kept unless the other beats it (the blend
 *     must beat the better single model by BLEND_MARGIN, since its weight was picked on the same folds);
 *  5. the candidates are refitted on the whole training part (boosting for the CV-chosen rounds, grown slowly with
 *     the sample) and evaluated once on the holdout; the chosen one is the model.
 */
import { dayHorizon } from './horizon';
import { dayNumber } from '../calendar';
import { evaluate, meanSd, rocAuc, stratifiedFolds, stratifiedSplit, type EvaluationMetrics } from './evaluate';
import { buildEncoder, fitFeatureSpec, isMissing, parseLabel, rawValue, type Encoder, type FeatureSpec } from './features';
import { gbdtContributions, gbdtMargin, trainGbdt, type GbdtModel, type GbdtOptions } from './gbdt';
import { logisticMargin, sigmoid, trainLogistic, type LogisticModel, type LogisticOptions } from './logistic';

export type ModelMethod = 'logistic' | 'gbdt' | 'blend';

export interface SerializedModel {
  format: 'retention-desk/churn-model';
  version: 1;
  method: ModelMethod;
  /** What the model was trained on (no wall-clock time: the same inputs give the same JSON). */
  trainedOn: { today: string; seed: number; rows: number; positives: number; holdoutShare: number; labelKey: string };
  features: FeatureSpec;
  logistic?: LogisticModel;
  gbdt?: GbdtModel;
  /** method 'blend': logit = gbdtWeight · trees + (1 − gbdtWeight) · logistic. */
  blend?: { gbdtWeight: number };
}

export interface TrainProgress {
  stage: 'prepare' | 'logistic' | 'gbdt' | 'refit' | 'evaluate';
  /** Overall progress, 0..1. */
  fraction: number;
}

/** One setting of the boosted trees that cross-validation tries. */
export type GbdtSetting = Pick<GbdtOptions, 'maxDepth' | 'learningRate' | 'minLeaf' | 'rounds' | 'subsample' | 'colsample' | 'lambda'>;

/**
 * The trees' grid. The first is scikit-learn's GradientBoostingClassifier's shape (depth 3, rate 0.1, every row and
 * column, leaves of any size): strong on a few thousand rows with a few strong signals, as the public telco sets
 * have. The others sample rows and columns and keep bigger leaves, which generalises better on large, noisy work
 * lists; the third trades a lower rate for more rounds.
 */
export const GBDT_GRID: readonly GbdtSetting[] = [
  { maxDepth: 3, learningRate: 0.1, minLeaf: 1, subsample: 1, colsample: 1, rounds: 400 },
  { maxDepth: 5, learningRate: 0.1, minLeaf: 30, subsample: 0.8, colsample: 0.8, rounds: 300 },
  { maxDepth: 4, learningRate: 0.05, minLeaf: 10, subsample: 0.8, colsample: 1, rounds: 600 },
];

/** The blend's weights on the trees that are tried (0 and 1 are the single models). */
const BLEND_WEIGHTS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** How much better than the better single model the blend must be under CV (its weight was chosen on the same folds). */
export const BLEND_MARGIN = 0.001;

export interface TrainChurnOptions {
  seed: number;
  /** Snapshot date of the labelled history (YYYY-MM-DD): contract ends and tenure are relative to it. */
  today: string;
  /** Share held out for the final evaluation (default 0.25). */
  holdout?: number;
  method?: 'auto' | ModelMethod;
  /** Label column (default 'churned'; read as 1/0, yes/no, 是/否…). */
  labelKey?: string;
  /** Columns never to use as features. */
  exclude?: readonly string[];
  /** Levels kept per categorical column (default 20). */
  topK?: number;
  logistic?: LogisticOptions;
  /** Fixed options for the trees (a fixed setting replaces the grid's for the keys it names). */
  gbdt?: GbdtOptions;
  /** Cross-validation folds (default 5). */
  folds?: number;
  /** At most this many training rows take part in cross-validation (default 10,000; a stratified sample). */
  tuneRows?: number;
  /** The trees' settings to try (default GBDT_GRID). */
  grid?: readonly GbdtSetting[];
  onProgress?: (p: TrainProgress) => void;
  /** A millisecond clock for the timings in `compared` (core takes no time source of its own). */
  clock?: () => number;
}

export interface ComparedMethod {
  method: ModelMethod;
  /**
   * Mean AUC over the cross-validation folds (what the choice was made on). Models stored before cross-validation
   * carry the AUC of their one validation split here and no `validationAucSd`.
   */
  validationAuc: number;
  /** Standard deviation of the fold AUCs. */
  validationAucSd?: number;
  /** AUC on the holdout of this candidate refitted on the whole training part (for information; not used for the choice). */
  holdoutAuc: number;
  /** Cross-validation and refit time, when a clock was given. */
  trainMs?: number;
  /** The setting CV chose: the trees' depth, rate, leaf size and rounds; the blend's weight on the trees. */
  params?: Record<string, number>;
}

/** The cross-validation summary stored with a model (metrics.cv) and shown on the model page. */
export interface CvSummary {
  folds: number;
  /** Training rows that took part (all of the training part, or the stratified sample of tuneRows). */
  rows: number;
  /** The chosen method's fold AUCs and their mean ± sd. */
  method: ModelMethod;
  auc: { mean: number; sd: number };
  foldAuc: number[];
}

export interface TrainChurnResult {
  model: SerializedModel;
  metrics: {
    holdout: EvaluationMetrics;
    train: EvaluationMetrics;
    compared: ComparedMethod[];
    cv: CvSummary;
  };
  /** Global importance per feature (|coefficient| × 1 sd summed per feature, or split gain), largest first. */
  importance: { feature: string; label: string; labelZh: string; importance: number }[];
  /** Row indices (into the labelled rows, in input order) of the training part and the holdout: for benchmarks. */
  split: { train: Int32Array; test: Int32Array };
}

/**
 * The CV summary of stored metrics, or null for a model stored before cross-validation (or anything unreadable):
 * older versions stay listable.
 */
export function cvSummaryOf(metrics: unknown): CvSummary | null {
  const cv = (metrics as { cv?: unknown } | null)?.cv as Partial<CvSummary> | undefined;
  if (!cv || typeof cv !== 'object') return null;
  const { folds, rows, method, auc, foldAuc } = cv;
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!num(folds) || !num(rows) || typeof method !== 'string' || !auc || !num(auc.mean) || !num(auc.sd)) return null;
  return { folds, rows, method: method as ModelMethod, auc: { mean: auc.mean, sd: auc.sd }, foldAuc: Array.isArray(foldAuc) ? foldAuc.filter(num) : [] };
}

interface Prepared {
  encoder: Encoder;
  todayDay: number;
  rows: Record<string, unknown>[];
  y: Uint8Array;
}

function linearMatrix(p: Prepared, index: ArrayLike<number>): Float32Array {
  const d = p.encoder.linearColumns.length;
  const X = new Float32Array(index.length * d);
  const buf = new Float64Array(d);
  for (let k = 0; k < index.length; k++) {
    p.encoder.encodeLinear(p.rows[index[k]!]!, p.todayDay, buf, 0);
    X.set(buf, k * d);
  }
  return X;
}

function treeColumns(p: Prepared, index: ArrayLike<number>): Float64Array[] {
  const F = p.encoder.spec.features.length;
  const cols = Array.from({ length: F }, () => new Float64Array(index.length));
  const buf = new Float64Array(F);
  for (let k = 0; k < index.length; k++) {
    p.encoder.encodeTree(p.rows[index[k]!]!, p.todayDay, buf, 0);
    for (let f = 0; f < F; f++) cols[f]![k] = buf[f]!;
  }
  return cols;
}

function pick(y: Uint8Array, index: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(index.length);
  for (let k = 0; k < index.length; k++) out[k] = y[index[k]!]!;
  return out;
}

function sub(index: Int32Array, part: Int32Array): Int32Array {
  return part.map((k) => index[k]!);
}

/** The logistic margins of rows of X (row-major, d columns). */
function logisticMargins(lr: LogisticModel, X: Float32Array, d: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = logisticMargin(lr, X, k * d);
  return out;
}

/** The trees' margins (first `rounds` trees) of the rows of column-major cols. */
function gbdtMargins(gb: GbdtModel, cols: readonly Float64Array[], rounds = Infinity): Float64Array {
  const n = cols[0]?.length ?? 0;
  const F = cols.length;
  const buf = new Float64Array(F);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let f = 0; f < F; f++) buf[f] = cols[f]![k]!;
    out[k] = gbdtMargin(gb, buf, 0, rounds);
  }
  return out;
}

function foldAucs(margins: Float64Array, y: Uint8Array, fold: Int32Array, k: number): number[] {
  const out: number[] = [];
  for (let f = 0; f < k; f++) {
    const at: number[] = [];
    for (let i = 0; i < fold.length; i++) if (fold[i] === f) at.push(i);
    out.push(rocAuc(Float64Array.from(at, (i) => margins[i]!), Uint8Array.from(at, (i) => y[i]!)));
  }
  return out;
}

function mix(gb: Float64Array, lr: Float64Array, w: number): Float64Array {
  return gb.map((z, i) => w * z + (1 - w) * lr[i]!);
}

interface CvResult {
  /** Out-of-fold margins of every CV row. */
  oof: Float64Array;
  foldAuc: number[];
  auc: { mean: number; sd: number };
  ms: number;
}

/** The candidates' CV figures and what the refit needs; `pickBest` applies the choice rule of step 4. */
export function pickBest(c: { logistic?: number; gbdt?: number; blend?: number }): ModelMethod {
  let best: ModelMethod | null = null;
  let bestAuc = -Infinity;
  if (c.logistic !== undefined && c.logistic === c.logistic) {
    best = 'logistic';
    bestAuc = c.logistic;
  }
  if (c.gbdt !== undefined && c.gbdt > bestAuc) {
    best = 'gbdt';
    bestAuc = c.gbdt;
  }
  if (c.blend !== undefined && c.blend > bestAuc + BLEND_MARGIN) best = 'blend';
  if (!best) throw new Error('no candidate could be cross-validated');
  return best;
}

export function trainChurnModel(input: Iterable<Record<string, unknown>>, opts: TrainChurnOptions): TrainChurnResult {
  const labelKey = opts.labelKey ?? 'churned';
  const holdoutShare = opts.holdout ?? 0.25;
  const method = opts.method ?? 'auto';
  const tuneRows = opts.tuneRows ?? 10_000;
  const fixed = pickDefined(opts.gbdt, ['maxDepth', 'learningRate', 'minLeaf', 'rounds', 'subsample', 'colsample']);
  const grid = [...new Map((opts.grid ?? GBDT_GRID).map((g) => ({ ...g, ...fixed })).map((g) => [JSON.stringify(g), g])).values()];
  const clock = opts.clock ?? ((): number => NaN);
  // Progress never goes back (stage boundaries computed two ways may differ in the last bit).
  let reported = 0;
  const report = (stage: TrainProgress['stage'], fraction: number): void => {
    reported = Math.min(1, Math.max(reported, fraction));
    opts.onProgress?.({ stage, fraction: reported });
  };
  const todayDay = dayNumber(opts.today);

  report('prepare', 0);
  const rows: Record<string, unknown>[] = [];
  const labels: number[] = [];
  for (const row of input) {
    const l = parseLabel(rawValue(row, labelKey));
    if (l === 0 || l === 1) {
      rows.push(row);
      labels.push(l);
    }
  }
  const y = Uint8Array.from(labels);
  let positives = 0;
  for (const v of y) positives += v;
  if (positives < 10 || y.length - positives < 10) throw new Error('training needs at least 10 churned and 10 retained labelled rows');

  const outer = stratifiedSplit(y, holdoutShare, opts.seed);
  const trainRows = Array.from(outer.train, (i) => rows[i]!);
  const spec = fitFeatureSpec(trainRows, pick(y, outer.train), { todayDay, topK: opts.topK, exclude: opts.exclude, labelKey });
  if (spec.features.length === 0) throw new Error('no usable feature columns');
  const p: Prepared = { encoder: buildEncoder(spec), todayDay, rows, y };
  const d = p.encoder.linearColumns.length;
  const yTrain = pick(y, outer.train);
  const yHold = pick(y, outer.test);
  // The CV rows: the training part, or a stratified sample of it.
  const cvIndex = outer.train.length > tuneRows ? sub(outer.train, stratifiedSplit(yTrain, tuneRows / outer.train.length, opts.seed + 2).test) : outer.train;
  const yCv = pick(y, cvIndex);
  // Every fold needs a churner and a stayer for its AUC: fewer folds on a tiny history (training asks for ten of each).
  const cvPositives = countOnes(yCv);
  const K = Math.max(2, Math.min(opts.folds ?? 5, cvPositives, yCv.length - cvPositives));
  const fold = stratifiedFolds(yCv, K, opts.seed + 1);
  const foldTest: Int32Array[] = [];
  const foldTrain: Int32Array[] = [];
  for (let f = 0; f < K; f++) {
    const te: number[] = [];
    const tr: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === f ? te : tr).push(i);
    foldTest.push(Int32Array.from(te));
    foldTrain.push(Int32Array.from(tr));
  }
  report('prepare', 0.05);

  const wantLogistic = method === 'auto' || method === 'logistic' || method === 'blend';
  const wantGbdt = method === 'auto' || method === 'gbdt' || method === 'blend';

  // --- cross-validation. Each fold learns its own feature pipeline from its training rows: the categorical levels'
  // tree codes are ranked by churn rate, and ranking them with the test fold's labels would flatter the trees.
  const folds = foldTrain.map((tr, f) => {
    const te = foldTest[f]!;
    const spec = fitFeatureSpec(Array.from(tr, (k) => rows[cvIndex[k]!]!), pick(yCv, tr), { todayDay, topK: opts.topK, exclude: opts.exclude, labelKey });
    if (spec.features.length === 0) throw new Error('no usable feature columns');
    const pf: Prepared = { encoder: buildEncoder(spec), todayDay, rows, y };
    return { pf, d: pf.encoder.linearColumns.length, train: sub(cvIndex, tr), test: sub(cvIndex, te), yTrain: pick(yCv, tr), yTest: pick(yCv, te) };
  });
  let lrCv: CvResult | undefined;
  if (wantLogistic) {
    const t0 = clock();
    const oof = new Float64Array(cvIndex.length);
    folds.forEach((fd, f) => {
      const lr = trainLogistic(linearMatrix(fd.pf, fd.train), fd.yTrain, fd.d, opts.logistic, (x) => report('logistic', 0.05 + (0.1 * (f + x)) / K));
      const m = logisticMargins(lr, linearMatrix(fd.pf, fd.test), fd.d, fd.test.length);
      foldTest[f]!.forEach((i, k) => (oof[i] = m[k]!));
    });
    const fa = foldAucs(oof, yCv, fold, K);
    lrCv = { oof, foldAuc: fa, auc: meanSd(fa), ms: clock() - t0 };
  }

  let gbCv: (CvResult & { setting: Required<GbdtSetting> }) | undefined;
  if (wantGbdt) {
    const t0 = clock();
    const perFold = folds.map((fd) => ({ train: { cols: treeColumns(fd.pf, fd.train), y: fd.yTrain }, test: { cols: treeColumns(fd.pf, fd.test), y: fd.yTest } }));
    grid.forEach((g, gi) => {
      const models: GbdtModel[] = [];
      const curves: number[][] = [];
      perFold.forEach((pf, f) => {
        const r = trainGbdt(pf.train, { seed: opts.seed, earlyStoppingRounds: 30, ...opts.gbdt, ...g, cutToBest: false }, pf.test, (x) =>
          report('gbdt', 0.15 + (0.55 * (gi + (f + x) / K)) / grid.length),
        );
        models.push(r.model);
        curves.push(r.info.validLogLoss);
      });
      // One round count for every fold: the minimum of the folds' mean validation loss.
      const len = Math.min(...curves.map((c) => c.length));
      let rounds = 1;
      let best = Infinity;
      for (let r = 0; r < len; r++) {
        let s = 0;
        for (const c of curves) s += c[r]!;
        if (s < best - 1e-12) {
          best = s;
          rounds = r + 1;
        }
      }
      const oof = new Float64Array(cvIndex.length);
      perFold.forEach((pf, f) => {
        const m = gbdtMargins(models[f]!, pf.test.cols, rounds);
        foldTest[f]!.forEach((i, k) => (oof[i] = m[k]!));
      });
      const fa = foldAucs(oof, yCv, fold, K);
      const auc = meanSd(fa);
      if (!gbCv || auc.mean > gbCv.auc.mean) {
        gbCv = {
          oof,
          foldAuc: fa,
          auc,
          ms: 0,
          setting: { maxDepth: g.maxDepth ?? 5, learningRate: g.learningRate ?? 0.06, minLeaf: g.minLeaf ?? 30, subsample: g.subsample ?? 0.8, colsample: g.colsample ?? 0.8, lambda: g.lambda ?? 1, rounds },
        };
      }
    });
    gbCv!.ms = clock() - t0;
  }

  let blendCv: (CvResult & { weight: number }) | undefined;
  if (lrCv && gbCv) {
    for (const w of method === 'blend' || method === 'auto' ? BLEND_WEIGHTS : []) {
      const oof = mix(gbCv.oof, lrCv.oof, w);
      const fa = foldAucs(oof, yCv, fold, K);
      const auc = meanSd(fa);
      if (!blendCv || auc.mean > blendCv.auc.mean) blendCv = { oof, foldAuc: fa, auc, ms: 0, weight: w };
    }
  }

  const chosen: ModelMethod = method !== 'auto' ? method : pickBest({ logistic: lrCv?.auc.mean, gbdt: gbCv?.auc.mean, blend: blendCv?.auc.mean });

  // --- refit on the whole training part
  report('refit', 0.7);
  let logistic: LogisticModel | undefined;
  let gbdt: GbdtModel | undefined;
  let lrRefitMs = 0;
  let gbRefitMs = 0;
  if (lrCv) {
    const t0 = clock();
    logistic = trainLogistic(linearMatrix(p, outer.train), yTrain, d, opts.logistic, (f) => report('refit', 0.7 + 0.05 * f));
    lrRefitMs = clock() - t0;
  }
  if (gbCv) {
    const t0 = clock();
    // More rows support more rounds; grown with the fourth root of the size ratio (a rule of thumb: rounds chosen
    // on 4/5 of the CV rows, refitted on all training rows).
    const ratio = outer.train.length / ((cvIndex.length * (K - 1)) / K);
    const rounds = Math.max(1, Math.round(gbCv.setting.rounds * Math.pow(ratio, 0.25)));
    gbdt = trainGbdt({ cols: treeColumns(p, outer.train), y: yTrain }, { seed: opts.seed, ...opts.gbdt, ...gbCv.setting, rounds }, undefined, (f) =>
      report('refit', 0.75 + 0.15 * f),
    ).model;
    gbRefitMs = clock() - t0;
  }
  const w = blendCv?.weight ?? 0.5;
  const model: SerializedModel = {
    format: 'retention-desk/churn-model',
    version: 1,
    method: chosen,
    trainedOn: { today: opts.today, seed: opts.seed, rows: outer.train.length, positives: positives - countOnes(yHold), holdoutShare, labelKey },
    features: spec,
  };
  if (chosen !== 'gbdt') model.logistic = logistic;
  if (chosen !== 'logistic') model.gbdt = gbdt;
  if (chosen === 'blend') model.blend = { gbdtWeight: w };

  report('evaluate', 0.9);
  const holdLr = logistic ? logisticMargins(logistic, linearMatrix(p, outer.test), d, outer.test.length) : undefined;
  const holdGb = gbdt ? gbdtMargins(gbdt, treeColumns(p, outer.test)) : undefined;
  const ms = (v: number): { trainMs?: number } => (v === v ? { trainMs: v } : {});
  const compared: ComparedMethod[] = [];
  if (lrCv && holdLr) compared.push({ method: 'logistic', validationAuc: lrCv.auc.mean, validationAucSd: lrCv.auc.sd, holdoutAuc: rocAuc(holdLr, yHold), ...ms(lrCv.ms + lrRefitMs) });
  if (gbCv && holdGb) compared.push({ method: 'gbdt', validationAuc: gbCv.auc.mean, validationAucSd: gbCv.auc.sd, holdoutAuc: rocAuc(holdGb, yHold), ...ms(gbCv.ms + gbRefitMs), params: { ...gbCv.setting } });
  if (blendCv && holdLr && holdGb) compared.push({ method: 'blend', validationAuc: blendCv.auc.mean, validationAucSd: blendCv.auc.sd, holdoutAuc: rocAuc(mix(holdGb, holdLr, w), yHold), params: { gbdtWeight: w } });
  const chosenCv = chosen === 'logistic' ? lrCv! : chosen === 'gbdt' ? gbCv! : blendCv!;

  const predictor = createPredictor(model, opts.today);
  const probs = (idx: Int32Array): Float64Array => Float64Array.from(idx, (i) => predictor(rows[i]!));
  const metrics = {
    holdout: evaluate(probs(outer.test), yHold),
    train: evaluate(probs(outer.train), yTrain),
    compared,
    cv: { folds: K, rows: cvIndex.length, method: chosen, auc: chosenCv.auc, foldAuc: chosenCv.foldAuc },
  };
  report('evaluate', 1);
  return { model, metrics, importance: importanceOf(model), split: outer };
}

function pickDefined<T extends object, K extends keyof T>(o: T | undefined, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  if (o) for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function countOnes(a: Uint8Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

function importanceOf(model: SerializedModel): TrainChurnResult['importance'] {
  const fs = model.features.features;
  const imp = new Float64Array(fs.length);
  // Each model's importances sum to 1; a blend weighs them as it weighs the models' logits.
  const wTrees = model.method === 'blend' ? (model.blend?.gbdtWeight ?? 0.5) : model.method === 'gbdt' ? 1 : 0;
  const add = (part: Float64Array, weight: number): void => {
    let t = 0;
    for (const v of part) t += v;
    if (t > 0 && weight > 0) part.forEach((v, f) => (imp[f]! += (weight * v) / t));
  };
  if (model.logistic && wTrees < 1) {
    const part = new Float64Array(fs.length);
    const enc = buildEncoder(model.features);
    enc.linearColumns.forEach((c, j) => (part[c.feature]! += Math.abs(model.logistic!.coef[j] ?? 0)));
    add(part, 1 - wTrees);
  }
  if (model.gbdt && wTrees > 0) add(Float64Array.from(model.gbdt.gain), wTrees);
  let total = 0;
  for (const v of imp) total += v;
  return fs
    .map((f, i) => ({ feature: f.name, label: f.label.en, labelZh: f.label.zh, importance: total ? imp[i]! / total : 0 }))
    .sort((a, b) => b.importance - a.importance || (a.feature < b.feature ? -1 : 1));
}

/* --------------------------------------------------------------------------------------------------- using */

export interface Contribution {
  /** Feature name (a canonical field key, an extra column's header, or a derived feature's name). */
  feature: string;
  /** English label; labelZh the Chinese one. */
  label: string;
  labelZh: string;
  /** The row's value of that feature (number, category text, or null when missing). */
  value: number | string | null;
  /** Effect on the logit relative to an average customer (positive raises churn risk). */
  contribution: number;
}

export interface ChurnPrediction {
  p: number;
  logit: number;
  /** The largest contributions by absolute size (default 5). */
  contributions: Contribution[];
}

interface Runtime {
  encoder: Encoder;
  lin: Float64Array;
  tree: Float64Array;
}

const runtimes = new WeakMap<SerializedModel, Runtime>();

function runtimeOf(model: SerializedModel): Runtime {
  let r = runtimes.get(model);
  if (!r) {
    if (model.format !== 'retention-desk/churn-model' || model.version !== 1) throw new Error('not a churn model of a known version');
    const encoder = buildEncoder(model.features);
    r = { encoder, lin: new Float64Array(encoder.linearColumns.length), tree: new Float64Array(model.features.features.length) };
    runtimes.set(model, r);
  }
  return r;
}

/**
 * A fast scorer for many rows: row → P(churn). `changesOn` then says, for the row last scored, the first day after
 * `today` on which the P it gave, as `given` rounds it, could differ (core/model/horizon.ts).
 */
export interface Predictor {
  (row: Record<string, unknown>): number;
  changesOn(row: Record<string, unknown>, given: (p: number) => number): number;
}

export function createPredictor(model: SerializedModel, today: string): Predictor {
  const todayDay = dayNumber(today);
  const { encoder } = runtimeOf(model);
  const lin = new Float64Array(encoder.linearColumns.length);
  const tree = new Float64Array(model.features.features.length);
  const lr = model.logistic;
  const gb = model.gbdt;
  if (model.method !== 'gbdt' && !lr) throw new Error('logistic model without coefficients');
  if (model.method !== 'logistic' && !gb) throw new Error('boosted model without trees');
  const w = model.method === 'blend' ? (model.blend?.gbdtWeight ?? 0.5) : model.method === 'gbdt' ? 1 : 0;
  const horizon = dayHorizon(encoder, w > 0 ? gb : undefined, w < 1 ? lr : undefined, 1 - w, todayDay);
  // The logit of the row last scored, for changesOn.
  let z = 0;
  const changesOn = (row: Record<string, unknown>, given: (p: number) => number) => horizon(row, z, tree, given);
  if (model.method === 'logistic') {
    return Object.assign((row: Record<string, unknown>) => {
      encoder.encodeLinear(row, todayDay, lin, 0);
      z = logisticMargin(lr!, lin, 0);
      return sigmoid(z);
    }, { changesOn });
  }
  if (model.method === 'gbdt') {
    return Object.assign((row: Record<string, unknown>) => {
      encoder.encodeTree(row, todayDay, tree, 0);
      z = gbdtMargin(gb!, tree, 0);
      return sigmoid(z);
    }, { changesOn });
  }
  return Object.assign((row: Record<string, unknown>) => {
    encoder.encodeBoth(row, todayDay, lin, tree);
    z = w * gbdtMargin(gb!, tree, 0) + (1 - w) * logisticMargin(lr!, lin, 0);
    return sigmoid(z);
  }, { changesOn });
}

interface CoverageInput {
  weight: number;
  /** The row keys the feature reads: present when all are (`any`: when one is — tenure or join date). */
  keys: string[];
  any: boolean;
}
const coverageInputs = new WeakMap<SerializedModel, { inputs: CoverageInput[]; total: number }>();

/** Per feature with any importance: its weight and the keys it reads. */
function coverageInputsOf(model: SerializedModel): { inputs: CoverageInput[]; total: number } {
  let hit = coverageInputs.get(model);
  if (!hit) {
    const byName = new Map(importanceOf(model).map((f) => [f.feature, f.importance]));
    const inputs: CoverageInput[] = [];
    for (const f of model.features.features) {
      const weight = byName.get(f.name) ?? 0;
      if (!(weight > 0)) continue;
      if (f.type === 'categorical') {
        inputs.push({ weight, keys: [f.key], any: false });
        continue;
      }
      const src = f.source;
      const keys =
        src.kind === 'ratio' ? [src.num, src.den]
        : src.kind === 'diff' ? [src.a, src.b]
        : src.kind === 'tenure' ? ['tenure_months', 'join_date']
        : [src.key];
      inputs.push({ weight, keys, any: src.kind === 'tenure' });
    }
    inputs.sort((a, b) => b.weight - a.weight);
    hit = { inputs, total: inputs.reduce((a, i) => a + i.weight, 0) };
    coverageInputs.set(model, hit);
  }
  return hit;
}

/**
 * Whether the row has the inputs carrying at least `minShare` of the model's importance (importanceOf). Below
 * core/risk/signal.ts MIN_COVERAGE the model abstains for that customer: with most of its inputs imputed its P is
 * near the training base rate whoever the customer is (docs/product.md §4.4). Only the raw cells' presence is
 * looked at, heaviest features first, stopping as soon as the answer is known: a recompute pays a fraction of a
 * prediction for it.
 */
export function modelHasInputs(model: SerializedModel, row: Record<string, unknown>, minShare: number): boolean {
  const { inputs, total } = coverageInputsOf(model);
  if (!(total > 0)) return true;
  const need = minShare * total;
  const allowMissing = total - need;
  let present = 0;
  let missing = 0;
  for (const input of inputs) {
    let ok = !input.any;
    for (const key of input.keys) {
      const has = !isMissing(rawValue(row, key));
      if (input.any ? has : !has) {
        ok = input.any;
        break;
      }
    }
    if (ok) {
      present += input.weight;
      if (present >= need) return true;
    } else {
      missing += input.weight;
      if (missing > allowMissing) return false;
    }
  }
  return present >= need;
}

/** The row keys a model reads (canonical columns or extra attributes), so a scan can fetch only those. */
export function modelInputKeys(model: SerializedModel): string[] {
  const keys = new Set<string>();
  for (const f of model.features.features) {
    if (f.type === 'categorical') keys.add(f.key);
    else {
      const src = f.source;
      if (src.kind === 'value' || src.kind === 'daysUntil' || src.kind === 'daysSince') keys.add(src.key);
      else if (src.kind === 'ratio') keys.add(src.num).add(src.den);
      else if (src.kind === 'diff') keys.add(src.a).add(src.b);
      else keys.add('tenure_months').add('join_date');
    }
  }
  return [...keys];
}

/** P(churn) for one row with its largest contributions. */
export function predictChurn(model: SerializedModel, row: Record<string, unknown>, today: string, top = 5): ChurnPrediction {
  const todayDay = dayNumber(today);
  const rt = runtimeOf(model);
  const fs = model.features.features;
  const perFeature = new Float64Array(fs.length);
  // A blend's logit is w·trees + (1−w)·logistic, so its contributions are the same mixture of the two models'.
  const wTrees = model.method === 'blend' ? (model.blend?.gbdtWeight ?? 0.5) : model.method === 'gbdt' ? 1 : 0;
  let logit = 0;
  if (wTrees < 1) {
    const lr = model.logistic!;
    rt.encoder.encodeLinear(row, todayDay, rt.lin, 0);
    logit += (1 - wTrees) * logisticMargin(lr, rt.lin, 0);
    rt.encoder.linearColumns.forEach((c, j) => (perFeature[c.feature]! += (1 - wTrees) * lr.coef[j]! * rt.lin[j]!));
  }
  if (wTrees > 0) {
    const gb = model.gbdt!;
    rt.encoder.encodeTree(row, todayDay, rt.tree, 0);
    logit += wTrees * gbdtMargin(gb, rt.tree, 0);
    gbdtContributions(gb, rt.tree, 0).contributions.forEach((c, f) => (perFeature[f]! += wTrees * c));
  }
  const contributions: Contribution[] = fs
    .map((f, i) => ({ feature: f.name, label: f.label.en, labelZh: f.label.zh, value: rt.encoder.display(row, todayDay, i), contribution: perFeature[i]! }))
    .filter((c) => c.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1))
    .slice(0, top);
  return { p: sigmoid(logit), logit, contributions };
}

/** Parses a stored model (JSON text or object) and checks its shape enough to use it safely. */
export function parseModel(json: string | unknown): SerializedModel {
  const m = (typeof json === 'string' ? JSON.parse(json) : json) as SerializedModel;
  if (!m || m.format !== 'retention-desk/churn-model' || m.version !== 1) throw new Error('not a churn model of a known version');
  const ok = m.method === 'logistic' ? !!m.logistic : m.method === 'gbdt' ? !!m.gbdt : m.method === 'blend' ? !!(m.logistic && m.gbdt) : false;
  if (!ok) throw new Error('churn model lacks its parameters');
  return m;
}
