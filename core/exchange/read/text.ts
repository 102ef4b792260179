/** Text encodings of CSV and HTML files: a BOM, strict UTF-8, or GB18030. */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Text of a CSV (or HTML) file: a BOM decides; otherwise bytes that are valid UTF-8 are UTF-8, and anything
 * else is GB18030, the superset of GBK that Excel and WPS on Chinese Windows write. A GBK file of Chinese
 * text is practically never valid UTF-8, so the strict attempt decides reliably.
 */
export function decodeTextWithEncoding(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  // The decoder drops a BOM of its own encoding (ignoreBOM is false by default).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export const detectTextEncoding = (bytes: Uint8Array): TextEncoding => decodeTextWithEncoding(bytes).encoding;

export const decodeText = (bytes: Uint8Array): string => decodeTextWithEncoding(bytes).text;

/** Lenient UTF-8, for the XML parts of zip-based files. */
export const utf8Decoder = new TextDecoder('utf-8');
