/**
 * L2-regularised logistic regression fitted by L-BFGS on a dense, standardised design matrix (row-major).
 *
 * Objective: mean log-loss + (λ/2)·‖w‖² (the intercept is not penalised). The problem is strictly convex, so
 * L-BFGS converges to the one optimum whatever the start; everything is deterministic. A contribution is
 * coefficient × standardised value: because every column is centred on its training mean, the contributions
 * of a row sum to its logit minus the logit of an average customer (the intercept).
 */

export interface LogisticOptions {
  /** L2 strength on the mean log-loss (default 1e-3). */
  lambda?: number;
  maxIterations?: number;
  /** Stop when the gradient's largest component falls below this (default 1e-6). */
  tolerance?: number;
}

export interface LogisticModel {
  intercept: number;
  coef: number[];
  iterations: number;
}

export type ProgressFn = (fraction: number) => void;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Trains on X (n rows × d columns, row-major) and labels y ∈ {0,1}. `weights` (optional) weights rows.
 */
export function trainLogistic(
  X: Float32Array | Float64Array,
  y: ArrayLike<number>,
  d: number,
  opts: LogisticOptions = {},
  onProgress?: ProgressFn,
): LogisticModel {
  const n = y.length;
  if (X.length !== n * d) throw new Error('X must hold n × d values');
  const lambda = opts.lambda ?? 1e-3;
  const maxIt = opts.maxIterations ?? 300;
  const tol = opts.tolerance ?? 1e-5;
  const D = d + 1; // parameter 0 is the intercept

  const evaluate = (w: Float64Array, grad: Float64Array): number => {
    let loss = 0;
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let z = w[0]!;
      const base = i * d;
      for (let j = 0; j < d; j++) z += w[j + 1]! * X[base + j]!;
      const yi = y[i] === 1 ? 1 : 0;
      // One exp for both the loss and the gradient.
      const e = Math.exp(-Math.abs(z));
      loss += (z > 0 ? z : 0) + Math.log1p(e) - yi * z;
      const r = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi;
      grad[0]! += r;
      for (let j = 0; j < d; j++) grad[j + 1]! += r * X[base + j]!;
    }
    let pen = 0;
    for (let j = 0; j < D; j++) grad[j]! /= n;
    for (let j = 1; j < D; j++) {
      pen += w[j]! * w[j]!;
      grad[j]! += lambda * w[j]!;
    }
    return loss / n + 0.5 * lambda * pen;
  };

  // Start at the base-rate intercept.
  let pos = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) pos++;
  const w = new Float64Array(D);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, n ? pos / n : 0.5));
  w[0] = Math.log(rate / (1 - rate));

  const m = 10;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  let g = new Float64Array(D);
  let f = evaluate(w, g);
  const dir = new Float64Array(D);
  const alpha = new Float64Array(m);
  const wNew = new Float64Array(D);
  let gNew = new Float64Array(D);
  let it = 0;
  for (; it < maxIt; it++) {
    let gmax = 0;
    for (let j = 0; j < D; j++) gmax = Math.max(gmax, Math.abs(g[j]!));
    if (gmax < tol) break;
    // Two-loop recursion: dir = −H·g.
    for (let j = 0; j < D; j++) dir[j] = -g[j]!;
    for (let k = S.length - 1; k >= 0; k--) {
      let a = 0;
      for (let j = 0; j < D; j++) a += S[k]![j]! * dir[j]!;
      a *= rho[k]!;
      alpha[k] = a;
      for (let j = 0; j < D; j++) dir[j]! -= a * Y[k]![j]!;
    }
    if (S.length > 0) {
      const last = S.length - 1;
      let sy = 0;
      let yy = 0;
      for (let j = 0; j < D; j++) {
        sy += S[last]![j]! * Y[last]![j]!;
        yy += Y[last]![j]! * Y[last]![j]!;
      }
      const gamma = sy / yy;
      for (let j = 0; j < D; j++) dir[j]! *= gamma;
    } else {
      // First step: a gradient step of modest length.
      let gn = 0;
      for (let j = 0; j < D; j++) gn += g[j]! * g[j]!;
      const s = 1 / Math.max(1, Math.sqrt(gn));
      for (let j = 0; j < D; j++) dir[j]! *= s;
    }
    for (let k = 0; k < S.length; k++) {
      let b = 0;
      for (let j = 0; j < D; j++) b += Y[k]![j]! * dir[j]!;
      b *= rho[k]!;
      for (let j = 0; j < D; j++) dir[j]! += S[k]![j]! * (alpha[k]! - b);
    }
    let slope = 0;
    for (let j = 0; j < D; j++) slope += g[j]! * dir[j]!;
    if (slope >= 0) {
      // Not a descent direction (should not happen on a convex problem): restart from the gradient.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let j = 0; j < D; j++) dir[j] = -g[j]!;
      slope = 0;
      for (let j = 0; j < D; j++) slope += g[j]! * dir[j]!;
    }
    // Backtracking line search (Armijo).
    let step = 1;
    let fNew = Infinity;
    for (let ls = 0; ls < 40; ls++) {
      for (let j = 0; j < D; j++) wNew[j] = w[j]! + step * dir[j]!;
      fNew = evaluate(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f) && !(fNew <= f)) break;
    const s = new Float64Array(D);
    const yv = new Float64Array(D);
    let sy = 0;
    for (let j = 0; j < D; j++) {
      s[j] = wNew[j]! - w[j]!;
      yv[j] = gNew[j]! - g[j]!;
      sy += s[j]! * yv[j]!;
    }
    w.set(wNew);
    const fOld = f;
    f = fNew;
    const tmp = g;
    g = gNew;
    gNew = tmp;
    if (sy > 1e-12) {
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    onProgress?.(Math.min(1, (it + 1) / maxIt));
    if (Math.abs(fOld - f) <= 1e-10 * Math.max(1, Math.abs(f))) {
      it++;
      break;
    }
  }
  onProgress?.(1);
  return { intercept: w[0]!, coef: Array.from(w.subarray(1)), iterations: it };
}

/** Logit for one design vector x (length d) at x[offset…]. */
export function logisticMargin(model: LogisticModel, x: ArrayLike<number>, offset = 0): number {
  let z = model.intercept;
  const c = model.coef;
  for (let j = 0; j < c.length; j++) z += c[j]! * (x[offset + j] as number);
  return z;
}

export function predictLogistic(model: LogisticModel, x: ArrayLike<number>, offset = 0): number {
  return sigmoid(logisticMargin(model, x, offset));
}

export { sigmoid };
