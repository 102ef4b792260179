import crypto from 'node:crypto';
import { ApiFailure } from '../../core/api';
import type { IdentityKeyState } from './identity-key';

/**
 * The keyed hash of identity numbers (docs/security.md; the key's life is identity-key.ts): HMAC-SHA256 of the
 * 18-character number, 128 bits as hex (the `id_hash` column). Apart from the key's files and the workspace's check
 * value, so that a work list's reader thread (jobs/sheet-reader.ts) hashes with the one function the job uses.
 */
export function identityHasher(keyHex: string): (idNumber: string) => string {
  const key = Buffer.from(keyHex, 'hex');
  return (idNumber) => crypto.createHmac('sha256', key).update(idNumber).digest('hex').slice(0, 32);
}

/** The hash with a key as it was loaded: refused, in the user's words, when there is no usable key. */
export function keyHasher(state: IdentityKeyState): (idNumber: string) => string {
  if (!state.ok) throw identityKeyFailure(state.code);
  return identityHasher(state.keyHex);
}

/** No usable key, or another key than the workspace's: said, never worked around (identity-key.ts). */
export function identityKeyFailure(code: 'identity.key-unavailable' | 'identity.key-mismatch'): ApiFailure {
  return new ApiFailure('conflict', code);
}
