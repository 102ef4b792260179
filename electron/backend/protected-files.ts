import officeCrypto from 'officecrypto-tool';
import { ApiFailure } from '../../core/api';
import { encryptedPackageContainer } from '../../core/exchange/compound-file';
import { cfbApi } from '../../core/exchange/read/cfb';

/**
 * Password-protected workbooks (docs/product.md §7.3): standard ECMA-376 (Office) encryption, so Excel, WPS and
 * LibreOffice themselves ask for the password. officecrypto-tool writes the agile scheme Excel 2010+ uses
 * (AES-256, SHA-512 key derivation) and reads agile and standard files. Node-only: it needs Buffer.
 */

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Encrypts an xlsx so that opening it asks for `password`. officecrypto-tool does the cryptography; its two
 * streams are then put in a container of our own (core/exchange/compound-file.ts) with the \u0006DataSpaces storage
 * [MS-OFFCRYPTO] §2.3.4.1 requires and without the stray stream its CFB library adds (issue 18 #9).
 */
export async function protectWorkbook(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  if (!password) throw new ApiFailure('invalid-input', 'api.password-empty');
  const out = await officeCrypto.encrypt(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { password });
  const cfb = cfbApi.read(out, { type: 'buffer' });
  const stream = (name: string): Uint8Array => {
    const entry = cfbApi.find(cfb, name);
    if (!entry?.content) throw new Error(`the encrypted workbook has no ${name} stream`);
    return Uint8Array.from(entry.content);
  };
  return encryptedPackageContainer(stream('EncryptionInfo'), stream('EncryptedPackage'));
}

/** Whether the bytes start as an OLE compound file does (an encrypted workbook, an xls): the first 8 are enough. */
export function isCompoundFile(head: Uint8Array): boolean {
  return head.length >= CFB_SIGNATURE.length && CFB_SIGNATURE.every((b, i) => head[i] === b);
}

/**
 * True for an encrypted Office file. An encrypted xlsx is an OLE compound file (not a zip) holding an
 * EncryptionInfo stream, so only compound files are asked about; a plain xls is a compound file too, and the
 * library tells the two apart.
 */
export function isProtectedWorkbook(bytes: Uint8Array): boolean {
  if (!isCompoundFile(bytes)) return false;
  try {
    return officeCrypto.isEncrypted(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    // A damaged compound file: not ours to judge here; the workbook reader reports it as a bad file.
    return false;
  }
}

const wrongPassword = () => new ApiFailure('wrong-password', 'api.wrong-password');

/**
 * The decrypted workbook. A missing password is a 'needs-password' failure and a wrong one 'wrong-password', in plain words, whatever the library
 * threw: depending on the scheme it either reports the mismatch or returns bytes that are not a workbook,
 * so the result is checked to be a zip (xlsx) or a compound file (xls) too.
 */
export async function openProtectedWorkbook(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  if (!password) throw new ApiFailure('needs-password', 'api.needs-password');
  let out: Buffer;
  try {
    out = await officeCrypto.decrypt(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { password });
  } catch {
    throw wrongPassword();
  }
  const isZip = out.length > 4 && out[0] === 0x50 && out[1] === 0x4b && out[2] === 0x03 && out[3] === 0x04;
  const isCfb = out.length > 8 && CFB_SIGNATURE.every((b, i) => out[i] === b);
  if (!isZip && !isCfb) throw wrongPassword();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
