import { ZodError } from 'zod';
import { ApiFailure, apiError, failedResult, type ApiError, type ApiResult, type ErrorCode } from '../../core/api';
import { SchemaTooNewError } from '../../db/migrate';

/** Every failure becomes `{ code, messageKey, params, message }` data before it crosses a process or thread boundary. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.toApiError();
  if (e instanceof ZodError) return zodFailure('invalid-input', e);
  if (e instanceof SchemaTooNewError) return apiError('conflict', 'api.schema-too-new', { found: String(e.found), supported: String(e.supported) });
  return apiError('internal', 'api.internal', { detail: e instanceof Error ? e.message : String(e) });
}

export function failure(e: unknown): ApiResult<never> {
  const error = toApiError(e);
  return failedResult(error.code, error.messageKey, error.params, error.details);
}

/** Input that fails its schema: the first problem in words (field and zod's own words), every problem in details. */
export function zodFailure(code: ErrorCode, e: ZodError): ApiError {
  const [first] = e.issues;
  const params = { field: first?.path.length ? first.path.join('.') : 'input', problem: first?.message ?? '' };
  const more = e.issues.length - 1;
  const details = e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return more > 0 ? apiError(code, 'api.invalid-input.more', { ...params, more }, details) : apiError(code, 'api.invalid-input', params, details);
}
