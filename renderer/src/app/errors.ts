import { errorText } from '../../../core/api';
import { ApiCallError } from '../api/failure';
import type { TFunction } from '../i18n/catalogue';

/**
 * What to tell the agent about a failed call, in the UI's language: the failure's message key and parameters
 * worded by core/i18n. Decided by code and key only, never by the words of a message. Two codes get the
 * screen's own sentence, which says what to do here: a session that ended, and a role that may not do this.
 */
const roleRefusals = new Set(['api.needs-role.supervisor', 'api.needs-role.agent']);

export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiCallError) {
    if (error.code === 'unauthenticated' && error.error.messageKey !== 'api.missing-secret') return t('error.signedOut');
    // A role refusal gets the screen's sentence; another refusal says what it is (a task now someone else's).
    if (error.code === 'forbidden' && roleRefusals.has(error.error.messageKey)) return t('error.forbidden');
    return errorText(t.locale, error.error);
  }
  return error instanceof Error ? error.message : String(error);
}
