/** Little-endian numbers, signatures and ASCII text in raw file bytes. */

export const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
export const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
export const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x100000000;

export const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);
export const ascii = (b: Uint8Array, from: number, to: number): string => {
  let s = '';
  for (let i = from; i < to && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
};

export const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04] as const;
export const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06] as const;
export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/**
 * SheetJS's 'array' input copies the rest of the file for every zip entry it inflates; with 'buffer' it takes
 * views. Core cannot name Node's Buffer, so it is recognised by its methods.
 */
export const isNodeBuffer = (b: Uint8Array): boolean =>
  typeof (b as Uint8Array & { utf8Slice?: unknown }).utf8Slice === 'function' && typeof (b as Uint8Array & { copy?: unknown }).copy === 'function';

/**
 * A file's bytes, read a piece at a time: held whole (`bytesSource`), or read from disk as the streaming reader asks
 * for them (electron/backend/file-source.ts) — a million-row workbook is then never held whole while it is imported
 * (docs/import-memory.md).
 */
export interface ByteSource {
  readonly length: number;
  /** The bytes from `start` to `end`, cut at the file's end; a view of the bytes when held whole. */
  read(start: number, end: number): Uint8Array;
  /** Every byte, for the readers that read a file whole. */
  whole(): Uint8Array;
}

export function bytesSource(b: Uint8Array): ByteSource {
  return { length: b.length, read: (start, end) => b.subarray(start, Math.min(end, b.length)), whole: () => b };
}

export const asSource = (b: Uint8Array | ByteSource): ByteSource => (b instanceof Uint8Array ? bytesSource(b) : b);
