import crypto from 'node:crypto';
import type { ColumnMapping } from '../../../core/worklist/headers';
import { createRowNormalizer, type FieldValue, type NormalizedRow, type RowNormalizer } from '../../../core/worklist/rows';
import { hash53 } from '../../../db/hash53';
import type { IdentityKeyState } from '../identity-key';

/**
 * How a work list's rows are checked and fingerprinted: the one normaliser, in the job's thread or in a large list's
 * reader thread (read-ahead.ts), and the list's content hash, in the job's thread. Imports nothing that touches the
 * workspace (db/hash53.ts is a pure function), so the reader's bundle stays free of it.
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
 * A 53-bit fingerprint of a record's content — its number, fields, identity hash and extra columns, with their keys —
 * fed in row order to its list's content hash (`ListContentHash`), by which a file bringing a list unchanged is
 * recognised. Computed walking the values (db/hash53.ts, as a score row's figures key), without building a text: it
 * was a SHA-256 of the record's JSON, ~0.85 s of the reader thread's ~5.2 s for 100,000 rows, and its garbage
 * (docs/import-memory.md "Triggers and indexes set aside"). Two rows differing get the same fingerprint with a chance
 * of about 2^-53 — then a changed list would be taken for unchanged.
 */
export function rowFingerprint(r: NormalizedRow): number {
  const h = hash53();
  h.text(r.msisdn);
  mixRecord(h, r.fields as Record<string, FieldValue | undefined>);
  h.text(r.idHash);
  mixRecord(h, r.extra);
  return h.value();
}

/** Each key's own 32-bit code, computed once: a record repeats the same few keys (mixing their text doubled the cost). */
const keyCodes = new Map<string, number>();
function keyCode(key: string): number {
  let code = keyCodes.get(key);
  if (code === undefined) {
    const h = hash53();
    h.text(key);
    code = h.value() % 0x100000000;
    keyCodes.set(key, code);
  }
  return code;
}

/** A key, then its value: null, a number or a text, each mixed its own way (an absent key is not mixed at all). */
function mixRecord(h: ReturnType<typeof hash53>, o: Readonly<Record<string, FieldValue | undefined>>): void {
  const keys = Object.keys(o);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const v = o[key];
    if (v === undefined) continue;
    h.number(keyCode(key));
    if (typeof v === 'string') h.text(v);
    else h.number(v);
  }
  h.text(null);
}

/**
 * A list's content hash: SHA-256 over its type, due date and its rows' fingerprints in file order, eight bytes each,
 * written a block at a time. Same rows, same list → same hash: importing the same file twice changes nothing. It was
 * fed the records' text until 2026-12-06, then their SHA-256 digests: a list imported before a change of what is fed
 * is taken for changed once, and stored again as it was.
 */
export class ListContentHash {
  private readonly hash: crypto.Hash;
  private readonly block = Buffer.alloc(8 * 1024);
  private at = 0;

  constructor(type: string, dueDate: string | null) {
    this.hash = crypto.createHash('sha256').update(`${type}\u0000${dueDate ?? ''}\u0000`);
  }

  add(fingerprint: number): void {
    this.block.writeDoubleLE(fingerprint, this.at);
    this.at += 8;
    if (this.at === this.block.length) {
      this.hash.update(this.block);
      this.at = 0;
    }
  }

  digest(): string {
    this.hash.update(this.block.subarray(0, this.at));
    return this.hash.digest('hex');
  }
}
