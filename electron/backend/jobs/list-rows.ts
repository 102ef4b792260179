import crypto from 'node:crypto';
import type { ColumnMapping } from '../../../core/worklist/headers';
import { createRowNormalizer, type NormalizedRow, type RowNormalizer } from '../../../core/worklist/rows';
import type { IdentityKeyState } from '../identity-key';

/**
 * How a work list's rows are checked, in the job's thread or in a large list's reader thread (read-ahead.ts): the
 * one normaliser, and the digest of a record's content. Imports nothing that touches the workspace, so the reader's
 * bundle stays free of it.
 */

/**
 * The normaliser of a list's rows. The keyed hash is set up on the first identity number, by `hasherFor` (the job's
 * also records the workspace's check value of the key): a file without one needs no key. Without `key` nothing is
 * hashed — what stores nothing (the preview, training, prediction) works even where the key is not, so the user can
 * leave the identity column out.
 */
export function listRowNormalizer(
  mapping: readonly ColumnMapping[],
  today: string,
  key: IdentityKeyState | undefined,
  hasherFor: (key: IdentityKeyState) => (id: string) => string,
): RowNormalizer {
  let hash: ((id: string) => string) | undefined;
  return createRowNormalizer(mapping, { today, hashId: (id) => (key ? (hash ??= hasherFor(key))(id) : null) });
}

/**
 * The digest of a record's content — its number, fields, identity hash and extra columns — fed in row order to its
 * list's content hash, by which a file bringing a list unchanged is recognised (worklist-import.ts `contentHash`).
 */
export function rowContentDigest(r: NormalizedRow): string {
  return crypto.createHash('sha256').update(JSON.stringify([r.msisdn, r.fields, r.idHash, r.extra])).digest('hex');
}
