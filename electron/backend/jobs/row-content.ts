import crypto from 'node:crypto';
import type { NormalizedRow } from '../../../core/worklist/rows';

/**
 * The digest of a record's content — its number, fields, identity hash and extra columns — fed in row order to its
 * list's content hash, by which a file bringing a list unchanged is recognised (worklist-import.ts `contentHash`).
 * Computed where the row is checked: in a large list's reader thread (read-ahead.ts), else in the job's.
 */
export function rowContentDigest(r: NormalizedRow): string {
  return crypto.createHash('sha256').update(JSON.stringify([r.msisdn, r.fields, r.idHash, r.extra])).digest('hex');
}
