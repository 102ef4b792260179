import { describe, expect, it } from 'vitest';
import { Rng } from '../../../core/demo/random';
import { brierScore, calibration, evaluate, gainsTable, logLoss, rocAuc, rocCurve, stratifiedSplit, topDecileLift } from '../../../core/model/evaluate';

describe('rocAuc', () => {
  it('matches hand-computed cases', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });
  it('counts ties as one half', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // pos 0.5 beats neg 0.2 (1) and ties neg 0.5 (½); pos 0.9 beats both (2): 3.5 / 4.
    expect(rocAuc([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBeCloseTo(0.875, 12);
    // Order of rows does not matter.
    expect(rocAuc([0.9, 0.5, 0.2, 0.5], [1, 1, 0, 0])).toBeCloseTo(0.875, 12);
  });
  it('is NaN with one class only, and equals the brute-force pair count on random data', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
    const rng = new Rng(3);
    const s = Array.from({ length: 300 }, () => Math.round(rng.next() * 20) / 20);
    const y = s.map((v) => (rng.next() < v ? 1 : 0));
    let num = 0;
    let den = 0;
    for (let i = 0; i < s.length; i++)
      for (let j = 0; j < s.length; j++)
        if (y[i] === 1 && y[j] === 0) {
          den++;
          num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
    expect(rocAuc(s, y)).toBeCloseTo(num / den, 12);
  });
  it('ROC curve runs from (0,0) to (1,1), monotone', () => {
    const pts = rocCurve([0.1, 0.4, 0.35, 0.8, 0.4], [0, 0, 1, 1, 1]);
    expect(pts[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(pts[pts.length - 1]).toMatchObject({ fpr: 1, tpr: 1 });
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]!.fpr).toBeGreaterThanOrEqual(pts[i - 1]!.fpr);
      expect(pts[i]!.tpr).toBeGreaterThanOrEqual(pts[i - 1]!.tpr);
    }
  });
});

describe('gains and lift', () => {
  const rng = new Rng(11);
  const scores = Array.from({ length: 1003 }, () => Math.floor(rng.next() * 30) / 30); // many ties
  const labels = scores.map((s) => (rng.next() < s * 0.6 ? 1 : 0));
  const pos = labels.reduce<number>((a, b) => a + b, 0);

  it('sums to all customers and all churners; cumulative capture ends at 100%', () => {
    const g = gainsTable(scores, labels);
    expect(g).toHaveLength(10);
    expect(g.reduce((a, r) => a + r.customers, 0)).toBeCloseTo(1003, 9);
    expect(g.reduce((a, r) => a + r.churners, 0)).toBeCloseTo(pos, 9);
    expect(g[9]!.capturedPct).toBeCloseTo(1, 12);
    expect(g[9]!.lift).toBeCloseTo(1, 12);
    for (let i = 1; i < 10; i++) expect(g[i]!.capturedPct).toBeGreaterThanOrEqual(g[i - 1]!.capturedPct - 1e-12);
    expect(topDecileLift(scores, labels)).toBeCloseTo(g[0]!.lift, 12);
  });
  it('does not depend on the order of tied rows', () => {
    const order = scores.map((_, i) => i).reverse();
    const g1 = gainsTable(scores, labels);
    const g2 = gainsTable(order.map((i) => scores[i]!), order.map((i) => labels[i]!));
    g1.forEach((r, i) => expect(r.churners).toBeCloseTo(g2[i]!.churners, 9));
  });
  it('a perfect ranking lifts the top decile by 1 / base rate when churners fill it', () => {
    const s = Array.from({ length: 100 }, (_, i) => 100 - i);
    const y = s.map((_, i) => (i < 20 ? 1 : 0));
    expect(topDecileLift(s, y)).toBeCloseTo(5, 12);
    // All-tied scores: every decile holds the base rate.
    const g = gainsTable(new Array(100).fill(0.3), y);
    g.forEach((r) => expect(r.lift).toBeCloseTo(1, 12));
  });
});

describe('calibration, log-loss, Brier', () => {
  it('is monotone on a calibrated toy', () => {
    const rng = new Rng(5);
    const p = Array.from({ length: 20000 }, () => rng.next());
    const y = p.map((v) => (rng.next() < v ? 1 : 0));
    const bins = calibration(p, y);
    expect(bins).toHaveLength(10);
    for (let i = 1; i < 10; i++) expect(bins[i]!.observed).toBeGreaterThan(bins[i - 1]!.observed);
    for (const b of bins) expect(Math.abs(b.observed - b.meanPredicted)).toBeLessThan(0.04);
  });
  it('computes log-loss and Brier by hand', () => {
    expect(logLoss([0.5, 0.5], [0, 1])).toBeCloseTo(Math.log(2), 12);
    expect(brierScore([0.8, 0.2], [1, 1])).toBeCloseTo((0.04 + 0.64) / 2, 12);
    const m = evaluate([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0]);
    expect(m).toMatchObject({ n: 4, positives: 2, auc: 1 });
  });
});

describe('stratifiedSplit', () => {
  it('keeps the churn share, covers every row once, and is seeded', () => {
    const y = Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const a = stratifiedSplit(y, 0.25, 9);
    expect(a.test.length).toBe(250);
    expect([...a.test].filter((i) => y[i] === 1).length).toBe(50);
    expect(new Set([...a.train, ...a.test]).size).toBe(1000);
    expect([...stratifiedSplit(y, 0.25, 9).test]).toEqual([...a.test]);
    expect([...stratifiedSplit(y, 0.25, 10).test]).not.toEqual([...a.test]);
  });
});
