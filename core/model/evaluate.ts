/**
 * Quality measures for a churn score on labelled rows: the figures a supervisor sees before activating a model.
 *
 * Everything here is exact and handles tied scores (a boosted model gives many customers the same score):
 *  - AUC is the Mann–Whitney statistic with tied pairs counting one half;
 *  - the gains table allocates a tie group that straddles a decile boundary proportionally, so the table does
 *    not depend on the order rows happened to arrive in.
 */
import { Rng } from '../demo/random';

/** Stratified split: the same share of churners in both parts. Seeded, so a model's holdout is reproducible. */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error('testFraction must lie strictly between 0 and 1');
  const rng = new Rng(seed, 0x5eed);
  const groups: number[][] = [[], []];
  for (let i = 0; i < labels.length; i++) groups[labels[i] === 1 ? 1 : 0]!.push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const g of groups) {
    for (let i = g.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = g[i]!;
      g[i] = g[j]!;
      g[j] = t;
    }
    const k = Math.round(g.length * testFraction);
    for (let i = 0; i < g.length; i++) (i < k ? test : train).push(g[i]!);
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * Stratified k-fold assignment: fold[i] ∈ 0..k−1 for every row, each class shuffled (seeded) and dealt round-robin
 * so every fold holds the same share of churners (±1 row) and every row is in exactly one test fold. The second
 * class continues the deal where the first stopped, so fold sizes differ by at most one.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!(Number.isInteger(k) && k >= 2)) throw new Error('k must be an integer ≥ 2');
  if (labels.length < k) throw new Error('fewer rows than folds');
  const rng = new Rng(seed, 0xf01d);
  const groups: number[][] = [[], []];
  for (let i = 0; i < labels.length; i++) groups[labels[i] === 1 ? 1 : 0]!.push(i);
  const fold = new Int32Array(labels.length);
  let deal = 0;
  for (const g of groups) {
    for (let i = g.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = g[i]!;
      g[i] = g[j]!;
      g[j] = t;
    }
    for (const i of g) fold[i] = deal++ % k;
  }
  return fold;
}

/** Mean and sample standard deviation (n − 1) of a few figures, e.g. the AUC of each fold. */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  let s2 = 0;
  for (const v of values) s2 += (v - mean) * (v - mean);
  return { mean, sd: n > 1 ? Math.sqrt(s2 / (n - 1)) : 0 };
}

/** Indices sorted by descending score (stable: equal scores keep their input order). */
function orderDesc(scores: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  // Sorting a Float64Array of keys is much faster than a comparator over indices; pack index as tiebreak.
  return idx.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

interface TieGroup {
  n: number;
  pos: number;
  score: number;
}

function tieGroups(scores: ArrayLike<number>, labels: ArrayLike<number>): TieGroup[] {
  const order = orderDesc(scores);
  const groups: TieGroup[] = [];
  let cur: TieGroup | null = null;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const s = scores[i] as number;
    if (!cur || s !== cur.score) {
      cur = { n: 0, pos: 0, score: s };
      groups.push(cur);
    }
    cur.n++;
    if (labels[i] === 1) cur.pos++;
  }
  return groups;
}

function checkInputs(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
  for (let i = 0; i < scores.length; i++) if (Number.isNaN(scores[i] as number)) throw new Error('a score is NaN');
}

/** ROC AUC: P(score of a random churner > score of a random non-churner), ties counting ½. NaN if a class is empty. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkInputs(scores, labels);
  const groups = tieGroups(scores, labels);
  let pos = 0;
  let neg = 0;
  for (const g of groups) {
    pos += g.pos;
    neg += g.n - g.pos;
  }
  if (pos === 0 || neg === 0) return NaN;
  // Walking down the scores: each negative is beaten by all positives above it, and ties with those beside it.
  let posAbove = 0;
  let sum = 0;
  for (const g of groups) {
    const gNeg = g.n - g.pos;
    sum += gNeg * (posAbove + g.pos / 2);
    posAbove += g.pos;
  }
  return sum / (pos * neg);
}

export interface RocPoint {
  /** False-positive rate. */
  fpr: number;
  /** True-positive rate (recall). */
  tpr: number;
  /** Score threshold: rows scoring ≥ threshold are flagged. */
  threshold: number;
}

/** ROC curve at every distinct score, thinned to at most `maxPoints` (ends kept) for a chart. */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 201): RocPoint[] {
  checkInputs(scores, labels);
  const groups = tieGroups(scores, labels);
  let pos = 0;
  let neg = 0;
  for (const g of groups) {
    pos += g.pos;
    neg += g.n - g.pos;
  }
  const all: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (const g of groups) {
    tp += g.pos;
    fp += g.n - g.pos;
    all.push({ fpr: neg ? fp / neg : 0, tpr: pos ? tp / pos : 0, threshold: g.score });
  }
  if (all.length <= maxPoints) return all;
  const out: RocPoint[] = [];
  const step = (all.length - 1) / (maxPoints - 1);
  for (let k = 0; k < maxPoints; k++) out.push(all[Math.round(k * step)]!);
  return out;
}

export interface GainsRow {
  /** 1 = the highest-scored tenth. */
  decile: number;
  /** Cumulative share of customers contacted, 0..1 (0.1, 0.2, …). */
  customersPct: number;
  /** Customers in this decile (fractional when a tie group straddles a boundary). */
  customers: number;
  /** Churners in this decile (fractional likewise). */
  churners: number;
  /** Churn rate within this decile. */
  churnRate: number;
  /** Cumulative share of all churners captured down to this decile, 0..1. */
  capturedPct: number;
  /** Cumulative lift: capturedPct / customersPct. */
  lift: number;
  /** This decile's churn rate over the base rate. */
  decileLift: number;
}

/** Gains table by decile of descending score; ties straddling a boundary are split proportionally. */
export function gainsTable(scores: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): GainsRow[] {
  checkInputs(scores, labels);
  const n = scores.length;
  const groups = tieGroups(scores, labels);
  let totalPos = 0;
  for (const g of groups) totalPos += g.pos;
  const base = n ? totalPos / n : 0;
  // Cumulative positives captured at a (fractional) number of customers k.
  const cumPos = (k: number): number => {
    let seen = 0;
    let p = 0;
    for (const g of groups) {
      if (seen + g.n <= k) {
        seen += g.n;
        p += g.pos;
      } else {
        p += (g.pos * (k - seen)) / g.n;
        break;
      }
    }
    return p;
  };
  const rows: GainsRow[] = [];
  let prevK = 0;
  let prevP = 0;
  for (let d = 1; d <= bins; d++) {
    const k = (n * d) / bins;
    const p = d === bins ? totalPos : cumPos(k);
    const customers = k - prevK;
    const churners = p - prevP;
    const churnRate = customers > 0 ? churners / customers : 0;
    const capturedPct = totalPos ? p / totalPos : 0;
    rows.push({
      decile: d,
      customersPct: d / bins,
      customers,
      churners,
      churnRate,
      capturedPct,
      lift: capturedPct / (d / bins),
      decileLift: base > 0 ? churnRate / base : 0,
    });
    prevK = k;
    prevP = p;
  }
  return rows;
}

/** Churn rate among the top 10% by score over the overall churn rate. */
export function topDecileLift(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return gainsTable(scores, labels, 10)[0]?.lift ?? NaN;
}

export interface CalibrationBin {
  /** Bin bounds on predicted probability: [lo, hi) (the last bin includes 1). */
  lo: number;
  hi: number;
  n: number;
  meanPredicted: number;
  /** Observed churn rate in the bin; NaN for an empty bin. */
  observed: number;
}

/** Reliability table: `bins` equal-width bins of predicted probability, mean predicted vs observed rate. */
export function calibration(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkInputs(probs, labels);
  const n = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as number;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    n[b]!++;
    sp[b]! += p;
    sy[b]! += labels[i] === 1 ? 1 : 0;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const c = n[b]!;
    out.push({ lo: b / bins, hi: (b + 1) / bins, n: c, meanPredicted: c ? sp[b]! / c : NaN, observed: c ? sy[b]! / c : NaN });
  }
  return out;
}

/** Mean negative log-likelihood (natural log); probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkInputs(probs, labels);
  let s = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probs[i] as number));
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return probs.length ? s / probs.length : NaN;
}

/** Mean squared error of the probability. */
export function brierScore(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkInputs(probs, labels);
  let s = 0;
  for (let i = 0; i < probs.length; i++) {
    const d = (probs[i] as number) - (labels[i] === 1 ? 1 : 0);
    s += d * d;
  }
  return probs.length ? s / probs.length : NaN;
}

export interface EvaluationMetrics {
  n: number;
  positives: number;
  auc: number;
  topDecileLift: number;
  logLoss: number;
  brier: number;
  gains: GainsRow[];
  calibration: CalibrationBin[];
  roc: RocPoint[];
}

export function evaluate(probs: ArrayLike<number>, labels: ArrayLike<number>): EvaluationMetrics {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const gains = gainsTable(probs, labels, 10);
  return {
    n: probs.length,
    positives,
    auc: rocAuc(probs, labels),
    topDecileLift: gains[0]?.lift ?? NaN,
    logLoss: logLoss(probs, labels),
    brier: brierScore(probs, labels),
    gains,
    calibration: calibration(probs, labels, 10),
    roc: rocCurve(probs, labels),
  };
}
