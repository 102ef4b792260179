import Database from 'better-sqlite3';
import { ZodError, type core } from 'zod';
import { ApiFailure, apiError, failedResult, type ApiError, type ApiResult, type ErrorCode } from '../../core/api';
import { SchemaTooNewError } from '../../db/migrate';
import { isMessageCode, listParam, type MessageCode } from '../../core/i18n';

/** Every failure becomes `{ code, messageKey, params, message }` data before it crosses a process or thread boundary. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.toApiError();
  if (e instanceof ZodError) return zodFailure('invalid-input', e);
  if (e instanceof SchemaTooNewError) return apiError('conflict', 'api.schema-too-new', { found: String(e.found), supported: String(e.supported) });
  if (e instanceof Database.SqliteError) {
    const key = storageFailureKey(e.code);
    if (key) return apiError('internal', key, { detail: `${e.code}: ${e.message}` });
  }
  return apiError('internal', 'api.internal', { detail: e instanceof Error ? e.message : String(e) });
}

/**
 * SQLite's failures of the workspace file itself, said with what to do: the engine's "disk I/O error" (another SQLite
 * tool had opened a live workspace and removed its write-ahead log) reached the user as it was. Its code and words
 * stay in `detail` for the log. Extended codes (SQLITE_IOERR_SHORT_READ) are matched by their primary code.
 */
function storageFailureKey(code: string): 'api.storage-io' | 'api.storage-full' | 'api.storage-corrupt' | 'api.storage-readonly' | 'api.storage-busy' | null {
  const primary = code.split('_').slice(0, 2).join('_');
  switch (primary) {
    case 'SQLITE_IOERR':
    case 'SQLITE_CANTOPEN':
      return 'api.storage-io';
    case 'SQLITE_FULL':
      return 'api.storage-full';
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return 'api.storage-corrupt';
    case 'SQLITE_READONLY':
      return 'api.storage-readonly';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'api.storage-busy';
    default:
      return null;
  }
}

export function failure(e: unknown): ApiResult<never> {
  const error = toApiError(e);
  return failedResult(error.code, error.messageKey, error.params, error.details);
}

/** Input that fails its schema: the first problem in words (field and zod's own words), every problem in details. */
export function zodFailure(code: ErrorCode, e: ZodError): ApiError {
  const [first] = e.issues;
  // A schema check that words its own problem (the condition language's rule.* codes, with the place in the
  // parameters) is said in those words rather than zod's.
  const own = first?.code === 'custom' ? (first.params as Record<string, unknown> | undefined) : undefined;
  if (own && typeof own.messageKey === 'string' && isMessageCode(own.messageKey)) {
    const { messageKey: _key, ...rest } = own;
    const messageKey = own.messageKey;
    const params = Object.fromEntries(Object.entries(rest).filter((kv): kv is [string, string | number] => typeof kv[1] === 'string' || typeof kv[1] === 'number'));
    return apiError(code, messageKey, params, e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const params = { field: first?.path.length ? first.path.join('.') : 'input', ...(first ? inputProblem(first) : { problem: '' }) };
  const more = e.issues.length - 1;
  const details = e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return more > 0 ? apiError(code, 'api.invalid-input.more', { ...params, more }, details) : apiError(code, 'api.invalid-input', params, details);
}

/**
 * One schema problem in our words: its message key as `problem`, with what that message says. zod words its issues in
 * English when it parses; a Chinese CLI or screen printed "Invalid string: must match pattern /^\d{4}-\d{2}-\d{2}$/".
 * A check with words of its own that are not a message key (a custom refinement) keeps them.
 */
export function inputProblem(issue: core.$ZodIssue): { problem: MessageCode | string } & Record<string, string | number> {
  const said = (problem: MessageCode, more: Record<string, string | number> = {}) => ({ problem, ...more });
  const bound = (n: number | bigint) => (typeof n === 'bigint' ? n.toString() : n);
  switch (issue.code) {
    case 'invalid_type': {
      // zod gives what it received only in its words; a missing field is what a user most often meets.
      if (/received undefined$/.test(issue.message)) return said('api.input.required');
      switch (issue.expected) {
        case 'number':
        case 'bigint':
          return said('api.input.expected-number');
        case 'int':
          return said('api.input.expected-integer');
        case 'string':
          return said('api.input.expected-text');
        case 'boolean':
          return said('api.input.expected-boolean');
        case 'array':
        case 'tuple':
          return said('api.input.expected-list');
        case 'object':
        case 'record':
          return said('api.input.expected-object');
        default:
          return said('api.input.wrong-kind', { expected: issue.expected });
      }
    }
    case 'too_small': {
      const limit = bound(issue.minimum);
      if (issue.origin === 'string') return limit === 1 ? said('api.input.required') : said('api.input.text-at-least', { limit });
      if (issue.origin === 'array' || issue.origin === 'set') return said('api.input.items-at-least', { limit });
      return said(issue.inclusive === false ? 'api.input.above' : 'api.input.at-least', { limit });
    }
    case 'too_big': {
      const limit = bound(issue.maximum);
      if (issue.origin === 'string') return said('api.input.text-at-most', { limit });
      if (issue.origin === 'array' || issue.origin === 'set') return said('api.input.items-at-most', { limit });
      return said(issue.inclusive === false ? 'api.input.below' : 'api.input.at-most', { limit });
    }
    case 'not_multiple_of':
      return issue.divisor === 1 ? said('api.input.expected-integer') : said('api.input.multiple-of', { divisor: bound(issue.divisor) });
    case 'invalid_format':
      return said('api.input.bad-format');
    case 'invalid_value':
      return said('api.input.one-of', { values: listParam(issue.values.map((v) => String(v))) });
    case 'unrecognized_keys':
      return said('api.input.unknown-fields', { keys: listParam(issue.keys) });
    case 'custom':
      return { problem: issue.message };
    default:
      return said('api.input.invalid');
  }
}
