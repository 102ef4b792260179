/**
 * The inflate budget: how many bytes the entries of one zip may really inflate to, counted as Node's zlib
 * produces them. A zip can lie about its sizes; SheetJS's own inflater cannot be stopped, zlib can.
 */
import { unpackedTooLarge } from './errors';

/**
 * The inflate budget of the zip being unpacked: what is left of `maxUnpackedBytes` for all its entries
 * together. Declared sizes cannot be trusted (a 3.7 MB file whose entries each claim 1,000 bytes inflated to
 * 3.6 GB), so the inflater counts the bytes it really produces. Unpacking is synchronous, so one budget per
 * thread at a time is all there is; each unpacking of a read (the plain reader, a check, SheetJS) gets the
 * whole budget, as each starts from the same bytes and drops what the one before produced.
 */
interface InflateBudget {
  remaining: number;
  readonly limit: number;
}
let inflateBudget: InflateBudget | null = null;

/** Runs one unpacking of a zip with `limit` bytes for all its entries together. */
export function withInflateBudget<T>(limit: number, unpack: () => T): T {
  const outer = inflateBudget;
  inflateBudget = { remaining: limit, limit };
  try {
    return unpack();
  } finally {
    inflateBudget = outer;
  }
}

type ChunkProcessor = { _processChunk(chunk: unknown, flushFlag: unknown, cb?: unknown): unknown };

/**
 * Lets Node's zlib (see ../write.ts `enableNativeZlib`) stop inflating, which SheetJS cannot: its native path
 * inflates a whole entry with `new InflateRaw()._processChunk(…)` whatever the header declared. Each inflater
 * gets as its `maxOutputLength` what is left of the unpacking's budget (see `withInflateBudget`), at most
 * `maxEntryBytes`, so a lying zip is stopped before it has buffered more than the budget, and the bytes each
 * entry really produced are taken off the budget. Pass the result instead of the zlib module:
 * `enableNativeZlib(limitInflate(zlib, 1 << 30))`.
 */
export function limitInflate<Z extends { InflateRaw: new (opts?: object) => object }>(zlib: Z, maxEntryBytes: number): Z {
  const Base = zlib.InflateRaw;
  class LimitedInflateRaw extends Base {
    constructor(opts?: object) {
      const budget = inflateBudget;
      // zlib refuses a maxOutputLength of 0; one byte over an exhausted budget is then caught below.
      super({ ...opts, maxOutputLength: budget ? Math.max(1, Math.min(maxEntryBytes, budget.remaining)) : maxEntryBytes });
      if (!budget) return;
      const self = this as unknown as ChunkProcessor;
      const processChunk = self._processChunk;
      self._processChunk = (chunk, flushFlag, cb) => {
        let out: unknown;
        try {
          out = processChunk.call(self, chunk, flushFlag, cb);
        } catch (e) {
          if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
            // The entry's own cap, when that was below what the budget had left, is the limit it hit.
            throw unpackedTooLarge(maxEntryBytes < budget.remaining ? maxEntryBytes : budget.limit, 'inflated past the budget');
          }
          throw e;
        }
        budget.remaining -= (out as { length?: number } | undefined)?.length ?? 0;
        if (budget.remaining < 0) throw unpackedTooLarge(budget.limit, 'inflated past the budget');
        return out;
      };
    }
  }
  return new Proxy(zlib, { get: (target, key) => (key === 'InflateRaw' ? LimitedInflateRaw : Reflect.get(target, key)) });
}
