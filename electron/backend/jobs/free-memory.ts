import os from 'node:os';
import { refuseBeyondMemory, type ByteSource } from '../../../core/exchange/read';

/**
 * Refuses (an ExchangeError 'file.not-enough-memory') a file that would take more memory to read than the machine has
 * free, before it is read (docs/import-memory.md). Free memory as the process may use it: a container's limit
 * included, where Node says.
 */
export function refuseWithoutMemory(bytes: Uint8Array | ByteSource): void {
  const available = (process as { availableMemory?: () => number }).availableMemory?.() ?? os.freemem();
  refuseBeyondMemory(bytes, available);
}
