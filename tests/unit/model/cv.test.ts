import { describe, expect, it } from 'vitest';
import { operations } from '../../../core/api';
import { Rng } from '../../../core/demo/random';
import { meanSd, stratifiedFolds } from '../../../core/model/evaluate';
import { BLEND_MARGIN, createPredictor, cvSummaryOf, parseModel, pickBest, predictChurn, trainChurnModel, type SerializedModel } from '../../../core/model/train';

const today = '2025-06-30';
type Row = Record<string, unknown>;

/** Churn when x1 > 0 for level 'a' and x1 < 0 for level 'b' (no single slope fits): trees should win. */
function interaction(count: number, seed: number): Row[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const x1 = rng.normal();
    const x2 = rng.pick(['a', 'b', 'c', 'd']);
    const p = x2 === 'a' ? 1 / (1 + Math.exp(-8 * x1)) : x2 === 'b' ? 1 / (1 + Math.exp(8 * x1)) : 0.01;
    return { x1, x2, x3: rng.normal(), churned: rng.next() < p ? 1 : 0 };
  });
}

/** A smooth additive logit over twelve weak features on few rows: what a regularised linear model is made for. */
function linear(count: number, seed: number): Row[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const row: Row = {};
    let z = -1;
    for (let j = 0; j < 12; j++) {
      const v = rng.normal();
      row[`f${j}`] = v;
      z += (j % 2 ? -0.35 : 0.35) * v;
    }
    row.churned = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    return row;
  });
}

describe('stratified k-fold split', () => {
  const rng = new Rng(5);
  const labels = Uint8Array.from({ length: 1003 }, () => (rng.next() < 0.23 ? 1 : 0));

  it('puts every row in exactly one test fold, folds within one row of each other', () => {
    const fold = stratifiedFolds(labels, 5, 9);
    expect(fold).toHaveLength(labels.length);
    const sizes = [0, 0, 0, 0, 0];
    for (const f of fold) {
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(5);
      sizes[f]!++;
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(labels.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('gives each fold the same share of churners (±1 row)', () => {
    const fold = stratifiedFolds(labels, 5, 9);
    const pos = [0, 0, 0, 0, 0];
    labels.forEach((y, i) => (pos[fold[i]!]! += y));
    const total = pos.reduce((a, b) => a + b, 0);
    for (const p of pos) expect(Math.abs(p - total / 5)).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect([...stratifiedFolds(labels, 5, 9)]).toEqual([...stratifiedFolds(labels, 5, 9)]);
    expect([...stratifiedFolds(labels, 5, 9)]).not.toEqual([...stratifiedFolds(labels, 5, 10)]);
  });

  it('refuses fewer than two folds or fewer rows than folds', () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow();
    expect(() => stratifiedFolds([1, 0], 5, 1)).toThrow();
  });

  it('mean ± sample sd', () => {
    const { mean, sd } = meanSd([0.8, 0.82, 0.84]);
    expect(mean).toBeCloseTo(0.82, 12);
    expect(sd).toBeCloseTo(0.02, 12);
  });
});

describe('choice by cross-validation', () => {
  it('keeps the boosted trees where they win', () => {
    const res = trainChurnModel(interaction(3000, 4), { seed: 1, today, method: 'auto' });
    const cv = Object.fromEntries(res.metrics.compared.map((c) => [c.method, c]));
    expect(cv.gbdt!.validationAuc).toBeGreaterThan(cv.logistic!.validationAuc + 0.05);
    expect(res.model.method).not.toBe('logistic');
    expect(res.metrics.cv.method).toBe(res.model.method);
    expect(res.metrics.holdout.auc).toBeGreaterThan(0.9);
    // The trees' setting CV chose is reported and within the grid's bounds.
    expect(cv.gbdt!.params!.rounds).toBeGreaterThan(0);
    expect([3, 4, 5]).toContain(cv.gbdt!.params!.maxDepth);
  }, 120_000);

  it('keeps the logistic regression where it wins', () => {
    const res = trainChurnModel(linear(1600, 8), { seed: 1, today, method: 'auto' });
    const cv = Object.fromEntries(res.metrics.compared.map((c) => [c.method, c]));
    expect(cv.logistic!.validationAuc).toBeGreaterThan(cv.gbdt!.validationAuc);
    expect(res.model.method).toBe('logistic');
    expect(res.model.gbdt).toBeUndefined();
    expect(res.metrics.cv.auc.mean).toBe(cv.logistic!.validationAuc);
    expect(res.metrics.cv.auc.sd).toBeGreaterThan(0);
  }, 120_000);

  it('learns each fold’s features from that fold’s training rows only (no label leak into the CV figure)', () => {
    // Pure noise: a shop code with 120 small levels and a coin-flip label. Ranking the levels by churn rate with the
    // test fold's labels would let the trees "find" churny shops that are churny only in the test fold.
    const rng = new Rng(12);
    const rows = Array.from({ length: 2400 }, () => ({ shop: `S${Math.floor(rng.next() * 120)}`, x: rng.normal(), churned: rng.next() < 0.3 ? 1 : 0 }));
    const res = trainChurnModel(rows, { seed: 1, today, method: 'gbdt', topK: 200 });
    console.log(`[model] noise: gbdt CV AUC ${res.metrics.cv.auc.mean.toFixed(4)} ± ${res.metrics.cv.auc.sd.toFixed(4)}`);
    expect(res.metrics.cv.auc.mean).toBeLessThan(0.56);
  }, 120_000);

  it('the blend must beat the better single model by the margin', () => {
    expect(pickBest({ logistic: 0.8, gbdt: 0.81, blend: 0.81 + BLEND_MARGIN / 2 })).toBe('gbdt');
    expect(pickBest({ logistic: 0.8, gbdt: 0.81, blend: 0.81 + BLEND_MARGIN * 2 })).toBe('blend');
    expect(pickBest({ logistic: 0.81, gbdt: 0.81 })).toBe('logistic');
    expect(pickBest({ gbdt: 0.7 })).toBe('gbdt');
  });
});

describe('the blend', () => {
  const rows = interaction(2000, 6).map((r, i) => ({ ...r, x4: (i % 7) / 7 }));
  const res = trainChurnModel(rows, { seed: 2, today, method: 'blend' });
  const { model } = res;

  it('mixes the two models’ logits with the weight CV chose, and explains by the same mixture', () => {
    expect(model.method).toBe('blend');
    const w = model.blend!.gbdtWeight;
    expect(w).toBeGreaterThan(0);
    expect(w).toBeLessThan(1);
    expect(res.metrics.compared.find((c) => c.method === 'blend')!.params!.gbdtWeight).toBe(w);
    const lr = createPredictor({ ...model, method: 'logistic' }, today);
    const gb = createPredictor({ ...model, method: 'gbdt' }, today);
    const blend = createPredictor(model, today);
    const logit = (p: number): number => Math.log(p / (1 - p));
    for (const r of rows.slice(0, 30)) {
      expect(logit(blend(r))).toBeCloseTo(w * logit(gb(r)) + (1 - w) * logit(lr(r)), 8);
      const pr = predictChurn(model, r, today, 100);
      expect(pr.p).toBeCloseTo(blend(r), 12);
      // Contributions sum to the logit less the mixed baselines (trees' bias, logistic intercept).
      const lrPart = predictChurn({ ...model, method: 'logistic' }, r, today, 100);
      const gbPart = predictChurn({ ...model, method: 'gbdt' }, r, today, 100);
      const sum = (cs: { contribution: number }[]): number => cs.reduce((a, c) => a + c.contribution, 0);
      expect(sum(pr.contributions)).toBeCloseTo(w * sum(gbPart.contributions) + (1 - w) * sum(lrPart.contributions), 8);
    }
  }, 120_000);

  it('round-trips through JSON; a blend without its trees is refused', () => {
    const back = parseModel(JSON.stringify(model));
    expect(createPredictor(back, today)(rows[0]!)).toBe(createPredictor(model, today)(rows[0]!));
    expect(() => parseModel({ ...model, gbdt: undefined })).toThrow(/lacks its parameters/);
    const imp = res.importance.reduce((a, f) => a + f.importance, 0);
    expect(imp).toBeCloseTo(1, 9);
  });
});

describe('a model stored before cross-validation', () => {
  // As version 1 stored it: one validation split in `compared`, no `cv`, no blend.
  const oldMetrics = {
    holdout: { n: 250, positives: 60, auc: 0.83, topDecileLift: 2.9, logLoss: 0.4, brier: 0.12, gains: [], calibration: [], roc: [] },
    train: { n: 750, positives: 180, auc: 0.86 },
    compared: [
      { method: 'logistic', validationAuc: 0.84, holdoutAuc: 0.83, trainMs: 120 },
      { method: 'gbdt', validationAuc: 0.82, holdoutAuc: 0.85, trainMs: 900 },
    ],
  };

  it('has no CV summary, and its model-list item still satisfies the contract', () => {
    const metrics = JSON.parse(JSON.stringify(oldMetrics)) as typeof oldMetrics;
    expect(cvSummaryOf(metrics)).toBeNull();
    expect(cvSummaryOf(null)).toBeNull();
    expect(cvSummaryOf({ cv: { folds: 5, rows: 10, method: 'gbdt', auc: { mean: null, sd: 0 } } })).toBeNull();
    const item = {
      version: 3, method: 'logistic', trainedAt: '2026-11-20T02:00:00.000Z', trainedBy: 'S001', trainedByName: '赵建国', sourceFile: 'h.xlsx', rows: 1000, active: true,
      holdout: metrics.holdout, cv: cvSummaryOf(metrics), compared: metrics.compared, importance: [],
    };
    expect(operations['model-list'].output.parse({ items: [item] }).items[0]!.cv).toBeNull();
  });

  it('reads a new model’s CV summary back from its stored JSON', () => {
    const res = trainChurnModel(linear(600, 3), { seed: 3, today, method: 'logistic' });
    const stored = cvSummaryOf(JSON.parse(JSON.stringify(res.metrics)));
    expect(stored).toEqual(res.metrics.cv);
    expect(stored!.foldAuc).toHaveLength(5);
  }, 60_000);

  it('a stored logistic model without a blend field still predicts', () => {
    const res = trainChurnModel(linear(600, 3), { seed: 3, today, method: 'logistic' });
    const old = JSON.parse(JSON.stringify(res.model)) as SerializedModel;
    delete old.blend;
    expect(createPredictor(parseModel(old), today)(linear(1, 9)[0]!)).toBeGreaterThan(0);
  }, 60_000);
});

describe('a tiny history', () => {
  it('uses fewer folds when there are fewer churners than folds, so every fold has an AUC', () => {
    const rng = new Rng(2);
    // 12 churners, 9 of them in the training part: 20 folds would leave 11 without a churner (AUC undefined).
    const rows = Array.from({ length: 400 }, (_, i) => ({ x: rng.normal() + (i < 12 ? 2 : 0), churned: i < 12 ? 1 : 0 }));
    const res = trainChurnModel(rows, { seed: 1, today, method: 'logistic', folds: 20 });
    expect(res.metrics.cv.folds).toBeLessThanOrEqual(9);
    for (const a of res.metrics.cv.foldAuc) expect(Number.isFinite(a)).toBe(true);
  });
});
