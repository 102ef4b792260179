import { formatMessage, isMessageCode, type Locale, type MessageCode, type MessageParams } from '../i18n';

/**
 * Error codes that cross the contract boundary. Every failure becomes `{ code, messageKey, params, message }` data
 * in `electron/backend/dispatch` before it reaches a transport, so the renderer never sees a stack trace.
 */
export const errorCodes = [
  'invalid-input', // input failed the operation's zod schema
  'unknown-operation',
  'not-found',
  'forbidden', // the caller's role may not run this operation
  'unauthenticated', // no session, or it ended (idle); sign in again
  'wrong-pin', // sign-in with an unknown agent id or a wrong PIN (never says which)
  'locked', // too many wrong PINs: sign-in refused for a while
  'rate-limited', // too many look-ups in a short time (an agent typing numbers is far slower): wait a moment
  'conflict',
  'bad-file', // a file that cannot be read as what it claims to be
  'needs-password', // a protected file was given without its password
  'wrong-password', // a protected file was given with the wrong password
  'too-large',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * A failure as data: a code a program can act on, and a message key with parameters that whoever shows it words
 * in its reader's language (core/i18n api-messages and the readers' codes). `message` is the English wording,
 * for logs and old clients; nothing decides anything by its text.
 */
export interface ApiError {
  code: ErrorCode;
  messageKey: MessageCode;
  params: MessageParams;
  message: string;
  /** Where the error applies, e.g. a field path or a row/column, or the problems behind it (a file's header issues). */
  details?: unknown;
}

/** The one way an ApiError is made, so that `message` is always the English wording of its key. */
export function apiError(code: ErrorCode, messageKey: MessageCode, params: MessageParams = {}, details?: unknown): ApiError {
  const error: ApiError = { code, messageKey, params, message: formatMessage('en', messageKey, params) };
  return details === undefined ? error : { ...error, details };
}

/** The one helper that builds a failed result, `{ ok: false, error }`. */
export function failedResult(code: ErrorCode, messageKey: MessageCode, params: MessageParams = {}, details?: unknown): { ok: false; error: ApiError } {
  return { ok: false, error: apiError(code, messageKey, params, details) };
}

/** Thrown by handlers for expected failures; dispatch turns it into ApiError data. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageCode,
    readonly params: MessageParams = {},
    readonly details?: unknown,
  ) {
    super(formatMessage('en', messageKey, params));
    this.name = 'ApiFailure';
  }

  /** The failure as data, for a result or a job's error. */
  toApiError(): ApiError {
    return apiError(this.code, this.messageKey, this.params, this.details);
  }
}

/**
 * A failure made of a reader's coded problems (a file's header issues): worded as the first, with how many more
 * there are; all of them travel in `details.issues` for a screen or a workbook to list.
 */
export function problemsFailure(code: ErrorCode, problems: readonly { code: MessageCode; params: MessageParams }[], issues: unknown): ApiFailure {
  const [first, ...rest] = problems;
  if (!first) return new ApiFailure(code, 'file.empty', {}, { issues });
  if (rest.length === 0) return new ApiFailure(code, first.code, first.params, { issues });
  return new ApiFailure(code, 'api.file-problems', { ...first.params, problem: first.code, more: rest.length }, { issues });
}

/**
 * A failure in the reader's language: its key and parameters worded in `locale`. An error without a key (from a
 * component older than keys) is shown by its English message.
 */
export function errorText(locale: Locale, error: { messageKey?: string; params?: MessageParams; message: string }): string {
  // A key this build does not know (a window older than its backend) is never shown as the key: the backend's words are.
  return error.messageKey && isMessageCode(error.messageKey) ? formatMessage(locale, error.messageKey, error.params) : error.message;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * Why a supervisor ended an agent's sessions (a PIN reset, the account turned off or changed), and the message the
 * ended session's next call is refused with, for the agent's screen to say (docs/product.md §8). One table for the
 * backend that refuses and the screen that reads the refusal.
 */
export const sessionEndMessages = {
  'pin-reset': 'api.session-ended.pin-reset',
  'account-off': 'api.session-ended.account-off',
  'account-changed': 'api.session-ended.account-changed',
} as const satisfies Record<string, MessageCode>;
export type SessionEndReason = keyof typeof sessionEndMessages;
