import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getWorkspaceValue, setWorkspaceValue } from '../../db/workspace';
import type { Db } from '../../db/connection';
import { identityHasher, identityKeyFailure, keyHasher } from './identity-hash';

/**
 * The secret key of the identity-number hash (docs/security.md). Identity numbers are kept only as
 * HMAC-SHA256(key, number); the key is never in the workspace, so the workspace file alone does not let anyone
 * test a guess — unlike a salt stored beside the hashes, with which the few million valid numbers of one region
 * and birth year are tried in seconds.
 *
 * Where the key lives:
 *  - desktop app: encrypted with the OS credential store through Electron's `safeStorage` (DPAPI, Keychain,
 *    libsecret), the ciphertext in `<workspace>.idkey` beside the workspace. electron/main hands `safeStorage` in as
 *    the `KeyProtector`; nothing here imports Electron.
 *  - browser mode and the CLI (and the desktop where the credential store is unavailable): the key file
 *    `identity.key` in the app's home folder (electron/backend/paths.ts), readable only by the user (0600).
 * The key is created on first use. A desktop that finds no protected key but a key file adopts the key file's key
 * (encrypting a copy beside the workspace), so a workspace first used in browser mode keeps linking. The reverse is
 * impossible by design: a key created by the desktop's credential store cannot be read by the CLI; importing
 * identity numbers there is refused with `identity.key-unavailable`.
 *
 * The workspace records a check value of the key (an HMAC of a fixed label, which tells nothing about the key or
 * any number): importing with a different key would silently stop linking a person's lines, so it is refused with
 * `identity.key-mismatch`.
 */

/** What electron/main passes in: Electron's `safeStorage` has exactly these. */
export interface KeyProtector {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

export const KEY_FILE_NAME = 'identity.key';
const KEY_BYTES = 32;
const KEY_TEXT = /^[0-9a-f]{64}$/;

/** Where the desktop keeps its protected copy of the key: beside the workspace, never inside it. */
export const protectedKeyPath = (dbPath: string): string => `${path.resolve(dbPath)}.idkey`;

/** The key, or why there is none here (a message code of core/i18n). Passed to job workers as it is. */
export type IdentityKeyState = { ok: true; keyHex: string } | { ok: false; code: 'identity.key-unavailable' };

export interface IdentityKeyOptions {
  dbPath: string;
  /** The folder of the user's key file: the app's home folder (paths.ts defaultDataDir). */
  keyDir: string;
  protector?: KeyProtector;
}

/** Writes a file readable by the user only, whole or not at all. */
function writePrivate(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text, { mode: 0o600 });
  fs.renameSync(partial, file);
}

function readKeyFile(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!KEY_TEXT.test(text)) throw new Error(`The identity key file ${file} is damaged (expected ${KEY_BYTES * 2} hex digits).`);
  // A key file made readable by others (copied, restored from an archive) goes back to the user only.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return text;
}

/** The key file of browser mode and the CLI, created on first use; another process creating it at once wins. */
function keyFromFile(file: string): string {
  const existing = readKeyFile(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(KEY_BYTES).toString('hex');
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file)!;
    throw e;
  }
}

/** Finds (or creates) the identity key for a workspace. */
export function loadIdentityKey(opts: IdentityKeyOptions): IdentityKeyState {
  const keyFile = path.join(opts.keyDir, KEY_FILE_NAME);
  const sealed = protectedKeyPath(opts.dbPath);
  const protector = opts.protector?.isEncryptionAvailable() ? opts.protector : undefined;
  if (protector) {
    if (fs.existsSync(sealed)) {
      let key: string;
      try {
        key = protector.decryptString(fs.readFileSync(sealed)).trim();
      } catch {
        // Sealed by another user's or another computer's credential store (a copied workspace): not ours to open.
        return { ok: false, code: 'identity.key-unavailable' };
      }
      if (!KEY_TEXT.test(key)) throw new Error(`The protected identity key ${sealed} is damaged.`);
      return { ok: true, keyHex: key };
    }
    const key = readKeyFile(keyFile) ?? crypto.randomBytes(KEY_BYTES).toString('hex');
    writePrivate(sealed, protector.encryptString(key));
    return { ok: true, keyHex: key };
  }
  const fromFile = readKeyFile(keyFile);
  if (fromFile) return { ok: true, keyHex: fromFile };
  // The desktop holds this workspace's key in its credential store: a new key here would hash the same person
  // differently, so there is no key rather than a wrong one.
  if (fs.existsSync(sealed)) return { ok: false, code: 'identity.key-unavailable' };
  return { ok: true, keyHex: keyFromFile(keyFile) };
}

/** HMAC-SHA256 of the 18-character identity number, 128 bits as hex (the `id_hash` column). */
export function identityHash(keyHex: string, idNumber: string): string {
  return identityHasher(keyHex)(idNumber);
}

/** A value that identifies the key without revealing it (an HMAC of a fixed label), kept in the workspace. */
export function keyCheckValue(keyHex: string): string {
  return identityHash(keyHex, 'retention-desk identity-key check v1');
}

/**
 * The hash function for identity numbers in this workspace: keyed, and only with the workspace's own key (the
 * first key used records its check value). Refuses with a clear message when there is no usable key; called only
 * when a file actually has an identity column, so every other import works without a key.
 */
export function identityHasherFor(db: Db, state: IdentityKeyState): (id: string) => string {
  const hasher = keyHasher(state);
  checkIdentityKey(db, state as IdentityKeyState & { ok: true });
  return hasher;
}

/**
 * The workspace's own key only: the first key used records its check value, another one is refused. Also for a large
 * list whose identity numbers were hashed in its reader thread (worklist-import.ts `checkRows`).
 */
export function checkIdentityKey(db: Db, state: IdentityKeyState & { ok: true }): void {
  const check = keyCheckValue(state.keyHex);
  const recorded = getWorkspaceValue(db, 'id_key_check');
  if (recorded === undefined) setWorkspaceValue(db, 'id_key_check', check);
  else if (recorded !== check) throw identityKeyFailure('identity.key-mismatch');
}
