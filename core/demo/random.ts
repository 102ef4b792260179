/**
 * Seeded randomness for the demo data. sfc32 is used because it is fast in JS (32-bit integer ops only),
 * passes PractRand, and its state transition is a bijection: seeding the state with a distinct row index
 * gives each row its own stream, so any slice of rows can be generated on its own and still match.
 */

/** murmur3's finaliser: a bijection on 32-bit integers with good avalanche, used to derive seeds and keys. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Derives a sub-seed so that independent uses of one user seed (persons, lines, tasks…) never share streams. */
export function deriveSeed(seed: number, salt: number): number {
  return mix32((seed ^ mix32(salt + 0x9e3779b9)) >>> 0);
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = NaN;

  /** `stream` is typically a row index: distinct streams start from distinct states for the same seed. */
  constructor(seed: number, stream = 0) {
    // Kept as signed 32-bit values so V8 stores the state as small integers, not boxed doubles.
    this.a = mix32(seed >>> 0) | 0;
    this.b = stream | 0;
    this.c = Math.floor(stream / 0x100000000) ^ mix32(seed ^ 0x5bd1e995);
    this.d = 1;
    // Neighbouring streams differ in a few bits only; a dozen rounds decorrelate them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    // uint32() inlined: this is the innermost call of the whole generator.
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const t = (((a + b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * Normal deviate by Box-Muller in Marsaglia's polar form (no trigonometry: the generator draws a dozen
   * normals per row); the second value of each pair is kept for the next call.
   */
  normal(mean = 0, sd = 1): number {
    let z = this.spareNormal;
    if (Number.isNaN(z)) {
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * this.next() - 1;
        v = 2 * this.next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      z = u * factor;
      this.spareNormal = v * factor;
    } else {
      this.spareNormal = NaN;
    }
    return mean + sd * z;
  }

  /** Log-normal given its median, which is how skewed money and usage figures are easiest to reason about. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson by Knuth's method: fine for the small rates (counts of calls, complaints) used here. */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

/**
 * A weighted choice prepared once: the cumulative table is built at module load, so a pick costs one
 * random number and a short scan (the tables here have at most a few dozen entries).
 */
export class WeightedPicker<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('WeightedPicker needs at least one entry');
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, w], i) => {
      total += w;
      this.cumulative[i] = total;
    });
    for (let i = 0; i < entries.length; i++) this.cumulative[i] = (this.cumulative[i] as number) / total;
  }

  pick(rng: Rng): T {
    const u = rng.next();
    const cum = this.cumulative;
    const last = cum.length - 1;
    let i = 0;
    while (i < last && u >= (cum[i] as number)) i++;
    return this.items[i] as T;
  }
}

export function weightedPick<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const e of entries) total += e[1];
  let u = rng.next() * total;
  for (const e of entries) {
    u -= e[1];
    if (u < 0) return e[0];
  }
  return (entries[entries.length - 1] as readonly [T, number])[0];
}

/**
 * A keyed pseudo-random permutation of [0, 10^8) (a 4-round balanced Feistel network on two 4-digit halves).
 * It turns sequential indices into scattered but collision-free 8-digit numbers: unique phone numbers and
 * identity numbers without remembering which were used.
 */
export function permute1e8(x: number, key: number): number {
  let hi = Math.floor(x / 10000);
  let lo = x - hi * 10000;
  for (let round = 0; round < 4; round++) {
    const f = mix32((lo ^ mix32(key + round)) >>> 0) % 10000;
    const next = (hi + f) % 10000;
    hi = lo;
    lo = next;
  }
  return hi * 10000 + lo;
}
