import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Rng, WeightedPicker, mix32, permute1e8 } from '../../../core/demo/random';

describe('Rng', () => {
  it('repeats a stream for the same seed and stream, and differs otherwise', () => {
    const draw = (seed: number, stream: number) => {
      const r = new Rng(seed, stream);
      return Array.from({ length: 8 }, () => r.uint32());
    };
    expect(draw(1, 5)).toEqual(draw(1, 5));
    expect(draw(1, 5)).not.toEqual(draw(1, 6));
    expect(draw(1, 5)).not.toEqual(draw(2, 5));
  });

  it('draws uniform, normal and bounded values with the expected moments', () => {
    const r = new Rng(42);
    const n = 100_000;
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    let trues = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (u < 0 || u >= 1) outOfRange++;
      sum += u;
      const z = r.normal();
      sumN += z;
      sumN2 += z * z;
      if (r.bernoulli(0.3)) trues++;
      const k = r.int(3, 7);
      if (!Number.isInteger(k) || k < 3 || k > 7) outOfRange++;
    }
    expect(outOfRange).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(sumN2 / n).toBeCloseTo(1, 1);
    expect(trues / n).toBeCloseTo(0.3, 2);
  });

  it('picks by weight', () => {
    const picker = new WeightedPicker([['a', 1], ['b', 3]] as const);
    const r = new Rng(7);
    let b = 0;
    for (let i = 0; i < 40_000; i++) if (picker.pick(r) === 'b') b++;
    expect(b / 40_000).toBeCloseTo(0.75, 1);
  });
});

describe('keyed permutations', () => {
  it('mix32 and permute1e8 never map two inputs to one output', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e8 - 1 }), fc.integer({ min: 0, max: 1e8 - 1 }), fc.nat(), (a, b, key) => {
        fc.pre(a !== b);
        expect(permute1e8(a, key)).not.toBe(permute1e8(b, key));
        expect(mix32(a)).not.toBe(mix32(b));
      }),
    );
  });

  it('permute1e8 stays within 8 digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e8 - 1 }), fc.nat(), (x, key) => {
        const y = permute1e8(x, key);
        expect(Number.isInteger(y) && y >= 0 && y < 1e8).toBe(true);
      }),
    );
  });
});
