import { safeStorage } from 'electron';
import type { KeyProtector } from '../backend/identity-key';

/**
 * The OS credential store for the identity-number key (electron/backend/identity-key.ts, docs/security.md), or
 * none: then the backend keeps the key in the user's key file, as browser mode does. Call once the app is ready.
 * On Linux without a keyring Electron falls back to 'basic_text', a fixed password compiled into Chromium — no
 * protection at all, so that counts as none.
 */
export function osKeyProtector(): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return safeStorage;
}
