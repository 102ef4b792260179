import crypto from 'node:crypto';

/**
 * PINs are stored as a slow salted hash (docs/product.md §8): scrypt with its parameters and salt in the stored value,
 * so the cost can be raised later without invalidating existing PINs.
 */
const N = 16384;
const r = 8;
const p = 1;
const keyLength = 32;

export function hashPin(pin: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(pin, salt, keyLength, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** verifyPin off the event loop (scrypt in libuv's pool): a sign-in must not stall other callers. */
export async function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    crypto.scrypt(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(rr), p: Number(pp) }, (e, key) => (e ? reject(e) : resolve(key))),
  );
  return crypto.timingSafeEqual(actual, expected);
}

/** A stored value for "no such agent": verifying against it costs the same as a real PIN, so timing tells nothing. */
export const decoyPinHash = hashPin('000000');

/** PINs nobody should choose: one digit repeated, or a straight run up or down. */
export function weakPin(pin: string): boolean {
  if (/^(\d)\1+$/u.test(pin)) return true;
  const up = '0123456789012345', down = '9876543210987654';
  return up.includes(pin) || down.includes(pin);
}
