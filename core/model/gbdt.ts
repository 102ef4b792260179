/**
 * Gradient-boosted decision trees for binary log-loss, histogram-based (in the manner of LightGBM/XGBoost's
 * `hist` method), compact enough to read in one sitting.
 *
 *  - Each feature is cut into at most `maxBins` bins at quantiles of the training values (midpoints between
 *    distinct values when there are few); bin 0 holds missing values (NaN), and every split learns which side
 *    missing values go to.
 *  - Trees grow depth-wise to `maxDepth`; a node's histogram of gradient/hessian sums is built for the smaller
 *    child and obtained for the larger one by subtraction. Leaves take the Newton step −G/(H+λ), shrunk by the
 *    learning rate. Rows and columns are subsampled per tree with a seeded generator: same seed, same model.
 *  - With a validation set, boosting stops when its log-loss has not improved for `earlyStoppingRounds` and
 *    the model is cut back to the best round.
 *  - The model is a set of flat arrays (JSON-friendly); prediction walks them without allocation.
 *  - Contributions are path-based (Saabas): each split on a row's path credits the change in node value to the
 *    split feature; with the base score they sum exactly to the row's logit.
 */
import { Rng } from '../demo/random';

export interface GbdtOptions {
  rounds?: number;
  learningRate?: number;
  maxDepth?: number;
  /** Minimum rows in a leaf. */
  minLeaf?: number;
  /** Minimum hessian sum in a leaf. */
  minChildWeight?: number;
  /** L2 on leaf values. */
  lambda?: number;
  /** Minimum gain for a split. */
  minGain?: number;
  subsample?: number;
  colsample?: number;
  maxBins?: number;
  earlyStoppingRounds?: number;
  seed?: number;
  /**
   * Keep only the trees up to the best validation round (default true). Cross-validation turns it off: it needs
   * each fold's whole loss curve and its trees, to pick one round count for all folds (train.ts).
   */
  cutToBest?: boolean;
}

export interface GbdtModel {
  /** Initial logit (base rate). */
  base: number;
  nFeatures: number;
  /** Root node index of each tree. */
  roots: number[];
  /** Per node: split feature, or −1 for a leaf. */
  feature: number[];
  /** Per node: rows with value ≤ threshold go left. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Per node: 1 when missing values go left. */
  missingLeft: number[];
  /** Per node: its value (the leaf value for leaves; the would-be leaf value for splits, used by contributions). */
  value: number[];
  /** Total split gain per feature (a global importance). */
  gain: number[];
}

export interface GbdtTrainInfo {
  rounds: number;
  bestRound: number;
  validLogLoss: number[];
}

export interface GbdtData {
  /** Column-major: cols[f][i] is feature f of row i; NaN is missing. */
  cols: readonly Float64Array[];
  y: ArrayLike<number>;
}

const defaults: Required<GbdtOptions> = {
  rounds: 500,
  learningRate: 0.06,
  maxDepth: 5,
  minLeaf: 30,
  minChildWeight: 1e-3,
  lambda: 1,
  minGain: 0,
  subsample: 0.8,
  colsample: 0.8,
  maxBins: 128,
  earlyStoppingRounds: 40,
  seed: 1,
  cutToBest: true,
};

/* --------------------------------------------------------------------------------------------------- bins */

function makeEdges(col: Float64Array, maxBins: number): Float64Array {
  const n = col.length;
  // A deterministic evenly spaced sample keeps quantiles cheap on large data.
  const stride = Math.max(1, Math.floor(n / 50_000));
  const vals: number[] = [];
  for (let i = 0; i < n; i += stride) {
    const v = col[i]!;
    if (v === v) vals.push(v);
  }
  const sorted = Float64Array.from(vals).sort();
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) uniq.push(sorted[i]!);
  const maxEdges = maxBins - 2; // bins: 0 missing, 1..edges+1
  if (uniq.length <= maxEdges + 1) {
    const e: number[] = [];
    for (let i = 1; i < uniq.length; i++) e.push((uniq[i - 1]! + uniq[i]!) / 2);
    return Float64Array.from(e);
  }
  const e: number[] = [];
  for (let k = 1; k <= maxEdges; k++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / (maxEdges + 1)))]!;
    // Cut between q and the next distinct value, so equal values always share a bin.
    let lo = 0;
    let hi = uniq.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid]! < q) lo = mid + 1;
      else hi = mid;
    }
    if (lo + 1 < uniq.length) {
      const cut = (uniq[lo]! + uniq[lo + 1]!) / 2;
      if (e.length === 0 || cut > e[e.length - 1]!) e.push(cut);
    }
  }
  return Float64Array.from(e);
}

function binOf(edges: Float64Array, v: number): number {
  if (v !== v) return 0;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Row-major bin matrix n × F. */
function binMatrix(cols: readonly Float64Array[], edges: readonly Float64Array[], n: number): Uint8Array {
  const F = cols.length;
  const out = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) {
    const c = cols[f]!;
    const e = edges[f]!;
    for (let i = 0; i < n; i++) out[i * F + f] = binOf(e, c[i]!);
  }
  return out;
}

/* --------------------------------------------------------------------------------------------------- training */

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function trainGbdt(
  train: GbdtData,
  options: GbdtOptions = {},
  valid?: GbdtData,
  onProgress?: (fraction: number) => void,
): { model: GbdtModel; info: GbdtTrainInfo } {
  const o = { ...defaults, ...options };
  const F = train.cols.length;
  const n = train.y.length;
  const maxBins = Math.max(3, Math.min(256, o.maxBins));
  const edges = train.cols.map((c) => makeEdges(c, maxBins));
  const nb = edges.map((e) => e.length + 2);
  const offs = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) offs[f + 1] = offs[f]! + nb[f]!;
  const totalBins = offs[F]!;
  const bins = binMatrix(train.cols, edges, n);
  const nv = valid ? valid.y.length : 0;
  const vbins = valid ? binMatrix(valid.cols, edges, nv) : new Uint8Array(0);

  const y = new Float64Array(n);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i] = train.y[i] === 1 ? 1 : 0;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, n ? pos / n : 0.5));
  const base = Math.log(rate / (1 - rate));
  const score = new Float64Array(n).fill(base);
  const vscore = new Float64Array(nv).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const rng = new Rng(o.seed, 0x6bd7);

  const model: GbdtModel = { base, nFeatures: F, roots: [], feature: [], threshold: [], left: [], right: [], missingLeft: [], value: [], gain: new Array<number>(F).fill(0) };
  // Training-side twin of the split thresholds: the bin index of each split.
  const splitBin: number[] = [];
  const nodeGain: number[] = [];
  const validLogLoss: number[] = [];
  let best = Infinity;
  let bestRound = 0;
  let bestNodeCount = 0;

  const idx = new Int32Array(n);
  const tmp = new Int32Array(n);
  const pool: Float64Array[] = [];
  const takeHist = (): Float64Array => {
    const a = pool.pop();
    if (a) {
      a.fill(0);
      return a;
    }
    return new Float64Array(totalBins * 3);
  };
  const buildHist = (hist: Float64Array, start: number, end: number): void => {
    for (let k = start; k < end; k++) {
      const r = idx[k]!;
      const gr = g[r]!;
      const hr = h[r]!;
      const b0 = r * F;
      for (let f = 0; f < F; f++) {
        const p = (offs[f]! + bins[b0 + f]!) * 3;
        hist[p]! += gr;
        hist[p + 1]! += hr;
        hist[p + 2]!++;
      }
    }
  };
  const leafValue = (G: number, H: number): number => (-G / (H + o.lambda)) * o.learningRate;
  const active = new Uint8Array(F);

  const findSplit = (hist: Float64Array, G: number, H: number, C: number): Split | null => {
    let bestSplit: Split | null = null;
    const parentScore = (G * G) / (H + o.lambda);
    for (let f = 0; f < F; f++) {
      if (!active[f]) continue;
      const o0 = offs[f]! * 3;
      const gm = hist[o0]!;
      const hm = hist[o0 + 1]!;
      const cm = hist[o0 + 2]!;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      const last = nb[f]! - 1;
      for (let b = 1; b < last; b++) {
        const p = o0 + b * 3;
        gl += hist[p]!;
        hl += hist[p + 1]!;
        cl += hist[p + 2]!;
        for (let side = 0; side < (cm > 0 ? 2 : 1); side++) {
          const GL = side ? gl + gm : gl;
          const HL = side ? hl + hm : hl;
          const CL = side ? cl + cm : cl;
          const GR = G - GL;
          const HR = H - HL;
          const CR = C - CL;
          if (CL < o.minLeaf || CR < o.minLeaf || HL < o.minChildWeight || HR < o.minChildWeight) continue;
          const gain = (GL * GL) / (HL + o.lambda) + (GR * GR) / (HR + o.lambda) - parentScore;
          if (gain > o.minGain && (!bestSplit || gain > bestSplit.gain)) {
            bestSplit = { gain, feature: f, bin: b, missingLeft: cm > 0 ? side === 1 : HL >= HR };
          }
        }
      }
    }
    return bestSplit;
  };

  interface Pending {
    node: number;
    start: number;
    end: number;
    hist: Float64Array;
    G: number;
    H: number;
    depth: number;
  }

  const addNode = (value: number): number => {
    model.feature.push(-1);
    model.threshold.push(0);
    model.left.push(-1);
    model.right.push(-1);
    model.missingLeft.push(0);
    model.value.push(value);
    splitBin.push(0);
    nodeGain.push(0);
    return model.feature.length - 1;
  };

  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i]!);
      g[i] = p - y[i]!;
      h[i] = Math.max(p * (1 - p), 1e-16);
    }
    let m = 0;
    for (let i = 0; i < n; i++) if (o.subsample >= 1 || rng.next() < o.subsample) idx[m++] = i;
    let anyActive = false;
    for (let f = 0; f < F; f++) {
      active[f] = o.colsample >= 1 || rng.next() < o.colsample ? 1 : 0;
      if (active[f]) anyActive = true;
    }
    if (!anyActive && F > 0) active[Math.floor(rng.next() * F)] = 1;

    const rootHist = takeHist();
    buildHist(rootHist, 0, m);
    let G0 = 0;
    let H0 = 0;
    for (let k = 0; k < m; k++) {
      G0 += g[idx[k]!]!;
      H0 += h[idx[k]!]!;
    }
    const root = addNode(leafValue(G0, H0));
    model.roots.push(root);
    let level: Pending[] = [{ node: root, start: 0, end: m, hist: rootHist, G: G0, H: H0, depth: 0 }];
    while (level.length > 0) {
      const next: Pending[] = [];
      for (const nd of level) {
        const split = nd.depth < o.maxDepth ? findSplit(nd.hist, nd.G, nd.H, nd.end - nd.start) : null;
        if (!split) {
          pool.push(nd.hist);
          continue;
        }
        // Partition rows (stable) into left | right.
        const { feature: f, bin: sb, missingLeft: ml } = split;
        let a = nd.start;
        let t = 0;
        for (let k = nd.start; k < nd.end; k++) {
          const r = idx[k]!;
          const b = bins[r * F + f]!;
          if (b === 0 ? ml : b <= sb) idx[a++] = r;
          else tmp[t++] = r;
        }
        idx.set(tmp.subarray(0, t), a);
        const mid = a;
        let GL = 0;
        let HL = 0;
        for (let k = nd.start; k < mid; k++) {
          GL += g[idx[k]!]!;
          HL += h[idx[k]!]!;
        }
        const GR = nd.G - GL;
        const HR = nd.H - HL;
        const ln = addNode(leafValue(GL, HL));
        const rn = addNode(leafValue(GR, HR));
        model.feature[nd.node] = f;
        model.threshold[nd.node] = edges[f]![sb - 1]!;
        model.missingLeft[nd.node] = ml ? 1 : 0;
        model.left[nd.node] = ln;
        model.right[nd.node] = rn;
        splitBin[nd.node] = sb;
        nodeGain[nd.node] = split.gain;
        // Histogram of the smaller child by scan, the larger by subtraction.
        const leftSmaller = mid - nd.start <= nd.end - mid;
        const small = takeHist();
        if (leftSmaller) buildHist(small, nd.start, mid);
        else buildHist(small, mid, nd.end);
        const large = nd.hist;
        for (let p = 0; p < large.length; p++) large[p]! -= small[p]!;
        const lh = leftSmaller ? small : large;
        const rh = leftSmaller ? large : small;
        next.push({ node: ln, start: nd.start, end: mid, hist: lh, G: GL, H: HL, depth: nd.depth + 1 });
        next.push({ node: rn, start: mid, end: nd.end, hist: rh, G: GR, H: HR, depth: nd.depth + 1 });
      }
      level = next;
    }
    // Update every row's score (sampled or not) with the new tree, on bins.
    const walk = (bm: Uint8Array, r: number): number => {
      let node = root;
      while (model.feature[node]! >= 0) {
        const b = bm[r * F + model.feature[node]!]!;
        node = (b === 0 ? model.missingLeft[node] === 1 : b <= splitBin[node]!) ? model.left[node]! : model.right[node]!;
      }
      return model.value[node]!;
    };
    for (let i = 0; i < n; i++) score[i]! += walk(bins, i);
    if (valid) {
      let ll = 0;
      for (let i = 0; i < nv; i++) {
        const z = (vscore[i]! += walk(vbins, i));
        const yi = valid.y[i] === 1 ? 1 : 0;
        ll += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - yi * z;
      }
      ll /= Math.max(1, nv);
      validLogLoss.push(ll);
      if (ll < best - 1e-9) {
        best = ll;
        bestRound = round + 1;
        bestNodeCount = model.feature.length;
      } else if (round + 1 - bestRound >= o.earlyStoppingRounds) {
        break;
      }
    } else {
      bestRound = round + 1;
      bestNodeCount = model.feature.length;
    }
    onProgress?.((round + 1) / o.rounds);
  }
  // Cut back to the best round (nodes of later trees sit after bestNodeCount).
  const rounds = model.roots.length;
  if (o.cutToBest && bestRound < rounds) {
    model.roots.length = bestRound;
    for (const k of ['feature', 'threshold', 'left', 'right', 'missingLeft', 'value'] as const) model[k].length = bestNodeCount;
  }
  for (let node = 0; node < model.feature.length; node++) {
    const f = model.feature[node]!;
    if (f >= 0) model.gain[f]! += nodeGain[node]!;
  }
  onProgress?.(1);
  return { model, info: { rounds, bestRound, validLogLoss } };
}

/* --------------------------------------------------------------------------------------------------- prediction */

interface Compiled {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  value: Float64Array;
  /** Each node's left child at 2·node and right child at 2·node + 1. */
  children: Int32Array;
}

const compiledCache = new WeakMap<GbdtModel, Compiled>();

function compile(model: GbdtModel): Compiled {
  let c = compiledCache.get(model);
  if (!c) {
    c = {
      roots: Int32Array.from(model.roots),
      feature: Int32Array.from(model.feature),
      threshold: Float64Array.from(model.threshold),
      // Stored 1 left, anything else right, as the walk has always read it (`=== 1`): it indexes by the value now.
      missingLeft: Uint8Array.from(Uint8Array.from(model.missingLeft), (m) => (m === 1 ? 1 : 0)),
      value: Float64Array.from(model.value),
      children: Int32Array.from(model.left.flatMap((l, i) => [l, model.right[i]!])),
    };
    compiledCache.set(model, c);
  }
  return c;
}

/** Logit for one row's tree vector x[offset … offset+nFeatures), from the first `rounds` trees (default all). */
export function gbdtMargin(model: GbdtModel, x: ArrayLike<number>, offset = 0, rounds = Infinity): number {
  const c = compile(model);
  const { roots, feature, threshold, children, missingLeft, value } = c;
  let z = model.base;
  const last = Math.min(roots.length, rounds);
  for (let t = 0; t < last; t++) {
    let node = roots[t]!;
    let f = feature[node]!;
    while (f >= 0) {
      const v = x[offset + f] as number;
      // The child by index (left, right side by side) rather than by a branch on the comparison, which a CPU guesses
      // wrong about half the time: the bench's blend 4.1 → 3.8 s per million (docs/scoring-storage.md).
      node = children[2 * node + (v !== v ? missingLeft[node]! ^ 1 : +(v > threshold[node]!))]!;
      f = feature[node]!;
    }
    z += value[node]!;
  }
  return z;
}

/**
 * Walks each tree's path for the tree vector x as gbdtMargin does, and at each split on a feature that `watched` marks
 * asks `visit(feature, threshold)`: the smallest answer, Infinity when none (core/model/horizon.ts: the first day a
 * row's path through the trees could change is the first day one of the splits on its path answers otherwise).
 */
export function gbdtPathMin(model: GbdtModel, x: ArrayLike<number>, watched: Uint8Array, visit: (feature: number, threshold: number) => number): number {
  const { roots, feature, threshold, children, missingLeft } = compile(model);
  let least = Infinity;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    let f = feature[node]!;
    while (f >= 0) {
      const v = x[f] as number;
      if (watched[f] === 1 && v === v) least = Math.min(least, visit(f, threshold[node]!));
      node = children[2 * node + (v !== v ? missingLeft[node]! ^ 1 : +(v > threshold[node]!))]!;
      f = feature[node]!;
    }
  }
  return least;
}

/**
 * Saabas path contributions per feature (logit scale). bias + Σ contributions = logit, where bias is the
 * base score plus the root values.
 */
export function gbdtContributions(model: GbdtModel, x: ArrayLike<number>, offset = 0): { bias: number; contributions: Float64Array } {
  const c = compile(model);
  const out = new Float64Array(model.nFeatures);
  let bias = model.base;
  for (let t = 0; t < c.roots.length; t++) {
    let node = c.roots[t]!;
    bias += c.value[node]!;
    let f = c.feature[node]!;
    while (f >= 0) {
      const v = x[offset + f] as number;
      const nextNode = c.children[2 * node + (v !== v ? c.missingLeft[node]! ^ 1 : +(v > c.threshold[node]!))]!;
      out[f]! += c.value[nextNode]! - c.value[node]!;
      node = nextNode;
      f = c.feature[node]!;
    }
  }
  return { bias, contributions: out };
}
