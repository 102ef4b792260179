import { apiError, type ApiError, type JobView } from '../../../core/api';
import type { MessageCode } from '../../../core/i18n';

/*
 * A failed call or job as the renderer holds it, apart from the transports (and from the DOM) so that app/errors.ts
 * and its tests need neither. client.ts and jobs.ts export these under their usual names.
 */

/** Thrown by `api.call` when the backend answers with a failure (`{ code, messageKey, params, message }`); app/errors.ts words it. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code() {
    return this.error.code;
  }
}

/**
 * A failed or cancelled job as an error the UI describes like any failed call: the job's own code, key and
 * parameters, so it is worded in the UI's language like any other failure.
 */
export function jobError(job: JobView): ApiCallError {
  const e = job.error;
  if (!e) return new ApiCallError(apiError('internal', 'api.internal', { detail: job.phase }));
  return new ApiCallError({
    code: e.code,
    messageKey: (e.messageKey ?? 'api.internal') as MessageCode,
    params: e.params ?? (e.messageKey ? {} : { detail: e.message }),
    message: e.message,
    ...(e.details !== undefined ? { details: e.details } : {}),
  });
}
