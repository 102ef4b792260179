import Database from 'better-sqlite3';
import { ZodError } from 'zod';
import { ApiFailure, apiError, failedResult, type ApiError, type ApiResult, type ErrorCode } from '../../core/api';
import { SchemaTooNewError } from '../../db/migrate';
import { isMessageCode } from '../../core/i18n';

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
  const params = { field: first?.path.length ? first.path.join('.') : 'input', problem: first?.message ?? '' };
  const more = e.issues.length - 1;
  const details = e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return more > 0 ? apiError(code, 'api.invalid-input.more', { ...params, more }, details) : apiError(code, 'api.invalid-input', params, details);
}
