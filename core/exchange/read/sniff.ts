/** What a file is, from its first bytes and, for zips and compound files, the names of their entries. */
import { CFB_MAGIC, ascii, asSource, startsWith, u16, ZIP_EMPTY, ZIP_LOCAL, type ByteSource } from './bytes';
import { cfbStreamNames } from './cfb';
import { decodeText } from './text';
import { localEntryNames, readZipDirectory } from './zip';

export type WorkbookFormat = 'xlsx' | 'xls' | 'ods' | 'csv' | 'html' | 'spreadsheetml' | 'encrypted-office' | 'unknown';

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

function zipKind(src: ByteSource, names: readonly string[], mimetypeOffset = 0): WorkbookFormat {
  if (names.includes('mimetype')) {
    // ODF stores 'mimetype' uncompressed (first, as a rule), so its text follows its local header.
    const header = src.read(mimetypeOffset, mimetypeOffset + 30);
    const nameLen = u16(header, 26);
    const extraLen = u16(header, 28);
    const at = mimetypeOffset + 30 + nameLen + extraLen;
    const mime = ascii(src.read(at, at + 80), 0, 80);
    if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    return 'unknown';
  }
  if (names.some((n) => n === 'xl/workbook.xml' || n === 'xl/workbook.bin' || n.startsWith('xl/worksheets/'))) return 'xlsx';
  if (names.includes('[Content_Types].xml') && !names.some((n) => n.startsWith('xl/'))) {
    // Word, PowerPoint and other OOXML packages name their parts word/, ppt/ …; a partial listing cannot tell.
    return names.some((n) => /^(word|ppt|visio)\//.test(n)) ? 'unknown' : 'xlsx';
  }
  return 'unknown';
}

/**
 * What a file is, from its content alone (file names lie: report tools save HTML as .xls, and agents rename
 * files). 'csv' means text that is neither HTML nor SpreadsheetML; whether its columns make sense is decided
 * after reading.
 */
export function sniffFormat(input: Uint8Array | ByteSource): WorkbookFormat {
  const src = asSource(input);
  if (src.length === 0) return 'unknown';
  const start = src.read(0, 8);
  if (startsWith(start, ZIP_LOCAL) || startsWith(start, ZIP_EMPTY)) {
    // A zip's directory and headers are enough: a file on disk is not read whole to be told.
    try {
      const entries = readZipDirectory(src);
      const mimetype = entries.find((e) => e.name === 'mimetype');
      return zipKind(src, entries.map((e) => e.name), mimetype && mimetype.method === 0 ? mimetype.localOffset : 0);
    } catch {
      return zipKind(src, localEntryNames(src.whole()));
    }
  }
  const bytes = src.whole();
  if (startsWith(bytes, CFB_MAGIC)) {
    const streams = cfbStreamNames(bytes);
    // A compound file whose directory cannot be read is most likely a damaged or cut-off .xls.
    if (!streams) return 'xls';
    if (streams.includes('EncryptionInfo') && streams.includes('EncryptedPackage')) return 'encrypted-office';
    if (streams.includes('Workbook') || streams.includes('Book') || streams.includes('WORKBOOK') || streams.includes('BOOK')) return 'xls';
    return 'unknown';
  }
  // BIFF2–4 worksheets are bare record streams starting with a BOF record (0x0009, 0x0209, 0x0409).
  if (bytes[0] === 0x09 && (bytes[1] === 0x00 || bytes[1] === 0x02 || bytes[1] === 0x04) && bytes.length >= 8) return 'xls';
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && looksBinary(bytes)) return 'unknown';
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 4096)))
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<workbook')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'spreadsheetml';
    if (head.includes('<html') || head.includes('<table')) return 'html';
    return 'unknown';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<table') || /^<(meta|head|body|style)\b/.test(head)) {
    return 'html';
  }
  return 'csv';
}
