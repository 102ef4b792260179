/**
 * Zip structure, read before any parser sees the bytes: the central directory with every offset and size
 * checked against the file's length, the first entries' names of a zip whose end is missing, the declared
 * unpacked sizes against the budget (`checkZip`), and the parts themselves, unpacked within that budget.
 */
import { ascii, asSource, startsWith, u16, u32, u64, isNodeBuffer, ZIP_LOCAL, type ByteSource } from './bytes';
import { cfbApi, type CfbContainer } from './cfb';
import { ExchangeError, unpackedTooLarge } from './errors';
import { withInflateBudget } from './inflate';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** The larger of the central and local declared sizes: SheetJS trusts the local header. */
  declaredSize: number;
  /** The unpacked size the central directory declares. */
  size: number;
  localOffset: number;
}

class ZipStructureError extends Error {
  constructor(readonly kind: 'truncated' | 'corrupt') {
    super(kind);
  }
}

/** The zip64 extra field (0x0001) holds the sizes and offset whose 32-bit fields are 0xFFFFFFFF, in that order. */
function zip64Values(b: Uint8Array, extraStart: number, extraLen: number, wanted: readonly boolean[]): number[] {
  const out: number[] = [];
  let p = extraStart;
  const end = extraStart + extraLen;
  while (p + 4 <= end) {
    const id = u16(b, p);
    const size = u16(b, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      for (const w of wanted) {
        if (w && q + 8 <= p + 4 + size) {
          out.push(u64(b, q));
          q += 8;
        } else out.push(-1);
      }
      return out;
    }
    p += 4 + size;
  }
  return wanted.map(() => -1);
}

/** Where the end-of-central-directory record starts in `b`, or -1. */
function findEndOfDirectory(b: Uint8Array): number {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

/** The end-of-central-directory record of a zip (its last 22 bytes and comment), where it starts; null without one. */
function endOfDirectory(src: ByteSource): { record: Uint8Array; at: number } | null {
  const from = Math.max(0, src.length - 22 - 0xffff);
  const tail = src.read(from, src.length);
  const eocd = findEndOfDirectory(tail);
  return eocd < 0 ? null : { record: tail.subarray(eocd), at: from + eocd };
}

/**
 * The entries of a zip file from its central directory, with every offset and size checked against the
 * file's length. A file cut short has lost its central directory (it is at the end): that is 'truncated'.
 * Reads only the directory and the local headers (a file on disk is not read whole).
 */
export function readZipDirectory(input: Uint8Array | ByteSource): ZipEntry[] {
  const src = asSource(input);
  const len = src.length;
  const end = endOfDirectory(src);
  if (!end) throw new ZipStructureError('truncated');
  const { record, at: eocd } = end;
  let count = u16(record, 10);
  let cdSize = u32(record, 12);
  let cdOffset = u32(record, 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || !startsWith(src.read(locator, locator + 4), [0x50, 0x4b, 0x06, 0x07])) throw new ZipStructureError('corrupt');
    const rec = u64(src.read(locator + 8, locator + 16), 0);
    if (rec + 56 > len) throw new ZipStructureError('corrupt');
    const r = src.read(rec, rec + 56);
    if (!startsWith(r, [0x50, 0x4b, 0x06, 0x06])) throw new ZipStructureError('corrupt');
    count = u64(r, 32);
    cdSize = u64(r, 40);
    cdOffset = u64(r, 48);
  }
  if (cdOffset + cdSize > len) throw new ZipStructureError('truncated');

  // The directory to the file's end: an entry running past the directory's declared size is judged by the file's length.
  const b = src.read(cdOffset, len);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || !startsWith(b, [0x50, 0x4b, 0x01, 0x02], p)) throw new ZipStructureError('corrupt');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const name = ascii(b, p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const [u, c, o] = zip64Values(b, p + 46 + nameLen, extraLen, [size === 0xffffffff, compressedSize === 0xffffffff, localOffset === 0xffffffff]);
      if (u !== undefined && u >= 0) size = u;
      if (c !== undefined && c >= 0) compressedSize = c;
      if (o !== undefined && o >= 0) localOffset = o;
    }
    p += 46 + nameLen + extraLen + commentLen;

    if (localOffset + 30 > len) throw new ZipStructureError('corrupt');
    const local = src.read(localOffset, localOffset + 30);
    if (!startsWith(local, ZIP_LOCAL)) throw new ZipStructureError('corrupt');
    const localSize = u32(local, 22);
    const dataEnd = localOffset + 30 + u16(local, 26) + u16(local, 28) + compressedSize;
    if (dataEnd > len) throw new ZipStructureError('truncated');
    const declaredSize = Math.max(size, localSize === 0xffffffff ? 0 : localSize);
    entries.push({ name, method, flags, compressedSize, declaredSize, size, localOffset });
  }
  return entries;
}

/** The first entries' names by walking local headers: for sniffing a zip whose end is missing. */
export function localEntryNames(b: Uint8Array, max = 16): string[] {
  const names: string[] = [];
  let p = 0;
  while (names.length < max && p + 30 <= b.length && startsWith(b, ZIP_LOCAL, p)) {
    const flags = u16(b, p + 6);
    const compressed = u32(b, p + 18);
    const nameLen = u16(b, p + 26);
    const extraLen = u16(b, p + 28);
    names.push(ascii(b, p + 30, p + 30 + nameLen));
    const dataStart = p + 30 + nameLen + extraLen;
    if (flags & 0x08 && compressed === 0) {
      // With a data descriptor (LibreOffice, Java) the size follows the data: look for the next header.
      p = nextLocalHeader(b, dataStart);
      if (p < 0) break;
    } else p = dataStart + compressed;
  }
  return names;
}

function nextLocalHeader(b: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= b.length; i++) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x03 && b[i + 3] === 0x04) return i;
  }
  return -1;
}

export function checkZip(bytes: Uint8Array | ByteSource, maxUnpackedBytes: number): void {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    if (e instanceof ZipStructureError) {
      throw e.kind === 'truncated' ? new ExchangeError('truncated', 'file.truncated') : new ExchangeError('bad-file', 'file.corrupt', {}, 'zip directory');
    }
    throw e;
  }
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x0001) throw new ExchangeError('bad-file', 'file.corrupt', {}, `zip entry ${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw new ExchangeError('bad-file', 'file.corrupt', {}, `zip method ${e.method}`);
    // SheetJS's JavaScript inflater grows without bound when a compressed entry declares size 0.
    if (e.method === 8 && e.declaredSize === 0 && e.compressedSize > 2) {
      throw new ExchangeError('bad-file', 'file.corrupt', {}, `zip entry ${e.name} declares no size`);
    }
    total += e.declaredSize;
  }
  if (total > maxUnpackedBytes) {
    throw unpackedTooLarge(maxUnpackedBytes, `declared ${total} bytes`);
  }
}

/**
 * The entries of a zip read with SheetJS's CFB, by path, all of them together inflating to at most
 * `maxUnpackedBytes`; null when it cannot be read (SheetJS will say why).
 */
export function zipParts(bytes: Uint8Array, maxUnpackedBytes: number): Map<string, Uint8Array> | null {
  let zip: CfbContainer & { FileIndex: { content?: Uint8Array; type: number }[] };
  try {
    zip = withInflateBudget(maxUnpackedBytes, () => cfbApi.read(bytes, { type: isNodeBuffer(bytes) ? 'buffer' : 'array' })) as typeof zip;
  } catch (e) {
    if (e instanceof ExchangeError) throw e;
    return null;
  }
  const parts = new Map<string, Uint8Array>();
  zip.FullPaths.forEach((path, i) => {
    const entry = zip.FileIndex[i];
    if (entry?.content && entry.type === 2) parts.set(path.replace(/^Root Entry\//, ''), entry.content);
  });
  return parts;
}

/**
 * An inflater fed one piece of a raw deflate stream at a time, giving back what that piece inflates to. Core cannot
 * reach Node's zlib; the Node side registers one (`enableChunkInflate`, electron/backend/sheetjs-node.ts), counted
 * against the inflate budget like every other unpacking (inflate.ts). Without one, sheets are read whole.
 */
export interface ChunkInflater {
  push(chunk: Uint8Array): Uint8Array;
  /** Throws when the deflate stream has not ended (a stream cut short, as zlib's whole inflate refuses it). */
  end(): Uint8Array;
  close(): void;
}
let makeChunkInflater: (() => ChunkInflater) | null = null;

export function enableChunkInflate(make: () => ChunkInflater): void {
  makeChunkInflater = make;
}

export const canInflateInChunks = (): boolean => makeChunkInflater !== null;

/** The entries of a zip by name; null when it cannot be read this way or names an entry twice (the whole reader decides). */
export function zipEntriesByName(input: Uint8Array | ByteSource): Map<string, ZipEntry> | null {
  const src = asSource(input);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(src);
  } catch (e) {
    if (e instanceof ZipStructureError) return null;
    throw e;
  }
  // SheetJS counts the entries "on this disk" and knows no zip64 directory: a zip where that differs is left to it.
  const end = endOfDirectory(src);
  if (!end || u16(end.record, 8) !== u16(end.record, 10) || u16(end.record, 10) === 0xffff || u32(end.record, 16) === 0xffffffff) return null;
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    if (byName.has(e.name) || (e.method !== 0 && e.method !== 8) || !localHeaderAgrees(src, e)) return null;
    byName.set(e.name, e);
  }
  return byName;
}

/** An entry's local header: its 30 bytes and its name (read after them, as long as the header says). */
function localHeader(src: ByteSource, e: ZipEntry): { fixed: Uint8Array; name: string; dataStart: number } {
  const at = e.localOffset;
  const fixed = src.read(at, at + 30);
  const nameLen = u16(fixed, 26);
  return { fixed, name: ascii(src.read(at + 30, at + 30 + nameLen), 0, nameLen), dataStart: at + 30 + nameLen + u16(fixed, 28) };
}

/**
 * Whether an entry's local header says what the central directory says: SheetJS trusts the local header (its name,
 * method, sizes) and refuses sizes that disagree, so a zip where they differ is left to it.
 */
function localHeaderAgrees(src: ByteSource, e: ZipEntry): boolean {
  const { fixed: b, name } = localHeader(src, e);
  const flags = u16(b, 6);
  if (u16(b, 8) !== e.method || (flags & 0x08) !== (e.flags & 0x08) || name !== e.name) return false;
  if (flags & 0x08) return true;
  const localCompressed = u32(b, 18);
  const localSize = u32(b, 22);
  return (localCompressed === 0xffffffff || localCompressed === e.compressedSize) && (localSize === 0xffffffff || localSize === e.size);
}

/**
 * Inflates every entry once, keeping nothing, within one budget of `maxUnpackedBytes` for them all: what the whole
 * readers do when they unpack a zip, so a zip whose entries really inflate past the budget is refused the same way
 * ('unpacked-too-large'), and one with a broken deflate stream anywhere throws (the caller leaves it to the whole
 * readers), before a single row is streamed. An entry that inflates past the size it declares is refused as damaged
 * ('file.corrupt'): the memory a read needs is judged from the declared sizes before reading (index.ts
 * `memoryToRead`), and honest zips declare them exactly. A 23 MB file whose shared strings declared 100 bytes passed
 * that judgement and took 3.25 GB (found by a security review).
 */
export function inflateAllCounted(src: ByteSource, entries: Iterable<ZipEntry>, maxUnpackedBytes: number): void {
  withInflateBudget(maxUnpackedBytes, () => {
    for (const e of entries) {
      if (e.method !== 8) continue;
      let inflated = 0;
      for (const chunk of entryChunks(src, e)) {
        inflated += chunk.length;
        if (inflated > e.declaredSize) throw new ExchangeError('bad-file', 'file.corrupt', {}, `zip entry ${e.name} inflates past the ${e.declaredSize} bytes it declares`);
      }
    }
  });
}

/**
 * Before a zip is read whole (SheetJS, the whole readers): every entry inflated once and counted as `inflateAllCounted`
 * does, where Node's chunked inflater is there. A zip this reader cannot walk is left to the whole readers' own
 * budget, as before.
 */
export function refuseEntriesPastTheirSizes(input: Uint8Array | ByteSource, maxUnpackedBytes: number): void {
  if (!canInflateInChunks()) return;
  const src = asSource(input);
  const entries = zipEntriesByName(src);
  if (!entries) return;
  try {
    inflateAllCounted(src, entries.values(), maxUnpackedBytes);
  } catch (e) {
    // A broken deflate stream is the whole readers' to say (as the stream's open leaves it to them).
    if (e instanceof ExchangeError) throw e;
  }
}

/**
 * Compressed bytes handed to the inflater at a time: about 50 KB of sheet XML. Small on purpose: V8 puts a string over
 * 128 KB in its large-object space, freed only by a full collection, and with 2 MB pieces the dead text of a 100,000-row
 * sheet raised the resident size by 150 MB before one came; small pieces die young. Measured also faster (1.7 s a pass
 * against 2.2 s).
 */
const COMPRESSED_CHUNK = 8 * 1024;

/** An entry's bytes as they inflate, a chunk at a time (`enableChunkInflate` must have been called). */
export function* entryChunks(src: ByteSource, entry: ZipEntry): Generator<Uint8Array> {
  const start = localHeader(src, entry).dataStart;
  const end = start + entry.compressedSize;
  if (entry.method === 0) {
    for (let p = start; p < end; p += COMPRESSED_CHUNK) yield src.read(p, Math.min(end, p + COMPRESSED_CHUNK));
    return;
  }
  if (!makeChunkInflater) throw new Error('no chunk inflater registered');
  const inflater = makeChunkInflater();
  try {
    for (let p = start; p < end; p += COMPRESSED_CHUNK) {
      const out = inflater.push(src.read(p, Math.min(end, p + COMPRESSED_CHUNK)));
      if (out.length > 0) yield out;
    }
    const last = inflater.end();
    if (last.length > 0) yield last;
  } finally {
    inflater.close();
  }
}

/** An entry's bytes, whole. */
export function entryBytes(src: ByteSource, entry: ZipEntry): Uint8Array {
  const chunks = [...entryChunks(src, entry)];
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
