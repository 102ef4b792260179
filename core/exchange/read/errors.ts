/** The one error reading a workbook ends in: a code for the caller, a message code for the user (core/i18n). */
import type { MessageCode } from '../../i18n';

export type ExchangeErrorCode = 'too-large' | 'bad-file' | 'truncated' | 'needs-password' | 'empty';

export class ExchangeError extends Error {
  constructor(
    readonly code: ExchangeErrorCode,
    /** What to tell the user (core/i18n). */
    readonly messageCode: MessageCode,
    readonly params: Record<string, string | number> = {},
    /** The underlying parser's message, for logs only: it is English and technical. */
    readonly detail?: string,
  ) {
    super(`${code}: ${messageCode}${detail ? ` (${detail})` : ''}`);
    this.name = 'ExchangeError';
  }
}

export const MB = 1024 * 1024;
const round1 = (n: number): number => Math.round(n * 10) / 10;
/** A size in messages: megabytes, one decimal. */
export const megabytes = (bytes: number): number => round1(bytes / MB);

/** The unpacked size of a zip-based file went past `limit` bytes (declared, or really inflated). */
export function unpackedTooLarge(limit: number, detail: string): ExchangeError {
  return new ExchangeError('too-large', 'file.unpacked-too-large', { limit: megabytes(limit) }, detail);
}
