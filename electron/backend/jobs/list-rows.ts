import crypto from 'node:crypto';
import type { ColumnMapping } from '../../../core/worklist/headers';
import { createRowNormalizer, type FieldValue, type NormalizedRow, type RowNormalizer } from '../../../core/worklist/rows';
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
 * A 53-bit fingerprint of a record's content — its number, fields, identity hash and extra columns, with their keys and
 * kinds — fed in row order to its list's content hash (`ListContentHash`), by which a file bringing a list unchanged is
 * recognised. Computed walking the values, without building a text: it was a SHA-256 of the record's JSON, ~0.85 s of
 * the reader thread's ~4.5 s for 100,000 rows, and its garbage (docs/import-memory.md "Reading beside storing").
 * Two rows differing in anything get the same fingerprint with a chance of about 2^-53 — then a changed list would be
 * taken for unchanged; the lanes are cyrb53's (two multiplicative 32-bit hashes, public domain), good for data that
 * is not made to collide: a file the user imports for themselves.
 */
export function rowFingerprint(r: NormalizedRow): number {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  mixText(r.msisdn);
  mixRecord(r.fields as Record<string, FieldValue | undefined>);
  if (r.idHash === null) mix(NULL);
  else mixText(r.idHash);
  mixRecord(r.extra);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

// The lanes, and markers above every UTF-16 unit: a text's end, a key's end, null, a number, a record's end.
let h1 = 0;
let h2 = 0;
const TEXT = 0x10001;
const KEY = 0x10002;
const NULL = 0x10003;
const NUMBER = 0x10004;
const END = 0x10005;
const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

function mix(unit: number): void {
  h1 = Math.imul(h1 ^ unit, 2654435761);
  h2 = Math.imul(h2 ^ unit, 1597334677);
}

function mixText(s: string): void {
  for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
  mix(TEXT);
}

/** Each key's own 32-bit FNV-1a code, computed once: a record repeats the same few keys (half the work when mixed). */
const keyCodes = new Map<string, number>();
function keyCode(key: string): number {
  let code = keyCodes.get(key);
  if (code === undefined) {
    code = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) code = Math.imul(code ^ key.charCodeAt(i), 16777619);
    keyCodes.set(key, code);
  }
  return code;
}

function mixRecord(o: Readonly<Record<string, FieldValue | undefined>>): void {
  const keys = Object.keys(o);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const v = o[key];
    if (v === undefined) continue;
    mix(keyCode(key));
    mix(KEY);
    if (v === null) mix(NULL);
    else if (typeof v === 'number') {
      float[0] = v;
      mix(NUMBER);
      mix(words[0]!);
      mix(words[1]!);
    } else mixText(v);
  }
  mix(END);
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
