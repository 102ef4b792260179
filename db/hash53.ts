const keyView = new Float64Array(1);
const keyBits = new Uint32Array(keyView.buffer);

/**
 * Two 32-bit FNV-1a style lanes over numbers' bits and texts' code units, folded into 53 bits (a safe integer): the
 * figures key of a score row (db/scores.ts) and the fingerprint of a work list's row (electron/backend/jobs/list-rows.ts),
 * fed value by value without building a text. Two different inputs give the same value with a chance of about 2^-53.
 * Touches no database: the work list's reader thread bundles it (jobs/sheet-reader.ts).
 */
export function hash53() {
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193 ^ 0x5bd1e995;
  const mix = {
    number(x: number | null): void {
      if (x === null) {
        a = Math.imul(a ^ 0x7f, 0x01000193);
        b = Math.imul(b ^ 0x3b, 0x5bd1e995);
        return;
      }
      keyView[0] = x;
      a = Math.imul(a ^ keyBits[0]!, 0x01000193);
      a = Math.imul(a ^ keyBits[1]!, 0x01000193);
      b = Math.imul(b ^ keyBits[1]!, 0x5bd1e995);
      b = Math.imul(b ^ keyBits[0]!, 0x5bd1e995);
      b ^= b >>> 15;
    },
    text(t: string | null): void {
      if (t === null) return mix.number(null);
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b ^= b >>> 13;
      }
      a = Math.imul(a ^ 0xff, 0x01000193); // end of a text: "ab","c" differs from "a","bc"
      b = Math.imul(b ^ 0xff, 0x5bd1e995);
    },
    value: (): number => (a >>> 0) * 0x200000 + (b >>> 11),
  };
  return mix;
}
