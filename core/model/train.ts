/**
 * Training and using the learned churn model (docs/product.md §4.2): labelled rows in, a JSON-serialisable model and
 * its quality figures out.
 *
 * Protocol (so the reported holdout figures are honest):
 *  1. rows with a readable label are split, stratified and seeded, into a training part and a holdout
 *     (default 25%) that nothing below ever looks at until the final evaluation;
 *  2. the feature pipeline is learned on the training part only;
 *  3. the training part is split again (stratified, 20%) into inner-train and validation. Each candidate
 *     method is fitted on inner-train and scored on validation; validation also stops the boosting. With
 *     method 'auto' the better validation AUC wins (the regularised logistic regression is kept on a tie);
 *  4. the chosen method is refitted on the whole training part (boosting for the number of rounds that
 *     validation chose, scaled up for the larger sample) and evaluated once on the holdout.
 */
import { dayNumber } from '../calendar';
import { evaluate, rocAuc, stratifiedSplit, type EvaluationMetrics } from './evaluate';
import { buildEncoder, fitFeatureSpec, isMissing, parseLabel, rawValue, type Encoder, type FeatureSpec } from './features';
import { gbdtContributions, gbdtMargin, trainGbdt, type GbdtModel, type GbdtOptions } from './gbdt';
import { logisticMargin, sigmoid, trainLogistic, type LogisticModel, type LogisticOptions } from './logistic';

export type ModelMethod = 'logistic' | 'gbdt';

export interface SerializedModel {
  format: 'retention-desk/churn-model';
  version: 1;
  method: ModelMethod;
  /** What the model was trained on (no wall-clock time: the same inputs give the same JSON). */
  trainedOn: { today: string; seed: number; rows: number; positives: number; holdoutShare: number; labelKey: string };
  features: FeatureSpec;
  logistic?: LogisticModel;
  gbdt?: GbdtModel;
}

export interface TrainProgress {
  stage: 'prepare' | 'logistic' | 'gbdt' | 'refit' | 'evaluate';
  /** Overall progress, 0..1. */
  fraction: number;
}

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
  gbdt?: GbdtOptions;
  onProgress?: (p: TrainProgress) => void;
  /** A millisecond clock for the timings in `compared` (core takes no time source of its own). */
  clock?: () => number;
}

export interface ComparedMethod {
  method: ModelMethod;
  /** AUC on the validation part of the training data (what the choice was made on). */
  validationAuc: number;
  /** AUC on the holdout of the candidate fitted on inner-train (for information; not used for the choice). */
  holdoutAuc: number;
  /** Fitting time on inner-train, when a clock was given. */
  trainMs?: number;
}

export interface TrainChurnResult {
  model: SerializedModel;
  metrics: {
    holdout: EvaluationMetrics;
    train: EvaluationMetrics;
    compared: ComparedMethod[];
  };
  /** Global importance per feature (|coefficient| × 1 sd summed per feature, or split gain), largest first. */
  importance: { feature: string; label: string; labelZh: string; importance: number }[];
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

export function trainChurnModel(input: Iterable<Record<string, unknown>>, opts: TrainChurnOptions): TrainChurnResult {
  const labelKey = opts.labelKey ?? 'churned';
  const holdoutShare = opts.holdout ?? 0.25;
  const method = opts.method ?? 'auto';
  const clock = opts.clock ?? ((): number => NaN);
  const report = (stage: TrainProgress['stage'], fraction: number): void => opts.onProgress?.({ stage, fraction: Math.min(1, Math.max(0, fraction)) });
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
  const inner = stratifiedSplit(pick(y, outer.train), 0.2, opts.seed + 1);
  const innerTrain = sub(outer.train, inner.train);
  const innerValid = sub(outer.train, inner.test);
  const d = p.encoder.linearColumns.length;
  const yHold = pick(y, outer.test);
  report('prepare', 0.05);

  const wantLogistic = method === 'auto' || method === 'logistic';
  const wantGbdt = method === 'auto' || method === 'gbdt';
  const compared: ComparedMethod[] = [];
  let validRounds = 0;

  if (wantLogistic) {
    const t0 = clock();
    const X = linearMatrix(p, innerTrain);
    const lr = trainLogistic(X, pick(y, innerTrain), d, opts.logistic, (f) => report('logistic', 0.05 + 0.1 * f));
    const score = (idx: Int32Array): Float64Array => {
      const Xv = linearMatrix(p, idx);
      const out = new Float64Array(idx.length);
      for (let k = 0; k < idx.length; k++) out[k] = logisticMargin(lr, Xv, k * d);
      return out;
    };
    const trainMs = clock() - t0;
    compared.push({ method: 'logistic', validationAuc: rocAuc(score(innerValid), pick(y, innerValid)), holdoutAuc: rocAuc(score(outer.test), yHold), ...(trainMs === trainMs ? { trainMs } : {}) });
  }
  if (wantGbdt) {
    const t0 = clock();
    const gb = trainGbdt(
      { cols: treeColumns(p, innerTrain), y: pick(y, innerTrain) },
      { seed: opts.seed, ...opts.gbdt },
      { cols: treeColumns(p, innerValid), y: pick(y, innerValid) },
      (f) => report('gbdt', 0.15 + 0.45 * f),
    );
    validRounds = gb.info.bestRound;
    const score = (idx: Int32Array): Float64Array => {
      const F = spec.features.length;
      const buf = new Float64Array(F);
      const out = new Float64Array(idx.length);
      for (let k = 0; k < idx.length; k++) {
        p.encoder.encodeTree(rows[idx[k]!]!, todayDay, buf, 0);
        out[k] = gbdtMargin(gb.model, buf, 0);
      }
      return out;
    };
    const trainMs = clock() - t0;
    compared.push({ method: 'gbdt', validationAuc: rocAuc(score(innerValid), pick(y, innerValid)), holdoutAuc: rocAuc(score(outer.test), yHold), ...(trainMs === trainMs ? { trainMs } : {}) });
  }

  let chosen: ModelMethod;
  if (method !== 'auto') chosen = method;
  else {
    const lr = compared.find((c) => c.method === 'logistic')!;
    const gb = compared.find((c) => c.method === 'gbdt')!;
    chosen = gb.validationAuc > lr.validationAuc ? 'gbdt' : 'logistic';
  }

  // Refit the chosen method on the whole training part.
  report('refit', 0.6);
  const model: SerializedModel = {
    format: 'retention-desk/churn-model',
    version: 1,
    method: chosen,
    trainedOn: { today: opts.today, seed: opts.seed, rows: outer.train.length, positives: positives - countOnes(yHold), holdoutShare, labelKey },
    features: spec,
  };
  if (chosen === 'logistic') {
    model.logistic = trainLogistic(linearMatrix(p, outer.train), pick(y, outer.train), d, opts.logistic, (f) => report('refit', 0.6 + 0.3 * f));
  } else {
    const rounds = Math.max(1, Math.round(validRounds * 1.1));
    model.gbdt = trainGbdt(
      { cols: treeColumns(p, outer.train), y: pick(y, outer.train) },
      { seed: opts.seed, ...opts.gbdt, rounds },
      undefined,
      (f) => report('refit', 0.6 + 0.3 * f),
    ).model;
  }

  report('evaluate', 0.9);
  const predictor = createPredictor(model, opts.today);
  const probs = (idx: Int32Array): Float64Array => Float64Array.from(idx, (i) => predictor(rows[i]!));
  const metrics = {
    holdout: evaluate(probs(outer.test), yHold),
    train: evaluate(probs(outer.train), pick(y, outer.train)),
    compared,
  };
  report('evaluate', 1);
  return { model, metrics, importance: importanceOf(model) };
}

function countOnes(a: Uint8Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

function importanceOf(model: SerializedModel): TrainChurnResult['importance'] {
  const fs = model.features.features;
  const imp = new Float64Array(fs.length);
  if (model.logistic) {
    const enc = buildEncoder(model.features);
    enc.linearColumns.forEach((c, j) => (imp[c.feature]! += Math.abs(model.logistic!.coef[j] ?? 0)));
  } else if (model.gbdt) {
    model.gbdt.gain.forEach((g, f) => (imp[f] = g));
  }
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

/** A fast scorer for many rows: row → P(churn). */
export function createPredictor(model: SerializedModel, today: string): (row: Record<string, unknown>) => number {
  const todayDay = dayNumber(today);
  const { encoder } = runtimeOf(model);
  if (model.method === 'logistic') {
    const lr = model.logistic;
    if (!lr) throw new Error('logistic model without coefficients');
    const buf = new Float64Array(encoder.linearColumns.length);
    return (row) => {
      encoder.encodeLinear(row, todayDay, buf, 0);
      return sigmoid(logisticMargin(lr, buf, 0));
    };
  }
  const gb = model.gbdt;
  if (!gb) throw new Error('boosted model without trees');
  const buf = new Float64Array(model.features.features.length);
  return (row) => {
    encoder.encodeTree(row, todayDay, buf, 0);
    return sigmoid(gbdtMargin(gb, buf, 0));
  };
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
  let logit: number;
  if (model.method === 'logistic') {
    const lr = model.logistic!;
    rt.encoder.encodeLinear(row, todayDay, rt.lin, 0);
    logit = logisticMargin(lr, rt.lin, 0);
    rt.encoder.linearColumns.forEach((c, j) => (perFeature[c.feature]! += lr.coef[j]! * rt.lin[j]!));
  } else {
    const gb = model.gbdt!;
    rt.encoder.encodeTree(row, todayDay, rt.tree, 0);
    logit = gbdtMargin(gb, rt.tree, 0);
    perFeature.set(gbdtContributions(gb, rt.tree, 0).contributions);
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
  if (m.method === 'logistic' ? !m.logistic : m.method === 'gbdt' ? !m.gbdt : true) throw new Error('churn model lacks its parameters');
  return m;
}
