import { ApiCallError } from '../api/client';
import type { TFunction } from '../i18n';

/**
 * What to tell the agent about a failed call. Codes with a known remedy get a sentence in the UI language;
 * anything else shows the backend's own message, which is already written for people.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiCallError) {
    if (error.code === 'unauthenticated') return error.message.startsWith('Missing or wrong secret') ? t('error.unauthenticated') : t('error.signedOut');
    if (error.code === 'forbidden') return t('error.forbidden');
    // httpTransport reports a failed fetch this way (see api/transport.ts).
    if (error.code === 'internal' && error.message.startsWith('backend unreachable')) return t('error.unreachable');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
