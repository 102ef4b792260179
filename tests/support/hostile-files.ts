import zlib from 'node:zlib';
import * as XLSX from 'xlsx';

/**
 * Workbooks built to exhaust a reader (issue 12): zips whose entries lie about their unpacked size, and
 * workbooks listing thousands of sheets. Shared by the unit, integration and fuzz tests and the bench.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface RawZipEntry {
  name: string;
  /** The entry's deflate stream (method 8). */
  deflated: Uint8Array;
  /** What the local and central headers claim the entry unpacks to. */
  declaredSize: number;
  crc: number;
}

/** A zip of deflated entries with exactly the sizes given: the headers say what the caller wants them to. */
export function zipOf(entries: readonly RawZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.deflated.buffer, e.deflated.byteOffset, e.deflated.length));
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** The entries of a zip (a workbook), honestly deflated again. */
export function entriesOf(zip: Uint8Array): RawZipEntry[] {
  const cfb = XLSX.CFB.read(Buffer.from(zip), { type: 'buffer' }) as { FullPaths: string[]; FileIndex: unknown[] };
  const out: RawZipEntry[] = [];
  cfb.FullPaths.forEach((path: string, i: number) => {
    const entry = cfb.FileIndex[i] as { content?: Uint8Array; type: number } | undefined;
    if (!entry?.content || entry.type !== 2) return;
    const content = new Uint8Array(entry.content);
    out.push({ name: path.replace(/^Root Entry\//, ''), deflated: zlib.deflateRawSync(content), declaredSize: content.length, crc: crc32(content) });
  });
  return out;
}

/**
 * A deflate stream of `bytes` zero bytes (about 1,000 : 1), made in pieces so no buffer of that size exists:
 * each piece is flushed to a byte boundary without ending the stream, and a final empty block ends it.
 */
export function zerosDeflated(bytes: number): Uint8Array {
  const chunk = Math.min(bytes, 16 * 1024 * 1024);
  const piece = (n: number) => zlib.deflateRawSync(Buffer.alloc(n), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const full = piece(chunk);
  const parts: Buffer[] = Array.from({ length: Math.floor(bytes / chunk) }, () => full);
  if (bytes % chunk > 0) parts.push(piece(bytes % chunk));
  // A final fixed-Huffman block holding only its end code.
  parts.push(Buffer.from([0x03, 0x00]));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * `workbook` (a valid xlsx) with `entries` more entries that each claim `declaredSize` bytes (1,000 by
 * default) in both headers but inflate to `inflatedBytes` each: what issue 12 found taking 8 GB.
 */
export function lyingSizeZip(workbook: Uint8Array, opts: { entries: number; inflatedBytes: number; declaredSize?: number }): Uint8Array {
  const bomb = zerosDeflated(opts.inflatedBytes);
  const extra = Array.from({ length: opts.entries }, (_, i): RawZipEntry => ({
    name: `xl/media/image${i + 1}.bin`,
    deflated: bomb,
    declaredSize: opts.declaredSize ?? 1000,
    crc: 0,
  }));
  return zipOf([...entriesOf(workbook), ...extra]);
}

/**
 * `workbook` (a valid xlsx of one sheet) with its workbook.xml listing `sheets` sheets that all point at that
 * one sheet: a few hundred bytes more, and a reader that parses each listed sheet parses it `sheets` times.
 */
export function manySheetsWorkbook(workbook: Uint8Array, sheets: number): Uint8Array {
  const entries = entriesOf(workbook);
  const book = entries.find((e) => e.name === 'xl/workbook.xml')!;
  const xml = Buffer.from(zlib.inflateRawSync(book.deflated)).toString('utf8');
  const first = /<sheet [^>]*\/>/.exec(xml)![0];
  const rid = /r:id="([^"]+)"/.exec(first)![1]!;
  const listed = Array.from({ length: sheets }, (_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="${rid}"/>`).join('');
  const content = Buffer.from(xml.replace(/<sheets>[\s\S]*<\/sheets>/, `<sheets>${listed}</sheets>`), 'utf8');
  const patched: RawZipEntry = { name: book.name, deflated: zlib.deflateRawSync(content), declaredSize: content.length, crc: crc32(content) };
  return zipOf(entries.map((e) => (e === book ? patched : e)));
}
