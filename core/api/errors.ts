/**
 * Error codes that cross the contract boundary. Every failure becomes `{ code, message }` data in
 * `electron/backend/dispatch` before it reaches a transport, so the renderer never sees a stack trace.
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

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Where the error applies, e.g. a field path or a row/column; free-form, already human-readable. */
  details?: unknown;
}

/** Thrown by handlers for expected failures; dispatch turns it into ApiError data. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
