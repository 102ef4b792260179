import { ZodError } from 'zod';
import { ApiFailure, type ApiError, type ApiResult } from '../../core/api';
import { SchemaTooNewError } from '../../db/migrate';

/** Every failure becomes `{ code, message }` data before it crosses a process or thread boundary. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
  if (e instanceof ZodError) return { code: 'invalid-input', message: describeZodError(e) };
  if (e instanceof SchemaTooNewError) return { code: 'conflict', message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export const failure = (e: unknown): ApiResult<never> => ({ ok: false, error: toApiError(e) });

export function describeZodError(e: ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
    .join('; ');
}
