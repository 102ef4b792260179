import crypto from 'node:crypto';
import { ApiFailure } from '../../core/api';
import { normalizeMsisdn } from '../../core/worklist/msisdn';

/**
 * The card's reference to its customer (core/api customerRef): the number sealed with AES-256-GCM under a key
 * made when this process starts and never written anywhere. Only this backend can open it, a reference from an
 * earlier run opens nothing (the card is simply looked up again), and a changed byte is refused. The clear number
 * leaves the backend only through the audited `customer-reveal` (issue 12 #6).
 */
const key = crypto.randomBytes(32);
const ivKey = crypto.randomBytes(32);
const PREFIX = 'c1.';

/**
 * The same customer gets the same reference for the whole run (the IV is a keyed hash of the number, as in
 * synthetic-IV encryption), so a card refreshed after a save is still "the same customer" to the screen — a
 * reveal stays shown — while the reference tells nothing about the number.
 */
export function sealCustomer(msisdn: number | string): string {
  const iv = crypto.createHmac('sha256', ivKey).update(String(msisdn)).digest().subarray(0, 12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(String(msisdn), 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The number inside a reference sealed by this run; null for anything else. */
export function openCustomer(ref: string): string | null {
  if (!ref.startsWith(PREFIX)) return null;
  const raw = Buffer.from(ref.slice(PREFIX.length), 'base64url');
  if (raw.length < 12 + 16 + 1) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * The normalised number a call is about: the one a person typed, or the one inside a card's reference.
 * `null` when the call names no customer (general feedback).
 */
export function customerNumber(input: { msisdn?: string; ref?: string }): string | null {
  if (input.ref !== undefined) {
    const number = openCustomer(input.ref);
    if (number === null) throw new ApiFailure('not-found', 'api.card-expired', {}, { field: 'ref' });
    return number;
  }
  if (input.msisdn === undefined) return null;
  const parsed = normalizeMsisdn(input.msisdn);
  if (!parsed.ok) throw new ApiFailure('invalid-input', 'api.not-a-mobile', {}, { field: 'msisdn', problem: parsed.problem });
  return String(parsed.msisdn);
}
